"""Which units a regex rule looks at: those whose lowered text holds a guard, found without lowering each."""

from types import SimpleNamespace

from hypothesis import example, given, settings, strategies as st

from detector.engine.context import lowered_text
from detector.engine.regex_rule import guarded_units


def plain_guarded_units(units, text, guards):
    """Engine 0.1: lower each unit and look for the guards in it."""
    return [u for u in units if any(g in text[u.start : u.end].lower() for g in guards)]


# letters whose lowering changes the length ("İ") or depends on the context ("Σ") included
alphabet = st.sampled_from(list("abAB \"“#!.ΣσςİiTt") + ["then", "Then", "THEN", "ΟΔΟΣ"])
texts = st.lists(alphabet, max_size=40).map("".join)
guard_lists = st.lists(st.sampled_from(["a", "b", "then", "\"", "“", "#", "σ", "ς", "i̇", "ab", "b a", ""]),
                       max_size=3).map(tuple)


def _units(text, cuts, kept):
    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    units = [SimpleNamespace(start=a, end=b) for a, b in zip(bounds, bounds[1:])]
    # units need not cover the text: some are dropped, as the gaps between sentences
    return [u for k, u in enumerate(units) if k < len(kept) and kept[k]]


@settings(max_examples=500, deadline=None)
@given(text=texts, cuts=st.lists(st.integers(0, 40), max_size=6), guards=guard_lists,
       kept=st.lists(st.booleans(), min_size=7, max_size=7))
@example(text="ΟΔΟΣ", cuts=[3], guards=("σ",), kept=[True] * 7)  # "ς" in the whole, "σ" in the unit
@example(text="İ then", cuts=[2], guards=("then",), kept=[False] + [True] * 6)  # "i̇": one letter more
@example(text="b a", cuts=[], guards=("",), kept=[True] * 7)
@example(text="ab", cuts=[1], guards=("ab",), kept=[True] * 7)  # across two units: in neither
def test_guarded_units_are_those_of_the_plain_check(text, cuts, guards, kept):
    units = _units(text, cuts, kept)
    assert guarded_units(units, text, lowered_text(text), guards) == plain_guarded_units(units, text, guards)


def test_a_text_whose_lowering_changes_length_is_lowered_unit_by_unit():
    assert lowered_text("İstanbul") is None
    assert lowered_text("ΟΔΟΣ") is None  # a final sigma lowers by context
    assert lowered_text("Then") == "then"
