"""Properties of the whole pipeline with the shipped packs: offsets, robustness, order independence."""

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from detector.cli import main
from detector.linter import Linter

LINTER = Linter()
WORDS = st.sampled_from([
    "the", "so-called", "reform", "according", "to", "sources", "close", "devastating", "«", "»", "\"",
    "soi-disant", "selon", "des", "experts", "n'est", "qu'un", "symptôme", "l’Union", "#StopIt", "!",
    "?", ".", "\n", "\n\n", "\r\n", "total", "inaction", "raises", "questions", "é", "\u00a0", "\u202f",
    "Il", "est", "grand", "temps", "now", "or", "never", "<b>", "</b>", "**", "`code`", "# ", "> ",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=80).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, fmt=st.sampled_from(["text", "markdown", "html"]), lang=st.sampled_from(["auto", "fr", "en"]))
def test_no_input_crashes_and_every_hit_slices_back(text, fmt, lang):
    result = LINTER.lint_text(text, fmt=fmt, lang=lang)
    for hit in result.hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start:hit.end] == hit.text
        assert 1 <= hit.line <= hit.end_line
        for ev in hit.evidence:
            assert text[ev.start:ev.end] == ev.text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.lists(WORDS, min_size=1, max_size=40).map(" ".join), min_size=2, max_size=4), data=st.data())
def test_output_does_not_depend_on_file_order(tmp_path_factory, capsys, texts, data):
    folder = tmp_path_factory.mktemp("order")
    paths = []
    for i, text in enumerate(texts):
        p = folder / f"f{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    shuffled = data.draw(st.permutations(paths))
    main(["check", "--format", "json", *paths])
    first = {f["path"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    main(["check", "--format", "json", *shuffled])
    second = {f["path"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert first == second
