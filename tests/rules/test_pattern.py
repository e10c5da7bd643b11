import pytest

from detector.rules import pattern as P
from detector.rules.regex_safety import check_regex


def test_literals_are_normalised_and_split_like_text():
    node = P.parse_pattern("Selon \"d’après\"")
    assert isinstance(node, P.Sequence)
    assert node.items[0].words == ("selon",)
    assert node.items[1].words == ("d'", "après")


def test_elided_article_alone_is_one_token():
    assert P.parse_pattern("qu'").words == ("qu'",)


def test_every_feature_parses_into_the_expected_nodes():
    node = P.parse_pattern("^ who=(@actors | lemma:refuser) /^anti\\w+$/i :cap _{0,3} !pas x? y* z+ w{2} v{1,3} $")
    kinds = [type(n).__name__ for n in node.items]
    assert kinds == ["SentenceStart", "Capture", "TokenRegex", "TokenClass", "Repeat", "Negation",
                     "Repeat", "Repeat", "Repeat", "Repeat", "Repeat", "SentenceEnd"]
    capture = node.items[1]
    assert capture.name == "who" and isinstance(capture.node, P.Alternatives)
    assert capture.node.options[0].name == "actors" and capture.node.options[1].lemma == "refuser"
    gap = node.items[4]
    assert isinstance(gap.node, P.AnyToken) and (gap.min, gap.max) == (0, 3)
    assert node.items[2].ignore_case is True
    assert [(r.min, r.max) for r in node.items[6:11]] == [(0, 1), (0, P.MAX_REPEAT), (1, P.MAX_REPEAT), (2, 2), (1, 3)]


def test_element_sources_are_kept_for_explanations():
    node = P.parse_pattern("(selon | d'après) des @sources")
    assert node.items[0].source == "selon | d'après"
    assert node.items[2].source == "@sources"


@pytest.mark.parametrize("text, offset", [("selon (des", 10), ("a | | b", 4), ("x{3,1}", 1), (":nope", 0)])
def test_syntax_errors_carry_an_offset(text, offset):
    with pytest.raises(P.PatternError) as err:
        P.parse_pattern(text)
    assert err.value.offset == offset


def test_open_repeats_are_capped_and_larger_maximums_refused():
    capped = P.parse_pattern("x{2,}")
    assert (capped.min, capped.max) == (2, P.MAX_REPEAT)
    assert P.parse_pattern(f"_{{1,{P.MAX_REPEAT}}}").max == P.MAX_REPEAT
    with pytest.raises(P.PatternError, match=f"at most {P.MAX_REPEAT}") as err:
        P.parse_pattern(f"le _{{1,{P.MAX_REPEAT + 1}}}")
    assert err.value.offset == 4  # the quantifier, as for other repetition errors


def test_nested_unbounded_token_regex_is_refused():
    with pytest.raises(P.PatternError, match="nested unbounded"):
        P.parse_pattern("/(a+)+b/")


@pytest.mark.parametrize("regex", [r"(a+)+$", r"(\w*\s?)*x", r"((ab)+c)*", r"(x{2,})+"])
def test_regex_safety_refuses_nested_unbounded(regex):
    assert "nested unbounded" in check_regex(regex)


@pytest.mark.parametrize("regex", [r"(ab)+", r"(a{1,3})+", r"[(+]+", r"\(a+\)+", r"«\s?(?P<w>\w+)\s?»"])
def test_regex_safety_accepts_bounded_shapes(regex):
    assert check_regex(regex) is None


def test_invalid_regex_is_reported():
    assert check_regex("(unclosed").startswith("invalid regex")


def test_lexicon_qualification_and_queries():
    node = P.qualify_lexicons(P.parse_pattern("@a (@other/b | lemma:x) c=!@d"), "fr")
    assert P.lexicon_names(node) == {"fr/a", "other/b", "fr/d"}
    assert P.capture_names(node) == {"c"}
    assert P.uses_lemmas(node)
