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

    @cached_property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """For each token, the token range of its sentence."""
        bounds = [(0, 0)] * len(self.tokens)
        for seg in self.doc.sentences:
            for i in range(seg.first, seg.last):
                bounds[i] = (seg.first, seg.last)
        return bounds

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

    def span_of_tokens(self, first: int, last: int) -> tuple[int, int]:
        return self.tokens[first].start, self.tokens[last - 1].end
