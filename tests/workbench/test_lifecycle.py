"""Rule lifecycle: preview and deprecated rules, renamed ids, pack version checks."""

from __future__ import annotations

from helpers import write_pack

from detector import __version__
from detector.cli import main
from detector.engine.program import Program
from detector.linter import Linter
from detector.rules.loader import load_rules, resolve_rule_id

RULES = """
- id: t.stable
  kind: phrase
  technique: doubt
  message: "m"
  confidence: 0.5
  phrases: ["alpha"]
  examples: {hit: ["alpha"], ok: ["beta"]}
- id: t.preview
  kind: phrase
  technique: doubt
  status: preview
  message: "m"
  confidence: 0.5
  phrases: ["beta"]
  examples: {hit: ["beta"], ok: ["alpha"]}
- id: t.old
  kind: phrase
  technique: doubt
  status: deprecated
  replaced_by: t.stable
  message: "m"
  confidence: 0.5
  phrases: ["gamma"]
  examples: {hit: ["gamma"], ok: ["alpha"]}
"""
REDIRECTS = "redirects:\n  t.first-name: t.second-name\n  t.second-name: t.stable\n  t.loop-a: t.loop-b\n  t.loop-b: t.loop-a\n"


def _ruleset(tmp_path, manifest_extra=REDIRECTS):
    ruleset = load_rules([write_pack(tmp_path, RULES, manifest_extra=manifest_extra)], include_default=False)
    assert not ruleset.errors, ruleset.errors
    return ruleset


def _fired(linter: Linter) -> list[str]:
    return [h.rule for h in linter.lint_text("alpha beta gamma", lang="en").hits]


def test_preview_rules_only_run_with_preview(tmp_path):
    ruleset = _ruleset(tmp_path)
    assert _fired(Linter(ruleset)) == ["t.stable"]
    assert _fired(Linter(ruleset, preview=True)) == ["t.stable", "t.preview"]


def test_deprecated_rules_run_only_when_selected_by_id_and_warn(tmp_path):
    ruleset = _ruleset(tmp_path)
    assert "t.old" not in [r.id for r in Program(ruleset, "en", preview=True).rules]
    program = Program(ruleset, "en", selected={"t.old"})
    assert [r.id for r in program.rules] == ["t.stable", "t.old"]
    assert program.lifecycle_warnings == ["rule t.old is deprecated and will be removed; use t.stable instead"]


def test_resolve_rule_id_follows_renames_and_flags_deprecation(tmp_path):
    ruleset = _ruleset(tmp_path)
    assert resolve_rule_id(ruleset, "t.stable") == ("t.stable", None)
    assert resolve_rule_id(ruleset, "t.first-name") == ("t.stable", "rule id t.first-name was renamed t.stable; update the id")
    assert resolve_rule_id(ruleset, "t.old")[1] == "rule t.old is deprecated and will be removed; use t.stable instead"
    assert resolve_rule_id(ruleset, "t.unknown") == ("t.unknown", None)
    assert resolve_rule_id(ruleset, "t.loop-a")[0] in {"t.loop-a", "t.loop-b"}  # a cycle ends, it does not hang


def test_explain_warns_about_a_renamed_id(tmp_path, capsys):
    pack = write_pack(tmp_path, RULES, manifest_extra=REDIRECTS)
    assert main(["explain", "t.first-name", "--rules", str(pack)]) == 0
    captured = capsys.readouterr()
    assert "warning: rule id t.first-name was renamed t.stable" in captured.err
    assert captured.out.startswith("t.stable")


def test_explain_trace_warns_about_a_deprecated_rule_and_still_traces_it(tmp_path, capsys):
    pack = write_pack(tmp_path, RULES)
    assert main(["explain", "--trace", "t.old", "a gamma ray", "--rules", str(pack)]) == 0
    captured = capsys.readouterr()
    assert "deprecated" in captured.err
    assert "result: t.old fires" in captured.out


def test_examples_of_preview_and_deprecated_rules_are_tested(tmp_path, capsys):
    pack = write_pack(tmp_path, RULES.replace('hit: ["gamma"]', 'hit: ["delta"]'))
    assert main(["rules", "test", "--rules", str(pack)]) == 1
    assert "t.old: did not fire on its 'hit' example: 'delta'" in capsys.readouterr().out


def test_pack_needing_a_newer_engine_is_refused(tmp_path):
    pack = write_pack(tmp_path, RULES)
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("min_engine: 0.1.0", "min_engine: 99.0"), encoding="utf-8")
    ruleset = load_rules([pack], include_default=False)
    assert [e.message for e in ruleset.errors] == [f"pack needs propalint >= 99.0, this is {__version__}"]
    assert ruleset.errors[0].line == 4 and not ruleset.packs


def test_pack_version_is_required_and_reported(tmp_path, capsys):
    pack = write_pack(tmp_path, RULES)
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 0.1.0\n", ""), encoding="utf-8")
    assert any("missing required key 'version'" in e.message for e in load_rules([pack], include_default=False).errors)
    fine = write_pack(tmp_path / "b", RULES)
    assert main(["rules", "list", "--format", "json", "--rules", str(fine)]) == 0
    assert '"version": "0.1.0"' in capsys.readouterr().out
