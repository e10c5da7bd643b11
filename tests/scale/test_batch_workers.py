"""`propalint batch --workers N`: same bytes for any N, streaming, stdin/stdout, errors by line."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import count

import pytest

from detector import exitcodes, parallel
from detector.cli import main
from detector.linter import Linter
from detector.report import json_report

from .conftest import REPO, corpus_records


def run_batch(tmp_path, corpus_jsonl, workers: int, *extra: str) -> tuple[int, bytes]:
    out = tmp_path / f"out-{workers}.jsonl"
    code = main(["batch", str(corpus_jsonl), "-o", str(out), "--workers", str(workers), "--no-progress", *extra])
    return code, out.read_bytes()


def expected_lines() -> list[str]:
    """What linting each record on its own gives, through Linter.lint_text directly."""
    linter = Linter()
    out = []
    for rec in corpus_records():
        result = linter.lint_text(rec["text"], path=str(rec["id"]), fmt=rec.get("format", "text"),
                                  lang=rec.get("lang", "auto"))
        out.append(json_report.line(rec["id"], result.lang, result.hits))
    return out


def test_one_and_two_workers_write_identical_bytes(tmp_path, corpus_jsonl, monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_LINES", 3)  # several chunks per worker, so order matters
    code1, out1 = run_batch(tmp_path, corpus_jsonl, 1)
    code2, out2 = run_batch(tmp_path, corpus_jsonl, 2)
    assert out1 == out2
    assert code1 == code2 == exitcodes.FINDINGS
    lines = out1.decode("utf-8").splitlines()
    assert lines == expected_lines()
    assert [json.loads(line)["id"] for line in lines] == [r["id"] for r in corpus_records()]
    assert any(json.loads(line)["hits"] for line in lines)


def test_bad_lines_are_reported_by_number_and_skipped(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Fine text."}\n\nnot json\n{"id": "b"}\n'
                   '{"id": "c", "text": "x", "lang": "de"}\n{"id": "d", "text": "Also fine."}\n', encoding="utf-8")
    for workers in (1, 2):
        code, out = run_batch(tmp_path, src, workers)
        assert code == exitcodes.USAGE
        assert [json.loads(line)["id"] for line in out.decode().splitlines()] == ["a", "d"]
        err = capsys.readouterr().err
        assert "line 3: invalid JSON" in err
        assert "line 4: expected an object" in err
        assert "line 5: unsupported lang 'de'" in err


def test_stdin_to_stdout_with_dashes(corpus_jsonl):
    proc = subprocess.run([sys.executable, "-m", "detector", "batch", "-", "-o", "-", "--workers", "2"],
                          input=corpus_jsonl.read_bytes(), capture_output=True, cwd=REPO, timeout=300)
    assert proc.returncode == exitcodes.FINDINGS, proc.stderr
    assert proc.stdout.decode("utf-8").splitlines() == expected_lines()
    assert b"docs" not in proc.stderr  # no progress bar when stderr is not a terminal


def test_workers_must_be_positive(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["batch", "-", "--workers", "0"])
    assert exc.value.code == exitcodes.USAGE
    assert "workers" in capsys.readouterr().err


def test_input_is_read_only_a_bounded_distance_ahead(monkeypatch):
    """Memory stays flat: the pool never holds more than workers * CHUNKS_PER_WORKER chunks."""
    monkeypatch.setattr(parallel, "CHUNK_LINES", 2)
    consumed = count()
    read = [0]

    def lines():
        for i in range(400):
            read[0] = next(consumed) + 1
            yield json.dumps({"id": i, "text": f"Document number {i} is short."}) + "\n"

    job = parallel.LintJob(lang="en")
    stream = parallel.lint_lines(lines(), job, workers=2)
    ahead = []
    for n, outcome in enumerate(stream, start=1):
        assert outcome.number == n and json.loads(outcome.line)["id"] == n - 1
        ahead.append(read[0] - n)
    bound = 2 * parallel.CHUNKS_PER_WORKER * parallel.CHUNK_LINES
    assert len(ahead) == 400
    assert max(ahead) <= bound
    assert max(ahead) > 0  # it does read ahead, to keep both workers busy


def test_progress_bar_on_a_terminal_shows_documents_per_second(corpus_jsonl, tmp_path):
    import os
    import pty

    import fcntl
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    try:
        proc = subprocess.run([sys.executable, "-m", "detector", "batch", str(corpus_jsonl),
                               "-o", str(tmp_path / "out.jsonl"), "--workers", "1"],
                              stderr=follower, cwd=REPO, timeout=300)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: everything was read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert proc.returncode == exitcodes.FINDINGS
    text = shown.decode("utf-8", "replace")
    assert f"{len(corpus_records())} docs" in text.replace("\r", "\n")
    assert "docs/s" in text


def test_batch_processes_keep_the_packs_out_of_collections_and_collect_young_objects_rarely():
    # in a fresh interpreter, as a batch worker starts: the gc settings are per process
    code = ("import gc; from detector import parallel; from detector.linter import Linter; "
            "parallel.settle(Linter()); print(gc.get_threshold()[0], gc.get_freeze_count() > 1000)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.split() == [str(parallel.YOUNG_COLLECTION_THRESHOLD), "True"]
    assert parallel.YOUNG_COLLECTION_THRESHOLD > 700  # above CPython's default, or it buys nothing
