"""`propalint rules list|test|stats|suggest`: what the loaded packs hold, whether their examples
pass, how precise each rule is on an annotated corpus, and which new rules that corpus suggests."""

from __future__ import annotations

import json
import sys
from collections import Counter

from detector import exitcodes
from detector.rules.loader import load_rules

from detector.workbench import stats

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
    st = rsub.add_parser("stats", help="measure every rule on an annotated corpus: hits, precision, reach")
    st.add_argument("paths", nargs="+", metavar="PATH", help="corpus .jsonl files or folders")
    st.add_argument("--sort", choices=list(stats.SORT_KEYS), default="id",
                    help="order of the rows (numbers: largest first; default: id)")
    st.add_argument("--only", action="append", default=[], metavar="PREFIX",
                    help="show only rules whose id starts with PREFIX (repeatable); all rules still run")
    st.add_argument("--format", choices=["text", "json"], default="text")
    st.add_argument("--rules", action="append", default=[], metavar="DIR")
    st.set_defaults(run=run_stats)
    sg = rsub.add_parser("suggest", help="mine an annotated corpus for phrases that mark a technique")
    sg.add_argument("paths", nargs="+", metavar="PATH", help="corpus .jsonl files or folders")
    sg.add_argument("--technique", required=True, metavar="ID")
    sg.add_argument("--lang", choices=["fr", "en"], default="fr")
    sg.add_argument("-o", "--output", metavar="FILE",
                    help="rule file to write (a pack manifest is added beside it if missing); default: stdout")
    sg.add_argument("--min-support", type=int, default=2, metavar="N", help="right occurrences no rule hits yet (default 2)")
    sg.add_argument("--min-precision", type=float, default=0.6, metavar="P", help="default 0.6")
    sg.add_argument("--max", type=int, default=10, metavar="N", help="at most N rules (default 10)")
    sg.add_argument("--rules", action="append", default=[], metavar="DIR")
    sg.set_defaults(run=run_suggest)
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
    from detector.rules.examples import test_rules  # each subcommand loads what it runs, not the others'

    ruleset = load_rules(args.rules)
    if ruleset.errors:
        return report_pack_errors(ruleset.errors)
    count, failures = test_rules(ruleset, args.packs or None)
    for failure in failures:
        print(failure)
    print(f"{count - len(failures)} passed, {len(failures)} failed")
    return exitcodes.FINDINGS if failures else exitcodes.OK


def _corpus(paths):
    from detector.eval import CorpusError, read_corpus

    try:
        return read_corpus(paths)
    except CorpusError as err:
        for problem in err.problems:
            print(f"propalint: {problem}", file=sys.stderr)
        return None


def run_stats(args) -> int:
    ruleset = load_rules(args.rules)
    if ruleset.errors:
        return report_pack_errors(ruleset.errors)
    docs = _corpus(args.paths)
    if docs is None:
        return exitcodes.USAGE
    rows = stats.sort_stats(stats.measure(ruleset, docs), args.sort)
    if args.only:
        rows = [r for r in rows if r.rule.startswith(tuple(args.only))]
    if args.format == "json":
        print(json.dumps({"documents": len(docs), "rules": [r.to_dict() for r in rows]}, ensure_ascii=False, indent=2))
    else:
        print(stats.render_text(rows))
    return exitcodes.OK


def run_suggest(args) -> int:
    from detector.workbench import suggest

    from pathlib import Path

    ruleset = load_rules(args.rules)
    if ruleset.errors:
        return report_pack_errors(ruleset.errors)
    technique = ruleset.techniques.get(args.technique)
    if technique is None:
        print(f"propalint: unknown technique {args.technique!r}", file=sys.stderr)
        return exitcodes.USAGE
    docs = _corpus(args.paths)
    if docs is None:
        return exitcodes.USAGE
    found = suggest.suggest(ruleset, docs, technique.id, args.lang, min_support=args.min_support,
                            min_precision=args.min_precision, limit=args.max)
    name = technique.name.get(args.lang) or technique.name.get("en", technique.id)
    documents = sum(d.lang == args.lang for d in docs)

    def render(items):
        return suggest.render_yaml(items, technique.id, args.lang, name, documents)

    found, text = suggest.keep_passing(render(found), found, args.lang, render)
    for s in found:
        print(f"{s.id}: {s.phrase!r}  precision {s.precision:.2f} ({s.right}/{s.total}), "
              f"support {s.support}, confidence {s.confidence}", file=sys.stderr)
    print(f"{len(found)} rule(s) suggested for {technique.id} ({args.lang})", file=sys.stderr)
    if not args.output:
        print(text, end="")
        return exitcodes.OK
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    if not (out.parent / "pack.yaml").exists():
        (out.parent / "pack.yaml").write_text(suggest.manifest(args.lang), encoding="utf-8")
        print(f"wrote {out} and a pack manifest beside it; try: propalint rules test --rules {out.parent}",
              file=sys.stderr)
    return exitcodes.OK
