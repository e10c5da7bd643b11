"""The matcher, rule kind by rule kind, on small packs written for each test."""

import pytest

from detector.linter import Linter
from detector.rules.loader import load_rules
from helpers import write_pack


def rule(rid, kind, body, technique="doubt", message="{match}"):
    return (f"- id: {rid}\n  kind: {kind}\n  technique: {technique}\n  confidence: 0.5\n"
            f"  message: \"{message}\"\n{body}  examples: {{hit: [\"x\"], ok: [\"y\"]}}\n")


def linter_for(tmp_path, rules_yaml, lang="en", lexicons=None, manifest_extra=""):
    write_pack(tmp_path, rules_yaml, lang=lang, lexicons=lexicons, manifest_extra=manifest_extra)
    ruleset = load_rules([tmp_path], include_default=False)
    assert ruleset.errors == []
    return Linter(ruleset)


def hits(linter, text, lang="en", fmt="text"):
    return [(h.rule, h.text) for h in linter.lint_text(text, lang=lang, fmt=fmt).hits]


def test_phrase_rule_finds_multiword_entries_longest_first(tmp_path):
    linter = linter_for(tmp_path, rule("t.p", "phrase", "  lexicons: ['@lex']\n"),
                        lexicons={"lex": "# comment\nsources\nsources close to\n"})
    found = linter.lint_text("Sources close to the talks spoke. Other sources agreed.", lang="en").hits
    assert [h.text for h in found] == ["Sources close to", "sources"]
    assert found[0].evidence[0].lexicon.endswith("lexicons/lex.txt:3")
    assert found[1].evidence[0].lexicon.endswith("lexicons/lex.txt:2")


def test_inline_phrases_point_at_their_rule_file_line(tmp_path):
    body = "  phrases:\n    - now or never\n    - time is running out\n"
    linter = linter_for(tmp_path, rule("t.p", "phrase", body))
    found = linter.lint_text("Time is running out, and it is now or never.", lang="en").hits
    assert [h.text for h in found] == ["Time is running out", "now or never"]
    assert found[0].evidence[0].lexicon.endswith("rules.yaml:8")
    assert found[1].evidence[0].lexicon.endswith("rules.yaml:7")


def test_lemma_lexicon_matches_inflections(tmp_path):
    linter = linter_for(tmp_path, rule("t.l", "phrase", "  lexicons: ['@charged']\n"), lang="fr",
                        lexicons={"charged": "dévastateur\n"}, manifest_extra="lexicons:\n  charged: {match: lemma}\n")
    assert hits(linter, "Des frappes dévastatrices et un bilan dévastateur.", lang="fr") == [
        ("t.l", "dévastatrices"), ("t.l", "dévastateur")]


@pytest.mark.parametrize("pattern, text, expected", [
    ("so-called :word", "The so-called plan failed.", ["so-called plan"]),
    ("lemma:raise _{0,2} questions", "It raised serious questions.", ["raised serious questions"]),
    ("/^anti\\w+$/i :word", "An Antiwar rally began.", ["Antiwar rally"]),
    ("(total | complete) (failure | defeat)", "A complete defeat and a total failure.", ["complete defeat", "total failure"]),
    ("very+ bad", "very very bad", ["very very bad"]),
    ("a b? c", "a c and a b c", ["a c", "a b c"]),
    ("x{2} y", "x y. x x y", ["x x y"]),
    ("the !plan :word", "the plan works, the idea works", ["the idea works"]),
    ("^ what about", "What about them? Tell me what about it.", ["What about"]),
    ("enough said $", "That is enough said. Enough said is a phrase.", ["enough said"]),
    ("\"?\" \"!\"", "Really ? ! yes", ["? !"]),
    (":cap :cap", "met John Smith today", ["John Smith"]),
])
def test_pattern_features(tmp_path, pattern, text, expected):
    linter = linter_for(tmp_path, rule("t.x", "pattern", f"  pattern: '{pattern}'\n"))
    assert [t for _, t in hits(linter, text)] == expected


def test_patterns_do_not_cross_sentences(tmp_path):
    linter = linter_for(tmp_path, rule("t.x", "pattern", "  pattern: 'total _{0,3} failure'\n"))
    assert hits(linter, "It was total. Failure came later.") == []


def test_captures_fill_the_message_and_evidence_names_elements(tmp_path):
    body = "  pattern: 'the who=(regime | junta) of place=:cap'\n"
    linter = linter_for(tmp_path, rule("t.c", "pattern", body, message="label {who} for {place}"))
    (hit,) = linter.lint_text("They blamed the regime of Northland again.", lang="en").hits
    assert hit.message == "label regime for Northland"
    assert [(e.element, e.text) for e in hit.evidence] == [("the", "the"), ("regime", "regime"), ("of", "of"), (":cap", "Northland")]


def test_unless_removes_overlapping_matches_only(tmp_path):
    body = "  pattern: 'supposed :word'\n  unless: ['supposed to']\n"
    linter = linter_for(tmp_path, rule("t.u", "pattern", body))
    assert hits(linter, "They were supposed to come. The supposed reform failed.") == [("t.u", "supposed reform")]


def test_speech_is_excluded_by_default_and_can_be_included(tmp_path):
    text = "« Ce régime est criminel », a déclaré la ministre. Ce régime est criminel."
    default = linter_for(tmp_path / "a", rule("t.s", "pattern", "  pattern: criminel\n"), lang="fr")
    assert len(hits(default, text, lang="fr")) == 1
    everywhere = linter_for(tmp_path / "b", rule("t.s", "pattern", "  pattern: criminel\n  exclude: []\n"), lang="fr")
    assert len(hits(everywhere, text, lang="fr")) == 2


def test_scopes_include_headings_only(tmp_path):
    linter = linter_for(tmp_path, rule("t.h", "pattern", "  pattern: shameful\n  include: [heading]\n"))
    text = "# A shameful deal\n\nThe shameful deal was signed.\n"
    found = linter.lint_text(text, lang="en", fmt="markdown").hits
    assert [(h.line, h.text) for h in found] == [(1, "shameful")]


def test_regex_rule_runs_only_where_its_guard_occurs_and_reports_group_hit(tmp_path):
    body = "  regex: '«\\s?(?P<hit>\\w+)\\s?»'\n  guard: ['«']\n  exclude: []\n"
    linter = linter_for(tmp_path, rule("t.r", "regex", body, message="quoted {hit}"), lang="fr")
    (hit,) = linter.lint_text("Une « démocratie » sans opposition.", lang="fr").hits
    assert hit.text == "démocratie" and hit.message == "quoted démocratie"


def test_cooccurrence_needs_every_part_within_distance_and_order(tmp_path):
    body = ("  all: ['(analysts | experts)', '(remain | are) sceptical']\n  max_distance: 2\n  ordered: true\n")
    linter = linter_for(tmp_path, rule("t.co", "cooccurrence", body))
    assert hits(linter, "Analysts remain sceptical.") == [("t.co", "Analysts remain sceptical")]
    assert hits(linter, "Analysts in the capital and the region remain sceptical.") == []
    assert hits(linter, "Remain sceptical, analysts said.") == []
    assert hits(linter, "Analysts met. They remain sceptical.") == []


def test_cooccurrence_can_report_one_part(tmp_path):
    body = "  all: ['experts', 'agree']\n  report: 1\n  unit: paragraph\n"
    linter = linter_for(tmp_path, rule("t.co", "cooccurrence", body))
    assert hits(linter, "Experts met. They agree.") == [("t.co", "agree")]


@pytest.mark.parametrize("unit", ["sentence", "paragraph"])
def test_later_cooccurrence_parts_are_searched_only_where_the_earlier_ones_matched(tmp_path, unit, monkeypatch):
    # the second and third parts occur in many units, but count only beside the first part:
    # the hits are those of a search of every part over the whole document
    body = f"  all: ['experts', 'agree', 'today']\n  unit: {unit}\n"
    linter = linter_for(tmp_path, rule("t.co", "cooccurrence", body))
    text = ("They agree today. Experts agree today.\n\nWe agree today.\n\n"
            "Experts met. Today they agree, experts agree.\n\nExperts agree.")
    narrowed = [(h.start, h.end, h.evidence) for h in linter.lint_text(text, lang="en").hits]
    from detector.engine import cooccurrence

    monkeypatch.setattr(cooccurrence, "_sentences_of", lambda ctx, unit, units: None)
    whole = [(h.start, h.end, h.evidence) for h in Linter(linter.ruleset).lint_text(text, lang="en").hits]
    assert narrowed == whole and len(narrowed) == 2
    if unit == "sentence":
        assert [text[a:b] for a, b, _ in narrowed] == ["Experts agree today", "Today they agree, experts"]


def test_repetition_reports_later_occurrences_only(tmp_path):
    body = "  ngram: [2, 3]\n  stopwords: '@stop'\n"
    linter = linter_for(tmp_path, rule("t.rep", "repetition", body, technique="repetition"),
                        lexicons={"stop": "the\na\n"})
    text = "Lasting peace now. We want lasting peace. Lasting peace for all. Anna Berg came. Anna Berg left."
    found = linter.lint_text(text, lang="en").hits
    assert [h.text for h in found] == ["lasting peace", "Lasting peace"]
    assert found[0].evidence[0].text == "Lasting peace" and found[0].evidence[0].start == 0


def test_hit_offsets_and_positions_point_into_the_original_html(tmp_path):
    linter = linter_for(tmp_path, rule("t.x", "pattern", "  pattern: so-called :word\n"))
    html = "<html><body>\r\n<p>The <b>so-called</b> plan&nbsp;failed.</p></body></html>"
    (hit,) = linter.lint_text(html, lang="en", fmt="html").hits
    assert html[hit.start:hit.end] == hit.text == "so-called</b> plan"
    assert (hit.line, hit.column) == (2, 11)


def test_hits_are_sorted_and_deduplicated(tmp_path):
    rules = rule("t.a", "pattern", "  pattern: shameful\n") + rule("t.b", "pattern", "  pattern: deal\n")
    linter = linter_for(tmp_path, rules)
    found = linter.lint_text("A deal, a shameful deal.", lang="en").hits
    assert [(h.rule, h.start) for h in found] == [("t.b", 2), ("t.a", 10), ("t.b", 19)]


def test_a_capture_named_hit_narrows_the_reported_span(tmp_path):
    body = "  pattern: 'the hit=(regime | junta) of :cap'\n"
    linter = linter_for(tmp_path, rule("t.n", "pattern", body))
    (hit,) = linter.lint_text("They blamed the junta of Northland.", lang="en").hits
    assert hit.text == "junta" and hit.evidence[-1].text == "Northland"


def test_unless_index_agrees_with_pairwise_overlap():
    from hypothesis import given, strategies as st

    from detector.engine.context import RawMatch
    from detector.engine.filters import UnlessIndex

    spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda t: RawMatch(t[0], t[0] + t[1])), max_size=12)

    @given(unless=spans, matches=spans)
    def check(unless, matches):
        index = UnlessIndex(unless)
        for m in matches:
            assert index.overlaps(m) == any(u.start < m.end and m.start < u.end for u in unless)

    check()
