"""Rule kind `phrase`: every occurrence of an entry of the rule's lexicons or phrase list."""

from __future__ import annotations

from .context import DocContext, Evidence, RawMatch
from .lexicon import entry_ref


def find(rule, ctx: DocContext) -> list[RawMatch]:
    matches, next_free = [], 0
    starts: dict[int, tuple] = {}
    for name in rule.lexicons:
        for first, found in ctx.lexicon_hits.get(name, {}).items():
            best = found[0]  # longest entry starting here
            if first not in starts or best[0] > starts[first][0]:
                starts[first] = best
    for first in sorted(starts):
        if first < next_free:
            continue  # the longest earlier entry already covers this token
        end, entry, lex = starts[first]
        start_char, end_char = ctx.span_of_tokens(first, end)
        element = entry.text if lex.name.startswith("rule:") else f"@{lex.name}"
        # inline phrases point at their line in the rule file, lexicon entries at theirs
        matches.append(RawMatch(start_char, end_char, [Evidence(element, start_char, end_char, entry_ref(entry, lex))]))
        next_free = end
    return matches
