"""The lexicon pass against the passes it replaced (Aho-Corasick, then a trie walked from the
first token of each phrase), order of the findings included."""

from collections import defaultdict
from pathlib import Path

import ahocorasick
import pytest
from hypothesis import given, settings, strategies as st

from detector.engine.lexicon import LexiconAutomaton, entry_forms
from detector.rules.model import Lexicon, LexiconEntry
from detector.text.lemmas import fill_lemmas
from detector.text.tokenizer import tokenize, tokenize_columns

SEP = "\x1f"


class ReferenceAutomaton:
    """Engine 0.1: token forms joined with a separator, one Aho-Corasick pass per form."""

    def __init__(self, lexicons, lang):
        self._automata = {}
        keyed = defaultdict(lambda: defaultdict(list))
        for lex in lexicons:
            for entry in lex.entries:
                forms = entry_forms(entry.text, lang, lex.match)
                if forms:
                    keyed[lex.match][SEP + SEP.join(forms) + SEP].append((len(forms), entry, lex))
        for form, entries in keyed.items():
            automaton = ahocorasick.Automaton()
            for key, values in entries.items():
                automaton.add_word(key, tuple(values))
            automaton.make_automaton()
            self._automata[form] = automaton

    def find(self, tokens):
        found = defaultdict(lambda: defaultdict(list))
        for form, automaton in self._automata.items():
            parts = [getattr(t, form).replace(SEP, "") for t in tokens]
            starts, pos = [], 1
            for p in parts:
                starts.append(pos)
                pos += len(p) + 1
            stream = SEP + SEP.join(parts) + SEP
            for end_char, values in automaton.iter(stream):
                last = sum(1 for s in starts if s < end_char) - 1
                first = last - values[0][0] + 1
                for n, entry, lex in values:
                    found[lex.name][first].append((first + n, entry, lex))
        return _longest_first(found)


def _longest_first(found):
    """The engine's order of the phrases found at one token: longest first, then by line."""
    for per_lex in found.values():
        for matches in per_lex.values():
            matches.sort(key=lambda m: (-m[0], m[1].line))
    return found


class ForwardTrieAutomaton:
    """Engine 0.2: one trie per form spelled from each entry's first token, walked forward
    from every token whose form begins some entry."""

    def __init__(self, lexicons, lang):
        self._tries = {}
        for lex in lexicons:
            for entry in lex.entries:
                forms = entry_forms(entry.text, lang, lex.match)
                if forms:
                    node = self._tries.setdefault(lex.match, {})
                    for f in forms:
                        node = node.setdefault(f, {})
                    node.setdefault(None, []).append((len(forms), entry, lex))

    def find(self, tokens):
        found = defaultdict(lambda: defaultdict(list))
        for form, trie in self._tries.items():
            forms = [getattr(t, form) for t in tokens]
            matches = []
            for first in range(len(forms)):
                node, last = trie.get(forms[first]), first
                while node is not None:
                    if None in node:
                        matches.append((last, first, node[None]))
                    last += 1
                    node = node.get(forms[last]) if last < len(forms) else None
            matches.sort(key=lambda m: (m[0], m[1]))
            for last, first, values in matches:
                for n, entry, lex in values:
                    found[lex.name][first].append((first + n, entry, lex))
        return _longest_first(found)


def _plain(found):
    """Everything a consumer can see, in the order it sees it."""
    return [(name, [(first, [(end, e.text, e.line, lx.name) for end, e, lx in ms]) for first, ms in per.items()])
            for name, per in found.items()]


WORDS = ["the", "The", "war", "wars", "lasting", "peace", "peaces", "of", "so-called", "plan", "d'après", "it"]
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
lexicon_specs = st.lists(st.tuples(st.lists(phrases, min_size=1, max_size=8), st.sampled_from(["norm", "lemma", "fold"])),
                         min_size=1, max_size=4)
documents = st.lists(st.sampled_from(WORDS + [",", "."]), max_size=60).map(" ".join)


def _lexicons(specs):
    return [Lexicon(f"lex{k}", Path(f"lex{k}.txt"), f"lex{k}.txt",
                    [LexiconEntry(text, line) for line, text in enumerate(entries, 1)], match)
            for k, (entries, match) in enumerate(specs)]


@pytest.mark.parametrize("reference", [ReferenceAutomaton, ForwardTrieAutomaton], ids=["aho-corasick", "forward-trie"])
@settings(max_examples=300, deadline=None)
@given(specs=lexicon_specs, text=documents)
def test_the_lexicon_pass_agrees_with_its_references(reference, specs, text):
    lexicons = _lexicons(specs)
    columns = tokenize_columns(text)
    fill_lemmas(columns, "en")
    tokens = columns.tokens()
    expected = reference(lexicons, "en").find(tokens)
    got = LexiconAutomaton(lexicons, "en").find(tokens, lambda: None)
    assert _plain(got) == _plain(expected)


def test_phrases_at_both_ends_of_the_text_are_found():
    lexicons = _lexicons([(["the war", "war", "plan", "lasting peace of it", "it"], "norm")])
    tokens = tokenize("The war plan of lasting peace of it")
    got = LexiconAutomaton(lexicons, "en").find(tokens, lambda: None)
    assert _plain(got) == _plain(ForwardTrieAutomaton(lexicons, "en").find(tokens))
    assert [first for _, per in _plain(got) for first, _ in per] == [0, 1, 2, 4, 7]


def test_overlapping_entries_are_recorded_longest_first():
    lexicons = _lexicons([(["lasting peace", "peace", "lasting peace of it", "peace of it"], "norm")])
    tokens = tokenize("A lasting peace of it, peace.")
    got = LexiconAutomaton(lexicons, "en").find(tokens, lambda: None)
    assert _plain(got) == [("lex0", [(1, [(5, "lasting peace of it", 3, "lex0"), (3, "lasting peace", 1, "lex0")]),
                                     (2, [(5, "peace of it", 4, "lex0"), (3, "peace", 2, "lex0")]),
                                     (6, [(7, "peace", 2, "lex0")])])]
