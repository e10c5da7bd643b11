"""Lemmas from simplemma, memoised per (language, normalised form).

The memo is also kept on disk between runs (``lemma_store.py``): simplemma takes about half
a second to load a language's dictionary, more than a short check takes otherwise, and a
word it has lemmatized once need never be asked again. Lemmas are a pure function of the
word and simplemma's version, which names the file, so the memo never changes a result.
"""

from __future__ import annotations

import atexit
import os
from itertools import compress, repeat
from operator import is_

from detector.compiled import is_compiled

from .case import lower

_LEMMAS: dict[str, dict[str, str]] = {}  # language -> normalised form -> lemma
_STORES: dict = {}  # language -> its LemmaStore on disk (None: caching off)
_new_words: dict[str, dict[str, str]] = {}  # language -> lemmas simplemma gave this run
MAX_PERSISTED = 300_000  # words per language kept on disk


def _simplemma():
    # imported on first need: it costs a fifth of a second, and a warm memo avoids it
    import simplemma

    return simplemma


def _memo_name(lang: str) -> str:
    return f"lemmas-{lang}-simplemma-{_simplemma_version()}.sqlite3"


def _simplemma_version() -> str:
    """simplemma's installed version, without importing it.

    Read from the name of the ``simplemma-X.dist-info`` folder next to the package: importing
    importlib.metadata costs about 30 ms, a tenth of a short `check`. Other layouts ask
    importlib.metadata."""
    from importlib.util import find_spec

    spec = find_spec("simplemma")
    if spec is not None and spec.origin:
        site = os.path.dirname(os.path.dirname(spec.origin))
        with os.scandir(site) as entries:
            found = [e.name for e in entries if e.name.startswith("simplemma-") and e.name.endswith(".dist-info")]
        if len(found) == 1:
            return found[0][len("simplemma-"):-len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("simplemma")
    except PackageNotFoundError:
        return "unknown"


def _store(lang: str):
    if lang not in _STORES:
        from detector import cache

        from .lemma_store import LemmaStore  # on first need: sqlite3 costs a few ms of a start

        path = cache.path(_memo_name(lang))
        _STORES[lang] = LemmaStore(path) if path is not None else None
    return _STORES[lang]


def _learn(lang: str, norms: list[str]) -> dict[str, str]:
    """Put the lemmas of `norms` (distinct, none in the memo yet) into the memo: from the
    store on disk, else from simplemma. Returns the language's memo."""
    memo = _LEMMAS.setdefault(lang, {})
    store = _store(lang)
    if store is not None:
        memo.update(store.lookup(norms))
    new = _new_words.setdefault(lang, {})
    for norm in norms:
        if norm not in memo:
            lemma = memo[norm] = lower(_simplemma().lemmatize(norm, lang=lang))
            if len(new) < MAX_PERSISTED:  # no more could be stored
                new[norm] = lemma
    return memo


def _persist() -> None:
    for lang, store in _STORES.items():
        if store is not None:
            store.add(_new_words.get(lang, {}), MAX_PERSISTED)
            store.close()


atexit.register(_persist)


def lemma_of(norm: str, lang: str) -> str:
    """Lower-case lemma of a normalised word form."""
    memo = _LEMMAS.get(lang)
    lemma = memo.get(norm) if memo is not None else None
    if lemma is None:
        lemma = _learn(lang, [norm])[norm]
    return lemma


def fill_lemmas(columns, lang: str) -> None:
    """Fill ``columns.lemmas``: each word's lemma, the norm for other kinds of token.

    A word costs one look-up in the language's memo; the words it lacks are asked of the
    store on disk in one query, and of simplemma only if the store lacks them too."""
    norms = columns.norms
    known = _known_by_loop if _LOOPS_COMPILED else _known_by_map
    lemmas, unknown = known(norms, columns.kinds, _LEMMAS.setdefault(lang, {}))
    if unknown:  # words the memo lacks
        memo = _learn(lang, list(dict.fromkeys(norms[k] for k in unknown)))
        for k in unknown:
            lemmas[k] = memo[norms[k]]
    columns.lemmas = lemmas


def _known_by_map(norms: list[str], kinds: list[str], memo: dict[str, str]) -> tuple[list, list[int]]:
    """The lemmas the memo knows (the norm for a token other than a word, None for a word it
    lacks), and the positions of the words it lacks; with C-level map and compress, which
    CPython runs fastest."""
    lemmas = list(map(memo.get, norms))
    for k in compress(range(len(norms)), map("word".__ne__, kinds)):
        lemmas[k] = norms[k]  # even where a word of the same spelling has a lemma
    if None not in lemmas:
        return lemmas, []
    return lemmas, list(compress(range(len(norms)), map(is_, lemmas, repeat(None))))


def _known_by_loop(norms: list[str], kinds: list[str], memo: dict[str, str]) -> tuple[list, list[int]]:
    """`_known_by_map` as one loop over the tokens: compiled by mypyc, it takes about half
    the time of map and compress, which CPython runs faster than a loop."""
    n = len(norms)
    lemmas: list[str | None] = [None] * n
    unknown: list[int] = []
    for k in range(n):
        norm = norms[k]
        if kinds[k] != "word":
            lemmas[k] = norm
        else:
            lemma = memo.get(norm)
            if lemma is None:
                unknown.append(k)
            lemmas[k] = lemma
    return lemmas, unknown


_LOOPS_COMPILED = is_compiled(_known_by_loop)
