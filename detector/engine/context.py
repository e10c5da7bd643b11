"""Per-document facts every rule kind reads, computed once per document and shared."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import reduce
from itertools import chain, compress
from operator import or_

from detector.text import Document
from detector.text.case import lower
from detector.text.positions import bits_at, where_in
from detector.text.tokenizer import Token


@dataclass
class Evidence:
    element: str  # the pattern element, as written in the rule
    start: int  # analysis offsets
    end: int
    lexicon: str | None = None  # "rules/fr/lexicons/x.txt:14"


@dataclass
class RawMatch:
    start: int  # analysis offsets of the reported span
    end: int
    evidence: list[Evidence] = field(default_factory=list)
    captures: dict[str, tuple[int, int]] = field(default_factory=dict)


class DocContext:
    """A document plus the indexes the matchers share: which forms it holds, and where.

    Indexes are built on demand, once per document; questions about sets of words are answered
    with set operations on the vocabulary rather than word by word.
    """

    def __init__(self, doc: Document, lexicon_hits: dict[str, dict[int, list]]):
        self.doc = doc
        self.columns = doc.columns  # the tokens, one list per field
        # lexicon name -> token index -> [(end token index, LexiconEntry, Lexicon)], longest first
        self.lexicon_hits = lexicon_hits
        self.warnings: list[str] = []
        self._tests: dict[str, frozenset[int]] = {}
        self._any_cache: dict[frozenset, list[int]] = {}
        self._count_cache: dict[frozenset, int] = {}
        self._absent, self._absent_version = 0, -1
        self._sentence_masks: dict[frozenset, int] = {}
        # lazily built indexes (plain properties: mypyc compiles cached_property as a non-caching one)
        self._sentence_bounds: list[tuple[int, int]] | None = None
        self._lowered: str | None = None
        self._lowered_done = False
        self._text_vocabulary: set[str] | None = None
        self._lemmas: list[str] | None = None
        self._norm_positions: dict[str, list[int]] | None = None
        self._norm_sentences: dict[str, int] = {}  # word -> its sentences as bits, filled as asked
        self._lemma_positions: dict[str, list[int]] | None = None
        self._lemma_vocabulary: set[str] | None = None
        self._sorted_regions: dict[str, list[tuple[int, int]]] | None = None
        self._sentence_bits: list[int] | None = None
        self._sentence_starts: frozenset[int] | None = None

    @property
    def tokens(self) -> list[Token]:
        """The tokens as objects (built on first use; the matchers read the columns)."""
        return self.doc.tokens

    @property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """For each token, the token range of its sentence."""
        if self._sentence_bounds is None:
            self._sentence_bounds = self._make_sentence_bounds()
        return self._sentence_bounds

    def _make_sentence_bounds(self) -> list[tuple[int, int]]:
        bounds = [(0, 0)] * len(self.columns)
        for seg in self.doc.sentences:
            bounds[seg.first : seg.last] = [(seg.first, seg.last)] * (seg.last - seg.first)
        return bounds

    @property
    def sent_of(self) -> list[int]:
        """For each token, the index of its sentence (``Token.sent``)."""
        return self.columns.sents

    @property
    def paras(self) -> list[int]:
        """For each token, the index of its paragraph (``Token.para``)."""
        return self.columns.paras

    @property
    def norms(self) -> list[str]:
        return self.columns.norms

    @property
    def folds(self) -> list[str]:
        return self.columns.folds

    @property
    def kinds(self) -> list[str]:
        return self.columns.kinds

    def form_list(self, form: str) -> list[str]:
        """Every token's ``norm``, ``fold`` or ``lemma``, built once per document."""
        return self.lemmas if form == "lemma" else self.folds if form == "fold" else self.norms

    @property
    def lowered(self) -> str | None:
        """The document's `lowered_text`, which every regex rule of it reads."""
        if not self._lowered_done:
            self._lowered = lowered_text(self.doc.text)
            self._lowered_done = True
        return self._lowered

    @property
    def texts(self) -> list[str]:
        return self.columns.texts

    @property
    def lemmas(self) -> list[str]:
        if self._lemmas is None:
            self._lemmas = self._make_lemmas()
        return self._lemmas

    def _make_lemmas(self) -> list[str]:
        self.doc.ensure_lemmas()
        return self.columns.lemmas  # type: ignore[return-value]  # ensure_lemmas filled them

    def token_tests(self, key: str, node) -> frozenset[int]:
        """Indices of tokens passing a one-token regex or class test; computed once per document."""
        found = self._tests.get(key)
        if found is None:
            found = self._tests[key] = frozenset(run_token_test(node, self.kinds, self.texts, self.warnings,
                                                                self.text_vocabulary))
        return found

    @property
    def text_vocabulary(self) -> set[str]:
        """The distinct token texts, which token regex tests are answered for."""
        if self._text_vocabulary is None:
            self._text_vocabulary = set(self.texts)
        return self._text_vocabulary

    @property
    def norm_positions(self) -> dict[str, list[int]]:
        """Where each form occurs; its keys are the document's vocabulary, which set operations
        intersect with the word sets of patterns."""
        if self._norm_positions is None:
            self._norm_positions = _index(self.norms)
        return self._norm_positions

    @property
    def lemma_positions(self) -> dict[str, list[int]]:
        if self._lemma_positions is None:
            self._lemma_positions = _regrouped(self.norm_positions, self.lemmas)
        return self._lemma_positions

    @property
    def lemma_vocabulary(self) -> set[str]:
        """The lemmas the document holds (patterns ask about few lemmas: no full index)."""
        if self._lemma_vocabulary is None:
            self._lemma_vocabulary = set(self.lemmas)
        return self._lemma_vocabulary

    def _lemma_hits(self, lemmas: frozenset) -> list[int]:
        if self.lemma_vocabulary.isdisjoint(lemmas):
            return []
        return where_in(self.lemmas, lemmas)

    @property
    def sorted_regions(self) -> dict[str, list[tuple[int, int]]]:
        if self._sorted_regions is None:
            self._sorted_regions = {name: sorted(spans) for name, spans in self.doc.regions.items()}
        return self._sorted_regions

    @property
    def token_starts(self) -> list[int]:
        return self.columns.starts

    @property
    def token_ends(self) -> list[int]:
        return self.columns.ends

    def token_at(self, offset: int) -> int:
        """Index of the token that contains (or, between tokens, precedes) an analysis offset."""
        return max(0, bisect_right(self.token_starts, offset) - 1)

    def positions(self, key: tuple):
        """Token indices where a (form, value) key occurs: a word, a lexicon entry start, a lemma."""
        kind, value = key
        if kind == "norm":
            return self.norm_positions.get(value, ())
        if kind == "lex":
            return self.lexicon_hits.get(value, {}).keys()
        if kind == "test":
            return self.token_tests(value.source, value)
        return self.lemma_positions.get(value, ())

    def _position_parts(self, keys: frozenset) -> list:
        """The positions of a key set as one collection per key that occurs (words and lexicons
        from their indexes, lemmas and tests gathered), which `count_of_any` sizes and
        `positions_of_any` joins."""
        norms, lemmas, lexicons, tests = split_keys(keys)
        if norms:
            index = self.norm_positions
            parts: list = list(map(index.__getitem__, index.keys() & norms))
            if not (lemmas or lexicons or tests):
                return parts  # most key sets are words only: no generators to run
        else:
            parts = []
        if lemmas:
            parts.append(self._lemma_hits(lemmas))
        parts.extend(self.lexicon_hits.get(name, ()) for name in lexicons)
        parts.extend(self.token_tests(node.source, node) for node in tests)
        return parts

    def count_of_any(self, keys: frozenset) -> int:
        """How many positions `positions_of_any` would return, without joining them."""
        found = self._count_cache.get(keys)
        if found is None:
            found = self._count_cache[keys] = sum(map(len, self._position_parts(keys)))
        return found

    def positions_of_any(self, keys: frozenset) -> list[int]:
        """Token indices where any of the keys occurs; shared by every pattern using the same set."""
        found = self._any_cache.get(keys)
        if found is None:
            found = self._any_cache[keys] = list(chain.from_iterable(self._position_parts(keys)))
        return found

    def absent_mask(self) -> int:
        """The bits (see `KeySetBits`) of the registered key sets this document lacks entirely.

        One pass over the forms the document shares with all patterns answers every word and
        lexicon requirement of every pattern at once; a pattern alternative whose requirement
        bits meet this mask cannot match anywhere in the document."""
        bits = KEY_SET_BITS
        if self._absent_version != bits.version:
            masks = bits.norm_masks
            present = reduce(or_, map(masks.__getitem__, masks.keys() & self.norm_positions.keys()), 0)
            hits = self.lexicon_hits
            for name, mask in bits.lex_masks.items():
                if hits.get(name):
                    present |= mask
            # positive (bounded) rather than ~present: `&` with a negative integer is slower
            self._absent, self._absent_version = ((1 << bits.version) - 1) & ~present, bits.version
        return self._absent

    @property
    def sentence_bits(self) -> list[int]:
        """For each token, its sentence as a bit (see `sentence_mask`)."""
        if self._sentence_bits is None:
            self._sentence_bits = [1 << k for k in self.sent_of]
        return self._sentence_bits

    @property
    def sentence_starts(self) -> frozenset[int]:
        """The first token of every non-empty sentence."""
        if self._sentence_starts is None:
            self._sentence_starts = frozenset(seg.first for seg in self.doc.sentences if seg.last > seg.first)
        return self._sentence_starts

    def sentence_mask(self, keys: frozenset) -> int:
        """The sentences holding one of the keys, as bits of an integer (bit k: sentence k), so
        that the sentences holding every requirement of a pattern are one `&` away."""
        found = self._sentence_masks.get(keys)
        if found is None:
            norms, lemmas, lexicons, tests = split_keys(keys)
            if lemmas or lexicons or tests:
                found = bits_at(self.sentence_bits, self.positions_of_any(keys))
            else:  # words only, the common case: from the sentences of each word, shared by all sets
                index, masks, bits = self.norm_positions, self._norm_sentences, self.sentence_bits
                found = 0
                for norm in index.keys() & norms:
                    mask = masks.get(norm)
                    if mask is None:
                        mask = masks[norm] = bits_at(bits, index[norm])
                    found |= mask
            self._sentence_masks[keys] = found
        return found

    def span_of_tokens(self, first: int, last: int) -> tuple[int, int]:
        return self.columns.starts[first], self.columns.ends[last - 1]


TOKEN_REGEX_TIMEOUT = 0.05  # seconds per token: one token is short
_MEMO_LIMIT = 200_000
# per token regex: (compiled, verdict per text, the texts it matched)
_token_regex_memo: dict[str, tuple[object, dict[str, bool], set[str]]] = {}


def _token_regex(node):
    """The compiled regex of a token test, its memo of verdicts per token text, and the set
    of texts it matched.

    News vocabulary repeats: remembering the verdict per distinct form turns most regex
    calls into look-ups, across documents too.  The memo is bounded (emptied here, never
    halfway through a document) and only caches a pure function of the text, so results
    never depend on what was seen before.
    """
    import regex

    entry = _token_regex_memo.get(node.source)
    if entry is None:
        compiled = regex.compile(node.pattern, regex.IGNORECASE if node.ignore_case else 0)
        entry = _token_regex_memo[node.source] = (compiled, {}, set())
    if len(entry[1]) > _MEMO_LIMIT:
        entry[1].clear()
        entry[2].clear()
    return entry


def _new_verdict(entry, node, text: str, warnings) -> bool:
    compiled, memo, matched = entry
    try:
        verdict = compiled.fullmatch(text, timeout=TOKEN_REGEX_TIMEOUT) is not None
    except TimeoutError:
        warnings.append(f"token regex {node.source} timed out on {text[:30]!r}")
        verdict = False
    memo[text] = verdict
    if verdict:
        matched.add(text)
    return verdict


def regex_verdict(node, text: str, warnings) -> bool:
    """Does a token text fully match a token regex? (memoised per text, across documents)"""
    entry = _token_regex(node)
    verdict = entry[1].get(text)
    return _new_verdict(entry, node, text, warnings) if verdict is None else verdict


def run_token_test(node, kinds: list[str], texts: list[str], warnings,
                   vocabulary: set[str] | None = None) -> list[int]:
    """The indices of the tokens (given by kind and text) that pass a class or regex test."""
    from detector.rules import pattern as P

    if isinstance(node, P.TokenClass):
        return list(compress(range(len(texts)), map(class_predicate(node.name), kinds, texts)))
    if vocabulary is None:
        vocabulary = set(texts)
    # a regex test is a question about the document's distinct texts, answered with set
    # operations; only texts never seen before run the regex, each once, in text order (so a
    # timeout warns in the order of the text). Most documents hold no matching text at all.
    entry = _token_regex(node)
    memo = entry[1]
    unseen = vocabulary.difference(memo)
    if unseen:
        for text in filter(unseen.__contains__, texts):
            if text not in memo:
                _new_verdict(entry, node, text, warnings)
    found = vocabulary & entry[2]
    if not found:
        return []
    return where_in(texts, found)


_split_memo: dict[frozenset, tuple] = {}


def split_keys(keys: frozenset) -> tuple[frozenset, frozenset, tuple, tuple]:
    """A key set as (words, lemmas, lexicon names, test nodes), so each kind is answered by
    one set operation; memoised since patterns share a few hundred key sets."""
    found = _split_memo.get(keys)
    if found is None:
        by_kind: dict[str, list] = {"norm": [], "lemma": [], "lex": [], "test": []}
        for kind, value in keys:
            by_kind[kind].append(value)
        found = _split_memo[keys] = (
            frozenset(by_kind["norm"]), frozenset(by_kind["lemma"]),
            tuple(sorted(by_kind["lex"])), tuple(by_kind["test"]),
        )
    return found


def class_test(name: str, tok) -> bool:
    """Does a token belong to a pattern token class (`:word`, `:cap`, ...)?"""
    return class_predicate(name)(tok.kind, tok.text)


def class_predicate(name: str):
    """The test of a token class as a function of a token's kind and text."""
    if name == "word":
        return lambda kind, text: kind == "word"
    if name == "num":
        return lambda kind, text: kind == "number"
    if name == "cap":
        return lambda kind, text: kind == "word" and text[:1].isupper()
    if name == "upper":
        return lambda kind, text: kind == "word" and len(text) > 1 and text.isupper()
    return lambda kind, text: kind == name


def lowered_text(text: str) -> str | None:
    """``text.lower()``, if each slice of it is the lowered slice of the text; else None.

    That holds unless lowering changes a length (a few letters, like "İ") or depends on
    context (Python lowers a final capital sigma to "ς"), both rare: callers then lower
    piece by piece."""
    lowered = lower(text)
    return lowered if len(lowered) == len(text) and "Σ" not in text else None


def _index(forms: list[str]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, form in enumerate(forms):
        found = index.get(form)  # not a bound `get`: mypyc calls dict.get directly, CPython as fast
        if found is None:
            index[form] = [i]
        else:
            found.append(i)
    return index



def _regrouped(index: dict[str, list[int]], forms: list[str]) -> dict[str, list[int]]:
    """``_index(forms)``, read from the index of another form of the same tokens that decides
    it (a token's lemma follows from its norm): one look-up per distinct form instead of one
    per token. The lists of a form that no other form shares are those of ``index`` (like
    every index list, read only). When one form of ``index`` goes with two of ``forms`` (a
    norm that is a word in one place and not in another), the keys could come in another
    order than _index's: _index then does it all."""
    grouped: dict[str, list[int]] = {}
    merged: set[str] = set()  # forms whose list joins those of several forms of `index`
    for positions in index.values():
        form = forms[positions[0]]
        for k in positions:
            if forms[k] != form:
                return _index(forms)
        found = grouped.get(form)
        if found is None:
            grouped[form] = positions
        else:
            merged.add(form)
            grouped[form] = found + positions  # a new list: those of `index` stay as they are
    for form in merged:
        grouped[form].sort()
    return grouped


class KeySetBits:
    """One bit per word-or-lexicon requirement set of the compiled patterns, so that a document
    can rule out pattern alternatives with integer operations (`DocContext.absent_mask`).

    Sets with lemmas or tests get no bit (0: "maybe present", checked exactly later), and so
    do sets past LIMIT, which keeps a long-running process that compiles many packs bounded.
    """

    LIMIT = 50_000

    def __init__(self):
        self.bits: dict[frozenset, int] = {}
        self.norm_masks: dict[str, int] = {}
        self.lex_masks: dict[str, int] = {}
        self.version = 0  # how many bits were handed out: a document's mask is valid for one version

    def bit(self, keys: frozenset) -> int:
        found = self.bits.get(keys)
        if found is None:
            norms, lemmas, lexicons, tests = split_keys(keys)
            if lemmas or tests or not keys or self.version >= self.LIMIT:
                found = 0
            else:
                found = 1 << self.version
                self.version += 1
                for word in norms:
                    self.norm_masks[word] = self.norm_masks.get(word, 0) | found
                for name in lexicons:
                    self.lex_masks[name] = self.lex_masks.get(name, 0) | found
            self.bits[keys] = found
        return found


KEY_SET_BITS = KeySetBits()
