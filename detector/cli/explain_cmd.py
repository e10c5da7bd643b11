"""`propalint explain RULE-ID|TECHNIQUE-ID`: the documentation of a rule or a technique.

`propalint explain --trace RULE-ID TEXT-OR-FILE` runs one rule on a text and shows, element
by element, how far its pattern got at each start, and which filter removed a match.
"""

from __future__ import annotations

import sys

from detector import exitcodes
from detector.linter import format_for
from detector.rules.loader import load_rules, resolve_rule_id

from .common import report_pack_errors


def register(sub) -> None:
    p = sub.add_parser("explain", help="show what a rule or technique is, with its pattern and examples")
    p.add_argument("target", metavar="RULE-ID|TECHNIQUE-ID", nargs="?")
    p.add_argument("--trace", nargs=2, metavar=("RULE-ID", "TEXT-OR-FILE"),
                   help="run one rule on a text (or a file, or - for stdin) and show why it fires or not")
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


def _read_text_or_file(value: str) -> tuple[str, str]:
    """(text, input format): `-` is stdin, an existing file is read, anything else is the text."""
    from pathlib import Path

    from .inputs import read

    if value == "-" or Path(value).is_file():
        item = read(value)
        if item.text is None:
            raise ValueError(item.error)
        return item.text, format_for(value) if value != "-" else "text"
    return value, "text"


def run_trace(args, ruleset) -> int:
    from detector.workbench import trace as tracing  # the tracer loads for --trace only

    rule_id, source = args.trace
    current, warning = resolve_rule_id(ruleset, rule_id)
    rule = ruleset.rule(current)
    if rule is None:
        print(f"propalint: no rule named {rule_id!r}", file=sys.stderr)
        return exitcodes.USAGE
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    try:
        text, fmt = _read_text_or_file(source)
    except ValueError as err:
        print(f"propalint: {err}", file=sys.stderr)
        return exitcodes.USAGE
    print(tracing.render(tracing.trace_rule(ruleset, rule, text, fmt=fmt)))
    return exitcodes.OK


def run(args) -> int:
    ruleset = load_rules(args.rules)
    if ruleset.errors:
        return report_pack_errors(ruleset.errors)
    if args.trace:
        return run_trace(args, ruleset)
    if not args.target:
        print("propalint: explain needs a RULE-ID or TECHNIQUE-ID, or --trace RULE-ID TEXT", file=sys.stderr)
        return exitcodes.USAGE
    current, warning = resolve_rule_id(ruleset, args.target)
    rule = ruleset.rule(current)
    if rule is not None:
        if warning:
            print(f"warning: {warning}", file=sys.stderr)
        print(describe_rule(rule, ruleset.techniques))
        return exitcodes.OK
    technique = ruleset.techniques.get(args.target)
    if technique is not None:
        print(describe_technique(technique, [r for r in ruleset.rules if r.technique == technique.id]))
        return exitcodes.OK
    print(f"propalint: no rule or technique named {args.target!r}", file=sys.stderr)
    return exitcodes.USAGE
