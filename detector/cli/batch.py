"""`propalint batch IN.jsonl -o OUT.jsonl`: one JSON document a line in, one result a line out.

Input lines are `{"id", "text"[, "lang"][, "format"]}`; output lines are
`{"id", "lang", "hits"}` in input order, with offsets indexing the `text` string.
Streaming: one line is read, linted and written before the next is read.
"""

from __future__ import annotations

import json
import sys

from detector import exitcodes
from detector.report import json_report

from .common import add_rule_options, load_linter


def register(sub) -> None:
    p = sub.add_parser("batch", help="lint a JSONL corpus of {id, text[, lang]} lines")
    p.add_argument("input", metavar="IN.jsonl", help="input file, or - for stdin")
    p.add_argument("-o", "--output", default="-", metavar="OUT.jsonl", help="output file (default: stdout)")
    p.add_argument("--lang", choices=["auto", "fr", "en"], default="auto", help="language when a line has none")
    add_rule_options(p)
    p.set_defaults(run=run)


def parse_line(raw: str, number: int):
    """Return (id, text, lang, fmt) or raise ValueError with a message naming the line."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as err:
        raise ValueError(f"line {number}: invalid JSON: {err.msg}") from None
    if not isinstance(obj, dict) or "id" not in obj or not isinstance(obj.get("text"), str):
        raise ValueError(f"line {number}: expected an object with 'id' and a string 'text'")
    lang = obj.get("lang") or "auto"
    if lang not in ("auto", "fr", "en"):
        raise ValueError(f"line {number}: unsupported lang {lang!r}")
    fmt = obj.get("format") or "text"
    if fmt not in ("text", "markdown", "html"):
        raise ValueError(f"line {number}: unsupported format {fmt!r}")
    return obj["id"], obj["text"], lang, fmt


def run(args) -> int:
    linter = load_linter(args)
    if linter is None:
        return exitcodes.RULE_PACK
    source = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8", newline="")
    sink = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="\n")
    bad = found = 0
    try:
        for number, raw in enumerate(source, start=1):
            if not raw.strip():
                continue
            try:
                doc_id, text, lang, fmt = parse_line(raw, number)
            except ValueError as err:
                print(f"propalint: {args.input}: {err}", file=sys.stderr)
                bad += 1
                continue
            lang = args.lang if lang == "auto" else lang
            result = linter.lint_text(text, path=str(doc_id), fmt=fmt, lang=lang)
            found += bool(result.hits)
            sink.write(json_report.line(doc_id, result.lang, result.hits) + "\n")
    finally:
        if source is not sys.stdin:
            source.close()
        if sink is not sys.stdout:
            sink.close()
    if bad:
        return exitcodes.USAGE
    return exitcodes.FINDINGS if found else exitcodes.OK
