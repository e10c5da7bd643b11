"""Peak memory of `propalint batch` streaming a large JSONL corpus (1 GB for the issue's target).

The corpus is the benchmark's articles written over and over, each copy under new ids, straight
to disk: the file is never held in memory here. While `batch` runs, the resident memory of its
whole process tree (the parent and every worker) is read from /proc a few times a second and
summed, because `wait4`'s peak only reports the largest single process, and with N workers the
machine pays for all of them at once. Linux only; elsewhere the measurement says it was skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from . import corpus

SAMPLE_EVERY_S = 0.2


def write_repeated(articles: list[corpus.Article], path: Path, target_bytes: int) -> dict:
    """Write copies of `articles` to `path` until it holds `target_bytes`; return its size and counts."""
    lines = [json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) for a in articles]
    written = documents = copies = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        while written < target_bytes:
            for a, line in zip(articles, lines):
                # a fresh id per copy keeps every document distinct for batch's output
                fh.write(line.replace(f'"id": "{a.id}"', f'"id": "{a.id}-c{copies}"', 1) + "\n")
                documents += 1
            copies += 1
            written = fh.tell()
    return {"bytes": written, "documents": documents, "copies": copies}


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, for every process visible in /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue  # the process ended while we looked
        # the command name may hold spaces or parentheses: fields start after the last ")"
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry))
    return tree


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def tree_rss_mb(root: int) -> tuple[float, float, int]:
    """(total, largest, process count) of the resident memory of `root` and its descendants."""
    tree = _children()
    pids, stack = [], [root]
    while stack:
        pid = stack.pop()
        pids.append(pid)
        stack.extend(tree.get(pid, ()))
    sizes = [_rss_mb(p) for p in pids]
    return sum(sizes), max(sizes, default=0.0), len(pids)


def run_sampled(args: list[str], *, cwd=None) -> dict:
    """Run a command to the end, sampling its process tree's memory; return the peaks and the time."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_total = peak_single = 0.0
    most_processes = 0
    while proc.poll() is None:
        total, single, count = tree_rss_mb(proc.pid)
        peak_total, peak_single = max(peak_total, total), max(peak_single, single)
        most_processes = max(most_processes, count)
        time.sleep(SAMPLE_EVERY_S)
    seconds = time.perf_counter() - start
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: {stderr[-500:]}")
    return {"seconds": round(seconds, 1), "peak_tree_rss_mb": round(peak_total, 1),
            "peak_process_rss_mb": round(peak_single, 1), "processes": most_processes}


def stream_memory(articles: list[corpus.Article], tmp: Path, gigabytes: float, workers: int,
                  command: list[str], *, cwd=None) -> dict:
    """Write a `gigabytes` corpus, stream it through `command` (batch ... --workers N), report memory."""
    if not sys.platform.startswith("linux"):
        return {"skipped": "process-tree memory sampling reads /proc (Linux only)"}
    path = tmp / "stream.jsonl"
    info = write_repeated(articles, path, int(gigabytes * 1e9))
    try:
        run = run_sampled([*command, str(path), "-o", os.devnull, "--workers", str(workers), "--no-progress"],
                          cwd=cwd)
    finally:
        path.unlink(missing_ok=True)
    mb = info["bytes"] / 1e6
    return {"gb": round(info["bytes"] / 1e9, 3), "documents": info["documents"], "workers": workers,
            **run, "mb_per_s": round(mb / run["seconds"], 3) if run["seconds"] else None,
            "sampled_every_s": SAMPLE_EVERY_S}
