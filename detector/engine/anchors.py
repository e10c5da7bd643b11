"""Where a token pattern can start: the cheap filters run before the matcher.

- ``required_keys``: word sets a sentence must hold for a match to be possible;
- ``first_keys``: what the first token of a match can be;
- ``anchor_plans``: per top-level alternative, the element at a fixed offset from the
  start whose words are likely rarest, so "(le | la | les) pire" is looked up by "pire".
"""

from __future__ import annotations

from detector.rules import pattern as P
from detector.text.case import lower

from .context import KEY_SET_BITS, DocContext


def first_keys(node: P.Node):
    """The set of (form, value) keys a match can start with, or None when any token can."""
    keys, nullable = starts_with(node)
    return None if keys is None else keys


def starts_with(node):
    """Return (keys or None for 'anything', whether the node can match zero tokens)."""
    if isinstance(node, P.Literal):
        return {("norm", node.words[0])}, False
    if isinstance(node, P.LexiconRef):
        return {("lex", node.name)}, False
    if isinstance(node, P.Lemma):
        return {("lemma", node.lemma)}, False
    if isinstance(node, (P.SentenceStart, P.SentenceEnd)):
        return set(), True
    if isinstance(node, (P.TokenRegex, P.TokenClass)):
        return {("test", node)}, False
    if isinstance(node, (P.AnyToken, P.Negation)):
        return None, False
    if isinstance(node, P.Capture):
        return starts_with(node.node)
    if isinstance(node, P.Repeat):
        keys, nullable = starts_with(node.node)
        return keys, nullable or node.min == 0
    if isinstance(node, P.Alternatives):
        out, nullable = set(), False
        for option in node.options:
            keys, n = starts_with(option)
            if keys is None:
                return None, True
            out |= keys
            nullable = nullable or n
        return out, nullable
    if isinstance(node, P.Sequence):
        out = set()
        for item in node.items:
            keys, nullable = starts_with(item)
            if keys is None:
                return None, False
            out |= keys
            if not nullable:
                return out, False
        return out, True
    return None, False


def required_keys(node: P.Node) -> list[frozenset]:
    """Key sets a sentence must hold for a match to be possible: one key of each set.

    This is the cheap literal pre-filter: a set of words looked up in a per-document index
    rules out most sentences before the backtracking matcher sees them.
    """
    if isinstance(node, P.Literal):
        return [frozenset({("norm", w)}) for w in node.words]
    if isinstance(node, P.LexiconRef):
        return [frozenset({("lex", node.name)})]
    if isinstance(node, P.Lemma):
        return [frozenset({("lemma", node.lemma)})]
    if isinstance(node, P.Capture):
        return required_keys(node.node)
    if isinstance(node, P.Repeat):
        return required_keys(node.node) if node.min >= 1 else []
    if isinstance(node, P.Sequence):
        return [req for item in node.items for req in required_keys(item)]
    if isinstance(node, P.Alternatives):
        union: set[tuple] = set()
        for option in node.options:
            reqs = required_keys(option)
            if not reqs:
                return []
            # any one requirement of each option will do: the likeliest rarest keeps the union selective
            union |= min(reqs, key=_keys_cost)
        return [frozenset(union)]
    return []


MAX_SPREAD = 4  # an anchor may sit at up to this many different offsets from the start


def length_range(node: P.Node) -> tuple[int, int | None]:
    """The fewest and most tokens the node can consume (most: None when unbounded or unknown)."""
    if isinstance(node, P.Literal):
        return len(node.words), len(node.words)
    if isinstance(node, (P.Lemma, P.TokenRegex, P.TokenClass, P.AnyToken, P.Negation)):
        return 1, 1
    if isinstance(node, (P.SentenceStart, P.SentenceEnd)):
        return 0, 0
    if isinstance(node, P.Capture):
        return length_range(node.node)
    if isinstance(node, P.Repeat):
        lo, hi = length_range(node.node)
        return lo * node.min, hi * node.max if hi is not None and node.max < P.MAX_REPEAT else None
    if isinstance(node, (P.Alternatives, P.Sequence)):
        parts = [length_range(n) for n in (node.options if isinstance(node, P.Alternatives) else node.items)]
        if isinstance(node, P.Alternatives):
            los, his = [lo for lo, _ in parts], [hi for _, hi in parts if hi is not None]
            return min(los), max(his) if len(his) == len(parts) else None
        his = [hi for _, hi in parts if hi is not None]
        return sum(lo for lo, _ in parts), sum(his) if len(his) == len(parts) else None
    return 1, None  # lexicon entries vary in length


class Plan:
    """One top-level alternative of a pattern, as the candidate search sees it.

    ``anchors``: elements whose first token sits at a known range of offsets from the match
    start, each as ((lo, hi), keys), likeliest rarest first; the search picks per document the
    one with the fewest positions. ``required``: key sets the sentence of a match must hold
    (one key of each). ``residual[k]``: the requirements anchor k does not already imply,
    i.e. those worth checking sentence by sentence once anchor k has placed the starts.
    """

    __slots__ = ("anchors", "at_start", "required", "residual", "need", "unsure")

    def __init__(self, anchors: list, at_start: bool, required: list[frozenset]):
        # (lo, hi, keys, whether the keys include a class or regex test)
        self.anchors = [(lo, hi, keys, any(kind == "test" for kind, _ in keys)) for (lo, hi), keys in anchors]
        self.at_start = at_start
        self.required = required
        self.residual = [[r for r in required if not r >= keys] for _, keys in anchors]
        # word and lexicon requirements are answered for all patterns at once by a bit mask
        # (`DocContext.absent_mask`); the others ("unsure") one by one
        bits = [KEY_SET_BITS.bit(r) for r in required]
        self.need = 0
        for bit in bits:
            self.need |= bit
        self.unsure = [r for r, bit in zip(required, bits) if not bit]

    def __reduce__(self):
        # the requirement bits belong to this process's registry: an unpickled plan asks its own
        return Plan, ([((lo, hi), keys) for lo, hi, keys, _ in self.anchors], self.at_start, self.required)

    def trigger(self) -> frozenset | None:
        """Keys one of which a document must hold for this alternative to match (None: no such
        set without class or regex tests, which the vocabulary of a document cannot answer)."""
        options = [*self.required, *(keys for _, _, keys, is_test in self.anchors if not is_test)]
        return min(options, key=_keys_cost) if options else None


def anchor_plans(node: P.Node) -> list[Plan]:
    """For each top-level alternative: its anchors, the elements whose first token sits at a
    known range of offsets from the match start, whether it is anchored at sentence start,
    and what its sentence must hold.

    "(tous | toutes)? les? experts sont unanimes" can be looked up by "experts", 0 to 2 tokens
    after the start, rather than by its optional first words."""
    if isinstance(node, P.Alternatives):
        return [plan for option in node.options for plan in anchor_plans(option)]
    if isinstance(node, P.Capture):
        return anchor_plans(node.node)
    items = node.items if isinstance(node, P.Sequence) else (node,)
    anchors, at_start, lo, hi = [], False, 0, 0
    whole, _ = starts_with(node)  # what the alternative can start with, optional elements included
    if whole:
        anchors.append(((0, 0), frozenset(whole)))
    for item in items:
        if isinstance(item, P.SentenceStart) and hi == 0:
            at_start = True
            continue
        keys, nullable = starts_with(item)
        if keys and not nullable and hi > 0:
            anchors.append(((lo, hi), frozenset(keys)))
        if isinstance(item, P.Literal):  # "de l'avis" can be looked up by "avis", two tokens on
            anchors.extend(((lo + j, hi + j), frozenset({("norm", w)})) for j, w in enumerate(item.words) if j)
        least, most = length_range(item)
        if most is None or hi + most - (lo + least) > MAX_SPREAD:
            break
        lo, hi = lo + least, hi + most
    # a word repeated in a pattern is one requirement; the likeliest rarest first, since the
    # sentences holding them are intersected until none is left
    required = sorted(dict.fromkeys(required_keys(node)), key=_keys_cost)
    return [Plan(sorted(anchors, key=_anchor_cost), at_start, required)]


def _common_words() -> frozenset[str]:
    from detector.text.wordlists import load_list

    words = set()
    for lang in ("en", "fr"):
        for line in load_list(f"stopwords-{lang}.txt"):
            words.add(lower(line.split()[0]))
    return frozenset(words)


_COMMON: frozenset[str] | None = None


def _anchor_cost(anchor) -> int:
    """A static guess of how often an anchor's keys occur: function words are everywhere,
    lexicons and class tests often, plain content words rarely."""
    global _COMMON
    if _COMMON is None:
        _COMMON = _common_words()
    (lo, hi), keys = anchor
    cost = 0
    for kind, value in keys:
        if kind == "norm":
            cost += 1000 if value in _COMMON or len(value) <= 2 else 1
        elif kind == "lemma":
            cost += 1000 if value in _COMMON else 3
        elif kind == "lex":
            cost += 50
        else:
            cost += 500
    return cost * (hi - lo + 1)  # every offset in the range is one more start to try


def _keys_cost(keys) -> int:
    """`_anchor_cost` of a key set at one offset: how common its keys are likely to be."""
    return _anchor_cost(((0, 0), keys))


def _cost_in(ctx: DocContext, anchor) -> int:
    """How many starts an anchor yields in this document: its positions times its spread.
    A class or regex test would first be evaluated over the whole document: last resort."""
    lo, hi, keys, is_test = anchor
    return (1 << 30) if is_test else ctx.count_of_any(keys) * (hi - lo + 1)


def _cheapest(anchors, ctx: DocContext) -> int:
    """The index of the anchor with the fewest starts in this document (the first of equals)."""
    best, best_cost = 0, _cost_in(ctx, anchors[0])
    for k in range(1, len(anchors)):
        cost = _cost_in(ctx, anchors[k])
        if cost < best_cost:
            best, best_cost = k, cost
    return best


def plan_starts(plan: Plan, ctx: DocContext) -> set[int] | frozenset[int] | None:
    """Token positions where the plan's alternative may start (None: any token may).

    The caller has checked `plan.need` against the document's absent mask: every word the
    plan requires occurs somewhere; most plans still fail here, since their words do not
    meet in one sentence."""
    allowed = -1  # the sentences holding every requirement, as bits
    for req in plan.required:
        allowed &= ctx.sentence_mask(req)
        if not allowed:
            return set()
    anchors = plan.anchors
    starts: set[int] | frozenset[int]
    k = _cheapest(anchors, ctx) if len(anchors) > 1 else 0
    if anchors and not (plan.at_start and anchors[k][3]):
        lo, hi, keys, _ = anchors[k]
        positions = ctx.positions_of_any(keys)
        bounds = ctx.sentence_bounds
        if lo == hi:
            starts = {p - lo for p in positions if p - lo >= bounds[p][0]}
        else:
            starts = {p - off for p in positions for off in range(lo, hi + 1) if p - off >= bounds[p][0]}
        if plan.at_start:
            starts &= ctx.sentence_starts
    elif plan.at_start:
        starts = ctx.sentence_starts  # cheaper than a test over the whole document
    elif plan.required:
        segs = ctx.doc.sentences
        return {i for s, seg in enumerate(segs) if allowed >> s & 1 for i in range(seg.first, seg.last)}
    else:
        return None
    if plan.residual[k] if anchors else plan.required:
        sent_of = ctx.sent_of
        starts = {i for i in starts if allowed >> sent_of[i] & 1}
    return starts
