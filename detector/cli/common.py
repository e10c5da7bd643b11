"""Options and helpers shared by subcommands."""

from __future__ import annotations

import sys

from detector import exitcodes
from detector.linter import Linter
from detector.rules.loader import load_rules


def add_rule_options(parser) -> None:
    parser.add_argument("--rules", action="append", default=[], metavar="DIR",
                        help="extra rule pack folder (a pack, or a folder of packs); repeatable")
    parser.add_argument("--preview", action="store_true", help="also run rules whose status is 'preview'")


def load_linter(args) -> Linter | None:
    """Load the rule packs; print every pack error and return None if there is one."""
    ruleset = load_rules(args.rules)
    if ruleset.errors:
        report_pack_errors(ruleset.errors)
        return None
    return Linter(ruleset, preview=getattr(args, "preview", False))


def report_pack_errors(errors) -> int:
    for err in errors:
        print(f"{err} [rule-pack]", file=sys.stderr)
    print(f"propalint: {len(errors)} rule pack error(s)", file=sys.stderr)
    return exitcodes.RULE_PACK


def guarded(run, *usage_errors):
    """Wrap a config-driven command: config and other usage errors exit 2 with one line,
    rule-pack errors exit 3 with every `file:line:column` problem."""
    from detector.config import ConfigError
    from detector.lint.settings import RulePackError

    def guarded_run(args) -> int:
        try:
            return run(args)
        except (ConfigError, *usage_errors) as err:
            print(f"propalint: {err}", file=sys.stderr)
            return exitcodes.USAGE
        except RulePackError as err:
            return report_pack_errors(err.errors)

    return guarded_run
