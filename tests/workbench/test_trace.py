"""`explain --trace`: the element-by-element story of one rule on one text."""

from __future__ import annotations

from pathlib import Path

from helpers import write_pack

from detector.cli import main
from detector.rules.examples import fires
from detector.rules.loader import load_rules
from detector.engine.program import Program
from detector.workbench.trace import render, rule_program, trace_rule

SAMPLE_FR = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "sample-fr.txt"


def _sample_sentence(start: str) -> str:
    text = SAMPLE_FR.read_text(encoding="utf-8")
    begin = text.index(start)
    return text[begin : text.index(".", begin) + 1]


def _trace(tmp_path, rules_yaml, text, rule_id="t.rule", **pack):
    ruleset = load_rules([write_pack(tmp_path, rules_yaml, **pack)], include_default=False)
    assert not ruleset.errors, ruleset.errors
    return trace_rule(ruleset, ruleset.rule(rule_id), text)


PATTERN_RULE = """
- id: t.rule
  kind: pattern
  technique: doubt
  message: "m"
  confidence: 0.5
  pattern: so-called (peace | trade) :word
  unless: ["so-called peace talks"]
  examples: {hit: ["The so-called peace plan."], ok: ["A plan."]}
"""


def test_sample_sentence_that_fires_shows_tokens_and_each_element(capsys):
    sentence = _sample_sentence("Selon des experts")
    assert main(["explain", "--trace", "fr.authority.anonymous-sources", sentence]) == 0
    out = capsys.readouterr().out
    assert "tokens (" in out
    row = next(line for line in out.splitlines() if " éleveurs " in line)
    assert row.split()[2:] == ["éleveurs", "éleveurs", "éleveur", "word"]  # form, norm, lemma, kind
    assert "✓ selon" in out and "✓ des" in out
    assert "✓ @anonymous-sources" in out and "rules/fr/lexicons/anonymous-sources.txt:" in out
    assert "→ match 'Selon des experts'" in out
    assert "result: fr.authority.anonymous-sources fires (1 hit(s))" in out


def test_sample_sentence_that_does_not_fire_says_what_is_missing(capsys):
    sentence = _sample_sentence("Selon des experts")
    assert main(["explain", "--trace", "fr.authority.sceptical-analysts", sentence]) == 0
    out = capsys.readouterr().out
    assert "part 1" in out and "✓ des" in out and "✓ experts" in out
    assert "parts [2] missing" in out
    assert "result: fr.authority.sceptical-analysts does not fire" in out


def test_failure_names_the_element_the_token_and_the_reason(tmp_path):
    trace = _trace(tmp_path, PATTERN_RULE, "The so-called trade, again.")
    attempt = trace.patterns[0].attempts[0]
    assert [s.element for s in attempt.steps] == ["so-called", "trade"]
    assert attempt.end is None and attempt.failure.element == ":word"
    assert "',' is a punct token, not :word" in attempt.failure.reason
    assert not trace.fired
    assert "✗ :word" in render(trace)


def test_unless_removal_is_reported(tmp_path):
    trace = _trace(tmp_path, PATTERN_RULE, "The so-called peace talks failed. The so-called peace plan failed.")
    reasons = [v.reason for v in trace.verdicts]
    assert reasons[0] == "removed by unless `so-called peace talks`, which matches 'so-called peace talks'"
    assert reasons[1] == "kept: a hit"
    assert trace.fired


def test_scope_exclusion_is_reported(tmp_path):
    trace = _trace(tmp_path, PATTERN_RULE, 'She said: "The so-called peace plan is dead."')
    assert len(trace.verdicts) == 1 and not trace.verdicts[0].kept
    assert trace.verdicts[0].reason.startswith("removed: it is inside a speech the rule excludes")


def test_start_inside_a_previous_match_is_not_tried(tmp_path):
    rules = PATTERN_RULE.replace("so-called (peace | trade) :word", "(a | b)+ c")
    trace = _trace(tmp_path, rules, "a b c.")
    attempts = trace.patterns[0].attempts
    assert attempts[0].end == 3
    assert attempts[1].skipped == "inside the previous match"


def test_phrase_rule_lists_entries_and_near_misses(tmp_path):
    rules = """
    - id: t.rule
      kind: phrase
      technique: appeal-to-time
      message: "m"
      confidence: 0.5
      lexicons: ["@urgent"]
      examples: {hit: ["Time is running out."], ok: ["Time flies."]}
    """
    lex = {"urgent": "time is running out\nnow or never\n"}
    fired = _trace(tmp_path / "a", rules, "Time is running out for them.", lexicons=lex)
    assert any("entry 'time is running out'" in n and "urgent.txt:1" in n for n in fired.notes)
    missed = _trace(tmp_path / "b", rules, "Time is running late.", lexicons=lex)
    assert missed.notes[0] == "@pack-en/urgent (matched on norm): no entry found"
    assert "3 of 4 words match at token 0, then 'late' is not 'out'" in missed.notes[1]


def test_regex_rule_reports_guard_and_match(tmp_path):
    rules = """
    - id: t.rule
      kind: regex
      technique: slogans
      message: "m"
      confidence: 0.5
      regex: '#\\w+'
      guard: ["#"]
      examples: {hit: ["Join #NoTax now."], ok: ["No tax."]}
    """
    trace = _trace(tmp_path, rules, "No tag here. Join #NoTax now.")
    assert trace.notes[0] == "sentence 1: no guard among ['#'], so the regex is not run"
    assert trace.notes[1] == "sentence 2: guard '#' present; regex matches '#NoTax'"


def test_cooccurrence_reports_each_part(tmp_path):
    rules = """
    - id: t.rule
      kind: cooccurrence
      technique: appeal-to-authority
      message: "m"
      confidence: 0.5
      all: ["experts", "agree"]
      ordered: true
      examples: {hit: ["Experts agree."], ok: ["Experts."]}
    """
    trace = _trace(tmp_path, rules, "Experts say so. Many agree.")
    assert "part 1 `experts` matches 'Experts'" in trace.notes
    assert "sentence 1: parts [2] missing" in trace.notes and "sentence 2: parts [1] missing" in trace.notes
    assert [p.label for p in trace.patterns] == ["part 1", "part 2"]
    assert not trace.fired


def test_repetition_lists_ngrams_with_their_fate(tmp_path):
    rules = """
    - id: t.rule
      kind: repetition
      technique: repetition
      message: "m"
      confidence: 0.5
      ngram: [2, 3]
      examples: {hit: ["Green tax now. Green tax always."], ok: ["Green now."]}
    """
    trace = _trace(tmp_path, rules, "Green tax now. Green tax always. Paris Match today. Paris Match again.")
    notes = "\n".join(trace.notes)
    assert "2-gram 'green tax' occurs 2 times: counts" in notes
    assert "2-gram 'paris match' occurs 2 times: is made of capitalised words only" in notes
    assert [v.text for v in trace.verdicts] == ["Green tax"]


def test_trace_agrees_with_the_engine_on_every_shipped_example():
    ruleset = load_rules()
    assert not ruleset.errors
    programs = {}
    for rule in ruleset.rules:
        program = programs.setdefault(rule.lang, Program(ruleset, rule.lang, preview=True,
                                                          selected={r.id for r in ruleset.rules}))
        alone = rule_program(ruleset, rule)
        for text in rule.examples.hit + rule.examples.ok:
            traced = trace_rule(ruleset, rule, text, program=alone)
            assert traced.fired == fires(program, rule, text), (rule.id, text)
            if rule.kind == "pattern":  # the recording matcher finds what the engine's matcher finds
                found = [(a.start, a.end) for a in traced.patterns[0].attempts if a.end is not None]
                engine = [(ctx_m.start, ctx_m.end) for ctx_m in alone.raw_matches(rule, alone.context(traced.doc))]
                assert [(traced.doc.tokens[a].start, traced.doc.tokens[b - 1].end) for a, b in found] == engine


def test_unknown_rule_is_a_usage_error(capsys):
    assert main(["explain", "--trace", "no.such.rule", "text"]) == 2


def test_trace_reads_a_file(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("Selon des experts, tout va mal.", encoding="utf-8")
    assert main(["explain", "--trace", "fr.authority.anonymous-sources", str(path)]) == 0
    assert "fires (1 hit(s))" in capsys.readouterr().out


def test_a_sentence_the_engine_skips_is_still_explained(tmp_path):
    rules = PATTERN_RULE.replace("so-called (peace | trade) :word", "alpha beta")
    trace = _trace(tmp_path, rules, "alpha gamma.")
    attempt = trace.patterns[0].attempts[0]
    assert [s.element for s in attempt.steps] == ["alpha"]
    assert attempt.failure.element == "beta" and "'gamma'" in attempt.failure.reason
    assert not trace.fired
