from detector.text import load_document


def test_lemmas_are_lazy_and_lower_case():
    doc = load_document("Les Experts ont déclaré qu’ils étaient 1 000.", lang="fr")
    assert all(token.lemma is None for token in doc.tokens)
    doc.ensure_lemmas()
    lemmas = {token.text: token.lemma for token in doc.tokens}
    assert lemmas["Experts"] == "expert"
    assert lemmas["déclaré"] == "déclarer"
    assert lemmas["étaient"] == "être"
    assert lemmas["1 000"] == "1 000"  # non-word tokens get their norm
    assert lemmas["."] == "."


def test_english_lemmas():
    doc = load_document("The officials said they were told.", lang="en")
    doc.ensure_lemmas()
    assert [t.lemma for t in doc.tokens if t.kind == "word"][2:] == ["say", "they", "be", "tell"]
