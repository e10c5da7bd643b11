import pytest

from detector.text import load_document


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
