"""Token patterns: where to try them, and the matcher the engine runs.

Patterns are short and never leave their sentence, so backtracking with greedy quantifiers
is fast enough; what matters is how many start positions are tried, which the filters of
``anchors.py`` cut down. ``match_at`` runs the compiled closures of ``fastmatch.py``;
``reference.py`` holds the plain generator matcher it is tested against.
"""

from __future__ import annotations

from collections.abc import Callable

from detector.compiled import mypyc_attr
from detector.rules import pattern as P

from .anchors import anchor_plans, first_keys, plan_starts, required_keys
from .context import DocContext, Evidence, RawMatch
from .fastmatch import BudgetExceeded, MatchState, compile_node

TOKEN_REGEX_TIMEOUT = 0.05  # seconds per token test; one token is short
MAX_SOLUTIONS_TRIED = 10_000  # backtracking budget per start position


@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)  # pickled: see detector.compiled
class CompiledPattern:
    def __init__(self, node: P.Node):
        self.node = node
        self.first = first_keys(node)
        self.required = required_keys(node)
        self.plans = anchor_plans(node)
        self._fast: Callable[..., bool] | None = None  # compiled on first use: most patterns never meet a candidate in a short text
        self.needs_lemmas = P.uses_lemmas(node)

    def trigger_keys(self) -> frozenset | None:
        """Keys one of which a document must hold for any match (None: no such guarantee)."""
        keys: set[tuple] = set()
        for plan in self.plans:
            trigger = plan.trigger()
            if trigger is None:
                return None
            keys |= trigger
        return frozenset(keys)


    # --- candidate start positions -----------------------------------------------------------

    def candidates(self, ctx: DocContext) -> list[int]:
        """Token positions worth trying, in order.

        Each top-level alternative is tried only where it can match: its sentence must hold
        one word of every set it requires, and it is anchored on the element with the fewest
        positions in this document, at a fixed offset from the start ("le pire" is looked up
        by "pire", not by "le").
        """
        found: set[int] = set()
        absent = ctx.absent_mask()  # most alternatives stop here: some word they need is not in the text
        for plan in [plan for plan in self.plans if not plan.need & absent]:
            starts = plan_starts(plan, ctx)
            if starts is None:
                return list(range(len(ctx.columns)))
            found |= starts
        return sorted(found)

    # --- matching ----------------------------------------------------------------------------

    def find_all(self, ctx: DocContext, within: tuple[int, int] | None = None,
                 sentences: set[int] | None = None) -> list[RawMatch]:
        """Non-overlapping matches, leftmost first, in the document, a token range, or some
        sentences (matches never leave their sentence, so the others need not be scanned)."""
        candidates = self.candidates(ctx)
        if sentences is not None and candidates:
            sent_of = ctx.sent_of
            candidates = [i for i in candidates if sent_of[i] in sentences]
        if not candidates:
            return []
        if self.needs_lemmas:
            ctx.lemmas  # fills the lemmas the compiled tests read
        matches, next_free = [], 0
        lo_bound, hi_bound = within if within else (0, len(ctx.columns))
        st = MatchState(ctx)
        for i in candidates:
            if i < next_free or i < lo_bound or i >= hi_bound:
                continue
            match = self.match_at(ctx, i, st)
            if match:
                matches.append(match[0])
                next_free = max(match[1], i + 1)
        return matches

    def match_at(self, ctx: DocContext, i: int, st: MatchState | None = None):
        """The first (greedy) match starting at token i, as (RawMatch, end token) or None."""
        lo, hi = ctx.sentence_bounds[i]
        st = st or MatchState(ctx)
        st.reset(lo, hi, MAX_SOLUTIONS_TRIED)
        if self._fast is None:
            self._fast = compile_node(self.node)

        def accept(j):
            if j > i:  # an empty match reports nothing
                st.end = j
                return True
            return False

        try:
            if not self._fast(st, i, accept):
                return None
        except BudgetExceeded:
            ctx.warnings.append("a token pattern exceeded its backtracking budget")
            return None
        starts, ends = ctx.token_starts, ctx.token_ends
        ev = [Evidence(src, starts[a], ends[b - 1], lex) for src, a, b, lex in st.ev]
        caps = {name: (starts[a], ends[b - 1]) for name, a, b in st.caps if b > a}
        return RawMatch(starts[i], ends[st.end - 1], ev, caps), st.end
