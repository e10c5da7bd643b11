"""Tokenizer: one compiled ``regex`` pattern, scanned with ``finditer``.

Kinds: ``word``, ``number``, ``punct``, ``quote``, ``url``, ``email``, ``symbol``.

Choices worth knowing:

- French elision splits after the apostrophe (``l’`` + ``Union``, ``qu’`` + ``il``,
  ``jusqu’`` + ``à``) only for the elided words listed in ``_ELIDED``; other words keep an
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

import unicodedata

import regex

_APOSTROPHES = "'’ʼ‘"
_JOINERS = "'’ʼ‘\\-\u2010\u2011"
_WORD_CHAR = r"[\p{L}\p{M}\p{N}\u00ad]"
_NUMBER_SPACE = "[ \u00a0\u202f\u2009]"
_PERCENT = r"(?:[ \u00a0\u202f]?%)?"
_NUMBER_END = r"(?![\p{L}\p{N}])"

# Alternatives are ordered by frequency: the first one that matches wins, so words come
# first. URLs and e-mail addresses are rare and costly to try at every word, so they are
# found by a second pattern only when the text can hold one (see _merge_entities).
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

# French words elided before a vowel: "l’Union" is "l’" + "Union". Any other word keeps its
# apostrophe ("aujourd’hui", "presqu’île", "quelqu’un", "don't").
_ELIDED = regex.compile(rf"(?i:jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])[{_APOSTROPHES}](?=\p{{L}})")

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
    norm = form.translate(_NORM_TABLE).lower()
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


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` in order, numbered from 0, with analysis offsets."""
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
    if "@" in text or "://" in text or "www." in text:
        tokens = _merge_entities(text, tokens)
    return tokens


def _merge_entities(text: str, tokens: list[Token]) -> list[Token]:
    """Replace the tokens that a URL or an e-mail address spans by one token."""
    spans = [(m.start(), m.end(), m.lastgroup) for m in _ENTITY_PATTERN.finditer(text)]
    if not spans:
        return tokens
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
