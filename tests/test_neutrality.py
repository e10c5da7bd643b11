"""Neutrality of the shipped rule packs (issue 3, item 3).

Rules detect rhetoric, not sides.  Two checks:

1. Swapping named entities in every rule example (one country, capital, leader, party or
   institution for another) must not change which rules fire on it.  A rule that fires on
   "the regime in Karesh" but not on "the regime in Valdoria" is taking a side.
2. No rule file or lexicon names a real person, party, country or outlet.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from detector.engine.program import Program
from detector.rules.loader import default_rules_dir, load_rules
from detector.text import load_document

# Pairs of interchangeable entities of the same kind and, for French, the same gender and
# elision, so the swapped sentence stays grammatical.  Each pair is swapped both ways.
SWAPS = {
    "en": [
        ("Moscow", "Kyiv"), ("Washington", "Beijing"), ("Brussels", "London"),
        ("Russia", "Ukraine"), ("France", "Germany"), ("Russian", "Ukrainian"),
        ("Putin", "Zelensky"), ("Biden", "Macron"), ("Democrats", "Republicans"),
        ("Valdoria", "Karesh"), ("Valdorian", "American"), ("Northland", "Tessaly"),
        ("Ostrel", "Varnia"),
    ],
    "fr": [
        ("Moscou", "Kiev"), ("Washington", "Pékin"), ("Bruxelles", "Londres"),
        ("Russie", "France"), ("Russes", "Ukrainiens"), ("Poutine", "Zelensky"),
        ("Macron", "Scholz"), ("OTAN", "ONU"), ("Valdorie", "Karéchie"),
        ("Ostrel", "Varnia"),
    ],
}

# Real people, parties, countries and outlets that must never appear in a rule or lexicon.
# Matched case-insensitively as whole words; the second list is matched with its case,
# because those names are also ordinary words ("trump card", "the guardian of").
DENY = [
    "putin", "poutine", "zelensky", "zelenskyy", "biden", "obama", "macron", "scholz",
    "erdogan", "orban", "netanyahu", "soros", "le pen", "mélenchon", "melenchon", "xi jinping",
    "russia", "russie", "ukraine", "china", "chine", "iran", "israel", "israël", "syria",
    "syrie", "united states", "états-unis", "etats-unis", "usa", "germany", "allemagne",
    "poland", "pologne", "united kingdom", "royaume-uni", "great britain",
    "cnn", "fox news", "bbc", "sputnik", "new york times", "washington post", "breitbart",
    "le figaro", "al jazeera", "fidesz", "afd", "rassemblement national", "france insoumise",
]
DENY_CASED = ["Trump", "Democrats", "Republicans", "Labour", "Tories", "GOP", "RT", "Le Monde", "The Guardian"]

RULES_DIR = default_rules_dir()


@pytest.fixture(scope="module")
def ruleset():
    rs = load_rules()
    assert not rs.errors, "\n".join(str(e) for e in rs.errors)
    return rs


def swap_entities(text: str, pairs: list[tuple[str, str]]) -> str:
    mapping = {a: b for a, b in pairs} | {b: a for a, b in pairs}
    names = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def firing(program: Program, lang: str, text: str) -> Counter:
    ctx = program.context(load_document(text, fmt="text", lang=lang))
    return Counter({r.id: len(program.kept_matches(r, ctx)) for r in program.rules if program.kept_matches(r, ctx)})


def examples(ruleset, lang: str):
    for rule in ruleset.rules:
        if rule.lang == lang:
            for text in list(rule.examples.hit) + list(rule.examples.ok):
                yield rule.id, text


def test_swap_is_a_real_swap():
    text = "The Moscow regime and the Kyiv regime"
    assert swap_entities(text, SWAPS["en"]) == "The Kyiv regime and the Moscow regime"
    assert swap_entities("Muscovites", SWAPS["en"]) == "Muscovites"  # whole names only


@pytest.mark.parametrize("lang", sorted(SWAPS))
def test_same_rules_fire_after_swapping_entities(ruleset, lang):
    if lang not in ruleset.languages():
        pytest.skip(f"no {lang} pack")
    program = Program(ruleset, lang, preview=True)
    swapped_count, differences = 0, []
    for rule_id, text in examples(ruleset, lang):
        swapped = swap_entities(text, SWAPS[lang])
        if swapped == text:
            continue
        swapped_count += 1
        before, after = firing(program, lang, text), firing(program, lang, swapped)
        if before != after:
            differences.append(f"{rule_id}: {text!r} -> {swapped!r}: {dict(before)} vs {dict(after)}")
    assert not differences, "\n".join(differences)
    # the check must not be vacuous: some examples of every pack name an actor
    assert swapped_count >= 3, f"only {swapped_count} {lang} examples contain a swappable entity"


def test_entities_of_rule_examples_fire_symmetrically_in_templates(ruleset):
    """Probe sentences built around each actor: every side of a pair gets the same treatment."""
    templates = {
        "en": ["Officials of the {x} regime refused to comment.", "The so-called {x} peace plan changed nothing."],
        "fr": ["Le régime de {x} a refusé de commenter.", "Le soi-disant plan de paix de {x} n'a rien changé."],
    }
    for lang, pairs in SWAPS.items():
        if lang not in ruleset.languages():
            continue
        program = Program(ruleset, lang, preview=True)
        for template in templates[lang]:
            for a, b in pairs:
                assert firing(program, lang, template.format(x=a)) == firing(program, lang, template.format(x=b)), (
                    template, a, b)


def rule_pack_files():
    for pack in sorted(p for p in RULES_DIR.iterdir() if p.is_dir()):
        yield from sorted(pack.rglob("*.yaml"))
        yield from sorted(pack.rglob("*.txt"))


def test_no_rule_or_lexicon_names_a_real_actor():
    insensitive = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, DENY)) + r")(?!\w)", re.IGNORECASE)
    cased = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, DENY_CASED)) + r")(?!\w)")
    found = []
    files = list(rule_pack_files())
    assert files, "no rule files found"
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in list(insensitive.finditer(line)) + list(cased.finditer(line)):
                found.append(f"{path.relative_to(RULES_DIR).as_posix()}:{number}: {m.group(0)!r}")
    assert not found, "rule packs name real actors:\n" + "\n".join(found)


def test_deny_list_catches_a_name():
    insensitive = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, DENY)) + r")(?!\w)", re.IGNORECASE)
    assert insensitive.search("the regime of Putin")
    assert not insensitive.search("the regime of the capital")
