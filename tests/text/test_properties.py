"""Properties over arbitrary input: offsets map back, nothing crashes, segments tile tokens."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detector.text import load_document

# Text made mostly of the characters the readers and tokenizer care about.
MARKUP = st.sampled_from(list("*_`#>-[]()!<>/&;\"'’«»“” \n\r\t.:?…\u00a0\u202f")
                         + ["<p>", "</p>", "<b>", "</b>", "<!--", "-->", "```", "&amp;", "&eacute;",
                            "&#171;", "&nbsp;", "<script>", "</script>", "l’", "aujourd’hui",
                            "1 000", "https://x.org/a", "a@b.fr", "---\n", "M.", "\n\n", "- ",
                            "> ", "# ", "[a](u \"t\")"])
TEXTS = st.one_of(st.text(), st.lists(st.one_of(MARKUP, st.text(max_size=3)), max_size=40).map("".join))
FORMATS = st.sampled_from(["text", "markdown", "html"])
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_plain_text_tokens_map_to_their_surface(text):
    doc = load_document(text)
    for token in doc.tokens:
        start, end = doc.source_map.start(token.start), doc.source_map.end(token.end)
        assert doc.original[start:end] == token.text


@SETTINGS
@given(TEXTS, FORMATS)
def test_tokens_map_within_bounds_and_verbatim_tokens_match(text, fmt):
    doc = load_document(text, fmt=fmt)
    assert doc.original is text
    previous_end = 0
    for token in doc.tokens:
        assert doc.text[token.start:token.end] == token.text
        start, end = doc.source_map.start(token.start), doc.source_map.end(token.end)
        assert 0 <= start <= end <= len(text)
        assert start >= previous_end or not doc.source_map.is_verbatim(token.start, token.end)
        if doc.source_map.is_verbatim(token.start, token.end):
            assert text[start:end] == token.text
            previous_end = end
    for name, spans in doc.regions.items():
        for a, b in spans:
            assert 0 <= a < b <= len(doc.text), name
            assert 0 <= doc.source_map.start(a) <= doc.source_map.end(b) <= len(text)
    for start, end, _ in doc.comments:
        assert 0 <= start < end <= len(text)


def _check_tiling(doc, segments, attribute):
    expected_first = 0
    for index, segment in enumerate(segments):
        assert segment.first == expected_first
        assert segment.first < segment.last
        assert segment.start == doc.tokens[segment.first].start
        assert segment.end == doc.tokens[segment.last - 1].end
        for token in doc.tokens[segment.first:segment.last]:
            assert getattr(token, attribute) == index
        expected_first = segment.last
    assert expected_first == len(doc.tokens)
    for left, right in zip(segments, segments[1:]):
        assert left.end <= right.start


@SETTINGS
@given(TEXTS, FORMATS)
def test_sentences_and_paragraphs_tile_the_tokens(text, fmt):
    doc = load_document(text, fmt=fmt)
    _check_tiling(doc, doc.sentences, "sent")
    _check_tiling(doc, doc.paragraphs, "para")
    for sentence in doc.sentences:
        paragraph = doc.paragraphs[doc.tokens[sentence.first].para]
        assert paragraph.first <= sentence.first and sentence.last <= paragraph.last
    assert [token.i for token in doc.tokens] == list(range(len(doc.tokens)))
    assert doc.lang in ("fr", "en")


@SETTINGS
@given(st.text())
def test_lemmas_never_crash(text):
    doc = load_document(text, lang="fr")
    doc.ensure_lemmas()
    assert all(token.lemma is not None and token.lemma == token.lemma.lower() for token in doc.tokens)
