"""A small JSONL corpus for the scale tests: the repository's articles plus two edge cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

def corpus_records() -> list[dict]:
    """Every article of corpus/, plus a short Markdown document and one with an explicit language."""
    records = []
    for name in ("en.jsonl", "fr.jsonl"):
        with open(REPO / "corpus" / name, encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                records.append({"id": obj["id"], "text": obj["text"]})
    records.append({"id": "md-1", "text": "# Crisis\n\nA *so-called* plan, according to experts.\n", "format": "markdown"})
    records.append({"id": 7, "text": "Officials said the plan is a disaster.", "lang": "en"})
    return records


@pytest.fixture()
def corpus_jsonl(tmp_path) -> Path:
    path = tmp_path / "in.jsonl"
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for rec in corpus_records():
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
