"""GitHub Actions workflow commands: one `::warning file=...::message` line per hit.

The runner turns each line into an annotation on the pull request's diff. Values are
escaped as the runner expects (`%`, CR, LF everywhere; `:` and `,` in properties too).
"""

from __future__ import annotations

import sys

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, path: str, line, column, end_line, end_column, title: str, message: str) -> str:
    props = [f"file={escape_property(path)}", f"line={line}", f"col={column}"]
    if end_line is not None:
        props += [f"endLine={end_line}", f"endColumn={end_column}"]
    props.append(f"title={escape_property(title)}")
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def lines(results):
    for result in results:
        for error in result.errors:
            yield f"::{'warning' if error.startswith('warning:') else 'error'} file={escape_property(result.path)}::{escape_data(error)}"
        for hit in result.hits:
            yield annotation(COMMANDS.get(hit.severity, "warning"), result.path, hit.line, hit.column,
                             hit.end_line, hit.end_column, f"{hit.technique} [{hit.rule}]", hit.message)
        for notice in result.notices:
            yield annotation("warning", result.path, notice.line, notice.column, None, None,
                             f"{notice.code} [propalint]", notice.message)


def write(results, stream=None) -> None:
    stream = stream or sys.stdout
    for line in lines(results):
        print(line, file=stream)
