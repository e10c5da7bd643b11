"""A hit and its explanation, in the JSON form of DESIGN.md section 5 (a contract)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


class LineIndex:
    """1-based line and column of an offset in the original text (a line ends after "\\n")."""

    def __init__(self, text: str):
        self.starts = [0]
        find = text.find
        pos = find("\n")
        while pos >= 0:
            self.starts.append(pos + 1)
            pos = find("\n", pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


@dataclass
class HitEvidence:
    element: str
    start: int
    end: int
    text: str
    lexicon: str | None = None

    def to_dict(self) -> dict:
        return {"element": self.element, "start": self.start, "end": self.end, "text": self.text, "lexicon": self.lexicon}


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
