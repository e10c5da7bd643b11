from pathlib import Path

import pytest

from detector.rules.loader import load_rules
from helpers import write_pack

GOOD_RULE = """\
- id: t.good
  kind: pattern
  technique: doubt
  confidence: 0.5
  message: "{match}"
  pattern: so-called :word
  examples: {hit: ["the so-called plan"], ok: ["the plan"]}
"""


def errors_for(tmp_path, rules_yaml, **kw):
    write_pack(tmp_path, rules_yaml, **kw)
    return [str(e) for e in load_rules([tmp_path], include_default=True).errors]


def test_a_good_pack_loads(tmp_path):
    write_pack(tmp_path, GOOD_RULE)
    ruleset = load_rules([tmp_path])
    assert ruleset.errors == []
    rule = ruleset.rule("t.good")
    assert rule.kind == "pattern" and rule.technique == "doubt"
    assert rule.source.endswith("pack-en/rules.yaml:1")


def test_three_problems_three_positions(tmp_path):
    """The issue's done-when: unknown key, unparsable pattern, missing lexicon."""
    rules = """\
- id: t.one
  kind: pattern
  technique: doubt
  confidence: 0.5
  message: "m"
  colour: red
  pattern: so-called :word
  examples: {hit: ["a"], ok: ["b"]}
- id: t.two
  kind: pattern
  technique: doubt
  confidence: 0.5
  message: "m"
  pattern: (so-called | :word
  examples: {hit: ["a"], ok: ["b"]}
- id: t.three
  kind: phrase
  technique: doubt
  confidence: 0.5
  message: "m"
  lexicons: ["@nowhere"]
  examples: {hit: ["a"], ok: ["b"]}
"""
    errors = errors_for(tmp_path, rules)
    assert len(errors) == 3, errors
    assert errors[0].endswith("pack-en/rules.yaml:6:3: unknown key 'colour'")
    assert errors[1].endswith("pack-en/rules.yaml:14:30: in pattern: pattern syntax error at 'end of pattern'")
    assert errors[2].endswith("pack-en/rules.yaml:16:3: rule 't.three' refers to missing lexicon '@pack-en/nowhere'")


def test_error_inside_a_folded_pattern_points_at_its_line(tmp_path):
    rules = GOOD_RULE.replace("pattern: so-called :word", "pattern: >\n    so-called\n    :nope")
    errors = errors_for(tmp_path, rules)
    assert len(errors) == 1 and errors[0].split(": ", 1)[0].endswith("rules.yaml:8:5"), errors
    assert "unknown token class :nope" in errors[0]


@pytest.mark.parametrize("change, expected", [
    (("technique: doubt", "technique: doubts"), "unknown technique id 'doubts'"),
    (("confidence: 0.5", "confidence: high"), "'confidence' must be a number between 0 and 1"),
    (("kind: pattern", "kind: magic"), "'kind' must be one of"),
    (("message: \"{match}\"", "message: \"{who}\""), "message uses {who}, which no capture defines"),
    (("  examples: {hit: [\"the so-called plan\"], ok: [\"the plan\"]}\n", ""), "missing required key 'examples'"),
])
def test_each_schema_violation_is_named(tmp_path, change, expected):
    errors = errors_for(tmp_path, GOOD_RULE.replace(*change))
    assert any(expected in e for e in errors), errors


def test_duplicate_rule_ids_across_files(tmp_path):
    pack = write_pack(tmp_path, GOOD_RULE)
    (pack / "more.yaml").write_text(GOOD_RULE, encoding="utf-8")
    errors = [str(e) for e in load_rules([tmp_path]).errors]
    assert any("duplicate rule id 't.good'" in e for e in errors)


@pytest.mark.parametrize("body, expected", [
    ("- &a {id: x}\n- *a\n", "aliases are not allowed"),
    ("- !!python/object/apply:os.system ['echo hi']\n", "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ("- id: [unclosed\n", "invalid YAML"),
])
def test_unsafe_or_broken_yaml_is_refused(tmp_path, body, expected):
    errors = errors_for(tmp_path, body)
    assert any(expected in e for e in errors), errors


def test_regex_rule_with_catastrophic_shape_is_refused(tmp_path):
    rules = """\
- id: t.rx
  kind: regex
  technique: slogans
  confidence: 0.5
  message: m
  regex: '(\\w+\\s?)+!'
  guard: ["!"]
  examples: {hit: ["a!"], ok: ["b"]}
"""
    errors = errors_for(tmp_path, rules)
    assert len(errors) == 1 and "nested unbounded" in errors[0] and ":6:10:" in errors[0]


def test_pack_needing_a_newer_engine_is_refused(tmp_path):
    write_pack(tmp_path, GOOD_RULE)
    manifest = tmp_path / "pack-en" / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("min_engine: 0.1.0", "min_engine: 99.0"))
    errors = [str(e) for e in load_rules([tmp_path]).errors]
    assert len(errors) == 1 and "needs propalint >= 99.0" in errors[0]


def test_shipped_packs_load_without_errors():
    ruleset = load_rules()
    assert ruleset.errors == []
    assert {p.lang for p in ruleset.packs} >= {"fr", "en"}
    for rule in ruleset.rules:
        path, line = rule.source.rsplit(":", 1)
        assert Path(rule.path).is_file() and path.startswith("rules/")
        assert rule.path.read_text(encoding="utf-8").splitlines()[int(line) - 1].lstrip("- ").startswith("id:")
