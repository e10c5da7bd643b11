"""`batch`: Ctrl-C stops cleanly and keeps the finished documents, `--resume` completes the
run to the very bytes of an uninterrupted one, a killed run leaves the old output whole, and
bad input lines are reported one by one."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detector.cli import main

ROOT = Path(__file__).resolve().parents[2]
WORDS = ["the", "so-called", "reform", "failed", "according", "to", "sources", "close", "devastating",
         "now", "or", "never", "plan", "council", "said", "on", "Tuesday", "selon", "des", "experts"]


def corpus(path: Path, count: int, words: int = 300) -> list[str]:
    rng = random.Random(7)
    lines = [json.dumps({"id": i, "text": " ".join(rng.choice(WORDS) for _ in range(words)) + "."})
             for i in range(count)]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return lines


def batch(*argv) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "detector", "batch", "--no-progress", *map(str, argv)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)


def signal_once_writing(proc: subprocess.Popen, out: Path, sig: int) -> None:
    """Send `sig` to the batch's process group as soon as it has written output (to the temp
    file beside `out`), rather than after a fixed delay that a faster engine outruns."""
    deadline = time.monotonic() + 120
    while not any(p.stat().st_size for p in out.parent.glob(f".{out.name}.*.tmp")):
        assert proc.poll() is None, "batch ended before it could be interrupted"
        assert time.monotonic() < deadline, "batch wrote nothing for two minutes"
        time.sleep(0.02)
    os.killpg(proc.pid, sig)


def test_ctrl_c_keeps_the_finished_documents_and_resume_completes_the_run(tmp_path):
    source = tmp_path / "in.jsonl"
    corpus(source, 2000)
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    assert batch(source, "-o", full, "-j", "2").returncode == 1

    proc = subprocess.Popen([sys.executable, "-m", "detector", "batch", str(source), "-o", str(part), "-j", "2"],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
    signal_once_writing(proc, part, signal.SIGINT)  # Ctrl-C: the whole process group gets it
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    (message,) = err.splitlines()
    done = part.read_text(encoding="utf-8").splitlines(keepends=True)
    assert message.startswith("propalint: interrupted after input line ")
    assert message.endswith(f"{part} holds {len(done)}, run again with --resume to continue")
    expected = full.read_text(encoding="utf-8").splitlines(keepends=True)
    assert 0 < len(done) < len(expected) and done == expected[:len(done)]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []

    resumed = batch(source, "-o", part, "-j", "2", "--resume")
    assert resumed.returncode == 1
    assert f"{len(done)} document(s) kept from {part}, {len(expected) - len(done)} linted" in resumed.stderr
    assert part.read_bytes() == full.read_bytes()


def test_resume_skips_ids_already_done_and_drops_a_torn_last_line(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    corpus(source, 40, words=20)
    with open(source, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "3", "text": "the so-called plan"}) + "\n")  # "3" is not 3
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    assert main(["batch", "--no-progress", str(source), "-o", str(full)]) == 1
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    part.write_text("".join(lines[:10]) + lines[10][:25], encoding="utf-8")  # a torn 11th line
    capsys.readouterr()
    assert main(["batch", "--no-progress", str(source), "-o", str(part), "--resume"]) == 1
    assert "10 document(s) kept" in capsys.readouterr().err
    assert part.read_text(encoding="utf-8") == "".join(lines)
    assert main(["batch", "--no-progress", str(source), "-o", str(part), "--resume"]) == 1
    assert f"{len(lines)} document(s) kept from {part}, 0 linted" in capsys.readouterr().err
    assert part.read_text(encoding="utf-8") == "".join(lines)


def test_resume_needs_an_output_file(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    corpus(source, 2, words=5)
    assert main(["batch", str(source), "--resume"]) == 2
    assert "--resume needs an output file" in capsys.readouterr().err


def test_a_killed_batch_leaves_the_previous_output_whole(tmp_path):
    source = tmp_path / "in.jsonl"
    corpus(source, 2000)
    out = tmp_path / "out.jsonl"
    out.write_text('{"id":"old","lang":"en","hits":[]}\n', encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "detector", "batch", str(source), "-o", str(out), "-j", "2"],
                            cwd=ROOT, start_new_session=True, stderr=subprocess.DEVNULL)
    signal_once_writing(proc, out, signal.SIGKILL)
    proc.wait(timeout=60)
    assert out.read_text(encoding="utf-8") == '{"id":"old","lang":"en","hits":[]}\n'


def test_an_input_line_that_is_not_utf8_is_named_with_its_byte_offset(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    first = b'{"id": 1, "text": "the so-called plan"}\n'
    source.write_bytes(first + b'{"id": 2, "text": "caf\xe9"}\n' + b'{"id": 3, "text": "the so-called deal"}\n')
    out = tmp_path / "out.jsonl"
    assert main(["batch", "--no-progress", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"propalint: {source}: line 2: not valid UTF-8 at byte {len(first) + 22}"]
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [1, 3]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_lone_surrogates_in_json_input_give_valid_utf8_output(tmp_path, workers):
    source = tmp_path / "in.jsonl"
    records = [{"id": f"s\ud800{i}", "text": f"The so-called \udfff reform {i} and the so-called plan\ud83d."}
               for i in range(40)]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="ascii")
    out = tmp_path / "out.jsonl"
    proc = batch(source, "-o", out, "-j", workers)
    assert proc.returncode == 1, proc.stderr
    results = [json.loads(line) for line in out.read_bytes().decode("utf-8").splitlines()]  # strict UTF-8
    assert [r["id"] for r in results] == [r["id"] for r in records]
    for record, result in zip(records, results):
        assert "so-called plan" in [h["text"] for h in result["hits"]]
        for hit in result["hits"]:
            assert record["text"][hit["start"]:hit["end"]] == hit["text"]
