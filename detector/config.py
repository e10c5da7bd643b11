"""Configuration files: `propalint.toml`, `.propalint.toml` or `[tool.propalint]` in `pyproject.toml`.

A file applies to the files below its folder; the nearest one wins, as with Ruff. Settings
are validated strictly: an unknown key or a value of the wrong type is an error that names
the file and the line, so a typo never silently turns a check off.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import regex

# In the order a folder is searched: a dedicated file beats pyproject.toml.
CONFIG_NAMES = (".propalint.toml", "propalint.toml", "pyproject.toml")
SEVERITIES = ("info", "warning", "error")
LANGS = ("auto", "fr", "en")
FORMATS = ("text", "json", "jsonl", "sarif", "github")


class ConfigError(Exception):
    def __init__(self, path, line: int, message: str):
        shown = _shown(path)
        super().__init__(f"{shown}:{line}: {message}" if line else f"{shown}: {message}")
        self.path, self.line, self.message = path, line, message


def _shown(path) -> str:
    """A config path as the user would write it: relative when under the working folder."""
    if not isinstance(path, Path):
        return str(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


@dataclass
class Config:
    """The settings of one file, as written; `None` and empty mean "not set"."""

    path: Path | None = None  # None: no file (defaults, or --isolated)
    root: Path = field(default_factory=Path.cwd)  # globs and rule folders are relative to this
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    min_confidence: float | None = None
    min_severity: str | None = None
    lang: str | None = None
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rules: list[Path] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    preview: bool | None = None
    fail_on: str | None = None
    format: str | None = None
    lines: dict[str, int] = field(default_factory=dict)  # setting -> line, for later messages


def _str_list(value, name):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"'{name}' must be a list of strings")
    return list(value)


def _choice(choices):
    def check(value, name):
        if value not in choices:
            raise TypeError(f"'{name}' must be one of {', '.join(choices)}, not {value!r}")
        return value
    return check


def _confidence(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise TypeError(f"'{name}' must be a number between 0 and 1")
    return float(value)


def _bool(value, name):
    if not isinstance(value, bool):
        raise TypeError(f"'{name}' must be true or false")
    return value


def _table_of(check_value):
    def check(value, name):
        if not isinstance(value, dict):
            raise TypeError(f"'{name}' must be a table")
        return {key: check_value(v, f"{name}.{key}") for key, v in value.items()}
    return check


# setting name in the file -> (attribute, validator)
SETTINGS = {
    "select": ("select", _str_list),
    "ignore": ("ignore", _str_list),
    "extend-select": ("extend_select", _str_list),
    "extend-ignore": ("extend_ignore", _str_list),
    "min-confidence": ("min_confidence", _confidence),
    "min-severity": ("min_severity", _choice(SEVERITIES)),
    "lang": ("lang", _choice(LANGS)),
    "exclude": ("exclude", _str_list),
    "per-file-ignores": ("per_file_ignores", _table_of(_str_list)),
    "rules": ("rules", _str_list),
    "severity": ("severity", _table_of(_choice(SEVERITIES))),
    "preview": ("preview", _bool),
    "fail-on": ("fail_on", _choice(SEVERITIES)),
    "format": ("format", _choice(FORMATS)),
}


def _line_of(text: str, table: tuple[str, ...], key: str) -> int:
    """The line where `key` is set in `table`; tomllib keeps no positions, so look it up."""
    wanted = ".".join(table)
    current = ""
    key_line = regex.compile(r'\s*(?:"' + regex.escape(key) + r'"|' + regex.escape(key) + r")\s*[=.]")
    for number, line in enumerate(text.splitlines(), start=1):
        header = regex.match(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$", line)
        if header:
            current = regex.sub(r"\s*\.\s*", ".", header.group(1)).replace('"', "")
            if current == f"{wanted}.{key}" if wanted else current == key:
                return number
            continue
        if current == wanted and key_line.match(line):
            return number
    return 1


def parse_config(path: Path, text: str | None = None) -> Config | None:
    """The config in `path`, or None for a pyproject.toml without a [tool.propalint] table."""
    text = path.read_text(encoding="utf-8") if text is None else text
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _line_from_message(str(err), text)
        raise ConfigError(path, line, f"invalid TOML: {str(err).split(' (at ')[0]}") from None
    table: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("propalint")
        if data is None:
            return None
        table = ("tool", "propalint")
    config = Config(path=path, root=path.parent)
    for key, value in data.items():
        line = _line_of(text, table, key)
        if key not in SETTINGS:
            raise ConfigError(path, line, f"unknown setting '{key}' (known: {', '.join(SETTINGS)})")
        attribute, check = SETTINGS[key]
        try:
            value = check(value, key)
        except TypeError as err:
            raise ConfigError(path, line, str(err)) from None
        if attribute == "rules":
            value = [path.parent / folder for folder in value]
        setattr(config, attribute, value)
        config.lines[key] = line
    return config


def _line_from_message(message: str, text: str) -> int:
    found = regex.search(r"at line (\d+)", message)
    if found:
        return int(found.group(1))
    return len(text.splitlines()) or 1 if "end of document" in message else 1


def _declares_propalint(path: Path) -> bool:
    # Cheap test before parsing: most pyproject.toml files never mention propalint.
    try:
        return "propalint" in path.read_text(encoding="utf-8")
    except OSError:
        return False


class ConfigFinder:
    """Nearest config file for a path, walking up; each folder is looked at once per run."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, Config | None] = {}

    def for_path(self, path: str) -> Config | None:
        # realpath, unlike Path.resolve on 3.11, does not raise on a symlink loop: reading reports it
        start = Path.cwd() if path == "-" else Path(os.path.realpath(path))
        return self.for_dir(start if start.is_dir() else start.parent)

    def for_dir(self, directory: Path) -> Config | None:
        if directory in self._by_dir:
            return self._by_dir[directory]
        found = None
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _declares_propalint(candidate)):
                found = parse_config(candidate)
                if found is not None:
                    break
        if found is None and directory.parent != directory:
            found = self.for_dir(directory.parent)
        self._by_dir[directory] = found
        return found
