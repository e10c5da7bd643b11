"""Lint a stream of JSONL documents on several processes, in input order, with bounded memory.

The unit of work is a *chunk*: a few consecutive input lines. The main process reads lines,
groups them into chunks and hands each chunk to a worker process; at most
``workers * CHUNKS_PER_WORKER`` chunks are in flight, so memory does not grow with the size
of the corpus. Results are yielded strictly in input order whatever the number of workers,
and every worker runs exactly the code that ``workers=1`` runs in-process, so the output is
byte for byte the same for any N.

Each worker process builds its :class:`~detector.linter.Linter` once (rule packs loaded,
programs compiled on first use per language) and keeps it for all its chunks. The same
per-process cache serves the Dask integration.
"""

from __future__ import annotations

import gc
import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from detector.linter import Linter
from detector.report import json_report

CHUNK_LINES = 16  # documents per chunk: enough to amortise inter-process traffic
CHUNK_CHARS = 1 << 20  # ...but a chunk of very long documents is cut at about 1 M characters
CHUNKS_PER_WORKER = 4  # in-flight chunks per worker: keeps every worker busy, bounds memory


@dataclass(frozen=True)
class LintJob:
    """Everything a worker needs to build its Linter; small and picklable."""

    rule_dirs: tuple[str, ...] = ()
    preview: bool = False
    lang: str = "auto"  # language of documents whose line names none


@dataclass(frozen=True)
class Outcome:
    """The result of one input line: an output line, or an error message naming the line."""

    number: int  # 1-based input line number
    line: str | None = None  # the JSONL output line, without its newline
    has_hits: bool = False
    error: str | None = None


def default_workers() -> int:
    """The cores this process may run on (respects CPU affinity, e.g. in containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# --- one document ----------------------------------------------------------------------------

def parse_record(raw: str, number: int) -> dict:
    """Decode one input line into a dict with at least `id` and a string `text`."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as err:
        raise ValueError(f"line {number}: invalid JSON: {err.msg}") from None
    if not isinstance(obj, dict) or "id" not in obj or not isinstance(obj.get("text"), str):
        raise ValueError(f"line {number}: expected an object with 'id' and a string 'text'")
    return obj


def lint_record(linter: Linter, record: dict, number: int, default_lang: str = "auto") -> Outcome:
    """Lint one document given as a mapping {id, text[, lang][, format]}.

    Shared by `propalint batch` and the Dask integration, so both print the same line.
    """
    lang = record.get("lang") or "auto"
    if lang not in ("auto", "fr", "en"):
        return Outcome(number, error=f"line {number}: unsupported lang {lang!r}")
    fmt = record.get("format") or "text"
    if fmt not in ("text", "markdown", "html"):
        return Outcome(number, error=f"line {number}: unsupported format {fmt!r}")
    lang = default_lang if lang == "auto" else lang
    doc_id = record["id"]
    result = linter.lint_text(record["text"], path=str(doc_id), fmt=fmt, lang=lang)
    return Outcome(number, json_report.line(doc_id, result.lang, result.hits), bool(result.hits))


def lint_raw_line(linter: Linter, raw: str, number: int, default_lang: str = "auto") -> Outcome:
    try:
        record = parse_record(raw, number)
    except ValueError as err:
        return Outcome(number, error=str(err))
    return lint_record(linter, record, number, default_lang)


# --- one linter per process --------------------------------------------------------------------

_LINTERS: dict[LintJob, Linter] = {}


def linter_for(job: LintJob) -> Linter:
    """This process's Linter for `job`, built on first use and kept for the life of the process."""
    linter = _LINTERS.get(job)
    if linter is None:
        linter = Linter(rule_dirs=job.rule_dirs, preview=job.preview)
        if linter.ruleset.errors:
            # the parent validated the packs before starting workers; a pack edited since is fatal
            raise RuntimeError(f"rule packs failed to load: {linter.ruleset.errors[0]}")
        _LINTERS[job] = linter
    return linter


def remember_linter(job: LintJob, linter: Linter) -> None:
    """Let this process reuse a Linter it already built (the parent's, when workers=1)."""
    _LINTERS[job] = linter


def lint_chunk(job: LintJob, chunk: list[tuple[int, str]]) -> list[Outcome]:
    linter = linter_for(job)
    return [lint_raw_line(linter, raw, number, job.lang) for number, raw in chunk]


YOUNG_COLLECTION_THRESHOLD = 10_000


def settle(linter: Linter) -> None:
    """Compile every language, then take what this process holds so far out of the cyclic
    garbage collector's sight (`gc.freeze`).

    The packs and compiled programs live as long as the process, yet every full collection
    walks them again: about 5% of a batch run. Before a fork, it also keeps the pages that
    hold them shared with the workers. For processes of our own (`batch` and its workers),
    never for a library caller's.

    The youngest generation is then collected every 10,000 allocations instead of 700: a
    document's objects form no cycles and die with it, yet each collection walks those still
    alive, several times per document at the default (2% of the instructions of a run)."""
    for lang in linter.ruleset.languages():
        linter.program(lang)
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *gc.get_threshold()[1:])


def _warm_up(job: LintJob) -> None:
    settle(linter_for(job))


# --- a stream of lines -------------------------------------------------------------------------

def chunked(lines: Iterable[str]) -> Iterator[list[tuple[int, str]]]:
    """Group non-blank lines into chunks of (line number, line), in order."""
    chunk: list[tuple[int, str]] = []
    size = 0
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        chunk.append((number, raw))
        size += len(raw)
        if len(chunk) >= CHUNK_LINES or size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def lint_lines(lines: Iterable[str], job: LintJob, *, workers: int = 1) -> Iterator[Outcome]:
    """Lint JSONL input lines and yield one Outcome per non-blank line, in input order.

    ``workers=1`` runs in this process. With more, a pool of worker processes runs the
    chunks; the input iterator is consumed only a bounded number of chunks ahead of the
    results already yielded.
    """
    chunks = chunked(lines)
    head = list(islice(chunks, 2))
    if workers <= 1 or len(head) < 2:  # one chunk of input is not worth starting processes for
        for chunk in chain(head, chunks):
            yield from lint_chunk(job, chunk)
        return
    # imported here: `check` and one-worker runs never start a pool
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    if multiprocessing.get_start_method() == "fork":
        # compile every language here, once: forked workers inherit the compiled programs
        linter = linter_for(job)
        for lang in linter.ruleset.languages():
            linter.program(lang)
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm_up, initargs=(job,)) as pool:
        pending: deque[Future] = deque()
        limit = workers * CHUNKS_PER_WORKER
        try:
            for chunk in chain(head, chunks):
                pending.append(pool.submit(lint_chunk, job, chunk))
                while len(pending) >= limit:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:  # an early exit (error, broken pipe): drop queued work
                future.cancel()
