"""Reading and validating corpus JSONL files."""

from __future__ import annotations

import json

import pytest

from detector.eval import TECHNIQUE_IDS, CorpusError, Span, group_by_lang, read_corpus


def record(**overrides):
    base = {
        "id": "a1",
        "lang": "fr",
        "text": "Un prétendu expert a parlé.",
        "spans": [{"start": 3, "end": 18, "technique": "doubt"}],
        "source": "written for the tests",
        "licence": "CC0-1.0",
    }
    base.update(overrides)
    return base


def write_jsonl(path, records):
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problems_of(tmp_path, *records):
    path = write_jsonl(tmp_path / "c.jsonl", records)
    with pytest.raises(CorpusError) as caught:
        read_corpus([path])
    return [str(p) for p in caught.value.problems], path


def test_reads_a_valid_record(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [record()])
    (document,) = read_corpus([path])
    assert document.id == "a1"
    assert document.lang == "fr"
    assert document.spans == (Span(3, 18, "doubt"),)
    assert document.text[3:18] == "prétendu expert"
    assert document.origin == f"{path}:1"


def test_reads_directories_recursively_in_sorted_order(tmp_path):
    write_jsonl(tmp_path / "b" / "z.jsonl", [record(id="z")])
    write_jsonl(tmp_path / "a.jsonl", [record(id="a"), "", record(id="b", lang="en")])
    (tmp_path / "notes.txt").write_text("not a corpus file")
    documents = read_corpus([tmp_path])
    assert [d.id for d in documents] == ["a", "b", "z"]
    assert list(group_by_lang(documents)) == ["en", "fr"]
    assert [d.id for d in group_by_lang(documents)["fr"]] == ["a", "z"]


def test_line_separator_inside_text_is_not_a_record_break(tmp_path):
    text = "Une ligne\u2028une autre\u0085fin."
    path = write_jsonl(tmp_path / "c.jsonl", [record(text=text, spans=[])])
    assert read_corpus([path])[0].text == text


def test_crlf_file_and_byte_order_mark(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(record()).encode() + b"\r\n")
    assert len(read_corpus([path])) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"lang": "de"}, "'lang' must be one of fr, en, not 'de'"),
        ({"id": ""}, "'id' must be a non-empty string"),
        ({"licence": None}, "'licence' must be a non-empty string"),
        ({"text": 3}, "'text' must be a string"),
        ({"spans": {}}, "'spans' must be a list"),
        ({"license": "MIT"}, "unknown key 'license'"),
        (
            {"spans": [{"start": 0, "end": 2, "technique": "lies"}]},
            "spans[0]: unknown technique 'lies'",
        ),
        (
            {"spans": [{"start": 0, "end": 99, "technique": "doubt"}]},
            "spans[0]: span [0, 99) ends beyond the text (27 characters)",
        ),
        (
            {"spans": [{"start": 5, "end": 5, "technique": "doubt"}]},
            "spans[0]: empty or reversed span [5, 5)",
        ),
        (
            {"spans": [{"start": 2, "end": 3, "technique": "doubt"}]},
            "spans[0]: span [2, 3) covers only whitespace",
        ),
        (
            {"spans": [{"start": True, "end": 3, "technique": "doubt"}]},
            "spans[0]: 'start' and 'end' must be integers",
        ),
        ({"spans": [{"start": 0, "technique": "doubt"}]}, "spans[0]: missing key 'end'"),
        (
            {"spans": [{"start": 0, "end": 2, "technique": "doubt", "note": "x"}]},
            "spans[0]: unknown key 'note'",
        ),
    ],
)
def test_invalid_records(tmp_path, overrides, message):
    problems, path = problems_of(tmp_path, record(**overrides))
    assert any(problem.startswith(f"{path}:1: {message}") for problem in problems), problems


def test_missing_key(tmp_path):
    incomplete = record()
    del incomplete["source"]
    problems, path = problems_of(tmp_path, incomplete)
    assert problems == [f"{path}:1: missing key 'source'"]


def test_every_problem_is_reported_with_its_line(tmp_path):
    problems, path = problems_of(
        tmp_path,
        record(id="ok"),
        "{not json",
        "[1, 2]",
        record(id="bad", lang="xx"),
        record(id="ok"),
    )
    assert problems[0].startswith(f"{path}:2: invalid JSON")
    assert problems[1:] == [
        f"{path}:3: a record must be a JSON object, not list",
        f"{path}:4: 'lang' must be one of fr, en, not 'xx'",
        f"{path}:5: duplicate id 'ok', first at {path}:1",
    ]


def test_duplicate_ids_across_files(tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", [record()])
    second = write_jsonl(tmp_path / "b.jsonl", [record()])
    with pytest.raises(CorpusError, match=f"{second}:1: duplicate id 'a1', first at {first}:1"):
        read_corpus([tmp_path])


def test_custom_technique_set(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [record()])
    with pytest.raises(CorpusError, match="unknown technique 'doubt'"):
        read_corpus([path], techniques={"slogans"})


def test_contract_has_23_techniques():
    assert len(TECHNIQUE_IDS) == 23
