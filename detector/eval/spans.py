"""Annotated spans and the interval arithmetic the metrics are built on.

Offsets follow DESIGN.md section 5: Python ``str`` indices into the text, ``end`` exclusive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    technique: str

    @property
    def length(self) -> int:
        return self.end - self.start


def as_span(value: object) -> Span:
    """Accept a ``Span``, a mapping with start/end/technique (a JSON hit or corpus span),
    or any object with those attributes (an engine ``Hit``), so callers need not convert."""
    if isinstance(value, Span):
        return value
    if isinstance(value, Mapping):
        return Span(int(value["start"]), int(value["end"]), str(value["technique"]))
    try:
        start, end, technique = value.start, value.end, value.technique
    except AttributeError:
        raise TypeError(f"not a span: {value!r}") from None
    return Span(int(start), int(end), str(technique))


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Number of characters shared by two half-open intervals."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def merge_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Merge spans of the same technique that share at least one character.

    Spans that merely touch (one ends where the next starts) stay separate: they are two
    annotations, and merging them would change the span counts without changing coverage.
    The result is sorted by (start, end, technique).
    """
    by_technique: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        by_technique[span.technique].append(span)
    merged: list[Span] = []
    for technique, group in by_technique.items():
        group.sort()
        current_start, current_end = group[0].start, group[0].end
        for span in group[1:]:
            if span.start < current_end:
                current_end = max(current_end, span.end)
            else:
                merged.append(Span(current_start, current_end, technique))
                current_start, current_end = span.start, span.end
        merged.append(Span(current_start, current_end, technique))
    merged.sort()
    return merged


def covered_length(span: Span, others: Iterable[Span]) -> int:
    """Characters of ``span`` covered by ``others``, which must not overlap one another
    (true after ``merge_overlapping`` for spans of one technique)."""
    return sum(overlap(span.start, span.end, other.start, other.end) for other in others)
