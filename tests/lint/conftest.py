"""Run `propalint check` in a temporary folder and capture what it prints."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from detector.cli import main

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "corpus" / "samples"


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)

    def hits(self):
        return [h for f in self.json()["files"] for h in f["hits"]]


@pytest.fixture
def check(capsys, monkeypatch, tmp_path):
    """`check(*args)` runs `propalint check` with tmp_path as the working folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)

    def run(*args) -> Outcome:
        capsys.readouterr()
        code = main(["check", *map(str, args)])
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


@pytest.fixture
def samples(tmp_path) -> Path:
    """A copy of the repository's sample articles, free to edit."""
    target = tmp_path / "articles"
    shutil.copytree(SAMPLES, target)
    return target


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path
