"""Baselines: record today's findings once, then show only new ones.

A finding is keyed on its file, its rule id and a fingerprint: a hash of the sentence that
holds it and of the matched text, both normalised (case, spacing, typographic quotes). Line
numbers and offsets are left out, so a finding stays hidden when paragraphs are added or
moved around it; it comes back when its sentence is rewritten. Keys are counted, so a second
identical finding in the same file is new.

Paths are stored relative to the baseline file's folder, so a baseline written at the root
of a repository works from any working directory and on any machine.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from bisect import bisect_right
from collections import Counter
from pathlib import Path, PurePath

from detector import atomic

VERSION = 1
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "«": '"', "»": '"', "“": '"', "”": '"', "„": '"'})


class BaselineError(Exception):
    pass


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split())


def fingerprint(sentence: str, matched: str) -> str:
    data = f"{normalise(sentence)}\x00{normalise(matched)}".encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:20]


def fingerprints(doc, hits) -> list[str]:
    """A fingerprint per hit, from the document's sentences mapped back to the original."""
    smap, original = doc.source_map, doc.original
    spans = [(smap.start(s.start), smap.end(s.end)) for s in doc.sentences]
    starts = [a for a, _ in spans]
    out = []
    for hit in hits:
        k = bisect_right(starts, hit.start) - 1
        if k >= 0 and spans[k][0] <= hit.start < spans[k][1]:
            a, b = spans[k][0], max(spans[k][1], hit.end)
        else:  # a hit outside any sentence (a heading without words?): the hit itself
            a, b = hit.start, hit.end
        out.append(fingerprint(original[a:b], hit.text))
    return out


def key_path(path: str, baseline_file: str) -> str:
    if path in ("-", "<stdin>"):
        return "<stdin>"
    base = os.path.dirname(os.path.abspath(baseline_file))
    return PurePath(os.path.relpath(os.path.abspath(path), base)).as_posix()


def write(baseline_file: str, entries) -> None:
    """`entries`: (path, rule, fingerprint, text) for every finding to record."""
    findings = sorted(
        {"path": key_path(path, baseline_file), "rule": rule, "fingerprint": fp, "text": text}.items()
        for path, rule, fp, text in entries
    )
    data = {"version": VERSION, "tool": "propalint", "findings": [dict(f) for f in findings]}
    atomic.write_text(baseline_file, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


class Baseline:
    def __init__(self, baseline_file: str, redirect=lambda rule: rule):
        self.file = baseline_file
        try:
            data = json.loads(Path(baseline_file).read_text(encoding="utf-8"))
        except OSError as err:
            raise BaselineError(f"{baseline_file}: cannot read baseline: {err.strerror or err}") from None
        except json.JSONDecodeError as err:
            raise BaselineError(f"{baseline_file}:{err.lineno}: invalid JSON: {err.msg}") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
            raise BaselineError(f"{baseline_file}: not a propalint baseline (version {VERSION})")
        try:
            # a renamed rule keeps its baseline entries through the pack's redirects
            self.remaining = Counter(
                (f["path"], redirect(f["rule"]), f["fingerprint"]) for f in data["findings"]
            )
        except (KeyError, TypeError):
            raise BaselineError(f"{baseline_file}: every finding needs path, rule and fingerprint") from None

    def filter(self, path: str, hits, fps) -> list:
        """Hits of `path` that the baseline does not hold; each entry hides one hit."""
        where = key_path(path, self.file)
        kept = []
        for hit, fp in zip(hits, fps):
            key = (where, hit.rule, fp)
            if self.remaining[key] > 0:
                self.remaining[key] -= 1
            else:
                kept.append(hit)
        return kept
