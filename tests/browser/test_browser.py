"""The editor's page and the report file, in headless Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import httpx
import pytest

from detector.server.runner import BackgroundServer

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {"en": ROOT / "corpus/samples/sample-en.md", "fr": ROOT / "corpus/samples/sample-fr.txt"}
FORMATS = {"en": "markdown", "fr": "text"}


@pytest.fixture(scope="module")
def server():
    with BackgroundServer() as running:
        yield running


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_editor_pastes_an_article_and_reads_the_explanations(browser, server, save_screenshot, lang):
    text = SAMPLES[lang].read_text(encoding="utf-8")
    api = httpx.post(server.url + "/v1/check", json={"text": text, "format": FORMATS[lang]}, timeout=60).json()
    hits = api["files"][0]["hits"]
    assert hits, "the sample should have hits"

    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale=f"{lang}-{lang.upper()}")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url + "/")
    page.fill("#article", text)
    page.select_option("#format", FORMATS[lang])
    page.click("#check")
    page.wait_for_selector("#report:not([hidden])")
    frame = page.frame_locator("#report")
    frame.locator("section.article").wait_for()

    assert frame.locator("mark.hit.head").count() == len(hits)
    assert int(page.get_attribute("#report", "data-hits")) == len(hits)
    assert str(len(hits)) in page.inner_text("#status")

    # Click the first hit: the panel explains it, naming its rule and technique.
    frame.locator('mark.hit.head[data-n="1"]').click()
    panel = frame.locator("#explain")
    panel.locator(".card").first.wait_for()
    rules_shown = [c.get_attribute("data-rule") for c in panel.locator(".card").all()]
    assert hits[0]["rule"] in rules_shown
    assert hits[0]["rule"] in panel.inner_text()
    assert hits[0]["explanation"]["technique_name"] in panel.inner_text()

    # Keyboard: j goes to the next hit, and the panel follows.
    if len(hits) > 1:
        frame.locator("body").press("j")
        assert frame.locator("#explain .card").first.get_attribute("data-rule") == hits[1]["rule"]
        frame.locator("body").press("k")
        assert frame.locator("#explain .card").first.get_attribute("data-rule") == hits[0]["rule"]

    shot = save_screenshot(page, f"editor-page-{lang}.png")
    assert shot.stat().st_size > 10_000
    assert errors == []
    context.close()


def test_report_file_opens_offline_with_every_hit_and_the_json_counts(browser, tmp_path, save_screenshot):
    paths = [str(p.relative_to(ROOT)) for p in SAMPLES.values()]  # run from ROOT: short names on screen
    report = tmp_path / "report.html"
    run = subprocess.run([sys.executable, "-m", "detector", "report", *paths, "-o", str(report)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode in (0, 1), run.stderr
    check = subprocess.run([sys.executable, "-m", "detector", "check", "--format", "json", *paths],
                           capture_output=True, text=True, cwd=ROOT)
    files = json.loads(check.stdout)["files"]

    context = browser.new_context(offline=True, viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(report.as_uri())
    assert all(url.startswith(("file:", "data:", "about:")) for url in requested), requested

    sections = page.locator("section.article")
    assert sections.count() == len(files)
    for i, f in enumerate(files):
        section = sections.nth(i)
        assert section.locator("mark.hit.head").count() == len(f["hits"])
        shown = {row.get_attribute("data-technique"): int(row.inner_text().split("\t")[1])
                 for row in section.locator("table.techniques tbody tr").all()}
        assert shown == dict(Counter(h["technique"] for h in f["hits"]))
        # every highlight is visible: it has a box on the page
        for mark in section.locator("mark.hit.head").all():
            box = mark.bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0

    page.keyboard.press("j")
    card = page.locator("#explain .card").first
    assert card.get_attribute("data-rule") == files[0]["hits"][0]["rule"]
    save_screenshot(page, "report-offline.png")

    page.emulate_media(media="print")
    assert page.locator("#explain").is_hidden()
    context.close()
