"""Inline suppressions in Markdown and HTML comments, and unused-suppression reports."""

from __future__ import annotations

from detector.lint import suppressions
from detector.text import load_document

from .conftest import write

ARTICLE = """\
# A so-called reform

The so-called reform raised serious questions, according to sources close to the file.

{comment}
The so-called plan raised many questions, according to sources close to the minister.
{closing}

The so-called deal raised new questions, according to sources close to the talks.
"""


def hits_by_line(outcome):
    return sorted((h["line"], h["technique"], h["rule"]) for h in outcome.hits())


def test_disable_doubt_hides_doubt_in_that_paragraph_only(check, tmp_path):
    plain = write(tmp_path / "plain.md", ARTICLE.format(comment="", closing=""))
    suppressed = write(tmp_path / "suppressed.md", ARTICLE.format(
        comment="<!-- propalint-disable doubt -- the paragraph quotes the committee -->",
        closing="<!-- propalint-enable doubt -->"))
    before = hits_by_line(check("--format", "json", plain))
    after = hits_by_line(check("--format", "json", suppressed))
    paragraph = 6
    assert any(line == paragraph and t == "doubt" for line, t, _ in before)  # the test means something
    assert [h for h in before if not (h[0] == paragraph and h[1] == "doubt")] == after
    assert any(line == paragraph for line, _, _ in after)  # other techniques there are kept


def test_disable_without_enable_runs_to_the_end_of_the_file(check, tmp_path):
    path = write(tmp_path / "a.md", ARTICLE.format(comment="<!-- propalint-disable fr.doubt, en.doubt -->", closing=""))
    hits = hits_by_line(check("--format", "json", path))
    assert not any(t == "doubt" and line >= 6 for line, t, _ in hits)
    assert any(t == "doubt" and line < 6 for line, t, _ in hits)


def test_disable_next_block_covers_one_paragraph(check, tmp_path):
    path = write(tmp_path / "a.md", ARTICLE.format(comment="<!-- propalint-disable-next-block -->", closing=""))
    hits = hits_by_line(check("--format", "json", path))
    assert not any(line == 6 for line, _, _ in hits)
    assert any(line == 3 for line, _, _ in hits) and any(line == 9 for line, _, _ in hits)


def test_disable_file_and_html_comments(check, tmp_path):
    md = write(tmp_path / "a.md", "<!-- propalint-disable-file appeal-to-authority -->\n\n" + ARTICLE.format(comment="", closing=""))
    techniques = {h["technique"] for h in check("--format", "json", md).hits()}
    assert "doubt" in techniques and "appeal-to-authority" not in techniques
    html = write(tmp_path / "a.html", (
        "<html><body><p>The so-called plan, according to sources close to the file.</p>"
        "<!-- propalint-disable-next-block doubt -->"
        "<p>The so-called deal, according to sources close to the talks.</p></body></html>"))
    hits = check("--format", "json", html).hits()
    deal = html.read_text().index("deal")
    assert any(h["technique"] == "doubt" and h["start"] < deal for h in hits)
    assert not any(h["technique"] == "doubt" and h["start"] > deal for h in hits)
    assert any(h["technique"] == "appeal-to-authority" and h["start"] > deal for h in hits)


def test_comment_in_a_code_block_is_not_a_directive(check, tmp_path):
    path = write(tmp_path / "a.md", "```\n<!-- propalint-disable-file -->\n```\n\nThe so-called plan.\n")
    assert check("--format", "json", path).hits()


def test_unused_suppressions_are_reported_and_fail(check, tmp_path):
    text = ARTICLE.format(comment="<!-- propalint-disable doubt, slogans, no-such-thing -- why -->",
                          closing="<!-- propalint-enable -->")
    path = write(tmp_path / "a.md", text)
    quiet = check(path)
    assert "unused-suppression" not in quiet.out
    report = check("--format", "json", "--report-unused-suppressions", path)
    notices = report.json()["files"][0]["notices"]
    assert [n["message"] for n in notices] == [
        "unused suppression: 'slogans' hides nothing here",
        "unknown rule or technique 'no-such-thing' in suppression",
    ]
    assert notices[0]["line"] == 5 and text[notices[0]["start"]:].startswith("<!-- propalint-disable")
    text_out = check("--report-unused-suppressions", "--ignore", "appeal-to-authority,en.doubt.raises-questions,repetition", path)
    assert "a.md:5:1: unused-suppression" in text_out.out
    github = check("--format", "github", "--report-unused-suppressions", path)
    assert sum("unused-suppression" in line for line in github.out.splitlines()) == 2


def test_only_unused_suppressions_still_fail_the_run(check, tmp_path):
    path = write(tmp_path / "a.md", "<!-- propalint-disable slogans -->\n\nThe council met on Tuesday.\n")
    assert check(path).code == 0
    assert check("--report-unused-suppressions", path).code == 1


def test_partial_enable_keeps_the_rest_disabled():
    doc = load_document("<!-- propalint-disable doubt, slogans -->\n\nOne.\n\n<!-- propalint-enable doubt -->\n\nTwo.\n",
                        fmt="markdown", lang="en")
    found = suppressions.parse(doc)
    enable_at = doc.original.index("<!-- propalint-enable")
    assert [(s.selectors, s.end == enable_at) for s in found] == [(("doubt", "slogans"), True), (("slogans",), False)]
    assert found[1].end == len(doc.original)


def test_plain_text_uses_per_file_ignores(check, tmp_path):
    path = write(tmp_path / "notes" / "a.txt", "The so-called plan, according to sources close to the file.\n")
    assert {h["technique"] for h in check("--format", "json", path).hits()} >= {"doubt", "appeal-to-authority"}
    write(tmp_path / "propalint.toml", '[per-file-ignores]\n"notes/a.txt" = ["doubt"]\n')
    assert "doubt" not in {h["technique"] for h in check("--format", "json", path).hits()}
