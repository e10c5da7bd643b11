"""The streaming-memory benchmark writes what it says and measures a real process tree."""

import json
import os
import sys

import pytest

from bench import corpus
from bench.stream_memory import run_sampled, tree_rss_mb, write_repeated

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def test_repeated_corpus_reaches_the_size_with_distinct_ids(tmp_path):
    articles = corpus.build(20_000)
    path = tmp_path / "big.jsonl"
    info = write_repeated(articles, path, 100_000)
    assert info["bytes"] >= 100_000
    assert path.stat().st_size == info["bytes"]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == info["documents"] > len(articles)
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["text"] for r in rows} == {a.text for a in articles}


def test_tree_memory_counts_children(tmp_path):
    total, largest, count = tree_rss_mb(os.getpid())
    assert count >= 1 and total >= largest > 1
    # a parent holding ~60 MB in its child: the sampled tree must see the child's memory
    script = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
              "'import time; b = bytearray(60_000_000); b[::4096] = b\"x\" * len(b[::4096]); time.sleep(1.5)'])")
    run = run_sampled([sys.executable, "-c", script])
    assert run["processes"] >= 2
    assert run["peak_tree_rss_mb"] >= 60
    assert run["peak_tree_rss_mb"] > run["peak_process_rss_mb"]
