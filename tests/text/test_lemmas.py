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


def test_the_disk_memo_is_keyed_by_the_installed_simplemma_version():
    # read from the dist-info folder's name without importlib.metadata: it must say the same
    from importlib.metadata import version

    from detector.text.lemmas import _memo_name, _simplemma_version

    assert _simplemma_version() == version("simplemma")
    assert _memo_name("fr") == f"lemmas-fr-simplemma-{version('simplemma')}.pickle"
