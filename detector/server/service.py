"""What the HTTP endpoints ask of propalint: the linter compiled once, shared by every request."""

from __future__ import annotations

import argparse
import threading

from detector import __version__
from detector.config import Config
from detector.linter import Linter
from detector.lint.pipeline import Checked, check_text
from detector.lint.selection import Layer, RuleSelection, unknown_selectors
from detector.lint.settings import build_settings
from detector.report.html import from_result, render_report
from detector.text.langid import LANGUAGES

from .payload import CheckRequest, PayloadError


class Service:
    def __init__(self, linter: Linter):
        self.linter = linter
        # An article sent over HTTP has no config file: the defaults of `check --isolated`.
        # Its inline suppression comments still apply, as they would on disk.
        self.settings = build_settings(Config(path=None), argparse.Namespace())
        # Compile every language now: a request must never pay for (or race on) compilation.
        for lang in sorted(set(LANGUAGES) | set(linter.ruleset.languages())):
            linter.program(lang)
        # Matching is CPU-bound Python, so a lock costs no throughput under the GIL and
        # keeps the shared program's lazy caches (lemmas and the like) single-threaded.
        self._lock = threading.Lock()

    def validate(self, req: CheckRequest) -> None:
        unknown = unknown_selectors([*req.select, *req.ignore], self.linter.ruleset)
        if unknown:
            raise PayloadError(422, "unknown-selector", f"unknown rule, technique or prefix: {', '.join(unknown)}")

    def check(self, req: CheckRequest) -> Checked:
        with self._lock:
            result = check_text(req.text, req.id, req.format, req.lang, self.linter, self.settings)
        if req.select or req.ignore:
            # Same selectors and precedence as `check --select/--ignore`. Rules are independent,
            # so dropping a rule's hits equals not running it: no compilation per request.
            chosen = RuleSelection([Layer(select=list(req.select) or None, ignore=list(req.ignore))])
            result.hits = [h for h in result.hits if chosen.enabled(h.rule, h.technique)]
        return result

    def report(self, req: CheckRequest) -> tuple[str, Checked]:
        result = self.check(req)
        article = from_result(result, req.text, fmt=req.format)
        return render_report([article], self.linter.ruleset.techniques, title=req.title), result

    def rules(self) -> dict:
        packs = []
        for pack in self.linter.ruleset.packs:
            enabled = {r.id for r in self.linter.program(pack.lang).rules}
            packs.append({
                "name": pack.name,
                "version": pack.version,
                "language": pack.lang,
                "licence": pack.licence,
                "rules": len(pack.rules),
                "enabled": sum(1 for r in pack.rules if r.id in enabled),
            })
        return {"version": __version__, "techniques": len(self.linter.ruleset.techniques), "packs": packs}
