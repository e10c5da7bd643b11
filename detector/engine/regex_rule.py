"""Rule kind `regex`: a regex over the text of a sentence or paragraph, run only where a guard occurs.

Guards are plain substrings checked with ``in`` (fast, C-level): the regex engine, the
costliest thing a rule can ask for, only sees units that can possibly match.  Every run is
bounded by the ``regex`` module's timeout; a rule that times out is reported, not fatal.
"""

from __future__ import annotations

import regex

from .context import DocContext, Evidence, RawMatch

REGEX_TIMEOUT = 0.2  # seconds per unit of text


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
        for unit in units:
            chunk = text[unit.start : unit.end]
            lowered = chunk.lower()
            if not any(g in lowered for g in self.rule.guard):
                continue
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
