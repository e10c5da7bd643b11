"""Build the annotated corpus JSONL files from the marked-up sources in ``corpus/src``.

Sources are plain text with technique spans marked inline as ``[[technique-id|text]]``.
Marks nest (``[[loaded-language|a [[exaggeration-minimisation|total]] failure]]``) so that
overlapping spans can be written; offsets in the output index the text with all marks removed,
as DESIGN.md section 7 requires.  A source file may start with header lines ``#: key: value``
(``source``, ``licence``); the id comes from the file name and the language from its folder.

Run ``python corpus/build.py`` after editing a source; a test checks the JSONL is up to date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = "Written for propalint by its authors; invented events and people."
DEFAULT_LICENCE = "CC0-1.0"


class MarkupError(ValueError):
    pass


def parse_marked(marked: str) -> tuple[str, list[dict]]:
    """Strip ``[[technique|...]]`` marks; return the plain text and the spans they marked."""
    out: list[str] = []
    spans: list[dict] = []
    open_marks: list[tuple[str, int, int]] = []  # (technique, start offset, source position)
    length = 0
    i = 0
    while i < len(marked):
        if marked.startswith("[[", i):
            bar = marked.find("|", i + 2)
            if bar < 0:
                raise MarkupError(f"position {i}: '[[' without '|'")
            technique = marked[i + 2 : bar].strip()
            open_marks.append((technique, length, i))
            i = bar + 1
        elif marked.startswith("]]", i):
            if not open_marks:
                raise MarkupError(f"position {i}: ']]' closes nothing")
            technique, start, _ = open_marks.pop()
            spans.append({"start": start, "end": length, "technique": technique})
            i += 2
        else:
            out.append(marked[i])
            length += 1
            i += 1
    if open_marks:
        raise MarkupError(f"position {open_marks[-1][2]}: '[[' never closed")
    spans.sort(key=lambda s: (s["start"], s["end"], s["technique"]))
    return "".join(out), spans


def build_record(path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    body_lines = []
    for line in raw.splitlines(keepends=True):
        if not body_lines and line.startswith("#:"):
            key, _, value = line[2:].partition(":")
            header[key.strip()] = value.strip()
        else:
            body_lines.append(line)
    text, spans = parse_marked("".join(body_lines).strip("\n") + "\n")
    return {
        "id": f"{path.parent.name}-{path.stem}",
        "lang": path.parent.name,
        "text": text,
        "spans": spans,
        "source": header.get("source", DEFAULT_SOURCE),
        "licence": header.get("licence", DEFAULT_LICENCE),
    }


def build(src_root: Path = HERE / "src") -> dict[str, str]:
    """Return {output file name: JSONL content}, one file per language."""
    outputs = {}
    for lang_dir in sorted(p for p in src_root.iterdir() if p.is_dir()):
        records = [build_record(p) for p in sorted(lang_dir.glob("*.txt"))]
        lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
        outputs[f"{lang_dir.name}.jsonl"] = "\n".join(lines) + ("\n" if lines else "")
    return outputs


def main() -> int:
    for name, content in build().items():
        (HERE / name).write_text(content, encoding="utf-8", newline="\n")
        print(f"wrote corpus/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
