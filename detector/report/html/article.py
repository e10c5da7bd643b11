"""One article as the HTML report shows it: the text on screen, its hits, its word count.

The hits come from the caller: `propalint report` and the HTTP service run the pipeline of
`propalint check` (detector/lint/pipeline.py) and pass its result, so the report shows
exactly the hits of the JSON output; ``prepare`` is the short way for a bare Linter. The document is read a second time for what the
report alone needs (the word count, the visible text of HTML input): reading is cheap next
to matching, and it keeps the linter the single source of hits.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from detector.explain import Hit
from detector.linter import FileResult, Linter
from detector.text import load_document


@dataclass
class Article:
    path: str
    lang: str
    text: str  # what the report displays
    hits: list[Hit]
    spans: list[tuple[int, int]]  # each hit's span in `text`, same order as `hits`
    words: int
    errors: list[str] = field(default_factory=list)


def prepare(linter: Linter, original: str, *, path: str = "<text>", fmt: str = "text", lang: str = "auto") -> Article:
    result = linter.lint_text(original, path=path, fmt=fmt, lang=lang)
    return from_result(result, original, fmt=fmt)


def from_result(result: FileResult, original: str, *, fmt: str = "text") -> Article:
    """An article from any result with `path`, `lang`, `hits` and `errors` (check's `Checked` too)."""
    doc = load_document(original, fmt=fmt, lang=result.lang or "auto")
    words = doc.columns.kinds.count("word")
    if doc.fmt == "html":
        # Raw HTML is unreadable for an editor: show the visible text and move each hit there.
        text, spans = doc.text, _to_analysis(doc, [(h.start, h.end) for h in result.hits])
    else:
        # Plain text and Markdown read fine as written; hit offsets already index them.
        text, spans = original, [(h.start, h.end) for h in result.hits]
    return Article(result.path, result.lang, text, list(result.hits), spans, words, list(result.errors))


def _to_analysis(doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Original offsets -> analysis offsets, through the inverse of the (monotonic) source map."""
    starts = [doc.source_map.start(i) for i in range(len(doc.text))]
    out = []
    for start, end in spans:
        a = bisect_left(starts, start)
        b = max(a, bisect_left(starts, end))
        out.append((a, b))
    return out
