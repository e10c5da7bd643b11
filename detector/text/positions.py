"""The positions of the tokens whose field has a value: a scan several stages run over every
token (quotation marks, terminal punctuation, function words, lexicon words).

Each scan has two spellings that give the same list. CPython runs ``compress`` over ``map``
fastest, at C level; compiled by mypyc (scripts/build_mypyc.py), a plain loop beats those
iterators by about three to one, since each of their steps is a call through Python's
object protocol. The module picks the spelling of the build that runs it;
tests/text/test_positions.py holds the two equal, and scripts/test-compiled.sh runs that
test compiled.
"""

from __future__ import annotations

from collections.abc import Container
from itertools import compress

from detector.compiled import is_compiled


def _equal_by_map(values: list[str], value: str) -> list[int]:
    return list(compress(range(len(values)), map(value.__eq__, values)))


def _equal_by_loop(values: list[str], value: str) -> list[int]:
    found: list[int] = []
    for k in range(len(values)):
        if values[k] == value:
            found.append(k)
    return found


def _in_by_map(values: list[str], members: Container[str]) -> list[int]:
    return list(compress(range(len(values)), map(members.__contains__, values)))


def _in_by_loop(values: list[str], members: Container[str]) -> list[int]:
    found: list[int] = []
    for k in range(len(values)):
        if values[k] in members:
            found.append(k)
    return found


_LOOPS = is_compiled(_equal_by_loop)


def where_equal(values: list[str], value: str) -> list[int]:
    """The positions k, in order, where ``values[k] == value``."""
    return _equal_by_loop(values, value) if _LOOPS else _equal_by_map(values, value)


def where_in(values: list[str], members: Container[str]) -> list[int]:
    """The positions k, in order, where ``values[k]`` is in ``members`` (a set or a dict)."""
    return _in_by_loop(values, members) if _LOOPS else _in_by_map(values, members)
