"""Technique categories, their display names and highlight colours, read from techniques.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from detector.rules.loader import default_rules_dir

# Used for a technique whose category is unknown (a pack with its own taxonomy file, say).
FALLBACK_COLOUR = "#555555"


@dataclass(frozen=True)
class Category:
    id: str
    name: dict[str, str]
    colour: str

    def label(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("en") or self.id


@lru_cache(maxsize=4)
def load_categories(path: Path | None = None) -> tuple[Category, ...]:
    """The `categories:` list of techniques.yaml, in file order (the legend's order)."""
    path = path or default_rules_dir() / "techniques.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return ()
    out = []
    for item in data.get("categories") or []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            colour = str(item.get("colour") or FALLBACK_COLOUR)
            out.append(Category(item["id"], dict(item.get("name") or {}), colour))
    return tuple(out)
