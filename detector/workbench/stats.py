"""How good is each rule? Hits, precision and reach of every rule over an annotated corpus.

Precision is at hit level, as in ``propalint eval --by-rule``: a hit is right when it shares
a character with a gold span of its technique. Every rule of the packs is measured, preview
and deprecated ones included, since those are the ones an author is deciding about.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detector.engine.program import Program
from detector.rules.loader import RuleSet
from detector.rules.model import Rule

if TYPE_CHECKING:  # the corpus reader loads when rules are measured, not with the command line
    from detector.eval.corpus import AnnotatedDocument

MIN_HITS_FOR_ADVICE = 10  # below this, a precision figure is too noisy to recalibrate on
SORT_KEYS = ("id", "technique", "hits", "precision", "unique", "gap")


def smoothed_confidence(right: int, total: int) -> float:
    """(right + 1) / (total + 2) to the nearest 0.05, within [0.05, 0.95]."""
    return min(0.95, max(0.05, round((right + 1) / (total + 2) * 20) / 20))


@dataclass
class RuleStats:
    rule: str
    technique: str
    lang: str
    kind: str
    status: str
    confidence: float  # as declared in the pack
    documents: int = 0  # corpus documents in the rule's language
    hits: int = 0
    correct: int = 0
    gold_found: int = 0  # gold spans of its technique the rule overlaps
    unique: int = 0  # of those, the ones no other rule overlaps
    overlaps: Counter = field(default_factory=Counter)  # other rule -> hits of this rule it shares text with

    @property
    def precision(self) -> float | None:
        return self.correct / self.hits if self.hits else None

    @property
    def suggested_confidence(self) -> float | None:
        """The precision with one right and one wrong hit added (Laplace), to the nearest 0.05:
        a rule right on its only hit is not trusted at 1.0. None without any hit."""
        return smoothed_confidence(self.correct, self.hits) if self.hits else None

    @property
    def gap(self) -> float:
        """How far the declared confidence is from the measured precision (0 without hits)."""
        return abs(self.confidence - self.precision) if self.hits else 0.0

    def to_dict(self) -> dict:
        p, s = self.precision, self.suggested_confidence
        return {
            "rule": self.rule, "technique": self.technique, "lang": self.lang, "kind": self.kind,
            "status": self.status, "confidence": self.confidence, "documents": self.documents,
            "hits": self.hits, "correct": self.correct,
            "precision": None if p is None else round(p, 3),
            "suggested_confidence": s, "gold_found": self.gold_found, "unique_gold": self.unique,
            "overlaps": dict(sorted(self.overlaps.items())),
        }


def measure(ruleset: RuleSet, docs: list[AnnotatedDocument]) -> list[RuleStats]:
    """Stats for every rule of the rule set, in pack order."""
    from detector.eval.corpus import group_by_lang

    stats = {r.id: _empty(r) for r in ruleset.rules}
    every_rule = frozenset(stats)
    for lang, group in group_by_lang(docs).items():
        program = Program(ruleset, lang, preview=True, selected=every_rule)
        for r in program.rules:
            stats[r.id].documents = len(group)
        for doc in group:
            _score_document(program, doc, stats)
    return list(stats.values())


def _empty(rule: Rule) -> RuleStats:
    return RuleStats(rule.id, rule.technique, rule.lang, rule.kind, rule.status, rule.confidence)


def _score_document(program: Program, doc: AnnotatedDocument, stats: dict[str, RuleStats]) -> None:
    from detector.text import load_document

    hits, _ = program.run(load_document(doc.text, fmt="text", lang=doc.lang))
    finders: dict[int, set[str]] = defaultdict(set)  # gold span index -> rules that overlap it
    for h in hits:
        s = stats[h.rule]
        s.hits += 1
        right = False
        for k, g in enumerate(doc.spans):
            if g.technique == h.technique and g.start < h.end and h.start < g.end:
                right = True
                finders[k].add(h.rule)
        s.correct += right
        for other in hits:
            if other.rule != h.rule and other.start < h.end and h.start < other.end:
                s.overlaps[other.rule] += 1
    for rules in finders.values():
        for rule_id in rules:
            stats[rule_id].gold_found += 1
            stats[rule_id].unique += len(rules) == 1


def sort_stats(rows: list[RuleStats], key: str) -> list[RuleStats]:
    """Numbers sort best or worst first (most hits, highest precision, largest gap); names A to Z."""
    if key == "id":
        return sorted(rows, key=lambda s: s.rule)
    if key == "technique":
        return sorted(rows, key=lambda s: (s.technique, s.rule))
    if key == "precision":
        return sorted(rows, key=lambda s: (s.precision is None, -(s.precision or 0), -s.hits, s.rule))
    attr = {"hits": "hits", "unique": "unique", "gap": "gap"}[key]
    return sorted(rows, key=lambda s: (-getattr(s, attr), s.rule))


def disagreements(rows: list[RuleStats], tolerance: float = 0.2, min_hits: int = MIN_HITS_FOR_ADVICE) -> list[RuleStats]:
    """Rules with enough hits whose declared confidence is off the measured precision."""
    return [s for s in rows if s.hits >= min_hits and s.gap > tolerance]


def render_text(rows: list[RuleStats]) -> str:
    width = max([len(s.rule) for s in rows] + [4])
    head = (f"{'rule':<{width}}  {'status':<10} {'hits':>5} {'right':>5} {'prec.':>6} {'conf.':>6} "
            f"{'suggest':>7} {'found':>5} {'only':>5}  overlaps with")
    lines = [head, "-" * len(head)]
    for s in rows:
        prec = "-" if s.precision is None else f"{s.precision:.2f}"
        sugg = "-" if s.suggested_confidence is None else f"{s.suggested_confidence:.2f}"
        flag = " !" if s.hits >= MIN_HITS_FOR_ADVICE and s.gap > 0.2 else ""
        top = ", ".join(f"{r} ({n})" for r, n in sorted(s.overlaps.items(), key=lambda x: (-x[1], x[0]))[:3])
        lines.append(f"{s.rule:<{width}}  {s.status:<10} {s.hits:>5} {s.correct:>5} {prec:>6} "
                     f"{s.confidence:>6.2f} {sugg:>7} {s.gold_found:>5} {s.unique:>5}  {top}{flag}")
    silent = sum(1 for s in rows if not s.hits)
    off = disagreements(rows)
    lines.append("")
    lines.append(f"{len(rows)} rule(s), {silent} without a hit on this corpus; "
                 f"{len(off)} with {MIN_HITS_FOR_ADVICE}+ hits whose confidence is more than 0.2 off (marked !)")
    lines.append("found: gold spans of the rule's technique it overlaps; only: of those, found by no other rule; "
                 "suggest: (right + 1) / (hits + 2)")
    return "\n".join(lines)
