"""Lint one file the way `check` does: engine hits, then severity overrides, per-file
ignores and inline suppressions. The Document is built once and dropped afterwards."""

from __future__ import annotations

from dataclasses import dataclass, field

from detector.explain import LineIndex
from detector.text import load_document

from . import baseline, suppressions
from .suppressions import Notice


@dataclass
class Checked:
    path: str
    lang: str
    hits: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # unused suppressions, when asked for
    fingerprints: list[str] | None = None  # one per hit, when a baseline is read or written

    def to_dict(self) -> dict:
        out = {"path": self.path, "lang": self.lang, "hits": [h.to_dict() for h in self.hits], "errors": self.errors}
        if self.notices:
            out["notices"] = [vars(n).copy() for n in self.notices]
        return out


def check_text(text: str, path: str, fmt: str, lang: str, linter, settings, *,
               report_unused: bool = False, fingerprints: bool = False, known=None) -> Checked:
    doc = load_document(text, fmt=fmt, lang=lang)
    hits, warnings = linter.program(doc.lang).run(doc)
    hits = settings.overrides.apply(hits)
    hits = settings.drop_ignored(path, hits)
    found = suppressions.parse(doc) if doc.comments else []
    hits = suppressions.apply(hits, found)
    notices = suppressions.unused(found, LineIndex(text), known) if report_unused and found else []
    result = Checked(path, doc.lang, hits, [f"warning: {w}" for w in warnings], notices)
    if fingerprints:
        result.fingerprints = baseline.fingerprints(doc, hits)
    return result
