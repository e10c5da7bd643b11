"""Plain text: the analysis text is the input itself, with an identity source map."""

from __future__ import annotations

from ..sourcemap import SourceMap
from . import Reading


def read_plain(original: str) -> Reading:
    return Reading(text=original, source_map=SourceMap.identity(len(original)))
