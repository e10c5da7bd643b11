"""Baselines hide recorded findings, even after the text around them moves."""

from __future__ import annotations

import json

from detector.lint.baseline import fingerprint, normalise

from .conftest import write


def test_normalisation_ignores_case_spacing_and_typographic_quotes():
    assert normalise("L’accord  EST\u00a0«signé»") == normalise("l'accord est \"signé\"")
    assert fingerprint("The so-called plan.", "so-called plan") != fingerprint("The so-called deal.", "so-called plan")


def test_baseline_hides_everything_and_survives_an_inserted_paragraph(check, samples, tmp_path):
    first = check("--format", "json", samples)
    assert first.code == 1 and first.hits()
    baseline = tmp_path / "propalint-baseline.json"
    assert check("--write-baseline", baseline, samples).code == 0
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert len(recorded) == len(first.hits())
    assert all(not f["path"].startswith("/") for f in recorded)
    again = check("--format", "json", "--baseline", baseline, samples)
    assert again.code == 0 and again.hits() == []
    for article in samples.iterdir():
        original = article.read_text(encoding="utf-8")
        article.write_text("A quiet new opening paragraph about the weather.\n\n" + original, encoding="utf-8")
    moved = check("--format", "json", "--baseline", baseline, samples)
    assert moved.code == 0 and moved.hits() == []
    assert check("--format", "json", samples).hits()  # the findings are still there without it


def test_new_and_rewritten_findings_show_through(check, samples, tmp_path):
    baseline = tmp_path / "b.json"
    check("--write-baseline", baseline, samples)
    article = samples / "sample-en.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\nThe so-called reform is here.\n", encoding="utf-8")
    new = check("--format", "json", "--baseline", baseline, samples).hits()
    assert [h["text"] for h in new] == ["so-called reform"]
    # a second copy of a recorded sentence is a new finding: entries are counted
    article.write_text(text + "\n" + text.splitlines()[-1] + "\n", encoding="utf-8")
    repeated = check("--format", "json", "--baseline", baseline, samples).hits()
    assert repeated and all(h["line"] > len(text.splitlines()) for h in repeated)


def test_baseline_paths_are_relative_to_the_baseline_file(check, samples, tmp_path, monkeypatch):
    baseline = samples / "baseline.json"
    check("--write-baseline", baseline, samples)
    monkeypatch.chdir(samples)
    assert check("--format", "json", "--baseline", "baseline.json", ".").hits() == []


def test_bad_baseline_is_a_usage_error(check, samples, tmp_path):
    bad = write(tmp_path / "b.json", '{"version": 1, "findings": [{"rule": "x"}]}')
    out = check("--baseline", bad, samples)
    assert out.code == 2 and "b.json" in out.err
    assert check("--baseline", tmp_path / "missing.json", samples).code == 2
