"""Lemmas from simplemma, memoised per (language, normalised form).

The memo is also kept on disk between runs (detector/cache.py): simplemma takes about half
a second to load a language's dictionary, more than a short check takes otherwise, and a
word it has lemmatized once need never be asked again. Lemmas are a pure function of the
word and simplemma's version, which keys the file, so the memo never changes a result.
"""

from __future__ import annotations

import atexit
import os

from .case import lower

_LEMMAS: dict[str, dict[str, str]] = {}  # language -> normalised form -> lemma
_loaded_langs: set[str] = set()
_new_words: dict[str, int] = {}
MAX_PERSISTED = 300_000  # words per language kept on disk


def _simplemma():
    # imported on first need: it costs a fifth of a second, and a warm memo avoids it
    import simplemma

    return simplemma


def _memo_name(lang: str) -> str:
    return f"lemmas-{lang}-simplemma-{_simplemma_version()}.pickle"


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


def _load_persisted(lang: str) -> None:
    from detector import cache

    _loaded_langs.add(lang)
    stored = cache.load(_memo_name(lang))
    if isinstance(stored, dict):
        memo = _LEMMAS.setdefault(lang, {})
        for norm, lemma in stored.items():
            if isinstance(norm, str) and isinstance(lemma, str):
                memo.setdefault(norm, lemma)


def _persist() -> None:
    from detector import cache

    for lang, added in _new_words.items():
        if not added:
            continue
        words = dict(_LEMMAS.get(lang, {}))
        if len(words) > MAX_PERSISTED:
            words = dict(list(words.items())[-MAX_PERSISTED:])
        cache.store(_memo_name(lang), words)


atexit.register(_persist)


def lemma_of(norm: str, lang: str) -> str:
    """Lower-case lemma of a normalised word form."""
    memo = _LEMMAS.get(lang)
    lemma = memo.get(norm) if memo is not None else None
    if lemma is None:
        if lang not in _loaded_langs:
            _load_persisted(lang)
            lemma = _LEMMAS.get(lang, {}).get(norm)
            if lemma is not None:
                return lemma
        lemma = _LEMMAS.setdefault(lang, {})[norm] = lower(_simplemma().lemmatize(norm, lang=lang))
        _new_words[lang] = _new_words.get(lang, 0) + 1
    return lemma


def fill_lemmas(tokens, lang: str) -> None:
    """Set ``lemma`` on every token: the word's lemma, or the norm for other kinds.

    simplemma is asked once per distinct form (lemma_of memoises); a token costs one
    look-up in the language's memo."""
    if lang not in _loaded_langs:
        _load_persisted(lang)
    known = _LEMMAS.setdefault(lang, {}).get
    for token in tokens:
        if token.kind == "word":
            token.lemma = known(token.norm) or lemma_of(token.norm, lang)  # ("" is asked again: same "")
        else:
            token.lemma = token.norm
