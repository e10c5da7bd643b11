"""Hostile packs that load: their cost at run time is bounded, and the warning names the rule."""

from __future__ import annotations

import json
import time

from detector.cli import main
from detector.engine.regex_rule import REGEX_TIMEOUT
from detector.linter import Linter
from detector.rules.loader import load_rules
from helpers import write_pack

# Passes the load-time check (the inner + sits under a bounded {1,30}), yet backtracks
# exponentially on a long run of words that never reaches the end anchor.
SLOW_RULE = """\
- id: t.slow-regex
  kind: regex
  technique: doubt
  confidence: 0.5
  message: "{match}"
  regex: '^(\\w+\\s?){1,30}$'
  guard: [aaaa]
  examples: {hit: ["aaaa"], ok: ["bbbb"]}
"""
TEXT = "aaaa" + "a" * 40 + " b" * 12 + "!\n\nThe so-called reform failed."


def test_a_backtracking_regex_is_cut_off_and_named(tmp_path):
    pack = write_pack(tmp_path, SLOW_RULE)
    ruleset = load_rules([pack], use_cache=False)
    assert ruleset.errors == []
    started = time.monotonic()
    result = Linter(ruleset).lint_text(TEXT, lang="en")
    assert time.monotonic() - started < 10 * REGEX_TIMEOUT + 5
    assert result.errors == [
        f"warning: rule t.slow-regex: regex timed out after {REGEX_TIMEOUT}s on the text at offset 0; skipped there"
    ]
    # the other rules still ran on the rest of the document
    assert [h.text for h in result.hits] == ["so-called reform"]


def test_the_cli_reports_the_timeout_with_the_file(tmp_path, capsys):
    pack = write_pack(tmp_path, SLOW_RULE)
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    code = main(["check", "--isolated", "--format", "json", "--rules", str(pack), str(article)])
    report = json.loads(capsys.readouterr().out)
    (f,) = report["files"]
    assert code == 1 and any("rule t.slow-regex: regex timed out" in e for e in f["errors"])


def test_a_pattern_with_the_largest_repeats_stays_fast(tmp_path):
    """Unbounded token repeats are capped (pattern.MAX_REPEAT), so a gap-heavy pattern is linear enough."""
    rule = SLOW_RULE.replace("kind: regex", "kind: pattern").replace(
        "regex: '^(\\w+\\s?){1,30}$'\n  guard: [aaaa]", "pattern: _* _* _* _* x")
    pack = write_pack(tmp_path, rule)
    ruleset = load_rules([pack], use_cache=False)
    assert ruleset.errors == []
    started = time.monotonic()
    Linter(ruleset).lint_text(" ".join(["word"] * 3000) + ".", lang="en")
    assert time.monotonic() - started < 20
