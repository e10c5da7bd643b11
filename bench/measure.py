"""Timing and memory helpers: medians of repeated runs, child processes with their own peak RSS."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass
class ChildRun:
    seconds: float
    peak_rss_mb: float  # the largest resident set of the child or any process it waited for
    returncode: int
    cpu_seconds: float = 0.0  # user + system time of the child and the workers it waited for


# The command runs under a small launcher process. Linux carries a process's peak RSS across
# fork and exec, so a child started straight from this (large) benchmark process would report
# the benchmark's own peak; the launcher is small, and reports only its child's.
_LAUNCHER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-2000:])
print(json.dumps({"seconds": seconds, "rc": proc.returncode, "maxrss": usage.ru_maxrss,
                  "cpu": usage.ru_utime + usage.ru_stime}))
"""


def run_child(args: list[str], *, cwd=None, env=None) -> ChildRun:
    """Run a command, timing it and reading its peak memory and CPU time from its resource usage."""
    proc = subprocess.run([sys.executable, "-c", _LAUNCHER, *args], cwd=cwd, env=env, capture_output=True)
    report = json.loads(proc.stdout)
    if report["rc"] not in (0, 1):  # 1 means "findings", the normal case on this corpus
        raise RuntimeError(f"{' '.join(args)} exited {report['rc']}: {proc.stderr.decode('utf-8', 'replace').strip()}")
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    scale = 1 if sys.platform == "darwin" else 1024
    return ChildRun(report["seconds"], report["maxrss"] * scale / 2**20, report["rc"], report["cpu"])


def median_child(args: list[str], runs: int, **kw) -> tuple[float, list[ChildRun]]:
    results = [run_child(args, **kw) for _ in range(runs)]
    return statistics.median(r.seconds for r in results), results


def interleaved_children(commands: dict, runs: int, **kw) -> dict[str, list[ChildRun]]:
    """Run each command `runs` times, taking turns (a, b, a, b, ...), so that a machine whose
    speed drifts during the benchmark slows every command alike and their ratio holds."""
    results: dict[str, list[ChildRun]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, args in commands.items():
            results[name].append(run_child(args, **kw))
    return results


def interleaved_times(fns: dict, runs: int) -> dict[str, list[float]]:
    """Wall times of each function over `runs` rounds, taking turns within each round."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


def median_time(fn, runs: int) -> tuple[float, list[float]]:
    """Median wall time of `fn()` over `runs` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def mb(n_bytes: int) -> float:
    return n_bytes / 1e6


def rate(n_bytes: int, seconds: float) -> float:
    """MB/s (decimal megabytes of UTF-8 text)."""
    return round(mb(n_bytes) / seconds, 3) if seconds > 0 else float("inf")


def ms_per_1000_words(seconds: float, words: int) -> float:
    return round(seconds * 1000 * 1000 / words, 3) if words else 0.0


def byte_compile(root) -> None:
    """Write the bytecode of a checkout's packages, as pip does when it installs one.

    Timed commands then start as an installed propalint does. Without it, a machine with
    PYTHONDONTWRITEBYTECODE set (some containers and CI images) compiles every module from
    source on every run, about 0.1 s charged to each timed command."""
    import compileall
    from pathlib import Path

    for package in ("detector", "bench"):
        if (Path(root) / package).is_dir():
            compileall.compile_dir(Path(root) / package, quiet=1)
