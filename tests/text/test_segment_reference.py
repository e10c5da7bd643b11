"""Segmentation, quotations and language id equal the simple per-token loops they replaced.

The reference functions below are the former implementations (one Python step per token);
the Document built by ``load_document`` must agree with them on any text and format.
"""

from functools import lru_cache

import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from detector.text import load_document
from detector.text.lemmas import lemma_of
from detector.text.readers import read
from detector.text.segment import _ABBREVIATIONS, _EXACT_ABBREVIATIONS, Segment, paragraph_breaks
from detector.text.tokenizer import tokenize
from helpers import reference_identify
from detector.text.wordlists import load_list

_TERMINAL_START = frozenset(".!?…")
_CLOSERS = frozenset({"»", "”", "›", ")", "]", "}"})
_ADJACENT_CLOSERS = frozenset({'"', "'", "’"})
_OPENERS = frozenset({"«", "“", "„", "‹", '"', "(", "[", "—", "–", "-", "¿", "¡"})
_CLOSING = {"»": ("«",), "›": ("‹",), "”": ("“", "„"), "“": ("„",)}
_CLITICS = frozenset({"il", "elle", "ils", "elles", "on", "t", "je", "nous", "vous", "tu"})




def reference_paragraphs(tokens, breaks):
    paragraphs = []
    if not tokens:
        return paragraphs
    next_break, first = 0, 0
    for token in tokens:
        if next_break < len(breaks) and breaks[next_break] < token.start:
            while next_break < len(breaks) and breaks[next_break] < token.start:
                next_break += 1
            if token.i > first:
                paragraphs.append(Segment(tokens[first].start, tokens[token.i - 1].end, first, token.i))
                first = token.i
        token.para = len(paragraphs)
    paragraphs.append(Segment(tokens[first].start, tokens[-1].end, first, len(tokens)))
    return paragraphs


def _period_ends_sentence(tokens, k):
    if k == 0:
        return True
    previous = tokens[k - 1]
    if previous.end != tokens[k].start or previous.kind != "word":
        return True
    if len(previous.text) == 1:
        if previous.text.isupper():
            return False
        before = tokens[k - 2] if k >= 2 else None
        if before is not None and before.text == "." and before.end == previous.start:
            return False
    return previous.text not in _EXACT_ABBREVIATIONS and previous.norm not in _ABBREVIATIONS


def _can_start_sentence(token):
    first = token.text[0]
    return first.isupper() or first.isdigit() or first in _OPENERS or token.kind in ("symbol", "url")


def reference_sentences(tokens, paragraphs):
    ends = {paragraph.last for paragraph in paragraphs}
    terminals = [token.i for token in tokens if token.kind == "punct" and token.text[0] in _TERMINAL_START]
    for k in terminals:
        if tokens[k].text == "." and not _period_ends_sentence(tokens, k):
            continue
        last = paragraphs[tokens[k].para].last
        end = k + 1
        while end < last and (
            tokens[end].text in _CLOSERS
            or (tokens[end].text in _ADJACENT_CLOSERS and tokens[end].start == tokens[end - 1].end)
        ):
            end += 1
        if end == last or _can_start_sentence(tokens[end]):
            ends.add(end)
    sentences, first = [], 0
    for end in sorted(ends):
        sentences.append(Segment(tokens[first].start, tokens[end - 1].end, first, end))
        for token in tokens[first:end]:
            token.sent = len(sentences) - 1
        first = end
    return sentences


def reference_find_quotes(tokens):
    pairs, stack, paragraph = [], [], -1
    for token in [token for token in tokens if token.kind == "quote"]:
        if token.para != paragraph:
            stack.clear()
            paragraph = token.para
        k, mark = token.i, token.text
        if mark == '"' or mark == "”":
            if stack and tokens[stack[-1]].text == mark:
                pairs.append((stack.pop(), k))
            elif not (mark == "”" and _close(tokens, stack, ("“", "„"), k, pairs)):
                stack.append(k)
        elif mark in _CLOSING:
            if not _close(tokens, stack, _CLOSING[mark], k, pairs) and mark == "“":
                stack.append(k)
        else:
            stack.append(k)
    pairs.sort()
    return pairs


def _close(tokens, stack, openers, k, pairs):
    for depth in range(len(stack) - 1, -1, -1):
        if tokens[stack[depth]].text in openers:
            pairs.append((stack[depth], k))
            del stack[depth:]
            return True
    return False


@lru_cache(maxsize=None)
def _cues(lang):
    verbs = frozenset(load_list(f"speech-verbs-{lang}.txt"))
    phrases = tuple(tuple(t.fold for t in tokenize(entry)) for entry in load_list(f"speech-cues-{lang}.txt"))
    return verbs, phrases


def _is_cue(tokens, k, lang, verbs, phrases):
    token = tokens[k]
    if token.kind != "word":
        return False
    for phrase in phrases:
        if token.fold == phrase[0] and all(
            k + j < len(tokens) and tokens[k + j].fold == part for j, part in enumerate(phrase[1:], 1)
        ):
            return True
    word = token.norm
    if "-" in word:
        head, _, rest = word.partition("-")
        if rest.split("-")[-1] in _CLITICS:
            if head.endswith("e") and head + "r" in verbs:
                return True
            word = head
    return lemma_of(word, lang) in verbs


def reference_speech(tokens, sentences, pairs, lang):
    verbs, phrases = _cues(lang)
    speech, outer_end = [], -1
    for opening, closing in pairs:
        if closing <= outer_end:
            continue
        outer_end = closing
        if opening > 0 and tokens[opening - 1].text == ":" and tokens[opening - 1].para == tokens[opening].para:
            speech.append((opening, closing))
            continue
        first = sentences[tokens[opening].sent].first
        last = sentences[tokens[closing].sent].last
        words = sum(1 for k in range(opening + 1, closing) if tokens[k].kind == "word")
        if words >= 3:
            candidates = [*range(first, opening), *range(closing + 1, last)]
        else:
            candidates = [*range(max(first, opening - 3), opening), *range(closing + 1, min(last, closing + 4))]
        if any(_is_cue(tokens, k, lang, verbs, phrases) for k in candidates):
            speech.append((opening, closing))
    return speech


_LINE_BREAK = regex.compile(r"\r\n?|[\n\u2028\u2029\x0b\x0c\x85]")


def reference_breaks(text):
    return [match.start() for match in _LINE_BREAK.finditer(text)]


def reference_document(text, fmt):
    reading = read(text, fmt)
    tokens = tokenize(reading.text)
    lang = reference_identify(tokens)
    breaks = reading.breaks if reading.breaks is not None else reference_breaks(reading.text)
    paragraphs = reference_paragraphs(tokens, breaks)
    sentences = reference_sentences(tokens, paragraphs)
    pairs = reference_find_quotes(tokens)
    quotes = [(tokens[a].start, tokens[b].end) for a, b in pairs]
    speech = [(tokens[a].start, tokens[b].end) for a, b in reference_speech(tokens, sentences, pairs, lang)]
    return lang, paragraphs, sentences, [(t.para, t.sent) for t in tokens], quotes, speech


PIECES = st.sampled_from([
    "« ", " »", "“", "”", "„", '"', "‹", "›", ": ", ". ", "! ", "? ", "?!", "… ", "...", "M. ", "J. ", "U.S.",
    "etc. ", "3.5", "(", ")", "’", "'", "\n", "\n\n", "\r\n", "\u2028", " ", "a ", "Il ", "dit ", "selon ",
    "a-t-il ", "déclare-t-il", "affirme ", "said ", "according to ", "le ", "the ", "and ", "et ", "de ",
    "la ", "of ", "1 000", "https://x.org/a", "a@b.fr", "#Tag", "- ", "> ", "# ", "<p>", "</p>", "<br>",
    "<blockquote>", "</blockquote>", "*", "`", "\n»", "\n) ", ".\n”",
])
TEXTS = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=50).map("".join))
FORMATS = st.sampled_from(["text", "markdown", "html"])
LINES = st.lists(st.sampled_from(["a", "bc ", "\n", "\r", "\r\n", "\n\r", "\u2028", "\u2029", "\x0b", "\x0c",
                                  "\x85", "\x1c", "\x1d", "\x1e", "\x00", " "]), max_size=30).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(LINES, st.text()))
@example("a\r\n\r\nb\x1c\n\rc\x1e")
def test_paragraph_breaks_equal_the_reference(text):
    assert paragraph_breaks(text) == reference_breaks(text)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, FORMATS)
@example("« Il faut partir », a-t-il dit. Puis : « Non. » Selon lui, “c’est fini”.", "text")
@example('He said "it is over." Then he left "now" and "it is done", said Smith.', "text")
@example("Il a dit.\n» Ensuite ceci.\n) Et. Fin !\n”", "text")
def test_document_equals_the_reference(text, fmt):
    doc = load_document(text, fmt=fmt)
    lang, paragraphs, sentences, numbers, quotes, speech = reference_document(text, fmt)
    assert doc.lang == lang
    assert doc.paragraphs == paragraphs
    assert doc.sentences == sentences
    assert [(t.para, t.sent) for t in doc.tokens] == numbers
    reading = read(text, fmt)
    assert doc.regions["quote"] == sorted(list(reading.regions.get("quote", ())) + quotes)
    assert doc.regions["speech"] == sorted(list(reading.regions.get("speech", ())) + speech)
