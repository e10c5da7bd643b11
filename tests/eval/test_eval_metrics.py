"""Metrics on small cases computed by hand, then properties over generated corpora."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.eval import (
    AnnotatedDocument,
    Span,
    evaluate,
    evaluate_by_language,
    merge_overlapping,
    paragraph_bounds,
)
from detector.eval.metrics import LEVELS, Score, paragraphs_touched

TEXT = "x" * 100


def doc(spans, text=TEXT, id="d", lang="en"):
    return AnnotatedDocument(id, lang, text, tuple(spans), "test", "CC0-1.0")


def scores(gold, pred, text=TEXT):
    return evaluate([doc(gold, text)], {"d": pred})


# --- paragraphs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("one", [(0, 3)]),
        ("one\ntwo", [(0, 3), (4, 7)]),
        ("one\r\ntwo", [(0, 3), (5, 8)]),
        ("one\r\n\r\ntwo\n\n\nthree", [(0, 3), (7, 10), (13, 18)]),
        ("\n\none\n", [(2, 5)]),
        ("one\rtwo", [(0, 3), (4, 7)]),
        ("one\n  \ntwo", [(0, 3), (4, 6), (7, 10)]),
    ],
)
def test_paragraph_bounds(text, expected):
    assert paragraph_bounds(text) == expected


def test_paragraphs_touched():
    bounds = paragraph_bounds("aaa\r\nbbb\r\n\r\nccc")  # (0,3) (5,8) (12,15)
    assert paragraphs_touched(Span(1, 2, "doubt"), bounds) == [0]
    assert paragraphs_touched(Span(2, 6, "doubt"), bounds) == [0, 1]
    assert paragraphs_touched(Span(0, 15, "doubt"), bounds) == [0, 1, 2]
    assert paragraphs_touched(Span(3, 5, "doubt"), bounds) == []  # only "\r\n"
    assert paragraphs_touched(Span(4, 6, "doubt"), bounds) == [1]  # starts inside a break
    assert paragraphs_touched(Span(8, 13, "doubt"), bounds) == [2]


# --- merging --------------------------------------------------------------------------


def test_merge_overlapping_per_technique():
    merged = merge_overlapping(
        [
            Span(5, 20, "doubt"),
            Span(0, 10, "doubt"),
            Span(20, 25, "doubt"),  # touches, does not overlap: kept apart
            Span(8, 12, "slogans"),  # another technique: never merged with doubt
            Span(30, 40, "doubt"),
            Span(32, 35, "doubt"),  # inside the previous one
        ]
    )
    assert merged == [
        Span(0, 20, "doubt"),
        Span(8, 12, "slogans"),
        Span(20, 25, "doubt"),
        Span(30, 40, "doubt"),
    ]


# --- span and hit levels --------------------------------------------------------------


def test_partial_overlap():
    report = scores([Span(0, 10, "doubt")], [Span(5, 15, "doubt")])
    row = report.techniques["doubt"]
    assert (row.span.precision, row.span.recall, row.span.f1) == (0.5, 0.5, 0.5)
    assert (row.hit.precision, row.hit.recall, row.hit.f1) == (1.0, 1.0, 1.0)


def test_prediction_covering_two_gold_spans():
    report = scores([Span(0, 5, "doubt"), Span(10, 15, "doubt")], [Span(0, 15, "doubt")])
    span, hit = report.overall.span, report.overall.hit
    assert span.precision == pytest.approx(10 / 15)
    assert span.recall == 1.0
    assert (hit.n_pred, hit.n_gold, hit.pred_credit, hit.gold_credit) == (1, 2, 1, 2)


def test_overlapping_gold_spans_are_merged_before_scoring():
    # Gold [0,10) and [5,20) become [0,20); without merging, recall would be 1 and 0.5.
    report = scores([Span(0, 10, "doubt"), Span(5, 20, "doubt")], [Span(0, 10, "doubt")])
    span = report.overall.span
    assert (span.n_gold, span.n_pred) == (1, 1)
    assert span.precision == 1.0
    assert span.recall == 0.5
    assert span.f1 == pytest.approx(2 / 3)


def test_overlapping_predictions_are_merged_before_scoring():
    report = scores([Span(0, 10, "doubt")], [Span(0, 6, "doubt"), Span(4, 20, "doubt")])
    span = report.overall.span
    assert span.n_pred == 1  # [0,20)
    assert span.precision == 0.5
    assert span.recall == 1.0


def test_wrong_technique_scores_nothing():
    report = scores([Span(0, 10, "doubt")], [Span(0, 10, "loaded-language")])
    assert set(report.techniques) == {"doubt", "loaded-language"}
    for level in LEVELS:
        score = getattr(report.overall, level)
        assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)
        assert (score.n_pred, score.n_gold) == (1, 1)
    assert report.techniques["doubt"].span.n_pred == 0
    assert report.techniques["loaded-language"].span.n_gold == 0


def test_empty_predictions_score_zero_with_zero_counts():
    report = scores([Span(0, 10, "doubt")], [])
    for level in LEVELS:
        score = getattr(report.overall, level)
        assert score == Score(n_pred=0, n_gold=1, pred_credit=0, gold_credit=0)
        assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_no_gold_and_no_predictions():
    report = scores([], [])
    assert report.techniques == {}
    assert report.overall.span == Score()
    assert report.overall.span.f1 == 0.0


def test_micro_average_over_techniques_and_documents():
    gold = [
        doc([Span(0, 10, "doubt")], id="a"),
        doc([Span(0, 4, "slogans"), Span(50, 60, "slogans")], id="b"),
    ]
    predicted = {
        "a": [Span(0, 5, "doubt")],  # credit 1 for the prediction, 0.5 for the gold span
        "b": [Span(0, 8, "slogans")],  # credit 0.5; gold credits 1 and 0
    }
    report = evaluate(gold, predicted)
    span = report.overall.span
    assert (span.n_pred, span.n_gold) == (2, 3)
    assert span.precision == pytest.approx((1 + 0.5) / 2)
    assert span.recall == pytest.approx((0.5 + 1 + 0) / 3)
    hit = report.overall.hit
    assert (hit.precision, hit.recall) == (1.0, pytest.approx(2 / 3))
    assert report.techniques["slogans"].hit.recall == 0.5
    assert report.n_documents == 2


# --- paragraph level ------------------------------------------------------------------


CRLF_TEXT = "First para here.\r\n\r\nSecond para here.\r\nThird para."


def test_paragraph_level_with_crlf():
    assert paragraph_bounds(CRLF_TEXT) == [(0, 16), (20, 37), (39, 50)]
    gold = [Span(6, 10, "doubt"), Span(27, 31, "doubt")]  # paragraphs 0 and 1
    pred = [
        Span(0, 5, "doubt"),  # paragraph 0 again, elsewhere: still a true positive
        Span(45, 50, "doubt"),  # paragraph 2: false positive
    ]
    par = scores(gold, pred, CRLF_TEXT).overall.paragraph
    assert (par.n_pred, par.n_gold, par.pred_credit) == (2, 2, 1)
    assert (par.precision, par.recall) == (0.5, 0.5)


def test_span_across_paragraphs_counts_for_each():
    gold = [Span(12, 25, "doubt")]  # "here.\r\n\r\nSecond": paragraphs 0 and 1
    pred = [Span(21, 24, "doubt")]  # paragraph 1 only
    par = scores(gold, pred, CRLF_TEXT).overall.paragraph
    assert (par.n_gold, par.n_pred, par.pred_credit) == (2, 1, 1)
    assert (par.precision, par.recall) == (1.0, 0.5)


def test_paragraph_pairs_are_per_technique():
    gold = [Span(0, 5, "doubt")]
    pred = [Span(0, 5, "slogans"), Span(6, 10, "doubt")]
    report = scores(gold, pred, CRLF_TEXT)
    assert report.techniques["doubt"].paragraph.f1 == 1.0
    assert report.techniques["slogans"].paragraph.precision == 0.0
    assert report.overall.paragraph.precision == 0.5


# --- evaluate -------------------------------------------------------------------------


def test_accepts_hits_and_mappings_as_predictions():
    @dataclass
    class Hit:
        start: int
        end: int
        technique: str
        rule: str = "en.doubt.so-called"

    report = evaluate(
        [doc([Span(0, 10, "doubt")], id="a"), doc([Span(0, 10, "doubt")], id="b")],
        {"a": [Hit(0, 10, "doubt")], "b": [{"start": 0, "end": 10, "technique": "doubt"}]},
    )
    assert report.overall.span.f1 == 1.0


def test_missing_and_unknown_documents_in_predictions():
    gold = [doc([Span(0, 10, "doubt")], id="a"), doc([Span(0, 10, "doubt")], id="b")]
    report = evaluate(gold, {"a": [Span(0, 10, "doubt")], "elsewhere": [Span(0, 1, "doubt")]})
    assert (report.overall.span.n_pred, report.overall.span.n_gold) == (1, 2)
    assert report.overall.span.recall == 0.5


def test_invalid_prediction_is_an_error():
    with pytest.raises(ValueError, match="outside the text"):
        scores([], [Span(90, 101, "doubt")])
    with pytest.raises(ValueError, match="empty"):
        scores([], [Span(5, 5, "doubt")])


def test_duplicate_gold_document_is_an_error():
    with pytest.raises(ValueError, match="duplicate"):
        evaluate([doc([]), doc([])], {})


def test_requested_techniques_get_zero_rows():
    report = evaluate([doc([Span(0, 3, "doubt")])], {}, techniques=["slogans", "doubt"])
    assert list(report.techniques) == ["doubt", "slogans"]
    assert report.techniques["slogans"].span == Score()
    assert report.overall.span.n_gold == 1


def test_evaluate_by_language():
    gold = [
        doc([Span(0, 5, "doubt")], id="f1", lang="fr"),
        doc([Span(0, 5, "doubt")], id="e1", lang="en"),
        doc([Span(0, 5, "doubt")], id="f2", lang="fr"),
    ]
    reports = evaluate_by_language(gold, {"f1": [Span(0, 5, "doubt")]})
    assert list(reports) == ["en", "fr", "all"]
    assert reports["fr"].overall.span.recall == 0.5
    assert reports["en"].overall.span.recall == 0.0
    assert reports["all"].overall.span.recall == pytest.approx(1 / 3)
    assert (reports["fr"].n_documents, reports["all"].n_documents) == (2, 3)


# --- properties -----------------------------------------------------------------------

TECHNIQUES = ["doubt", "slogans", "loaded-language"]
ABSENT = "repetition"


@st.composite
def documents(draw, index):
    text = draw(st.text(alphabet="ab \n\r", min_size=1, max_size=40))

    def spans():
        span = st.tuples(
            st.integers(0, len(text) - 1), st.integers(1, 8), st.sampled_from(TECHNIQUES)
        ).map(lambda t: Span(t[0], min(t[0] + t[1], len(text)), t[2]))
        # Like the corpus validator: a span carries at least one visible character.
        return st.lists(span.filter(lambda s: text[s.start : s.end].strip()), max_size=5)

    gold = draw(spans()) if text.strip() else []
    pred = draw(spans()) if text.strip() else []
    return doc(gold, text=text, id=f"d{index}"), pred


corpora = st.integers(1, 4).flatmap(
    lambda n: st.tuples(*(documents(i) for i in range(n)))
)


def evaluate_pairs(pairs, extra=None):
    gold = [document for document, _ in pairs]
    predicted = {document.id: list(pred) for document, pred in pairs}
    if extra:
        predicted[extra[0]] = predicted[extra[0]] + [extra[1]]
    return evaluate(gold, predicted)


def all_scores(report):
    for row in [*report.techniques.values(), report.overall]:
        for level in LEVELS:
            yield getattr(row, level)


@settings(max_examples=200)
@given(corpora)
def test_scores_are_between_zero_and_one(pairs):
    for score in all_scores(evaluate_pairs(pairs)):
        assert 0.0 <= score.precision <= 1.0
        assert 0.0 <= score.recall <= 1.0
        assert 0.0 <= score.f1 <= 1.0 + 1e-12


@settings(max_examples=200)
@given(corpora)
def test_predicting_the_gold_is_perfect_at_every_level(pairs):
    gold_as_predictions = [(document, list(document.spans)) for document, _ in pairs]
    report = evaluate_pairs(gold_as_predictions)
    for technique, row in report.techniques.items():
        for level in LEVELS:
            score = getattr(row, level)
            assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), (
                technique,
                level,
            )


@settings(max_examples=200)
@given(corpora, st.data())
def test_predicting_an_absent_technique_never_raises_precision(pairs, data):
    index = data.draw(st.integers(0, len(pairs) - 1))
    document = pairs[index][0]
    start = data.draw(st.integers(0, len(document.text) - 1))
    end = data.draw(st.integers(start + 1, len(document.text)))
    before = evaluate_pairs(pairs)
    after = evaluate_pairs(pairs, extra=(document.id, Span(start, end, ABSENT)))
    for level in LEVELS:
        old, new = getattr(before.overall, level), getattr(after.overall, level)
        assert new.precision <= old.precision + 1e-12
        assert new.recall == old.recall


@settings(max_examples=100)
@given(corpora)
def test_swapping_gold_and_predictions_swaps_precision_and_recall(pairs):
    swapped = [
        (doc(pred, document.text, document.id), list(document.spans)) for document, pred in pairs
    ]
    forward, backward = evaluate_pairs(pairs), evaluate_pairs(swapped)
    for level in LEVELS:
        a, b = getattr(forward.overall, level), getattr(backward.overall, level)
        assert a.precision == pytest.approx(b.recall)
        assert a.recall == pytest.approx(b.precision)


@settings(max_examples=100)
@given(corpora, st.randoms(use_true_random=False))
def test_span_order_does_not_matter(pairs, random):
    shuffled = []
    for document, pred in pairs:
        gold, pred = list(document.spans), list(pred)
        random.shuffle(gold)
        random.shuffle(pred)
        shuffled.append((doc(gold, document.text, document.id), pred))
    assert evaluate_pairs(shuffled) == evaluate_pairs(pairs)
