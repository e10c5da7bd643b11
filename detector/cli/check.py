"""`propalint check PATH...`: lint files, folders or stdin and print diagnostics."""

from __future__ import annotations

import sys

from detector import exitcodes
from detector.linter import FileResult, format_for
from detector.report import json_report, text as text_report

from . import inputs
from .common import add_rule_options, load_linter


def register(sub) -> None:
    p = sub.add_parser("check", help="lint articles (.txt, .md, .html; folders are walked; - is stdin)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=["text", "json", "jsonl"], default="text")
    p.add_argument("--lang", choices=["auto", "fr", "en"], default="auto")
    p.add_argument("--input-format", choices=["auto", "text", "markdown", "html"], default="auto",
                   help="how to read the input (default: by file extension; stdin is text)")
    add_rule_options(p)
    p.set_defaults(run=run)


def run(args) -> int:
    linter = load_linter(args)
    if linter is None:
        return exitcodes.RULE_PACK
    results, sources, input_failed = [], {}, False
    for path in inputs.expand(args.paths):
        item = inputs.read(path)
        if item.text is None:
            print(f"propalint: {item.error}", file=sys.stderr)
            results.append(FileResult(item.path, args.lang if args.lang != "auto" else "", [], [item.error]))
            input_failed = True
            continue
        fmt = args.input_format if args.input_format != "auto" else format_for(item.path)
        results.append(linter.lint_text(item.text, path=item.path, fmt=fmt, lang=args.lang))
        sources[item.path] = item.text
    if args.format == "json":
        print(json_report.document(results))
    elif args.format == "jsonl":
        for r in results:
            print(json_report.line(r.path, r.lang, r.hits))
    else:
        text_report.write(results, sources)
    if input_failed:
        return exitcodes.USAGE
    return exitcodes.FINDINGS if any(r.hits for r in results) else exitcodes.OK
