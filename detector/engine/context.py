"""Per-document facts every rule kind reads, computed once per document and shared."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from detector.text import Document


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
    """A document plus the indexes the matchers share: where each form and lexicon entry starts."""

    def __init__(self, doc: Document, lexicon_hits: dict[str, dict[int, list]]):
        self.doc = doc
        self.tokens = doc.tokens
        # lexicon name -> token index -> [(end token index, LexiconEntry, Lexicon)], longest first
        self.lexicon_hits = lexicon_hits
        self.warnings: list[str] = []
        self._sentence_cache: dict[frozenset, set[int]] = {}
        self._tests: dict[str, frozenset[int]] = {}
        self._any_cache: dict[frozenset, list[int]] = {}
        self._present_cache: dict[frozenset, bool] = {}
        self._count_cache: dict[frozenset, int] = {}

    @cached_property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """For each token, the token range of its sentence."""
        bounds = [(0, 0)] * len(self.tokens)
        for seg in self.doc.sentences:
            bounds[seg.first : seg.last] = [(seg.first, seg.last)] * (seg.last - seg.first)
        return bounds

    @cached_property
    def norms(self) -> list[str]:
        return [t.norm for t in self.tokens]

    @cached_property
    def lemmas(self) -> list[str]:
        self.doc.ensure_lemmas()
        return [t.lemma for t in self.tokens]

    def token_tests(self, key: str, node) -> frozenset[int]:
        """Indices of tokens passing a one-token regex or class test; computed once per document."""
        found = self._tests.get(key)
        if found is None:
            found = self._tests[key] = frozenset(run_token_test(node, self.tokens, self.warnings))
        return found

    @cached_property
    def norm_positions(self) -> dict[str, list[int]]:
        index = defaultdict(list)
        for t in self.tokens:
            index[t.norm].append(t.i)
        return index

    @cached_property
    def lemma_positions(self) -> dict[str, list[int]]:
        self.doc.ensure_lemmas()
        index = defaultdict(list)
        for t in self.tokens:
            index[t.lemma].append(t.i)
        return index

    @cached_property
    def sorted_regions(self) -> dict[str, list[tuple[int, int]]]:
        return {name: sorted(spans) for name, spans in self.doc.regions.items()}

    @cached_property
    def token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def token_at(self, offset: int) -> int:
        """Index of the token that contains (or, between tokens, precedes) an analysis offset."""
        return max(0, bisect_right(self.token_starts, offset) - 1)

    def positions(self, key: tuple[str, str]):
        """Token indices where a (form, value) key occurs: a word, a lexicon entry start, a lemma."""
        kind, value = key
        if kind == "norm":
            return self.norm_positions.get(value, ())
        if kind == "lex":
            return self.lexicon_hits.get(value, {}).keys()
        if kind == "test":
            return self.token_tests(value.source, value)
        return self.lemma_positions.get(value, ())

    def count_of_any(self, keys: frozenset) -> int:
        """How many positions `positions_of_any` would return, without building the list."""
        found = self._count_cache.get(keys)
        if found is None:
            found = self._count_cache[keys] = sum(len(self.positions(k)) for k in keys)
        return found

    def positions_of_any(self, keys: frozenset) -> list[int]:
        """Token indices where any of the keys occurs; shared by every pattern using the same set."""
        found = self._any_cache.get(keys)
        if found is None:
            found = self._any_cache[keys] = [p for k in keys for p in self.positions(k)]
        return found

    def has_any(self, keys: frozenset) -> bool:
        """Does the document hold any of the keys at all? (dict look-ups, no position lists)"""
        found = self._present_cache.get(keys)
        if found is None:
            found = False
            for kind, value in keys:
                if kind == "norm":
                    found = value in self.norm_positions
                elif kind == "lex":
                    found = bool(self.lexicon_hits.get(value))
                elif kind == "lemma":
                    found = value in self.lemma_positions
                else:
                    found = bool(self.token_tests(value.source, value))
                if found:
                    break
            self._present_cache[keys] = found
        return found

    def sentences_with_all(self, requirements) -> set[int] | None:
        """Sentences holding at least one key of every requirement set (None: no requirement)."""
        if not requirements:
            return None
        if not all(self.has_any(req) for req in requirements):
            return set()  # most patterns stop here: some word they need is not in the text
        cache = self._sentence_cache
        result = None
        for req in requirements:
            found = cache.get(req)
            if found is None:
                tokens = self.tokens
                found = {tokens[i].sent for key in req for i in self.positions(key)}
                cache[req] = found
            result = found if result is None else result & found
            if not result:
                return set()
        return result

    def span_of_tokens(self, first: int, last: int) -> tuple[int, int]:
        return self.tokens[first].start, self.tokens[last - 1].end


TOKEN_REGEX_TIMEOUT = 0.05  # seconds per token: one token is short
_MEMO_LIMIT = 200_000
_token_regex_memo: dict[str, tuple[object, dict[str, bool]]] = {}


def _token_regex(node):
    """The compiled regex of a token test and its memo of verdicts per token text.

    News vocabulary repeats: remembering the verdict per distinct form turns most regex
    calls into dict look-ups, across documents too.  The memo is bounded and only caches
    a pure function of the text, so results never depend on what was seen before.
    """
    import regex

    entry = _token_regex_memo.get(node.source)
    if entry is None:
        compiled = regex.compile(node.pattern, regex.IGNORECASE if node.ignore_case else 0)
        entry = _token_regex_memo[node.source] = (compiled, {})
    if len(entry[1]) > _MEMO_LIMIT:
        entry[1].clear()
    return entry


def run_token_test(node, tokens, warnings) -> list[int]:
    from detector.rules import pattern as P

    if isinstance(node, P.TokenClass):
        return [t.i for t in tokens if class_test(node.name, t)]
    compiled, memo = _token_regex(node)
    found = []
    for t in tokens:
        verdict = memo.get(t.text)
        if verdict is None:
            try:
                verdict = compiled.fullmatch(t.text, timeout=TOKEN_REGEX_TIMEOUT) is not None
            except TimeoutError:
                warnings.append(f"token regex {node.source} timed out on {t.text[:30]!r}")
                verdict = False
            memo[t.text] = verdict
        if verdict:
            found.append(t.i)
    return found


def class_test(name: str, tok) -> bool:
    """Does a token belong to a pattern token class (`:word`, `:cap`, ...)?"""
    if name == "word":
        return tok.kind == "word"
    if name == "num":
        return tok.kind == "number"
    if name == "cap":
        return tok.kind == "word" and tok.text[:1].isupper()
    if name == "upper":
        return tok.kind == "word" and len(tok.text) > 1 and tok.text.isupper()
    return tok.kind == name
