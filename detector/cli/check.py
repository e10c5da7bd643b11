"""`propalint check PATH...`: lint files, folders or stdin and report, as a code linter does.

Settings come from the nearest config file of each path (see detector/config.py), with the
command line on top. Exit codes: 0 nothing to report, 1 findings at or above --fail-on (or
unused suppressions when reported), 2 usage, config or input errors, 3 rule-pack errors.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from detector import atomic, exitcodes
from detector.config import FORMATS, LANGS, SEVERITIES
from detector.lint import baseline as baseline_mod
from detector.lint.pipeline import Checked, check_text
from detector.lint.selection import unknown_selectors
from detector.lint.settings import Resolver
from detector.lint.severity import at_least
from detector.report import github, json_report, sarif, statistics, text as text_report

from . import inputs
from .common import add_rule_options, guarded


def register(sub) -> None:
    p = sub.add_parser("check", help="lint articles (.txt, .md, .html; folders are walked; - is stdin)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default=None, help="output format (default: text)")
    out.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE instead of stdout")
    out.add_argument("--statistics", action="store_true", help="print hit counts per rule and technique instead")
    out.add_argument("--report-unused-suppressions", action="store_true",
                     help="report propalint-disable comments that hide nothing (they count as findings)")
    sel = p.add_argument_group("rule selection (rule ids, technique ids or prefixes such as fr.doubt; comma-separated)")
    sel.add_argument("--select", action="append", metavar="SELECTORS", help="run only these (replaces the config's select)")
    sel.add_argument("--extend-select", action="append", metavar="SELECTORS", help="run these as well")
    sel.add_argument("--ignore", action="append", metavar="SELECTORS", help="do not run these (wins over the config)")
    sel.add_argument("--extend-ignore", action="append", metavar="SELECTORS", help="same as --ignore")
    sel.add_argument("--per-file-ignores", action="append", metavar="GLOB:SELECTORS",
                     help="ignore rules in files matching GLOB; repeatable")
    sel.add_argument("--min-confidence", type=_confidence, metavar="X", help="skip rules whose confidence is below X")
    sel.add_argument("--min-severity", choices=SEVERITIES, help="skip rules below this severity")
    sel.add_argument("--severity", action="append", metavar="SELECTOR=LEVEL", help="override a rule's severity")
    add_rule_options(sel)
    inp = p.add_argument_group("input")
    inp.add_argument("--lang", choices=LANGS, default=None, help="language of the articles (default: auto)")
    inp.add_argument("--input-format", choices=["auto", "text", "markdown", "html"], default="auto",
                     help="how to read the input (default: by file extension; stdin is text)")
    inp.add_argument("--exclude", action="append", metavar="GLOB", help="skip matching files (replaces the config's exclude)")
    inp.add_argument("--extend-exclude", action="append", metavar="GLOB", help="skip matching files as well")
    inputs.add_options(inp)
    cfg = p.add_argument_group("configuration and exit status")
    cfg.add_argument("--config", metavar="FILE", help="use this config file for every path (no lookup)")
    cfg.add_argument("--isolated", action="store_true", help="ignore every config file")
    cfg.add_argument("--fail-on", choices=SEVERITIES, default=None,
                     help="exit 1 only for hits of this severity or above (default: info, any hit)")
    cfg.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    cfg.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE")
    cfg.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE")
    p.set_defaults(run=run)


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _run(args) -> int:
    resolver = Resolver(args)
    # Settings about the run as a whole (format, threshold) come from the working folder's config.
    run_config = resolver.config_for(".")
    output_format = args.format or run_config.format or "text"
    fail_on = args.fail_on or run_config.fail_on or "info"
    reading = None
    if args.baseline:
        # renamed rules keep their baseline entries through the packs' redirects
        redirect = resolver.ruleset(resolver.settings_for(".").rule_dirs).redirect
        reading = baseline_mod.Baseline(args.baseline, redirect)
    want_fingerprints = bool(args.baseline or args.write_baseline or output_format == "sarif")

    results: list[Checked] = []
    sources: dict[str, str] = {}
    recorded = []
    input_failed = False
    for article in inputs.resolved(args, resolver):
        item, settings, linter, fmt = article.item, article.settings, article.linter, article.fmt
        if item.text is None:
            print(f"propalint: {item.error}", file=sys.stderr)
            results.append(Checked(item.path, settings.lang if settings.lang != "auto" else "", [], [item.error]))
            input_failed = True
            continue
        ruleset = linter.ruleset
        result = check_text(
            item.text, item.path, fmt, settings.lang, linter, settings,
            report_unused=args.report_unused_suppressions, fingerprints=want_fingerprints,
            known=lambda s, rs=ruleset: not unknown_selectors([s], rs),
        )
        if args.write_baseline:
            recorded += [(item.path, h.rule, fp, h.text) for h, fp in zip(result.hits, result.fingerprints)]
        if reading is not None:
            kept = reading.filter(item.path, result.hits, result.fingerprints)
            kept_ids = {id(h) for h in kept}
            result.fingerprints = [fp for h, fp in zip(result.hits, result.fingerprints) if id(h) in kept_ids]
            result.hits = kept
        results.append(result)
        sources[item.path] = item.text

    if args.write_baseline:
        baseline_mod.write(args.write_baseline, recorded)
        print(f"propalint: recorded {len(recorded)} finding(s) in {args.write_baseline}", file=sys.stderr)

    with _output(args.output_file) as stream:
        _report(stream, output_format, args.statistics, results, sources, resolver)
    for warning in sorted({w for _, linter in resolver.linters() for w in linter.lifecycle_warnings()}):
        print(f"propalint: warning: {warning}", file=sys.stderr)

    if input_failed:
        return exitcodes.USAGE
    if args.exit_zero or args.write_baseline:
        return exitcodes.OK
    failing = any(at_least(h.severity, fail_on) for r in results for h in r.hits)
    failing |= any(r.notices for r in results)
    return exitcodes.FINDINGS if failing else exitcodes.OK


@contextlib.contextmanager
def _output(path):
    if path is None:
        if hasattr(sys.stdout, "reconfigure"):  # see atomic.AtomicFile on lone surrogates
            sys.stdout.reconfigure(errors="backslashreplace")
        yield sys.stdout
    else:
        with atomic.atomic_open(path) as stream:  # a killed run leaves the previous report intact
            yield stream


def _report(stream, output_format, show_statistics, results, sources, resolver) -> None:
    if show_statistics:
        print(statistics.as_json(results) if output_format == "json" else statistics.as_text(results), file=stream)
    elif output_format == "json":
        print(json_report.document(results), file=stream)
    elif output_format == "jsonl":
        for r in results:
            extra = {"notices": [vars(n) for n in r.notices]} if r.notices else {}
            print(json_report.line(r.path, r.lang, r.hits, **extra), file=stream)
    elif output_format == "sarif":
        rules, techniques = {}, {}
        for settings, linter in resolver.linters():
            techniques.update(linter.ruleset.techniques)
            for rule in linter.ruleset.rules:
                if (settings.preview or rule.status == "stable") and settings.rule_filter(rule):
                    rules[rule.id] = rule
        print(sarif.document(results, rules.values(), techniques), file=stream)
    elif output_format == "github":
        github.write(results, stream)
    else:
        for r in results:
            for notice in r.notices:
                print(f"{r.path}:{notice.line}:{notice.column}: {notice.code} [propalint] {notice.message}", file=stream)
        text_report.write(results, sources, stream)


run = guarded(_run, baseline_mod.BaselineError)
