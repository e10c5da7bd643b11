"""Where one core spends its time: each pipeline stage timed by calling it directly.

The engine is not patched: this module calls the same public steps Program.run does
(context, kept_matches per rule, make_hit) and checks that it got the same hits, so the
stage split cannot silently drift from what `propalint` really runs. Lazily built indexes
(sentence bounds, norm positions) are charged to the first rule kind that asks for them.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections import defaultdict

from detector.explain import Hit, LineIndex
from detector.linter import Linter
from detector.report import json_report
from detector.text import load_document
from detector.text.readers import read
from detector.text.tokenizer import tokenize_columns

STAGES = ("read", "tokenize", "segment", "lemmas", "lexicon", "phrase", "pattern", "regex",
          "cooccurrence", "repetition", "report")
STAGE_HELP = {
    "read": "format reader (plain text: source map and paragraph breaks)",
    "tokenize": "tokens with offsets and norm/fold forms",
    "segment": "language id, paragraphs, sentences, quotations",
    "lemmas": "simplemma lemmas, when a lexicon matches on lemmas",
    "lexicon": "one pass per token form over a trie of every lexicon entry",
    "phrase": "phrase rules (reading the lexicon pass)",
    "pattern": "token-pattern rules: screening by the words they need, matching, unless filters",
    "regex": "guarded regex rules",
    "cooccurrence": "co-occurrence rules",
    "repetition": "document-level repetition rules",
    "report": "hits with explanations, sorting, JSON line",
}


def _timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - start


def time_document(linter: Linter, text: str, lang: str, totals: dict[str, float]) -> list[Hit]:
    """Add one document's stage times to `totals`; return its hits."""
    gc_was_enabled = gc.isenabled()
    gc.disable()  # load_document pauses the collector too: time the parts the same way
    try:
        reading, t_read = _timed(read, text, "text")
        _, t_tok = _timed(tokenize_columns, reading.text)  # what load_document runs
    finally:
        if gc_was_enabled:
            gc.enable()
    doc, t_doc = _timed(lambda: load_document(text, fmt="text", lang=lang))
    totals["read"] += t_read
    totals["tokenize"] += t_tok
    totals["segment"] += max(0.0, t_doc - t_read - t_tok)

    program = linter.program(doc.lang)
    if "lemma" in program.automaton.forms_used:
        _, t = _timed(doc.ensure_lemmas)
        totals["lemmas"] += t
    ctx, t = _timed(program.context, doc)
    totals["lexicon"] += t

    # which pattern rules the document wakes is part of the pattern stage, as in Program.run
    awake, t = _timed(program.awake, ctx)
    totals["pattern"] += t
    kept = []
    for rule in program.rules:
        if program.asleep(rule, awake):
            continue
        matches, t = _timed(program.kept_matches, rule, ctx)
        totals[rule.kind] += t
        kept.append((rule, matches))

    start = time.perf_counter()
    lines = LineIndex(doc.original)
    hits: dict[tuple, Hit] = {}
    for rule, matches in kept:
        for m in matches:
            hit = program.make_hit(rule, m, doc, lines)
            hits.setdefault((hit.start, hit.end, hit.rule), hit)
    ordered = sorted(hits.values(), key=Hit.sort_key)
    json_report.line("id", doc.lang, ordered)
    totals["report"] += time.perf_counter() - start
    return ordered


def stage_profile(linter: Linter, articles, runs: int) -> dict:
    """Median over `runs` passes of each stage's total time, in ms per 1,000 words and in %."""
    words = sum(a.words for a in articles)
    # the stage-by-stage path must find exactly what the engine finds
    for a in articles[:20]:
        expected = [h.to_dict() for h in linter.lint_text(a.text, lang=a.lang).hits]
        got = [h.to_dict() for h in time_document(linter, a.text, a.lang, defaultdict(float))]
        if got != expected:
            raise AssertionError(f"stage timing disagrees with Linter.lint_text on {a.id}: update bench/stages.py")
    passes = []
    for _ in range(runs):
        totals: dict[str, float] = defaultdict(float)
        for a in articles:
            time_document(linter, a.text, a.lang, totals)
        passes.append(totals)
    median = {s: statistics.median(p[s] for p in passes) for s in STAGES}
    total = sum(median.values())
    return {
        "unit": "ms per 1,000 words (median of runs); share of the summed stage time",
        "total_ms_per_1000_words": round(total * 1e6 / words, 3),
        "stages": {
            s: {"ms_per_1000_words": round(median[s] * 1e6 / words, 3),
                "share": round(median[s] / total, 3) if total else 0.0,
                "what": STAGE_HELP[s]}
            for s in STAGES
        },
        "rules_by_kind": _rule_counts(linter, {a.lang for a in articles}),
    }


def _rule_counts(linter: Linter, langs) -> dict[str, dict[str, int]]:
    out = {}
    for lang in sorted(langs):
        counts: dict[str, int] = defaultdict(int)
        for rule in linter.program(lang).rules:
            counts[rule.kind] += 1
        out[lang] = dict(sorted(counts.items()))
    return out
