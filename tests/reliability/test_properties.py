"""Properties of the whole pipeline on hostile text, with the shipped packs.

Arbitrary Unicode (combining marks, right-to-left text and controls, emoji sequences, NUL,
lone surrogates through JSON), arbitrary Markdown and HTML structure. For every input:
no crash; every hit and every piece of evidence lies in the input and slices back to its
text; line and column agree with the offset; the batch output is valid JSON whatever the
input; and results do not depend on the number of worker processes or the order of files.

How many examples run is set by the Hypothesis profile (tests/conftest.py): a few thousand
per property in CI, fewer locally. Heavier properties (a process pool per example) run a
fixed fraction of that, each example then holding dozens of documents.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from detector.cli import main
from detector.linter import Linter
from detector.parallel import CHUNK_LINES, LintJob, lint_lines

LINTER = Linter()
JOB = LintJob()
EXAMPLES = settings.default.max_examples

CUES = [
    "so-called", "reform", "according to sources", "devastating", "they want us to believe", "now or never",
    "soi-disant", "selon des experts", "il est grand temps", "tout le monde sait", "trahison pure", "l’Union",
    "qu’un", "«", "»", "“", "”", "\"", "'", "’", "!", "?", ".", "…", ",", ";", ":", "—", "-",
]
UNICODE = [
    "e\u0301", "a\u0308\u0323", "\u0301", "Z\u0351\u0352\u0353", "ﬁ", "ǅ", "İ", "ß", "ẞ",  # combining, ligatures, case oddities
    "مرحبا بالعالم", "שלום", "\u200f", "\u200e", "\u202e", "\u2066", "\u2069",  # RTL text and controls
    "👍🏽", "👨\u200d👩\u200d👧", "🇫🇷", "🏳️\u200d🌈", "\U0001F600", "\ufe0f",  # emoji sequences
    "\x00", "\r", "\r\n", "\n", "\n\n", "\t", "\x0b", "\x0c", "\x85", "\u2028", "\u2029",  # NUL and line breaks
    "\ufeff", "\u200b", "\u00a0", "\u202f", "\u3000", "\U0010ffff", "\ufffd",  # BOM, zero-width, spaces
]
NO_SURROGATES = st.characters(codec="utf-8")
WORDS = st.one_of(st.sampled_from(CUES), st.sampled_from(UNICODE), st.text(NO_SURROGATES, max_size=8))
TEXTS = st.lists(WORDS, max_size=60).map(" ".join) | st.text(NO_SURROGATES, max_size=200)
LANGS = st.sampled_from(["auto", "fr", "en"])


def assert_hits_slice_back(text: str, hits) -> None:
    for hit in hits:
        hit = hit if isinstance(hit, dict) else hit.to_dict()
        assert 0 <= hit["start"] < hit["end"] <= len(text)
        assert text[hit["start"]:hit["end"]] == hit["text"]
        line = text.count("\n", 0, hit["start"]) + 1
        column = hit["start"] - (text.rfind("\n", 0, hit["start"]) + 1) + 1
        assert (hit["line"], hit["column"]) == (line, column)
        for ev in hit["explanation"]["evidence"]:
            assert 0 <= ev["start"] <= ev["end"] <= len(text)
            assert text[ev["start"]:ev["end"]] == ev["text"]


# --- arbitrary Unicode --------------------------------------------------------------------------

@given(text=TEXTS, fmt=st.sampled_from(["text", "markdown", "html"]), lang=LANGS)
def test_any_unicode_in_any_format(text, fmt, lang):
    result = LINTER.lint_text(text, fmt=fmt, lang=lang)
    assert result.lang in ("fr", "en")
    assert_hits_slice_back(text, result.hits)


# --- arbitrary Markdown structure -------------------------------------------------------------

INLINE = st.lists(st.one_of(
    WORDS, st.sampled_from(["*", "**", "_", "__", "`", "~~", "[", "](", ")", "<", ">", "&amp;", "&#233;", "\\", "|"]),
    st.builds("[{}](https://example.org/{})".format, WORDS, st.sampled_from(["a", "so-called", "x y"])),
    st.builds("**{}**".format, WORDS), st.builds("`{}`".format, WORDS),
), max_size=14).map(" ".join)
MD_BLOCK = st.one_of(
    INLINE,
    st.builds(lambda n, s: "#" * n + " " + s, st.integers(1, 7), INLINE),
    st.builds(lambda d, s: ">" * d + " " + s, st.integers(1, 3), INLINE),
    st.builds(lambda m, s: m + " " + s, st.sampled_from(["-", "*", "+", "1.", "2)", "  -", "    -"]), INLINE),
    st.builds("```{}\n{}\n```".format, st.sampled_from(["", "python", "md"]), INLINE),
    st.builds("```\n{}".format, INLINE),  # a fence never closed
    st.builds("    {}".format, INLINE),  # indented code
    st.builds("<div>\n{}\n</div>".format, INLINE),
    st.builds("| {} | {} |\n|---|---|\n| {} | x |".format, WORDS, WORDS, INLINE),
    st.builds("<!-- {} -->".format, INLINE),
    st.builds("{}\n===".format, INLINE), st.just("***"), st.just("---"),
)
MARKDOWN = st.tuples(
    st.sampled_from(["", "---\ntitle: so-called reform\n---\n", "+++\nx = 1\n+++\n", "---\n"]),
    st.lists(MD_BLOCK, max_size=12),
    st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n"]),
).map(lambda t: t[0] + t[2].join(t[1]))


@given(text=MARKDOWN, lang=LANGS)
def test_any_markdown_structure(text, lang):
    assert_hits_slice_back(text, LINTER.lint_text(text, fmt="markdown", lang=lang).hits)


# --- arbitrary HTML structure ---------------------------------------------------------------

TAGS = ["p", "div", "span", "b", "i", "em", "a", "blockquote", "q", "h1", "h3", "li", "ul", "pre", "code",
        "script", "style", "td", "table", "article", "noscript", "template", "svg", "title", "textarea"]
ATTRS = st.sampled_from(["", ' class="x"', ' href="https://example.org/?a=1&b=2"', " title='so-called \"x\"'",
                         ' data-x=">"', " hidden", ' style="color:red"', " lang=fr"])
HTML_LEAF = st.one_of(
    WORDS, st.sampled_from(["&amp;", "&eacute;", "&#x1F600;", "&#0;", "&#xD800;", "&nbsp;", "&bogus;", "&", "&#",
                            "<br>", "<br/>", "<hr>", "<img src=x alt='so-called'>", "<!-- so-called -->", "<!--",
                            "<![CDATA[so-called]]>", "<!DOCTYPE html>", "</p>", "<p>", "</div>", "<", ">", "<?xml ?>"]),
)
HTML = st.recursive(
    st.lists(HTML_LEAF, max_size=6).map(" ".join),
    lambda inner: st.builds(
        lambda tag, attrs, body, closed: f"<{tag}{attrs}>{body}" + (f"</{tag}>" if closed else ""),
        st.sampled_from(TAGS), ATTRS, st.lists(inner, max_size=4).map("".join), st.booleans()),
    max_leaves=30,
)


@given(text=HTML, lang=LANGS)
def test_any_html_structure(text, lang):
    assert_hits_slice_back(text, LINTER.lint_text(text, fmt="html", lang=lang).hits)


# --- JSON batch input, lone surrogates included --------------------------------------------

WILD = st.lists(st.one_of(WORDS, st.characters(categories=["Cs"])), max_size=40).map(" ".join)
RECORD = st.fixed_dictionaries(
    {"id": st.one_of(st.integers(), st.text(max_size=6)), "text": WILD},
    optional={"lang": LANGS, "format": st.sampled_from(["text", "markdown", "html"])},
)


@given(record=RECORD, ascii_only=st.booleans())
def test_batch_lines_with_any_text_give_valid_json_that_slices_back(record, ascii_only):
    line = json.dumps(record, ensure_ascii=ascii_only)
    (outcome,) = lint_lines([line], JOB)
    assert outcome.error is None
    # what `batch` writes: lone surrogates as their JSON escape, so the file is valid UTF-8
    written = outcome.line.encode("utf-8", "backslashreplace").decode("utf-8")
    out = json.loads(written)
    assert out == json.loads(outcome.line) and out["id"] == record["id"]
    assert_hits_slice_back(record["text"], out["hits"])


# --- worker counts and order -------------------------------------------------------------------

CORPUS = st.lists(TEXTS | MARKDOWN | WILD, min_size=CHUNK_LINES + 1, max_size=3 * CHUNK_LINES)


@settings(max_examples=max(20, EXAMPLES // 25))
@given(texts=CORPUS, data=st.data())
def test_batch_output_is_the_same_for_one_or_two_workers_and_any_order(texts, data):
    lines = [json.dumps({"id": i, "text": t}) for i, t in enumerate(texts)]
    one = [o.line for o in lint_lines(lines, JOB, workers=1)]
    two = [o.line for o in lint_lines(lines, JOB, workers=2)]
    assert one == two and len(one) == len(texts)
    shuffled = data.draw(st.permutations(lines))
    again = [o.line for o in lint_lines(shuffled, JOB, workers=2)]
    assert sorted(again) == sorted(one)


@settings(max_examples=max(20, EXAMPLES // 16),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXTS | MARKDOWN, min_size=2, max_size=5), data=st.data())
def test_check_results_do_not_depend_on_file_order(tmp_path_factory, capsys, texts, data):
    folder = tmp_path_factory.mktemp("order")
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"f{i}.{'md' if i % 2 else 'txt'}"
        path.write_text(text, encoding="utf-8", newline="")
        paths.append(str(path))
    main(["check", "--isolated", "--format", "json", *paths])
    first = {f["path"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    main(["check", "--isolated", "--format", "json", *data.draw(st.permutations(paths))])
    second = {f["path"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert first == second
    for path, f in first.items():
        assert_hits_slice_back(texts[paths.index(path)], f["hits"])
