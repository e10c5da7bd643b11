"""The command line, in process (main(argv)) and once as a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from detector.cli import main
from helpers import write_pack

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(str(p) for p in (ROOT / "corpus" / "samples").iterdir())
CONTRACT = ["rule", "technique", "start", "end", "line", "column", "end_line", "end_column", "text",
            "message", "severity", "confidence", "explanation"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_carries_the_whole_contract(capsys):
    code, out, _ = run(capsys, "check", "--format", "json", *SAMPLES)
    assert code == 1
    doc = json.loads(out)
    assert doc["version"] == 1 and [f["path"] for f in doc["files"]] == SAMPLES
    for f in doc["files"]:
        original = Path(f["path"]).read_text(encoding="utf-8")
        assert f["hits"], f["path"]
        for hit in f["hits"]:
            assert all(k in hit for k in CONTRACT)
            assert original[hit["start"]:hit["end"]] == hit["text"]
            exp = hit["explanation"]
            assert set(exp) >= {"rule_source", "pattern", "technique_name", "technique_definition", "evidence"}
            path, line = exp["rule_source"].rsplit(":", 1)
            rule_line = (ROOT / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
            assert f"id: {hit['rule']}" in rule_line
            for ev in exp["evidence"]:
                assert original[ev["start"]:ev["end"]] == ev["text"]
                if ev["lexicon"]:
                    lex_path, lex_line = ev["lexicon"].rsplit(":", 1)
                    assert (ROOT / lex_path).is_file() and int(lex_line) >= 1


def test_check_text_format_is_compiler_like(capsys, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Intro line.\nThe so-called plan failed.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--lang", "en", str(article))
    first, source, carets = out.splitlines()[:3]
    assert code == 1
    assert first.startswith(f"{article}:2:5: doubt [en.doubt.so-called] ")
    assert source.endswith("| The so-called plan failed.")
    assert carets.endswith("|     " + "^" * len("so-called plan"))


def test_exit_codes(capsys, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Tuesday and approved the budget.\n", encoding="utf-8")
    assert run(capsys, "check", str(clean))[0] == 0
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 \xff\n")
    code, _, err = run(capsys, "check", str(bad))
    assert code == 2 and "not valid UTF-8 at byte 3" in err
    assert run(capsys, "check", str(tmp_path / "missing.txt"))[0] == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml", str(clean)])
    assert exc.value.code == 2


def test_broken_pack_gives_positions_and_its_own_exit_code(capsys, tmp_path):
    rules = """\
- id: t.one
  kind: pattern
  technique: doubt
  confidence: 0.5
  message: m
  colour: red
  pattern: (a | b
  lexicons: ["@missing"]
  examples: {hit: ["a"], ok: ["b"]}
"""
    write_pack(tmp_path, rules)
    article = tmp_path / "a.txt"
    article.write_text("text\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--rules", str(tmp_path), str(article))
    assert code == 3 and out == ""
    lines = [l for l in err.splitlines() if "[rule-pack]" in l]
    assert len(lines) == 3 and all(":" in l.split(" ")[0] for l in lines)
    assert "Traceback" not in err


def test_batch_gives_the_same_hits_as_check(capsys, tmp_path):
    texts = {Path(p).name: Path(p).read_text(encoding="utf-8") for p in SAMPLES if p.endswith(".txt")}
    texts["inline"] = "According to sources close to the talks, the so-called deal is dead."
    batch_in = tmp_path / "in.jsonl"
    batch_in.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()), encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    assert run(capsys, "batch", str(batch_in), "-o", str(out_path))[0] == 1
    batch = {json.loads(l)["id"]: json.loads(l) for l in out_path.read_text(encoding="utf-8").splitlines()}
    for name, text in texts.items():
        f = tmp_path / f"{name}.txt"
        f.write_text(text, encoding="utf-8", newline="")
        _, out, _ = run(capsys, "check", "--format", "json", str(f))
        checked = json.loads(out)["files"][0]
        assert batch[name]["hits"] == checked["hits"] and batch[name]["lang"] == checked["lang"]


def test_batch_reports_bad_lines_and_goes_on(capsys, tmp_path):
    batch_in = tmp_path / "in.jsonl"
    batch_in.write_text('{"id": 1, "text": "The so-called plan."}\nnot json\n{"id": 2}\n', encoding="utf-8")
    code, out, err = run(capsys, "batch", str(batch_in))
    assert code == 2
    assert [json.loads(l)["id"] for l in out.splitlines()] == [1]
    assert "line 2: invalid JSON" in err and "line 3: expected an object" in err


def test_rules_test_passes_on_every_shipped_pack(capsys):
    code, out, _ = run(capsys, "rules", "test")
    assert code == 0, out
    assert out.strip().splitlines()[-1].endswith("passed, 0 failed")


def test_rules_test_reports_a_failing_example_with_its_location(capsys, tmp_path):
    rules = """\
- id: t.fail
  kind: pattern
  technique: doubt
  confidence: 0.5
  message: m
  pattern: so-called :word
  examples:
    hit: ["nothing to see"]
    ok: ["the so-called plan"]
"""
    write_pack(tmp_path, rules)
    code, out, _ = run(capsys, "rules", "test", "--rules", str(tmp_path), "test-en")
    assert code == 1
    assert "rules.yaml:8: t.fail: did not fire on its 'hit' example: 'nothing to see'" in out
    assert "rules.yaml:9: t.fail: fired on its 'ok' example: 'the so-called plan'" in out
    assert out.strip().endswith("0 passed, 2 failed")


def test_rules_list_json_counts_rules_per_language_and_technique(capsys):
    code, out, _ = run(capsys, "rules", "list", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert sum(sum(c.values()) for c in data["counts"].values()) == len(data["rules"])
    assert {"fr", "en"} <= set(data["counts"])


def test_explain_rule_and_technique(capsys):
    code, out, _ = run(capsys, "explain", "en.doubt.so-called")
    assert code == 0 and "rules/en/doubt.yaml:" in out and "fires on:" in out and "silent on:" in out
    code, out, _ = run(capsys, "explain", "doubt")
    assert code == 0 and "en.doubt.so-called" in out and "fr:" in out
    assert run(capsys, "explain", "no-such-thing")[0] == 2


def test_python_dash_m_and_stdin_work_as_a_real_process():
    proc = subprocess.run([sys.executable, "-m", "detector", "check", "--format", "jsonl", "--lang", "en", "-"],
                          input="The so-called reform failed.\n", capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stderr
    line = json.loads(proc.stdout)
    assert line["id"] == "<stdin>" and line["hits"][0]["text"] == "so-called reform"


def test_long_lines_are_cut_around_the_hit(capsys, tmp_path):
    article = tmp_path / "long.txt"
    article.write_text("Filler words here. " * 40 + "The so-called plan failed. " + "More filler follows. " * 40 + "\n",
                       encoding="utf-8")
    _, out, _ = run(capsys, "check", "--lang", "en", "--select", "en.doubt.so-called", str(article))
    head, source, carets = out.splitlines()[:3]
    assert len(source) < 220 and source.split("| ", 1)[1].startswith("…") and source.endswith("…")
    assert source[carets.index("^")] == "s" and source[carets.rindex("^")] == "n"  # under "so-called plan"


def test_deprecated_rule_runs_only_when_selected_by_id_and_warns(capsys, tmp_path):
    rules = """\
- id: t.old
  kind: pattern
  technique: doubt
  confidence: 0.5
  message: m
  status: deprecated
  replaced_by: en.doubt.so-called
  pattern: so-called :word
  examples: {hit: ["the so-called plan"], ok: ["the plan"]}
"""
    write_pack(tmp_path / "packs", rules)
    article = tmp_path / "a.txt"
    article.write_text("The so-called plan failed.\n", encoding="utf-8")
    base = ["check", "--isolated", "--lang", "en", "--format", "json", "--rules", str(tmp_path / "packs"), str(article)]
    _, out, err = run(capsys, *base)
    assert "t.old" not in {h["rule"] for h in json.loads(out)["files"][0]["hits"]} and "deprecated" not in err
    _, out, err = run(capsys, *base, "--select", "t.old")
    assert [h["rule"] for h in json.loads(out)["files"][0]["hits"]] == ["t.old"]
    assert "warning:" in err and "t.old" in err and "en.doubt.so-called" in err
