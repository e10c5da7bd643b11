"""A Program: the rules of one language compiled once, then run on any number of documents."""

from __future__ import annotations

from detector.compiled import mypyc_attr
from detector.explain import Hit, HitEvidence, LineIndex
from detector.rules.loader import RuleSet
from detector.rules.model import Lexicon, LexiconEntry, Rule, deprecation_warning, rule_enabled
from detector.rules.pattern import lexicon_names
from detector.text import Document

from . import cooccurrence, phrase, repetition
from .context import DocContext, RawMatch
from .filters import UnlessIndex, in_scope, unless_matches, whole_sentence_lengths
from .lexicon import LexiconAutomaton, entry_forms
from .regex_rule import CompiledRegex
from .tokenpattern import CompiledPattern


def select_rules(ruleset: RuleSet, lang: str, *, preview: bool = False, rule_filter=None,
                 selected=frozenset()) -> list[Rule]:
    """The rules of `ruleset` a Program of `lang` runs, in pack order."""
    return [
        r for p in ruleset.packs if p.lang == lang for r in p.rules
        if rule_enabled(r, preview=preview, selected=selected) and (rule_filter is None or rule_filter(r))
    ]


@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)  # pickled: see detector.compiled
class Program:
    def __init__(self, ruleset: RuleSet, lang: str, *, preview: bool = False, rule_filter=None, selected=frozenset()):
        self.lang = lang
        self.techniques = ruleset.techniques
        self.rules: list[Rule] = select_rules(ruleset, lang, preview=preview, rule_filter=rule_filter, selected=selected)
        # deprecated rules run only when selected by id, and then say so once per program
        self.lifecycle_warnings = [deprecation_warning(r) for r in self.rules if r.status == "deprecated"]
        all_lexicons = {name: lex for p in ruleset.packs for name, lex in p.lexicons.items()}
        used: dict[str, Lexicon] = {}
        self._patterns: dict[str, CompiledPattern] = {}
        self._parts: dict[str, list[CompiledPattern]] = {}
        # each `unless` with its sentence-length bounds when that is all it asks (see filters)
        self._unless: dict[str, list[tuple[CompiledPattern, tuple[int, int] | None]]] = {}
        self._regexes: dict[str, CompiledRegex] = {}
        self._stopwords: dict[str, set[str]] = {}
        for rule in self.rules:
            for name in rule.lexicons:
                if name.startswith("rule:"):
                    used[name] = _inline_lexicon(rule, name)
                else:
                    used[name] = all_lexicons[name]
            for node in (rule.pattern, *rule.parts, *rule.unless):
                for name in lexicon_names(node) if node is not None else ():
                    used[name] = all_lexicons[name]
            if rule.kind == "pattern":
                assert rule.pattern is not None  # the loader checks it
                self._patterns[rule.id] = CompiledPattern(rule.pattern)
            elif rule.kind == "cooccurrence":
                self._parts[rule.id] = [CompiledPattern(n) for n in rule.parts]
            elif rule.kind == "regex":
                self._regexes[rule.id] = CompiledRegex(rule)
            elif rule.kind == "repetition":
                self._stopwords[rule.id] = (
                    {f for e in all_lexicons[rule.stopwords].entries for f in entry_forms(e.text, lang, rule.on)}
                    if rule.stopwords else set()
                )
            self._unless[rule.id] = [(CompiledPattern(n), whole_sentence_lengths(n)) for n in rule.unless]
        self._build_triggers()
        self.automaton = LexiconAutomaton(sorted(used.values(), key=lambda lx: lx.name), lang)

    # --- running -------------------------------------------------------------------------------

    def context(self, doc: Document) -> DocContext:
        ctx = DocContext(doc, {})
        ctx.lexicon_hits = self.automaton.find_in(ctx.form_list)
        return ctx

    def raw_matches(self, rule: Rule, ctx: DocContext) -> list[RawMatch]:
        if rule.kind == "phrase":
            return phrase.find(rule, ctx)
        if rule.kind == "pattern":
            return self._patterns[rule.id].find_all(ctx)
        if rule.kind == "regex":
            return self._regexes[rule.id].find(ctx)
        if rule.kind == "cooccurrence":
            return cooccurrence.find(rule, ctx, self._parts[rule.id])
        return repetition.find(rule, ctx, self._stopwords[rule.id])

    def kept_matches(self, rule: Rule, ctx: DocContext) -> list[RawMatch]:
        matches = self.raw_matches(rule, ctx)
        for m in matches:
            if "hit" in m.captures:  # a capture named `hit` narrows what is reported
                m.start, m.end = m.captures["hit"]
        matches = [m for m in matches if in_scope(rule, ctx, m)]
        if matches and self._unless[rule.id]:
            # an `unless` match can only overlap a kept match in the same sentence
            sent_of = ctx.sent_of
            sentences = {sent_of[ctx.token_at(m.start)] for m in matches}
            unless = [u for compiled, lengths in self._unless[rule.id]
                      for u in unless_matches(compiled, lengths, ctx, sentences)]
            index = UnlessIndex(unless)
            matches = [m for m in matches if not index.overlaps(m)]
        return matches

    def _build_triggers(self) -> None:
        """Index rules by the words that can trigger them: every plan's anchor for a pattern,
        the lexicons of a phrase rule, and for a co-occurrence the triggers of each part,
        which must all be present since every part must match.

        A document then wakes only the rules whose trigger words it holds, in one pass over
        its vocabulary, instead of asking each rule in turn: most rules of a pack have nothing
        to look at in a given article. Regex rules screen themselves by their guards."""
        # trigger key -> the (rule id, part) pairs it wakes; a rule wakes when all its parts do
        self._triggers: dict[tuple, list[tuple[str, int]]] = {}
        self._always: set[str] = set()
        self._screened: set[str] = set()
        self._part_counts: dict[str, int] = {}  # rules of several triggered parts
        for rule in self.rules:
            if rule.kind not in ("pattern", "cooccurrence", "phrase"):
                continue
            self._screened.add(rule.id)
            parts = [keys for keys in self._rule_triggers(rule) if keys is not None]
            if not parts:
                self._always.add(rule.id)
                continue
            if len(parts) > 1:
                self._part_counts[rule.id] = len(parts)
            for k, keys in enumerate(parts):
                for key in keys:
                    self._triggers.setdefault(key, []).append((rule.id, k))
        by_kind = {kind: frozenset(value for k, value in self._triggers if k == kind) for kind in ("norm", "lex", "lemma")}
        self._trigger_norms, self._trigger_lemmas = by_kind["norm"], by_kind["lemma"]
        self._trigger_lexicons = sorted(by_kind["lex"])

    def _rule_triggers(self, rule: Rule) -> list[frozenset | None]:
        """For each part of the rule (a pattern and a phrase rule are one part), keys one of
        which a document must hold for that part to match; None when no set of words,
        lexicons and lemmas, which the vocabulary of a document answers, is known."""
        if rule.kind == "phrase":
            return [frozenset(("lex", name) for name in rule.lexicons) or None]
        parts = [self._patterns[rule.id]] if rule.kind == "pattern" else self._parts[rule.id]
        return [keys if keys is not None and all(kind in ("norm", "lex", "lemma") for kind, _ in keys) else None
                for keys in map(CompiledPattern.trigger_keys, parts)]

    def awake(self, ctx: DocContext) -> set[str]:
        """Screened rules that can match in this document (the others certainly cannot).

        The document's vocabulary is intersected with the trigger words in C; only the few
        words they share are looked up."""
        parts: set[tuple[str, int]] = set()
        triggers = self._triggers
        # each form of intersection loops over its right-hand side: put the smaller there
        # (an article's vocabulary is smaller than the trigger words; a long text's is not)
        vocabulary, trigger_norms = ctx.norm_positions, self._trigger_norms
        shared = (trigger_norms.intersection(vocabulary) if len(vocabulary) < len(trigger_norms)
                  else vocabulary.keys() & trigger_norms)
        for norm in shared:
            parts.update(triggers[("norm", norm)])
        for name in self._trigger_lexicons:
            if ctx.lexicon_hits.get(name):
                parts.update(triggers[("lex", name)])
        if self._trigger_lemmas:
            for lemma in self._trigger_lemmas & ctx.lemma_vocabulary:
                parts.update(triggers[("lemma", lemma)])
        active = set(self._always)
        counts = self._part_counts
        for rule_id, _ in parts:
            if rule_id not in counts:
                active.add(rule_id)
        for rule_id, count in counts.items():
            if all((rule_id, k) in parts for k in range(count)):
                active.add(rule_id)
        return active

    def asleep(self, rule: Rule, awake: set[str]) -> bool:
        """Whether `awake` (this document's) rules the rule out without running it."""
        return rule.id in self._screened and rule.id not in awake

    def run(self, doc: Document) -> tuple[list[Hit], list[str]]:
        """All hits in a document, sorted, with warnings (regex timeouts and the like)."""
        ctx = self.context(doc)
        lines = LineIndex(doc.original)
        hits: dict[tuple, Hit] = {}
        awake = self.awake(ctx)
        for rule in self.rules:
            if self.asleep(rule, awake):
                continue
            for m in self.kept_matches(rule, ctx):
                hit = self.make_hit(rule, m, doc, lines)
                hits.setdefault((hit.start, hit.end, hit.rule), hit)
        return sorted(hits.values(), key=Hit.sort_key), ctx.warnings

    def make_hit(self, rule: Rule, m: RawMatch, doc: Document, lines: LineIndex) -> Hit:
        smap, original = doc.source_map, doc.original
        if smap.is_identity:  # plain text: analysis offsets are original offsets, no map to ask
            start, end = m.start, m.end
            evidence = [HitEvidence(ev.element, ev.start, ev.end, original[ev.start:ev.end], ev.lexicon)
                        for ev in m.evidence]
        else:
            start, end = smap.start(m.start), smap.end(m.end)
            evidence = []
            for ev in m.evidence:
                a, b = smap.start(ev.start), smap.end(ev.end)
                evidence.append(HitEvidence(ev.element, a, b, original[a:b], ev.lexicon))
        line, column, end_line, end_column = lines.span(start, end)
        text = original[start:end]
        technique = self.techniques.get(rule.technique)
        if technique is None:
            technique_name, technique_definition = rule.technique, ""
        else:
            technique_name = technique.name.get(self.lang) or technique.name.get("en", "")
            technique_definition = technique.definition.get(self.lang) or technique.definition.get("en", "")
        # positional, in field order: 17 keywords cost a dataclass __init__ about 2.5 times as much
        return Hit(rule.id, rule.technique, start, end, line, column, end_line, end_column, text,
                   render_message(rule.message, text, m, doc), rule.severity, rule.confidence, rule.source,
                   rule.pattern_text, technique_name, technique_definition, evidence)


def render_message(template: str, text: str, m: RawMatch, doc: Document) -> str:
    match = " ".join(text.split())
    rest = template.replace("{match}", "")
    if "{" not in rest and "}" not in rest:
        # every brace belongs to a `{match}` (most templates): format_map would write just this
        return template.replace("{match}", match)
    values = {"match": match}
    for name, (a, b) in m.captures.items():
        values[name] = " ".join(doc.text[a:b].split())
    try:
        return template.format_map(_Default(values))
    except (ValueError, IndexError):
        return template


class _Default(dict):
    def __missing__(self, key):
        return ""


def _inline_lexicon(rule: Rule, name: str) -> Lexicon:
    """A phrase rule's own `phrases:` list, as a lexicon whose entries point at the rule file."""
    entries = [LexiconEntry(text, line) for text, line in rule.inline_phrases]
    return Lexicon(name, rule.path, rule.source.rsplit(":", 1)[0], entries, "norm")
