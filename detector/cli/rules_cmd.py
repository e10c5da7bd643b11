"""`propalint rules list|test`: what the loaded packs hold, and whether their examples pass."""

from __future__ import annotations

import json
import sys
from collections import Counter

from detector import exitcodes
from detector.rules.examples import test_rules
from detector.rules.loader import load_rules

from .common import report_pack_errors


def register(sub) -> None:
    p = sub.add_parser("rules", help="list rules or run their examples")
    rsub = p.add_subparsers(dest="rules_command", metavar="ACTION")
    lst = rsub.add_parser("list", help="list the loaded rules")
    lst.add_argument("--format", choices=["text", "json"], default="text")
    lst.add_argument("--rules", action="append", default=[], metavar="DIR")
    lst.set_defaults(run=run_list)
    tst = rsub.add_parser("test", help="run every rule's hit/ok examples")
    tst.add_argument("packs", nargs="*", metavar="PACK", help="pack name, folder name or language (default: all)")
    tst.add_argument("--rules", action="append", default=[], metavar="DIR")
    tst.set_defaults(run=run_test)
    p.set_defaults(run=lambda args: (p.print_help(sys.stderr), exitcodes.USAGE)[1])


def run_list(args) -> int:
    ruleset = load_rules(args.rules)
    if ruleset.errors:
        return report_pack_errors(ruleset.errors)
    rules = ruleset.rules
    if args.format == "json":
        counts = Counter((r.lang, r.technique) for r in rules)
        out = {
            "packs": [{"name": p.name, "version": p.version, "lang": p.lang, "rules": len(p.rules)} for p in ruleset.packs],
            "counts": {lang: {t: n for (lg, t), n in sorted(counts.items()) if lg == lang} for lang in ruleset.languages()},
            "rules": [
                {"id": r.id, "kind": r.kind, "technique": r.technique, "lang": r.lang, "severity": r.severity,
                 "confidence": r.confidence, "status": r.status, "source": r.source}
                for r in rules
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return exitcodes.OK
    width = max((len(r.id) for r in rules), default=10)
    for r in rules:
        print(f"{r.id:<{width}}  {r.kind:<12} {r.technique:<34} {r.confidence:.2f}  {r.source}")
    print(f"{len(rules)} rules in {len(ruleset.packs)} packs")
    return exitcodes.OK


def run_test(args) -> int:
    ruleset = load_rules(args.rules)
    if ruleset.errors:
        return report_pack_errors(ruleset.errors)
    count, failures = test_rules(ruleset, args.packs or None)
    for failure in failures:
        print(failure)
    print(f"{count - len(failures)} passed, {len(failures)} failed")
    return exitcodes.FINDINGS if failures else exitcodes.OK
