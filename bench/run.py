"""Benchmark propalint and write bench/results/latest.json.

    .venv/bin/python bench/run.py            # the full suite, a few minutes on two cores
    .venv/bin/python bench/run.py --quick    # a smaller corpus, for a quick look
    .venv/bin/python bench/run.py --profile  # also write a cProfile of batch to bench/results/
    .venv/bin/python bench/run.py --stream-gb 1  # also stream a 1 GB corpus and sample its memory

Every figure is the median of several runs. Text is the repository's own corpus, reshuffled
and repeated to the requested size (bench/corpus.py). See bench/README.md for what each
figure means and the targets it is checked against.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # `python bench/run.py` from anywhere, without installing bench/

from bench import corpus, measure  # noqa: E402
from bench.lexicon_scale import inflated_rules, rules_dir  # noqa: E402
from bench.peers import proselint_runner  # noqa: E402
from bench.stages import stage_profile  # noqa: E402
from bench.stream_memory import stream_memory  # noqa: E402
from detector import __version__, compiled  # noqa: E402
from detector.linter import Linter  # noqa: E402
from detector.parallel import default_workers  # noqa: E402

RESULTS = REPO / "bench" / "results"

TARGETS = {
    "batch_mb_per_s_one_core": 2.0,
    "peer_ratio_min": 10.0,
    "lexicon_10x_time_ratio_max": 1.3,
    "workers_2_speedup_min": 1.7,
    "peak_rss_mb_max": 400,
    "check_startup_s_max": 0.4,
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def propalint_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "detector", *args]


# --- the measurements --------------------------------------------------------------------------

def batch_command(path: Path, workers: int, out_dir: Path) -> list[str]:
    return propalint_cmd("batch", str(path), "-o", str(out_dir / f"out-w{workers}.jsonl"),
                         "--workers", str(workers), "--no-progress")


def batch_throughput(path: Path, articles, runs: int, worker_counts: tuple[int, ...], out_dir: Path) -> dict:
    """`batch` with each worker count, runs interleaved (see `measure.interleaved_children`)."""
    commands = {w: batch_command(path, w, out_dir) for w in worker_counts}
    by_workers = measure.interleaved_children(commands, runs, cwd=REPO)
    return {f"workers_{w}": _batch_summary(w, children, articles) for w, children in by_workers.items()}


def _batch_summary(workers: int, children, articles) -> dict:
    median = statistics.median(c.seconds for c in children)
    size, words = corpus.total_bytes(articles), corpus.total_words(articles)
    return {
        "workers": workers,
        "documents": len(articles),
        "mb": round(measure.mb(size), 3),
        "seconds": round(median, 3),
        "mb_per_s": measure.rate(size, median),
        "ms_per_1000_words": measure.ms_per_1000_words(median, words),
        "docs_per_s": round(len(articles) / median, 1),
        # CPU time is what a busy machine cannot inflate: compare it when the load average is high
        "cpu_seconds": round(statistics.median(c.cpu_seconds for c in children), 3),
        "mb_per_cpu_s": measure.rate(size, statistics.median(c.cpu_seconds for c in children)),
        "peak_rss_mb": round(max(c.peak_rss_mb for c in children), 1),
        "runs": [round(c.seconds, 3) for c in children],
    }


def check_startup(runs: int) -> dict:
    sample = REPO / "corpus" / "samples" / "sample-en.md"
    cmd = propalint_cmd("check", str(sample))
    measure.run_child(cmd, cwd=REPO)  # warm the OS file cache (and any compiled-pack cache)
    median, children = measure.median_child(cmd, runs, cwd=REPO)
    bare, _ = measure.median_child([sys.executable, "-c", "pass"], runs)
    return {"file": "corpus/samples/sample-en.md", "seconds": round(median, 3),
            "python_startup_seconds": round(bare, 3),
            "peak_rss_mb": round(max(c.peak_rss_mb for c in children), 1)}


def lint_all(linter: Linter, articles) -> None:
    for a in articles:
        linter.lint_text(a.text, lang=a.lang)


def rate_of(articles, seconds: float) -> dict:
    """Seconds, MB/s and ms per 1,000 words of linting `articles` in `seconds`."""
    size, words = corpus.total_bytes(articles), corpus.total_words(articles)
    return {"seconds": round(seconds, 4), "mb_per_s": measure.rate(size, seconds),
            "ms_per_1000_words": measure.ms_per_1000_words(seconds, words)}


def in_process_rate(linter: Linter, articles, runs: int) -> dict:
    lint_all(linter, articles)  # compile the programs and warm the memo caches outside the timing
    median, _ = measure.median_time(lambda: lint_all(linter, articles), runs)
    return rate_of(articles, median)


def length_scaling(linter: Linter, articles, runs: int) -> dict:
    """The same volume of text as documents 1, 4 and 16 articles long: linear means equal rates.
    Runs take turns across the three lengths, as in `batch_throughput`."""
    sets = {f"{factor}x": corpus.concatenated(articles, factor) for factor in (1, 4, 16)}
    for docs in sets.values():
        lint_all(linter, docs)  # warm, outside the timing
    times = measure.interleaved_times({name: (lambda d=docs: lint_all(linter, d)) for name, docs in sets.items()}, runs)
    out: dict = {}
    for name, docs in sets.items():
        out[name] = {"documents": len(docs), "words_per_document": round(corpus.total_words(docs) / len(docs)),
                     **rate_of(docs, statistics.median(times[name]))}
    out["time_per_mb_16x_over_1x"] = round(out["1x"]["mb_per_s"] / out["16x"]["mb_per_s"], 3)
    return out


def lexicon_scaling(articles, runs: int, tmp: Path) -> dict:
    """The packs as shipped and with 10x lexicon entries; runs alternate so load drift hits both alike."""
    out, linters = {}, {}
    for factor in (1, 10):
        with inflated_rules(tmp, factor) as (root, info), rules_dir(root):
            start = time.perf_counter()
            linter = Linter()
            entries = sum(linter.program(lang).automaton.entry_count for lang in sorted({a.lang for a in articles}))
            out[f"{factor}x"] = {"automaton_entries": entries,
                                 "load_and_compile_seconds": round(time.perf_counter() - start, 3), **info}
            for a in articles:  # warm: memo caches filled, lazily built parts built
                linter.lint_text(a.text, lang=a.lang)
            linters[factor] = linter
    times: dict[int, list[float]] = {1: [], 10: []}
    for _ in range(runs):
        for factor, linter in linters.items():
            start = time.perf_counter()
            for a in articles:
                linter.lint_text(a.text, lang=a.lang)
            times[factor].append(time.perf_counter() - start)
    size, words = corpus.total_bytes(articles), corpus.total_words(articles)
    for factor, ts in times.items():
        median = statistics.median(ts)
        out[f"{factor}x"].update(seconds=round(median, 4), mb_per_s=measure.rate(size, median),
                                 ms_per_1000_words=measure.ms_per_1000_words(median, words))
    out["entries_ratio"] = round(out["10x"]["automaton_entries"] / out["1x"]["automaton_entries"], 2)
    out["time_ratio_10x_over_1x"] = round(out["10x"]["seconds"] / out["1x"]["seconds"], 3)
    return out


def peer_comparison(linter: Linter, articles, runs: int) -> dict:
    lint, info = proselint_runner()
    if lint is None:
        return {"skipped": "proselint is not installed (pip install proselint)"}
    english = [a for a in articles if a.lang == "en"]
    lint(english[0].text)  # first call compiles its patterns

    def peer_all():
        for a in english:
            lint(a.text)

    lint_all(linter, english)  # warm, outside the timing
    # runs take turns, so that a drift in the machine's speed does not tilt the ratio
    times = measure.interleaved_times({"peer": peer_all, "ours": lambda: lint_all(linter, english)}, runs)
    ours = rate_of(english, statistics.median(times["ours"]))
    peer = {**info, **rate_of(english, statistics.median(times["peer"]))}
    size = corpus.total_bytes(english)
    return {"text": f"{len(english)} English articles, {measure.mb(size):.2f} MB, in-process, one core",
            "propalint": ours, "peer": peer,
            "propalint_over_peer_throughput": round(ours["mb_per_s"] / peer["mb_per_s"], 2)}


def memory_growth(articles, tmp: Path, workers: int) -> dict:
    """Peak RSS of batch on the corpus and on four times the corpus: streaming means no growth."""
    big = tmp / "bench-x4.jsonl"
    with open(big, "w", encoding="utf-8") as fh:
        for _ in range(4):
            fh.write((tmp / "bench.jsonl").read_text(encoding="utf-8"))
    out = {}
    for name, path, size in (("1x", tmp / "bench.jsonl", corpus.total_bytes(articles)),
                             ("4x", big, 4 * corpus.total_bytes(articles))):
        run = measure.run_child(propalint_cmd("batch", str(path), "-o", os.devnull, "--workers", str(workers),
                                              "--no-progress"), cwd=REPO)
        out[name] = {"mb": round(measure.mb(size), 2), "peak_rss_mb": round(run.peak_rss_mb, 1),
                     "seconds": round(run.seconds, 2)}
    out["workers"] = workers
    out["growth_mb"] = round(out["4x"]["peak_rss_mb"] - out["1x"]["peak_rss_mb"], 1)
    return out


def profile_batch(path: Path, tmp: Path) -> str:
    """cProfile of a one-core batch run; the top functions by own time and by cumulative time."""
    import cProfile
    import io
    import pstats

    from detector.cli import main

    profiler = cProfile.Profile()
    profiler.enable()
    main(["batch", str(path), "-o", str(tmp / "profile-out.jsonl"), "--workers", "1", "--no-progress"])
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(40)
    # machine paths are not worth keeping in a committed report
    return (text.getvalue().replace(str(REPO) + os.sep, "").replace(sys.prefix, "<venv>")
            .replace(sys.base_prefix, "<python>"))


# --- the report ---------------------------------------------------------------------------------

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    return {"cpu": cpu, "cores": default_workers(), "system": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "propalint": __version__,
            # scripts/build_mypyc.py's opt-in build, if this checkout has one (else pure Python)
            "compiled_modules": len(compiled.compiled_now()),
            # other work on the machine skews every figure: a load near the core count means noisy numbers
            "load_average_1min_at_start": round(os.getloadavg()[0], 2)}


def verdicts(r: dict) -> dict:
    def check(value, limit, at_least: bool):
        if value is None:
            return None
        return value >= limit if at_least else value <= limit

    one = r["batch"]["workers_1"]["mb_per_s"]
    two = r["batch"].get("workers_2", {}).get("mb_per_s")
    peer = r["peer"].get("propalint_over_peer_throughput")
    peaks = [r["batch"]["workers_1"]["peak_rss_mb"]]
    if "memory" in r:
        peaks += [r["memory"]["1x"]["peak_rss_mb"], r["memory"]["4x"]["peak_rss_mb"]]
    if "peak_tree_rss_mb" in r.get("stream", {}):
        peaks.append(r["stream"]["peak_tree_rss_mb"])  # every worker together, not the largest one
    return {
        "batch_mb_per_s_one_core >= 2": check(one, TARGETS["batch_mb_per_s_one_core"], True),
        "propalint/proselint >= 10": check(peer, TARGETS["peer_ratio_min"], True),
        "lexicon 10x time ratio <= 1.3": check(r["lexicon_scaling"]["time_ratio_10x_over_1x"],
                                               TARGETS["lexicon_10x_time_ratio_max"], False),
        "workers 2 speed-up >= 1.7": check(round(two / one, 3) if two else None, TARGETS["workers_2_speedup_min"], True),
        "peak RSS <= 400 MB": check(max(peaks), TARGETS["peak_rss_mb_max"], False),
        "check start-up <= 0.4 s": check(r["startup"]["seconds"], TARGETS["check_startup_s_max"], False),
    }


def summary(r: dict) -> str:
    b1 = r["batch"]["workers_1"]
    lines = [
        f"machine: {r['machine']['cpu']}, {r['machine']['cores']} cores, Python {r['machine']['python']}, "
        f"load {r['machine']['load_average_1min_at_start']} -> {r['machine']['load_average_1min_at_end']}, "
        f"{r['machine']['compiled_modules'] or 'no'} compiled modules",
        f"corpus: {r['corpus']['documents']} articles, {r['corpus']['mb']} MB, {r['corpus']['words']} words",
        f"batch, 1 worker: {b1['mb_per_s']} MB/s, {b1['ms_per_1000_words']} ms per 1,000 words, "
        f"peak {b1['peak_rss_mb']} MB, {b1['mb_per_cpu_s']} MB per CPU second",
    ]
    if "workers_2" in r["batch"]:
        b2 = r["batch"]["workers_2"]
        lines.append(f"batch, 2 workers: {b2['mb_per_s']} MB/s (x{r['batch']['speedup_2_over_1']}); "
                     f"CPU time {b1['cpu_seconds']} s -> {b2['cpu_seconds']} s")
    lines.append(f"in-process, 1 core: {r['in_process']['mb_per_s']} MB/s")
    lines.append("stages (ms per 1,000 words): " + ", ".join(
        f"{k} {v['ms_per_1000_words']}" for k, v in r["stages"]["stages"].items()))
    ls = r["length_scaling"]
    lines.append(f"length 1x/4x/16x: {ls['1x']['mb_per_s']} / {ls['4x']['mb_per_s']} / {ls['16x']['mb_per_s']} MB/s")
    lx = r["lexicon_scaling"]
    lines.append(f"lexicon x{lx['entries_ratio']} entries: time x{lx['time_ratio_10x_over_1x']}, "
                 f"load+compile {lx['1x']['load_and_compile_seconds']} s -> {lx['10x']['load_and_compile_seconds']} s")
    lines.append(f"check start-up: {r['startup']['seconds']} s (bare Python {r['startup']['python_startup_seconds']} s)")
    if "memory" in r:
        m = r["memory"]
        lines.append(f"peak RSS streaming {m['1x']['mb']} MB -> {m['4x']['mb']} MB: "
                     f"{m['1x']['peak_rss_mb']} -> {m['4x']['peak_rss_mb']} MB")
    if "peak_tree_rss_mb" in r.get("stream", {}):
        st = r["stream"]
        lines.append(f"streaming {st['gb']} GB ({st['documents']} articles, {st['workers']} workers): "
                     f"peak {st['peak_tree_rss_mb']} MB for all processes together, largest process "
                     f"{st['peak_process_rss_mb']} MB, {st['mb_per_s']} MB/s")
    if "peer" in r and "peer" in r["peer"]:
        p = r["peer"]
        lines.append(f"proselint {p['peer']['version']}: {p['peer']['mb_per_s']} MB/s; propalint "
                     f"{p['propalint']['mb_per_s']} MB/s on the same text: ratio {p['propalint_over_peer_throughput']}")
    lines.append("targets: " + ", ".join(f"{k}: {'ok' if v else ('n/a' if v is None else 'MISSED')}"
                                          for k, v in r["verdicts"].items()))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=2.0, help="benchmark corpus size (default 2 MB)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; medians are reported")
    parser.add_argument("--quick", action="store_true", help="0.5 MB, no memory-growth run")
    parser.add_argument("--no-peer", action="store_true", help="skip the proselint comparison")
    parser.add_argument("--stream-gb", type=float, default=0.0,
                        help="also stream a corpus of this many GB through batch and sample its memory (1 for the target)")
    parser.add_argument("--profile", action="store_true", help="also write bench/results/profile.txt")
    parser.add_argument("-o", "--output", default=str(RESULTS / "latest.json"), help="results JSON file")
    args = parser.parse_args(argv)
    if args.quick:
        args.size_mb = min(args.size_mb, 0.5)

    measure.byte_compile(REPO)
    articles = corpus.build(int(args.size_mb * 1e6))
    linter = Linter()
    results: dict = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {"size_mb": args.size_mb, "runs": args.runs},
        "corpus": {"documents": len(articles), "mb": round(measure.mb(corpus.total_bytes(articles)), 3),
                   "words": corpus.total_words(articles),
                   "languages": {lang: sum(a.lang == lang for a in articles) for lang in ("en", "fr")},
                   "source": "corpus/*.jsonl articles with their paragraphs reshuffled, repeated"},
        "targets": TARGETS,
    }
    with tempfile.TemporaryDirectory(prefix="propalint-bench-") as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / "bench.jsonl"
        corpus.write_jsonl(articles, path)

        two = default_workers() >= 2
        log("batch, 1 and 2 workers, runs taken in turn ..." if two else "batch, 1 worker ...")
        results["batch"] = batch_throughput(path, articles, args.runs, (1, 2) if two else (1,), tmp)
        if two:
            same = (tmp / "out-w1.jsonl").read_bytes() == (tmp / "out-w2.jsonl").read_bytes()
            results["batch"]["identical_output_1_vs_2"] = same
            results["batch"]["speedup_2_over_1"] = round(
                results["batch"]["workers_2"]["mb_per_s"] / results["batch"]["workers_1"]["mb_per_s"], 3)
        log("in-process throughput and stages ...")
        results["in_process"] = in_process_rate(linter, articles, args.runs)
        sample = articles[: max(40, len(articles) // 8)]  # in-process figures need less text
        results["stages"] = stage_profile(linter, sample, args.runs)
        log("text length scaling ...")
        results["length_scaling"] = length_scaling(linter, articles[:128], args.runs)
        log("lexicon size scaling ...")
        results["lexicon_scaling"] = lexicon_scaling(sample, args.runs, tmp)
        log("check start-up ...")
        results["startup"] = check_startup(max(args.runs, 5))
        if not args.quick:
            log("peak memory while streaming ...")
            results["memory"] = memory_growth(articles, tmp, default_workers())
        if args.stream_gb > 0:
            log(f"streaming {args.stream_gb} GB through batch, sampling memory ...")
            results["stream"] = stream_memory(articles, tmp, args.stream_gb, default_workers(),
                                              propalint_cmd("batch"), cwd=REPO)
        if args.no_peer:
            results["peer"] = {"skipped": "--no-peer"}
        else:
            log("proselint on the same English text ...")
            results["peer"] = peer_comparison(linter, corpus.build(int(min(args.size_mb, 0.5) * 1e6), lang="en"),
                                              max(3, args.runs // 2))
        if args.profile:
            log("cProfile of batch ...")
            RESULTS.mkdir(parents=True, exist_ok=True)
            (RESULTS / "profile.txt").write_text(profile_batch(path, tmp), encoding="utf-8")
    results["machine"]["load_average_1min_at_end"] = round(os.getloadavg()[0], 2)
    results["verdicts"] = verdicts(results)

    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(summary(results))
    print(f"results: {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
