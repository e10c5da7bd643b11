"""Mine an annotated corpus for phrases that mark a technique and that no rule covers yet.

Every word n-gram (1 to 4 words, within a sentence) is counted where a phrase rule would see
it: outside attributed speech, which rules exclude by default. An occurrence is right when it
shares a character with a gold span of the technique (the hit-level precision of
``rules stats``). Candidates need support (right occurrences that no existing rule of the
technique already hits) and precision; they are then chosen greedily, best first, each
having to reach gold spans that the phrases chosen before it do not. Words that look like names
(capitalised inside a sentence anywhere in the corpus) never enter a candidate or an example:
rules detect rhetoric, not who is speaking or spoken of.

The result is a list of preview phrase rules, checked by loading them as a pack and running
their examples before anything is written.
"""

from __future__ import annotations

import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from detector import __version__
from detector.engine.program import Program
from detector.eval.corpus import AnnotatedDocument
from detector.rules.examples import test_rules
from detector.rules.loader import RuleSet, load_rules
from detector.text import Document, load_document

from .stats import smoothed_confidence

MAX_WORDS = 4
MAX_EXAMPLE_TOKENS = 30
OPENERS = {"«", '"', "'", "“", "‘", "(", "[", "—", "–", "-", ":", ";", "?", "!", "."}
MESSAGES = {
    "fr": "« {{match}} » peut relever de : {name} (règle suggérée, à relire).",
    "en": "\"{{match}}\" may be {name} (suggested rule, to review).",
}


@dataclass
class Occurrence:
    doc: int  # index in the corpus list
    first: int  # token range
    last: int
    start: int  # character range
    end: int
    right: bool  # shares a character with a gold span of the technique
    gold: tuple[int, ...] = ()  # indices of those gold spans in the document
    covered: bool = False  # an existing rule of the technique already hits here


@dataclass
class Candidate:
    words: tuple[str, ...]  # normalised forms
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(o.right for o in self.occurrences)

    @property
    def precision(self) -> float:
        return self.right / len(self.occurrences)

    @property
    def support(self) -> int:
        """Right occurrences that no existing rule of the technique already hits."""
        return sum(o.right and not o.covered for o in self.occurrences)

    def new_gold(self, taken: set[tuple[int, int]]) -> set[tuple[int, int]]:
        """Gold spans this candidate reaches that no rule (existing or chosen) reaches yet."""
        return {(o.doc, g) for o in self.occurrences if o.right and not o.covered for g in o.gold} - taken


@dataclass
class Suggestion:
    id: str
    phrase: str
    support: int  # right occurrences no existing rule hits
    right: int
    total: int
    confidence: float
    hit: list[str]
    ok: list[str]

    @property
    def precision(self) -> float:
        return self.right / self.total


@dataclass
class _Corpus:
    docs: list[AnnotatedDocument]
    parsed: list[Document]
    names: set[str]  # norms seen capitalised inside a sentence


def suggest(ruleset: RuleSet, docs: list[AnnotatedDocument], technique: str, lang: str, *,
            min_support: int = 2, min_precision: float = 0.6, limit: int = 10) -> list[Suggestion]:
    docs = [d for d in docs if d.lang == lang]
    corpus = _Corpus(docs, [load_document(d.text, fmt="text", lang=lang) for d in docs], set())
    corpus.names = _name_like_norms(corpus.parsed)
    stopwords = _stopwords(ruleset, lang)
    covered = _existing_hits(ruleset, corpus, technique, lang)
    candidates = _count_ngrams(corpus, technique, stopwords, covered)
    chosen, taken = [], set()
    ranked = sorted(candidates.values(), key=lambda c: (-c.precision, -c.right, len(c.words), c.words))
    for cand in ranked:
        if cand.support < min_support or cand.precision < min_precision:
            continue
        new = cand.new_gold(taken)
        if not new or any(_contains(cand.words, c.words) for c in chosen):
            continue  # it must reach gold spans the phrases chosen before it do not
        chosen.append(cand)
        taken |= new
        if len(chosen) >= limit:
            break
    used_ids = {r.id for r in ruleset.rules}
    out = []
    for cand in chosen:
        hit = _hit_examples(corpus, cand)
        ok = _ok_examples(corpus, cand, technique)
        if not hit or not ok:
            continue
        rule_id = _unique_id(f"{lang}.{technique}.suggested-{_slug(_phrase_text(corpus, cand))}", used_ids)
        used_ids.add(rule_id)
        out.append(Suggestion(rule_id, _phrase_text(corpus, cand), cand.support, cand.right,
                              len(cand.occurrences), smoothed_confidence(cand.right, len(cand.occurrences)), hit, ok))
    return out


# --- corpus facts ---------------------------------------------------------------------------

def _name_like_norms(parsed: list[Document]) -> set[str]:
    names = set()
    for doc in parsed:
        for t in doc.tokens:
            if _looks_like_name(doc, t):
                names.add(t.norm)
    return names


def _looks_like_name(doc: Document, t) -> bool:
    if t.kind != "word" or not t.text[:1].isupper():
        return False
    first = doc.sentences[t.sent].first if t.sent < len(doc.sentences) else t.i
    previous = doc.tokens[t.i - 1].text if t.i > 0 else ""
    # a capital after a sentence start, a quote or a colon is ordinary; elsewhere it marks a name
    return t.i != first and previous not in OPENERS and not previous.endswith(("'", "’"))


def _stopwords(ruleset: RuleSet, lang: str) -> set[str]:
    words = set()
    for pack in ruleset.packs:
        if pack.lang == lang:
            for name, lex in pack.lexicons.items():
                if name.endswith("/stopwords"):
                    words |= {e.text.lower().replace("’", "'") for e in lex.entries}
    return words


def _existing_hits(ruleset: RuleSet, corpus: _Corpus, technique: str, lang: str) -> list[list[tuple[int, int]]]:
    program = Program(ruleset, lang, preview=True, selected={r.id for r in ruleset.rules},
                      rule_filter=lambda r: r.technique == technique)
    return [[(h.start, h.end) for h in program.run(doc)[0]] for doc in corpus.parsed]


def _count_ngrams(corpus: _Corpus, technique: str, stopwords: set[str], covered) -> dict[tuple, Candidate]:
    candidates: dict[tuple, Candidate] = {}
    for d, (gold_doc, doc) in enumerate(zip(corpus.docs, corpus.parsed)):
        gold = [(k, s) for k, s in enumerate(gold_doc.spans) if s.technique == technique]
        speech = doc.regions.get("speech", [])
        tokens = doc.tokens
        for i in range(len(tokens)):
            for n in range(1, MAX_WORDS + 1):
                j = i + n
                if j > len(tokens) or tokens[j - 1].sent != tokens[i].sent:
                    break
                window = tokens[i:j]
                if window[-1].kind != "word" or window[-1].norm in corpus.names:
                    break  # a longer window would contain the same token
                if not _usable(window, stopwords):
                    continue
                start, end = window[0].start, window[-1].end
                if any(a <= start < b for a, b in speech):
                    break  # phrase rules do not fire in attributed speech
                reached = tuple(k for k, s in gold if s.start < end and start < s.end)
                occ = Occurrence(d, i, j, start, end, bool(reached), reached,
                                 any(a < end and start < b for a, b in covered[d]))
                key = tuple(t.norm for t in window)
                candidates.setdefault(key, Candidate(key)).occurrences.append(occ)
    return candidates


def _usable(window, stopwords: set[str]) -> bool:
    if any(t.kind != "word" for t in window):
        return False
    if window[-1].norm.endswith("'"):
        return False  # an elided article ("l'") is not the end of a phrase
    return any(len(t.norm) > 2 and t.norm not in stopwords for t in window)


def _contains(longer: tuple, shorter: tuple) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


# --- what to write ----------------------------------------------------------------------------

def _phrase_text(corpus: _Corpus, cand: Candidate) -> str:
    o = next((o for o in cand.occurrences if o.right), cand.occurrences[0])
    return " ".join(corpus.parsed[o.doc].text[o.start : o.end].split()).lower()


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words)[:40].strip("-") or "phrase"


def _unique_id(base: str, used: set[str]) -> str:
    rule_id, n = base, 2
    while rule_id in used:
        rule_id, n = f"{base}-{n}", n + 1
    return rule_id


def _clean_stretch(doc: Document, first: int, last: int, names: set[str]) -> str | None:
    """The text of the sentence around tokens [first, last), cut short of any name-like word."""
    sent = doc.sentences[doc.tokens[first].sent]
    lo, hi = first, last
    def clean(t):
        return t.norm not in names and not _looks_like_name(doc, t)

    while lo > sent.first and hi - lo < MAX_EXAMPLE_TOKENS // 2 and clean(doc.tokens[lo - 1]):
        lo -= 1
    while hi < sent.last and hi - lo < MAX_EXAMPLE_TOKENS and clean(doc.tokens[hi]):
        hi += 1
    if not all(clean(t) for t in doc.tokens[lo:hi]):
        return None
    text = " ".join(doc.text[doc.tokens[lo].start : doc.tokens[hi - 1].end].split())
    return text if hi - lo >= 3 else None


def _hit_examples(corpus: _Corpus, cand: Candidate, count: int = 2) -> list[str]:
    out = []
    for o in cand.occurrences:
        if o.right:
            text = _clean_stretch(corpus.parsed[o.doc], o.first, o.last, corpus.names)
            if text and text not in out:
                out.append(text)
        if len(out) == count:
            break
    return out


def _ok_examples(corpus: _Corpus, cand: Candidate, technique: str, count: int = 2) -> list[str]:
    """Sentences without the phrase and without the technique; first those sharing a word with it."""
    near, far = [], []
    for gold_doc, doc in zip(corpus.docs, corpus.parsed):
        marked = [s for s in gold_doc.spans if s.technique == technique]
        for sent in doc.sentences:
            words = tuple(t.norm for t in doc.tokens[sent.first : sent.last])
            if _contains(words, cand.words) or any(s.start < sent.end and sent.start < s.end for s in marked):
                continue
            if not 3 <= len(words) <= MAX_EXAMPLE_TOKENS or any(_looks_like_name(doc, t) or t.norm in corpus.names
                                                                for t in doc.tokens[sent.first : sent.last]):
                continue
            text = " ".join(doc.text[sent.start : sent.end].split())
            (near if set(words) & set(cand.words) else far).append(text)
    return (near + far)[:count]


def render_yaml(suggestions: list[Suggestion], technique: str, lang: str, technique_name: str, documents: int) -> str:
    q = _yaml_string
    lines = [
        f"# Rules suggested by `propalint rules suggest --technique {technique} --lang {lang}`",
        f"# from {documents} annotated documents. Each starts as a preview rule: read its",
        "# message and examples, widen or narrow it, then measure it with `propalint rules stats`.",
        "",
    ]
    template = MESSAGES.get(lang, MESSAGES["en"]).format(name=technique_name.replace("{", "").replace("}", ""))
    for s in suggestions:
        lines += [
            f"- id: {s.id}",
            "  kind: phrase",
            f"  technique: {technique}",
            "  status: preview",
            "  severity: info",
            f"  confidence: {s.confidence}  # {s.right} of {s.total} occurrences in a gold span, {s.support} not hit by another rule",
            f"  message: {q(template)}",
            "  phrases:",
            f"    - {q(s.phrase)}",
            "  examples:",
            "    hit:",
            *[f"      - {q(t)}" for t in s.hit],
            "    ok:",
            *[f"      - {q(t)}" for t in s.ok],
            "",
        ]
    if not suggestions:
        lines.append("[]  # nothing met the thresholds: try a lower --min-support or --min-precision")
    return "\n".join(lines) + ("\n" if not suggestions else "")


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is a subset of it)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def manifest(lang: str) -> str:
    return (f"name: suggested-{lang}\nversion: 0.0.1\nlanguage: {lang}\nmin_engine: {__version__}\n"
            "description: Rules suggested from an annotated corpus, to review.\n")


def keep_passing(yaml_text: str, suggestions: list[Suggestion], lang: str, render) -> tuple[list[Suggestion], str]:
    """Load the suggestions as a pack beside the shipped ones and drop any whose examples fail
    (an example read alone can fall into speech, or meet a near-identical phrase)."""
    for _ in range(len(suggestions) + 1):
        with tempfile.TemporaryDirectory() as tmp:
            pack = Path(tmp) / f"suggested-{lang}"
            pack.mkdir()
            (pack / "pack.yaml").write_text(manifest(lang), encoding="utf-8")
            (pack / "suggested.yaml").write_text(yaml_text, encoding="utf-8")
            ruleset = load_rules([pack])
            if ruleset.errors:
                raise ValueError("suggested rules do not load: " + "; ".join(map(str, ruleset.errors)))
            _, failures = test_rules(ruleset, [f"suggested-{lang}"])
        failing = {f.rule_id for f in failures}
        if not failing:
            return suggestions, yaml_text
        suggestions = [s for s in suggestions if s.id not in failing]
        yaml_text = render(suggestions)
    return suggestions, yaml_text
