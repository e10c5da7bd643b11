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

from .case import lower
from .positions import where_equal
from .tokenizer import TokenColumns
from .wordlists import load_list

_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")  # and "\r\n", one break
_TERMINAL_START = frozenset(".!?…")
_CLOSERS = frozenset({"»", "”", "›", ")", "]", "}"})
_ADJACENT_CLOSERS = frozenset({'"', "'", "’"})
_OPENERS = frozenset({"«", "“", "„", "‹", '"', "(", "[", "—", "–", "-", "¿", "¡"})


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


def segment(columns: TokenColumns, breaks: list[int]) -> tuple[list[Segment], list[Segment]]:
    """Paragraphs and sentences; fills ``columns.paras`` and ``columns.sents``."""
    paragraphs = split_paragraphs(columns, breaks)
    sentences = split_sentences(columns, paragraphs)
    number_tokens(columns, paragraphs, sentences)
    return paragraphs, sentences


def split_paragraphs(columns: TokenColumns, breaks: list[int]) -> list[Segment]:
    """Group tokens into paragraphs: a new one starts wherever a break (``breaks`` are in
    order) lies between two tokens. Breaks are few: each is looked up by bisection."""
    starts, ends = columns.starts, columns.ends
    count = len(starts)
    if not count:
        return []
    cuts = [0]
    k = 0  # the first token after the previous break
    for offset in breaks:
        if k < count and offset < starts[k]:
            continue  # between the same two tokens as the previous break
        k = bisect_right(starts, offset, k)
        if k == count:
            break
        if k > cuts[-1]:
            cuts.append(k)
    cuts.append(count)
    return [Segment(starts[first], ends[last - 1], first, last) for first, last in zip(cuts, cuts[1:])]


def _period_ends_sentence(columns: TokenColumns, k: int) -> bool:
    """Whether the period at token ``k`` can end a sentence (abbreviations and initials cannot)."""
    if k == 0:
        return True
    texts, starts, ends = columns.texts, columns.starts, columns.ends
    previous = texts[k - 1]
    if ends[k - 1] != starts[k] or columns.kinds[k - 1] != "word":
        return True
    if len(previous) == 1:
        # An initial ("J. Smith") or a dotted abbreviation ("U.S.", "e.g.").
        if previous.isupper():
            return False
        if k >= 2 and texts[k - 2] == "." and ends[k - 2] == starts[k - 1]:
            return False
    return previous not in _EXACT_ABBREVIATIONS and columns.norms[k - 1] not in _ABBREVIATIONS


def _can_start_sentence(text: str, kind: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in _OPENERS or kind in ("symbol", "url")


def split_sentences(columns: TokenColumns, paragraphs: list[Segment]) -> list[Segment]:
    """Sentences within each paragraph."""
    texts, kinds, starts, ends = columns.texts, columns.kinds, columns.starts, columns.ends
    # Only terminal punctuation can end a sentence early, so look at those tokens alone.
    ends_at = {paragraph.last for paragraph in paragraphs}
    lasts = [paragraph.last for paragraph in paragraphs]
    terminals = [k for k in where_equal(kinds, "punct") if texts[k][0] in _TERMINAL_START]
    for k in terminals:
        if texts[k] == "." and not _period_ends_sentence(columns, k):
            continue
        last = lasts[bisect_right(lasts, k)]
        end = k + 1
        while end < last and (
            texts[end] in _CLOSERS
            or (texts[end] in _ADJACENT_CLOSERS and starts[end] == ends[end - 1])
        ):
            end += 1
        if end == last or _can_start_sentence(texts[end], kinds[end]):
            ends_at.add(end)
    sentences: list[Segment] = []
    first = 0
    for end in sorted(ends_at):
        sentences.append(Segment(starts[first], ends[end - 1], first, end))
        first = end
    return sentences


def number_tokens(columns: TokenColumns, paragraphs: list[Segment], sentences: list[Segment]) -> None:
    """Fill ``columns.paras`` and ``columns.sents``: each token's paragraph and sentence
    (each list of segments covers every token)."""
    columns.paras, columns.sents = _numbers(paragraphs), _numbers(sentences)


def _numbers(segments: list[Segment]) -> list[int]:
    """For each token, the index of the segment holding it."""
    numbers: list[int] = []
    for k, seg in enumerate(segments):
        numbers += [k] * (seg.last - seg.first)
    return numbers
