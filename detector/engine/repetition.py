"""Rule kind `repetition`: a content n-gram that recurs in the document; hits on later occurrences.

An n-gram counts when it starts and ends on a content word (a word token outside the
stopword list), holds at least two of them, and is not made only of capitalised words (a
name repeated is reporting, not rhetoric).  Longer n-grams win: an occurrence inside a
reported longer one is not reported again.

Most of a document cannot take part in a repeated n-gram, so the search only ever looks at
*candidate* windows: windows of words, inside one sentence, starting on a recurring content
word, whose shorter prefix recurs too.  A window that fails any of these cannot be reported,
nor can any longer window at the same start, so dropping it never changes which n-grams
count as repeated (tests/engine/test_repetition.py checks this against the plain search).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import chain, compress

from .context import DocContext, Evidence, RawMatch


def find(rule, ctx: DocContext, stopwords: set[str]) -> list[RawMatch]:
    tokens = ctx.tokens
    # the document's forms and where each occurs: shared with the pattern rules, which
    # have usually built them already
    if rule.on == "lemma":
        form, positions = ctx.lemmas, ctx.lemma_positions
    else:
        form, positions = ctx.norms, ctx.norm_positions
    lo, hi = rule.ngram
    min_count = rule.min_count
    # content words that occur often enough: the only words a repeated n-gram can start on.
    # Positions count every token, so a symbol spelled like a word only adds candidates;
    # _grow drops windows that hold anything but words.
    often = compress(positions, map(min_count.__le__, map(len, positions.values())))  # C-level filter
    recurring = {f for f in often if len(f) > 1} - stopwords
    if not recurring:
        return []
    # windows sharing their words, grown one word at a time: a group splits by the word that
    # follows, and only parts still holding min_count windows go on
    groups = [positions[f] for f in recurring]
    starts_by_n: dict[int, list[int]] = {}
    for n in range(2, hi + 1):
        groups = _grow(groups, n, form, tokens, min_count)
        if not groups:
            break
        starts_by_n[n] = sorted(chain.from_iterable(groups))

    def content(f: str) -> bool:  # only asked of windows of words
        return len(f) > 1 and f not in stopwords

    covered: set[int] = set()
    results = []
    for n in range(hi, max(lo, 2) - 1, -1):  # one word is never two content words
        occurrences: dict[tuple, list[int]] = defaultdict(list)
        for i in starts_by_n.get(n, ()):
            window = form[i : i + n]
            if not content(window[-1]):
                continue
            if sum(map(content, window)) < 2:
                continue
            if all(t.text[:1].isupper() for t, f in zip(tokens[i : i + n], window) if content(f)):
                continue
            occurrences[tuple(window)].append(i)
        for key, found in occurrences.items():
            kept, last_end = [], -1
            for s in found:
                if s >= last_end and not any(k in covered for k in range(s, s + n)):
                    kept.append(s)
                    last_end = s + n
            if len(kept) < min_count:
                continue
            first_start, first_end = ctx.span_of_tokens(kept[0], kept[0] + n)
            for s in kept:
                covered.update(range(s, s + n))
            for s in kept[1:]:
                start, end = ctx.span_of_tokens(s, s + n)
                evidence = [
                    Evidence("first occurrence", first_start, first_end),
                    Evidence(" ".join(key), start, end),
                ]
                results.append(RawMatch(start, end, evidence))
    results.sort(key=lambda m: m.start)
    return results


def _grow(groups: list[list[int]], n: int, form: list[str], tokens, min_count: int) -> list[list[int]]:
    """Groups of n-word candidate windows, from the groups of (n-1)-word ones (by start).

    Windows of a group share their first n-1 words, so an n-gram recurs within a group
    exactly when its last word does; most groups stop here.  What goes on must be words
    of one sentence (the last token is the new one; the first is checked at n == 2)."""
    limit = len(form) - n
    grown = []
    for group in groups:
        nexts = [form[i + n - 1] for i in group if i <= limit]  # starts ascending: zip below stays aligned
        if min_count > 1 and len(set(nexts)) == len(nexts):
            continue  # no two windows continue alike
        by_next: dict[str, list[int]] = defaultdict(list)
        for i, word in zip(group, nexts):
            by_next[word].append(i)
        for part in by_next.values():
            if len(part) >= min_count:
                part = [i for i in part if _words_of_one_sentence(tokens[i], tokens[i + n - 1], n)]
                if len(part) >= min_count:
                    grown.append(part)
    return grown


def _words_of_one_sentence(first, last, n: int) -> bool:
    return last.kind == "word" and last.sent == first.sent and (n > 2 or first.kind == "word")
