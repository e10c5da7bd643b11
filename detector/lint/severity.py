"""Severity overrides (`[severity]` in the config, `--severity SEL=LEVEL`) and thresholds.

An override names rules with a selector (see selection.py); the most specific one wins,
so `doubt = "info"` with `"fr.doubt.so-called" = "error"` raises just that rule. Overrides
are per rule, so a rule's effective severity is known before matching and `min-severity`
can skip rules instead of filtering their hits.
"""

from __future__ import annotations

from dataclasses import replace

from .selection import most_specific

LEVELS = {"info": 0, "warning": 1, "error": 2}


def at_least(severity: str, threshold: str | None) -> bool:
    return threshold is None or LEVELS[severity] >= LEVELS[threshold]


class SeverityOverrides:
    def __init__(self, overrides: dict[str, str] | None = None):
        self.overrides = dict(overrides or {})

    def for_rule(self, rule_id: str, technique: str, default: str) -> str:
        selector = most_specific(self.overrides, rule_id, technique)
        return self.overrides[selector] if selector is not None else default

    def apply(self, hits):
        """Hits with their rule's overridden severity (hits are not modified in place)."""
        if not self.overrides:
            return hits
        out = []
        for hit in hits:
            severity = self.for_rule(hit.rule, hit.technique, hit.severity)
            out.append(hit if severity == hit.severity else replace(hit, severity=severity))
        return out


def parse_override(text: str) -> tuple[str, str]:
    """`SELECTOR=LEVEL` from the command line."""
    selector, sep, level = text.partition("=")
    if not sep or not selector.strip() or level.strip() not in LEVELS:
        raise ValueError(f"expected SELECTOR=info|warning|error, got {text!r}")
    return selector.strip(), level.strip()
