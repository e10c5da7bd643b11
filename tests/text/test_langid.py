import pytest
from hypothesis import given, settings, strategies as st

from detector.text import load_document
from detector.text.langid import MAX_TOKENS, identify
from detector.text.tokenizer import TokenColumns, tokenize
from helpers import reference_identify




# function words of both lists, words of neither, and non-word tokens
_PIECES = ["de", "la", "l'", "d’", "à", "été", "très", "the", "of", "and", "i", "is", "a", "on", "son",
           "plus", "guerre", "war", "1", "42", "#the", "@le", ".", ",", "«", "»", "!", "—", "É", "THE", "Le"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map(" ".join))
def test_identification_agrees_with_the_reference(text):
    tokens = tokenize(text)
    assert identify(TokenColumns.of(tokens)) == reference_identify(tokens)


def test_only_the_first_tokens_count():
    tokens = tokenize("the " * MAX_TOKENS + "de la " * MAX_TOKENS)
    assert identify(TokenColumns.of(tokens)) == reference_identify(tokens) == "en"
    tokens = tokenize("x " * (MAX_TOKENS - 1) + "de la the")
    assert identify(TokenColumns.of(tokens)) == reference_identify(tokens) == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "Le gouvernement a annoncé une réforme.",
        "C’est la fin d’une époque.",
        "Il faut agir maintenant pour nos enfants.",
        "Les experts sont unanimes sur ce point.",
    ],
)
def test_french(text):
    assert load_document(text).lang == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "The government announced a reform.",
        "It is the end of an era.",
        "We must act now for our children.",
        "Experts are unanimous on this point.",
    ],
)
def test_english(text):
    assert load_document(text).lang == "en"


def test_empty_and_unidentifiable_texts_default_to_english():
    assert load_document("").lang == "en"
    assert load_document("1 000 — 42 !").lang == "en"


def test_explicit_language_overrides_identification():
    assert load_document("The government announced a reform.", lang="fr").lang == "fr"


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError):
        load_document("x", lang="de")


@pytest.mark.parametrize("text, lang", [("Je suis là.", "fr"), ("On y va.", "fr"), ("I am here.", "en"),
                                        ("Yes, we can.", "en")])
def test_very_short_sentences(text, lang):
    assert load_document(text).lang == lang
