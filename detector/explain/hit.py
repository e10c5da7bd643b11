"""A hit and its explanation, in the JSON form of DESIGN.md section 5 (a contract)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from json import dumps
from json.encoder import encode_basestring  # the string encoder json.dumps(ensure_ascii=False) uses


class LineIndex:
    """1-based line and column of an offset in the original text (a line ends after "\\n")."""

    def __init__(self, text: str):
        self.text = text
        # built on the first question: many documents of a batch have no hits (a third of bench's)
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """The offset where each line starts."""
        starts = self._starts
        if starts is None:
            starts = self._starts = line_starts(self.text)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        starts = self.starts
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``(*position(start), *position(end))`` in one call: a hit asks for both."""
        starts = self.starts
        line = bisect_right(starts, start) - 1
        end_line = bisect_right(starts, end) - 1
        return line + 1, start - starts[line] + 1, end_line + 1, end - starts[end_line] + 1


def line_starts(text: str) -> list[int]:
    """The offset of each line of `text`; str.find beats splitting for articles' few long lines."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


@dataclass
class HitEvidence:
    element: str
    start: int
    end: int
    text: str
    lexicon: str | None = None

    def to_dict(self) -> dict:
        return {"element": self.element, "start": self.start, "end": self.end, "text": self.text, "lexicon": self.lexicon}

    def to_json(self) -> str:
        """Compact JSON of ``to_dict()``, exactly as ``json.dumps`` writes it (see Hit.to_json)."""
        lexicon = "null" if self.lexicon is None else encode_basestring(self.lexicon)
        # offsets are ints (str indexes, array("l") items): f"{n}" is their repr, as json.dumps
        # writes them, and faster than f"{n:d}"
        return (f'{{"element":{encode_basestring(self.element)},"start":{self.start},"end":{self.end},'
                f'"text":{encode_basestring(self.text)},"lexicon":{lexicon}}}')


# the JSON around a hit's own values, for each rule: the rule's fields, the technique's
# definition and the pattern make most of a hit's JSON, and are the same for all its hits
_RULE_JSON: dict[tuple, tuple[str, str]] = {}
_RULE_JSON_LIMIT = 10_000


def compact_json(value) -> str:
    """One-line JSON as the JSONL contract writes it (no spaces, non-ASCII kept)."""
    return dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Hit:
    rule: str
    technique: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    message: str
    severity: str
    confidence: float
    rule_source: str
    pattern: str
    technique_name: str
    technique_definition: str
    evidence: list[HitEvidence] = field(default_factory=list)

    def sort_key(self):
        return (self.start, self.end, self.rule)

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "technique": self.technique,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "message": self.message,
            "severity": self.severity,
            "confidence": self.confidence,
            "explanation": {
                "rule_source": self.rule_source,
                "pattern": self.pattern,
                "technique_name": self.technique_name,
                "technique_definition": self.technique_definition,
                "evidence": [e.to_dict() for e in self.evidence],
            },
        }

    def to_json(self) -> str:
        """``json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))``, the same text.

        Only the hit's own values are encoded each time (offsets and positions are ints, written
        as HitEvidence.to_json writes them); the rest comes from _RULE_JSON.  The key holds the
        confidence's type: 1 == 1.0 but their JSON differs."""
        key = (self.rule, self.technique, self.severity, self.confidence, type(self.confidence), self.rule_source,
               self.pattern, self.technique_name, self.technique_definition)
        around = _RULE_JSON.get(key)
        if around is None:
            if len(_RULE_JSON) >= _RULE_JSON_LIMIT:
                _RULE_JSON.clear()
            head = f'{{"rule":{compact_json(self.rule)},"technique":{compact_json(self.technique)},"start":'
            middle = (f',"severity":{compact_json(self.severity)},"confidence":{compact_json(self.confidence)},'
                      f'"explanation":{{"rule_source":{compact_json(self.rule_source)},"pattern":{compact_json(self.pattern)},'
                      f'"technique_name":{compact_json(self.technique_name)},'
                      f'"technique_definition":{compact_json(self.technique_definition)},"evidence":[')
            around = _RULE_JSON[key] = (head, middle)
        head, middle = around
        evidence = ",".join([e.to_json() for e in self.evidence])
        return (f'{head}{self.start},"end":{self.end},"line":{self.line},"column":{self.column},'
                f'"end_line":{self.end_line},"end_column":{self.end_column},'
                f'"text":{encode_basestring(self.text)},"message":{encode_basestring(self.message)}'
                f'{middle}{evidence}]}}}}')
