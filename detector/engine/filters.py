"""Drop raw matches a rule does not want: outside its scopes, or overlapped by an `unless` pattern."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .context import DocContext, RawMatch

STRUCTURAL = ("heading", "blockquote", "list-item")


def _inside(regions: list[tuple[int, int]], offset: int) -> bool:
    # regions are sorted by start; only those starting at or before the offset can hold it
    k = bisect_right(regions, (offset, float("inf")))
    return any(end > offset for _, end in regions[:k])


def in_scope(rule, ctx: DocContext, match: RawMatch) -> bool:
    regions = ctx.sorted_regions
    for scope in rule.exclude:
        if scope == "body":
            if not any(_inside(regions.get(s, []), match.start) for s in STRUCTURAL):
                return False
        elif _inside(regions.get(scope, []), match.start):
            return False
    if rule.include:
        for scope in rule.include:
            if scope == "body":
                if not any(_inside(regions.get(s, []), match.start) for s in STRUCTURAL):
                    return True
            elif _inside(regions.get(scope, []), match.start):
                return True
        return False
    return True


class UnlessIndex:
    """The spans of a rule's `unless` matches, queried for overlap in logarithmic time.

    Sorted by start with a running maximum of ends: among the spans starting before a
    match ends, one overlaps it exactly when the largest of their ends lies past its start.
    """

    def __init__(self, matches: list[RawMatch]):
        spans = sorted((m.start, m.end) for m in matches)
        self.starts = [s for s, _ in spans]
        self.max_end, running = [], -1
        for _, end in spans:
            running = max(running, end)
            self.max_end.append(running)

    def overlaps(self, match: RawMatch) -> bool:
        k = bisect_left(self.starts, match.end)
        return k > 0 and self.max_end[k - 1] > match.start


def overlaps_unless(match: RawMatch, unless_matches: list[RawMatch]) -> bool:
    return UnlessIndex(unless_matches).overlaps(match)
