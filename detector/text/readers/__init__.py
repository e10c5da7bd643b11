"""Readers turn an input format into analysis text, a source map, blocks and regions.

Each reader returns a :class:`Reading`. Plain text is its own analysis text; Markdown and
HTML readers drop markup and never-linted parts (code, front matter, scripts, URLs) and
record where every kept character came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..sourcemap import SourceMap

FORMATS = ("text", "markdown", "html")
_ALIASES = {"txt": "text", "plain": "text", "md": "markdown", "htm": "html"}


@dataclass
class Reading:
    text: str
    source_map: SourceMap
    # Analysis offsets where a paragraph break lies; None means "every line is a paragraph".
    breaks: list[int] | None = None
    regions: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    comments: list[tuple[int, int, str]] = field(default_factory=list)


def canonical_format(fmt: str) -> str:
    name = _ALIASES.get(fmt, fmt)
    if name not in FORMATS:
        raise ValueError(f"unknown input format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return name


def read(original: str, fmt: str = "text") -> Reading:
    fmt = canonical_format(fmt)
    if fmt == "markdown":
        from .markdown import read_markdown

        return read_markdown(original)
    if fmt == "html":
        from .html import read_html

        return read_html(original)
    from .plain import read_plain

    return read_plain(original)
