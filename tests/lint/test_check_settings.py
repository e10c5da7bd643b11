"""`propalint check` with config files and command-line settings, on the sample articles."""

from __future__ import annotations

import pytest

from .conftest import write


def techniques(outcome):
    return {h["technique"] for h in outcome.hits()}


def test_config_select_keeps_only_that_technique_and_cli_ignore_wins(check, samples):
    everything = check("--format", "json", samples)
    assert "appeal-to-authority" in techniques(everything) and len(techniques(everything)) > 1
    write(samples / "propalint.toml", 'select = ["appeal-to-authority"]\n')
    selected = check("--format", "json", samples)
    assert selected.code == 1
    assert techniques(selected) == {"appeal-to-authority"}
    assert len(selected.hits()) == sum(h["technique"] == "appeal-to-authority" for h in everything.hits())
    ignored = check("--format", "json", "--ignore", "appeal-to-authority", samples)
    assert ignored.hits() == [] and ignored.code == 0


def test_cli_ignore_of_one_rule_keeps_the_rest_of_the_file_selection(check, samples):
    write(samples / "propalint.toml", 'select = ["appeal-to-authority"]\n')
    before = check("--format", "json", samples).hits()
    gone = before[0]["rule"]
    after = check("--format", "json", "--ignore", gone, samples).hits()
    assert [h for h in before if h["rule"] != gone] == after


def test_cli_select_replaces_the_file_select(check, samples):
    write(samples / "propalint.toml", 'select = ["appeal-to-authority"]\n')
    out = check("--format", "json", "--select", "doubt", samples)
    assert techniques(out) == {"doubt"}


def test_isolated_and_explicit_config(check, samples, tmp_path):
    write(samples / "propalint.toml", 'select = ["appeal-to-authority"]\n')
    assert len(techniques(check("--format", "json", "--isolated", samples))) > 1
    other = write(tmp_path / "other.toml", 'select = ["doubt"]\n')
    assert techniques(check("--format", "json", "--config", other, samples)) == {"doubt"}


def test_pyproject_table_is_found_from_a_parent_folder(check, samples, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.propalint]\nignore = ["fr", "en.doubt"]\n')
    hits = check("--format", "json", samples).hits()
    assert hits and not any(h["rule"].startswith(("fr.", "en.doubt.")) for h in hits)


def test_unknown_setting_or_selector_is_a_usage_error(check, samples):
    write(samples / "propalint.toml", 'select = ["doubt"]\nfail_on = "error"\n')
    out = check(samples)
    assert out.code == 2 and "propalint.toml:2" in out.err and "fail_on" in out.err
    write(samples / "propalint.toml", 'ignore = ["dobt"]\n')
    out = check(samples)
    assert out.code == 2 and "propalint.toml:1" in out.err and "'dobt'" in out.err
    write(samples / "propalint.toml", "")
    out = check("--select", "slogan", samples)
    assert out.code == 2 and "'slogan'" in out.err


def test_exclude_and_per_file_ignores(check, samples):
    write(samples / "drafts" / "draft.md", "The so-called reform is here.\n")
    assert any(f["path"].endswith("draft.md") for f in check("--format", "json", samples).json()["files"])
    write(samples / "propalint.toml", 'exclude = ["drafts"]\n\n[per-file-ignores]\n"*.txt" = ["fr.authority"]\n')
    report = check("--format", "json", samples).json()
    paths = [f["path"] for f in report["files"]]
    assert not any("drafts" in p for p in paths) and any(p.endswith(".txt") for p in paths)
    txt_rules = {h["rule"] for f in report["files"] if f["path"].endswith(".txt") for h in f["hits"]}
    assert txt_rules and not any(r.startswith("fr.authority.") for r in txt_rules)
    # the same from the command line
    write(samples / "propalint.toml", "")
    report = check("--format", "json", "--extend-exclude", "**/drafts/*", "--per-file-ignores", "*.txt:fr.authority",
                   samples).json()
    assert not any("drafts" in f["path"] for f in report["files"])
    assert not any(h["rule"].startswith("fr.authority.") for f in report["files"] for h in f["hits"])


def test_min_confidence_skips_rules_before_matching(check, samples):
    hits = check("--format", "json", samples).hits()
    threshold = sorted({h["confidence"] for h in hits})[-1]
    kept = check("--format", "json", "--min-confidence", threshold, samples).hits()
    assert kept == [h for h in hits if h["confidence"] >= threshold] and len(kept) < len(hits)


def test_severity_overrides_min_severity_and_fail_on(check, samples):
    hits = check("--format", "json", samples).hits()
    assert not any(h["severity"] == "error" for h in hits)
    assert check("--fail-on", "error", samples).code == 0
    write(samples / "propalint.toml", '[severity]\ndoubt = "error"\n')
    raised = check("--format", "json", samples).hits()
    assert {h["rule"] for h in raised if h["severity"] == "error"} == {h["rule"] for h in hits if h["technique"] == "doubt"}
    assert check("--fail-on", "error", samples).code == 1
    only_errors = check("--format", "json", "--min-severity", "error", samples).hits()
    assert only_errors and {h["technique"] for h in only_errors} == {"doubt"}
    # the command line's override wins over the file's
    assert check("--severity", "doubt=info", "--fail-on", "error", samples).code == 0


def test_exit_codes(check, samples, tmp_path):
    assert check(samples).code == 1
    assert check("--exit-zero", samples).code == 0
    clean = write(tmp_path / "clean.txt", "The council met on Tuesday and approved the budget.\n")
    assert check(clean).code == 0
    assert check(tmp_path / "missing.txt").code == 2
    assert check("--exit-zero", tmp_path / "missing.txt").code == 2


@pytest.mark.parametrize("flag", ["--min-confidence=2", "--severity=doubt", "--per-file-ignores=nothing"])
def test_bad_flag_values_are_usage_errors(check, samples, flag):
    with pytest.raises(SystemExit) as exit_info:
        code = check(flag, samples).code
        raise SystemExit(code)
    assert exit_info.value.code == 2
