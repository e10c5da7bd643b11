"""Rule kind `pattern`: a token pattern, matched leftmost-first without overlaps."""

from __future__ import annotations

from .context import DocContext, RawMatch
from .tokenpattern import CompiledPattern


def find(rule, ctx: DocContext, compiled: CompiledPattern) -> list[RawMatch]:
    return compiled.find_all(ctx)
