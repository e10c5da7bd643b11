"""Turn command-line paths into (display path, text) inputs: walk folders, read stdin, decode strictly."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from detector.linter import TEXT_SUFFIXES


@dataclass
class Input:
    path: str
    text: str | None
    error: str | None = None


def expand(paths: list[str]) -> list[str]:
    """Files named directly, plus the article files found under named folders, each once, sorted per folder."""
    out, seen = [], set()
    for p in paths:
        if p != "-" and os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(root, f) for f in files if Path(f).suffix.lower() in TEXT_SUFFIXES]
            candidates = sorted(found)
        else:
            candidates = [p]
        for c in candidates:
            if c not in seen:
                seen.add(c)
                out.append(c)
    return out


def read(path: str) -> Input:
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        name = path
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as err:
            return Input(name, None, f"{name}: cannot read: {err.strerror or err}")
    try:
        # same as open(path, encoding="utf-8", newline=""): offsets index this exact string
        return Input(name, data.decode("utf-8"))
    except UnicodeDecodeError as err:
        return Input(name, None, f"{name}: not valid UTF-8 at byte {err.start}")
