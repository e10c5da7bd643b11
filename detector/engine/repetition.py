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

The passes over the whole document run in C: counting its words, then counting the pairs of
words that start on a recurring one; Python loops only over the vocabulary and over windows
whose pair recurs, a small part of a news article.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import compress
from operator import itemgetter

from detector.compiled import is_compiled
from detector.text.positions import where_in
from detector.text.tokenizer import TokenColumns

from .context import DocContext, Evidence, RawMatch


def find(rule, ctx: DocContext, stopwords: set[str]) -> list[RawMatch]:
    columns = ctx.columns
    form = ctx.lemmas if rule.on == "lemma" else ctx.norms
    lo, hi = rule.ngram
    min_count = rule.min_count
    if _LOOPS:  # from the index of the form: no pass over the document but the index's own
        index = ctx.lemma_positions if rule.on == "lemma" else ctx.norm_positions
        recurring = _recurring_in(index, min_count, stopwords)
    else:
        recurring = _recurring(form, min_count, stopwords)
    if not recurring or hi < 2:
        return []
    # windows sharing their words, grown one word at a time: a group splits by the word that
    # follows, and only parts still holding min_count windows go on
    groups_by_n: dict[int, list[list[int]]] = {}
    if _LOOPS:
        groups = _pairs_by_loop(index, recurring, form, columns, min_count)
    else:
        groups = _pairs(form, recurring, columns, min_count)
    for n in range(2, hi + 1):
        if n > 2:
            groups = _grow(groups, n, form, columns, min_count)
        if not groups:
            break
        groups_by_n[n] = groups

    covered: set[int] = set()
    results = []
    for n in range(hi, max(lo, 2) - 1, -1):  # one word is never two content words
        for key, found in _occurrences(groups_by_n.get(n, []), n, form, columns, stopwords):
            kept, last_end = [], -1
            for s in found:
                if s >= last_end and covered.isdisjoint(range(s, s + n)):
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


def _recurring(form: list[str], min_count: int, stopwords: set[str]) -> set[str]:
    """Content words that occur often enough: the only words a repeated n-gram can start on.

    Counted in C (no position index of every form, which takes a Python loop over the
    document to build); only the vocabulary is looped over here.  Counts include every token,
    so a symbol spelled like a word only adds candidates; _pairs and _grow drop windows
    holding anything but words."""
    return {f for f, count in Counter(form).items() if count >= min_count and len(f) > 1} - stopwords


def _pairs(form: list[str], recurring: set[str], columns: TokenColumns, min_count: int) -> list[list[int]]:
    """Groups of 2-word candidate windows (by start): each group shares both words.

    The pairs at recurring words are gathered and counted in C; a Python loop runs only over
    the positions of pairs that recur, and drops there, in the same pass, the windows that are
    not two words of one sentence (counted first, a dropped window only lowers a count that
    is checked again at the end).  Groups come in the order of their first kept window; no
    caller depends on it, since _occurrences sorts."""
    starts = where_in(form, recurring)
    if starts and starts[-1] == len(form) - 1:
        starts.pop()  # no window of two words starts at the last one
    if len(starts) < max(min_count, 2):
        # itemgetter of one index returns the item, not a tuple; and one start never repeats
        return [[i] for i in _words_of_one_sentence(columns, starts, 2)] if min_count <= 1 else []
    # the word after each start, read from the shifted list: no Python call per start
    pairs = list(zip(itemgetter(*starts)(form), itemgetter(*starts)(form[1:])))
    repeated = {pair for pair, count in Counter(pairs).items() if count >= min_count}
    by_pair: dict[tuple, list[int]] = defaultdict(list)
    kinds, sents = columns.kinds, columns.sents
    for i, pair in compress(zip(starts, pairs), map(repeated.__contains__, pairs)):
        if kinds[i] == "word" and kinds[i + 1] == "word" and sents[i] == sents[i + 1]:
            by_pair[pair].append(i)
    return [group for group in by_pair.values() if len(group) >= min_count]


def _recurring_in(index: dict[str, list[int]], min_count: int, stopwords: set[str]) -> set[str]:
    """_recurring, read from the positions of each form (for the compiled build, where
    building the index costs less than CPython's Counter does)."""
    return {f for f, starts in index.items() if len(starts) >= min_count and len(f) > 1} - stopwords


def _pairs_by_loop(index: dict[str, list[int]], recurring: set[str], form: list[str],
                   columns: TokenColumns, min_count: int) -> list[list[int]]:
    """_pairs for the compiled build, the way _grow grows groups: the windows starting on
    one recurring word split by the word that follows. No pair is built or hashed; run by
    CPython, this loop costs more than the C-level passes of _pairs."""
    last = len(form) - 1
    kinds, sents = columns.kinds, columns.sents
    groups = []
    for word in recurring:
        starts = index[word]
        if starts[-1] == last:
            starts = starts[:-1]  # no window of two words starts at the last one
        if len(starts) < min_count:
            continue
        by_next: dict[str, list[int]] = {}
        for i in starts:
            part = by_next.get(form[i + 1])
            if part is None:
                by_next[form[i + 1]] = [i]
            else:
                part.append(i)
        if min_count > 1 and len(by_next) == len(starts):
            continue  # no two windows continue alike
        for part in by_next.values():
            if len(part) >= min_count:
                kept = [i for i in part if kinds[i] == "word" and kinds[i + 1] == "word" and sents[i + 1] == sents[i]]
                if len(kept) >= min_count:
                    groups.append(kept)
    return groups


def _grow(groups: list[list[int]], n: int, form: list[str], columns: TokenColumns, min_count: int) -> list[list[int]]:
    """Groups of n-word candidate windows, from the groups of (n-1)-word ones (by start).

    Windows of a group share their first n-1 words, so an n-gram recurs within a group
    exactly when its last word does; most groups stop here.  What goes on must be words
    of one sentence (the last token is the new one; the first was checked at n == 2)."""
    limit = len(form) - n
    grown = []
    for group in groups:
        nexts = [form[i + n - 1] for i in group if i <= limit]  # starts ascending: zip below stays aligned
        if min_count > 1 and len(set(nexts)) == len(nexts):
            continue  # no two windows continue alike
        by_next: dict[str, list[int]] = defaultdict(list)
        for i, word in zip(group, nexts):
            by_next[word].append(i)
        grown += _of_one_sentence(by_next.values(), columns, n, min_count)
    return grown


def _of_one_sentence(parts, columns: TokenColumns, n: int, min_count: int) -> list[list[int]]:
    """The parts (windows sharing their n words) still holding min_count windows once those
    that leave their sentence or hold anything but words are dropped."""
    kept = (_words_of_one_sentence(columns, part, n) for part in parts if len(part) >= min_count)
    return [part for part in kept if len(part) >= min_count]


def _words_of_one_sentence(columns: TokenColumns, starts: list[int], n: int) -> list[int]:
    """The starts whose window ends on a word of its first token's sentence: a window grown
    from n-1 words of one sentence then holds only words of one sentence (at n == 2 the
    first token is checked too)."""
    kinds, sents = columns.kinds, columns.sents
    if n == 2:
        return [i for i in starts if kinds[i] == "word" and kinds[i + 1] == "word" and sents[i + 1] == sents[i]]
    return [i for i in starts if kinds[i + n - 1] == "word" and sents[i + n - 1] == sents[i]]


def _occurrences(groups: list[list[int]], n: int, form: list[str], columns: TokenColumns, stopwords: set[str]):
    """(n-gram, starts) for the groups of n-word windows that can be reported, in the order of
    their first start.

    An n-gram counts when its last word is a content word, it holds two content words and
    not only capitalised ones.  Its first word is a content word already (windows start on a
    recurring one), so the first two tests come down to its last word, asked once per group."""
    found = []
    texts = columns.texts
    for group in groups:
        last = form[group[0] + n - 1]
        if len(last) < 2 or last in stopwords:
            continue
        key = tuple(form[group[0] : group[0] + n])
        if any([texts[i][:1].isupper() for i in group]):
            group = _not_names_only(group, key, columns, stopwords)
        if group:
            found.append((group[0], key, group))
    found.sort()  # starts are distinct across groups: keys are never compared
    return [(key, group) for _, key, group in found]


def _not_names_only(group: list[int], key: tuple, columns: TokenColumns, stopwords: set[str]) -> list[int]:
    """The windows of a group whose content words are not all capitalised.  Only asked when
    one starts capitalised: its first word is a content word, so a lower-case one settles it."""
    content = [k for k, f in enumerate(key) if len(f) > 1 and f not in stopwords]
    texts = columns.texts
    return [i for i in group if not all(texts[i + k][:1].isupper() for k in content)]


# the loops above run compiled only: CPython runs the C-level passes of _recurring and _pairs faster
_LOOPS = is_compiled(_pairs_by_loop)
