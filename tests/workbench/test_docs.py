"""`propalint docs`: the Markdown reference generated from the packs."""

from __future__ import annotations

import re

from helpers import write_pack

from detector.cli import main
from detector.rules.loader import load_rules
from detector.workbench.docs import generate

LINK = re.compile(r"\]\(([^)#]+\.md)\)")


def test_one_page_per_technique_and_per_rule_with_working_links(tmp_path, capsys):
    assert main(["docs", "-o", str(tmp_path)]) == 0
    ruleset = load_rules()
    assert f"wrote {1 + len(ruleset.techniques) + len(ruleset.rules)} pages" in capsys.readouterr().out
    for rule in ruleset.rules:
        page = (tmp_path / "rules" / f"{rule.id}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {rule.id}\n")
        assert rule.pattern_text in page and rule.source in page
        assert all(" ".join(t.split()).replace("|", "\\|") in page for t in rule.examples.hit + rule.examples.ok)
    for technique in ruleset.techniques.values():
        page = (tmp_path / "techniques" / f"{technique.id}.md").read_text(encoding="utf-8")
        for lang in ("en", "fr"):
            assert technique.definition[lang].strip() in page
    for page in tmp_path.rglob("*.md"):
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            assert (page.parent / target).resolve().is_file(), (page, target)


def test_output_is_deterministic(tmp_path):
    ruleset = load_rules()
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in generate(ruleset, tmp_path / "a")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in generate(load_rules(), tmp_path / "b")}
    assert first == second


def test_lifecycle_is_documented(tmp_path):
    rules = """
    - id: t.new
      kind: phrase
      technique: doubt
      status: preview
      message: "m | n"
      confidence: 0.5
      phrases: ["alpha"]
      examples: {hit: ["alpha"], ok: ["beta"]}
    - id: t.gone
      kind: phrase
      technique: doubt
      status: deprecated
      replaced_by: t.new
      message: "m"
      confidence: 0.5
      phrases: ["gamma"]
      examples: {hit: ["gamma"], ok: ["beta"]}
    """
    pack = write_pack(tmp_path / "p", rules, manifest_extra="redirects:\n  t.older: t.new\n")
    generate(load_rules([pack], include_default=False), tmp_path / "out")
    new = (tmp_path / "out" / "rules" / "t.new.md").read_text(encoding="utf-8")
    gone = (tmp_path / "out" / "rules" / "t.gone.md").read_text(encoding="utf-8")
    assert "**Preview**" in new and "- formerly: `t.older`" in new
    assert "**Deprecated**" in gone and "[`t.new`](t.new.md)" in gone
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert "| test-en | en | 0.1.0 | 0.1.0 | 2 |" in index
