"""The scanner of the compiled build finds exactly the spans of the tokenizer's re pattern.

These tests call `scanner.scan` directly, so they check its logic in the pure-Python run as
well; scripts/test-compiled.sh runs them again with the scanner compiled, where
`tokenize` uses it (see test_tokenizer_reference.py for the tokens themselves)."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from detector.text import scanner, tokenizer

TABLES = tokenizer._scanner_tables()


def scanned(text):
    found = scanner.scan(text, *TABLES)
    return None if found is None else tuple(found)


def takes_fast_path(text):
    return not tokenizer._OUTSIDE_FAST.search(text) and not tokenizer._ELISION_AFTER_APOSTROPHE.search(text)


FAST_CHARS = st.one_of(
    st.characters(max_codepoint=0x36F),
    st.characters(min_codepoint=0x2000, max_codepoint=0x2BFF),
)
# what the alternatives of the pattern turn on, side by side
PIECES = st.sampled_from([
    "l’", "L'", "qu’", "QU’", "jusqu’", "Lorsqu'", "puisqu’", "quoiqu’", "d’", "ſ’", "s’", "t'", "qu", "quoi",
    "aujourd’hui", "a-t-il", "don't", "’", "'", "ʼ", "‘", "-", "\u2010", "\u2011", "\u00ad",
    "1", "12", "123", "1234", " 000", "\u00a0000", "\u202f000", "\u2009000", ",5", ".5", "%", " %", "\u00a0%",
    "\u2009%", "1 000", "12,5 %", "3.5", "1.2.3", "½", "²", "Ⅻ", "x", "É", "e\u0301", "\u0301",
    "#", "@", "#Stop", "@a_b", "_", "x#y", "...", "..", "…", "!?", "!", "?", "«", "»", "“", "”", "„", '"', "‹", "›",
    "©", "™", "☀", "‼", "\u200d", " ", "\n", "\t", "\x00", "\x85", "\u2028", "\u00a0",
    ".", ",", ":", "(", "€", "$",
])
TEXTS = st.one_of(
    st.text(FAST_CHARS),
    st.lists(st.one_of(PIECES, st.text(FAST_CHARS, max_size=2)), max_size=30).map("".join),
    st.lists(PIECES, max_size=30).map("".join),
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(TEXTS)
@example("jusqu’à 1 000 000x 12 %a x#y @a_b")
@example("1 000a 1 0000 12 345 6789 1.2.3a 3,5% 2\u2009000,25\u202f% 1\u2009%")
@example("©\u200d☀ ‼ .... .. …! #x@y _#a")
def test_scanner_equals_the_pattern(text):
    if takes_fast_path(text):
        assert scanned(text) == tokenizer._regex_spans(text)


@pytest.mark.parametrize("low, high", tokenizer._FAST_BLOCKS)
def test_every_character_of_the_fast_blocks_scans_as_the_pattern(low, high):
    for code in range(low, high):
        char = chr(code)
        for text in (f"{char}x{char}9{char}l’{char}#{char} {char}{char}…{char}", f"1{char}000{char}%{char}d’{char}"):
            if takes_fast_path(text):
                assert scanned(text) == tokenizer._regex_spans(text), hex(code)


def test_a_character_outside_the_fast_blocks_is_declined():
    assert scanned("le чай") is None
    assert scanned("中") is None
    assert scanned("ok \U0001f600") is None


def test_the_tables_follow_the_regex_classes():
    classes, folds, elided = TABLES
    assert classes[ord("é")] & scanner.LETTER and not classes[ord("é")] & scanner.SPACE
    assert classes[ord("\u00ad")] & scanner.SPACE  # a soft hyphen: inside words only
    assert classes[ord("©")] & scanner.PICTO
    assert classes[0x400] == scanner.OUTSIDE  # Cyrillic: not a fast block
    assert folds[ord("ſ")] == ord("s") and folds[ord("Q")] == ord("q") and not folds[ord("a")]
    assert [w.decode() for w in elided] == list(tokenizer._ELIDED_WORDS)
    # the scanner rules out most elision starts by these second letters
    second = {w[1] for w in tokenizer._ELIDED_WORDS if len(w) > 1}
    assert all(scanner._is_second_letter(ord(letter)) for letter in second)
    assert sum(scanner._is_second_letter(code) for code in range(128)) == len(second)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_memo_columns_read_each_surface_from_the_memo(text):
    if not takes_fast_path(text):
        return
    surfaces = tokenizer._regex_spans(text)[2]
    tokenizer.tokenize_columns(text)  # fills the memo with these surfaces
    memo = tokenizer._SURFACES
    found = scanner.memo_columns(surfaces, memo)
    if any(memo[surface] is None for surface in surfaces):
        assert found is None
    else:
        assert found == tuple([memo[surface][field] for surface in surfaces] for field in range(3))
        assert found == tokenizer._memo_columns(surfaces)


def test_memo_columns_decline_a_surface_missing_or_left_to_the_reference_path():
    memo = {"Les": ("les", "les", "word"), "12": ("12", "12", "number"), "x#": None}
    assert scanner.memo_columns(["Les", "12", "Les"], memo) == (
        ["les", "12", "les"], ["les", "12", "les"], ["word", "number", "word"])
    assert scanner.memo_columns(["Les", "absent"], memo) is None
    assert scanner.memo_columns(["x#", "Les"], memo) is None
    assert scanner.memo_columns([], memo) == ([], [], [])


def test_the_apostrophes_are_the_tokenizer_s():
    assert scanner.APOSTROPHES == tokenizer._APOSTROPHES
    assert all(scanner._is_apostrophe(ord(a)) for a in scanner.APOSTROPHES)
    assert sum(map(scanner._is_apostrophe, range(0x2C00))) == len(scanner.APOSTROPHES)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.one_of(TEXTS, st.text()))
@example("l’l’aujourd’hui")
@example("#l’l’x ‘l’Union’ qu’l’a")
@example("aujourd’l’x")
@example("x'QU'a ’ſ’a ‘d’é")
@example("l’l’ l’l’9 l’l’\u0301 ’l’ж ’l’")
def test_the_elision_check_finds_what_the_pattern_finds(text):
    # the check of the compiled build, against the regex pure Python runs
    expected = tokenizer._ELISION_AFTER_APOSTROPHE.search(text) is not None
    assert scanner.elision_after_apostrophe(text, *TABLES) == expected
