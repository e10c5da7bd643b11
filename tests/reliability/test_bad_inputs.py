"""Hostile and broken input files: each gets a right result or one clear error line naming it.

Every case lints the bad file next to a good one, so each also proves that the other files
are still checked and that the exit code (2) says an input failed.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detector.cli import inputs, main

GOOD = "The so-called reform failed."  # one hit: en.doubt.so-called on "so-called reform"
CP1252_TEXT = "Le soi-disant plan a échoué « vraiment »."
ROOT = Path(__file__).resolve().parents[2]


def check(capsys, *argv):
    code = main(["check", "--format", "json", "--isolated", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, json.loads(out), [line for line in err.splitlines() if line]


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def assert_one_error_and_good_checked(code, report, err, bad_name, good_path, *fragments):
    assert code == 2
    assert len(err) == 1, err
    assert err[0].startswith(f"propalint: {bad_name}: "), err
    for fragment in fragments:
        assert fragment in err[0], err
    files = {f["path"]: f for f in report["files"]}
    assert [h["text"] for h in files[str(good_path)]["hits"]] == ["so-called reform"]
    bad = files[str(bad_name)]
    assert bad["hits"] == [] and bad["errors"] == [err[0].removeprefix("propalint: ")]


# --- encodings --------------------------------------------------------------------------------

def test_invalid_utf8_names_the_byte_offset(capsys, tmp_path, good):
    bad = tmp_path / "latin.txt"
    data = CP1252_TEXT.encode("cp1252")
    bad.write_bytes(data)
    first_bad = data.index("é".encode("cp1252"))
    code, report, err = check(capsys, bad, good)
    assert_one_error_and_good_checked(code, report, err, bad, good, f"not valid UTF-8 at byte {first_bad}",
                                      "--encoding")


def test_cp1252_is_read_with_an_explicit_encoding_and_offsets_index_the_decoded_text(capsys, tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes(CP1252_TEXT.encode("cp1252"))
    code, report, err = check(capsys, "--encoding", "cp1252", "--lang", "fr", bad)
    assert code == 1 and err == []
    (hit,) = [h for h in report["files"][0]["hits"] if h["rule"] == "fr.doubt.so-called"]
    assert CP1252_TEXT[hit["start"]:hit["end"]] == hit["text"] == "soi-disant plan"


def test_auto_detects_cp1252(capsys, tmp_path):
    bad = tmp_path / "latin.txt"
    # long enough for a detector to be sure; accents that differ between latin encodings
    bad.write_bytes((CP1252_TEXT + " Les élèves étaient très présents à l'école. ") .encode("cp1252") * 8)
    code, report, err = check(capsys, "--encoding", "auto", "--lang", "fr", bad)
    assert err == [] and code == 1
    hits = [h["text"] for h in report["files"][0]["hits"] if h["rule"] == "fr.doubt.so-called"]
    assert hits == ["soi-disant plan"] * 8


def test_utf16_with_a_bom_fails_by_default_with_a_hint_and_reads_with_utf16_or_auto(capsys, tmp_path, good):
    bad = tmp_path / "wide.txt"
    bad.write_bytes(GOOD.encode("utf-16"))  # starts with a byte-order mark
    code, report, err = check(capsys, bad, good)
    assert_one_error_and_good_checked(code, report, err, bad, good, "not valid UTF-8 at byte 0",
                                      "UTF-16 byte-order mark", "--encoding utf-16")
    for encoding in ("utf-16", "auto"):
        code, report, err = check(capsys, "--encoding", encoding, bad)
        assert (code, err) == (1, [])
        assert [h["text"] for h in report["files"][0]["hits"]] == ["so-called reform"]


def test_utf8_bom_counts_in_offsets(capsys, tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    for encoding in ("utf-8", "auto"):
        code, report, _ = check(capsys, "--encoding", encoding, path)
        (hit,) = report["files"][0]["hits"]
        assert hit["start"] == 5 and ("\ufeff" + GOOD)[hit["start"]:hit["end"]] == hit["text"]


def test_unknown_encoding_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--encoding", "no-such-codec", "x.txt"])
    assert exit_.value.code == 2
    assert "unknown encoding 'no-such-codec'" in capsys.readouterr().err


# --- binary and empty --------------------------------------------------------------------------

def test_binary_file_with_nul_bytes_is_refused(capsys, tmp_path, good):
    bad = tmp_path / "image.txt"
    bad.write_bytes(b"GIF89a\x01\x00\x01\x00\x00\xff\x00,")
    code, report, err = check(capsys, bad, good)
    assert_one_error_and_good_checked(code, report, err, bad, good, "NUL byte at byte 7", "binary")


def test_random_binary_is_refused_with_an_offset(capsys, tmp_path, good):
    bad = tmp_path / "noise.md"
    bad.write_bytes(bytes(range(128, 256)) * 4)
    code, report, err = check(capsys, bad, good)
    assert_one_error_and_good_checked(code, report, err, bad, good, "at byte 0")


def test_auto_gives_up_on_binary_with_a_clear_message(capsys, tmp_path, good):
    bad = tmp_path / "noise.txt"
    bad.write_bytes(bytes(range(256)) * 64)
    code, report, err = check(capsys, "--encoding", "auto", bad, good)
    assert code == 2 and len(err) == 1 and err[0].startswith(f"propalint: {bad}: ")
    assert "binary" in err[0] or "NUL" in err[0]


def test_empty_file_is_a_clean_result(capsys, tmp_path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    code, report, err = check(capsys, path)
    assert (code, err) == (0, []) and report["files"][0]["hits"] == []


# --- sizes ------------------------------------------------------------------------------------

def test_a_50mb_single_line_is_refused_quickly_under_the_default_limit(capsys, tmp_path, good):
    bad = tmp_path / "one-line.txt"
    with open(bad, "wb") as fh:
        chunk = b"word " * 200_000  # 1 MB, no newline anywhere
        for _ in range(50):
            fh.write(chunk)
    started = time.monotonic()
    code, report, err = check(capsys, bad, good)
    assert time.monotonic() - started < 20
    assert_one_error_and_good_checked(code, report, err, bad, good, "47.7M is larger than the 10M limit",
                                      "--max-size")


def test_a_200mb_file_is_refused_without_being_read(capsys, tmp_path, good, monkeypatch):
    bad = tmp_path / "huge.txt"
    with open(bad, "wb") as fh:
        line = b"The reform was announced on Tuesday after a long debate.\n" * 10_000
        while fh.tell() < 200 * 1024 * 1024:
            fh.write(line)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k))
    code, report, err = check(capsys, "--max-size", "100M", bad, good)
    assert str(bad) not in opened  # refused on its size alone
    assert_one_error_and_good_checked(code, report, err, bad, good, "is larger than the 100M limit")


def test_a_long_single_line_under_the_limit_is_linted_right(capsys, tmp_path):
    path = tmp_path / "long.txt"
    text = " ".join(f"item{i} reform" for i in range(20_000)) + " " + GOOD  # ~250 kB, one line
    path.write_text(text, encoding="utf-8")
    code, report, err = check(capsys, path)
    assert (code, err) == (1, [])
    hits = report["files"][0]["hits"]
    assert [h["text"] for h in hits] == ["so-called reform"]
    assert text[hits[0]["start"]:hits[0]["end"]] == "so-called reform" and hits[0]["line"] == 1


def test_max_size_applies_to_stdin_which_has_no_size_to_stat(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a" * 2048)))
    code, _, err = check(capsys, "--max-size", "1k", "-")
    assert code == 2 and err == ["propalint: <stdin>: larger than the 1k limit; skipped (raise it with --max-size)"]


@pytest.mark.parametrize("text, expected", [
    ("0", 0), ("512", 512), ("500k", 500 * 1024), ("10M", 10 * 1024**2), ("10MiB", 10 * 1024**2),
    ("1g", 1024**3), ("2KB", 2048),
])
def test_sizes_parse(text, expected):
    assert inputs.size(text) == expected


@pytest.mark.parametrize("text", ["ten", "10X", "-5", "", "1.5M"])
def test_bad_sizes_are_usage_errors(text):
    with pytest.raises(Exception, match="expected a size|cannot be negative"):
        inputs.size(text)


def test_max_size_zero_means_no_limit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x" * 5000)
    assert inputs.read(str(path), max_size=0).text == "x" * 5000
    assert "limit" in inputs.read(str(path), max_size=4999).error


# --- unreadable files and odd file types ---------------------------------------------------

def test_a_fifo_is_refused_without_blocking(tmp_path, good):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # a subprocess, so a regression that blocks on open() fails on the timeout, not hangs the suite
    proc = subprocess.run([sys.executable, "-m", "detector", "check", "--isolated", str(fifo), str(good)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"propalint: {fifo}: not a regular file; pipe it in with '-' instead"]
    assert "so-called reform" in proc.stdout


def test_an_unreadable_file_is_named(capsys, tmp_path, good):
    if os.geteuid() == 0:
        # root reads through chmod 000; a missing file exercises the same open() error path
        bad = tmp_path / "gone.txt"
        reason = "No such file or directory"
    else:
        bad = tmp_path / "locked.txt"
        bad.write_text(GOOD)
        bad.chmod(0)
        reason = "Permission denied"
    code, report, err = check(capsys, bad, good)
    assert_one_error_and_good_checked(code, report, err, bad, good, f"cannot read: {reason}")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file; covered by the missing-file case")
def test_chmod_000_file_is_named(capsys, tmp_path, good):
    bad = tmp_path / "locked.txt"
    bad.write_text(GOOD)
    bad.chmod(0)
    code, report, err = check(capsys, bad, good)
    assert_one_error_and_good_checked(code, report, err, bad, good, "Permission denied")


def test_a_symlink_loop_file_is_named(capsys, tmp_path, good):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    code, report, err = check(capsys, tmp_path / "a.txt", good)
    assert_one_error_and_good_checked(code, report, err, tmp_path / "a.txt", good,
                                      "cannot read: Too many levels of symbolic links")


def test_a_folder_with_symlink_loops_is_walked_once_and_ends(tmp_path):
    root = tmp_path / "articles"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "sub" / "deeper" / "up").symlink_to(root)  # a loop back to the top
    (root / "sub" / "self").symlink_to(root / "sub")
    (root / "x.txt").write_text(GOOD)
    (root / "sub" / "y.md").write_text(GOOD)
    (root / "link.txt").symlink_to(root / "x.txt")  # a link to a file is read like the file
    (root / "loop1.txt").symlink_to(root / "loop2.txt")
    (root / "loop2.txt").symlink_to(root / "loop1.txt")
    proc = subprocess.run([sys.executable, "-m", "detector", "check", "--isolated", "--format", "json", str(root)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    assert sorted(files) == ["link.txt", "loop1.txt", "loop2.txt", "x.txt", "y.md"]
    assert all(len(files[n]["hits"]) == 1 for n in ("link.txt", "x.txt", "y.md"))
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 2
    assert all("Too many levels of symbolic links" in line for line in proc.stderr.splitlines())


def test_a_dangling_symlink_is_named(capsys, tmp_path, good):
    bad = tmp_path / "dangling.txt"
    bad.symlink_to(tmp_path / "nowhere.txt")
    code, report, err = check(capsys, bad, good)
    assert_one_error_and_good_checked(code, report, err, bad, good, "cannot read: No such file or directory")


# --- names ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["with space.txt", "été à Noël.md", "日本語 テキスト.txt", "emoji 📰.html", "-dash.txt"])
def test_names_with_spaces_and_non_ascii_are_read_and_reported(capsys, tmp_path, name):
    path = tmp_path / name
    path.write_text(f"<p>{GOOD}</p>" if name.endswith(".html") else GOOD, encoding="utf-8")
    code, report, err = check(capsys, tmp_path)
    assert (code, err) == (1, [])
    (f,) = report["files"]
    assert f["path"] == str(path) and [h["text"] for h in f["hits"]] == ["so-called reform"]


def test_a_name_that_is_not_utf8_does_not_crash_any_format(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w") as fh:
        fh.write(GOOD)
    strict = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}  # as under a UTF-8 desktop locale
    for fmt in ("text", "json", "jsonl", "sarif", "github"):
        proc = subprocess.run([sys.executable, "-m", "detector", "check", "--isolated", "--format", fmt, str(tmp_path)],
                              capture_output=True, timeout=60, cwd=ROOT, env=strict)
        assert proc.returncode == 1, (fmt, proc.stderr)
        assert b"Traceback" not in proc.stderr
        if fmt == "json":  # the escaped name decodes back to the very bytes on disk
            (f,) = json.loads(proc.stdout)["files"]
            assert os.fsencode(f["path"]) == os.path.join(folder, b"caf\xe9.txt")


def test_report_command_reads_with_the_same_rules(tmp_path, capsys, good):
    bad = tmp_path / "wide.txt"
    bad.write_bytes(GOOD.encode("utf-16"))
    out = tmp_path / "report.html"
    code = main(["report", "--isolated", "-o", str(out), str(bad), str(good)])
    err = capsys.readouterr().err
    assert code == 2 and f"propalint: {bad}: not valid UTF-8 at byte 0" in err
    assert out.read_text(encoding="utf-8").count("so-called") >= 1
    assert main(["report", "--isolated", "--encoding", "utf-16", "-o", str(out), str(bad)]) == 1
