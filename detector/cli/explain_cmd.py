"""`propalint explain RULE-ID|TECHNIQUE-ID`: the documentation of a rule or a technique."""

from __future__ import annotations

import sys

from detector import exitcodes
from detector.rules.loader import load_rules

from .common import report_pack_errors


def register(sub) -> None:
    p = sub.add_parser("explain", help="show what a rule or technique is, with its pattern and examples")
    p.add_argument("target", metavar="RULE-ID|TECHNIQUE-ID")
    p.add_argument("--rules", action="append", default=[], metavar="DIR")
    p.set_defaults(run=run)


def describe_rule(rule, techniques) -> str:
    technique = techniques.get(rule.technique)
    lines = [
        f"{rule.id}  ({rule.kind} rule, {rule.lang}, {rule.status})",
        f"  technique:  {rule.technique}" + (f" — {technique.name.get(rule.lang, '')}" if technique else ""),
        f"  severity:   {rule.severity}, confidence {rule.confidence:.2f}",
        f"  source:     {rule.source}",
        f"  message:    {rule.message}",
    ]
    if rule.description:
        lines.append(f"  about:      {rule.description.strip()}")
    lines.append(f"  pattern:    {rule.pattern_text}")
    if rule.exclude or rule.include:
        lines.append(f"  scopes:     exclude {list(rule.exclude)} include {list(rule.include) or 'all'}")
    lines += [f"  fires on:   {t}" for t in rule.examples.hit]
    lines += [f"  silent on:  {t}" for t in rule.examples.ok]
    return "\n".join(lines)


def describe_technique(technique, rules) -> str:
    lines = [f"{technique.id}  ({technique.category})"]
    for lang in ("en", "fr"):
        if lang in technique.name:
            lines.append(f"  {lang}: {technique.name[lang]} — {technique.definition.get(lang, '')}")
    lines.append(f"  rules ({len(rules)}):")
    lines += [f"    {r.id:<48} {r.kind:<12} {r.confidence:.2f}  {r.source}" for r in rules]
    return "\n".join(lines)


def run(args) -> int:
    ruleset = load_rules(args.rules)
    if ruleset.errors:
        return report_pack_errors(ruleset.errors)
    rule = ruleset.rule(args.target)
    if rule is not None:
        if ruleset.redirect(args.target) != args.target:
            print(f"note: {args.target} was renamed {rule.id}", file=sys.stderr)
        print(describe_rule(rule, ruleset.techniques))
        return exitcodes.OK
    technique = ruleset.techniques.get(args.target)
    if technique is not None:
        print(describe_technique(technique, [r for r in ruleset.rules if r.technique == technique.id]))
        return exitcodes.OK
    print(f"propalint: no rule or technique named {args.target!r}", file=sys.stderr)
    return exitcodes.USAGE
