"""Both spellings of each token scan give the same positions (see detector/text/positions.py).

The pure-Python run checks the loops' logic; scripts/test-compiled.sh runs this file again
with the module compiled, where the loops are the spelling in use."""

from hypothesis import given, settings
from hypothesis import strategies as st

from detector.text import positions

WORDS = st.sampled_from(["quote", "punct", "word", "le", "Le", "", "é", "e\u0301", "12"])
VALUES = st.lists(WORDS, max_size=50)


@settings(max_examples=300, deadline=None)
@given(VALUES, WORDS)
def test_where_equal(values, value):
    expected = [k for k, v in enumerate(values) if v == value]
    assert positions._equal_by_map(values, value) == expected
    assert positions._equal_by_loop(values, value) == expected
    assert positions.where_equal(values, value) == expected


@settings(max_examples=300, deadline=None)
@given(VALUES, st.frozensets(WORDS), st.booleans())
def test_where_in(values, members, as_dict):
    container = dict.fromkeys(members, 0) if as_dict else members
    expected = [k for k, v in enumerate(values) if v in members]
    assert positions._in_by_map(values, container) == expected
    assert positions._in_by_loop(values, container) == expected
    assert positions.where_in(values, container) == expected
