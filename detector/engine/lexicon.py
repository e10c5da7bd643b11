"""Every phrase of every lexicon of every rule, found in one pass per token form.

Entries are tokenized like documents, so "d’après" in a list matches "d'après" in text.
The entries of each form make a trie of token forms, read from each entry's last token
back to its first: a phrase can only end on a token whose form ends some entry, and a
document holds few of those, so the walk starts there (found with set look-ups in C) and
goes back until no entry continues. Phrases tend to begin with the commonest words of a
language ("the", "de", "la", "à") and to end on rarer ones, so walking from the ends
starts about a third fewer walks than walking from the beginnings did.
"""

from __future__ import annotations

from collections import defaultdict
from operator import attrgetter

from detector.compiled import mypyc_attr
from detector.rules.model import Lexicon, LexiconEntry
from detector.text.lemmas import fill_lemmas
from detector.text.positions import where_in
from detector.text.tokenizer import tokenize_columns

ENDS = None  # key of a trie node's entries (every other key is a token form, a str)


def entry_forms(text: str, lang: str, form: str) -> tuple[str, ...]:
    """An entry's tokens in the form it is matched on, tokenized exactly like documents."""
    columns = tokenize_columns(text)
    if form == "lemma":
        fill_lemmas(columns, lang)
        return tuple(columns.lemmas or ())
    return tuple(columns.folds if form == "fold" else columns.norms)


@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)  # pickled: see detector.compiled
class LexiconAutomaton:
    """One trie per token form (norm, fold, lemma) over all lexicons of a program, each
    entry spelled from its last token to its first."""

    def __init__(self, lexicons: list[Lexicon], lang: str):
        self.forms_used: set[str] = set()
        self._tries: dict[str, dict] = {}
        self.entry_count = 0
        for lex in lexicons:
            for entry in lex.entries:
                forms = entry_forms(entry.text, lang, lex.match)
                if not forms:
                    continue
                node = self._tries.setdefault(lex.match, {})
                for f in reversed(forms):
                    node = node.setdefault(f, {})
                node.setdefault(ENDS, []).append((len(forms), entry, lex))
                self.entry_count += 1
        self.forms_used.update(self._tries)

    def find(self, tokens, ensure_lemmas) -> dict[str, dict[int, list]]:
        """Return lexicon name -> first token index -> [(end token, entry, lexicon)], longest first."""
        def forms_of(form: str) -> list[str]:
            if form == "lemma":
                ensure_lemmas()
            return list(map(attrgetter(form), tokens))

        return self.find_in(forms_of) if tokens else defaultdict(lambda: defaultdict(list))

    def find_in(self, forms_of) -> dict[str, dict[int, list]]:
        """As `find`, reading each form's per-token list from `forms_of(form)`: a document
        context builds those lists once and shares them with the pattern matchers."""
        found: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
        for form, trie in self._tries.items():
            forms = forms_of(form)
            for last, first, values in _walk(trie, forms):
                for n, entry, lex in values:
                    found[lex.name][first].append((first + n, entry, lex))
        for per_lex in found.values():
            for matches in per_lex.values():
                if len(matches) > 1:
                    matches.sort(key=lambda m: (-m[0], m[1].line))
        return found


def _walk(trie: dict, forms: list[str]) -> list[tuple[int, int, list]]:
    """(last token, first token, entries) of every entry in the token forms.

    In order of the last token, then of the first: the order in which a scan of the text
    meets the ends of the phrases, which is the order the first tokens are recorded in."""
    matches = []
    for last in where_in(forms, trie):
        node, first = trie[forms[last]], last
        while True:
            values = node.get(ENDS)
            if values is not None:
                matches.append((last, first, values))
            if first == 0:
                break
            first -= 1
            node = node.get(forms[first])
            if node is None:
                break
    # Found by last token, then by first token descending. No two matches share both
    # tokens (one trie node per token span), so the tuples sort without comparing entries.
    matches.sort()
    return matches


def entry_ref(entry: LexiconEntry, lex: Lexicon) -> str:
    return f"{lex.display_path}:{entry.line}"
