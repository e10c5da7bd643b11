"""Rule kind `regex`: a regex over the text of a sentence or paragraph, run only where a guard occurs.

Guards are plain substrings checked with ``in`` (fast, C-level): the regex engine, the
costliest thing a rule can ask for, only sees units that can possibly match.  The guards are
looked for in the whole lowered text first, which every regex rule of a document shares;
most documents hold none of a rule's guards, and then no unit is looked at.  Every run is
bounded by the ``regex`` module's timeout; a rule that times out is reported, not fatal.
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from detector.compiled import mypyc_attr
from detector.text.case import lower

from .context import DocContext, Evidence, RawMatch

REGEX_TIMEOUT = 0.2  # seconds per unit of text


def guarded_units(units, text: str, lowered: str | None, guards) -> list:
    """The units whose lowered text holds a guard, in text order (``lowered``: see
    `context.lowered_text`)."""
    if lowered is None or "" in guards:  # an empty guard is in every unit
        return [u for u in units if any(g in lower(text[u.start : u.end]) for g in guards)]
    # from each occurrence of a guard to the unit around it (units are sorted, disjoint)
    starts = None
    found: set[int] = set()
    for g in guards:
        at = lowered.find(g)
        while at >= 0:
            if starts is None:
                starts = [u.start for u in units]
            k = bisect_right(starts, at) - 1
            if k >= 0 and at + len(g) <= units[k].end:
                found.add(k)
            at = lowered.find(g, at + 1)
    return [units[k] for k in sorted(found)]


@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)  # pickled: see detector.compiled
class CompiledRegex:
    def __init__(self, rule):
        self.rule = rule
        self._regex = None

    @property
    def regex(self) -> regex.Pattern:
        # compiled on first use: only texts holding a guard ever need it
        if self._regex is None:
            flags = regex.IGNORECASE if self.rule.ignore_case else 0
            self._regex = regex.compile(self.rule.regex, flags | regex.VERSION1)
        return self._regex

    def find(self, ctx: DocContext) -> list[RawMatch]:
        units = ctx.doc.sentences if self.rule.unit == "sentence" else ctx.doc.paragraphs
        text = ctx.doc.text
        matches = []
        for unit in guarded_units(units, text, ctx.lowered, self.rule.guard):
            chunk = text[unit.start : unit.end]
            try:
                for m in self.regex.finditer(chunk, timeout=REGEX_TIMEOUT):
                    span = m.span("hit") if "hit" in self.regex.groupindex and m.start("hit") >= 0 else m.span()
                    if span[1] <= span[0]:
                        continue
                    start, end = unit.start + span[0], unit.start + span[1]
                    caps = {
                        name: (unit.start + m.start(name), unit.start + m.end(name))
                        for name in self.regex.groupindex
                        if m.start(name) >= 0 and m.end(name) > m.start(name)
                    }
                    evidence = [Evidence(self.rule.regex, unit.start + m.start(), unit.start + m.end())]
                    evidence += [Evidence(f"(?P<{n}>…)", a, b) for n, (a, b) in caps.items() if n != "hit"]
                    matches.append(RawMatch(start, end, evidence, caps))
            except TimeoutError:
                ctx.warnings.append(
                    f"rule {self.rule.id}: regex timed out after {REGEX_TIMEOUT}s on the text at offset {unit.start}; skipped there"
                )
        return matches
