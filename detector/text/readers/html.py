"""HTML reader built on the standard library's ``html.parser``.

``convert_charrefs=False`` makes the parser report entities separately, so that a decoded
entity becomes a replaced piece mapped to its exact original span, and every text chunk
is a verbatim slice located with ``getpos()``.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from ..sourcemap import TextBuilder
from . import Reading

# Content never linted: code, scripts, styles, document metadata, embedded vector markup.
SKIPPED = frozenset(
    {"script", "style", "code", "pre", "kbd", "samp", "template", "noscript", "head", "title",
     "svg", "math", "textarea", "iframe", "object", "select"}
)
# Elements whose start and end separate paragraphs.
BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
     "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
     "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p",
     "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)
REGIONS = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
           "h6": "heading", "blockquote": "blockquote", "li": "list-item"}
# Lists close the items left open inside them (end tags of <li> are optional).
LISTS = frozenset({"ul", "ol", "menu"})


class _Extractor(HTMLParser):
    def __init__(self, builder: TextBuilder, source: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.builder = builder
        self.source = source
        self.base = base
        self.line_starts = [0]
        position = source.find("\n")
        while position != -1:
            self.line_starts.append(position + 1)
            position = source.find("\n", position + 1)
        self.skipping: list[str] = []
        self.open_regions: list[tuple[str, int]] = []

    # -- positions -------------------------------------------------------------------
    def _here(self) -> int:
        """Offset in ``source`` of the construct being handled."""
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    # -- markup ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body" and "head" in self.skipping:
            # The end tag of <head> is optional: the body ends it.
            del self.skipping[self.skipping.index("head"):]
        if tag in SKIPPED:
            self.skipping.append(tag)
            return
        if self.skipping:
            return
        position = self.base + self._here()
        if tag in BLOCKS:
            self.builder.break_block(position)
        if tag == "li" and self.open_regions and self.open_regions[-1][0] == "li":
            # An <li> closes the previous one when its end tag was omitted.
            self._close_region("li")
        if tag in REGIONS or tag in LISTS:
            self.open_regions.append((tag, self.builder.length))
        elif tag == "br":
            self.builder.replaced("\n", position, position + self._tag_length(position))

    def handle_startendtag(self, tag: str, attrs) -> None:
        if self.skipping:
            return
        position = self.base + self._here()
        if tag in BLOCKS:
            self.builder.break_block(position)
        elif tag == "br":
            self.builder.replaced("\n", position, position + self._tag_length(position))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag):]
            return
        if tag in REGIONS or tag in LISTS:
            self._close_region(tag)
        if tag in BLOCKS:
            self.builder.break_block(self.base + self._here())

    def _close_region(self, tag: str) -> None:
        names = [name for name, _ in self.open_regions]
        if tag not in names:
            return
        while self.open_regions:
            name, start = self.open_regions.pop()
            if name in REGIONS:
                self.builder.add_region(REGIONS[name], start, self.builder.length)
            if name == tag:
                return

    def _tag_length(self, position: int) -> int:
        end = self.builder.original.find(">", position)
        return 1 if end == -1 else end + 1 - position

    # -- text ------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.skipping or not data:
            return
        start = self.base + self._here()
        self.builder.verbatim(start, start + len(data))

    def handle_entityref(self, name: str) -> None:
        self._reference(len(name) + 1)

    def handle_charref(self, name: str) -> None:
        self._reference(len(name) + 2)

    def _reference(self, length: int) -> None:
        if self.skipping:
            return
        start = self._here()
        end = start + length
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[start:end]
        decoded = html.unescape(raw)
        if decoded == raw:
            self.builder.verbatim(self.base + start, self.base + end)
        else:
            self.builder.replaced(decoded, self.base + start, self.base + end)

    # -- comments --------------------------------------------------------------------
    def handle_comment(self, data: str) -> None:
        start = self._here()
        close = self.source.find(">", start + 4 + len(data))
        end = len(self.source) if close == -1 else close + 1
        self.builder.comments.append((self.base + start, self.base + end, data))

    def finish(self) -> None:
        self.close()
        while self.open_regions:
            name, start = self.open_regions.pop()
            if name in REGIONS:
                self.builder.add_region(REGIONS[name], start, self.builder.length)


def extract_html(builder: TextBuilder, start: int, end: int) -> None:
    """Append the text of the HTML in ``builder.original[start:end]`` to ``builder``."""
    extractor = _Extractor(builder, builder.original[start:end], start)
    extractor.feed(extractor.source)
    extractor.finish()


def read_html(original: str) -> Reading:
    builder = TextBuilder(original)
    extract_html(builder, 0, len(original))
    text, source_map = builder.finish()
    return Reading(text, source_map, builder.breaks, builder.regions, builder.comments)


__all__ = ["read_html", "extract_html"]
