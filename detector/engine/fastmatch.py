"""Token patterns compiled to closures in continuation-passing style: the fast matcher.

Each AST node becomes a function ``f(st, i, k)`` that tries to match at token ``i`` and,
on success, calls the continuation ``k(j)`` with the position after the match; it returns
True as soon as some continuation succeeds.  Evidence and captures live on stacks in ``st``
and are popped on backtracking, so the first success leaves exactly the winning path there.
Semantics are those of the reference generator matcher in ``tokenpattern.py`` (greedy
quantifiers, alternatives in order, first solution wins); a property test checks they agree.
"""

from __future__ import annotations

from detector.rules import pattern as P

from .context import class_predicate, regex_verdict
from .lexicon import entry_ref


class BudgetExceeded(Exception):
    pass


class MatchState:
    """Everything a compiled pattern reads or writes while matching one start position."""

    __slots__ = ("norms", "lemmas", "kinds", "texts", "lexicon_hits", "lo", "hi", "ev", "caps", "steps", "end", "warnings")

    def __init__(self, ctx):
        self.norms = ctx.norms
        self.lemmas = ctx._lemmas  # filled only when some pattern tests lemmas
        self.kinds = ctx.kinds
        self.texts = ctx.texts
        self.lexicon_hits = ctx.lexicon_hits
        self.warnings = ctx.warnings
        self.lo = self.hi = self.end = self.steps = 0
        self.ev: list = []
        self.caps: list = []

    def reset(self, lo: int, hi: int, steps: int) -> None:
        """Ready the state for one start position (one state serves a whole scan)."""
        self.lo, self.hi, self.steps, self.end = lo, hi, steps, -1
        self.ev.clear()
        self.caps.clear()


def compile_node(node: P.Node):
    if isinstance(node, P.Sequence):
        return _sequence([compile_node(n) for n in node.items])
    if isinstance(node, P.Alternatives):
        if all(isinstance(o, P.Literal) and len(o.words) == 1 for o in node.options):
            return _word_set(node)
        return _alternatives([compile_node(n) for n in node.options], [_first_word_guard(n) for n in node.options])
    if isinstance(node, P.Repeat):
        return _repeat(compile_node(node.node), node.min, node.max)
    if isinstance(node, P.Capture):
        return _capture(node.name, compile_node(node.node))
    if isinstance(node, P.Literal):
        return _literal(node)
    if isinstance(node, P.LexiconRef):
        return _lexicon(node)
    if isinstance(node, P.SentenceStart):
        return lambda st, i, k: i == st.lo and k(i)
    if isinstance(node, P.SentenceEnd):
        return _sentence_end
    if isinstance(node, P.Negation):
        test = single_token_test(node.test)

        def negation(st, i, k):
            return i < st.hi and not test(st, i) and k(i + 1)

        return negation
    if isinstance(node, P.AnyToken):
        return lambda st, i, k: i < st.hi and k(i + 1)
    test = single_token_test(node)
    src = node.source

    def one_token(st, i, k):
        if i < st.hi and test(st, i):
            if _consume(st, src, i, i + 1, None, k):
                return True
        return False

    return one_token


def single_token_test(node: P.Node):
    """A predicate (st, i) -> bool for tests that look at one token."""
    if isinstance(node, P.Literal):
        if len(node.words) != 1:
            return lambda st, i: False
        word = node.words[0]
        return lambda st, i: st.norms[i] == word
    if isinstance(node, P.Lemma):
        lemma = node.lemma
        return lambda st, i: st.lemmas is not None and st.lemmas[i] == lemma
    if isinstance(node, P.LexiconRef):
        name = node.name
        return lambda st, i: bool(st.lexicon_hits.get(name, {}).get(i))
    if isinstance(node, P.AnyToken):
        return lambda st, i: True
    # class and regex tests run at the positions the matcher reaches, not over the document
    if isinstance(node, P.TokenClass):
        test = class_predicate(node.name)
        return lambda st, i: test(st.kinds[i], st.texts[i])
    if isinstance(node, P.TokenRegex):
        return lambda st, i: regex_verdict(node, st.texts[i], st.warnings)
    return lambda st, i: False


def _consume(st, src, i, end, lexicon, k) -> bool:
    """Record that element `src` matched tokens i..end and go on; undo the record on failure."""
    st.ev.append((src, i, end, lexicon))
    if k(end):
        return True
    st.ev.pop()
    return False


def _sentence_end(st, i, k):
    kinds = st.kinds
    for j in range(i, st.hi):
        if kinds[j] not in ("punct", "quote"):
            return False
    return k(i)


def _literal(node: P.Literal):
    words, src, n = list(node.words), node.source, len(node.words)
    first = words[0]

    def literal(st, i, k):
        if i + n <= st.hi and st.norms[i] == first and (n == 1 or st.norms[i : i + n] == words):
            if _consume(st, src, i, i + n, None, k):
                return True
        return False

    return literal


def _lexicon(node: P.LexiconRef):
    name, src = node.name, node.source

    def lexicon(st, i, k):
        found = st.lexicon_hits.get(name)
        if not found:
            return False
        for end, entry, lex in found.get(i, ()):
            if end <= st.hi:
                if _consume(st, src, i, end, entry_ref(entry, lex), k):
                    return True
        return False

    return lexicon


def _sequence(parts):
    if not parts:
        return lambda st, i, k: k(i)
    if len(parts) == 1:
        return parts[0]
    head, tail = parts[0], _sequence(parts[1:])

    def sequence(st, i, k):
        return head(st, i, lambda j: tail(st, j, k))

    return sequence


def _first_word_guard(node: P.Node):
    """The words an option can start with, when that is all it can start with (else None)."""
    from .anchors import starts_with

    keys, nullable = starts_with(node)
    if nullable or keys is None or any(k[0] != "norm" for k in keys):
        return None
    return frozenset(k[1] for k in keys)


def _word_set(node: P.Alternatives):
    """`(a | b | c)` of single words: one set look-up instead of a loop over literals."""
    words = {o.words[0]: o.source for o in node.options if isinstance(o, P.Literal)}  # all are

    def word_set(st, i, k):
        if i < st.hi:
            src = words.get(st.norms[i])
            if src is not None:
                if _consume(st, src, i, i + 1, None, k):
                    return True
        return False

    return word_set


def _alternatives(options, guards):
    pairs = list(zip(options, guards))

    def alternatives(st, i, k):
        st.steps -= 1
        if st.steps < 0:
            raise BudgetExceeded()
        word = st.norms[i] if i < st.hi else None
        for option, guard in pairs:
            if guard is not None and word not in guard:
                continue  # this option cannot start with the token at i
            if option(st, i, k):
                return True
        return False

    return alternatives


def _repeat(inner, lo, hi):
    def repeat(st, i, k, count=0):
        st.steps -= 1
        if st.steps < 0:
            raise BudgetExceeded()
        # greedy: one more repetition first (only if it makes progress), then stop here
        if count < hi and inner(st, i, lambda j: j > i and repeat(st, j, k, count + 1)):
            return True
        return count >= lo and k(i)

    return repeat


def _capture(name, inner):
    def capture(st, i, k):
        def after(j):
            st.caps.append((name, i, j))
            if k(j):
                return True
            st.caps.pop()
            return False

        return inner(st, i, after)

    return capture
