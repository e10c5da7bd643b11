"""Corpus reading and the evaluation metrics of DESIGN.md section 7.

Pure functions with no dependency on the engine: ``propalint eval`` runs the detector,
then hands the gold documents and the predicted spans to ``evaluate``.
"""

from detector.eval.corpus import (
    TECHNIQUE_IDS,
    AnnotatedDocument,
    CorpusError,
    Problem,
    group_by_lang,
    read_corpus,
    validate_record,
)
from detector.eval.metrics import (
    EvalReport,
    LevelScores,
    Score,
    evaluate,
    evaluate_by_language,
    paragraph_bounds,
    score_document,
)
from detector.eval.render import (
    render_text,
    render_text_by_language,
    report_to_json,
    reports_to_json,
)
from detector.eval.spans import Span, merge_overlapping

__all__ = [
    "TECHNIQUE_IDS",
    "AnnotatedDocument",
    "CorpusError",
    "EvalReport",
    "LevelScores",
    "Problem",
    "Score",
    "Span",
    "evaluate",
    "evaluate_by_language",
    "group_by_lang",
    "merge_overlapping",
    "paragraph_bounds",
    "read_corpus",
    "render_text",
    "render_text_by_language",
    "report_to_json",
    "reports_to_json",
    "score_document",
    "validate_record",
]
