"""Compiler-style diagnostics: `path:line:col: technique [rule] message`, the line, carets."""

from __future__ import annotations

import os
import sys

SEVERITY_COLOUR = {"error": "31", "warning": "33", "info": "36"}


def use_colour(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def render_hit(path: str, original: str, hit, colour: bool = False) -> str:
    head = (
        f"{_paint(f'{path}:{hit.line}:{hit.column}:', '1', colour)} "
        f"{_paint(hit.technique, SEVERITY_COLOUR.get(hit.severity, '0'), colour)} "
        f"[{hit.rule}] {hit.message}"
    )
    line_start = original.rfind("\n", 0, hit.start) + 1
    line_end = original.find("\n", hit.start)
    line_end = len(original) if line_end < 0 else line_end
    line = original[line_start:line_end].rstrip("\r")
    # caret under the span, capped at the end of the first line; tabs kept so columns align
    first = hit.start - line_start
    width = max(1, min(hit.end, line_start + len(line)) - hit.start)
    line, first, width = _window(line, first, width)
    pad = "".join(ch if ch == "\t" else " " for ch in line[:first])
    gutter = f"{hit.line:>5} | "
    return "\n".join([head, gutter + line, " " * (len(gutter) - 2) + "| " + pad + _paint("^" * width, "32", colour)])


CONTEXT = 60  # characters shown on each side of a hit in a long line
MAX_CARETS = 100


def _window(line: str, first: int, width: int) -> tuple[str, int, int]:
    """Cut a long line to the hit and some context, as Ruff does: a news paragraph is often
    one line of a thousand characters, and printing it whole under every hit drowns them."""
    width = min(width, MAX_CARETS)
    if len(line) <= 2 * CONTEXT + width:
        return line, first, width
    start, end = max(0, first - CONTEXT), min(len(line), first + width + CONTEXT)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(line) else ""
    return prefix + line[start:end] + suffix, first - start + len(prefix), width


def write(results, sources: dict[str, str], stream=None) -> None:
    stream = stream or sys.stdout
    colour = use_colour(stream)
    total = 0
    for result in results:
        for err in result.errors:
            # input errors already name their file
            print(err if err.startswith(f"{result.path}:") else f"{result.path}: {err}", file=stream)
        for hit in result.hits:
            print(render_hit(result.path, sources.get(result.path, ""), hit, colour), file=stream)
            total += 1
    files = len(results)
    if total:
        print(f"Found {total} possible technique{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''}.", file=stream)
    else:
        print(f"No technique found in {files} file{'s' if files != 1 else ''}.", file=stream)
