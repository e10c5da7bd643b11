"""Read and validate annotated corpus files (DESIGN.md section 7).

One article per line of a ``.jsonl`` file::

    {"id", "lang", "text", "spans": [{"start", "end", "technique"}], "source", "licence"}

Validation is strict because a silent mistake in a corpus skews every score computed on it:
unknown keys (``license`` for ``licence``), offsets outside the text, empty or blank spans, unknown
technique ids and duplicate article ids are all errors. Every problem found is reported,
each as ``file:line: message``, rather than stopping at the first one.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from detector.eval.spans import Span

# The 23 ids of DESIGN.md section 6, a fixed contract; tests check that rules/techniques.yaml
# defines exactly these, so the evaluation does not need to locate and parse that file.
TECHNIQUE_IDS: frozenset[str] = frozenset(
    {
        "name-calling-labeling", "guilt-by-association", "doubt", "appeal-to-hypocrisy",
        "questioning-the-reputation", "flag-waving", "appeal-to-authority",
        "appeal-to-popularity", "appeal-to-values", "appeal-to-fear-prejudice",
        "causal-oversimplification", "false-dilemma-no-choice",
        "consequential-oversimplification", "straw-man", "red-herring", "whataboutism",
        "slogans", "conversation-killer", "appeal-to-time", "loaded-language",
        "obfuscation-vagueness-confusion", "exaggeration-minimisation", "repetition",
    }
)  # fmt: skip

LANGUAGES = ("fr", "en")
DOCUMENT_KEYS = ("id", "lang", "text", "spans", "source", "licence")
SPAN_KEYS = ("start", "end", "technique")


@dataclass(frozen=True)
class AnnotatedDocument:
    id: str
    lang: str
    text: str
    spans: tuple[Span, ...]
    source: str
    licence: str
    origin: str = ""  # "file:line" the record was read from, for messages


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class CorpusError(ValueError):
    """Raised with every problem found in the files read."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand directories into the ``.jsonl`` files below them, sorted for determinism."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.jsonl") if p.is_file()))
        else:
            files.append(path)
    return files


def read_corpus(
    paths: Iterable[str | Path], *, techniques: Collection[str] = TECHNIQUE_IDS
) -> list[AnnotatedDocument]:
    """Read every record of the given files and directories; raise ``CorpusError`` listing
    all problems if any record is invalid. Article ids must be unique across all files."""
    documents: list[AnnotatedDocument] = []
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for path in corpus_files(paths):
        try:
            # split on "\n" only: str.splitlines() would also break on U+2028 and other
            # separators that json.dumps(ensure_ascii=False) leaves inside strings.
            lines = path.read_text(encoding="utf-8-sig").split("\n")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(str(path), 0, f"cannot read: {error}"))
            continue
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(Problem(str(path), number, f"invalid JSON: {error.msg}"))
                continue
            messages = validate_record(record, techniques=techniques)
            if not messages and record["id"] in first_seen:
                messages = [f"duplicate id {record['id']!r}, first at {first_seen[record['id']]}"]
            if messages:
                problems.extend(Problem(str(path), number, m) for m in messages)
                continue
            first_seen[record["id"]] = origin
            documents.append(document_from_record(record, origin=origin))
    if problems:
        raise CorpusError(problems)
    return documents


def group_by_lang(documents: Iterable[AnnotatedDocument]) -> dict[str, list[AnnotatedDocument]]:
    """Documents by language, languages sorted, documents in their original order."""
    groups: dict[str, list[AnnotatedDocument]] = {}
    for document in documents:
        groups.setdefault(document.lang, []).append(document)
    return dict(sorted(groups.items()))


def document_from_record(record: dict, *, origin: str = "") -> AnnotatedDocument:
    """Build a document from a record that ``validate_record`` accepted."""
    return AnnotatedDocument(
        id=record["id"],
        lang=record["lang"],
        text=record["text"],
        spans=tuple(
            sorted(Span(s["start"], s["end"], s["technique"]) for s in record["spans"])
        ),
        source=record["source"],
        licence=record["licence"],
        origin=origin,
    )


def validate_record(record: object, *, techniques: Collection[str] = TECHNIQUE_IDS) -> list[str]:
    """Return the problems of one decoded corpus record, empty when it is valid."""
    if not isinstance(record, dict):
        return [f"a record must be a JSON object, not {type(record).__name__}"]
    problems = [f"missing key {key!r}" for key in DOCUMENT_KEYS if key not in record]
    problems += [
        f"unknown key {key!r} (expected {', '.join(DOCUMENT_KEYS)})"
        for key in record
        if key not in DOCUMENT_KEYS
    ]
    for key in ("id", "source", "licence"):
        if key in record and not (isinstance(record[key], str) and record[key].strip()):
            problems.append(f"{key!r} must be a non-empty string")
    if "lang" in record and record["lang"] not in LANGUAGES:
        problems.append(f"'lang' must be one of {', '.join(LANGUAGES)}, not {record['lang']!r}")
    text = record.get("text")
    if "text" in record and not isinstance(text, str):
        problems.append("'text' must be a string")
        text = None
    spans = record.get("spans")
    if "spans" in record and not isinstance(spans, list):
        problems.append("'spans' must be a list")
    elif isinstance(spans, list):
        for index, span in enumerate(spans):
            problems += [
                f"spans[{index}]: {message}"
                for message in _span_problems(span, text, techniques)
            ]
    return problems


def _span_problems(span: object, text: str | None, techniques: Collection[str]) -> list[str]:
    if not isinstance(span, dict):
        return ["a span must be a JSON object"]
    problems = [f"missing key {key!r}" for key in SPAN_KEYS if key not in span]
    problems += [f"unknown key {key!r}" for key in span if key not in SPAN_KEYS]
    technique = span.get("technique")
    if "technique" in span and technique not in techniques:
        problems.append(f"unknown technique {technique!r}")
    start, end = span.get("start"), span.get("end")
    # bool is an int subclass; true/false as an offset is a mistake, not 1/0.
    offsets_are_ints = all(type(v) is int for v in (start, end))
    if ("start" in span and type(start) is not int) or ("end" in span and type(end) is not int):
        problems.append("'start' and 'end' must be integers")
    elif offsets_are_ints:
        if not 0 <= start < end:
            problems.append(f"empty or reversed span [{start}, {end})")
        elif text is not None and end > len(text):
            problems.append(f"span [{start}, {end}) ends beyond the text ({len(text)} characters)")
        elif text is not None and not text[start:end].strip():
            # Such a span carries no technique and touches no paragraph.
            problems.append(f"span [{start}, {end}) covers only whitespace")
    return problems
