"""Loading the plain-text word lists under ``detector/text/data/``.

One entry a line; blank lines and lines starting with ``#`` are ignored.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# the lists are package data installed beside this module (setup.py); importlib.resources
# would find them too, but importing it costs a few ms of every start
_DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=None)
def load_list(name: str) -> tuple[str, ...]:
    text = (_DATA / name).read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            entries.append(entry)
    return tuple(entries)
