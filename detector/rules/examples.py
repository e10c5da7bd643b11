"""Run every rule's own examples: each `hit` sentence must fire the rule, each `ok` must not."""

from __future__ import annotations

from dataclasses import dataclass

from detector.engine.program import Program
from detector.rules.loader import RuleSet
from detector.text import load_document


@dataclass
class ExampleFailure:
    rule_id: str
    source: str  # file:line of the examples block
    expected: str  # "hit" or "ok"
    example: str

    def __str__(self) -> str:
        verb = "did not fire on" if self.expected == "hit" else "fired on"
        return f"{self.source}: {self.rule_id}: {verb} its {self.expected!r} example: {self.example!r}"


def fires(program: Program, rule, text: str) -> bool:
    doc = load_document(text, fmt="text", lang=rule.lang)
    return bool(program.kept_matches(rule, program.context(doc)))


def test_rules(ruleset: RuleSet, packs: list[str] | None = None) -> tuple[int, list[ExampleFailure]]:
    """Return (number of examples run, failures), over all rules of the named packs (all if None)."""
    programs: dict[str, Program] = {}
    failures, count = [], 0
    for pack in ruleset.packs:
        if packs and pack.name not in packs and pack.path.name not in packs and pack.lang not in packs:
            continue
        every_rule = {r.id for r in ruleset.rules}  # examples of preview and deprecated rules run too
        program = programs.setdefault(pack.lang, Program(ruleset, pack.lang, preview=True, selected=every_rule))
        for rule in pack.rules:
            file = rule.source.rsplit(":", 1)[0]
            for expected, texts, lines in (("hit", rule.examples.hit, rule.examples.hit_lines),
                                           ("ok", rule.examples.ok, rule.examples.ok_lines)):
                for k, text in enumerate(texts):
                    count += 1
                    if fires(program, rule, text) != (expected == "hit"):
                        line = lines[k] if k < len(lines) else rule.examples.line or rule.line
                        failures.append(ExampleFailure(rule.id, f"{file}:{line}", expected, text))
    return count, failures
