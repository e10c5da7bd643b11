"""`--statistics`: how many hits each rule and each technique produced, most frequent first."""

from __future__ import annotations

import json
from collections import Counter


def count(results) -> tuple[Counter, Counter, dict[str, str]]:
    by_rule, by_technique, technique_of = Counter(), Counter(), {}
    for result in results:
        for hit in result.hits:
            by_rule[hit.rule] += 1
            by_technique[hit.technique] += 1
            technique_of[hit.rule] = hit.technique
    return by_rule, by_technique, technique_of


def _ranked(counter: Counter):
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def as_text(results) -> str:
    by_rule, by_technique, technique_of = count(results)
    if not by_rule:
        return "No technique found."
    width = len(str(max(by_rule.values())))
    rule_width = max(len(r) for r in by_rule)
    out = ["Rules:"]
    out += [f"{n:>{width}}  {rule:<{rule_width}}  {technique_of[rule]}" for rule, n in _ranked(by_rule)]
    out.append("Techniques:")
    out += [f"{n:>{width}}  {technique}" for technique, n in _ranked(by_technique)]
    return "\n".join(out)


def as_json(results) -> str:
    by_rule, by_technique, technique_of = count(results)
    data = {
        "rules": [{"rule": r, "technique": technique_of[r], "count": n} for r, n in _ranked(by_rule)],
        "techniques": [{"technique": t, "count": n} for t, n in _ranked(by_technique)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
