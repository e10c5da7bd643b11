"""Quotations and the ones attributed to a speaker.

A quotation is a pair of double quotation marks inside one paragraph: ``« … »``,
``“ … ”``, ``„ … “``, ``‹ … ›`` or straight ``" … "`` (which alternate: the first opens, the
next closes). Unmatched marks are ignored. Its region (``quote``) includes the marks.

An outermost quotation is *speech* when it is introduced by a colon, or when a speech
cue lies in the sentences where it opens and closes, outside the quotation: a speech verb
(by lemma, from ``data/speech-verbs-<lang>.txt``) or an attribution phrase
(``data/speech-cues-<lang>.txt``). So that scare quotes around a word or two
(``le « dialogue »``) are not taken for speech just because a verb is somewhere in the
sentence, a short quotation needs its cue within a few tokens of its marks.
"""

from __future__ import annotations

from functools import lru_cache

from .lemmas import lemma_of
from .positions import where_equal
from .segment import Segment
from .tokenizer import TokenColumns, tokenize_columns
from .wordlists import load_list

_CLOSING = {"»": ("«",), "›": ("‹",), "”": ("“", "„"), "“": ("„",)}
_SHORT_QUOTE_WORDS = 3  # a quotation with fewer words is short
_NEAR = 3  # tokens between a short quotation's marks and its cue
_CLITICS = frozenset({"il", "elle", "ils", "elles", "on", "t", "je", "nous", "vous", "tu"})


def find_quotes(columns: TokenColumns) -> list[tuple[int, int]]:
    """Token index pairs ``(opening, closing)`` of quotations, in order of their opening."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    paragraph = -1
    texts, paras = columns.texts, columns.paras
    for k in where_equal(columns.kinds, "quote"):
        if paras[k] != paragraph:
            stack.clear()  # quotations never cross paragraphs
            paragraph = paras[k]
        mark = texts[k]
        if mark == '"' or mark == "”":
            # A mark that both opens and closes: close the same mark if it is open.
            if stack and texts[stack[-1]] == mark:
                pairs.append((stack.pop(), k))
            elif not (mark == "”" and _close(texts, stack, ("“", "„"), k, pairs)):
                stack.append(k)
        elif mark in _CLOSING:
            if not _close(texts, stack, _CLOSING[mark], k, pairs) and mark == "“":
                stack.append(k)
        else:
            stack.append(k)
    pairs.sort()
    return pairs


def _close(texts: list[str], stack: list[int], openers, k: int, pairs: list[tuple[int, int]]) -> bool:
    for depth in range(len(stack) - 1, -1, -1):
        if texts[stack[depth]] in openers:
            pairs.append((stack[depth], k))
            del stack[depth:]
            return True
    return False


@lru_cache(maxsize=None)
def _cues(lang: str) -> tuple[frozenset[str], dict[str, list[tuple[str, ...]]]]:
    """Speech verbs, and attribution phrases (folded) by their first word."""
    verbs = frozenset(load_list(f"speech-verbs-{lang}.txt"))
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for entry in load_list(f"speech-cues-{lang}.txt"):
        folds = tuple(tokenize_columns(entry).folds)
        phrases.setdefault(folds[0], []).append(folds)
    return verbs, phrases


def _is_cue(columns: TokenColumns, k: int, lang: str, verbs, phrases) -> bool:
    if columns.kinds[k] != "word":
        return False
    folds = columns.folds
    for phrase in phrases.get(folds[k], ()):
        if all(k + j < len(folds) and folds[k + j] == part for j, part in enumerate(phrase[1:], 1)):
            return True
    return _is_speech_verb(columns.norms[k], lang)


@lru_cache(maxsize=1 << 16)
def _is_speech_verb(word: str, lang: str) -> bool:
    """Whether the normalised word form is a speech verb (memoised: every word of a sentence
    around a quotation is asked)."""
    verbs = _cues(lang)[0]
    if "-" in word:
        head, _, rest = word.partition("-")
        if rest.split("-")[-1] in _CLITICS:
            # An inverted verb ("déclare-t-il", "dit-elle") is a verb form, though its head
            # alone may read as a noun ("estime"): try the -er infinitive of an -e form too.
            if head.endswith("e") and head + "r" in verbs:
                return True
            word = head
    return lemma_of(word, lang) in verbs


def attribute_speech(
    columns: TokenColumns, sentences: list[Segment], pairs: list[tuple[int, int]], lang: str
) -> list[tuple[int, int]]:
    """The quotation pairs that are attributed to a speaker."""
    verbs, phrases = _cues(lang)
    texts, kinds, sents, paras = columns.texts, columns.kinds, columns.sents, columns.paras
    speech: list[tuple[int, int]] = []
    outer_end = -1
    for opening, closing in pairs:
        if closing <= outer_end:
            continue  # nested in a quotation already judged
        outer_end = closing
        if opening > 0 and texts[opening - 1] == ":" and paras[opening - 1] == paras[opening]:
            speech.append((opening, closing))
            continue
        first = sentences[sents[opening]].first
        last = sentences[sents[closing]].last
        words = kinds[opening + 1 : closing].count("word")
        if words >= _SHORT_QUOTE_WORDS:
            candidates = [*range(first, opening), *range(closing + 1, last)]
        else:
            candidates = [*range(max(first, opening - _NEAR), opening),
                          *range(closing + 1, min(last, closing + 1 + _NEAR))]
        if any(_is_cue(columns, k, lang, verbs, phrases) for k in candidates):
            speech.append((opening, closing))
    return speech


def quote_regions(
    columns: TokenColumns, sentences: list[Segment], lang: str
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """``quote`` and ``speech`` regions as analysis spans, marks included."""
    pairs = find_quotes(columns)
    if not pairs:
        return [], []
    starts, ends = columns.starts, columns.ends
    quotes = [(starts[a], ends[b]) for a, b in pairs]
    speech = [(starts[a], ends[b]) for a, b in attribute_speech(columns, sentences, pairs, lang)]
    return quotes, speech
