"""Drop raw matches a rule does not want: outside its scopes, or overlapped by an `unless` pattern."""

from __future__ import annotations

from bisect import bisect_right

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


def overlaps_unless(match: RawMatch, unless_matches: list[RawMatch]) -> bool:
    return any(u.start < match.end and match.start < u.end for u in unless_matches)
