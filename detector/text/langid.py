"""French or English, from weighted function-word profiles.

Each language has a list of function words with weights (``data/stopwords-<lang>.txt``);
a document scores the sum of the weights of its word tokens (folded) found in each list,
over at most its first ``MAX_TOKENS`` tokens. The higher score wins. Ties, including texts
with no function word at all (empty, numbers only, another language), give ``"en"``:
a fixed answer keeps the result deterministic, and English rule packs are the more
conservative default for text we cannot identify.
"""

from __future__ import annotations

from functools import lru_cache

from .positions import where_in
from .tokenizer import TokenColumns
from .wordlists import load_list

LANGUAGES = ("fr", "en")
DEFAULT = "en"
MAX_TOKENS = 20_000


@lru_cache(maxsize=None)
def profile(lang: str) -> dict[str, float]:
    weights = {}
    for entry in load_list(f"stopwords-{lang}.txt"):
        word, _, weight = entry.rpartition(" ")
        weights[word] = float(weight)
    return weights


@lru_cache(maxsize=None)
def _weights() -> dict[str, tuple[float, float]]:
    """Each function word of either profile: its French and its English weight (0.0 when
    the other profile lacks it), so a token costs one look-up instead of two."""
    french, english = profile("fr"), profile("en")
    return {word: (french.get(word, 0.0), english.get(word, 0.0)) for word in (*french, *english)}


def identify(columns: TokenColumns) -> str:
    """``"fr"`` or ``"en"`` for the tokens of a text."""
    weights = _weights()
    folds, kinds = columns.folds[:MAX_TOKENS], columns.kinds
    # Function words only: adding 0.0 for the others would not change a score. The fold is
    # tested first because most tokens are not function words, while most are words. The
    # weights are still added one by one in text order, so the sums round exactly as before.
    found = [weights[folds[k]] for k in where_in(folds, weights) if kinds[k] == "word"]
    score_fr = score_en = 0.0
    for french, english in found:
        score_fr += french
        score_en += english
    return "fr" if score_fr > score_en else DEFAULT
