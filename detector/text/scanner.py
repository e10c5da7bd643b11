"""The tokenizer's fast path as loops of its own, for the compiled build only: `scan` over
the characters of a text, `memo_columns` over its tokens.

`scan` finds the same token spans as the tokenizer's standard-``re`` pattern (`_FAST_PAIRS`
in tokenizer.py) on any text of the fast blocks, alternative by alternative and in the
same order. Run by CPython it is slower than that pattern, so the tokenizer calls it only
when scripts/build_mypyc.py has compiled this module: mypyc turns ``ord(text[i])`` and the
table look-ups into C, and the spans come out of one pass with no intermediate lists.
tests/text/test_scanner.py checks both against the tokenizer's own path, uncompiled and
compiled.

Unicode properties come from tables the tokenizer fills from the regex module
(`tokenizer._scanner_tables`), so none is spelled out twice. The few literal characters the
pattern names (apostrophes, hyphens, quotation marks, spaces in numbers) are code points
below; the character-by-character test holds them to the pattern's.
"""

from __future__ import annotations

from typing import Final

# bits of the class table, one byte per code point of the fast blocks (Final: mypyc inlines them)
LETTER: Final = 1  # \p{L}
MARK: Final = 2  # \p{M}
NUMERIC: Final = 4  # \p{N}
DIGIT: Final = 8  # \d
WORD_CHAR: Final = 16  # \p{L}, \p{M}, \p{N} or a soft hyphen: what a word goes on with
SPACE: Final = 32  # \s or \p{C}: never starts a token
PICTO: Final = 64  # \p{Extended_Pictographic}
OUTSIDE: Final = 128  # outside the fast blocks: `scan` declines the text

SOFT_HYPHEN: Final = 0xAD
ZERO_WIDTH_JOINER: Final = 0x200D
# the apostrophes the tokenizer's pattern names (its classes are built from this string);
# `_is_apostrophe` repeats them as comparisons, which mypyc compiles to a few instructions
APOSTROPHES: Final = "'\u2019\u02bc\u2018"  # ' ’ ʼ ‘


def _is_apostrophe(c: int) -> bool:
    return c == 0x27 or c == 0x2019 or c == 0x2BC or c == 0x2018


def _is_joiner(c: int) -> bool:  # an apostrophe or a hyphen inside a word
    return _is_apostrophe(c) or c == 0x2D or c == 0x2010 or c == 0x2011


def _is_percent_space(c: int) -> bool:  # before a per cent sign: "12,5 %"
    return c == 0x20 or c == 0xA0 or c == 0x202F


def _is_number_space(c: int) -> bool:  # between digit groups: "1 000"
    return _is_percent_space(c) or c == 0x2009


def _is_decimal_mark(c: int) -> bool:
    return c == 0x2E or c == 0x2C


def _is_quote(c: int) -> bool:  # « » “ ” „ " ‹ ›
    return c == 0xAB or c == 0xBB or c == 0x201C or c == 0x201D or c == 0x201E or c == 0x22 or c == 0x2039 or c == 0x203A


def scan(text: str, classes: bytes, folds: bytes,
         elided: list[bytes]) -> tuple[list[int], list[int], list[str]] | None:
    """The (starts, ends, surfaces) of the tokens of ``text``, or None when it holds a
    character outside the table.

    ``classes``: the class bits of each code point below ``len(classes)``. ``folds``: for
    each code point, the ASCII letter it matches case-insensitively among the letters of the
    elided words (0 for none). ``elided``: the elided French words ("qu", "l"...), in the
    order the tokenizer tries them."""
    starts: list[int] = []
    ends: list[int] = []
    surfaces: list[str] = []
    size = len(classes)
    n = len(text)
    i = 0
    while i < n:
        c = ord(text[i])
        if c >= size:
            return None
        bits = classes[c]
        if bits & OUTSIDE:
            return None
        if bits & SPACE:
            i += 1
            continue
        end = -1
        if folds[c]:
            end = _elided_end(text, i, n, classes, folds, elided)
        if end < 0 and bits & (LETTER | MARK):
            end = _word_end(text, i + 1, n, classes)
        if end < 0 and bits & DIGIT:
            end = _number_end(text, i, n, classes)
            if end < 0:
                end = _word_end(text, i + 1, n, classes)  # a word that starts with a digit: "4x4"
        if end < 0:
            end = _other_end(text, i, n, c, bits, classes)
        starts.append(i)
        ends.append(end)
        surfaces.append(text[i:end])
        i = end
    return starts, ends, surfaces


def _class(text: str, i: int, classes: bytes) -> int:
    """The class bits of the character at i (OUTSIDE past the table)."""
    c = ord(text[i])
    return classes[c] if c < len(classes) else OUTSIDE


def _elided_end(text: str, i: int, n: int, classes: bytes, folds: bytes, elided: list[bytes]) -> int:
    """The end of an elided word with its apostrophe ("qu’" of "qu’il"), which a letter must
    follow; -1 when none starts at i."""
    # most words that start like an elided one go on with neither an apostrophe nor the
    # second letter of one ("la", "de"): ruled out before trying each elided word
    if i + 1 >= n:
        return -1
    second = ord(text[i + 1])
    if not _is_apostrophe(second) and not (second < len(folds) and _is_second_letter(folds[second])):
        return -1
    for word in elided:
        length = len(word)
        after = i + length
        if after + 1 >= n or not _is_apostrophe(ord(text[after])) or not _class(text, after + 1, classes) & LETTER:
            continue
        k = 0
        while k < length:
            c = ord(text[i + k])
            if c >= len(folds) or folds[c] != word[k]:
                break
            k += 1
        if k == length:
            return after + 1
    return -1


def elision_after_apostrophe(text: str, classes: bytes, folds: bytes, elided: list[bytes]) -> bool:
    """Whether an elided word follows an apostrophe somewhere in ``text`` ("l’l’x"), which
    sends the text to the tokenizer's reference path: `tokenizer._ELISION_AFTER_APOSTROPHE`.

    Only the apostrophes are looked at, found by ``str.find`` at C speed; the regex tests
    its character class at every position of the text."""
    n = len(text)
    for apostrophe in APOSTROPHES:
        i = text.find(apostrophe)
        while i >= 0:
            if _elided_end(text, i + 1, n, classes, folds, elided) >= 0:
                return True
            i = text.find(apostrophe, i + 1)
    return False


def _is_second_letter(letter: int) -> bool:
    """Whether an elided word of more than one letter has this second letter ("lorsqu", "qu")."""
    return letter == 0x6F or letter == 0x75


def _word_end(text: str, j: int, n: int, classes: bytes) -> int:
    """The end of a word whose first character is before j: word characters, then runs of
    them after single joiners ("a-t-il", "aujourd’hui")."""
    j = _word_chars_end(text, j, n, classes)
    while j + 1 < n and _is_joiner(ord(text[j])) and _class(text, j + 1, classes) & WORD_CHAR:
        j = _word_chars_end(text, j + 2, n, classes)
    return j


def _word_chars_end(text: str, j: int, n: int, classes: bytes) -> int:
    size = len(classes)
    while j < n:
        c = ord(text[j])
        if c >= size or not classes[c] & WORD_CHAR:
            break
        j += 1
    return j


def _digits_end(text: str, j: int, n: int, classes: bytes) -> int:
    while j < n and _class(text, j, classes) & DIGIT:
        j += 1
    return j


def _number_end(text: str, i: int, n: int, classes: bytes) -> int:
    """The end of a number at i, or -1. The two forms are tried as the regex backtracks
    through them: choices are listed in its order of preference, and the first that the
    closing look-ahead (no letter or digit next) accepts wins. A shorter run of digits than
    the longest never helps, since a digit would follow it."""
    lead = _digits_end(text, i, n, classes)
    # grouped: one to three digits, groups of three after spaces ("2 000 000"), a decimal part
    if lead - i <= 3:
        group_ends: list[int] = []
        j = lead
        while j + 3 < n and _is_number_space(ord(text[j])) and _digits_end(text, j + 1, j + 4, classes) == j + 4:
            j += 4
            group_ends.append(j)
        for g in range(len(group_ends) - 1, -1, -1):
            e = group_ends[g]
            if e + 1 < n and _is_decimal_mark(ord(text[e])) and _class(text, e + 1, classes) & DIGIT:
                end = _percent_end(text, _digits_end(text, e + 1, n, classes), n, classes)
                if end >= 0:
                    return end
            end = _percent_end(text, e, n, classes)
            if end >= 0:
                return end
    # plain: digits, then any number of decimal parts ("3.5", "1.2.3")
    part_ends = [lead]
    j = lead
    while j + 1 < n and _is_decimal_mark(ord(text[j])) and _class(text, j + 1, classes) & DIGIT:
        j = _digits_end(text, j + 1, n, classes)
        part_ends.append(j)
    for p in range(len(part_ends) - 1, -1, -1):
        end = _percent_end(text, part_ends[p], n, classes)
        if end >= 0:
            return end
    return -1


def _percent_end(text: str, j: int, n: int, classes: bytes) -> int:
    """The end of a number that ends at j, with a per cent sign if one follows ("12 %"), as
    long as no letter or digit comes next; -1 otherwise."""
    if j < n and ord(text[j]) == 0x25 and _number_may_end(text, j + 1, n, classes):
        return j + 1
    if j + 1 < n and _is_percent_space(ord(text[j])) and ord(text[j + 1]) == 0x25 and _number_may_end(text, j + 2, n, classes):
        return j + 2
    return j if _number_may_end(text, j, n, classes) else -1


def _number_may_end(text: str, j: int, n: int, classes: bytes) -> bool:
    return j >= n or not _class(text, j, classes) & (LETTER | NUMERIC)


def _other_end(text: str, i: int, n: int, c: int, bits: int, classes: bytes) -> int:
    """The end of a token that is not a word or a number: ellipsis, run of ! and ?,
    quotation mark, hashtag or mention, emoji, punctuation, other symbol."""
    if c == 0x2E and i + 2 < n and ord(text[i + 1]) == 0x2E and ord(text[i + 2]) == 0x2E:
        j = i + 3
        while j < n and ord(text[j]) == 0x2E:
            j += 1
        return j
    if c == 0x2026:  # …
        return i + 1
    if c == 0x21 or c == 0x3F:
        j = i + 1
        while j < n and (ord(text[j]) == 0x21 or ord(text[j]) == 0x3F):
            j += 1
        return j
    if _is_quote(c):
        return i + 1
    if (c == 0x23 or c == 0x40) and i + 1 < n and _class(text, i + 1, classes) & LETTER and not _tag_follows(text, i, classes):
        j = i + 2
        while j < n and (_class(text, j, classes) & (LETTER | NUMERIC) or ord(text[j]) == 0x5F):
            j += 1
        return j
    if bits & PICTO:  # joined pictographs are one emoji
        j = i + 1
        while j + 1 < n and ord(text[j]) == ZERO_WIDTH_JOINER and _class(text, j + 1, classes) & PICTO:
            j += 2
        return j
    return i + 1  # punctuation or symbol: one character


def _tag_follows(text: str, i: int, classes: bytes) -> bool:
    """Whether the character before a # or @ at i glues it to a word ("x#y" is no hashtag)."""
    return i > 0 and (bool(_class(text, i - 1, classes) & (LETTER | NUMERIC)) or ord(text[i - 1]) == 0x5F)


def memo_columns(surfaces: list[str], memo: dict[str, tuple[str, str, str] | None]
                 ) -> tuple[list[str], list[str], list[str]] | None:
    """The norms, folds and kinds of ``surfaces`` from the tokenizer's memo of surface forms
    (`tokenizer._SURFACES`), or None when a surface is not in it or maps to None.

    One loop over the tokens into lists of known size: compiled, it takes under half the
    time of the map and zip that CPython runs fastest (`tokenizer._memo_columns`)."""
    n = len(surfaces)
    norms: list[str] = [""] * n
    folds: list[str] = [""] * n
    kinds: list[str] = [""] * n
    for k in range(n):
        forms = memo.get(surfaces[k])
        if forms is None:
            return None
        norm, folded, kind = forms
        norms[k] = norm
        folds[k] = folded
        kinds[k] = kind
    return norms, folds, kinds
