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

from .tokenizer import Token
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
def _profiled() -> frozenset[str]:
    return frozenset(profile("fr")).union(profile("en"))


def identify(tokens: list[Token]) -> str:
    """``"fr"`` or ``"en"`` for a token list."""
    french, english = profile("fr"), profile("en")
    profiled = _profiled()
    # Function words only: adding 0.0 for the others would not change a score. The weights
    # are still added one by one in text order, so the sums round exactly as before.
    found = [token.fold for token in tokens[:MAX_TOKENS] if token.kind == "word" and token.fold in profiled]
    score_fr = score_en = 0.0
    for word in found:
        score_fr += french.get(word, 0.0)
        score_en += english.get(word, 0.0)
    return "fr" if score_fr > score_en else DEFAULT
