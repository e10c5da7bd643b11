"""Text and JSON forms of evaluation reports."""

from __future__ import annotations

import json

from detector.eval import (
    AnnotatedDocument,
    Span,
    evaluate,
    evaluate_by_language,
    render_text,
    render_text_by_language,
    report_to_json,
    reports_to_json,
)

TEXT = "Everybody knows it.\nIt is now or never!"


def doc(id, lang, spans):
    return AnnotatedDocument(id, lang, TEXT, tuple(spans), "test", "CC0-1.0")


GOLD = [
    doc("e", "en", [Span(0, 15, "appeal-to-popularity"), Span(23, 39, "appeal-to-time")]),
    doc("f", "fr", [Span(0, 15, "appeal-to-popularity")]),
]
PREDICTED = {"e": [Span(0, 9, "appeal-to-popularity"), Span(20, 22, "slogans")]}


def test_text_table_has_a_row_per_technique_and_an_overall_row():
    table = render_text(evaluate(GOLD, PREDICTED), title="lang en")
    lines = table.splitlines()
    assert lines[0] == "lang en (2 documents)"
    rows = {line.split()[0]: line.split() for line in lines[3:] if not line.startswith("-")}
    assert list(rows) == ["appeal-to-popularity", "appeal-to-time", "slogans", "overall"]
    # gold, pred | span P R F1 | hit P R F1 | par gold, pred, P R F1
    assert rows["appeal-to-popularity"][1:] == (
        "2 1 | 1.000 0.300 0.462 | 1.000 0.500 0.667 | 2 1 1.000 0.500 0.667".split()
    )
    assert rows["slogans"][1:3] == ["0", "1"]
    assert rows["overall"][1:] == (
        "(micro) 3 2 | 0.500 0.200 0.286 | 0.500 0.333 0.400 | 3 2 0.500 0.333 0.400".split()
    )
    widths = {len(line) for line in lines[1:]}
    assert len(widths) == 1, "columns are aligned"


def test_text_tables_by_language():
    text = render_text_by_language(evaluate_by_language(GOLD, PREDICTED))
    headings = [line for line in text.splitlines() if "document" in line]
    assert headings == [
        "lang en (1 document)",
        "lang fr (1 document)",
        "all languages (2 documents)",
    ]


def test_json_form():
    data = report_to_json(evaluate(GOLD, PREDICTED))
    assert json.loads(json.dumps(data)) == data
    assert data["documents"] == 2
    assert list(data["techniques"]) == ["appeal-to-popularity", "appeal-to-time", "slogans"]
    assert data["overall"]["span"] == {
        "n_pred": 2,
        "n_gold": 3,
        "pred_credit": 1.0,
        "gold_credit": 0.6,
        "precision": 0.5,
        "recall": 0.2,
        "f1": 0.285714,
    }
    assert data["techniques"]["slogans"]["hit"]["precision"] == 0.0


def test_json_by_language():
    data = reports_to_json(evaluate_by_language(GOLD, PREDICTED))
    assert data["version"] == 1
    assert list(data["reports"]) == ["en", "fr", "all"]
    assert data["reports"]["fr"]["overall"]["span"]["n_pred"] == 0
