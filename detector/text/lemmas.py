"""Lemmas from simplemma, memoised per (language, normalised form)."""

from __future__ import annotations

import simplemma

_LEMMAS: dict[tuple[str, str], str] = {}


def lemma_of(norm: str, lang: str) -> str:
    """Lower-case lemma of a normalised word form."""
    key = (lang, norm)
    lemma = _LEMMAS.get(key)
    if lemma is None:
        lemma = _LEMMAS[key] = simplemma.lemmatize(norm, lang=lang).lower()
    return lemma


def fill_lemmas(tokens, lang: str) -> None:
    """Set ``lemma`` on every token: the word's lemma, or the norm for other kinds."""
    memo = _LEMMAS
    for token in tokens:
        if token.kind == "word":
            lemma = memo.get((lang, token.norm))
            token.lemma = lemma if lemma is not None else lemma_of(token.norm, lang)
        else:
            token.lemma = token.norm
