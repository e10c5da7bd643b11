"""Token patterns: where to try them, and two matchers with one meaning.

Patterns are short and never leave their sentence, so backtracking with greedy quantifiers
is fast enough; what matters is how many start positions are tried, which the filters of
``anchors.py`` cut down. ``match_at`` runs the compiled closures of ``fastmatch.py``;
``reference_match_at`` runs the generator matcher below, which is slower but easy to
instrument (``explain --trace`` subclasses it) and serves as the specification the fast
one is tested against.
"""

from __future__ import annotations

import regex

from detector.rules import pattern as P

from .anchors import anchor_plans, first_keys, plan_starts, required_keys
from .context import DocContext, Evidence, RawMatch, class_test
from .fastmatch import BudgetExceeded, MatchState, compile_node
from .lexicon import entry_ref

TOKEN_REGEX_TIMEOUT = 0.05  # seconds per token test; one token is short
MAX_SOLUTIONS_TRIED = 10_000  # backtracking budget per start position


class _Budget(Exception):
    pass


class CompiledPattern:
    def __init__(self, node: P.Node):
        self.node = node
        self.first = first_keys(node)
        self.required = required_keys(node)
        self.plans = anchor_plans(node)
        self._fast = None  # compiled on first use: most patterns never meet a candidate in a short text
        self._compiled_regexes: dict[str, regex.Pattern] | None = None
        self.needs_lemmas = P.uses_lemmas(node)

    def trigger_keys(self) -> frozenset | None:
        """Keys one of which a document must hold for any match (None: no such guarantee)."""
        keys = set()
        for plan in self.plans:
            trigger = plan.trigger()
            if trigger is None:
                return None
            keys |= trigger
        return frozenset(keys)

    @property
    def _regexes(self) -> dict[str, regex.Pattern]:
        """Token regexes for the reference matcher (the fast one shares DocContext's memo)."""
        if self._compiled_regexes is None:
            self._compiled_regexes = {
                n.source: regex.compile(n.pattern, regex.IGNORECASE if n.ignore_case else 0)
                for n in P.walk(self.node) if isinstance(n, P.TokenRegex)
            }
        return self._compiled_regexes

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
                return list(range(len(ctx.tokens)))
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
        lo_bound, hi_bound = within if within else (0, len(ctx.tokens))
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
        tokens = ctx.tokens
        ev = [Evidence(src, tokens[a].start, tokens[b - 1].end, lex) for src, a, b, lex in st.ev]
        caps = {name: (tokens[a].start, tokens[b - 1].end) for name, a, b in st.caps if b > a}
        return RawMatch(tokens[i].start, tokens[st.end - 1].end, ev, caps), st.end

    def reference_match_at(self, ctx: DocContext, i: int):
        """The same as match_at with the generator matcher below: slower, easy to instrument."""
        lo, hi = ctx.sentence_bounds[i]
        budget = [MAX_SOLUTIONS_TRIED]
        try:
            for end, evidence, captures in self._m(self.node, ctx, i, lo, hi, (), (), budget):
                if end == i:
                    continue
                tokens = ctx.tokens
                ev = [Evidence(src, tokens[a].start, tokens[b - 1].end, lex) for src, a, b, lex in evidence]
                caps = {name: (tokens[a].start, tokens[b - 1].end) for name, a, b in captures if b > a}
                return RawMatch(tokens[i].start, tokens[end - 1].end, ev, caps), end
        except _Budget:
            ctx.warnings.append("a token pattern exceeded its backtracking budget")
        return None

    def _test(self, node, ctx: DocContext, i: int) -> bool:
        """Single-token tests (used directly and under negation)."""
        tok = ctx.tokens[i]
        if isinstance(node, P.Literal):
            return len(node.words) == 1 and tok.norm == node.words[0]
        if isinstance(node, P.Lemma):
            return tok.lemma == node.lemma
        if isinstance(node, P.TokenRegex):
            try:
                return self._regexes[node.source].fullmatch(tok.text, timeout=TOKEN_REGEX_TIMEOUT) is not None
            except TimeoutError:
                return False
        if isinstance(node, P.TokenClass):
            return class_test(node.name, tok)
        if isinstance(node, P.AnyToken):
            return True
        if isinstance(node, P.LexiconRef):
            return bool(ctx.lexicon_hits.get(node.name, {}).get(i))
        return False

    def _m(self, node, ctx, i, lo, hi, ev, caps, budget):
        budget[0] -= 1
        if budget[0] < 0:
            raise _Budget()
        if isinstance(node, P.Sequence):
            yield from self._seq(node.items, 0, ctx, i, lo, hi, ev, caps, budget)
        elif isinstance(node, P.Alternatives):
            for option in node.options:
                yield from self._m(option, ctx, i, lo, hi, ev, caps, budget)
        elif isinstance(node, P.Repeat):
            yield from self._repeat(node, 0, ctx, i, lo, hi, ev, caps, budget)
        elif isinstance(node, P.Capture):
            for end, ev2, caps2 in self._m(node.node, ctx, i, lo, hi, ev, caps, budget):
                yield end, ev2, caps2 + ((node.name, i, end),)
        elif isinstance(node, P.SentenceStart):
            if i == lo:
                yield i, ev, caps
        elif isinstance(node, P.SentenceEnd):
            if all(ctx.tokens[k].kind in ("punct", "quote") for k in range(i, hi)):
                yield i, ev, caps
        elif isinstance(node, P.Literal):
            n = len(node.words)
            if i + n <= hi:
                if tuple(t.norm for t in ctx.tokens[i : i + n]) == node.words:
                    yield i + n, ev + ((node.source, i, i + n, None),), caps
        elif isinstance(node, P.LexiconRef):
            for end, entry, lex in ctx.lexicon_hits.get(node.name, {}).get(i, ()):
                if end <= hi:
                    yield end, ev + ((node.source, i, end, entry_ref(entry, lex)),), caps
        elif isinstance(node, P.Negation):
            if i < hi and not self._test(node.test, ctx, i):
                yield i + 1, ev, caps
        elif i < hi and self._test(node, ctx, i):
            recorded = ev if isinstance(node, P.AnyToken) else ev + ((node.source, i, i + 1, None),)
            yield i + 1, recorded, caps

    def _seq(self, items, k, ctx, i, lo, hi, ev, caps, budget):
        if k == len(items):
            yield i, ev, caps
            return
        for end, ev2, caps2 in self._m(items[k], ctx, i, lo, hi, ev, caps, budget):
            yield from self._seq(items, k + 1, ctx, end, lo, hi, ev2, caps2, budget)

    def _repeat(self, node, count, ctx, i, lo, hi, ev, caps, budget):
        if count < node.max:
            for end, ev2, caps2 in self._m(node.node, ctx, i, lo, hi, ev, caps, budget):
                if end > i:  # no progress, no repetition: keeps empty loops finite
                    yield from self._repeat(node, count + 1, ctx, end, lo, hi, ev2, caps2, budget)
        if count >= node.min:
            yield i, ev, caps
