"""The on-disk cache: hits for unchanged packs, misses for changed ones, bounded in size."""

import gc

import pytest

from detector import cache
from detector.rules.loader import load_rules
from helpers import run_fresh, write_pack


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


def test_compiled_programs_are_cached_per_rule_selection(tmp_path, monkeypatch):
    from detector.linter import Linter

    monkeypatch.setenv("PROPALINT_CACHE_DIR", str(tmp_path / "cache"))
    write_pack(tmp_path / "packs", RULE + RULE.replace("t.c", "t.e").replace("so-called", "alleged"))
    ruleset = load_rules([tmp_path / "packs"], include_default=False)
    text = "the so-called plan and the alleged plan"
    everything = Linter(ruleset).lint_text(text, lang="en").hits
    assert len(list((tmp_path / "cache").glob("program-*.pickle"))) == 1
    # a new process would read the program back: its hits are the same
    again = Linter(load_rules([tmp_path / "packs"], include_default=False)).lint_text(text, lang="en").hits
    assert [h.to_dict() for h in again] == [h.to_dict() for h in everything]
    assert {h.rule for h in everything} == {"t.c", "t.e"}
    # a selection is another program, never the cached one of all rules
    only_c = Linter(ruleset, rule_filter=lambda r: r.id == "t.c").lint_text(text, lang="en").hits
    assert {h.rule for h in only_c} == {"t.c"}
    assert len(list((tmp_path / "cache").glob("program-*.pickle"))) == 2


def test_a_stored_program_is_read_back(tmp_path, monkeypatch):
    """A load that fails is silent (the program is compiled again), so a build whose classes
    pickle but do not unpickle, as compiled ones did, would only show as a slower start."""
    from detector.engine.program import Program
    from detector.linter import Linter

    monkeypatch.setenv("PROPALINT_CACHE_DIR", str(tmp_path / "cache"))
    write_pack(tmp_path / "packs", RULE)
    fresh = Linter(load_rules([tmp_path / "packs"], include_default=False)).program("en")
    [stored] = (tmp_path / "cache").glob("program-*.pickle")
    loaded = cache.load(stored.name)
    assert isinstance(loaded, Program) and loaded is not fresh
    assert [r.id for r in loaded.rules] == [r.id for r in fresh.rules] == ["t.c"]
    served = Linter(load_rules([tmp_path / "packs"], include_default=False)).program("en")
    assert [r.id for r in served.rules] == ["t.c"] and served is not fresh


def test_a_cached_program_finds_what_a_fresh_one_finds_in_another_process(tmp_path):
    """A program read back from the cache by a process that compiled other languages first, or
    none, finds what a freshly compiled one finds: nothing pickled may depend on the order in
    which a process met the patterns (requirement bits are handed out per process)."""
    probe = (
        "import json, sys\n"
        "from detector.linter import Linter\n"
        "linter = Linter()\n"
        "for lang in sys.argv[1].split(','):\n"
        "    linter.program(lang)\n"
        "program = linter.program('en')\n"
        "texts = [t for rule in program.rules for t in (*rule.examples.hit, *rule.examples.ok)]\n"
        "print(json.dumps([[h.to_dict() for h in linter.lint_text(t, lang='en').hits] for t in texts]))\n"
    )
    cache_dir = tmp_path / "cache"
    writer = run_fresh(probe, cache_dir, "fr,en")  # compiles French first, then writes both
    readers = [run_fresh(probe, cache_dir, order) for order in ("en", "fr,en")]
    assert all(run.returncode == 0 for run in (writer, *readers)), [run.stderr for run in (writer, *readers)]
    assert list(cache_dir.glob("program-*.pickle"))
    assert readers[0].stdout == readers[1].stdout == writer.stdout
    assert '"rule"' in writer.stdout  # the examples do fire


def test_cache_keys_follow_the_engine_code(tmp_path, monkeypatch):
    write_pack(tmp_path / "packs", RULE)
    before = cache.files_key("rules", [tmp_path / "packs"])
    monkeypatch.setattr(cache, "_code_digest", "other code")
    assert cache.files_key("rules", [tmp_path / "packs"]) != before


def test_a_warm_start_parses_no_yaml_and_no_pattern(tmp_path):
    """With the packs in the cache, `check` imports neither PyYAML nor lark (about 0.1 s)."""
    article = tmp_path / "a.txt"
    article.write_text("The so-called experts agree.\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from detector.cli import main\n"
        f"main(['check', {str(article)!r}])\n"
        "print(sorted(m for m in ('yaml', 'lark', 'multiprocessing') if m in sys.modules))\n"
    )
    runs = [run_fresh(probe, tmp_path / "cache") for _ in range(2)]
    assert "'lark'" in runs[0].stdout.splitlines()[-1]  # the cold start parsed the packs
    assert runs[1].stdout.splitlines()[-1] == "[]"


class GcProbe:
    """Records whether the cyclic collector ran while it was unpickled."""

    collector_on_while_loading: bool | None = None

    def __init__(self):
        self.state = "something to set"  # an empty state would not call __setstate__

    def __setstate__(self, state):
        GcProbe.collector_on_while_loading = gc.isenabled()


def test_unpickling_pauses_the_collector_and_restores_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PROPALINT_CACHE_DIR", str(tmp_path))
    cache.store("rules-probe.pickle", [GcProbe()])
    assert gc.isenabled()
    assert isinstance(cache.load("rules-probe.pickle")[0], GcProbe)
    assert GcProbe.collector_on_while_loading is False
    assert gc.isenabled()
    gc.disable()
    try:
        cache.load("rules-probe.pickle")
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()


def test_only_the_command_line_freezes_what_it_loads(tmp_path):
    probe = (
        "import gc, sys\n"
        "from detector import cache\n"
        "cache.store('rules-x.pickle', {'a': [1, 2]})\n"
        "if sys.argv[1] == 'cli': cache.freeze_loads()\n"
        "cache.load('rules-x.pickle')\n"
        "print(gc.get_freeze_count())\n"
    )
    runs = {how: run_fresh(probe, tmp_path, how) for how in ("library", "cli")}
    assert all(run.returncode == 0 for run in runs.values())
    counts = {how: int(run.stdout) for how, run in runs.items()}
    assert counts["library"] == 0
    assert counts["cli"] > 1000  # the modules imported so far and the loaded value
