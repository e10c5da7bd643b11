"""Two versions of propalint timed back to back on the same corpus: this checkout and a git revision.

    .venv/bin/python bench/compare.py 55e7ab5            # 1 MB, 5 alternating runs each
    .venv/bin/python bench/compare.py v0.1.0 --size-mb 4 --runs 7

On a shared machine, figures measured minutes apart are not comparable; runs that alternate
are. The revision is checked out with `git worktree` into a temporary folder and run with
this checkout's Python environment, so only the code differs. Both must write the same bytes
for the comparison to mean anything, and the script checks that they do.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import corpus, measure  # noqa: E402


def _batch(cwd: Path, path: Path, out: Path) -> measure.ChildRun:
    return measure.run_child([sys.executable, "-m", "detector", "batch", str(path), "-o", str(out),
                              "--workers", "1", "--no-progress"], cwd=cwd)


def compare(revision: str, size_mb: float, runs: int) -> dict:
    articles = corpus.build(int(size_mb * 1e6))
    with tempfile.TemporaryDirectory(prefix="propalint-compare-") as tmp_name:
        tmp = Path(tmp_name)
        other = tmp / "other"
        subprocess.run(["git", "worktree", "add", "--detach", str(other), revision], cwd=REPO, check=True,
                       capture_output=True)
        try:
            path = tmp / "corpus.jsonl"
            corpus.write_jsonl(articles, path)
            versions = {"this checkout": REPO, revision: other}
            for root in versions.values():
                measure.byte_compile(root)  # both start as installed code does
            times: dict[str, list[float]] = {name: [] for name in versions}
            for _ in range(runs):
                for name, cwd in versions.items():
                    times[name].append(_batch(cwd, path, tmp / f"{len(times[name])}-{cwd.name}.jsonl").seconds)
            same = (tmp / f"0-{REPO.name}.jsonl").read_bytes() == (tmp / "0-other.jsonl").read_bytes()
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=REPO, capture_output=True)
    size, words = corpus.total_bytes(articles), corpus.total_words(articles)
    out = {"corpus": {"documents": len(articles), "mb": round(measure.mb(size), 3)},
           "runs": runs, "identical_output": same}
    for name, ts in times.items():
        median = statistics.median(ts)
        out[name] = {"seconds": round(median, 3), "mb_per_s": measure.rate(size, median),
                     "ms_per_1000_words": measure.ms_per_1000_words(median, words),
                     "runs": [round(t, 3) for t in ts]}
    out["speedup"] = round(out[revision]["seconds"] / out["this checkout"]["seconds"], 3)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="git revision to compare with (commit, tag, branch)")
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(compare(args.revision, args.size_mb, args.runs), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
