"""What a loaded rule pack is made of. Plain data: the engine compiles it, explain quotes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .pattern import Node

RULE_KINDS = ("phrase", "pattern", "regex", "cooccurrence", "repetition")
SEVERITIES = ("info", "warning", "error")
SCOPES = ("speech", "quote", "heading", "blockquote", "list-item", "body")
STATUSES = ("preview", "stable", "deprecated")
MATCH_FORMS = ("norm", "fold", "lemma")


@dataclass(frozen=True)
class Technique:
    id: str
    category: str
    name: dict[str, str]
    definition: dict[str, str]


@dataclass
class LexiconEntry:
    text: str  # as written in the file
    line: int


@dataclass
class Lexicon:
    name: str  # "fr/charged" style: pack directory / file stem
    path: Path
    display_path: str  # path shown in explanations ("rules/fr/lexicons/charged.txt")
    entries: list[LexiconEntry]
    match: str = "norm"  # which token form entries are matched on


@dataclass
class Examples:
    hit: list[str] = field(default_factory=list)
    ok: list[str] = field(default_factory=list)
    line: int = 0  # where the examples block starts
    hit_lines: list[int] = field(default_factory=list)  # line of each example, for test failures
    ok_lines: list[int] = field(default_factory=list)


@dataclass
class Rule:
    id: str
    kind: str
    technique: str
    message: str
    severity: str
    confidence: float
    lang: str
    source: str  # "rules/fr/doubt.yaml:12", the line of "- id:"
    path: Path
    line: int
    description: str = ""
    status: str = "stable"
    exclude: tuple[str, ...] = ("speech",)
    include: tuple[str, ...] = ()
    unless: tuple[Node, ...] = ()
    examples: Examples = field(default_factory=Examples)
    pattern_text: str = ""  # what explanations show as the rule's pattern
    # kind-specific compiled inputs
    pattern: Node | None = None  # pattern
    lexicons: tuple[str, ...] = ()  # phrase: lexicon names (the rule's own phrases included)
    inline_phrases: tuple[tuple[str, int], ...] = ()  # phrase: (text, line) written in the rule
    regex: str = ""  # regex
    ignore_case: bool = True
    guard: tuple[str, ...] = ()
    unit: str = "sentence"  # regex and cooccurrence: the text unit searched
    parts: tuple[Node, ...] = ()  # cooccurrence
    max_distance: int | None = None
    ordered: bool = False
    report: int | None = None  # cooccurrence: index of the part whose span is reported
    ngram: tuple[int, int] = (2, 4)  # repetition
    min_count: int = 2
    stopwords: str = ""
    on: str = "norm"
    replaced_by: str = ""  # deprecated rules may name their successor


def rule_enabled(rule: Rule, *, preview: bool = False, selected=frozenset()) -> bool:
    """The lifecycle, as in Ruff: stable rules run; preview rules only with --preview;
    deprecated rules only when selected by their exact id (a prefix or a technique is not enough)."""
    if rule.status == "deprecated":
        return rule.id in selected
    if rule.status == "preview":
        return preview
    return True


def deprecation_warning(rule: Rule) -> str:
    successor = f"; use {rule.replaced_by} instead" if rule.replaced_by else ""
    return f"rule {rule.id} is deprecated and will be removed{successor}"


@dataclass
class Pack:
    name: str
    version: str
    lang: str
    path: Path
    licence: str = ""
    description: str = ""
    min_engine: str = "0.0.0"
    rules: list[Rule] = field(default_factory=list)
    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # old rule id -> new rule id


@dataclass(frozen=True)
class LoadError:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"
