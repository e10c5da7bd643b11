"""The repetition search against the plain one it replaced: every window, checked in turn."""

from collections import defaultdict
from types import SimpleNamespace

from hypothesis import given, settings, strategies as st

from detector.engine import repetition
from detector.engine.context import DocContext, Evidence, RawMatch
from detector.text.tokenizer import Token, TokenColumns


def reference_find(rule, ctx: DocContext, stopwords: set[str]) -> list[RawMatch]:
    """The first implementation of the rule kind (engine 0.1): slow, and obviously right."""
    tokens = ctx.tokens
    form = [(t.lemma if rule.on == "lemma" else t.norm) if t.kind == "word" else None for t in tokens]
    content = [f is not None and len(f) > 1 and f not in stopwords for f in form]
    lo, hi = rule.ngram
    covered: set[int] = set()
    results = []
    for n in range(hi, lo - 1, -1):
        occurrences: dict[tuple, list[int]] = defaultdict(list)
        for i in range(len(tokens) - n + 1):
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


class _Doc:
    """Just what DocContext and the rule read of a Document: tokens, lemmas already filled."""

    def __init__(self, tokens):
        self.tokens = tokens
        self.columns = TokenColumns.of(tokens)
        self.columns.sents = [t.sent for t in tokens]
        self.columns.paras = [t.para for t in tokens]
        self.columns.lemmas = [t.lemma for t in tokens]

    def ensure_lemmas(self):
        pass


# a small vocabulary, so that words and n-grams recur; "2020" and "--" also come as
# non-word tokens, and "Peace"/"Anna" test the capitalised-names exception
SURFACES = ["peace", "Peace", "peaces", "lasting", "war", "wars", "the", "a", "of", "Anna", "Berg", "x", "2020"]
KINDS = ["word"] * 12 + ["number", "punct", "symbol"]
STOPWORDS = {"the", "a", "of", "war"}


def _lemma(norm: str) -> str:
    return norm[:-1] if norm.endswith("s") and len(norm) > 3 else norm


# (surface, kind, ends its sentence?): about one token in eight ends a sentence
token_specs = st.lists(
    st.tuples(st.sampled_from(SURFACES), st.sampled_from(KINDS), st.integers(0, 7).map(lambda k: k == 0)),
    min_size=10, max_size=120)


def _context(specs) -> DocContext:
    tokens, offset, sent = [], 0, 0
    for i, (text, kind, ends_sentence) in enumerate(specs):
        t = Token(i, offset, offset + len(text), text, text.lower(), text.lower(), kind)
        t.sent = sent
        t.lemma = _lemma(t.norm) if kind == "word" else t.norm
        tokens.append(t)
        offset += len(text) + 1
        sent += ends_sentence
    return DocContext(_Doc(tokens), {})


@settings(max_examples=400, deadline=None)
@given(specs=token_specs, on=st.sampled_from(["lemma", "norm"]), lo=st.integers(1, 3),
       extra=st.integers(0, 3), min_count=st.integers(1, 3))
def test_repetition_agrees_with_the_plain_search(specs, on, lo, extra, min_count):
    rule = SimpleNamespace(on=on, ngram=(lo, lo + extra), min_count=min_count)
    assert repetition.find(rule, _context(specs), STOPWORDS) == reference_find(rule, _context(specs), STOPWORDS)


def test_a_refrain_is_found_and_a_name_is_not():
    words = "lasting peace x . Anna Berg x . lasting peace x . Anna Berg"
    specs = [(w, "punct" if w == "." else "word", w == ".") for w in words.split()]
    rule = SimpleNamespace(on="norm", ngram=(2, 3), min_count=2)
    found = repetition.find(rule, _context(specs), STOPWORDS)
    assert [m.evidence[1].element for m in found] == ["lasting peace"]  # "x" is too short to be content
    assert found == reference_find(rule, _context(specs), STOPWORDS)


def test_with_min_count_one_a_longer_ngram_seen_once_still_covers_its_words():
    # the reference marks "lasting peace now" as taken, so "lasting peace" recurs only once more
    words = "lasting peace now . lasting peace x"
    specs = [(w, "punct" if w == "." else "word", w == ".") for w in words.split()]
    rule = SimpleNamespace(on="norm", ngram=(2, 3), min_count=1)
    assert repetition.find(rule, _context(specs), STOPWORDS) == reference_find(rule, _context(specs), STOPWORDS) == []


def test_documents_with_a_single_candidate_start_agree_with_the_plain_search():
    # one recurring content word: the search has a single start (or none) to group
    for words in ["peace x", "x peace", "peace", "peace peace", "peace . peace", "Anna x Anna"]:
        specs = [(w, "punct" if w == "." else "word", w == ".") for w in words.split()]
        for min_count in (1, 2, 3):
            rule = SimpleNamespace(on="norm", ngram=(1, 3), min_count=min_count)
            assert repetition.find(rule, _context(specs), STOPWORDS) == reference_find(rule, _context(specs), STOPWORDS)


# --- the helpers rewritten in engine 0.9, against the versions they replaced --------------------

def reference_pairs(form, recurring, tokens, min_count):
    """`_pairs` before it dropped bad windows while grouping: group every start whose pair
    recurs, then drop the windows that are not two words of one sentence, group by group."""
    starts = [i for i in range(len(form) - 1) if form[i] in recurring]
    counts = defaultdict(int)
    for i in starts:
        counts[form[i], form[i + 1]] += 1
    by_pair = defaultdict(list)
    for i in starts:
        if counts[form[i], form[i + 1]] >= min_count:
            by_pair[form[i], form[i + 1]].append(i)
    kept = ([i for i in part if tokens[i].kind == tokens[i + 1].kind == "word" and tokens[i].sent == tokens[i + 1].sent]
            for part in by_pair.values() if len(part) >= min_count)
    return [part for part in kept if len(part) >= min_count]


def reference_occurrences(groups, n, form, tokens, stopwords):
    """`_occurrences` before it relied on windows starting on a content word: every test on
    the whole n-gram, and the capitalisation test on every window."""
    found = []
    for group in groups:
        key = tuple(form[group[0] : group[0] + n])
        content = [k for k, f in enumerate(key) if len(f) > 1 and f not in stopwords]
        if len(content) < 2 or content[-1] != n - 1:
            continue
        group = [i for i in group if not all(tokens[i + k].text[:1].isupper() for k in content)]
        if group:
            found.append((group[0], key, group))
    found.sort()
    return [(key, group) for _, key, group in found]


def _groups_by_n(ctx, form, stopwords, hi, min_count):
    recurring = repetition._recurring(form, min_count, stopwords)
    groups = repetition._pairs(form, recurring, ctx.columns, min_count) if recurring else []
    by_n = {2: groups}
    for n in range(3, hi + 1):
        by_n[n] = groups = repetition._grow(groups, n, form, ctx.columns, min_count) if groups else []
    return recurring, by_n


@settings(max_examples=300, deadline=None)
@given(specs=token_specs, on=st.sampled_from(["lemma", "norm"]), min_count=st.integers(1, 3))
def test_pairs_agree_with_the_previous_grouping(specs, on, min_count):
    ctx = _context(specs)
    form = ctx.lemmas if on == "lemma" else ctx.norms
    recurring = repetition._recurring(form, min_count, STOPWORDS)
    # the same groups; their order may differ, and callers sort (see _pairs)
    assert sorted(repetition._pairs(form, recurring, ctx.columns, min_count)) == \
        sorted(reference_pairs(form, recurring, ctx.tokens, min_count))


@settings(max_examples=300, deadline=None)
@given(specs=token_specs, on=st.sampled_from(["lemma", "norm"]), min_count=st.integers(1, 3))
def test_the_compiled_builds_loops_agree_with_the_c_level_passes(specs, on, min_count):
    """The compiled build reads recurring words and pairs from the index of the form (see
    _LOOPS); both spellings run here, whichever build is running."""
    ctx = _context(specs)
    form = ctx.lemmas if on == "lemma" else ctx.norms
    index = ctx.lemma_positions if on == "lemma" else ctx.norm_positions
    recurring = repetition._recurring(form, min_count, STOPWORDS)
    assert repetition._recurring_in(index, min_count, STOPWORDS) == recurring
    assert sorted(repetition._pairs_by_loop(index, recurring, form, ctx.columns, min_count)) == \
        sorted(repetition._pairs(form, recurring, ctx.columns, min_count))


@settings(max_examples=300, deadline=None)
@given(specs=token_specs, on=st.sampled_from(["lemma", "norm"]), min_count=st.integers(1, 3))
def test_occurrences_agree_with_the_previous_tests(specs, on, min_count):
    ctx = _context(specs)
    form = ctx.lemmas if on == "lemma" else ctx.norms
    _, by_n = _groups_by_n(ctx, form, STOPWORDS, 5, min_count)
    for n, groups in by_n.items():
        assert repetition._occurrences(groups, n, form, ctx.columns, STOPWORDS) == \
            reference_occurrences(groups, n, form, ctx.tokens, STOPWORDS)
