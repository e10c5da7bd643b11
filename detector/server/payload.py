"""The body of POST /v1/check and /v1/report: parsed, validated, with errors a client can act on."""

from __future__ import annotations

import json
from dataclasses import dataclass

FORMATS = ("text", "markdown", "html")
LANGS = ("auto", "fr", "en")


class PayloadError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class CheckRequest:
    text: str
    lang: str = "auto"
    format: str = "text"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    id: str = "<text>"
    title: str | None = None


def _string_list(data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise PayloadError(422, "invalid-field", f"'{key}' must be a list of rule ids, rule-id prefixes or technique ids")
    return tuple(value)


def _choice(data: dict, key: str, allowed: tuple[str, ...], default: str) -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if value not in allowed:
        raise PayloadError(422, "invalid-field", f"'{key}' must be one of {', '.join(allowed)}")
    return value


def parse(body: bytes) -> CheckRequest:
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise PayloadError(400, "invalid-json", f"body is not UTF-8 (byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise PayloadError(400, "invalid-json", f"body is not valid JSON: {err.msg} at line {err.lineno} column {err.colno}") from None
    except (ValueError, RecursionError) as err:  # an integer of thousands of digits, nesting too deep
        raise PayloadError(400, "invalid-json", f"body is not acceptable JSON: {str(err)[:80]}") from None
    if not isinstance(data, dict):
        raise PayloadError(400, "invalid-json", "body must be a JSON object")
    try:  # JSON may escape a lone surrogate (\ud800): it is not text, and could not be answered back
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise PayloadError(422, "invalid-field", "the body holds a lone surrogate escape (\\ud800-\\udfff); send Unicode text") from None
    unknown = sorted(set(data) - {"text", "lang", "format", "select", "ignore", "id", "title"})
    if unknown:
        raise PayloadError(422, "invalid-field", f"unknown field(s): {', '.join(unknown)}")
    text = data.get("text")
    if not isinstance(text, str):
        raise PayloadError(422, "invalid-field", "'text' is required and must be a string")
    for key in ("id", "title"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise PayloadError(422, "invalid-field", f"'{key}' must be a string")
    return CheckRequest(
        text=text,
        lang=_choice(data, "lang", LANGS, "auto"),
        format=_choice(data, "format", FORMATS, "text"),
        select=_string_list(data, "select"),
        ignore=_string_list(data, "ignore"),
        id=data.get("id") or "<text>",
        title=data.get("title"),
    )
