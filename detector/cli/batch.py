"""`propalint batch IN.jsonl -o OUT.jsonl [--workers N]`: one JSON document a line in, one result a line out.

Input lines are `{"id", "text"[, "lang"][, "format"]}`; output lines are
`{"id", "lang", "hits"}` in input order, with offsets indexing the `text` string.
Input and output are streamed: memory stays flat however large the corpus, and the output
is byte for byte the same for any number of workers (see detector/parallel.py).

The output file is written under a temporary name and renamed when done, so a killed run
leaves the previous file whole. Ctrl-C stops cleanly: the documents finished so far are
kept, and `--resume` later skips every id the output already holds.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from contextlib import ExitStack

from detector import atomic, exitcodes
from detector.parallel import LintJob, default_workers, lint_lines, remember_linter, settle

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
    p.add_argument("--resume", action="store_true",
                   help="keep the results already in OUT.jsonl and lint only the ids it does not hold")
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
    settle(linter)
    workers = args.workers or default_workers()
    if args.resume and args.output == "-":
        print("propalint: --resume needs an output file (-o OUT.jsonl)", file=sys.stderr)
        return exitcodes.USAGE
    previous = _finished_results(args.output) if args.resume else []
    kept = [line for line, _ in previous]
    done = {_id_key(result["id"]) for _, result in previous}
    bad = [0]
    found = written = last_line = 0
    with ExitStack() as stack:
        try:
            source = sys.stdin.buffer if args.input == "-" else stack.enter_context(open(args.input, "rb"))
        except OSError as err:
            print(f"propalint: {args.input}: cannot read: {err.strerror or err}", file=sys.stderr)
            return exitcodes.USAGE
        try:
            output = None if args.output == "-" else atomic.AtomicFile(args.output)
        except OSError as err:
            print(f"propalint: {args.output}: cannot write: {err.strerror or err}", file=sys.stderr)
            return exitcodes.USAGE
        if output is None and hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="backslashreplace")  # lone surrogates: see atomic.AtomicFile
        sink = sys.stdout if output is None else output.stream
        stack.callback(lambda: output and output.discard())  # on any error the old file stays
        for line in kept:
            sink.write(line)
        progress = _progress_bar(stack, enabled=not args.no_progress)
        lines = _text_lines(source, args.input, done, bad)
        outcomes = lint_lines(lines, job, workers=workers)
        try:
            with _interrupt_in_this_process_only() as interrupts:
                for outcome in outcomes:
                    with interrupts.deferred():  # a line written is a line counted
                        if outcome.error:
                            print(f"propalint: {args.input}: {outcome.error}", file=sys.stderr)
                            bad[0] += 1
                        else:
                            found += outcome.has_hits
                            sink.write(outcome.line + "\n")
                            written += 1
                        last_line = outcome.number
                    progress()
        except KeyboardInterrupt:
            outcomes.close()  # stops the workers once their current chunk is done
            if output is not None:
                output.commit()  # keep what is finished, for --resume
            where = f"; {args.output} holds {len(kept) + written}, run again with --resume to continue" if output else ""
            print(f"propalint: interrupted after input line {last_line}: {written} document(s) linted{where}",
                  file=sys.stderr)
            return 130
        if output is not None:
            output.commit()
    if args.resume:
        print(f"propalint: resumed: {len(kept)} document(s) kept from {args.output}, {written} linted", file=sys.stderr)
    if bad[0]:
        return exitcodes.USAGE
    return exitcodes.FINDINGS if found or any(result.get("hits") for _, result in previous) else exitcodes.OK


def _id_key(doc_id) -> str:
    return json.dumps(doc_id, sort_keys=True)  # 1 and "1" are different ids


def _finished_results(path: str) -> list[tuple[str, dict]]:
    """(line, result) for each complete, valid line of a previous run's output; none if no file."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            lines = fh.readlines()
    except (OSError, UnicodeDecodeError):
        return []
    kept = []
    for line in lines:
        try:
            result = json.loads(line)
        except json.JSONDecodeError:
            continue
        if line.endswith("\n") and isinstance(result, dict) and "id" in result:
            kept.append((line, result))
    return kept


def _text_lines(source, name: str, done: set, bad: list):
    """Decode input lines one by one: a line that is not UTF-8 is reported (with its byte
    offset in the file) and skipped, not fatal. Lines whose id is done become blank, so
    line numbers in messages stay those of the file."""
    offset = 0
    for number, raw in enumerate(source, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            print(f"propalint: {name}: line {number}: not valid UTF-8 at byte {offset + err.start}", file=sys.stderr)
            bad[0] += 1
            line = "\n"
        offset += len(raw)
        if done and line.strip():
            try:
                if _id_key(json.loads(line)["id"]) in done:
                    line = "\n"
            except (ValueError, KeyError, TypeError):
                pass  # a broken line is reported by the linting step
        yield line


class _interrupt_in_this_process_only:
    """Ctrl-C reaches every process of the terminal's group. Forked workers inherit this
    handler and ignore it, finishing their chunk; only this process raises KeyboardInterrupt."""

    def __enter__(self):
        self.previous = None
        self.holding = self.pending = False
        if threading.current_thread() is not threading.main_thread():
            return self  # signals are only handled on the main thread
        pid = os.getpid()

        def handler(signum, frame):
            if os.getpid() != pid:
                return
            if self.holding:
                self.pending = True  # raised when the write in progress is complete
            else:
                raise KeyboardInterrupt

        self.previous = signal.signal(signal.SIGINT, handler)
        return self

    @contextlib.contextmanager
    def deferred(self):
        """Hold Ctrl-C while one result is written and counted, then honour it."""
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.pending:
            raise KeyboardInterrupt

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        return False


def _progress_bar(stack: ExitStack, *, enabled: bool):
    """A callable to tick once per document: a tqdm bar on a terminal, nothing otherwise."""
    if not (enabled and sys.stderr.isatty()):
        return lambda: None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes may be forked after this
    bar = stack.enter_context(tqdm(unit=" docs", file=sys.stderr, mininterval=0.5,
                                   dynamic_ncols=True, leave=True))
    return bar.update
