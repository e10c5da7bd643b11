"""`rules stats`: per-rule hits and precision on an annotated corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import write_pack

from detector.cli import main
from detector.eval import read_corpus
from detector.rules.loader import load_rules
from detector.workbench.stats import disagreements, measure, smoothed_confidence, sort_stats

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
RULES = """
- id: t.a
  kind: phrase
  technique: doubt
  message: "m"
  confidence: 0.5
  phrases: ["alpha"]
  examples: {hit: ["alpha"], ok: ["beta"]}
- id: t.b
  kind: phrase
  technique: doubt
  message: "m"
  confidence: 0.9
  phrases: ["alpha beta"]
  examples: {hit: ["alpha beta"], ok: ["beta"]}
- id: t.c
  kind: phrase
  technique: slogans
  status: preview
  message: "m"
  confidence: 0.5
  phrases: ["gamma"]
  examples: {hit: ["gamma"], ok: ["beta"]}
- id: t.silent
  kind: phrase
  technique: slogans
  message: "m"
  confidence: 0.5
  phrases: ["omega"]
  examples: {hit: ["omega"], ok: ["beta"]}
"""


def _record(doc_id, text, spans):
    return json.dumps({"id": doc_id, "lang": "en", "text": text, "source": "written for the tests",
                       "licence": "CC0-1.0", "spans": [{"start": a, "end": b, "technique": t} for a, b, t in spans]})


@pytest.fixture
def setup(tmp_path):
    pack = write_pack(tmp_path / "packs", RULES)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join([
        _record("d1", "Alpha beta here. Gamma there. Alpha again.", [(0, 10, "doubt")]),
        _record("d2", "Alpha alone.", [(0, 5, "doubt")]),
    ]) + "\n", encoding="utf-8")
    return pack, corpus


def test_counts_precision_reach_and_overlaps(setup):
    pack, corpus = setup
    ruleset = load_rules([pack], include_default=False)
    rows = {s.rule: s for s in measure(ruleset, read_corpus([corpus]))}
    a, b, c, silent = rows["t.a"], rows["t.b"], rows["t.c"], rows["t.silent"]
    assert (a.hits, a.correct, a.gold_found, a.unique) == (3, 2, 2, 1)
    assert (b.hits, b.correct, b.gold_found, b.unique) == (1, 1, 1, 0)
    assert (c.hits, c.correct, c.precision) == (1, 0, 0.0)  # preview rules are measured too
    assert dict(a.overlaps) == {"t.b": 1} and dict(b.overlaps) == {"t.a": 1}
    assert silent.hits == 0 and silent.precision is None and silent.suggested_confidence is None
    assert a.suggested_confidence == smoothed_confidence(2, 3) == 0.6
    assert a.documents == 2


def test_sorting(setup):
    pack, corpus = setup
    rows = measure(load_rules([pack], include_default=False), read_corpus([corpus]))
    assert [s.rule for s in sort_stats(rows, "hits")][:1] == ["t.a"]
    assert [s.rule for s in sort_stats(rows, "precision")] == ["t.b", "t.a", "t.c", "t.silent"]
    assert [s.rule for s in sort_stats(rows, "id")] == ["t.a", "t.b", "t.c", "t.silent"]


def test_disagreement_needs_enough_hits(setup):
    pack, corpus = setup
    rows = measure(load_rules([pack], include_default=False), read_corpus([corpus]))
    assert disagreements(rows) == []  # t.c is 0.5 off, but on one hit only
    assert [s.rule for s in disagreements(rows, min_hits=1)] == ["t.c"]


def test_cli_json_covers_every_shipped_rule(capsys):
    assert main(["rules", "stats", str(CORPUS), "--format", "json", "--sort", "hits"]) == 0
    out = json.loads(capsys.readouterr().out)
    shipped = {r.id for r in load_rules().rules}
    assert {r["rule"] for r in out["rules"]} == shipped
    hits = [r["hits"] for r in out["rules"]]
    assert hits == sorted(hits, reverse=True)
    for row in out["rules"]:
        assert row["documents"] > 0  # every shipped language has corpus documents
        assert (row["precision"] is None) == (row["hits"] == 0)


def test_cli_text_table(capsys):
    assert main(["rules", "stats", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:5] == ["rule", "status", "hits", "right", "prec."]
    assert "without a hit on this corpus" in out


def test_shipped_confidences_agree_with_measured_precision():
    """DESIGN: a rule's confidence is its measured precision. Checked where it means something."""
    rows = measure(load_rules(), read_corpus([CORPUS]))
    off = [f"{s.rule}: confidence {s.confidence:.2f}, precision {s.precision:.2f} on {s.hits} hits"
           for s in disagreements(rows, tolerance=0.2, min_hits=10)]
    assert off == []
