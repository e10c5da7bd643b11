"""Markdown reader built on markdown-it-py's token stream.

Structure comes from the parser: every inline token is a block (a paragraph for the
segmenter), and ``map`` gives its source lines. markdown-it does not report inline
offsets, so each piece of inline text is located in the original by searching forward
from a cursor inside the block's lines; text nodes are verbatim substrings of the source,
so the search finds them, and the markup between them (emphasis markers, link targets,
code spans) is simply never copied.
"""

from __future__ import annotations

import regex
from markdown_it import MarkdownIt

from ..sourcemap import TextBuilder
from . import Reading
from .html import extract_html

_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
_REGIONS = {"heading_open": "heading", "blockquote_open": "blockquote", "list_item_open": "list-item"}
_CLOSERS = {"heading_close", "blockquote_close", "list_item_close"}
_CODE_BLOCKS = {"fence", "code_block"}


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Keep escapes and entities as separate tokens: their source text differs from their content.
    parser.disable("text_join")
    return parser


_PARSER = _parser()


def _line_starts(source: str) -> list[int]:
    """Offsets of line starts, counting line breaks the way markdown-it normalises them."""
    return [0] + [match.end() for match in _LINE_BREAK.finditer(source)]


def front_matter_lines(lines: list[str]) -> int:
    """Number of lines taken by YAML (``---``) or TOML (``+++``) front matter, else 0."""
    if not lines:
        return 0
    first = lines[0].lstrip("\ufeff").rstrip()
    if first not in ("---", "+++"):
        return 0
    closers = ("---", "...") if first == "---" else ("+++",)
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in closers:
            return number + 1
    return 0


class _MarkdownExtractor:
    def __init__(self, original: str) -> None:
        self.builder = TextBuilder(original)
        self.source = original
        self.line_starts = _line_starts(original)
        self.cursor = 0
        self.limit = len(original)

    def line_offset(self, line: int) -> int:
        if line >= len(self.line_starts):
            return len(self.source)
        return self.line_starts[line]

    # -- blocks ----------------------------------------------------------------------
    def run(self) -> Reading:
        lines = _LINE_BREAK.split(self.source)
        skipped = front_matter_lines(lines)
        # Blank the front matter (keeping its line count) so markdown-it's line maps stay valid.
        parsed = "\n" * skipped + "\n".join(lines[skipped:])
        open_regions: list[tuple[str, int]] = []
        last_map = None
        for token in _PARSER.parse(parsed):
            if token.map is not None:
                last_map = token.map
            kind = token.type
            if kind in _REGIONS:
                open_regions.append((_REGIONS[kind], self.builder.length))
            elif kind in _CLOSERS and open_regions:
                name, start = open_regions.pop()
                self.builder.add_region(name, start, self.builder.length)
            elif kind == "inline":
                first, last = token.map or last_map or (0, len(self.line_starts))
                self.cursor = max(self.cursor, self.line_offset(first))
                self.limit = self.line_offset(last)
                self.inline(token.children or [])
                self.builder.break_block(self.cursor)
            elif kind == "html_block" and token.map:
                start, end = self.line_offset(token.map[0]), self.line_offset(token.map[1])
                self.builder.break_block(start)
                extract_html(self.builder, start, end)
                self.builder.break_block(end)
                self.cursor = max(self.cursor, end)
            elif kind in _CODE_BLOCKS or kind == "hr":
                if token.map:
                    self.cursor = max(self.cursor, self.line_offset(token.map[1]))
                self.builder.break_block(self.cursor)
        text, source_map = self.builder.finish()
        return Reading(text, source_map, self.builder.breaks, self.builder.regions,
                       self.builder.comments)

    # -- inline ----------------------------------------------------------------------
    def find(self, needle: str) -> int:
        if not needle:
            return -1
        return self.source.find(needle, self.cursor, self.limit)

    def copy(self, content: str) -> None:
        """Copy ``content`` from the source, mapping it to where it is found."""
        if "\ufffd" in content:
            # The parser turns NUL characters into U+FFFD: either may stand in the source, and
            # the first of them is the one meant (a plain search would skip a NUL for a later
            # literal U+FFFD, and leave the text between unmapped).
            pattern = regex.escape(content).replace("\ufffd", "[\ufffd\x00]")
            found = regex.compile(pattern).search(self.source, self.cursor, self.limit)
            position = found.start() if found else -1
        else:
            position = self.find(content)
        if position == -1:
            # Not a verbatim substring (NUL replaced by the parser, tabs expanded in
            # nested blocks): keep the text, mapped to the cursor.
            self.builder.replaced(content, self.cursor, self.cursor)
            return
        self.builder.verbatim(position, position + len(content))
        self.cursor = position + len(content)

    def skip_past(self, needle: str) -> int:
        """Move the cursor past the next ``needle``; return where it started, or -1."""
        position = self.find(needle)
        if position != -1:
            self.cursor = position + len(needle)
        return position

    def inline(self, children) -> None:
        autolink_depth = 0
        for child in children:
            kind = child.type
            if kind == "text":
                if autolink_depth == 0:
                    self.copy(child.content)
                else:
                    self.skip_past(child.content)
            elif kind == "text_special":
                # An escape (\*) or an entity (&amp;): the source holds the markup.
                position = self.find(child.markup)
                if position == -1:
                    self.builder.replaced(child.content, self.cursor, self.cursor)
                elif child.info == "escape":
                    # The escaped char itself is a verbatim copy; only the backslash is markup.
                    self.builder.verbatim(position + 1, position + len(child.markup))
                    self.cursor = position + len(child.markup)
                else:
                    end = position + len(child.markup)
                    self.builder.replaced(child.content, position, end)
                    self.cursor = end
            elif kind in ("softbreak", "hardbreak"):
                self.line_break()
            elif kind == "code_inline":
                self.code_span(child.markup)
            elif kind == "html_inline":
                self.html_inline(child.content)
            elif kind == "image":
                self.inline(child.children or [])
                self.skip_link_target()
            elif kind == "link_open":
                if child.markup == "autolink" or child.info == "auto":
                    autolink_depth += 1
            elif kind == "link_close":
                if autolink_depth:
                    autolink_depth -= 1
                    self.skip_past(">")
                else:
                    self.skip_link_target()

    def line_break(self) -> None:
        match = _LINE_BREAK.search(self.source, self.cursor, self.limit)
        if match is None:
            self.builder.replaced(" ", self.cursor, self.cursor)
            return
        self.builder.replaced(" ", match.start(), match.end())
        self.cursor = match.end()

    def code_span(self, fence: str) -> None:
        """Blank an inline code span: one space stands for it, so words do not join."""
        opening = self.find(fence)
        if opening == -1:
            self.builder.replaced(" ", self.cursor, self.cursor)
            return
        position = opening + len(fence)
        while True:
            closing = self.source.find(fence, position, self.limit)
            if closing == -1:
                closing_end = self.limit
                break
            run_end = closing + len(fence)
            # A closing run has exactly the opening's length.
            if self.source.startswith("`", run_end):
                position = run_end
                while self.source.startswith("`", position):
                    position += 1
                continue
            closing_end = run_end
            break
        self.builder.replaced(" ", opening, closing_end)
        self.cursor = closing_end

    def html_inline(self, content: str) -> None:
        position = self.skip_past(content)
        if position != -1 and content.startswith("<!--"):
            body_end = len(content) - 3 if content.endswith("-->") else len(content)
            self.builder.comments.append((position, position + len(content), content[4:body_end]))

    def skip_link_target(self) -> None:
        """Move the cursor past ``](destination "title")`` or ``][label]`` after a link text."""
        source, limit = self.source, self.limit
        position = source.find("]", self.cursor, limit)
        if position == -1:
            return
        position += 1
        if source.startswith("(", position):
            self.cursor = _end_of_inline_target(source, position + 1, limit)
        elif source.startswith("[", position):
            close = source.find("]", position, limit)
            self.cursor = limit if close == -1 else close + 1
        else:
            self.cursor = position


def _end_of_inline_target(source: str, position: int, limit: int) -> int:
    """Offset after the ``)`` that closes an inline link's destination and optional title."""
    depth = 0
    quote = None
    while position < limit:
        char = source[position]
        if char == "\\":
            position += 2
            continue
        if quote is not None:
            if char == quote:
                quote = None
        elif char in "\"'" and source[position - 1].isspace():
            # A title starts after white space; a quote inside a destination is literal.
            quote = char
        elif char == "<":
            close = source.find(">", position, limit)
            position = limit if close == -1 else close
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return position + 1
            depth -= 1
        position += 1
    return limit


def read_markdown(original: str) -> Reading:
    return _MarkdownExtractor(original).run()
