"""Lower-casing exactly as Python does, for the modules that scripts/build_mypyc.py compiles.

mypyc (2.4) turns ``text.lower()`` into a primitive that lowers one character at a time, so
a final capital sigma becomes "σ" where Python writes "ς" ("ΟΔΟΣ" -> "οδος"), and the
compiled build would read Greek text differently. Compiled modules call `lower` instead;
this module is never compiled, so the call reaches ``str.lower`` itself.
"""

from __future__ import annotations


def lower(text: str) -> str:
    return text.lower()
