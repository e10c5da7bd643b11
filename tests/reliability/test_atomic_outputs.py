"""Nothing lost: every output file is replaced whole or not at all."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from detector import atomic
from detector.cli import main
from detector.lint import baseline

ROOT = Path(__file__).resolve().parents[2]
GOOD = "The so-called reform failed."


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("interruption", [RuntimeError("boom"), KeyboardInterrupt()], ids=["error", "ctrl-c"])
def test_a_block_that_stops_leaves_the_old_file_and_no_temporary(tmp_path, interruption):
    target = tmp_path / "out.json"
    target.write_text("old\n")
    with pytest.raises(type(interruption)):
        with atomic.atomic_open(str(target)) as fh:
            fh.write("half of the new")
            raise interruption
    assert target.read_text() == "old\n" and leftovers(tmp_path) == []


def test_a_process_killed_midway_leaves_the_old_file(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old\n")
    script = textwrap.dedent(f"""
        import os, signal
        from detector import atomic
        with atomic.atomic_open({str(target)!r}) as fh:
            fh.write("x" * 1_000_000)
            fh.flush()
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert target.read_text() == "old\n"


def test_success_replaces_the_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old\n")
    target.chmod(0o640)
    atomic.write_text(str(target), "new\n")
    assert target.read_text() == "new\n" and (target.stat().st_mode & 0o777) == 0o640
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_umask_permissions_not_the_private_temp_ones(tmp_path):
    target = tmp_path / "fresh.txt"
    old = os.umask(0o022)
    try:
        atomic.write_text(str(target), "x")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_symlinked_output_is_written_through_not_replaced(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic.write_text(str(link), "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_special_files_are_written_directly(tmp_path):
    atomic.write_text(os.devnull, "discarded")  # no rename over /dev/null
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()


def test_check_output_file_survives_a_crash_in_the_reporter(tmp_path, monkeypatch, capsys):
    article = tmp_path / "a.txt"
    article.write_text(GOOD)
    out = tmp_path / "report.json"
    out.write_text("previous report\n")

    def exploding(results):
        raise MemoryError("simulated failure halfway through the report")

    monkeypatch.setattr("detector.report.json_report.document", exploding)
    with pytest.raises(MemoryError):
        main(["check", "--isolated", "--format", "json", "-o", str(out), str(article)])
    assert out.read_text() == "previous report\n" and leftovers(tmp_path) == []
    monkeypatch.undo()
    assert main(["check", "--isolated", "--format", "json", "-o", str(out), str(article)]) == 1
    assert json.loads(out.read_text())["files"][0]["hits"][0]["text"] == "so-called reform"


def test_baseline_survives_a_failed_write(tmp_path, monkeypatch):
    target = tmp_path / "baseline.json"
    baseline.write(str(target), [("a.txt", "r", "f" * 20, "t")])
    before = target.read_text()
    monkeypatch.setattr(baseline.json, "dumps", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        baseline.write(str(target), [])
    assert target.read_text() == before and leftovers(tmp_path) == []


def test_html_report_is_written_atomically(tmp_path, monkeypatch, capsys):
    article = tmp_path / "a.txt"
    article.write_text(GOOD)
    out = tmp_path / "report.html"
    out.write_text("old report")
    calls = []
    real = atomic.write_text
    monkeypatch.setattr(atomic, "write_text", lambda p, text, **k: calls.append(p) or real(p, text, **k))
    assert main(["report", "--isolated", "-o", str(out), str(article)]) == 1
    assert calls == [str(out)] and "so-called" in out.read_text()
