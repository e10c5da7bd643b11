"""The tokenizer equals the simple implementation it replaced, on any text.

``reference_tokens`` below is the former tokenizer, kept verbatim but for returning tuples:
one regex-module ``finditer`` over the text, elided French words split afterwards. The
tokenizer now splits with the standard ``re`` module when every character of the text lies
in the blocks where its spelled-out classes are exact, and falls back to that same
``finditer`` otherwise; both paths must give exactly the reference tokens.
"""

import unicodedata

import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from detector.text import tokenizer
from detector.text.tokenizer import fold, normalize, tokenize

_APOSTROPHES = "'’ʼ‘"
_JOINERS = "'’ʼ‘\\-\u2010\u2011"
_WORD_CHAR = r"[\p{L}\p{M}\p{N}\u00ad]"
_NUMBER_SPACE = "[ \u00a0\u202f\u2009]"
_PERCENT = r"(?:[ \u00a0\u202f]?%)?"
_NUMBER_END = r"(?![\p{L}\p{N}])"
_PATTERN = rf"""
  (?P<word>[\p{{L}}\p{{M}}]{_WORD_CHAR}*(?:[{_JOINERS}]{_WORD_CHAR}+)*)
| (?P<number>
      \d{{1,3}}(?:{_NUMBER_SPACE}\d{{3}})+(?:[.,]\d+)?{_PERCENT}{_NUMBER_END}
    | \d+(?:[.,]\d+)*{_PERCENT}{_NUMBER_END})
| (?P<alnum>\d{_WORD_CHAR}*(?:[{_JOINERS}]{_WORD_CHAR}+)*)
| (?P<ellipsis>\.{{3,}}|…)
| (?P<exclamation>[!?]+)
| (?P<quote>[«»“”„"‹›])
| (?P<tag>(?<![\p{{L}}\p{{N}}_])[\#@]\p{{L}}[\p{{L}}\p{{N}}_]*)
| (?P<emoji>\p{{Regional_Indicator}}{{2}}
    | \p{{Extended_Pictographic}}[\ufe0f\p{{Emoji_Modifier}}]*
      (?:\u200d\p{{Extended_Pictographic}}[\ufe0f\p{{Emoji_Modifier}}]*)*)
| (?P<punct>\p{{P}})
| (?P<symbol>[^\s\p{{C}}])
"""
TOKEN_PATTERN = regex.compile(_PATTERN, regex.VERBOSE | regex.V0)
_ENTITY_PATTERN = regex.compile(
    r"""
      (?P<url>(?:https?://|ftp://|www\.)[^\s<>"«»“”‘’]+(?<![.,;:!?)\]}'’…]))
    | (?P<email>(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)
    """,
    regex.VERBOSE | regex.V0,
)
_ELIDED = regex.compile(rf"(?i:jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])[{_APOSTROPHES}](?=\p{{L}})")
_KINDS = {
    "word": "word", "number": "number", "alnum": "word", "ellipsis": "punct",
    "exclamation": "punct", "quote": "quote", "tag": "symbol", "emoji": "symbol",
    "punct": "punct", "symbol": "symbol", "url": "url", "email": "email",
}


def _token(i, start, end, surface, kind):
    norm = normalize(surface)
    return [i, start, end, surface, norm, fold(norm), kind]


def reference_tokens(text):
    """``(i, start, end, text, norm, fold, kind)`` of each token."""
    tokens = []
    for match in TOKEN_PATTERN.finditer(text):
        surface, kind, start = match.group(), match.lastgroup, match.start()
        elided = _ELIDED.match(surface) if kind == "word" else None
        if elided:
            cut = elided.end()
            tokens.append(_token(0, start, start + cut, surface[:cut], "word"))
            tokens.append(_token(0, start + cut, match.end(), surface[cut:], "word"))
        else:
            tokens.append(_token(0, start, match.end(), surface, _KINDS[kind]))
    if "@" in text or "://" in text or "www." in text:
        merged, k = [], 0
        for m in _ENTITY_PATTERN.finditer(text):
            start, end = m.start(), m.end()
            while k < len(tokens) and tokens[k][2] <= start:
                merged.append(tokens[k])
                k += 1
            if merged and merged[-1][2] > start:
                continue
            while k < len(tokens) and tokens[k][1] < end:
                start, end = min(start, tokens[k][1]), max(end, tokens[k][2])
                k += 1
            merged.append(_token(0, start, end, text[start:end], m.lastgroup))
        tokens = merged + tokens[k:]
    for i, token in enumerate(tokens):
        token[0] = i
    return [tuple(token) for token in tokens]


def tokens_of(text):
    return [(t.i, t.start, t.end, t.text, t.norm, t.fold, t.kind) for t in tokenize(text)]


# Pieces that exercise every alternative and its edge: elisions (also doubled, and after an
# apostrophe), inner apostrophes, hyphens, numbers with group spaces and per cent signs,
# tags after letters, emoji sequences, marks, soft hyphens, and characters at the edges of
# the blocks the fast path covers.
PIECES = st.sampled_from([
    "l’", "L'", "qu’", "QU’", "jusqu’", "Lorsqu'", "puisqu’", "quoiqu’", "d’", "ſ’", "İ’", "ﬁ", "l’l’", "‘l’",
    "aujourd’hui", "a-t-il", "don't", "’", "'", "ʼ", "‘", "-", "\u2010", "\u2011", "\u00ad",
    "1 000", "2\u202f000", "12,5 %", "3.5", "1990", "12%", "0", "٣", "½", "²", "Ⅻ",
    "#", "@", "#Stop", "_", "x#y", "https://x.org/a.", "www.a.fr", "a@b.fr",
    "...", "…", "!?", "«", "»", "“", "”", "„", '"', "‹", "›",
    "😀", "👍🏽", "🇫🇷", "👨‍👩‍👧", "©", "©\ufe0f", "™", "☀", "\u200d", "\ufe0f",
    "e\u0301", "\u0301", "\u036f", "\u0370", "\u03a9", "ж", "\u1fff", "\u2000", "\u2bff", "\u2c00",
    "\u3000", "中", "\U0001d400", "\x00", "\x85", "\u2028", "\u00a0", "\u2009", " ", "\n", "\t",
    "é", "É", "ß", "œ", "a", "Z", "9", ".", ",", ":", "(", ")", "€", "$", "%",
])
TEXTS = st.one_of(
    st.text(),
    st.lists(st.one_of(PIECES, st.text(max_size=2)), max_size=30).map("".join),
    st.lists(PIECES, max_size=30).map("".join),
)
SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
@example("l’l’aujourd’hui")
@example("#l’l’x ‘l’Union’ qu’l’a")
@example("jusqu’à 1 000 000x 12 %a x#y @a_b")
def test_tokenizer_equals_the_reference(text):
    assert tokens_of(text) == reference_tokens(text)


@SETTINGS
@given(TEXTS)
def test_both_paths_equal_the_reference_without_entities(text):
    text = text.replace("@", " ").replace("://", " ").replace("www.", " ")
    expected = reference_tokens(text)
    as_tuples = lambda tokens: [(t.i, t.start, t.end, t.text, t.norm, t.fold, t.kind) for t in tokens]
    assert as_tuples(tokenizer._tokenize_any(text)) == expected
    if not tokenizer._OUTSIDE_FAST.search(text):  # (the compiled scanner declines the others itself)
        assert tokenizer._fast_path_may_read(text) == (not tokenizer._ELISION_AFTER_APOSTROPHE.search(text))
    if not tokenizer._OUTSIDE_FAST.search(text) and not tokenizer._ELISION_AFTER_APOSTROPHE.search(text):
        fast = tokenizer._tokenize_fast(text)
        assert fast is not None and as_tuples(fast.tokens()) == expected


def test_every_character_of_the_fast_blocks_tokenizes_as_the_reference():
    for low, high in tokenizer._FAST_BLOCKS:
        for code in range(low, high):
            char = chr(code)
            text = f"{char}x{char}9{char}l’{char}#{char} {char}{char}…{char}"
            assert tokens_of(text) == reference_tokens(text), (hex(code), unicodedata.name(char, "?"))


def test_no_token_starts_with_a_character_the_fast_path_skips_as_space():
    spaces = regex.compile(f"[{tokenizer._SPACES}]")
    for low, high in tokenizer._FAST_BLOCKS:
        for code in range(low, high):
            if spaces.match(chr(code)):
                assert TOKEN_PATTERN.match(chr(code) + "a") is None, hex(code)


def test_common_text_takes_the_fast_path():
    text = "« Qu’il parte », a-t-il déclaré jeudi : l’État paiera 1 000 € (12,5 %)… Aujourd’hui !"
    assert not tokenizer._OUTSIDE_FAST.search(text)
    assert not tokenizer._ELISION_AFTER_APOSTROPHE.search(text)
    assert tokenizer._fast_path_may_read(text)
    assert tokenizer._tokenize_fast(text) is not None
