"""Scores of predicted spans against gold spans, at three levels (DESIGN.md section 7).

Every level counts, per technique, how many predictions and gold items there are and how
much credit each receives; precision, recall and F1 are derived from these counts, so that
scores of documents, techniques and languages are combined by adding counts (micro average).

span
    SemEval-2020 style partial credit. Overlapping spans of one technique are merged first,
    on both sides. A prediction's credit is the fraction of its characters covered by gold
    spans of its technique; a gold span's credit is the fraction covered by predictions of
    its technique. Precision is the mean credit of predictions, recall of gold spans.
hit
    On the same merged spans, a prediction scores 1 if it shares at least one character with
    a gold span of its technique, and a gold span scores 1 if some prediction of its
    technique shares a character with it.
paragraph
    SemEval-2023 style. Paragraphs are the maximal runs of characters other than line
    breaks: any run of "\\n" and "\\r" (so "\\n", "\\r\\n", blank lines and old "\\r" breaks)
    separates two paragraphs. A span counts for every paragraph it shares a character with
    (a span made only of line breaks counts for none). Items are the distinct
    (document, paragraph, technique) triples; a triple predicted and gold is a true positive.

Zero denominators: with no predictions, precision is 0.0; with no gold items, recall is 0.0;
when precision + recall is 0, F1 is 0.0. Counts travel with every score, so a 0.0 with
``n_pred == 0`` reads as "nothing predicted", not as "everything predicted was wrong".
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from detector.eval.corpus import AnnotatedDocument, group_by_lang
from detector.eval.spans import Span, as_span, covered_length, merge_overlapping, overlap

LINE_BREAKS = re.compile(r"[\r\n]+")


@dataclass(frozen=True)
class Score:
    """Counts at one level; ``pred_credit`` and ``gold_credit`` are sums of per-item credit
    (fractions at span level, 0 or 1 elsewhere, where they are the true positive counts)."""

    n_pred: int = 0
    n_gold: int = 0
    pred_credit: float = 0.0
    gold_credit: float = 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.n_pred + other.n_pred,
            self.n_gold + other.n_gold,
            self.pred_credit + other.pred_credit,
            self.gold_credit + other.gold_credit,
        )

    @property
    def precision(self) -> float:
        return self.pred_credit / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.gold_credit / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class LevelScores:
    span: Score = field(default_factory=Score)
    hit: Score = field(default_factory=Score)
    paragraph: Score = field(default_factory=Score)

    def __add__(self, other: LevelScores) -> LevelScores:
        return LevelScores(
            self.span + other.span, self.hit + other.hit, self.paragraph + other.paragraph
        )


LEVELS = ("span", "hit", "paragraph")


@dataclass(frozen=True)
class EvalReport:
    techniques: Mapping[str, LevelScores]  # by technique id, sorted
    overall: LevelScores  # micro: the sum of the technique counts
    n_documents: int


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of ``text``; see the module docstring."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for brk in LINE_BREAKS.finditer(text):
        if brk.start() > start:
            bounds.append((start, brk.start()))
        start = brk.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def paragraphs_touched(span: Span, bounds: Sequence[tuple[int, int]]) -> list[int]:
    """Indices of the paragraphs (sorted, disjoint ``bounds``) sharing a character with ``span``."""
    # Start from the last paragraph beginning at or before the span: earlier ones end
    # before it. The span may begin inside a line break, hence the overlap test.
    index = max(bisect.bisect_right(bounds, span.start, key=itemgetter(0)) - 1, 0)
    touched: list[int] = []
    while index < len(bounds) and bounds[index][0] < span.end:
        if overlap(span.start, span.end, *bounds[index]):
            touched.append(index)
        index += 1
    return touched


def score_document(
    text: str, gold: Iterable[Span], predicted: Iterable[Span]
) -> dict[str, LevelScores]:
    """Scores of one document, per technique present in ``gold`` or ``predicted``."""
    gold_by_technique = _by_technique(merge_overlapping(gold))
    pred_by_technique = _by_technique(merge_overlapping(predicted))
    bounds = paragraph_bounds(text)
    scores: dict[str, LevelScores] = {}
    for technique in sorted(gold_by_technique.keys() | pred_by_technique.keys()):
        gold_spans = gold_by_technique.get(technique, [])
        pred_spans = pred_by_technique.get(technique, [])
        scores[technique] = LevelScores(
            span=Score(
                len(pred_spans),
                len(gold_spans),
                sum(covered_length(p, gold_spans) / p.length for p in pred_spans),
                sum(covered_length(g, pred_spans) / g.length for g in gold_spans),
            ),
            hit=Score(
                len(pred_spans),
                len(gold_spans),
                sum(1 for p in pred_spans if covered_length(p, gold_spans)),
                sum(1 for g in gold_spans if covered_length(g, pred_spans)),
            ),
            paragraph=_paragraph_score(bounds, gold_spans, pred_spans),
        )
    return scores


def evaluate(
    gold_docs: Iterable[AnnotatedDocument],
    predicted: Mapping[str, Iterable[object]],
    *,
    techniques: Iterable[str] = (),
) -> EvalReport:
    """Score ``predicted`` (document id -> spans, hits or span-like mappings) against the
    gold documents. A document missing from ``predicted`` has no predictions; predictions
    for ids not among ``gold_docs`` are ignored, so one prediction map can be evaluated
    language by language. ``techniques`` adds rows (with zero counts) for techniques that
    neither side mentions, so a report can list the whole taxonomy."""
    totals: dict[str, LevelScores] = {technique: LevelScores() for technique in techniques}
    seen: set[str] = set()
    for doc in gold_docs:
        if doc.id in seen:
            raise ValueError(f"duplicate document id {doc.id!r}")
        seen.add(doc.id)
        spans = [as_span(value) for value in predicted.get(doc.id, ())]
        for span in spans:
            if not 0 <= span.start < span.end <= len(doc.text):
                raise ValueError(
                    f"document {doc.id!r}: predicted span [{span.start}, {span.end}) is empty "
                    f"or outside the text ({len(doc.text)} characters)"
                )
        for technique, scores in score_document(doc.text, doc.spans, spans).items():
            totals[technique] = totals.get(technique, LevelScores()) + scores
    ordered = {technique: totals[technique] for technique in sorted(totals)}
    overall = sum(ordered.values(), LevelScores())
    return EvalReport(techniques=ordered, overall=overall, n_documents=len(seen))


def evaluate_by_language(
    gold_docs: Iterable[AnnotatedDocument],
    predicted: Mapping[str, Iterable[object]],
    *,
    techniques: Iterable[str] = (),
) -> dict[str, EvalReport]:
    """One report per language (sorted) and one for all documents under the key ``"all"``."""
    docs = list(gold_docs)
    techniques = tuple(techniques)
    reports = {
        lang: evaluate(group, predicted, techniques=techniques)
        for lang, group in group_by_lang(docs).items()
    }
    reports["all"] = evaluate(docs, predicted, techniques=techniques)
    return reports


def _by_technique(spans: Iterable[Span]) -> dict[str, list[Span]]:
    grouped: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        grouped[span.technique].append(span)
    return grouped


def _paragraph_score(
    bounds: Sequence[tuple[int, int]], gold: Iterable[Span], predicted: Iterable[Span]
) -> Score:
    gold_paragraphs = {i for span in gold for i in paragraphs_touched(span, bounds)}
    pred_paragraphs = {i for span in predicted for i in paragraphs_touched(span, bounds)}
    true_positives = len(gold_paragraphs & pred_paragraphs)
    return Score(len(pred_paragraphs), len(gold_paragraphs), true_positives, true_positives)
