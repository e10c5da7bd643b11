"""The one entry point every front end uses: rules loaded once, a Program per language, lint a text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from detector import cache
from detector.engine.program import Program, select_rules
from detector.explain import Hit
from detector.rules.loader import RuleSet, load_rules
from detector.text import load_document

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def format_for(path: str) -> str:
    return TEXT_SUFFIXES.get(Path(path).suffix.lower(), "text")


@dataclass
class FileResult:
    path: str
    lang: str
    hits: list[Hit] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"path": self.path, "lang": self.lang, "hits": [h.to_dict() for h in self.hits], "errors": self.errors}


class Linter:
    def __init__(self, ruleset: RuleSet | None = None, *, rule_dirs=(), preview: bool = False, rule_filter=None,
                 selected: frozenset[str] = frozenset()):
        self.ruleset = ruleset if ruleset is not None else load_rules(rule_dirs)
        self.preview = preview
        self.rule_filter = rule_filter
        self.selected = selected  # exact rule ids asked for: deprecated rules run only then
        self._programs: dict[str, Program] = {}

    def program(self, lang: str) -> Program:
        if lang not in self._programs:
            self._programs[lang] = self._compiled_program(lang)
        return self._programs[lang]

    def _compiled_program(self, lang: str) -> Program:
        """The Program of a language, from the on-disk cache when this rule set and selection
        were compiled before (compiling costs more than reading it back)."""
        options = {"preview": self.preview, "rule_filter": self.rule_filter, "selected": self.selected}
        key = None
        if self.ruleset.cache_key is not None:
            rule_ids = [r.id for r in select_rules(self.ruleset, lang, **options)]
            key = cache.program_key(self.ruleset.cache_key, lang, self.preview, rule_ids)
            cached = cache.load(key)
            if isinstance(cached, Program):
                return cached
        program = Program(self.ruleset, lang, **options)
        if key is not None:
            cache.store(key, program)  # before its first run, which adds what does not pickle
        return program

    def lifecycle_warnings(self) -> list[str]:
        """Warnings about the rules that ran (deprecated ones), for every program built so far."""
        return sorted({w for program in self._programs.values() for w in program.lifecycle_warnings})

    def lint_text(self, original: str, *, path: str = "<text>", fmt: str = "text", lang: str = "auto") -> FileResult:
        doc = load_document(original, fmt=fmt, lang=lang)
        hits, warnings = self.program(doc.lang).run(doc)
        return FileResult(path, doc.lang, hits, [f"warning: {w}" for w in warnings])
