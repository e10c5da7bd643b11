"""The Document: analysis text, its map to the original, tokens, segments and regions."""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager

from .langid import LANGUAGES, identify
from .lemmas import fill_lemmas
from .quotes import quote_regions
from .readers import canonical_format, read
from .segment import Segment, paragraph_breaks, segment
from .sourcemap import SourceMap
from .tokenizer import Token, TokenColumns, tokenize_columns

REGION_NAMES = ("heading", "blockquote", "quote", "speech", "list-item")
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


class Document:
    """One input text, read and segmented. Offsets are analysis offsets unless named otherwise."""

    __slots__ = ("original", "text", "source_map", "fmt", "lang", "columns", "sentences",
                 "paragraphs", "regions", "comments", "_tokens")

    def __init__(
        self,
        original: str,
        text: str,
        source_map: SourceMap,
        fmt: str,
        lang: str,
        columns: TokenColumns,
        sentences: list[Segment],
        paragraphs: list[Segment],
        regions: dict[str, list[tuple[int, int]]],
        comments: list[tuple[int, int, str]],
    ) -> None:
        self.original = original
        self.text = text
        self.source_map = source_map
        self.fmt = fmt
        self.lang = lang
        self.columns = columns
        self.sentences = sentences
        self.paragraphs = paragraphs
        self.regions = regions
        self.comments = comments
        self._tokens: list[Token] | None = None

    @property
    def tokens(self) -> list[Token]:
        """The tokens as objects, built on first use: the engine reads ``columns``."""
        if self._tokens is None:
            self._tokens = self.columns.tokens()
        return self._tokens

    def ensure_lemmas(self) -> None:
        """Fill ``columns.lemmas`` (and ``Token.lemma``) for every token (once)."""
        if self.columns.lemmas is None:
            fill_lemmas(self.columns, self.lang)
            if self._tokens is not None:  # objects a caller may hold already
                self.columns.copy_lemmas_to(self._tokens)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the analysis span ``[start, end)``."""
        return self.source_map.span(start, end)

    def __repr__(self) -> str:
        return f"Document(fmt={self.fmt!r}, lang={self.lang!r}, tokens={len(self.columns)})"


def load_document(original: str, *, fmt: str = "text", lang: str = "auto") -> Document:
    """Read, tokenize and segment ``original`` (never modified)."""
    fmt = canonical_format(fmt)
    if lang not in ("auto", None, *LANGUAGES):
        raise ValueError(f"unknown language {lang!r}; expected auto, {', '.join(LANGUAGES)}")
    with _collector_paused():
        reading = read(original, fmt)
        columns = tokenize_columns(reading.text)
        if lang in ("auto", None):
            lang = identify(columns)
        breaks = reading.breaks if reading.breaks is not None else paragraph_breaks(reading.text)
        paragraphs, sentences = segment(columns, breaks)
        quotes, speech = quote_regions(columns, sentences, lang)
    regions = {name: list(reading.regions.get(name, ())) for name in REGION_NAMES}
    regions["quote"] = sorted(regions["quote"] + quotes)
    regions["speech"] = sorted(regions["speech"] + speech)
    return Document(original, reading.text, reading.source_map, fmt, lang, columns, sentences,
                    paragraphs, regions, reading.comments)


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while building tokens.

    Hundreds of thousands of small objects without cycles would otherwise trigger repeated
    full collections, which cost about as much as building the tokens themselves.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_text_file(path: str | os.PathLike) -> str:
    """The file's text exactly as stored: UTF-8, line endings untouched."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def fmt_for_path(path: str | os.PathLike) -> str:
    """``"markdown"``, ``"html"`` or ``"text"``, from the file extension."""
    return _EXTENSIONS.get(os.path.splitext(os.fspath(path))[1].lower(), "text")
