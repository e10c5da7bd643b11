"""Tokenizer: one list of alternatives, scanned with the standard ``re`` module's ``findall``
where its spelled-out classes are exact, else with the ``regex`` module's ``finditer``; in
the compiled build, `scanner.scan` reads the same tokens in one pass of C.

Kinds: ``word``, ``number``, ``punct``, ``quote``, ``url``, ``email``, ``symbol``.

Choices worth knowing:

- French elision splits after the apostrophe (``l’`` + ``Union``, ``qu’`` + ``il``,
  ``jusqu’`` + ``à``) only for the elided words in ``_ELIDED_WORDS``; other words keep an
  inner apostrophe (``aujourd’hui``, ``presqu’île``, ``quelqu’un``, English ``don't``).
- Hyphenated words are one token (``va-t-en-guerre``, ``a-t-il``, ``well-known``).
- Numbers keep their group separators (``1 000``, ``2 000 000`` with no-break or thin
  spaces), decimal marks (``3,5``, ``12.5``) and an attached per cent sign (``12,5 %``).
- Hashtags and @-mentions (``#StopX``) are one ``symbol`` token, so that word patterns
  never match inside them by accident.
- Runs of ``!`` and ``?`` and the ellipsis (``...``, ``…``) are one ``punct`` token each.
- Double quotation marks (``« » “ ” „ " ‹ ›``) are ``quote`` tokens; single quotation
  marks are ``punct``, because they double as apostrophes.
- Emoji sequences (with skin tones, ZWJ joins and flags) are ``symbol`` tokens.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate, chain

import regex

from detector.compiled import is_compiled

from . import scanner
from .case import lower

_APOSTROPHES = scanner.APOSTROPHES  # ' ’ ʼ ‘
_JOINERS = _APOSTROPHES + "\\-\u2010\u2011"
_WORD_CHAR = r"[\p{L}\p{M}\p{N}\u00ad]"
_NUMBER_SPACE = "[ \u00a0\u202f\u2009]"
_PERCENT = r"(?:[ \u00a0\u202f]?%)?"
_NUMBER_END = r"(?![\p{L}\p{N}])"

# Alternatives are ordered by frequency: the first one that matches wins, so words come
# first. URLs and e-mail addresses are rare and costly to try at every word, so they are
# found by a second pattern only when the text can hold one (see _merge_entities).
# Character classes are written \p{...}, \d or \s, always inside brackets, so that the same
# alternatives can be spelled out for the standard re module (see _spelled_out).
_ALTERNATIVES = {
    "word": rf"[\p{{L}}\p{{M}}]{_WORD_CHAR}*(?:[{_JOINERS}]{_WORD_CHAR}+)*",
    "number": rf"[\d]{{1,3}}(?:{_NUMBER_SPACE}[\d]{{3}})+(?:[.,][\d]+)?{_PERCENT}{_NUMBER_END}"
              rf"|[\d]+(?:[.,][\d]+)*{_PERCENT}{_NUMBER_END}",
    "alnum": rf"[\d]{_WORD_CHAR}*(?:[{_JOINERS}]{_WORD_CHAR}+)*",
    "ellipsis": r"\.{3,}|…",
    "exclamation": r"[!?]+",
    "quote": r'[«»“”„"‹›]',
    "tag": r"(?<![\p{L}\p{N}_])[#@][\p{L}][\p{L}\p{N}_]*",
    "emoji": r"[\p{Regional_Indicator}]{2}"
             r"|[\p{Extended_Pictographic}][\ufe0f\p{Emoji_Modifier}]*"
             r"(?:\u200d[\p{Extended_Pictographic}][\ufe0f\p{Emoji_Modifier}]*)*",
    "punct": r"[\p{P}]",
    "symbol": r"[^\s\p{C}]",
}

TOKEN_PATTERN = regex.compile("|".join(f"(?P<{name}>{alt})" for name, alt in _ALTERNATIVES.items()), regex.V0)

_ENTITY_PATTERN = regex.compile(
    r"""
      (?P<url>(?:https?://|ftp://|www\.)[^\s<>"«»“”‘’]+(?<![.,;:!?)\]}'’…]))
    | (?P<email>(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)
    """,
    regex.VERBOSE | regex.V0,
)

# French words elided before a vowel: "l’Union" is "l’" + "Union". Any other word keeps its
# apostrophe ("aujourd’hui", "presqu’île", "quelqu’un", "don't").
_ELIDED_WORDS = ("jusqu", "lorsqu", "puisqu", "quoiqu", "qu", "c", "d", "j", "l", "m", "n", "s", "t")
_ELIDED_WORD = "(?i:" + "|".join(_ELIDED_WORDS) + ")"
_ELIDED = regex.compile(rf"{_ELIDED_WORD}[{_APOSTROPHES}](?=\p{{L}})")
_ELIDED_ALONE = regex.compile(rf"{_ELIDED_WORD}[{_APOSTROPHES}]")

_KINDS = {
    "word": "word", "number": "number", "alnum": "word", "ellipsis": "punct",
    "exclamation": "punct", "quote": "quote", "tag": "symbol", "emoji": "symbol",
    "punct": "punct", "symbol": "symbol", "url": "url", "email": "email",
}

_NORM_TABLE = str.maketrans({
    "’": "'", "ʼ": "'", "‘": "'",
    "“": '"', "”": '"', "„": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "\u2010": "-", "\u2011": "-",
    "\u00ad": None,
})
_FOLD_TABLE = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})


def normalize(form: str) -> str:
    """Lower case, composed (NFC), apostrophes as ``'``, curly double quotes as ``"``,
    any space as a plain space, soft hyphens removed."""
    norm = lower(form.translate(_NORM_TABLE))
    if not norm.isascii():
        norm = unicodedata.normalize("NFC", norm)
    return norm


def fold(norm: str) -> str:
    """``norm`` without accents: ``é`` -> ``e``; ligatures spelled out (``œ`` -> ``oe``)."""
    if norm.isascii():
        return norm
    decomposed = unicodedata.normalize("NFD", norm.translate(_FOLD_TABLE))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped)


class Token:
    """One token of the analysis text; ``start``/``end`` are analysis offsets."""

    __slots__ = ("i", "start", "end", "text", "norm", "fold", "kind", "sent", "para", "lemma")

    def __init__(self, i: int, start: int, end: int, text: str, norm: str, fold: str, kind: str) -> None:
        self.i = i
        self.start = start
        self.end = end
        self.text = text
        self.norm = norm
        self.fold = fold
        self.kind = kind
        self.sent = -1
        self.para = -1
        self.lemma: str | None = None

    def __repr__(self) -> str:
        return f"Token({self.i}, {self.text!r}, {self.kind}, {self.start}:{self.end})"


# Surface form -> (norm, fold, elision), where elision is None or the (cut, head norm,
# head fold, tail norm, tail fold) of an elided word ("qu’il"). Forms repeat a lot (Zipf),
# so this memo saves most of the per-token work.
_FORMS: dict[str, tuple] = {}
_MEMO_LIMIT = 1_000_000


def forms(surface: str) -> tuple[str, str, tuple | None]:
    """``(norm, fold, elision)`` of a surface form, memoised."""
    cached = _FORMS.get(surface)
    if cached is None:
        if len(_FORMS) >= _MEMO_LIMIT:
            _FORMS.clear()
        norm = normalize(surface)
        elided = _ELIDED.match(surface)
        elision = None
        if elided:
            cut = elided.end()
            head, tail = normalize(surface[:cut]), normalize(surface[cut:])
            elision = (cut, head, fold(head), tail, fold(tail))
        cached = _FORMS[surface] = (norm, fold(norm), elision)
    return cached


# The fast path: the same alternatives compiled by the standard re module, whose findall()
# returns every surface at C speed (the regex module's finditer costs twice as much, and its
# match objects as much again). re has no \p{...} classes, so they are spelled out as ranges
# copied from the regex module's, which makes them exact, but only over the code points
# below: a text with any other character takes the regex-module path. Covered: Latin,
# combining diacritics, general punctuation and the symbol blocks up to U+2BFF. Checking
# the text first costs little, and a text the fast path must decline is not scanned twice.
_FAST_BLOCKS = ((0x0000, 0x0370), (0x2000, 0x2C00))
_OUTSIDE_FAST = re.compile("[^" + "".join(rf"\U{low:08x}-\U{high - 1:08x}" for low, high in _FAST_BLOCKS) + "]")
_NOT_IN_FAST_BLOCKS = r"\U0010ffff"
_FAST_CHARS = tuple((low, "".join(map(chr, range(low, high)))) for low, high in _FAST_BLOCKS)


def _runs(char_pattern: str) -> list[range]:
    """The code points of the fast blocks that the regex-module ``char_pattern`` matches,
    as runs of consecutive ones."""
    return [range(low + run.start(), low + run.end())
            for low, block in _FAST_CHARS for run in regex.finditer(f"(?:{char_pattern})+", block)]


@lru_cache(maxsize=None)
def _members(char_pattern: str) -> str:
    """The characters of the fast blocks that the regex-module ``char_pattern`` matches, as
    the inside of a re class. A class with no member there matches only a character outside
    them, which the fast path never reads."""
    ranges = [f"{re.escape(chr(run[0]))}-{re.escape(chr(run[-1]))}" for run in _runs(char_pattern)]
    return "".join(ranges) or _NOT_IN_FAST_BLOCKS


def _spelled_out(pattern: str) -> str:
    """``pattern`` with its bracketed \\p{...}, \\d and \\s spelled out for the re module."""
    return regex.sub(r"\\p\{\w+\}|\\[ds]", lambda m: _members(f"[{m.group()}]"), pattern)


def _caseless(word: str) -> str:
    # what the regex module's (?i:...) matches, character by character
    return "".join(f"[{_members(f'(?i:{char})')}]" for char in word)


# Elided words are an alternative of their own, tried first: "qu’il" reads "qu’" + "il"
# without looking at each word again. A two-character lookahead (a first letter of an elided
# word, then its second letter or the apostrophe) rules out most positions at once: without
# it, trying the elided words everywhere costs as much as all the other alternatives together.
# The reference path splits an elided word once only ("l’l’x" is "l’" + "l’x"), so texts
# where an elided word follows an apostrophe take that path.
_FIRST_LETTERS = "".join(sorted({word[0] for word in _ELIDED_WORDS}))
_SECOND_LETTERS = "".join(sorted({word[1] for word in _ELIDED_WORDS if len(word) > 1}))
_FAST_ELIDED = (
    f"(?=[{_members(f'(?i:[{_FIRST_LETTERS}])')}][{_members(f'(?i:[{_SECOND_LETTERS}])')}{_APOSTROPHES}])"
    "(?:" + "|".join(map(_caseless, _ELIDED_WORDS)) + f")[{_APOSTROPHES}]" + _spelled_out(r"(?=[\p{L}])")
)
# Each match is the run of spaces (and other characters no token starts with: \s and \p{C})
# before a token, then the token: re.split would try every alternative at every space.
_SPACES = _members(r"[\s\p{C}]")
_FAST_PAIRS = re.compile(
    f"([{_SPACES}]*)(" + "|".join([_FAST_ELIDED, *(_spelled_out(alt) for alt in _ALTERNATIVES.values())]) + ")"
).findall
_ELISION_AFTER_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]{_FAST_ELIDED}")


def _scanner_tables() -> tuple[bytes, bytes, list[bytes]]:
    """The tables `scanner.scan` reads, filled from the regex module like the classes above:
    the class bits of every code point up to the end of the fast blocks, the letter of the
    elided words each one matches case-insensitively, and the elided words in order."""
    size = _FAST_BLOCKS[-1][1]
    classes = bytearray([scanner.OUTSIDE]) * size
    for low, high in _FAST_BLOCKS:
        classes[low:high] = bytes(high - low)
    for bit, char_class in ((scanner.LETTER, r"[\p{L}]"), (scanner.MARK, r"[\p{M}]"), (scanner.NUMERIC, r"[\p{N}]"),
                            (scanner.DIGIT, r"[\d]"), (scanner.WORD_CHAR, _WORD_CHAR), (scanner.SPACE, r"[\s\p{C}]"),
                            (scanner.PICTO, r"[\p{Extended_Pictographic}]")):
        for run in _runs(char_class):
            for code in run:
                classes[code] |= bit
    folds = bytearray(size)
    for letter in sorted(set("".join(_ELIDED_WORDS))):
        for run in _runs(f"(?i:{letter})"):
            for code in run:
                assert not folds[code], "a character matching two letters case-insensitively"
                folds[code] = ord(letter)
    return bytes(classes), bytes(folds), [word.encode("ascii") for word in _ELIDED_WORDS]


def _regex_spans(text: str) -> tuple[list[int], list[int], list[str]]:
    """(starts, ends, surfaces) of the tokens of a text of the fast blocks, from the
    standard re module: C-level list operations, no Python per token."""
    parts = list(chain.from_iterable(_FAST_PAIRS(text)))  # space, token, space, token, ...
    offsets = list(accumulate(map(len, parts)))  # the end of each part
    return offsets[0::2], offsets[1::2], parts[1::2]


# Compiled, the scanner's loops find the spans, read the memo of surfaces and look for
# elisions after apostrophes; run by CPython they are slower than the re module and C-level
# map (see scanner.py), so pure Python keeps those.
SCANNER_COMPILED = is_compiled(scanner.scan)
_CLASSES, _FOLDS, _ELIDED_CODES = _scanner_tables() if SCANNER_COMPILED else (b"", b"", [])


def _fast_path_may_read(text: str) -> bool:
    """Whether every character of the text is in the fast blocks and no elided word follows
    an apostrophe. The compiled scanner declines other characters by itself, in its one
    pass, and looks for the elisions at the apostrophes only."""
    if SCANNER_COMPILED:
        return not scanner.elision_after_apostrophe(text, _CLASSES, _FOLDS, _ELIDED_CODES)
    return not _OUTSIDE_FAST.search(text) and not _ELISION_AFTER_APOSTROPHE.search(text)


def _fast_spans(text: str) -> tuple[list[int], list[int], list[str]] | None:
    if SCANNER_COMPILED:
        return scanner.scan(text, _CLASSES, _FOLDS, _ELIDED_CODES)
    return _regex_spans(text)


# Surface -> (norm, fold, kind), or None when its kind could depend on its neighbours.
_SURFACES: dict[str, tuple[str, str, str] | None] = {}


def _surface_forms(surface: str) -> tuple[str, str, str] | None:
    """Norm, fold and kind of a token surface of the fast path.

    The kind is that of the surface matched alone. Only lookarounds look beyond a token:
    a number is never followed by a letter or digit (else the token would be longer), and a
    tag's lookbehind holds at the start of a string as it held in the text. An elided word
    matched alone loses its lookahead; any other surface that does not match whole is left
    to the reference path (None)."""
    match = TOKEN_PATTERN.match(surface)
    if match is not None and match.end() == len(surface):
        kind = _KINDS[match.lastgroup]
    elif _ELIDED_ALONE.fullmatch(surface):
        kind = "word"
    else:
        return None
    norm = normalize(surface)
    return norm, fold(norm), kind


class TokenColumns:
    """The tokens of a text as parallel lists, one per field (token k is index k of each).

    Most of the pipeline reads one field of many tokens, which a list answers without a
    Python object per token; `tokens` builds the objects for callers that want them.
    ``sents`` and ``paras`` are filled by segmentation, ``lemmas`` on demand."""

    __slots__ = ("starts", "ends", "texts", "norms", "folds", "kinds", "sents", "paras", "lemmas")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str], norms: list[str],
                 folds: list[str], kinds: list[str]) -> None:
        self.starts = starts
        self.ends = ends
        self.texts = texts
        self.norms = norms
        self.folds = folds
        self.kinds = kinds
        self.sents: list[int] = []
        self.paras: list[int] = []
        self.lemmas: list[str] | None = None

    def __len__(self) -> int:
        return len(self.texts)

    @classmethod
    def of(cls, tokens: list[Token]) -> TokenColumns:
        return cls([t.start for t in tokens], [t.end for t in tokens], [t.text for t in tokens],
                   [t.norm for t in tokens], [t.fold for t in tokens], [t.kind for t in tokens])

    def tokens(self) -> list[Token]:
        """One Token per index, with the sentence, paragraph and lemma known so far."""
        tokens = list(map(Token, range(len(self.texts)), self.starts, self.ends, self.texts, self.norms,
                          self.folds, self.kinds))
        if self.sents:
            for token, sent, para in zip(tokens, self.sents, self.paras):
                token.sent, token.para = sent, para
        self.copy_lemmas_to(tokens)
        return tokens

    def copy_lemmas_to(self, tokens: list[Token]) -> None:
        """Set ``Token.lemma`` on objects built from these columns, once lemmas are known."""
        if self.lemmas is not None:
            for token, lemma in zip(tokens, self.lemmas):
                token.lemma = lemma


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` in order, numbered from 0, with analysis offsets."""
    return tokenize_columns(text).tokens()


def tokenize_columns(text: str) -> TokenColumns:
    """The tokens of ``text`` as columns (see `tokenize`)."""
    columns = _tokenize_fast(text) if _fast_path_may_read(text) else None
    if columns is None:
        columns = TokenColumns.of(_tokenize_any(text))
    if "@" in text or "://" in text or "www." in text:
        spans = [(m.start(), m.end(), m.lastgroup) for m in _ENTITY_PATTERN.finditer(text)]
        if spans:
            columns = TokenColumns.of(_merge_entities(text, columns.tokens(), spans))
    return columns


def _tokenize_fast(text: str) -> TokenColumns | None:
    """The tokens of a text of the fast blocks (with no elision after an apostrophe), or
    None for the reference path to read it.

    Surfaces and offsets come from `_fast_spans` (C-level list operations, or the compiled
    scanner); norm, fold and kind from the memo of surfaces, so Python only runs per new
    surface."""
    spans = _fast_spans(text)
    if spans is None:
        return None
    starts, ends, surfaces = spans
    forms = _memo_columns(surfaces)
    if forms is None:  # new surfaces, or ones left to the reference path
        memo = _SURFACES
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        for surface in set(surfaces).difference(memo):
            memo[surface] = _surface_forms(surface)
        forms = _memo_columns(surfaces)
        if forms is None:
            return None
    norms, folds, kinds = forms
    return TokenColumns(starts, ends, surfaces, norms, folds, kinds)


def _memo_columns(surfaces: list[str]) -> tuple[list[str], list[str], list[str]] | None:
    """The norms, folds and kinds of ``surfaces`` from the memo, or None when one is missing
    or left to the reference path. The compiled build loops over the tokens once; CPython
    runs the same look-ups fastest as C-level map and zip."""
    if SCANNER_COMPILED:
        return scanner.memo_columns(surfaces, _SURFACES)
    forms_of = list(map(_SURFACES.get, surfaces))
    if None in forms_of:
        return None
    if not forms_of:
        return [], [], []
    norms, folds, kinds = zip(*forms_of)
    return list(norms), list(folds), list(kinds)


def _tokenize_any(text: str) -> list[Token]:
    """The reference path: any text, one regex-module match at a time."""
    tokens: list[Token] = []
    append = tokens.append
    memo = _FORMS
    kinds = _KINDS
    make = Token
    i = 0
    for match in TOKEN_PATTERN.finditer(text):
        surface = match.group()
        cached = memo.get(surface)
        if cached is None:
            cached = forms(surface)
        kind = match.lastgroup
        if cached[2] is not None and kind == "word":
            cut, head_norm, head_fold, tail_norm, tail_fold = cached[2]
            start = match.start()
            append(make(i, start, start + cut, surface[:cut], head_norm, head_fold, "word"))
            append(make(i + 1, start + cut, match.end(), surface[cut:], tail_norm, tail_fold, "word"))
            i += 2
            continue
        append(make(i, match.start(), match.end(), surface, cached[0], cached[1], kinds[kind]))
        i += 1
    return tokens


def _merge_entities(text: str, tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[Token]:
    """Replace the tokens that a URL or an e-mail address spans (``spans``, in order) by one token."""
    merged: list[Token] = []
    k = 0
    for start, end, kind in spans:
        while k < len(tokens) and tokens[k].end <= start:
            merged.append(tokens[k])
            k += 1
        if merged and merged[-1].end > start:
            continue  # overlaps an entity already merged
        while k < len(tokens) and tokens[k].start < end:
            start = min(start, tokens[k].start)
            end = max(end, tokens[k].end)
            k += 1
        surface = text[start:end]
        norm, folded, _ = forms(surface)
        merged.append(Token(0, start, end, surface, norm, folded, kind))
    merged.extend(tokens[k:])
    for i, token in enumerate(merged):
        token.i = i
    return merged
