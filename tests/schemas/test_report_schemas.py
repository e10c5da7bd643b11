"""`--format sarif` validates against the SARIF 2.1.0 schema, `--format json` against ours."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from detector.cli import main

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SAMPLES = sorted(str(p) for p in (REPO / "corpus" / "samples").iterdir())
JSON_SCHEMA = REPO / "detector" / "schemas" / "check-report.schema.json"


def run(capsys, *args):
    capsys.readouterr()
    code = main(["check", *args])
    return code, capsys.readouterr().out


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_sarif_on_the_samples_is_valid_and_complete(capsys, sarif_validator):
    code, out = run(capsys, "--format", "sarif", *SAMPLES)
    _, plain = run(capsys, "--format", "json", *SAMPLES)
    report, hits = json.loads(out), [h for f in json.loads(plain)["files"] for h in f["hits"]]
    errors = sorted(sarif_validator.iter_errors(report), key=str)
    assert not errors, errors[0]
    assert code == 1 and hits
    run_ = report["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert len(results) == len(hits)
    for result, hit in zip(results, hits):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == hit["rule"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"], region["charOffset"]) == (hit["line"], hit["column"], hit["start"])
        assert result["properties"]["technique"] == hit["technique"]
    described = {r["id"]: r for r in rules}
    for hit in hits:
        rule = described[hit["rule"]]
        assert rule["properties"]["technique"] == hit["technique"] and rule["help"]["text"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"corpus/samples/" + Path(p).name for p in SAMPLES} or all(u.startswith("file:") for u in uris)


def test_sarif_with_unused_suppressions_is_valid(capsys, sarif_validator, tmp_path):
    article = tmp_path / "a.md"
    article.write_text("<!-- propalint-disable slogans -->\n\nThe so-called plan.\n", encoding="utf-8")
    _, out = run(capsys, "--format", "sarif", "--report-unused-suppressions", str(article))
    report = json.loads(out)
    assert not list(sarif_validator.iter_errors(report))
    assert "propalint.unused-suppression" in {r["ruleId"] for r in report["runs"][0]["results"]}


def test_json_report_matches_the_published_schema(capsys, tmp_path):
    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    article = tmp_path / "a.md"
    article.write_text("<!-- propalint-disable slogans -->\n\nThe so-called plan.\n", encoding="utf-8")
    _, out = run(capsys, "--format", "json", "--report-unused-suppressions", *SAMPLES, str(article),
                 str(tmp_path / "missing.txt"))
    report = json.loads(out)
    assert not list(validator.iter_errors(report))
    assert sum(len(f["hits"]) for f in report["files"]) > 0
    assert any("notices" in f for f in report["files"]) and any(f["errors"] for f in report["files"])
    # the schema is strict enough to catch a broken hit
    report["files"][0]["hits"][0]["line"] = 0
    assert list(validator.iter_errors(report))
