"""Peers timed on the same text: proselint (a prose linter from PyPI, 120-odd checks)."""

from __future__ import annotations

from importlib import metadata


def proselint_runner():
    """A function linting one text with every enabled proselint check, or None when not installed."""
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None, None
    registry = CheckRegistry()
    if not list(registry.get_all_enabled(DEFAULT["checks"])):
        registry.register_many(__register__)
    checks = len(list(registry.get_all_enabled(DEFAULT["checks"])))

    def lint(text: str):
        return LintFile("<bench>", text).lint(DEFAULT)

    return lint, {"name": "proselint", "version": metadata.version("proselint"), "checks": checks}
