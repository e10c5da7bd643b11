"""The benchmark text: the repository's own annotated articles, reshuffled and repeated.

Only text the project already carries is used (corpus/*.jsonl). Each synthetic article is an
original article whose paragraphs after the headline are put in a new, seeded order, so
repeats are not byte-identical but keep the language and the density of techniques of real
articles. The same seed always gives the same corpus.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = (REPO / "corpus" / "en.jsonl", REPO / "corpus" / "fr.jsonl")


@dataclass(frozen=True)
class Article:
    id: str
    lang: str
    text: str
    origin: str = ""  # the id of the original article a synthetic one was made from

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def size(self) -> int:
        return len(self.text.encode("utf-8"))


def originals() -> list[Article]:
    out = []
    for path in SOURCES:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    out.append(Article(obj["id"], obj["lang"], obj["text"]))
    return out


def _reshuffle(article: Article, rng: random.Random, new_id: str) -> Article:
    head, *body = article.text.split("\n\n")
    rng.shuffle(body)
    return Article(new_id, article.lang, "\n\n".join([head, *body]), article.id)


def build(target_bytes: int, *, seed: int = 6, lang: str | None = None) -> list[Article]:
    """Articles in a shuffled order, about `target_bytes` of UTF-8 text in all."""
    rng = random.Random(seed)
    pool = [a for a in originals() if lang is None or a.lang == lang]
    out, total = [], 0
    while total < target_bytes:
        order = pool[:]
        rng.shuffle(order)
        for art in order:
            art = _reshuffle(art, rng, f"bench-{len(out):06d}")
            out.append(art)
            total += art.size
            if total >= target_bytes:
                break
    return out


def concatenated(articles: list[Article], per_doc: int) -> list[Article]:
    """Documents made of `per_doc` articles of one language each (for length scaling), in
    corpus order, never two made from the same original: an article twice in one document
    would be real repetition, with more hits, and the longer documents would then measure
    more work rather than more text. Articles left over at the end of a language are dropped."""
    out = []
    for lang in sorted({a.lang for a in articles}):
        pending = [a for a in articles if a.lang == lang]
        while len(pending) >= per_doc:
            group: list[Article] = []
            origins: set[str] = set()
            rest = []
            for a in pending:
                origin = a.origin or a.id
                if len(group) < per_doc and origin not in origins:
                    group.append(a)
                    origins.add(origin)
                else:
                    rest.append(a)
            if len(group) < per_doc:
                break
            out.append(Article(f"{lang}-x{per_doc}-{len(out)}", lang, "\n\n".join(a.text for a in group)))
            pending = rest
    return out


def write_jsonl(articles: list[Article], path: Path, *, with_lang: bool = False) -> None:
    """A `propalint batch` input file; without `lang`, language identification is part of the run."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for a in articles:
            obj = {"id": a.id, "text": a.text, **({"lang": a.lang} if with_lang else {})}
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")


def total_bytes(articles: list[Article]) -> int:
    return sum(a.size for a in articles)


def total_words(articles: list[Article]) -> int:
    return sum(a.words for a in articles)
