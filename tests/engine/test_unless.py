"""`unless` patterns answered from sentence lengths agree with the pattern matcher."""

from hypothesis import given, settings, strategies as st

from detector.engine.context import DocContext
from detector.engine.filters import unless_matches, whole_sentence_lengths, whole_sentence_matches
from detector.engine.tokenpattern import CompiledPattern
from detector.rules.pattern import parse_pattern
from detector.text import load_document

# words, sentence ends, punctuation and quotes that `$` lets trail, paragraph breaks
PIECES = ["peace", "war", "Anna", "2020", "a", ".", "!", "?", ",", '"', "«", "»", ")", "\n\n"]
texts = st.lists(st.sampled_from(PIECES), min_size=0, max_size=60).map(" ".join)
quantifiers = st.one_of(
    st.tuples(st.integers(0, 12), st.integers(0, 12)).map(lambda t: "{%d,%d}" % (min(t), max(t))),
    st.integers(0, 8).map(lambda k: "{%d}" % k),
    st.sampled_from(["*", "+", "?", "{3,}", "{,4}", "{2,50}"]),
)


@settings(max_examples=500, deadline=None)
@given(text=texts, quantifier=quantifiers, picked=st.one_of(st.none(), st.sets(st.integers(-1, 12))))
def test_whole_sentence_matches_agree_with_the_matcher(text, quantifier, picked):
    compiled = CompiledPattern(parse_pattern(f"^ _{quantifier} $"))
    lengths = whole_sentence_lengths(compiled.node)
    assert lengths is not None
    ctx = DocContext(load_document(text, fmt="text", lang="en"), {})
    expected = compiled.find_all(ctx, sentences=picked)
    assert whole_sentence_matches(ctx, *lengths, picked) == expected
    if picked is not None:
        assert unless_matches(compiled, lengths, ctx, picked) == expected


def test_other_patterns_go_to_the_matcher():
    for source in ["^ _{2,3}", "_{2,3} $", "^ :word{2,3} $", "^ _ _ $", "^ (_ | a){2,3} $", "^ x=(_{2,3}) $"]:
        assert whole_sentence_lengths(parse_pattern(source)) is None, source
    compiled = CompiledPattern(parse_pattern("^ _{1,2}"))
    ctx = DocContext(load_document("a b c. d.", fmt="text", lang="en"), {})
    lengths = whole_sentence_lengths(compiled.node)
    assert unless_matches(compiled, lengths, ctx, {0, 1}) == compiled.find_all(ctx, sentences={0, 1})
