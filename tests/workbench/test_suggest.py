"""`rules suggest`: phrases mined from a corpus, written as rules that load and pass their examples."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import write_pack

from detector.cli import main
from detector.eval import read_corpus
from detector.rules.examples import test_rules as run_examples
from detector.rules.loader import load_rules
from detector.workbench.suggest import keep_passing, render_yaml, suggest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
OTHER_RULE = """
- id: t.other
  kind: phrase
  technique: doubt
  message: "m"
  confidence: 0.5
  phrases: ["so-called"]
  examples: {hit: ["so-called"], ok: ["beta"]}
"""
TEXTS = [
    ("This sheer madness from Verdane must stop. The council met on a rainy morning.", "sheer madness from Verdane"),
    ("What sheer madness it was to close the bridge. The market opens at nine.", "sheer madness"),
    ("Such sheer madness cannot last. Farmers sold apples and pears at the market.", "sheer madness"),
    ("Verdane spoke at length about the budget. The madness of crowds is a book title.", None),
]


def _corpus(path: Path) -> Path:
    lines = []
    for n, (text, marked) in enumerate(TEXTS):
        spans = [] if marked is None else [{"start": text.index(marked), "end": text.index(marked) + len(marked),
                                            "technique": "loaded-language"}]
        lines.append(json.dumps({"id": f"d{n}", "lang": "en", "text": text, "spans": spans,
                                 "source": "written for the tests", "licence": "CC0-1.0"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_mines_the_most_precise_phrase_and_leaves_names_out(tmp_path):
    ruleset = load_rules([write_pack(tmp_path / "packs", OTHER_RULE)], include_default=False)
    found = suggest(ruleset, read_corpus([_corpus(tmp_path / "c.jsonl")]), "loaded-language", "en")
    assert found[0].phrase == "sheer"  # 3 of 3; "madness" is 3 of 4, "sheer madness" holds "sheer"
    assert (found[0].right, found[0].total, found[0].confidence) == (3, 3, 0.8)
    assert found[0].id == "en.loaded-language.suggested-sheer"
    everything = json.dumps([s.__dict__ for s in found]).lower()
    assert "verdane" not in everything  # neither in a phrase nor in an example
    assert found[0].hit[0] == "This sheer madness from"  # cut short of the name
    assert all("sheer" not in ok.lower() for ok in found[0].ok)


def test_written_rules_load_and_pass_their_examples(tmp_path):
    ruleset = load_rules([write_pack(tmp_path / "packs", OTHER_RULE)], include_default=False)
    found = suggest(ruleset, read_corpus([_corpus(tmp_path / "c.jsonl")]), "loaded-language", "en")

    def render(items):
        return render_yaml(items, "loaded-language", "en", "Loaded language", 4)

    kept, text = keep_passing(render(found), found, "en", render)
    assert kept == found
    pack = write_pack(tmp_path / "out", text, name="suggested-en")
    loaded = load_rules([pack], include_default=False)
    assert not loaded.errors and {r.status for r in loaded.rules} == {"preview"}
    count, failures = run_examples(loaded)
    assert count >= 2 and failures == []


def test_existing_rules_of_the_technique_cover_their_phrases(tmp_path):
    covering = OTHER_RULE.replace("technique: doubt", "technique: loaded-language").replace('["so-called"]', '["sheer"]')
    ruleset = load_rules([write_pack(tmp_path / "packs", covering)], include_default=False)
    found = suggest(ruleset, read_corpus([_corpus(tmp_path / "c.jsonl")]), "loaded-language", "en")
    assert all("sheer" not in s.phrase for s in found)


def test_cli_on_the_corpus_writes_a_pack_that_passes(tmp_path, capsys):
    out = tmp_path / "suggested" / "loaded-language.yaml"
    assert main(["rules", "suggest", str(CORPUS), "--technique", "loaded-language", "--lang", "en",
                 "--min-support", "2", "-o", str(out)]) == 0
    assert (out.parent / "pack.yaml").is_file()
    err = capsys.readouterr().err
    assert "rule(s) suggested for loaded-language (en)" in err
    assert main(["rules", "test", "suggested-en", "--rules", str(out.parent)]) == 0
    loaded = load_rules([out.parent], include_default=False)
    assert not loaded.errors
    for rule in loaded.rules:
        assert rule.technique == "loaded-language" and rule.kind == "phrase" and 0.05 <= rule.confidence <= 0.95


def test_unknown_technique_is_a_usage_error(capsys):
    assert main(["rules", "suggest", str(CORPUS), "--technique", "no-such-thing"]) == 2
