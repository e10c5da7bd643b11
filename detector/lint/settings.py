"""Effective settings for a file: its config file (nearest, or --config, or none with
--isolated) with the command line on top, and the Linter those settings need.

Command-line values win over the file, as in Ruff: `--select` replaces the file's
`select`, `--ignore` is applied after it, `--extend-select`/`--extend-ignore`,
`--extend-exclude`, `--per-file-ignores`, `--severity` and `--rules` add to the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from detector.config import Config, ConfigError, ConfigFinder, parse_config
from detector.linter import Linter
from detector.rules.loader import RuleSet, load_rules

from .paths import any_matches
from .selection import Layer, RuleSelection, applies, exact_selections, split_selectors, unknown_selectors
from .severity import SeverityOverrides, at_least, parse_override


class RulePackError(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} rule pack error(s)")
        self.errors = errors


@dataclass
class PerFileIgnore:
    root: Path
    glob: str
    selectors: list[str]


@dataclass
class Settings:
    config: Config
    selection: RuleSelection
    overrides: SeverityOverrides
    min_confidence: float | None = None
    min_severity: str | None = None
    lang: str = "auto"
    exclude: list[tuple[Path, str]] = field(default_factory=list)
    per_file_ignores: list[PerFileIgnore] = field(default_factory=list)
    rule_dirs: tuple[str, ...] = ()
    preview: bool = False

    def rule_filter(self, rule) -> bool:
        """Whether a rule runs at all: decided once, before any matching."""
        if not self.selection.enabled(rule.id, rule.technique):
            return False
        if self.min_confidence is not None and rule.confidence < self.min_confidence:
            return False
        return at_least(self.overrides.for_rule(rule.id, rule.technique, rule.severity), self.min_severity)

    def excluded(self, path: str) -> bool:
        return any(any_matches([glob], path, root) for root, glob in self.exclude)

    def ignored_selectors(self, path: str) -> list[str]:
        return [s for entry in self.per_file_ignores if any_matches([entry.glob], path, entry.root)
                for s in entry.selectors]

    def drop_ignored(self, path: str, hits):
        selectors = self.ignored_selectors(path)
        if not selectors:
            return hits
        return [h for h in hits if not any(applies(s, h.rule, h.technique) for s in selectors)]


def _cli_per_file_ignores(values) -> list[PerFileIgnore]:
    out = []
    for value in values or ():
        glob, sep, selectors = value.rpartition(":")
        if not sep or not glob:
            raise ConfigError("command line", 0, f"--per-file-ignores expects GLOB:SELECTOR[,SELECTOR], got {value!r}")
        out.append(PerFileIgnore(Path.cwd(), glob, split_selectors([selectors])))
    return out


def build_settings(config: Config, args) -> Settings:
    file_layer = Layer(
        select=config.select, ignore=config.ignore + config.extend_ignore, extend_select=config.extend_select
    )
    cli_select = split_selectors(getattr(args, "select", None))
    cli_layer = Layer(
        select=cli_select or None,
        ignore=split_selectors(getattr(args, "ignore", None)) + split_selectors(getattr(args, "extend_ignore", None)),
        extend_select=split_selectors(getattr(args, "extend_select", None)),
    )
    overrides = dict(config.severity)
    for text in getattr(args, "severity", None) or ():
        try:
            selector, level = parse_override(text)
        except ValueError as err:
            raise ConfigError("command line", 0, f"--severity: {err}") from None
        overrides[selector] = level
    cwd = Path.cwd()
    cli_exclude = getattr(args, "exclude", None)
    exclude = [(cwd, g) for g in cli_exclude] if cli_exclude else [(config.root, g) for g in config.exclude]
    exclude += [(cwd, g) for g in getattr(args, "extend_exclude", None) or ()]
    per_file = [PerFileIgnore(config.root, glob, sels) for glob, sels in config.per_file_ignores.items()]
    per_file += _cli_per_file_ignores(getattr(args, "per_file_ignores", None))
    pick = lambda cli, file, default: cli if cli is not None else (file if file is not None else default)  # noqa: E731
    return Settings(
        config=config,
        selection=RuleSelection([file_layer, cli_layer]),
        overrides=SeverityOverrides(overrides),
        min_confidence=pick(getattr(args, "min_confidence", None), config.min_confidence, None),
        min_severity=pick(getattr(args, "min_severity", None), config.min_severity, None),
        lang=pick(getattr(args, "lang", None), config.lang, "auto"),
        exclude=exclude,
        per_file_ignores=per_file,
        rule_dirs=tuple(str(p) for p in config.rules) + tuple(getattr(args, "rules", None) or ()),
        preview=bool(getattr(args, "preview", False) or config.preview),
    )


def check_selectors(settings: Settings, ruleset: RuleSet, args) -> None:
    """Unknown rule ids or techniques are errors (a typo would silently disable nothing)."""
    config = settings.config
    sources = [
        ("select", config.select or []), ("ignore", config.ignore), ("extend-select", config.extend_select),
        ("extend-ignore", config.extend_ignore), ("severity", list(config.severity)),
    ]
    sources += [("per-file-ignores", sels) for sels in config.per_file_ignores.values()]
    for setting, selectors in sources:
        for selector in unknown_selectors(selectors, ruleset):
            raise ConfigError(config.path, config.lines.get(setting, 1),
                              f"'{setting}': unknown rule, technique or prefix '{selector}'")
    cli = []
    for name in ("select", "ignore", "extend_select", "extend_ignore"):
        cli += split_selectors(getattr(args, name, None))
    cli += [s for e in settings.per_file_ignores if e.root == Path.cwd() for s in e.selectors]
    cli += [s for s in settings.overrides.overrides if s not in config.severity]
    for selector in unknown_selectors(cli, ruleset):
        raise ConfigError("command line", 0, f"unknown rule, technique or prefix '{selector}'")


class Resolver:
    """Settings and a Linter per config file, each built once per run."""

    def __init__(self, args):
        self.args = args
        self.finder = ConfigFinder()
        self.fixed: Config | None = None
        if getattr(args, "isolated", False):
            self.fixed = Config(path=None)
        elif getattr(args, "config", None):
            path = Path(args.config)
            if not path.is_file():
                raise ConfigError(path, 0, "no such config file")
            self.fixed = parse_config(path) or Config(path=path, root=path.parent)
        self._settings: dict[int, Settings] = {}
        self._rulesets: dict[tuple[str, ...], RuleSet] = {}
        self._linters: dict[int, Linter] = {}
        self._default = Config(path=None)

    def config_for(self, path: str) -> Config:
        if self.fixed is not None:
            return self.fixed
        return self.finder.for_path(path) or self._default

    def settings_for(self, path: str) -> Settings:
        config = self.config_for(path)
        key = id(config)
        if key not in self._settings:
            settings = build_settings(config, self.args)
            check_selectors(settings, self.ruleset(settings.rule_dirs), self.args)
            self._settings[key] = settings
        return self._settings[key]

    def ruleset(self, rule_dirs: tuple[str, ...]) -> RuleSet:
        if rule_dirs not in self._rulesets:
            ruleset = load_rules(list(rule_dirs))
            if ruleset.errors:
                raise RulePackError(ruleset.errors)
            self._rulesets[rule_dirs] = ruleset
        return self._rulesets[rule_dirs]

    def linter_for(self, settings: Settings) -> Linter:
        key = id(settings)
        if key not in self._linters:
            self._linters[key] = Linter(
                self.ruleset(settings.rule_dirs), preview=settings.preview, rule_filter=settings.rule_filter,
                selected=exact_selections(settings.selection),
            )
        return self._linters[key]

    def linters(self):
        return [(s, self._linters[id(s)]) for s in self._settings.values() if id(s) in self._linters]
