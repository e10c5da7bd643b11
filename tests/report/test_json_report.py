"""The JSON a hit and a JSON line are written as: exactly what json.dumps writes for their dicts."""

import json

from hypothesis import given, settings, strategies as st

from detector.explain import Hit, HitEvidence
from detector.report import json_report

# any text, quotes, backslashes, control characters and lone surrogates included
texts = st.text(st.characters(blacklist_categories=()), max_size=12)
few_texts = st.sampled_from(["rule.a", "doubt", "x\"y\\z", "é\u2028", "\x00\x1f"])
offsets = st.integers(0, 10**9)

evidence = st.builds(HitEvidence, element=texts, start=offsets, end=offsets, text=texts,
                     lexicon=st.none() | texts)
hits = st.builds(
    Hit, rule=few_texts, technique=few_texts, start=offsets, end=offsets, line=offsets, column=offsets,
    end_line=offsets, end_column=offsets, text=texts, message=texts,
    severity=st.sampled_from(["info", "warning"]), confidence=st.floats(allow_nan=False) | st.sampled_from([0.5, 1.0, 1]),
    rule_source=few_texts, pattern=texts, technique_name=few_texts, technique_definition=texts,
    evidence=st.lists(evidence, max_size=3))


def _compact(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


@settings(max_examples=300, deadline=None)
@given(hit=hits)
def test_a_hit_writes_the_json_of_its_dict(hit):
    assert hit.to_json() == _compact(hit.to_dict())


# "lang" and "hits" cannot be passed (they name parameters), "id" can
extras = st.dictionaries(st.sampled_from(["errors", "path", "id", "n"]),
                         st.none() | st.integers() | texts | st.lists(texts, max_size=2), max_size=3)


@settings(max_examples=200, deadline=None)
@given(doc_id=st.none() | st.integers() | texts, lang=st.sampled_from(["en", "fr"]),
       found=st.lists(hits, max_size=3), extra=extras)
def test_a_line_is_the_json_of_its_object(doc_id, lang, found, extra):
    expected = _compact({"id": doc_id, "lang": lang, "hits": [h.to_dict() for h in found], **extra})
    assert json_report.line(doc_id, lang, found, **extra) == expected
