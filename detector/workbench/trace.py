"""Trace one rule on one text: why it fired, or why it did not.

The engine's matchers stay as they are (fast, silent). Tracing runs the same rule through a
recording subclass of the token-pattern matcher and through small re-statements of the
other kinds' steps, then takes the final verdict from the engine itself, so the trace can
never disagree with ``propalint check`` about whether the rule fires.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from detector.engine.context import DocContext, RawMatch
from detector.engine.cooccurrence import unit_of
from detector.engine.filters import STRUCTURAL, in_scope, overlaps_unless
from detector.engine.lexicon import entry_forms, entry_ref
from detector.engine.program import Program, _inline_lexicon
from detector.engine.reference import BudgetSpent, ReferenceMatcher
from detector.engine.tokenpattern import MAX_SOLUTIONS_TRIED, CompiledPattern
from detector.rules import pattern as P
from detector.rules.loader import RuleSet
from detector.rules.model import Rule
from detector.text import Document, load_document

# Elements that test tokens (or a position) themselves; everything else only combines them.
LEAVES = (P.Literal, P.LexiconRef, P.Lemma, P.TokenRegex, P.TokenClass, P.AnyToken, P.Negation,
          P.SentenceStart, P.SentenceEnd)
MAX_NEAR_MISSES = 10
MAX_NGRAMS_LISTED = 30


@dataclass
class Step:
    element: str  # the pattern element as written
    first: int  # token range [first, last)
    last: int
    lexicon: str | None = None


@dataclass
class Failure:
    element: str
    at: int  # token index where the element was tested
    reason: str


@dataclass
class Attempt:
    start: int  # token index the engine started from
    steps: list[Step] = field(default_factory=list)  # elements matched, in order
    end: int | None = None  # token index after the match, None when the attempt failed
    failure: Failure | None = None  # the furthest-reaching failure, when it failed
    skipped: str = ""  # why the engine did not try this start at all


@dataclass
class PatternTrace:
    label: str  # "pattern", "part 1", ...
    source: str
    tree: list[str]  # the compiled pattern, one node a line, indented
    starts: str  # what a match can start with, as the engine's prefilter sees it
    attempts: list[Attempt]
    skipped_sentences: list[str] = field(default_factory=list)  # words the prefilter looked for in vain


@dataclass
class Verdict:
    start: int  # analysis offsets of a raw match
    end: int
    text: str
    kept: bool
    reason: str


@dataclass
class RuleTrace:
    rule: Rule
    doc: Document
    patterns: list[PatternTrace] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # kind-specific findings, one a line
    verdicts: list[Verdict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def fired(self) -> bool:
        return any(v.kept for v in self.verdicts)


# --- the recording matcher ----------------------------------------------------------------

class TracingPattern(ReferenceMatcher):
    """The reference matcher, remembering for one start position every element that failed
    and the elements matched before it. Only used by the tracer: the engine never pays for it."""

    def __init__(self, node: P.Node):
        super().__init__(node)
        self._failures: list[tuple[tuple, P.Node, int, int]] = []

    def _m(self, node, ctx, i, lo, hi, ev, caps, budget):
        if not isinstance(node, LEAVES):
            yield from super()._m(node, ctx, i, lo, hi, ev, caps, budget)
            return
        matched = False
        for end, ev2, caps2 in super()._m(node, ctx, i, lo, hi, ev, caps, budget):
            matched = True
            if len(ev2) == len(ev):  # `_`, `!x` and anchors leave no evidence; the trace wants them
                ev2 = ev2 + ((node.source, i, end, None),)
            yield end, ev2, caps2
        if not matched:
            self._failures.append((ev, node, i, hi))

    def attempt(self, ctx: DocContext, i: int) -> Attempt:
        """What the engine does at start i, as the greedy first match or the furthest failure."""
        self._failures = []
        lo, hi = ctx.sentence_bounds[i]
        try:
            for end, ev, _ in self._m(self.node, ctx, i, lo, hi, (), (), [MAX_SOLUTIONS_TRIED]):
                if end > i:
                    return Attempt(i, _steps(ev), end)
        except BudgetSpent:
            return Attempt(i, failure=Failure("", i, "the backtracking budget ran out here"))
        if not self._failures:
            return Attempt(i, failure=Failure("", i, "the pattern can only match zero tokens here"))
        ev, node, at, hi = max(self._failures, key=lambda f: (f[2], len(f[0])))
        return Attempt(i, _steps(ev), failure=Failure(node.source, at, why_not(node, ctx, at, hi)))


def _steps(ev) -> list[Step]:
    return [Step(src, a, b, lex) for src, a, b, lex in ev]


def why_not(node: P.Node, ctx: DocContext, i: int, hi: int) -> str:
    """One sentence saying why a single element does not match at token i."""
    if isinstance(node, P.SentenceStart):
        return "not at the start of the sentence"
    if isinstance(node, P.SentenceEnd):
        rest = " ".join(t.text for t in ctx.tokens[i:hi])
        return f"the sentence goes on: {rest!r}"
    if i >= hi:
        return "the sentence ends here (patterns never cross a sentence)"
    tok = ctx.tokens[i]
    if isinstance(node, P.Literal):
        if len(node.words) == 1:
            return f"{tok.text!r} (normalised {tok.norm!r}) is not {node.words[0]!r}"
        got = [t.norm for t in ctx.tokens[i : min(hi, i + len(node.words))]]
        for k, word in enumerate(node.words):
            if k >= len(got):
                return f"the sentence ends before {word!r}"
            if got[k] != word:
                return f"word {k + 1} of {' '.join(node.words)!r} is {got[k]!r}, not {word!r}"
        return "no match"
    if isinstance(node, P.LexiconRef):
        return f"no entry of @{node.name} starts at {tok.text!r}"
    if isinstance(node, P.Lemma):
        return f"the lemma of {tok.text!r} is {tok.lemma!r}, not {node.lemma!r}"
    if isinstance(node, P.TokenRegex):
        return f"{tok.text!r} does not fully match {node.source}"
    if isinstance(node, P.TokenClass):
        return f"{tok.text!r} is a {tok.kind} token, not {node.source}"
    if isinstance(node, P.Negation):
        return f"{tok.text!r} is what {node.source} excludes"
    return f"{tok.text!r} does not match {node.source}"


# --- describing a pattern -----------------------------------------------------------------

def pattern_tree(node: P.Node, depth: int = 0) -> list[str]:
    pad = "  " * depth
    if isinstance(node, P.Sequence):
        head, children = "sequence", node.items
    elif isinstance(node, P.Alternatives):
        head, children = "any of", node.options
    elif isinstance(node, P.Repeat):
        head, children = f"repeat {node.min} to {node.max} times", (node.node,)
    elif isinstance(node, P.Capture):
        head, children = f"capture {{{node.name}}}", (node.node,)
    elif isinstance(node, P.Negation):
        return [f"{pad}one token that is not {node.test.source}"]
    else:
        return [f"{pad}{_leaf_name(node)}"]
    return [f"{pad}{head}"] + [line for child in children for line in pattern_tree(child, depth + 1)]


def _leaf_name(node: P.Node) -> str:
    if isinstance(node, P.Literal):
        return "word " + " ".join(repr(w) for w in node.words)
    if isinstance(node, P.LexiconRef):
        return f"an entry of @{node.name}"
    if isinstance(node, P.Lemma):
        return f"a token with lemma {node.lemma!r}"
    if isinstance(node, P.TokenRegex):
        return f"a token matching {node.source}"
    if isinstance(node, P.TokenClass):
        return f"a {node.source} token"
    if isinstance(node, P.AnyToken):
        return "any token"
    if isinstance(node, P.SentenceStart):
        return "sentence start"
    if isinstance(node, P.SentenceEnd):
        return "sentence end"
    return node.source


def _key_name(key) -> str:
    """A prefilter key of the engine, ("norm", "selon") or ("lex", "fr/x") or ("test", node), as written in a pattern."""
    kind, value = key
    if isinstance(value, P.Node):
        return value.source
    return {"lex": f"@{value}", "lemma": f"lemma:{value}"}.get(kind, str(value))


def _starts(compiled: CompiledPattern) -> str:
    if compiled.first is None:
        return "any token (every position is tried)"
    names = sorted({_key_name(k) for k in compiled.first})
    return ", ".join(names) if names else "nothing (the pattern only matches zero tokens)"


def trace_pattern(node: P.Node, ctx: DocContext, label: str) -> PatternTrace:
    """Every start the engine tries, in the engine's order, skipping starts inside a match."""
    compiled, tracer = CompiledPattern(node), TracingPattern(node)
    if compiled.needs_lemmas:
        ctx.doc.ensure_lemmas()
    attempts, next_free = [], 0
    for i in compiled.candidates(ctx):
        if i < next_free:
            attempts.append(Attempt(i, skipped="inside the previous match"))
            continue
        a = tracer.attempt(ctx, i)
        if a.end is not None:
            next_free = max(a.end, i + 1)
        attempts.append(a)
    missing = _missing_requirements(compiled, ctx)
    if missing and not attempts:
        # The engine tried nothing; show how far the pattern gets where its first element
        # stands anyway, since "why not here?" is the question being asked.
        for i in _first_positions(compiled, ctx):
            a = tracer.attempt(ctx, i)
            a.skipped = "not tried by the engine; traced for diagnosis"
            attempts.append(a)
    return PatternTrace(label, node.source, pattern_tree(node), _starts(compiled), attempts, missing)


def _first_positions(compiled: CompiledPattern, ctx: DocContext) -> list[int]:
    if compiled.first is None or not hasattr(ctx, "positions"):
        return []
    return sorted({i for key in compiled.first for i in ctx.positions(key)})


def _missing_requirements(compiled: CompiledPattern, ctx: DocContext) -> list[str]:
    """The engine skips sentences lacking a word every match needs; say which words no sentence has."""
    return [" or ".join(sorted({_key_name(k) for k in req})) for req in compiled.required if not ctx.sentence_mask(req)]


# --- kind-specific notes ------------------------------------------------------------------

def _phrase_notes(rule: Rule, ruleset: RuleSet, ctx: DocContext) -> list[str]:
    lexicons = {name: lex for p in ruleset.packs for name, lex in p.lexicons.items()}
    notes = []
    for name in rule.lexicons:
        lex = _inline_lexicon(rule, name) if name.startswith("rule:") else lexicons[name]
        label = "the rule's phrases" if name.startswith("rule:") else f"@{name} (matched on {lex.match})"
        found = ctx.lexicon_hits.get(name, {})
        if found:
            for first in sorted(found):
                for end, entry, lx in found[first]:
                    notes.append(f"{label}: entry {entry.text!r} ({entry_ref(entry, lx)}) found at tokens "
                                 f"{first}-{end - 1} {_text(ctx, first, end)!r}")
        else:
            notes.append(f"{label}: no entry found")
            notes += [f"  near miss: {m}" for m in _near_misses(lex, ctx)]
    return notes


def _near_misses(lex, ctx: DocContext) -> list[str]:
    """Entries whose first words occur in the text but which stop matching before their end."""
    doc_forms = [getattr(t, lex.match) for t in ctx.tokens]
    positions = defaultdict(list)
    for i, f in enumerate(doc_forms):
        positions[f].append(i)
    out = []
    for entry in lex.entries:
        forms = entry_forms(entry.text, ctx.doc.lang, lex.match)
        if len(forms) < 2:
            continue
        for i in positions.get(forms[0], ()):
            k = 0
            while k < len(forms) and i + k < len(doc_forms) and doc_forms[i + k] == forms[k]:
                k += 1
            if k < len(forms):
                found = repr(ctx.tokens[i + k].text) if i + k < len(ctx.tokens) else "the end of the text"
                out.append(f"{entry.text!r} ({entry_ref(entry, lex)}): {k} of {len(forms)} words match "
                           f"at token {i}, then {found} is not {forms[k]!r}")
                if len(out) >= MAX_NEAR_MISSES:
                    return out
    return out


def _regex_notes(rule: Rule, program: Program, ctx: DocContext) -> list[str]:
    compiled = program._regexes[rule.id].regex
    units = ctx.doc.sentences if rule.unit == "sentence" else ctx.doc.paragraphs
    notes = []
    for n, unit in enumerate(units, start=1):
        chunk = ctx.doc.text[unit.start : unit.end]
        guards = [g for g in rule.guard if g in chunk.lower()]
        if not guards:
            notes.append(f"{rule.unit} {n}: no guard among {list(rule.guard)}, so the regex is not run")
            continue
        try:
            found = list(compiled.finditer(chunk, timeout=0.2))
        except TimeoutError:
            notes.append(f"{rule.unit} {n}: guard {guards[0]!r} present; the regex timed out")
            continue
        if not found:
            notes.append(f"{rule.unit} {n}: guard {guards[0]!r} present; the regex finds nothing")
        for m in found:
            groups = ", ".join(f"{k}={v!r}" for k, v in m.groupdict().items() if v)
            notes.append(f"{rule.unit} {n}: guard {guards[0]!r} present; regex matches {m.group()!r}"
                         + (f" ({groups})" if groups else ""))
    return notes


def _cooccurrence_notes(rule: Rule, ctx: DocContext) -> list[str]:
    token_unit = unit_of(ctx, rule.unit)
    present: dict[int, list[int]] = defaultdict(list)
    notes = []
    for k, node in enumerate(rule.parts):
        matches = CompiledPattern(node).find_all(ctx)
        units = sorted({token_unit(ctx.token_at(m.start)) for m in matches})
        for u in units:
            present[u].append(k)
        shown = ", ".join(repr(ctx.doc.text[m.start : m.end]) for m in matches) or "nothing"
        notes.append(f"part {k + 1} `{node.source}` matches {shown}")
    for u in sorted(present):
        missing = [k + 1 for k in range(len(rule.parts)) if k not in present[u]]
        state = f"parts {missing} missing" if missing else "all parts present"
        notes.append(f"{rule.unit} {u + 1}: {state}")
    constraints = [f"max_distance {rule.max_distance}" if rule.max_distance is not None else "",
                   "ordered" if rule.ordered else ""]
    if any(constraints):
        notes.append("a combination must also satisfy: " + ", ".join(c for c in constraints if c))
    return notes


def _repetition_notes(rule: Rule, program: Program, ctx: DocContext) -> list[str]:
    """The n-grams that recur, and which of the rule's conditions each one meets."""
    tokens, stopwords = ctx.tokens, program._stopwords[rule.id]
    if rule.on == "lemma":
        ctx.doc.ensure_lemmas()
    form = [(t.lemma if rule.on == "lemma" else t.norm) if t.kind == "word" else None for t in tokens]
    content = [f is not None and len(f) > 1 and f not in stopwords for f in form]
    notes = []
    for n in range(rule.ngram[1], rule.ngram[0] - 1, -1):
        seen: dict[tuple, list[int]] = defaultdict(list)
        for i in range(len(tokens) - n + 1):
            window = form[i : i + n]
            if None not in window and tokens[i].sent == tokens[i + n - 1].sent:
                seen[tuple(window)].append(i)
        for key, starts in seen.items():
            if len(starts) < 2:
                continue
            i = starts[0]
            if not (content[i] and content[i + n - 1]):
                why = "starts or ends on a stopword or a one-letter word"
            elif sum(content[i : i + n]) < 2:
                why = "holds fewer than two content words"
            elif all(t.text[:1].isupper() for t in tokens[i : i + n] if content[t.i]):
                why = "is made of capitalised words only (a name)"
            elif len(starts) < rule.min_count:
                why = f"occurs {len(starts)} times, fewer than min_count {rule.min_count}"
            else:
                why = "counts (later occurrences are hits unless a longer n-gram covers them)"
            notes.append(f"{n}-gram {' '.join(key)!r} occurs {len(starts)} times: {why}")
            if len(notes) >= MAX_NGRAMS_LISTED:
                return notes + ["(more n-grams not listed)"]
    return notes or [f"no {rule.ngram[0]}- to {rule.ngram[1]}-gram of words occurs twice"]


# --- filters ------------------------------------------------------------------------------

def scope_reason(rule: Rule, ctx: DocContext, m: RawMatch) -> str | None:
    """Why the scope filter drops a match, or None when it keeps it."""
    if in_scope(rule, ctx, m):
        return None
    for scope in rule.exclude:
        if scope == "body":
            if not _region(ctx, STRUCTURAL, m.start):
                return "it is in the body, which the rule excludes"
            continue
        region = _region(ctx, (scope,), m.start)
        if region:
            return f"it is inside a {scope} the rule excludes: {ctx.doc.text[region[0]:region[1]]!r}"
    return f"it is outside the scopes the rule is limited to ({', '.join(rule.include)})"


def _region(ctx: DocContext, scopes, offset: int):
    for scope in scopes:
        for a, b in ctx.sorted_regions.get(scope, []):
            if a <= offset < b:
                return a, b
    return None


def _verdicts(rule: Rule, program: Program, ctx: DocContext) -> list[Verdict]:
    unless = [(node, CompiledPattern(node).find_all(ctx)) for node in rule.unless]
    out = []
    for m in program.raw_matches(rule, ctx):
        text = ctx.doc.text[m.start : m.end]
        reason = scope_reason(rule, ctx, m)
        if reason is None:
            for node, found in unless:
                hit = next((u for u in found if overlaps_unless(m, [u])), None)
                if hit:
                    reason = f"removed by unless `{node.source}`, which matches {ctx.doc.text[hit.start:hit.end]!r}"
                    break
        else:
            reason = "removed: " + reason
        out.append(Verdict(m.start, m.end, text, reason is None, reason or "kept: a hit"))
    return out


def _text(ctx: DocContext, first: int, last: int) -> str:
    a, b = ctx.span_of_tokens(first, last)
    return ctx.doc.text[a:b]


# --- entry point ---------------------------------------------------------------------------

def rule_program(ruleset: RuleSet, rule: Rule) -> Program:
    """A program holding only `rule`, whatever its status: cheap to build, and to reuse on many texts."""
    return Program(ruleset, rule.lang, preview=True, selected={rule.id}, rule_filter=lambda r: r is rule)


def trace_rule(ruleset: RuleSet, rule: Rule, text: str, *, fmt: str = "text", program: Program | None = None) -> RuleTrace:
    """Trace `rule` on `text` (read in the rule's language), whatever the rule's status."""
    doc = load_document(text, fmt=fmt, lang=rule.lang)
    doc.ensure_lemmas()  # the token table shows lemmas even when the rule does not use them
    program = program or rule_program(ruleset, rule)
    ctx = program.context(doc)
    trace = RuleTrace(rule, doc)
    if rule.kind == "pattern":
        trace.patterns.append(trace_pattern(rule.pattern, ctx, "pattern"))
    elif rule.kind == "cooccurrence":
        trace.notes = _cooccurrence_notes(rule, ctx)
        trace.patterns += [trace_pattern(n, ctx, f"part {k + 1}") for k, n in enumerate(rule.parts)]
    elif rule.kind == "phrase":
        trace.notes = _phrase_notes(rule, ruleset, ctx)
    elif rule.kind == "regex":
        trace.notes = _regex_notes(rule, program, ctx)
    elif rule.kind == "repetition":
        trace.notes = _repetition_notes(rule, program, ctx)
    trace.verdicts = _verdicts(rule, program, ctx)
    trace.warnings = list(ctx.warnings)
    return trace


# --- rendering -----------------------------------------------------------------------------

def render(trace: RuleTrace) -> str:
    rule, doc = trace.rule, trace.doc
    tokens = doc.tokens
    out = [f"rule {rule.id}  ({rule.kind}, {rule.lang}, {rule.status})  {rule.source}",
           f"pattern: {rule.pattern_text}"]
    if rule.unless:
        out.append("unless:  " + " | ".join(f"`{u.source}`" for u in rule.unless))
    out.append(f"scopes:  exclude {list(rule.exclude)}" + (f", include {list(rule.include)}" if rule.include else ""))
    out += ["", f"tokens ({len(tokens)}, {len(doc.sentences)} sentence(s)):"]
    width = max([len(t.text) for t in tokens] + [4])
    out.append(f"  {'#':>4} {'sent':>4}  {'form':<{width}}  {'norm':<{width}}  {'lemma':<{width}}  kind")
    for t in tokens:
        out.append(f"  {t.i:>4} {t.sent:>4}  {t.text:<{width}}  {t.norm:<{width}}  {t.lemma or '':<{width}}  {t.kind}")
    for pt in trace.patterns:
        out += ["", f"{pt.label} `{pt.source}` compiles to:"] + [f"  {line}" for line in pt.tree]
        out.append(f"a match can start with: {pt.starts}")
        for words in pt.skipped_sentences:
            out.append(f"every match needs {words}, and no sentence has it: the engine skips them all")
        if not pt.attempts:
            out.append("no token of the text can start a match, so nothing is tried")
        for a in pt.attempts:
            out += _render_attempt(a, tokens, doc.text)
    if trace.notes:
        out += ["", f"{rule.kind} details:"] + [f"  {n}" for n in trace.notes]
    out += ["", "matches and filters:"]
    if not trace.verdicts:
        out.append("  no match before filtering")
    for v in trace.verdicts:
        out.append(f"  {v.text!r} (chars {v.start}-{v.end}): {v.reason}")
    out += [f"warning: {w}" for w in trace.warnings]
    kept = sum(v.kept for v in trace.verdicts)
    out += ["", f"result: {rule.id} fires ({kept} hit(s))" if kept else f"result: {rule.id} does not fire"]
    return "\n".join(out)


def _render_attempt(a: Attempt, tokens, text: str) -> list[str]:
    head = f"  at token {a.start} {tokens[a.start].text!r}:"
    if a.skipped and not (a.steps or a.failure or a.end is not None):
        return [f"{head} not tried ({a.skipped})"]
    lines = [f"{head} ({a.skipped})" if a.skipped else head]
    for s in a.steps:
        span = repr(text[tokens[s.first].start : tokens[s.last - 1].end]) if s.last > s.first else "(zero width)"
        where = f"token {s.first}" if s.last - s.first == 1 else f"tokens {s.first}-{s.last - 1}"
        lines.append(f"    ✓ {s.element:<24} {where} {span}" + (f"  [{s.lexicon}]" if s.lexicon else ""))
    if a.end is not None:
        lines.append(f"    → match {text[tokens[a.start].start:tokens[a.end - 1].end]!r} (tokens {a.start}-{a.end - 1})")
    elif a.failure:
        where = f" at token {a.failure.at}" if a.failure.element else ""
        lines.append(f"    ✗ {a.failure.element:<24}{where}: {a.failure.reason}")
    return lines
