"""GitHub annotations, statistics, JSON lines and writing to a file."""

from __future__ import annotations

import json
from collections import Counter

from detector.report.github import escape_data, escape_property


def test_github_gives_one_annotation_per_hit(check, samples):
    hits = check("--format", "json", samples).hits()
    out = check("--format", "github", samples)
    lines = out.out.splitlines()
    assert out.code == 1 and len(lines) == len(hits)
    for line, hit in zip(lines, hits):
        command = {"info": "notice"}.get(hit["severity"], hit["severity"])
        assert line.startswith(f"::{command} file=")
        assert f",line={hit['line']},col={hit['column']}," in line
        assert line.endswith("::" + escape_data(hit["message"]))


def test_github_escaping():
    assert escape_data("50% of\nthem") == "50%25 of%0Athem"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_statistics_count_per_rule_and_technique(check, samples):
    hits = check("--format", "json", samples).hits()
    stats = check("--statistics", "--format", "json", samples).json()
    assert {r["rule"]: r["count"] for r in stats["rules"]} == Counter(h["rule"] for h in hits)
    assert {t["technique"]: t["count"] for t in stats["techniques"]} == Counter(h["technique"] for h in hits)
    text = check("--statistics", samples).out
    assert text.startswith("Rules:") and "Techniques:" in text
    assert all(h["rule"] in text for h in hits)


def test_jsonl_and_output_file(check, samples, tmp_path):
    lines = check("--format", "jsonl", samples).out.splitlines()
    assert len(lines) == 2 and all(set(json.loads(line)) >= {"id", "lang", "hits"} for line in lines)
    target = tmp_path / "report.sarif"
    out = check("--format", "sarif", "-o", target, samples)
    assert out.out == "" and json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_text_format_shows_the_line_and_carets(check, samples):
    out = check("--isolated", samples).out
    assert "^^^" in out and " | " in out and "\x1b[" not in out
