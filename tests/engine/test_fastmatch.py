"""The compiled matcher agrees with the reference generator matcher on random patterns."""

from hypothesis import HealthCheck, given, settings, strategies as st

from detector.engine.context import DocContext
from detector.engine.reference import ReferenceMatcher
from detector.engine.tokenpattern import CompiledPattern
from detector.rules.pattern import parse_pattern
from detector.text import load_document
from helpers import brute_force_find_all

WORDS = ["a", "b", "c", "the", "not"]
atoms = st.one_of(
    st.sampled_from(WORDS), st.just("_"), st.just(":word"), st.just("/^[ab]$/"), st.just("\"?\""),
    st.sampled_from(WORDS).map(lambda w: "!" + w),
    st.sampled_from(['"a b"', '"the c"', '"not a b"']),  # multi-word literals anchor on inner words
)


def quantified(inner):
    return st.tuples(inner, st.sampled_from(["", "?", "*", "+", "{1,2}", "{0,3}"])).map(
        lambda t: f"({t[0]}){t[1]}" if t[1] else t[0])


patterns = st.recursive(
    quantified(atoms),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(" ".join),
        st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(" + " | ".join(xs) + ")"),
        st.tuples(st.sampled_from(["x", "y"]), inner).map(lambda t: f"{t[0]}=({t[1]})"),
    ),
    max_leaves=6,
).map(lambda p: f"^? {p}" if len(p) % 3 == 0 else p)

texts = st.lists(st.sampled_from(WORDS + ["?", ".", "D"]), min_size=1, max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=patterns, text=texts)
def test_fast_and_reference_matchers_agree(pattern, text):
    node = parse_pattern(pattern.replace("^? ", "^ ") if pattern.startswith("^? ") else pattern)
    compiled, reference = CompiledPattern(node), ReferenceMatcher(node)
    ctx = DocContext(load_document(text, fmt="text", lang="en"), {})
    for i in range(len(ctx.tokens)):
        fast = compiled.match_at(ctx, i)
        slow = reference.match_at(ctx, i)
        if slow is None:
            assert fast is None
            continue
        assert fast is not None
        (fm, fend), (sm, send) = fast, slow
        assert fend == send and (fm.start, fm.end) == (sm.start, sm.end)
        assert [(e.element, e.start, e.end) for e in fm.evidence] == [(e.element, e.start, e.end) for e in sm.evidence]
        assert fm.captures == sm.captures


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=patterns, text=texts)
def test_anchored_search_finds_what_trying_every_token_finds(pattern, text):
    node = parse_pattern(pattern.replace("^? ", "^ ") if pattern.startswith("^? ") else pattern)
    compiled = CompiledPattern(node)
    ctx = DocContext(load_document(text, fmt="text", lang="en"), {})
    assert [(m.start, m.end) for m in compiled.find_all(ctx)] == brute_force_find_all(compiled, ctx)


def sentence_of(ctx, offset):
    return ctx.sent_of[ctx.token_at(offset)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=patterns, text=texts, keep=st.sets(st.integers(0, 6)))
def test_scanning_some_sentences_finds_the_matches_in_them(pattern, text, keep):
    """`unless` patterns only scan the sentences of kept matches: nothing else may change."""
    node = parse_pattern(pattern.replace("^? ", "^ ") if pattern.startswith("^? ") else pattern)
    compiled = CompiledPattern(node)
    ctx = DocContext(load_document(text, fmt="text", lang="en"), {})
    everywhere = [(m.start, m.end) for m in compiled.find_all(ctx) if sentence_of(ctx, m.start) in keep]
    assert [(m.start, m.end) for m in compiled.find_all(ctx, sentences=keep)] == everywhere
