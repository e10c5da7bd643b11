"""Rule kind `cooccurrence`: every listed pattern matches within one sentence or paragraph.

The combination reported is the tightest one (smallest extent in tokens) that satisfies
``ordered`` and ``max_distance`` (the largest gap, in tokens, between two consecutive parts).
"""

from __future__ import annotations

from itertools import product

from .context import DocContext, RawMatch
from .tokenpattern import CompiledPattern

MAX_COMBINATIONS = 256


def unit_of(ctx: DocContext, unit: str):
    """The unit (sentence or paragraph index) of a token, as a function of its index."""
    return (ctx.sent_of if unit == "sentence" else ctx.paras).__getitem__


def _sentences_of(ctx: DocContext, unit: str, units) -> set[int]:
    """The sentences of some units: matches never leave their sentence (nor sentences their
    paragraph), so a part's matches there are the ones it has in the whole document."""
    if unit == "sentence":
        return set(units)
    paragraphs = set(units)
    return {k for k, seg in enumerate(ctx.doc.sentences) if seg.first < seg.last and ctx.paras[seg.first] in paragraphs}


def _token_range(ctx: DocContext, m: RawMatch) -> tuple[int, int]:
    first = ctx.token_at(m.start)
    last = ctx.token_at(m.end - 1) + 1
    return first, last


def find(rule, ctx: DocContext, parts: list[CompiledPattern]) -> list[RawMatch]:
    token_unit = unit_of(ctx, rule.unit)
    per_part: list[dict[int, list]] = []
    for compiled in parts:
        # each part after the first looks only where the one before it matched (so where all
        # before it did): its units are then among theirs
        sentences = _sentences_of(ctx, rule.unit, per_part[-1].keys()) if per_part else None
        by_unit: dict[int, list] = {}
        for m in compiled.find_all(ctx, sentences=sentences):
            first, last = _token_range(ctx, m)
            by_unit.setdefault(token_unit(first), []).append((first, last, m))
        if not by_unit:
            return []
        per_part.append(by_unit)
    common = set(per_part[0]).intersection(*per_part[1:])
    results = []
    for unit in sorted(common):
        best = None
        candidates = [per_part[k][unit] for k in range(len(parts))]
        for n, combo in enumerate(product(*candidates)):
            if n >= MAX_COMBINATIONS:
                break
            if not _acceptable(combo, rule):
                continue
            extent = max(c[1] for c in combo) - min(c[0] for c in combo)
            if best is None or extent < best[0]:
                best = (extent, combo)
        if best is None:
            continue
        combo = best[1]
        if rule.report is None:
            start, end = min(c[2].start for c in combo), max(c[2].end for c in combo)
        else:
            start, end = combo[rule.report][2].start, combo[rule.report][2].end
        evidence, captures = [], {}
        for _, _, m in combo:
            evidence.extend(m.evidence)
            captures.update(m.captures)
        results.append(RawMatch(start, end, evidence, captures))
    return results


def _acceptable(combo, rule) -> bool:
    ordered_spans = sorted(combo, key=lambda c: c[0])
    for a, b in zip(ordered_spans, ordered_spans[1:]):
        if b[0] < a[1]:
            return False  # two parts may not share tokens
        if rule.max_distance is not None and b[0] - a[1] > rule.max_distance:
            return False
    if rule.ordered and list(combo) != ordered_spans:
        return False
    return True
