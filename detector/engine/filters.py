"""Drop raw matches a rule does not want: outside its scopes, or overlapped by an `unless` pattern."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from detector.rules import pattern as P

from .context import DocContext, RawMatch
from .tokenpattern import CompiledPattern

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


def unless_matches(compiled: CompiledPattern, lengths: tuple[int, int] | None, ctx: DocContext,
                   sentences: set[int]) -> list[RawMatch]:
    """The matches of an `unless` pattern in some sentences (see CompiledPattern.find_all).

    An `unless` that only bounds a sentence's length (``lengths``, from
    `whole_sentence_lengths` when the rule was compiled) is answered from the sentence
    bounds, without running the pattern matcher over the sentence token by token."""
    if lengths is None:
        return compiled.find_all(ctx, sentences=sentences)
    return whole_sentence_matches(ctx, *lengths, sentences)


def whole_sentence_lengths(node: P.Node) -> tuple[int, int] | None:
    """(least, most) when a pattern is exactly `^ _{least,most} $`, else None."""
    if not (isinstance(node, P.Sequence) and len(node.items) == 3):
        return None
    start, body, end = node.items
    if (isinstance(start, P.SentenceStart) and isinstance(end, P.SentenceEnd)
            and isinstance(body, P.Repeat) and isinstance(body.node, P.AnyToken) and body.max <= P.MAX_REPEAT):
        return body.min, body.max
    return None


_TRAILERS = ("punct", "quote")  # what `$` lets follow the end of a match


def whole_sentence_matches(ctx: DocContext, least: int, most: int, sentences: set[int] | None) -> list[RawMatch]:
    """What the pattern matcher finds for `^ _{least,most} $` in the given sentences (None: all),
    numbered as ``Token.sent`` numbers them (their index in ``doc.sentences``).

    It can only start at a sentence's first token; the greedy `_` takes min(most, length)
    tokens and gives them back one at a time until `$` holds (nothing but punctuation and
    quotes left in the sentence).  Giving tokens back only leaves more for `$` to accept, so
    the first end tried is the only one that can succeed; an empty match reports nothing.
    (Its few steps stay far below the matcher's backtracking budget: `most` is at most
    MAX_REPEAT.)"""
    kinds, starts, ends, segments = ctx.kinds, ctx.token_starts, ctx.token_ends, ctx.doc.sentences
    found = []
    for k in sorted(sentences) if sentences is not None else range(len(segments)):
        if not 0 <= k < len(segments):
            continue
        first, last = segments[k].first, segments[k].last
        end = min(first + most, last)
        if end >= first + max(least, 1) and all(kinds[j] in _TRAILERS for j in range(end, last)):
            found.append(RawMatch(starts[first], ends[end - 1]))
    return found
