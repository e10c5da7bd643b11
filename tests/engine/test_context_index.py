"""The index of a document's lemmas, regrouped from the index of its norms, against the
plain index built token by token."""

from hypothesis import given, settings, strategies as st

from detector.engine.context import _index, _regrouped

words = st.sampled_from(["mot", "mots", "Mot", "word", "words", "is", "are", "be", "-", "1"])


@settings(max_examples=500, deadline=None)
@given(norms=st.lists(words, max_size=40), lemma_of=st.dictionaries(words, st.sampled_from(["mot", "word", "be", "-"])))
def test_a_lemma_index_read_from_the_norm_index_is_the_plain_one(norms, lemma_of):
    """Lemmas follow from norms here, so the regrouping runs; same lists, same key order."""
    lemmas = [lemma_of.get(norm, norm) for norm in norms]
    norm_index = _index(norms)
    before = {norm: list(positions) for norm, positions in norm_index.items()}
    assert list(_regrouped(norm_index, lemmas).items()) == list(_index(lemmas).items())
    assert norm_index == before  # the norm index is left as it was


@settings(max_examples=500, deadline=None)
@given(norms=st.lists(words, max_size=40), lemmas=st.lists(words, max_size=40))
def test_when_a_norm_goes_with_two_lemmas_the_index_is_still_the_plain_one(norms, lemmas):
    """Any lemmas at all (a norm may have a lemma as a word and another as a symbol)."""
    lemmas = (lemmas + norms)[: len(norms)]
    assert list(_regrouped(_index(norms), lemmas).items()) == list(_index(lemmas).items())
