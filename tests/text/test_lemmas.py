from hypothesis import given, settings
from hypothesis import strategies as st

from detector.text import lemmas, load_document


def test_lemmas_are_lazy_and_lower_case():
    doc = load_document("Les Experts ont déclaré qu’ils étaient 1 000.", lang="fr")
    assert all(token.lemma is None for token in doc.tokens)
    doc.ensure_lemmas()
    by_text = {token.text: token.lemma for token in doc.tokens}
    assert by_text["Experts"] == "expert"
    assert by_text["déclaré"] == "déclarer"
    assert by_text["étaient"] == "être"
    assert by_text["1 000"] == "1 000"  # non-word tokens get their norm
    assert by_text["."] == "."


def test_english_lemmas():
    doc = load_document("The officials said they were told.", lang="en")
    doc.ensure_lemmas()
    assert [t.lemma for t in doc.tokens if t.kind == "word"][2:] == ["say", "they", "be", "tell"]


def test_the_disk_memo_is_keyed_by_the_installed_simplemma_version():
    # read from the dist-info folder's name without importlib.metadata: it must say the same
    from importlib.metadata import version

    from detector.text.lemmas import _memo_name, _simplemma_version

    assert _simplemma_version() == version("simplemma")
    assert _memo_name("fr") == f"lemmas-fr-simplemma-{version('simplemma')}.sqlite3"


def _run(code: str, cache_dir, *args) -> str:
    from helpers import run_fresh

    done = run_fresh(code, cache_dir, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


_LEMMATIZE = (
    "import sys\n"
    "if sys.argv[1] == 'no-simplemma': sys.modules['simplemma'] = None  # importing it fails\n"
    "from detector.text import load_document, lemmas\n"
    "doc = load_document('Les experts ont déclaré qu’ils étaient inquiets.', lang='fr')\n"
    "doc.ensure_lemmas()\n"
    "print(' '.join(t.lemma for t in doc.tokens if t.kind == 'word'))\n"
    "print(len(lemmas._LEMMAS['fr']))\n"
)


def test_a_later_run_reads_back_only_the_lemmas_of_its_words(tmp_path):
    import sqlite3

    from detector.text.lemmas import _memo_name

    first = _run(_LEMMATIZE, tmp_path, "simplemma").splitlines()
    store = tmp_path / _memo_name("fr")
    with sqlite3.connect(store) as db:
        stored = dict(db.execute("SELECT norm, lemma FROM lemmas"))
        assert stored["déclaré"] == "déclarer" and stored["étaient"] == "être"
        # words of other articles: a later run must not read them
        db.executemany("INSERT INTO lemmas VALUES (?, ?)", [(f"mot{i}", f"mot{i}") for i in range(5000)])
    again = _run(_LEMMATIZE, tmp_path, "no-simplemma").splitlines()
    assert again[0] == first[0] == "le expert avoir déclarer que lui être inquiet"
    assert int(again[1]) == 8  # the distinct words of the sentence, not the 5,000 others


def test_the_store_keeps_its_limit_and_the_words_it_has(tmp_path):
    from detector.text.lemma_store import LemmaStore

    store = LemmaStore(tmp_path / "lemmas.sqlite3")
    store.add({"chats": "chat", "chiens": "chien"}, limit=3)
    store.add({"chats": "autre", "oiseaux": "oiseau", "poissons": "poisson"}, limit=3)
    assert store.lookup(["chats", "chiens", "oiseaux", "poissons", "absent"]) == {
        "chats": "chat", "chiens": "chien", "oiseaux": "oiseau"}
    store.close()


def test_an_unusable_store_only_turns_itself_off(tmp_path):
    from detector.text.lemma_store import LemmaStore

    store = LemmaStore(tmp_path)  # a folder, not a database
    assert store.lookup(["chats"]) == {}
    store.add({"chats": "chat"}, limit=10)
    assert store.broken


KINDS = st.sampled_from(["word", "number", "punct", "quote", "symbol"])
NORMS = st.sampled_from(["les", "chats", "dort", "12", ",", "«", "#x", "ran", "été"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NORMS, KINDS), max_size=40), st.dictionaries(NORMS, NORMS))
def test_the_compiled_loop_finds_the_lemmas_map_and_compress_find(tokens, memo):
    # scripts/test-compiled.sh runs this again with the loop compiled, as fill_lemmas uses it there
    norms, kinds = [norm for norm, _ in tokens], [kind for _, kind in tokens]
    by_map = lemmas._known_by_map(norms, kinds, memo)
    assert lemmas._known_by_loop(norms, kinds, memo) == by_map
    found, unknown = by_map
    assert unknown == [k for k, (norm, kind) in enumerate(tokens) if kind == "word" and norm not in memo]
    assert [found[k] for k in range(len(tokens)) if k not in unknown] == [
        memo[norm] if kind == "word" else norm for k, (norm, kind) in enumerate(tokens) if k not in unknown]
