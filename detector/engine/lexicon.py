"""Every phrase of every lexicon of every rule, found in one Aho-Corasick pass per token form.

Entries are tokenized like documents, so "d’après" in a list matches "d'après" in text.
Token forms are joined with a separator that no token contains; keys carry the separator
on both sides, so a match always starts and ends on token boundaries.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

import ahocorasick

from detector.rules.model import Lexicon, LexiconEntry
from detector.text.lemmas import fill_lemmas
from detector.text.tokenizer import tokenize

SEP = "\x1f"


def entry_forms(text: str, lang: str, form: str) -> tuple[str, ...]:
    """An entry's tokens in the form it is matched on, tokenized exactly like documents."""
    tokens = tokenize(text)
    if form == "lemma":
        fill_lemmas(tokens, lang)
    return tuple(getattr(t, form).replace(SEP, "") for t in tokens)


class LexiconAutomaton:
    """One automaton per token form (norm, fold, lemma) over all lexicons of a program."""

    def __init__(self, lexicons: list[Lexicon], lang: str):
        self.forms_used: set[str] = set()
        self._automata: dict[str, ahocorasick.Automaton] = {}
        self.entry_count = 0
        keyed: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for lex in lexicons:
            for entry in lex.entries:
                forms = entry_forms(entry.text, lang, lex.match)
                if not forms:
                    continue
                key = SEP + SEP.join(forms) + SEP
                keyed[lex.match][key].append((len(forms), entry, lex))
                self.entry_count += 1
        for form, entries in keyed.items():
            automaton = ahocorasick.Automaton()
            for key, values in entries.items():
                automaton.add_word(key, tuple(values))
            automaton.make_automaton()
            self._automata[form] = automaton
            self.forms_used.add(form)

    def find(self, tokens, ensure_lemmas) -> dict[str, dict[int, list]]:
        """Return lexicon name -> first token index -> [(end token, entry, lexicon)], longest first."""
        found: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
        if not tokens:
            return found
        for form, automaton in self._automata.items():
            if form == "lemma":
                ensure_lemmas()
            parts = [getattr(t, form).replace(SEP, "") for t in tokens]
            # char offset at which each token's form starts in the joined stream
            starts, pos = [], 1
            for p in parts:
                starts.append(pos)
                pos += len(p) + 1
            stream = SEP + SEP.join(parts) + SEP
            for end_char, values in automaton.iter(stream):
                n_tokens = values[0][0]
                # the key ends on the separator after its last token
                last = bisect_left(starts, end_char) - 1
                first = last - n_tokens + 1
                for n, entry, lex in values:
                    found[lex.name][first].append((first + n, entry, lex))
        for per_lex in found.values():
            for matches in per_lex.values():
                matches.sort(key=lambda m: (-m[0], m[1].line))
        return found


def entry_ref(entry: LexiconEntry, lex: Lexicon) -> str:
    return f"{lex.display_path}:{entry.line}"
