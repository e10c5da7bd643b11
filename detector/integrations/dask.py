"""Run propalint over corpora larger than one machine with Dask.

    pip install 'propalint[dask]'

    from dask.distributed import Client
    from detector.integrations.dask import read_documents, lint_bag

    client = Client("tcp://scheduler:8786")          # or LocalCluster() on one machine
    docs = read_documents("s3://bucket/news-*.jsonl")  # or "*.parquet"; a bag of dicts
    lint_bag(docs).to_textfiles("s3://bucket/out/part-*.jsonl")

Documents are mappings `{"id", "text"[, "lang"][, "format"]}`, as in `propalint batch`, and
each result is the very line `propalint batch` prints for that document. Every worker
process loads the rule packs and compiles them once, on its first partition, and keeps them
for every later one (detector/parallel.py, `linter_for`). The rule packs must be readable
at the same path on every worker (ship them with the package or on shared storage).
Malformed documents are not dropped silently: they raise, naming the partition's line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import dask.bag as db

from detector.parallel import LintJob, lint_record, linter_for

RESULT_COLUMNS = {"id": "object", "lang": "object", "hits": "object"}


def read_documents(urlpath, *, blocksize: str | int | None = "64MiB", columns=None) -> db.Bag:
    """A bag of document dicts from JSONL files (one object a line) or Parquet files.

    `urlpath` is a path, a glob or a list of them, local or remote (anything fsspec reads).
    Parquet files need the `id` and `text` columns, and may have `lang` and `format`.
    """
    paths = [urlpath] if isinstance(urlpath, str) else list(urlpath)
    if all(str(p).endswith(".parquet") or str(p).endswith(".parq") for p in paths):
        import dask.dataframe as dd

        frame = dd.read_parquet(paths, columns=columns)
        return frame.to_bag(format="dict")
    lines = db.read_text(paths, blocksize=blocksize)
    return lines.filter(lambda line: bool(line.strip())).map(json.loads)


def lint_partition(records: Iterable[dict], job: LintJob = LintJob()) -> list[str]:
    """Lint one partition of document dicts with this process's cached Linter; JSONL lines out."""
    linter = linter_for(job)
    out = []
    for number, record in enumerate(records, start=1):
        record = _plain(record)
        if "id" not in record or not isinstance(record.get("text"), str):
            raise ValueError(f"document {number} of a partition: expected 'id' and a string 'text'")
        outcome = lint_record(linter, record, number, job.lang)
        if outcome.error:
            raise ValueError(f"document {record['id']!r}: {outcome.error}")
        out.append(outcome.line)
    return out


def lint_bag(documents: db.Bag, *, rule_dirs: Iterable[str] = (), preview: bool = False,
             lang: str = "auto") -> db.Bag:
    """A bag of JSONL result lines, one per document, in the order of `documents`.

    `rule_dirs`, `preview` and `lang` mean what `--rules`, `--preview` and `--lang` mean
    for `propalint batch`. Write the result with `.to_textfiles(...)` or gather it with
    `.compute()`; `json.loads` a line for its `{"id", "lang", "hits"}` object.
    """
    job = LintJob(rule_dirs=tuple(str(d) for d in rule_dirs), preview=preview, lang=lang)
    return documents.map_partitions(lint_partition, job)


def lint_dataframe(frame, *, rule_dirs: Iterable[str] = (), preview: bool = False, lang: str = "auto"):
    """A dask DataFrame of results (`id`, `lang`, `hits` as a list of hit dicts) for a frame of documents.

    The frame needs `id` and `text` columns (and may have `lang` and `format`); row order and
    partitions are kept.
    """
    import pandas as pd

    job = LintJob(rule_dirs=tuple(str(d) for d in rule_dirs), preview=preview, lang=lang)

    def partition(part: pd.DataFrame) -> pd.DataFrame:
        lines = lint_partition(part.to_dict(orient="records"), job)
        rows = [json.loads(line) for line in lines]
        return pd.DataFrame(rows, columns=list(RESULT_COLUMNS), index=part.index).astype(RESULT_COLUMNS)

    meta = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in RESULT_COLUMNS.items()})
    return frame.map_partitions(partition, meta=meta)


def _plain(record) -> dict:
    """A plain dict of Python values: Parquet and pandas hand over numpy scalars and NaN for gaps."""
    out = {}
    for key, value in dict(record).items():
        if hasattr(value, "item") and not isinstance(value, (str, bytes)):
            value = value.item()
        if isinstance(value, float) and value != value:  # NaN: a missing lang or format
            value = None
        out[key] = value
    return out
