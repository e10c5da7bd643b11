"""The numbers an editor acts on: hits per technique, per category, and per 1,000 words."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from detector.explain import Hit


@dataclass(frozen=True)
class TechniqueCount:
    technique: str
    name: str
    category: str
    count: int


@dataclass(frozen=True)
class Summary:
    hits: int
    words: int
    techniques: list[TechniqueCount]  # most frequent first, then by id

    @property
    def per_thousand_words(self) -> float:
        return 1000.0 * self.hits / self.words if self.words else 0.0

    def per_category(self) -> Counter:
        counts: Counter = Counter()
        for t in self.techniques:
            counts[t.category] += t.count
        return counts


def summarise(hits: list[Hit], words: int, category_of: dict[str, str]) -> Summary:
    counts = Counter(h.technique for h in hits)
    names = {h.technique: h.technique_name for h in hits}
    rows = [
        TechniqueCount(t, names[t] or t, category_of.get(t, ""), n)
        for t, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return Summary(len(hits), words, rows)


def merge(summaries: list[Summary], names: dict[str, str] | None = None) -> Summary:
    """One summary for several articles (the overview of a multi-file report).

    ``names`` gives technique names in the report's language: the articles may be in several.
    """
    counts: Counter = Counter()
    info: dict[str, TechniqueCount] = {}
    for s in summaries:
        for t in s.techniques:
            counts[t.technique] += t.count
            info.setdefault(t.technique, t)
    rows = [
        TechniqueCount(t, (names or {}).get(t) or info[t].name, info[t].category, n)
        for t, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return Summary(sum(s.hits for s in summaries), sum(s.words for s in summaries), rows)
