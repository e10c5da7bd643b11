"""Never-linted markup gives no hit; scopes and offsets point into the original file."""

from __future__ import annotations

import pytest

from detector.linter import Linter

PHRASE = "The so-called reform failed."


@pytest.fixture(scope="module")
def linter():
    return Linter()


def doubt_hits(linter, text, fmt):
    return [h for h in linter.lint_text(text, fmt=fmt, lang="en").hits if h.technique == "doubt"]


def test_the_phrase_fires_in_body_text(linter):
    assert doubt_hits(linter, PHRASE + "\n", "markdown")
    assert doubt_hits(linter, f"<p>{PHRASE}</p>", "html")


@pytest.mark.parametrize("text", [
    f"Intro.\n\n```\n{PHRASE}\n```\n",
    f"Intro.\n\n    {PHRASE}\n",
    f"Intro with `{PHRASE}` inline.\n",
    f"---\ntitle: {PHRASE}\n---\n\nIntro.\n",
    "See [the text](https://example.org/the-so-called-reform) here.\n",
    "See <https://example.org/the/so-called/reform> here.\n",
])
def test_markdown_code_front_matter_and_urls_are_not_linted(linter, text):
    assert doubt_hits(linter, text, "markdown") == []


@pytest.mark.parametrize("element", ["script", "style", "code"])
def test_html_script_style_code_are_not_linted(linter, element):
    assert doubt_hits(linter, f"<p>Intro.</p><{element}>{PHRASE}</{element}>", "html") == []


def test_offsets_and_positions_point_into_the_original(linter):
    text = "---\ntitle: x\n---\n\n# Heading\n\nSome *emphasis* and `code`, then the **so-called** reform failed.\r\n"
    hits = doubt_hits(linter, text, "markdown")
    assert len(hits) == 1
    hit = hits[0]
    assert text[hit.start:hit.end] == hit.text and "so-called" in hit.text
    line_start = text.rfind("\n", 0, hit.start) + 1
    assert (hit.line, hit.column) == (text.count("\n", 0, hit.start) + 1, hit.start - line_start + 1)
    html = "<html><head><title>t</title></head><body><p>A &amp; B: the so-called reform failed.</p></body></html>"
    (hit,) = doubt_hits(linter, html, "html")
    assert html[hit.start:hit.end] == hit.text and hit.text.startswith("so-called")


def test_headings_and_block_quotes_are_scopes_rules_can_exclude(linter):
    heading_rules = {r.id for r in linter.ruleset.rules if "heading" in r.exclude}
    quote_rules = {r.id for r in linter.ruleset.rules if "blockquote" in r.exclude}
    body = linter.lint_text(f"{PHRASE}\n", fmt="markdown", lang="en").hits
    heading = linter.lint_text(f"# {PHRASE}\n", fmt="markdown", lang="en").hits
    quoted = linter.lint_text(f"> {PHRASE}\n", fmt="markdown", lang="en").hits
    for rule in {h.rule for h in body}:
        assert (rule in {h.rule for h in heading}) == (rule not in heading_rules)
        assert (rule in {h.rule for h in quoted}) == (rule not in quote_rules)
