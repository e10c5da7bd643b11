"""The Dask integration on a LocalCluster of two worker processes gives what `propalint batch` gives."""

from __future__ import annotations

import json

import pytest

distributed = pytest.importorskip("distributed")
dd = pytest.importorskip("dask.dataframe")

from detector.cli import main  # noqa: E402
from detector.integrations.dask import lint_bag, lint_dataframe, read_documents  # noqa: E402

from .conftest import corpus_records  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    with cluster, distributed.Client(cluster) as c:
        yield c


def batch_lines(path, tmp_path) -> list[str]:
    out = tmp_path / "batch-out.jsonl"
    main(["batch", str(path), "-o", str(out), "--workers", "1", "--no-progress"])
    return out.read_text(encoding="utf-8").splitlines()


def test_jsonl_bag_on_two_worker_processes_equals_batch(client, corpus_jsonl, tmp_path):
    documents = read_documents(str(corpus_jsonl), blocksize=20_000)
    assert documents.npartitions >= 2  # the work really is split
    lines = lint_bag(documents).compute()
    assert lines == batch_lines(corpus_jsonl, tmp_path)
    assert len(client.scheduler_info()["workers"]) == 2
    # each worker process built one Linter and keeps it: a second run reuses it
    first = client.run(_cached_linters)
    assert lint_bag(documents).compute() == lines
    assert client.run(_cached_linters) == first
    assert all(len(ids) == 1 for ids in first.values())


def _cached_linters() -> list[int]:
    from detector import parallel

    return [id(linter) for linter in parallel._LINTERS.values()]


def test_output_written_as_text_files_is_the_batch_output(client, corpus_jsonl, tmp_path):
    out_dir = tmp_path / "out"
    lint_bag(read_documents(str(corpus_jsonl), blocksize=20_000)).to_textfiles(str(out_dir / "part-*.jsonl"))
    parts = sorted(out_dir.glob("part-*.jsonl"), key=lambda p: int(p.stem.split("-")[1]))
    written = [line for p in parts for line in p.read_text(encoding="utf-8").splitlines()]
    assert written == batch_lines(corpus_jsonl, tmp_path)


def test_parquet_dataframe_equals_batch(client, corpus_jsonl, tmp_path):
    pytest.importorskip("pyarrow")
    import pandas as pd

    records = [r for r in corpus_records() if "format" not in r and "lang" not in r]
    frame = pd.DataFrame({"id": [r["id"] for r in records], "text": [r["text"] for r in records]})
    parquet = tmp_path / "docs.parquet"
    dd.from_pandas(frame, npartitions=3).to_parquet(str(parquet))
    subset = tmp_path / "subset.jsonl"
    subset.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    expected = [json.loads(line) for line in batch_lines(subset, tmp_path)]

    result = lint_dataframe(dd.read_parquet(str(parquet))).compute()
    assert list(result["id"]) == [e["id"] for e in expected]
    assert list(result["lang"]) == [e["lang"] for e in expected]
    assert list(result["hits"]) == [e["hits"] for e in expected]

    as_bag = lint_bag(read_documents(sorted(str(p) for p in parquet.glob("*.parquet")))).compute()
    assert [json.loads(line) for line in as_bag] == expected
