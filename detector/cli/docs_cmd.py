"""`propalint docs -o DIR`: write the Markdown reference of the loaded rule packs."""

from __future__ import annotations

from pathlib import Path

from detector import exitcodes
from detector.rules.loader import load_rules
from detector.workbench.docs import generate

from .common import report_pack_errors


def register(sub) -> None:
    p = sub.add_parser("docs", help="write a Markdown reference: one page per technique and per rule")
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    p.add_argument("--rules", action="append", default=[], metavar="DIR")
    p.set_defaults(run=run)


def run(args) -> int:
    ruleset = load_rules(args.rules)
    if ruleset.errors:
        return report_pack_errors(ruleset.errors)
    written = generate(ruleset, Path(args.output))
    print(f"wrote {len(written)} pages to {args.output}")
    return exitcodes.OK
