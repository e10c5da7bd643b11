"""The HTML report: highlighting, summary counts against the JSON output, self-containment."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.cli import main
from detector.linter import Linter, format_for
from detector.report.html import prepare, render_report
from detector.report.html.highlight import highlight
from detector.report.html.render import _json_for_script
from detector.report.html.taxonomy import load_categories

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "corpus" / "samples").iterdir())


@pytest.fixture(scope="module")
def linter():
    return Linter()


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


class ReportParser(HTMLParser):
    """Collects what the tests look at: head marks, summary rows, outside references."""

    def __init__(self):
        super().__init__()
        self.heads: list[dict] = []
        self.rows: list[dict] = []
        self.sections: list[dict] = []
        self.references: list[str] = []
        self.tags = Counter()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        if tag == "mark" and "head" in a.get("class", "").split():
            self.heads.append(a)
        if tag == "tr" and "data-technique" in a:
            self.rows.append(a)
        if tag == "section" and "article" in a.get("class", "").split():
            self.sections.append(a)
        for key in ("src", "href", "action", "srcset"):
            if key in a and not (a[key] or "").startswith("#"):
                self.references.append(a[key])


def parse(html: str) -> ReportParser:
    p = ReportParser()
    p.feed(html)
    return p


def strip_marks(fragment: str) -> str:
    return unescape(re.sub(r"</?mark[^>]*>", "", fragment))


# --- highlighting ---------------------------------------------------------------------------

def test_nested_hits_become_nested_marks():
    out = highlight("abcdefgh", [(0, 8), (2, 4)], ["x", "y"], "d")
    assert out.startswith('<mark class="hit cat-x d0 head"')
    assert '<mark class="hit cat-y d1 head"' in out
    assert out.count("<mark") == 2 and strip_marks(out) == "abcdefgh"


def test_crossing_hits_are_split_but_have_one_head_each():
    out = highlight("abcdefghij", [(0, 5), (3, 8)], ["x", "y"], "d")
    assert out.count(" head") == 2
    assert out.count('data-hit="1"') == 2  # head inside hit 0, continuation after it
    assert re.search(r'class="hit cat-y d0 cont" data-hit="1">fgh</mark>', out)
    assert strip_marks(out) == "abcdefghij"


def test_article_text_is_escaped():
    out = highlight("<script>alert(1)</script> & co", [(0, 8)], ["x"], "d")
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp; co" in out


def test_empty_span_still_gets_a_focusable_marker():
    out = highlight("abc", [(1, 1)], ["x"], "d")
    assert 'id="d-h0" tabindex="0"' in out and strip_marks(out) == "abc"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab <&\n", min_size=1, max_size=30).flatmap(
    lambda text: st.tuples(st.just(text), st.lists(
        st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted).map(tuple), max_size=6))))
def test_any_overlap_keeps_the_text_and_one_head_per_hit(case):
    text, spans = case
    out = highlight(text, spans, ["x"] * len(spans), "d")
    assert strip_marks(out) == text
    p = parse(f"<div>{out}</div>")
    assert sorted(int(h["data-hit"]) for h in p.heads) == list(range(len(spans)))
    assert out.count("<mark") == out.count("</mark>")


# --- the report against the JSON output -------------------------------------------------------

def check_json(paths, capsys) -> dict:
    main(["check", "--format", "json", *map(str, paths)])
    return {f["path"]: f for f in json.loads(capsys.readouterr().out)["files"]}


def test_report_summary_counts_equal_the_json_output(tmp_path, capsys):
    out = tmp_path / "report.html"
    code = main(["report", *map(str, SAMPLES), "-o", str(out)])
    capsys.readouterr()
    expected = check_json(SAMPLES, capsys)
    assert code == (1 if any(f["hits"] for f in expected.values()) else 0)
    html = out.read_text(encoding="utf-8")
    sections = re.split(r'(?=<section class="article")', html)[1:]
    assert len(sections) == len(SAMPLES)
    for path, section in zip(map(str, SAMPLES), sections):
        hits = expected[path]["hits"]
        p = parse(section)
        counts = Counter(h["technique"] for h in hits)
        rows = {r["data-technique"]: int(r["data-count"]) for r in p.rows}
        assert rows == dict(counts), path
        assert sorted(int(h["data-n"]) for h in p.heads) == list(range(1, len(hits) + 1))
        data = json.loads(re.search(r'<script type="application/json" class="hit-data">(.*?)</script>', section).group(1))
        assert [{k: v for k, v in d.items() if k not in ("category", "category_name")} for d in data] == hits
        assert re.search(rf'data-stat="hits">{len(hits)}<', section)


def test_overview_and_contents_for_several_files(linter):
    arts = [prepare(linter, read(p), path=str(p), fmt=format_for(str(p))) for p in SAMPLES]
    html = render_report(arts, linter.ruleset.techniques)
    assert 'class="contents"' in html and 'class="overview"' in html
    for i, p in enumerate(SAMPLES):
        assert f'<a href="#doc{i}">{p}</a>' in html
    total = sum(len(a.hits) for a in arts)
    overview = html.split('class="article"', 1)[0]
    assert f'data-stat="hits">{total}<' in overview
    single = render_report(arts[:1], linter.ruleset.techniques)
    assert 'class="contents"' not in single


def test_report_is_self_contained(linter):
    arts = [prepare(linter, read(p), path=str(p), fmt=format_for(str(p))) for p in SAMPLES]
    html = render_report(arts, linter.ruleset.techniques)
    p = parse(html)
    assert p.references == []  # no src, href or action leaving the page
    assert p.tags["link"] == 0 and p.tags["img"] == 0 and p.tags["iframe"] == 0
    assert "default-src 'none'" in html  # the page itself forbids any request
    assert not re.search(r"https?://", html.split("<body>", 1)[1].replace("http://www.w3.org", ""))


def test_every_category_colour_is_in_the_palette(linter):
    html = render_report([prepare(linter, "Nothing here.", lang="en")], linter.ruleset.techniques)
    categories = load_categories()
    assert len(categories) == 6
    for cat in categories:
        assert f".cat-{cat.id}{{--c:{cat.colour};" in html
        assert cat.label("en") in html


def test_french_article_gets_french_labels(linter):
    art = prepare(linter, read(ROOT / "corpus/samples/sample-fr.txt"), path="fr.txt")
    html = render_report([art], linter.ruleset.techniques)
    assert '<html lang="fr">' in html and "Résumé" in html and "pour 1 000 mots" in html


def test_script_data_cannot_close_the_script_element():
    text = _json_for_script([{"text": "</script><script>alert(1)</script><!--"}])
    assert "</script" not in text and "<!--" not in text
    assert json.loads(text) == [{"text": "</script><script>alert(1)</script><!--"}]


def test_html_input_is_shown_as_its_visible_text(linter):
    article = "<html><body><h1>Budget</h1><p>The so-called <b>reform</b> is a shameless cash grab.</p></body></html>"
    art = prepare(linter, article, path="a.html", fmt="html", lang="en")
    assert art.hits, "the rules should find something in this sentence"
    assert "<p>" not in art.text and "so-called" in art.text
    for hit, (a, b) in zip(art.hits, art.spans):
        assert " ".join(art.text[a:b].split()) == " ".join(re.sub(r"<[^>]+>", "", hit.text).split())


def test_report_command_writes_stdout_and_reports_bad_input(tmp_path):
    good = ROOT / "corpus/samples/sample-en.md"
    run = subprocess.run([sys.executable, "-m", "detector", "report", str(good)], capture_output=True, text=True)
    assert run.returncode in (0, 1) and run.stdout.startswith("<!doctype html>")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not utf-8")
    run = subprocess.run([sys.executable, "-m", "detector", "report", str(bad), "-o", str(tmp_path / "r.html")],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "not valid UTF-8" in run.stderr
