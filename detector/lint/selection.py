"""Rule selectors: `ALL`, a rule id, a rule-id prefix (`fr.doubt`) or a technique id (`doubt`).

Selection works as in Ruff. Settings come in layers (the config file, then the command
line). A layer with `select` starts from nothing, a layer without it keeps what the layer
before chose; within a layer the selectors that apply to a rule are applied from the least
to the most specific, an `ignore` after a `select` of the same specificity. So
`select = ["doubt"]` with `ignore = ["fr.doubt.scare-quotes"]` keeps every other doubt rule,
and `--ignore doubt` on the command line removes a `select`ed doubt rule from the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ALL = "ALL"


def specificity(selector: str, rule_id: str, technique: str) -> int | None:
    """How precisely `selector` names the rule, or None if it does not apply to it.

    ALL < a language prefix (`fr`) < a technique (`doubt`) < a longer prefix (`fr.doubt`)
    < the rule id itself.
    """
    if selector.upper() == ALL:
        return 0
    if selector == rule_id:
        return 100
    if selector == technique:
        return 3
    if rule_id.startswith(selector + "."):
        return 2 * selector.count(".") + 2  # `fr` -> 2, `fr.doubt` -> 4
    return None


def applies(selector: str, rule_id: str, technique: str) -> bool:
    return specificity(selector, rule_id, technique) is not None


def most_specific(selectors, rule_id: str, technique: str):
    """The selector among `selectors` that names the rule most precisely, or None."""
    best, best_rank = None, -1
    for selector in selectors:
        rank = specificity(selector, rule_id, technique)
        if rank is not None and rank > best_rank:
            best, best_rank = selector, rank
    return best


def split_selectors(values) -> list[str]:
    """Command-line values: repeatable and comma-separated (`--select doubt,slogans`)."""
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


@dataclass
class Layer:
    select: list[str] | None = None  # None: keep the previous layer's choice
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)

    def selectors(self):
        for selector in [*(self.select or ()), *self.extend_select]:
            yield selector, True
        for selector in self.ignore:
            yield selector, False


@dataclass
class RuleSelection:
    layers: list[Layer] = field(default_factory=list)

    def enabled(self, rule_id: str, technique: str) -> bool:
        state = True  # with no settings at all, every rule runs
        for layer in self.layers:
            if layer.select is not None:
                state = False
            ranked = []
            for selector, on in layer.selectors():
                rank = specificity(selector, rule_id, technique)
                if rank is not None:
                    ranked.append((rank, not on, on))
            for _, _, on in sorted(ranked):
                state = on
        return state


def exact_selections(selection: RuleSelection) -> frozenset[str]:
    """Selectors that may name a rule by its exact id: what lets a deprecated rule run."""
    return frozenset(sel for layer in selection.layers for sel, on in layer.selectors() if on and "." in sel)


def unknown_selectors(selectors, ruleset) -> list[str]:
    """Selectors that name no rule, no technique and no rule-id prefix of the loaded packs."""
    rule_ids = [r.id for r in ruleset.rules]
    redirects = {old for p in ruleset.packs for old in p.redirects}
    unknown = []
    for selector in selectors:
        if selector.upper() == ALL or selector in ruleset.techniques or selector in redirects:
            continue
        if not any(rid == selector or rid.startswith(selector + ".") for rid in rule_ids):
            unknown.append(selector)
    return unknown
