"""Paragraphs and sentences over the token list.

Paragraphs come from the reader (Markdown and HTML blocks) or, for plain text, from line
breaks: news text often puts one paragraph on each line, so every non-empty line is a
paragraph. Sentences never cross a paragraph. A sentence ends after ``.``, ``!``, ``?``,
``…`` (and any closing quotes or brackets that follow) when the next token can start a
sentence; a period after an abbreviation from ``data/abbreviations.txt``, after a capital
initial (``J. Smith``) or inside a dotted abbreviation (``U.S.``, ``e.g.``) does not end
one (so a sentence ending in a lone capital, "le plan B.", is not split either). Decimals (``3.5``) are
single number tokens, so they never reach the splitter.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter

from .case import lower
from .tokenizer import Token
from .wordlists import load_list

_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")  # and "\r\n", one break
_TERMINAL_START = frozenset(".!?…")
_CLOSERS = frozenset({"»", "”", "›", ")", "]", "}"})
_ADJACENT_CLOSERS = frozenset({'"', "'", "’"})
_OPENERS = frozenset({"«", "“", "„", "‹", '"', "(", "[", "—", "–", "-", "¿", "¡"})
_START = attrgetter("start")


@dataclass(slots=True)
class Segment:
    """A span of analysis text (``start``, ``end``) and its tokens ``first`` to ``last`` (exclusive)."""

    start: int
    end: int
    first: int
    last: int


def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    exact, any_case = set(), set()
    for entry in load_list("abbreviations.txt"):
        if entry == lower(entry):
            any_case.add(entry)
        else:
            exact.add(entry)
    return frozenset(exact), frozenset(any_case)


_EXACT_ABBREVIATIONS, _ABBREVIATIONS = _abbreviations()


def paragraph_breaks(text: str) -> list[int]:
    """Offsets of line breaks: the paragraph breaks of plain text."""
    # str.splitlines finds the lines in C; it also ends a line at \x1c, \x1d and \x1e,
    # which are no breaks here.
    breaks = []
    offset = 0
    for line in text.splitlines(keepends=True):
        offset += len(line)
        if line[-1] in _LINE_BREAKS:
            breaks.append(offset - 2 if line.endswith("\r\n") else offset - 1)
    return breaks


def segment(tokens: list[Token], breaks: list[int]) -> tuple[list[Segment], list[Segment]]:
    """Paragraphs and sentences; sets ``Token.para`` and ``Token.sent``."""
    paragraphs = split_paragraphs(tokens, breaks)
    sentences = split_sentences(tokens, paragraphs)
    number_tokens(tokens, paragraphs, sentences)
    return paragraphs, sentences


def split_paragraphs(tokens: list[Token], breaks: list[int]) -> list[Segment]:
    """Group tokens into paragraphs: a new one starts wherever a break (``breaks`` are in
    order) lies between two tokens. Breaks are few: each is looked up by bisection."""
    count = len(tokens)
    if not count:
        return []
    cuts = [0]
    k = 0  # the first token after the previous break
    for offset in breaks:
        if k < count and offset < tokens[k].start:
            continue  # between the same two tokens as the previous break
        k = bisect_right(tokens, offset, k, key=_START)
        if k == count:
            break
        if k > cuts[-1]:
            cuts.append(k)
    cuts.append(count)
    return [Segment(tokens[first].start, tokens[last - 1].end, first, last) for first, last in zip(cuts, cuts[1:])]


def _period_ends_sentence(tokens: list[Token], k: int) -> bool:
    """Whether the period ``tokens[k]`` can end a sentence (abbreviations and initials cannot)."""
    if k == 0:
        return True
    previous = tokens[k - 1]
    if previous.end != tokens[k].start or previous.kind != "word":
        return True
    if len(previous.text) == 1:
        # An initial ("J. Smith") or a dotted abbreviation ("U.S.", "e.g.").
        if previous.text.isupper():
            return False
        before = tokens[k - 2] if k >= 2 else None
        if before is not None and before.text == "." and before.end == previous.start:
            return False
    return previous.text not in _EXACT_ABBREVIATIONS and previous.norm not in _ABBREVIATIONS


def _can_start_sentence(token: Token) -> bool:
    first = token.text[0]
    return first.isupper() or first.isdigit() or first in _OPENERS or token.kind in ("symbol", "url")


def split_sentences(tokens: list[Token], paragraphs: list[Segment]) -> list[Segment]:
    """Sentences within each paragraph."""
    # Only terminal punctuation can end a sentence early, so look at those tokens alone.
    ends = {paragraph.last for paragraph in paragraphs}
    lasts = [paragraph.last for paragraph in paragraphs]
    terminals = [token.i for token in tokens if token.kind == "punct" and token.text[0] in _TERMINAL_START]
    for k in terminals:
        if tokens[k].text == "." and not _period_ends_sentence(tokens, k):
            continue
        last = lasts[bisect_right(lasts, k)]
        end = k + 1
        while end < last and (
            tokens[end].text in _CLOSERS
            or (tokens[end].text in _ADJACENT_CLOSERS and tokens[end].start == tokens[end - 1].end)
        ):
            end += 1
        if end == last or _can_start_sentence(tokens[end]):
            ends.add(end)
    sentences: list[Segment] = []
    first = 0
    for end in sorted(ends):
        sentences.append(Segment(tokens[first].start, tokens[end - 1].end, first, end))
        first = end
    return sentences


def number_tokens(tokens: list[Token], paragraphs: list[Segment], sentences: list[Segment]) -> None:
    """Set ``Token.para`` and ``Token.sent``, in one pass (sentences never cross paragraphs)."""
    para = 0
    for sent, sentence in enumerate(sentences):
        while sentence.first >= paragraphs[para].last:
            para += 1
        for token in tokens[sentence.first:sentence.last]:
            token.sent = sent
            token.para = para
