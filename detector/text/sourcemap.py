"""Offsets from the analysis text back to the original input.

Readers build the analysis text from *pieces*. A verbatim piece is a copy of an original
slice and maps char by char. A replaced piece (a decoded entity, a block break, a blanked
code span) maps every char to the piece's original start, and its end to the piece's
original end, so that any analysis span maps to an original span that covers it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right


class SourceMap:
    """Maps analysis offsets to original offsets.

    ``starts[i]`` is the original offset of analysis char ``i`` and ``ends[i]`` the original
    exclusive end of that char. ``None`` arrays mean the identity map (plain text), which
    costs nothing to build or to query.
    """

    __slots__ = ("_starts", "_ends", "_original_length", "_replaced")

    def __init__(
        self,
        original_length: int,
        starts: array | None = None,
        ends: array | None = None,
        replaced: list[tuple[int, int]] | None = None,
    ) -> None:
        self._original_length = original_length
        self._starts = starts
        self._ends = ends
        # Analysis ranges of replaced pieces, sorted; used only by is_verbatim().
        self._replaced = replaced or []

    @classmethod
    def identity(cls, length: int) -> SourceMap:
        return cls(length)

    @property
    def is_identity(self) -> bool:
        return self._starts is None

    def start(self, i: int) -> int:
        """Original offset of analysis char ``i`` (``i`` may be the analysis length)."""
        starts = self._starts
        if starts is None:
            return i
        if i >= len(starts):
            return self._original_length if not starts else self._ends[-1]
        return starts[i]

    def end(self, j: int) -> int:
        """Original exclusive end for the analysis exclusive end ``j``."""
        ends = self._ends
        if ends is None:
            return j
        if j <= 0:
            return self.start(0)
        return ends[min(j, len(ends)) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the analysis span ``[start, end)``."""
        if end <= start:
            position = self.start(start)
            return position, position
        return self.start(start), self.end(end)

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` is a copy of one contiguous original slice.

        False when the span touches a replaced piece (an entity, a break) or joins
        pieces that are apart in the original (``wo**rd**`` in Markdown).
        """
        if self._starts is None or end <= start:
            return True
        k = bisect_right(self._replaced, (start, float("inf"))) - 1
        if k >= 0 and self._replaced[k][1] > start:
            return False
        k = bisect_left(self._replaced, (start, start))
        if k < len(self._replaced) and self._replaced[k][0] < end:
            return False
        first = self._starts[start]
        return self._ends[end - 1] - first == end - start and self._starts[end - 1] - first == end - start - 1


class TextBuilder:
    """Accumulates analysis pieces, their source map, paragraph breaks, regions and comments."""

    def __init__(self, original: str) -> None:
        self.original = original
        self._parts: list[str] = []
        self._starts = array("l")
        self._ends = array("l")
        self._replaced: list[tuple[int, int]] = []
        self.length = 0
        self._block_has_text = False
        self.breaks: list[int] = []
        self.regions: dict[str, list[tuple[int, int]]] = {}
        self.comments: list[tuple[int, int, str]] = []

    def verbatim(self, original_start: int, original_end: int) -> None:
        """Append the original slice ``[original_start, original_end)`` unchanged."""
        if original_end <= original_start:
            return
        piece = self.original[original_start:original_end]
        self._parts.append(piece)
        self._starts.extend(range(original_start, original_end))
        self._ends.extend(range(original_start + 1, original_end + 1))
        self.length += len(piece)
        if not self._block_has_text and not piece.isspace():
            self._block_has_text = True

    def replaced(self, piece: str, original_start: int, original_end: int) -> None:
        """Append ``piece`` standing for the original slice ``[original_start, original_end)``."""
        n = len(piece)
        if n == 0:
            return
        self._parts.append(piece)
        self._starts.extend([original_start] * n)
        self._ends.extend([original_end] * n)
        self._replaced.append((self.length, self.length + n))
        self.length += n
        if not self._block_has_text and not piece.isspace():
            self._block_has_text = True

    def break_block(self, original_position: int) -> None:
        """End the current block; the next text starts a new paragraph.

        A blank-line break is appended only after a block that holds text, so that runs of
        empty markup produce no empty paragraphs.
        """
        if self._block_has_text:
            self.breaks.append(self.length)
            self.replaced("\n\n", original_position, original_position)
            self._block_has_text = False

    def add_region(self, name: str, start: int, end: int) -> None:
        self.regions.setdefault(name, []).append((start, end))

    def finish(self) -> tuple[str, SourceMap]:
        self.break_block(len(self.original))
        text = "".join(self._parts)
        # Regions are recorded at markup boundaries; trim the breaks and blanks they enclose.
        for name, spans in self.regions.items():
            trimmed = []
            for start, end in spans:
                end = min(end, len(text))
                while end > start and text[end - 1].isspace():
                    end -= 1
                while start < end and text[start].isspace():
                    start += 1
                if start < end:
                    trimmed.append((start, end))
            self.regions[name] = sorted(trimmed)
        source_map = SourceMap(len(self.original), self._starts, self._ends, self._replaced)
        return text, source_map
