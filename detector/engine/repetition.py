"""Rule kind `repetition`: a content n-gram that recurs in the document; hits on later occurrences.

An n-gram counts when it starts and ends on a content word (a word token outside the
stopword list), holds at least two of them, and is not made only of capitalised words (a
name repeated is reporting, not rhetoric).  Longer n-grams win: an occurrence inside a
reported longer one is not reported again.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .context import DocContext, Evidence, RawMatch


def find(rule, ctx: DocContext, stopwords: set[str]) -> list[RawMatch]:
    tokens = ctx.tokens
    if rule.on == "lemma":
        ctx.doc.ensure_lemmas()
    form = [(t.lemma if rule.on == "lemma" else t.norm) if t.kind == "word" else None for t in tokens]
    content = [f is not None and len(f) > 1 and f not in stopwords for f in form]
    lo, hi = rule.ngram
    # an n-gram can only recur if its first and last words recur: most positions drop out here
    counts = Counter(form)
    recurring = [c and counts[f] >= rule.min_count for f, c in zip(form, content)]
    # ... and an n-gram can only recur where its first n-1 words recur together: grow the
    # start positions length by length, so long n-grams are looked at only where they can be
    starts_by_n = {1: [i for i, r in enumerate(recurring) if r]}
    for n in range(2, hi + 1):
        grams = Counter(tuple(form[i : i + n]) for i in starts_by_n[n - 1] if i + n <= len(form))
        starts_by_n[n] = [i for i in starts_by_n[n - 1]
                          if i + n <= len(form) and grams[tuple(form[i : i + n])] >= rule.min_count]
    covered: set[int] = set()
    results = []
    for n in range(hi, lo - 1, -1):
        occurrences: dict[tuple, list[int]] = defaultdict(list)
        for i in starts_by_n[n]:
            if i + n > len(tokens) or not recurring[i + n - 1]:
                continue
            window = form[i : i + n]
            if None in window or not (content[i] and content[i + n - 1]):
                continue
            if tokens[i].sent != tokens[i + n - 1].sent:
                continue
            if sum(content[i : i + n]) < 2:
                continue
            if all(t.text[:1].isupper() for t in tokens[i : i + n] if content[t.i]):
                continue
            occurrences[tuple(window)].append(i)
        for key, starts in occurrences.items():
            kept, last_end = [], -1
            for s in starts:
                if s >= last_end and not any(k in covered for k in range(s, s + n)):
                    kept.append(s)
                    last_end = s + n
            if len(kept) < rule.min_count:
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
