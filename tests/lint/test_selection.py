"""Selectors and Ruff-style layered selection."""

from __future__ import annotations

import pytest

from detector.lint.selection import Layer, RuleSelection, applies, most_specific, specificity, split_selectors, unknown_selectors
from detector.rules.loader import load_rules

RULE, TECHNIQUE = "fr.doubt.so-called", "doubt"


@pytest.mark.parametrize("selector", ["ALL", "all", "fr", "fr.doubt", "fr.doubt.so-called", "doubt"])
def test_selectors_that_apply(selector):
    assert applies(selector, RULE, TECHNIQUE)


@pytest.mark.parametrize("selector", ["en", "fr.doub", "fr.doubt.so", "slogans", "fr.doubt.so-called.x"])
def test_selectors_that_do_not_apply(selector):
    assert not applies(selector, RULE, TECHNIQUE)


def test_specificity_orders_all_language_technique_prefix_rule():
    ranks = [specificity(s, RULE, TECHNIQUE) for s in ("ALL", "fr", "doubt", "fr.doubt", RULE)]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    assert most_specific(["doubt", "fr.doubt", "fr"], RULE, TECHNIQUE) == "fr.doubt"


def test_no_settings_enables_everything():
    assert RuleSelection().enabled(RULE, TECHNIQUE)


def test_select_starts_from_nothing():
    selection = RuleSelection([Layer(select=["slogans"])])
    assert not selection.enabled(RULE, TECHNIQUE)
    assert selection.enabled("fr.slogans.hashtag", "slogans")


def test_more_specific_ignore_beats_broad_select_and_vice_versa():
    layer = Layer(select=["doubt"], ignore=[RULE])
    assert not RuleSelection([layer]).enabled(RULE, TECHNIQUE)
    assert RuleSelection([layer]).enabled("fr.doubt.scare-quotes", TECHNIQUE)
    assert RuleSelection([Layer(select=[RULE], ignore=["doubt"])]).enabled(RULE, TECHNIQUE)


def test_ignore_wins_a_tie():
    assert not RuleSelection([Layer(select=["doubt"], ignore=["doubt"])]).enabled(RULE, TECHNIQUE)


def test_command_line_layer_wins_over_the_file():
    file_layer = Layer(select=[RULE])
    assert not RuleSelection([file_layer, Layer(ignore=["doubt"])]).enabled(RULE, TECHNIQUE)
    # a later select replaces the file's select entirely
    assert not RuleSelection([file_layer, Layer(select=["slogans"])]).enabled(RULE, TECHNIQUE)
    # extend-select adds to it
    both = RuleSelection([file_layer, Layer(extend_select=["slogans"])])
    assert both.enabled(RULE, TECHNIQUE) and both.enabled("en.slogans.hashtag", "slogans")


def test_split_selectors_accepts_commas_and_repeats():
    assert split_selectors(["doubt, fr.loaded", "slogans"]) == ["doubt", "fr.loaded", "slogans"]
    assert split_selectors(None) == []


def test_unknown_selectors_are_found_against_the_loaded_packs():
    ruleset = load_rules()
    known = ["ALL", "fr", "fr.doubt", "appeal-to-authority", "straw-man", ruleset.rules[0].id]
    assert unknown_selectors(known + ["fr.dobt", "appeal-to-authorty"], ruleset) == ["fr.dobt", "appeal-to-authorty"]
