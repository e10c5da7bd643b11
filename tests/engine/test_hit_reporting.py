"""The short cuts of the reporting path write what the plain computations write."""

from hypothesis import given, settings, strategies as st

from detector.engine.context import RawMatch
from detector.engine.program import _Default, render_message
from detector.explain import LineIndex
from detector.linter import Linter
from detector.text import load_document

pieces = st.sampled_from(["{match}", "{hit}", "{other}", "{match!r}", "{match:>9}", "{0}", "{", "}", "{{", "}}",
                          "{match", "match}", "« ", " »", "x", " "])
templates = st.lists(pieces, max_size=8).map("".join)


def reference_message(template: str, text: str, m: RawMatch, doc) -> str:
    """render_message as it was: every capture's value, then format_map."""
    values = {"match": " ".join(text.split())}
    for name, (a, b) in m.captures.items():
        values[name] = " ".join(doc.text[a:b].split())
    try:
        return template.format_map(_Default(values))
    except (ValueError, IndexError):
        return template


@settings(max_examples=400, deadline=None)
@given(template=templates, text=st.text(" \n\tab{}", max_size=8), hit=st.booleans())
def test_a_message_is_what_format_map_writes(template, text, hit):
    doc = load_document("a  first\nword here")
    m = RawMatch(0, 5, captures={"hit": (3, 12)} if hit else {})
    assert render_message(template, text, m, doc) == reference_message(template, text, m, doc)


def reference_position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


@settings(max_examples=300, deadline=None)
@given(text=st.text("ab\n", max_size=20), data=st.data())
def test_a_span_is_the_positions_of_its_ends(text, data):
    lines = LineIndex(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(0, len(text)))
    assert lines.span(start, end) == (*lines.position(start), *lines.position(end))
    assert lines.position(end) == reference_position(text, end)


def test_line_index_of_a_text_without_questions_builds_nothing():
    lines = LineIndex("a\nb")
    assert lines._starts is None
    assert lines.starts == [0, 2]


def test_hits_of_plain_and_markdown_text_point_into_the_original():
    original = "Intro line.\n\nThey are **traitors**, all of them! Traitors &amp; cowards.\n"
    linter = Linter()
    for fmt in ("text", "markdown"):
        hits = linter.lint_text(original, fmt=fmt, lang="en").hits
        assert hits, fmt
        for hit in hits:
            assert hit.text == original[hit.start:hit.end]
            assert (hit.line, hit.column) == reference_position(original, hit.start)
            assert (hit.end_line, hit.end_column) == reference_position(original, hit.end)
            for ev in hit.evidence:
                assert ev.text == original[ev.start:ev.end]
