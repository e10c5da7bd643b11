"""The corpus files are valid, up to date with their marked-up sources, and balanced."""

import importlib.util
from pathlib import Path

from detector.eval import read_corpus

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def load_build():
    spec = importlib.util.spec_from_file_location("corpus_build", CORPUS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_jsonl_files_match_their_sources():
    for name, content in load_build().build().items():
        assert (CORPUS / name).read_text(encoding="utf-8") == content, f"run: python corpus/build.py ({name} is stale)"


def test_corpus_is_valid_and_balanced():
    docs = read_corpus([CORPUS])
    by_lang = {lang: [d for d in docs if d.lang == lang] for lang in ("fr", "en")}
    for lang, group in by_lang.items():
        assert len(group) >= 20, lang
        neutral = [d for d in group if "neutral" in d.id]
        assert len(neutral) * 2 == len(group), lang
    techniques = {s.technique for d in docs for s in d.spans}
    assert len(techniques) == 23


def test_marks_nest_and_strip_to_plain_text():
    parse = load_build().parse_marked
    text, spans = parse("a [[loaded-language|big [[exaggeration-minimisation|total]] flop]] here")
    assert text == "a big total flop here"
    assert [(text[s["start"]:s["end"]], s["technique"]) for s in spans] == [
        ("big total flop", "loaded-language"), ("total", "exaggeration-minimisation")]
