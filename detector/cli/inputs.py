"""Turn command-line paths into (display path, text) inputs: walk folders, read stdin, decode.

Reading never raises and never hangs: a file that cannot be used becomes an `Input` with one
error line naming it (and the byte offset, for decoding errors), and the caller goes on with
the other files. Only regular files are read: a FIFO or a device named like an article would
block or never end. Folders are walked without following symbolic links, so a link loop
cannot make the walk go round for ever; a link to a file is read like the file.
"""

from __future__ import annotations

import argparse
import codecs
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from detector.linter import TEXT_SUFFIXES, format_for

DEFAULT_MAX_SIZE = 10 * 1024 * 1024  # far above any article; keeps a stray dump from stalling a CI job
_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}
_BOMS = [(codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")]


@dataclass
class Input:
    path: str
    text: str | None
    error: str | None = None


class _Unlisted(str):
    """A folder the walk could not list; reading it reports why."""

    reason: str = ""


def add_options(group) -> None:
    """The reading options shared by `check` and `report`."""
    group.add_argument("--encoding", type=encoding_name, default="utf-8", metavar="NAME",
                       help="encoding of the input files: utf-8 (default), auto (detect), or any codec name such as cp1252")
    group.add_argument("--max-size", type=size, default=DEFAULT_MAX_SIZE, metavar="SIZE",
                       help="skip files larger than SIZE, with an error (default: 10M; k, M, G suffixes; 0 for no limit)")


def encoding_name(text: str) -> str:
    if text.lower() == "auto":
        return "auto"
    try:
        return codecs.lookup(text).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {text!r}") from None


def size(text: str) -> int:
    number = text.strip().lower().replace("ib", "b")  # 10M, 10MB and 10MiB all mean 10 * 1024 * 1024
    digits = number.rstrip("kmgb")
    try:
        value = int(digits) * _UNITS[number[len(digits):]]
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(f"expected a size such as 500k, 10M or 1G, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("a size cannot be negative")
    return value


def expand(paths: list[str]) -> list[str]:
    """Files named directly, plus the article files found under named folders, each once, sorted per folder."""
    out, seen = [], set()
    for p in paths:
        if p != "-" and os.path.isdir(p):
            found = []

            def unlisted(err: OSError, found=found):
                if err.filename != p:  # the named folder itself is reported as a whole below
                    entry = _Unlisted(err.filename)
                    entry.reason = err.strerror or str(err)
                    found.append(entry)

            for root, dirs, files in os.walk(p, onerror=unlisted, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(root, f) for f in files if Path(f).suffix.lower() in TEXT_SUFFIXES]
            if not found and not os.access(p, os.R_OK | os.X_OK):
                entry = _Unlisted(p)
                entry.reason = "permission denied"
                found.append(entry)
            candidates = sorted(found)
        else:
            candidates = [p]
        for c in candidates:
            if c not in seen:
                seen.add(c)
                out.append(c)
    return out


def read(path: str, encoding: str = "utf-8", max_size: int = DEFAULT_MAX_SIZE) -> Input:
    """Read and decode one input; `max_size` 0 means no limit."""
    if isinstance(path, _Unlisted):
        return Input(str(path), None, f"{path}: cannot list folder: {path.reason}")
    name = "<stdin>" if path == "-" else path
    limit = max_size or None
    try:
        if path == "-":
            data = _read_limited(sys.stdin.buffer, limit)
        else:
            data = _read_file(path, limit)
    except _Refused as err:
        return Input(name, None, f"{name}: {err}")
    except OSError as err:
        return Input(name, None, f"{name}: cannot read: {err.strerror or err}")
    if limit is not None and len(data) > limit:
        return Input(name, None, f"{name}: larger than the {_human(limit)} limit; skipped (raise it with --max-size)")
    return _decode(name, data, encoding)


class _Refused(Exception):
    pass


def _read_file(path: str, limit: int | None) -> bytes:
    info = os.stat(path)  # follows links; a link loop raises ELOOP, reported as "cannot read"
    if stat.S_ISDIR(info.st_mode):
        raise _Refused("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        # opening a FIFO waits for a writer, a device may never end: refuse rather than hang
        raise _Refused("not a regular file; pipe it in with '-' instead")
    if limit is not None and info.st_size > limit:
        raise _Refused(f"{_human(info.st_size)} is larger than the {_human(limit)} limit; skipped (raise it with --max-size)")
    with open(path, "rb") as fh:
        return _read_limited(fh, limit)


def _read_limited(stream, limit: int | None) -> bytes:
    # one byte past the limit is enough to know it is too large, whatever stat said
    return stream.read() if limit is None else stream.read(limit + 1)


def _decode(name: str, data: bytes, encoding: str) -> Input:
    if encoding == "auto":
        encoding = _detect(data)
        if encoding is None:
            return Input(name, None, f"{name}: cannot detect the encoding (binary file?); give it with --encoding NAME")
    wide = _wide_bom(data) if _ascii_compatible(encoding) else None
    if wide:  # checked before NULs: UTF-16 text is full of them
        return Input(name, None, f"{name}: not valid {_label(encoding)} at byte 0: the file starts with "
                                 f"a {wide} byte-order mark (try --encoding {wide.lower()})")
    if _ascii_compatible(encoding) and b"\x00" in data:
        # text files have no NUL; saying "binary" helps more than the first undecodable byte
        return Input(name, None, f"{name}: NUL byte at byte {data.index(0)}: looks like a binary file; skipped")
    try:
        # utf-8 is read as open(path, encoding="utf-8", newline="") would: offsets index this
        # exact string, byte-order mark included (DESIGN.md section 5)
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        return Input(name, None, f"{name}: not valid {_label(encoding)} at byte {err.start}: "
                                 f"{err.reason}{_hint(encoding)}")
    nul = text.find("\x00")
    if nul >= 0:
        at = len(text[:nul].encode(encoding, errors="replace"))
        return Input(name, None, f"{name}: NUL byte at byte {at}: looks like a binary file; skipped")
    return Input(name, text)


def _ascii_compatible(encoding: str) -> bool:
    try:
        return "az\x00".encode(encoding) == b"az\x00"
    except UnicodeError:
        return False


def _detect(data: bytes) -> str | None:
    if not data:
        return "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8"  # keep the BOM in the text, as the default reading does
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def _wide_bom(data: bytes) -> str | None:
    return next((label for bom, label in _BOMS if data.startswith(bom)), None)


def _hint(encoding: str) -> str:
    if encoding in ("utf-8", "utf_8"):
        return " (try --encoding auto, or --encoding NAME such as cp1252)"
    return ""


def _label(encoding: str) -> str:
    return "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding


def _human(n: int) -> str:
    for unit, factor in (("G", 1024**3), ("M", 1024**2), ("k", 1024)):
        if n >= factor:
            return f"{n / factor:.1f}".removesuffix(".0") + unit
    return f"{n} bytes"


@dataclass
class Article:
    """One input to lint with the settings that apply to it (text None: it could not be read)."""

    item: Input
    settings: object
    linter: object | None
    fmt: str


def resolved(args, resolver):
    """The inputs named on the command line, excluded ones left out, each with its file's
    settings, linter and format: what every config-driven command walks."""

    for path in expand(args.paths):
        settings = resolver.settings_for(path)
        if settings.excluded(path):
            continue
        item = read(path, args.encoding, args.max_size)
        if item.text is None:
            yield Article(item, settings, None, "")
            continue
        fmt = args.input_format if args.input_format != "auto" else format_for(item.path)
        yield Article(item, settings, resolver.linter_for(settings), fmt)
