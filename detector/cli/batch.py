"""`propalint batch IN.jsonl -o OUT.jsonl [--workers N]`: one JSON document a line in, one result a line out.

Input lines are `{"id", "text"[, "lang"][, "format"]}`; output lines are
`{"id", "lang", "hits"}` in input order, with offsets indexing the `text` string.
Input and output are streamed: memory stays flat however large the corpus, and the output
is byte for byte the same for any number of workers (see detector/parallel.py).
"""

from __future__ import annotations

import sys
from contextlib import ExitStack

from detector import exitcodes
from detector.parallel import LintJob, default_workers, lint_lines, remember_linter

from .common import add_rule_options, load_linter


def register(sub) -> None:
    p = sub.add_parser("batch", help="lint a JSONL corpus of {id, text[, lang]} lines")
    p.add_argument("input", metavar="IN.jsonl", help="input file, or - for stdin")
    p.add_argument("-o", "--output", default="-", metavar="OUT.jsonl", help="output file, or - for stdout (default)")
    p.add_argument("--lang", choices=["auto", "fr", "en"], default="auto", help="language when a line has none")
    p.add_argument("-j", "--workers", type=_positive_int, default=None, metavar="N",
                   help=f"worker processes (default: all cores, here {default_workers()})")
    p.add_argument("--no-progress", action="store_true",
                   help="never show the progress bar (it is shown only when stderr is a terminal)")
    add_rule_options(p)
    p.set_defaults(run=run)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        import argparse

        raise argparse.ArgumentTypeError(f"expected a whole number of workers >= 1, got {text!r}")
    return value


def run(args) -> int:
    linter = load_linter(args)  # validates the packs before any worker starts
    if linter is None:
        return exitcodes.RULE_PACK
    job = LintJob(rule_dirs=tuple(args.rules), preview=args.preview, lang=args.lang)
    remember_linter(job, linter)  # reused in-process, and inherited by forked workers
    workers = args.workers or default_workers()
    bad = found = 0
    with ExitStack() as stack:
        try:
            source = sys.stdin if args.input == "-" else stack.enter_context(
                open(args.input, encoding="utf-8", newline=""))
        except OSError as err:
            print(f"propalint: {args.input}: cannot read: {err.strerror or err}", file=sys.stderr)
            return exitcodes.USAGE
        try:
            sink = sys.stdout if args.output == "-" else stack.enter_context(
                open(args.output, "w", encoding="utf-8", newline="\n"))
        except OSError as err:
            print(f"propalint: {args.output}: cannot write: {err.strerror or err}", file=sys.stderr)
            return exitcodes.USAGE
        progress = _progress_bar(stack, enabled=not args.no_progress)
        for outcome in lint_lines(source, job, workers=workers):
            if outcome.error:
                print(f"propalint: {args.input}: {outcome.error}", file=sys.stderr)
                bad += 1
            else:
                found += outcome.has_hits
                sink.write(outcome.line + "\n")
            progress()
    if bad:
        return exitcodes.USAGE
    return exitcodes.FINDINGS if found else exitcodes.OK


def _progress_bar(stack: ExitStack, *, enabled: bool):
    """A callable to tick once per document: a tqdm bar on a terminal, nothing otherwise."""
    if not (enabled and sys.stderr.isatty()):
        return lambda: None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes may be forked after this
    bar = stack.enter_context(tqdm(unit=" docs", file=sys.stderr, mininterval=0.5,
                                   dynamic_ncols=True, leave=True))
    return bar.update
