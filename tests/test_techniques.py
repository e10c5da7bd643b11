"""The technique taxonomy, rules/techniques.yaml, against the contract of DESIGN.md section 6."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from detector.eval import TECHNIQUE_IDS

TECHNIQUES_FILE = Path(__file__).resolve().parents[1] / "rules" / "techniques.yaml"

# DESIGN.md section 6, in its order, with the category of each technique.
CONTRACT = {
    "attack-on-reputation": [
        "name-calling-labeling", "guilt-by-association", "doubt", "appeal-to-hypocrisy",
        "questioning-the-reputation",
    ],
    "justification": [
        "flag-waving", "appeal-to-authority", "appeal-to-popularity", "appeal-to-values",
        "appeal-to-fear-prejudice",
    ],
    "simplification": [
        "causal-oversimplification", "false-dilemma-no-choice", "consequential-oversimplification",
    ],
    "distraction": ["straw-man", "red-herring", "whataboutism"],
    "call": ["slogans", "conversation-killer", "appeal-to-time"],
    "manipulative-wording": [
        "loaded-language", "obfuscation-vagueness-confusion", "exaggeration-minimisation",
        "repetition",
    ],
}  # fmt: skip

# The 14 SemEval-2020 (PTC) labels, and which techniques are new in 2023.
PTC2020_LABELS = {
    "Appeal_to_Authority", "Appeal_to_fear-prejudice", "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy", "Causal_Oversimplification", "Doubt",
    "Exaggeration,Minimisation", "Flag-Waving", "Loaded_Language", "Name_Calling,Labeling",
    "Repetition", "Slogans", "Thought-terminating_Cliches", "Whataboutism,Straw_Men,Red_Herring",
}  # fmt: skip
NEW_IN_2023 = {
    "questioning-the-reputation", "appeal-to-values", "consequential-oversimplification",
    "appeal-to-time", "obfuscation-vagueness-confusion",
}  # fmt: skip

TECHNIQUE_KEYS = {"id", "category", "name", "definition", "semeval2023", "ptc2020", "example"}
BILINGUAL_FIELDS = ("name", "definition", "example")


@pytest.fixture(scope="module")
def taxonomy():
    with TECHNIQUES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def techniques(taxonomy):
    return {entry["id"]: entry for entry in taxonomy["techniques"]}


def test_exactly_the_23_contract_ids_in_order(taxonomy):
    ids = [entry["id"] for entry in taxonomy["techniques"]]
    assert ids == [t for group in CONTRACT.values() for t in group]
    assert len(set(ids)) == 23
    assert set(ids) == TECHNIQUE_IDS


def test_categories(taxonomy, techniques):
    categories = taxonomy["categories"]
    assert [c["id"] for c in categories] == list(CONTRACT)
    for category in categories:
        assert set(category) == {"id", "name", "colour"}
        assert category["name"]["en"].strip() and category["name"]["fr"].strip()
    for category, members in CONTRACT.items():
        for technique in members:
            assert techniques[technique]["category"] == category


def _relative_luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_category_colours_are_distinct_and_readable_on_white(taxonomy):
    colours = [c["colour"] for c in taxonomy["categories"]]
    assert len(set(colours)) == len(colours)
    for colour in colours:
        assert re.fullmatch(r"#[0-9a-f]{6}", colour)
        contrast = 1.05 / (_relative_luminance(colour) + 0.05)
        assert contrast >= 4.5, (colour, contrast)  # WCAG AA for normal text


@pytest.mark.parametrize("technique_id", sorted(TECHNIQUE_IDS))
def test_technique_entry(techniques, technique_id):
    entry = techniques[technique_id]
    assert set(entry) == TECHNIQUE_KEYS
    for field in BILINGUAL_FIELDS:
        assert set(entry[field]) == {"en", "fr"}, field
        en, fr = entry[field]["en"], entry[field]["fr"]
        assert isinstance(en, str) and en.strip() and isinstance(fr, str) and fr.strip()
        if field != "name":  # a few names (Slogans, Justification) are the same word
            assert en != fr, f"{field} is not written in both languages"
    for lang in ("en", "fr"):
        sentences = re.findall(r"[.!?](?:\s|$)", entry["definition"][lang])
        assert 1 <= len(sentences) <= 3, (lang, entry["definition"][lang])
        assert "\n" not in entry["definition"][lang]
        assert len(re.findall(r"[.!?](?:\s|$)", entry["example"][lang])) == 1


@pytest.mark.parametrize("technique_id", sorted(TECHNIQUE_IDS))
def test_semeval_mappings(techniques, technique_id):
    entry = techniques[technique_id]
    assert entry["semeval2023"].lower().replace("_", "-") == technique_id
    assert isinstance(entry["ptc2020"], list)
    assert set(entry["ptc2020"]) <= PTC2020_LABELS
    assert (entry["ptc2020"] == []) == (technique_id in NEW_IN_2023)


def test_every_ptc2020_label_maps_somewhere(techniques):
    mapped = {label for entry in techniques.values() for label in entry["ptc2020"]}
    assert mapped == PTC2020_LABELS
