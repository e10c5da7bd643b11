"""The reference token-pattern matcher: a generator per element, slow but plain.

It is the specification the fast matcher (CompiledPattern.match_at, closures from
``fastmatch.py``) is tested against, and what ``explain --trace`` subclasses to record
every element that failed. It stays pure Python: the modules that scripts/build_mypyc.py
compiles cannot be subclassed from Python.
"""

from __future__ import annotations

import regex

from detector.rules import pattern as P

from .context import DocContext, Evidence, RawMatch, class_test
from .lexicon import entry_ref
from .tokenpattern import MAX_SOLUTIONS_TRIED, TOKEN_REGEX_TIMEOUT


class BudgetSpent(Exception):
    """The backtracking budget of one start position ran out."""


class ReferenceMatcher:
    def __init__(self, node: P.Node):
        self.node = node
        self._compiled_regexes: dict[str, regex.Pattern] | None = None

    @property
    def _regexes(self) -> dict[str, regex.Pattern]:
        """Token regexes for the reference matcher (the fast one shares DocContext's memo)."""
        if self._compiled_regexes is None:
            self._compiled_regexes = {
                n.source: regex.compile(n.pattern, regex.IGNORECASE if n.ignore_case else 0)
                for n in P.walk(self.node) if isinstance(n, P.TokenRegex)
            }
        return self._compiled_regexes

    def match_at(self, ctx: DocContext, i: int):
        """What CompiledPattern.match_at returns: the first (greedy) match at token i, as
        (RawMatch, end token), or None."""
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
        except BudgetSpent:
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
            raise BudgetSpent()
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
