"""`propalint eval PATH...`: run the detector over an annotated corpus and score it (DESIGN.md section 7)."""

from __future__ import annotations

import json
import sys
from collections import defaultdict

from detector import exitcodes

from .common import add_rule_options, load_linter


def register(sub) -> None:
    p = sub.add_parser("eval", help="score the detector against an annotated corpus (JSONL)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="corpus .jsonl files or folders")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--by-rule", action="store_true", help="also print each rule's hits and hit-level precision")
    add_rule_options(p)
    p.set_defaults(run=run)


def rule_precision(docs, predictions) -> dict[str, dict]:
    """Per rule: hits, and how many overlap a gold span of the rule's technique."""
    stats: dict[str, dict] = defaultdict(lambda: {"hits": 0, "correct": 0, "technique": ""})
    gold = {d.id: d.spans for d in docs}
    for doc_id, hits in predictions.items():
        for h in hits:
            s = stats[h.rule]
            s["technique"] = h.technique
            s["hits"] += 1
            s["correct"] += any(g.technique == h.technique and g.start < h.end and h.start < g.end for g in gold[doc_id])
    for s in stats.values():
        s["precision"] = round(s["correct"] / s["hits"], 3) if s["hits"] else 0.0
    return dict(sorted(stats.items()))


def run(args) -> int:
    from detector.eval import (  # the scorer loads for this command only
        TECHNIQUE_IDS, CorpusError, evaluate_by_language, read_corpus, render_text_by_language, reports_to_json,
    )

    try:
        docs = read_corpus(args.paths)
    except CorpusError as err:
        for problem in err.problems:
            print(f"propalint: {problem}", file=sys.stderr)
        return exitcodes.USAGE
    linter = load_linter(args)
    if linter is None:
        return exitcodes.RULE_PACK
    predictions = {d.id: linter.lint_text(d.text, path=d.id, lang=d.lang).hits for d in docs}
    reports = evaluate_by_language(docs, predictions, techniques=TECHNIQUE_IDS)
    by_rule = rule_precision(docs, predictions) if args.by_rule else None
    if args.format == "json":
        out = reports_to_json(reports)
        if by_rule is not None:
            out["rules"] = by_rule
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(render_text_by_language(reports))
        if by_rule is not None:
            print("\nrule                                               technique                           hits  correct  precision")
            for rule_id, s in by_rule.items():
                print(f"{rule_id:<50} {s['technique']:<34} {s['hits']:>5} {s['correct']:>8} {s['precision']:>10.3f}")
    return exitcodes.OK
