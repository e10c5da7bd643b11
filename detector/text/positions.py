"""Scans several stages run over every token or position: where the tokens whose field has
a value are (quotation marks, terminal punctuation, function words, lexicon words), and
the union of per-token bits at some positions (the sentences a word occurs in).

Each scan has two spellings that give the same result. CPython runs ``compress``, ``map``
and ``reduce`` fastest, at C level; compiled by mypyc (scripts/build_mypyc.py), a plain loop
is faster, since each step of those iterators is a call through Python's object protocol
while the loop's is a list read and a compare. The module picks the spelling of the build
that runs it; tests/text/test_positions.py holds the two equal, and scripts/test-compiled.sh
runs that test compiled.
"""

from __future__ import annotations

from collections.abc import Container
from functools import reduce
from itertools import compress
from operator import or_

from detector.compiled import is_compiled


# The loops, which the compiled build runs (tests/text/test_positions.py also calls them
# uncompiled, against plain comprehensions).

def _equal_by_loop(values: list[str], value: str) -> list[int]:
    found: list[int] = []
    for k in range(len(values)):
        if values[k] == value:
            found.append(k)
    return found


def _in_by_loop(values: list[str], members: Container[str]) -> list[int]:
    found: list[int] = []
    for k in range(len(values)):
        if values[k] in members:
            found.append(k)
    return found


def _bits_by_loop(bits: list[int], positions: list[int]) -> int:
    found = 0
    for k in positions:
        found |= bits[k]
    return found


_LOOPS = is_compiled(_equal_by_loop)


# The public scans hold CPython's spelling themselves, so that pure Python pays no second call.

def where_equal(values: list[str], value: str) -> list[int]:
    """The positions k, in order, where ``values[k] == value``."""
    if _LOOPS:
        return _equal_by_loop(values, value)
    return list(compress(range(len(values)), map(value.__eq__, values)))


def where_in(values: list[str], members: Container[str]) -> list[int]:
    """The positions k, in order, where ``values[k]`` is in ``members`` (a set or a dict)."""
    if _LOOPS:
        return _in_by_loop(values, members)
    return list(compress(range(len(values)), map(members.__contains__, values)))


def bits_at(bits: list[int], positions: list[int]) -> int:
    """The union (``|``) of ``bits[k]`` over the positions, 0 for none: the sentences of a
    word's occurrences as bits of one integer, say. Compiled, the loop's ``|`` runs on
    mypyc's short integers without a call."""
    if _LOOPS:
        return _bits_by_loop(bits, positions)
    return reduce(or_, map(bits.__getitem__, positions), 0)
