"""The on-disk cache: hits for unchanged packs, misses for changed ones, bounded in size."""

import pytest

from detector import cache
from detector.rules.loader import load_rules
from helpers import write_pack


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch):
    """These tests are about the cache: on, whatever the caller's environment says."""
    monkeypatch.delenv("PROPALINT_NO_CACHE", raising=False)

RULE = """\
- id: t.c
  kind: pattern
  technique: doubt
  confidence: 0.5
  message: m
  pattern: so-called :word
  examples: {hit: ["the so-called plan"], ok: ["the plan"]}
"""


def test_rule_sets_are_cached_by_pack_content(tmp_path, monkeypatch):
    monkeypatch.setenv("PROPALINT_CACHE_DIR", str(tmp_path / "cache"))
    write_pack(tmp_path / "packs", RULE)
    first = load_rules([tmp_path / "packs"], include_default=False)
    assert len(list((tmp_path / "cache").glob("rules-*.pickle"))) == 1
    again = load_rules([tmp_path / "packs"], include_default=False)
    assert [r.id for r in again.rules] == [r.id for r in first.rules] == ["t.c"]
    (tmp_path / "packs" / "pack-en" / "rules.yaml").write_text(RULE.replace("t.c", "t.d"), encoding="utf-8")
    changed = load_rules([tmp_path / "packs"], include_default=False)
    assert [r.id for r in changed.rules] == ["t.d"]  # a changed pack is never served from the cache


def test_cache_keeps_a_bounded_number_of_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("PROPALINT_CACHE_DIR", str(tmp_path))
    for i in range(cache.KEEP + 5):
        cache.store(f"rules-{i:04d}.pickle", {"n": i})
    assert len(list(tmp_path.glob("rules-*.pickle"))) == cache.KEEP
    assert cache.load(f"rules-{cache.KEEP + 4:04d}.pickle") == {"n": cache.KEEP + 4}


def test_a_corrupt_entry_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("PROPALINT_CACHE_DIR", str(tmp_path))
    (tmp_path / "rules-bad.pickle").write_bytes(b"not a pickle")
    assert cache.load("rules-bad.pickle") is None
