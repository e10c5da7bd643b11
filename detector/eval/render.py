"""Text and JSON forms of evaluation reports."""

from __future__ import annotations

from collections.abc import Mapping

from detector.eval.metrics import LEVELS, EvalReport, LevelScores, Score

JSON_VERSION = 1
DECIMALS = 6  # enough to compare runs, few enough to hide float summation noise

_TECHNIQUE_WIDTH = 33
_HEADER = (
    f"{'technique':<{_TECHNIQUE_WIDTH}} {'gold':>5} {'pred':>5} | "
    f"{'span P':>6} {'R':>5} {'F1':>5} | {'hit P':>6} {'R':>5} {'F1':>5} | "
    f"{'par gold':>8} {'pred':>5} {'P':>5} {'R':>5} {'F1':>5}"
)


def render_text(report: EvalReport, title: str = "") -> str:
    """A table with one row per technique and a micro-averaged overall row.

    ``gold`` and ``pred`` count spans after merging overlapping spans of one technique;
    ``par gold`` and ``pred`` count (paragraph, technique) pairs. A precision shown as 0.000
    next to ``pred`` 0 means nothing was predicted (see ``detector.eval.metrics``).
    """
    plural = "" if report.n_documents == 1 else "s"
    heading = f"{title} ({report.n_documents} document{plural})" if title else (
        f"{report.n_documents} document{plural}"
    )
    rule = "-" * len(_HEADER)
    lines = [heading, _HEADER, rule]
    lines += [_row(technique, scores) for technique, scores in report.techniques.items()]
    lines += [rule, _row("overall (micro)", report.overall)]
    return "\n".join(lines) + "\n"


def render_text_by_language(reports: Mapping[str, EvalReport]) -> str:
    """Tables for the reports of ``evaluate_by_language``, one after another."""
    return "\n".join(
        render_text(report, title="all languages" if lang == "all" else f"lang {lang}")
        for lang, report in reports.items()
    )


def report_to_json(report: EvalReport) -> dict:
    return {
        "documents": report.n_documents,
        "techniques": {
            technique: _levels_to_json(scores) for technique, scores in report.techniques.items()
        },
        "overall": _levels_to_json(report.overall),
    }


def reports_to_json(reports: Mapping[str, EvalReport]) -> dict:
    """JSON object for the reports of ``evaluate_by_language`` (keys: languages and "all")."""
    return {
        "version": JSON_VERSION,
        "reports": {lang: report_to_json(report) for lang, report in reports.items()},
    }


def _row(label: str, scores: LevelScores) -> str:
    span, hit, par = scores.span, scores.hit, scores.paragraph
    return (
        f"{label:<{_TECHNIQUE_WIDTH}} {span.n_gold:>5} {span.n_pred:>5} | "
        f"{span.precision:>6.3f} {span.recall:>5.3f} {span.f1:>5.3f} | "
        f"{hit.precision:>6.3f} {hit.recall:>5.3f} {hit.f1:>5.3f} | "
        f"{par.n_gold:>8} {par.n_pred:>5} {par.precision:>5.3f} {par.recall:>5.3f} {par.f1:>5.3f}"
    )


def _levels_to_json(scores: LevelScores) -> dict:
    return {level: _score_to_json(getattr(scores, level)) for level in LEVELS}


def _score_to_json(score: Score) -> dict:
    return {
        "n_pred": score.n_pred,
        "n_gold": score.n_gold,
        "pred_credit": round(score.pred_credit, DECIMALS),
        "gold_credit": round(score.gold_credit, DECIMALS),
        "precision": round(score.precision, DECIMALS),
        "recall": round(score.recall, DECIMALS),
        "f1": round(score.f1, DECIMALS),
    }
