"""A temporary copy of the shipped packs with ten times the lexicon entries, for the scaling test.

Synthetic entries are pronounceable non-words of one to three words, so they grow the
automata without adding hits: the question is what more *entries* cost, not more matches.
Entries go to the word lists the rules actually use (a lexicon no rule names is never
compiled), in proportion to their size; stop-word lists, which are plain sets, are left alone.
"""

from __future__ import annotations

import os
import random
import shutil
from contextlib import contextmanager
from pathlib import Path

from detector.rules.loader import default_rules_dir, load_rules
from detector.rules.pattern import lexicon_names

SYLLABLES = ("ka", "zu", "vor", "mip", "tel", "quo", "ran", "dex", "sil", "bru", "nak", "feo", "gri", "lum", "pov")


def _used_lexicons(ruleset) -> set[str]:
    used = set()
    for rule in ruleset.rules:
        used |= {n for n in rule.lexicons if not n.startswith("rule:")}
        for node in (rule.pattern, *rule.parts, *rule.unless):
            if node is not None:
                used |= lexicon_names(node)
    return used


def _pseudo_phrase(rng: random.Random) -> str:
    words = rng.choice((1, 1, 2, 3))
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(words))


def inflate(rules_root: Path, factor: int, *, seed: int = 6) -> dict:
    """Append synthetic entries in place so each used lexicon under `rules_root` has `factor` times its entries."""
    rng = random.Random(seed)
    ruleset = load_rules(include_default=False, extra_dirs=[str(p) for p in sorted(rules_root.iterdir())
                                                         if (p / "pack.yaml").is_file()])
    used = _used_lexicons(ruleset)
    added = 0
    for pack in ruleset.packs:
        inflatable = {name: lex for name, lex in pack.lexicons.items() if name in used}
        in_files = sum(len(lex.entries) for lex in inflatable.values())
        # phrase rules' inline `phrases:` live in YAML and are not inflated: the word-list files
        # take their share too, so the pack's automaton really holds `factor` times its entries
        inline = sum(len(rule.inline_phrases) for rule in pack.rules)
        scale = (factor - 1) * (in_files + inline) / in_files if in_files else 0
        for lex in inflatable.values():
            extra = [_pseudo_phrase(rng) for _ in range(round(len(lex.entries) * scale))]
            with open(lex.path, "a", encoding="utf-8") as fh:
                fh.write("\n# synthetic entries added by bench/lexicon_scale.py\n" + "\n".join(extra) + "\n")
            added += len(extra)
    return {"lexicons_inflated": len(used), "entries_added": added}


@contextmanager
def inflated_rules(tmp: Path, factor: int):
    """Yield the path of a rules folder copy whose used lexicons hold `factor` times their entries."""
    root = tmp / f"rules-x{factor}"
    shutil.copytree(default_rules_dir(), root)
    info = inflate(root, factor) if factor > 1 else {"lexicons_inflated": 0, "entries_added": 0}
    yield root, info


@contextmanager
def rules_dir(path: Path):
    """Make `path` the default rules folder for the duration (PROPALINT_RULES)."""
    before = os.environ.get("PROPALINT_RULES")
    os.environ["PROPALINT_RULES"] = str(path)
    try:
        yield
    finally:
        if before is None:
            del os.environ["PROPALINT_RULES"]
        else:
            os.environ["PROPALINT_RULES"] = before
