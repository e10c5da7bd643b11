"""Headless Chromium (Debian's package) driven by Playwright; scripts/install-browser.sh installs it."""

import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("starlette")
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: scripts/install-browser.sh should have installed it")
        pytest.skip("chromium is not installed (run scripts/install-browser.sh)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def save_screenshot(tmp_path):
    """Screenshot into the test's tmp dir and copy it to out/screenshots/ for people to look at."""

    def save(page, name: str, **options) -> Path:
        path = tmp_path / name
        page.screenshot(path=str(path), **options)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SCREENSHOTS / name)
        return path

    return save
