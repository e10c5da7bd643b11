"""Both spellings of each token scan give what a plain comprehension gives (see
detector/text/positions.py).

In the pure-Python run the public scans are CPython's spelling and the loops are called
directly; scripts/test-compiled.sh runs this file again with the module compiled, where the
public scans run the loops."""

from hypothesis import given, settings
from hypothesis import strategies as st

from detector.text import positions

WORDS = st.sampled_from(["quote", "punct", "word", "le", "Le", "", "é", "e\u0301", "12"])
VALUES = st.lists(WORDS, max_size=50)


@settings(max_examples=300, deadline=None)
@given(VALUES, WORDS)
def test_where_equal(values, value):
    expected = [k for k, v in enumerate(values) if v == value]
    assert positions._equal_by_loop(values, value) == expected
    assert positions.where_equal(values, value) == expected


@settings(max_examples=300, deadline=None)
@given(VALUES, st.frozensets(WORDS), st.booleans())
def test_where_in(values, members, as_dict):
    container = dict.fromkeys(members, 0) if as_dict else members
    expected = [k for k, v in enumerate(values) if v in members]
    assert positions._in_by_loop(values, container) == expected
    assert positions.where_in(values, container) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=200).map(lambda s: 1 << s), min_size=1, max_size=40), st.data())
def test_bits_at(bits, data):
    # sentence bits past 62 are long integers for mypyc: both kinds are drawn
    at = data.draw(st.lists(st.integers(min_value=0, max_value=len(bits) - 1), max_size=60))
    expected = 0
    for k in at:
        expected |= bits[k]
    assert positions._bits_by_loop(bits, at) == expected
    assert positions.bits_at(bits, at) == expected
    assert positions.bits_at(bits, []) == 0
