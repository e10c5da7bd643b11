"""The `propalint` command line: one module per subcommand, each with `register` and `run`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from detector import __version__, cache, compiled, exitcodes

from . import batch, check, docs_cmd, eval_cmd, explain_cmd, report_cmd, rules_cmd, serve_cmd

COMMANDS = [check, batch, rules_cmd, explain_cmd, eval_cmd, docs_cmd, report_cmd, serve_cmd]


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 already; keep the message short and ours
        self.print_usage(sys.stderr)
        print(f"propalint: error: {message}", file=sys.stderr)
        raise SystemExit(exitcodes.USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="propalint", description="Lint news articles for propaganda and persuasion techniques.")
    parser.add_argument("--version", action="version", version=f"propalint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _warn_if_compiled_code_is_stale()
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return exitcodes.USAGE
    try:
        return args.run(args)
    except BrokenPipeError:
        return exitcodes.OK
    except KeyboardInterrupt:
        print("propalint: interrupted", file=sys.stderr)
        return 130


def _warn_if_compiled_code_is_stale() -> None:
    # an in-place mypyc build shadows its sources: an edit made since would silently not run
    # (only looked for when compiled code runs: a pure-Python install has nothing to check)
    stale = compiled.stale(Path(__file__).resolve().parents[2]) if compiled.compiled_now() else []
    if stale:
        print(f"propalint: warning: compiled code is older than {', '.join(stale)}: "
              "run scripts/build_mypyc.py again, or with --clean", file=sys.stderr)


def entry() -> None:
    """The `propalint` executable: a process of our own, whose collector may skip what the
    cache loads (see cache.freeze_loads); `main` alone, as tests call it, leaves it as is."""
    cache.freeze_loads()
    sys.exit(main())
