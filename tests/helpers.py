"""Small helpers shared by tests: throwaway rule packs on disk, fresh interpreters."""

from __future__ import annotations

import textwrap
from pathlib import Path

MANIFEST = "name: test-{lang}\nversion: 0.1.0\nlanguage: {lang}\nmin_engine: 0.1.0\n"


def write_pack(root: Path, rules_yaml: str, *, lang: str = "en", lexicons: dict[str, str] | None = None,
               manifest_extra: str = "", name: str | None = None) -> Path:
    pack = root / (name or f"pack-{lang}")
    (pack / "lexicons").mkdir(parents=True, exist_ok=True)
    (pack / "pack.yaml").write_text(MANIFEST.format(lang=lang) + manifest_extra, encoding="utf-8")
    (pack / "rules.yaml").write_text(textwrap.dedent(rules_yaml), encoding="utf-8")
    for lex_name, body in (lexicons or {}).items():
        (pack / "lexicons" / f"{lex_name}.txt").write_text(textwrap.dedent(body), encoding="utf-8")
    return pack


def brute_force_find_all(compiled, ctx):
    """Leftmost non-overlapping matches of a compiled pattern, trying every token: what anchors
    and screening must never change."""
    found, next_free = [], 0
    for i in range(len(ctx.tokens)):
        if i < next_free:
            continue
        match = compiled.match_at(ctx, i)
        if match:
            found.append((match[0].start, match[0].end))
            next_free = max(match[1], i + 1)
    return found


def wait_for_service(url: str, proc, timeout: float = 60.0) -> None:
    """Wait until a service started as `proc` answers /healthz; kill it and fail if it exits
    or does not answer in time."""
    import time

    import httpx

    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            raise RuntimeError(f"the service at {url} did not start. {stderr}".strip())
        time.sleep(0.1)


def reference_identify(tokens):
    """Language id as first written: every word token's weights, added in text order."""
    from detector.text.langid import MAX_TOKENS, profile

    french, english = profile("fr"), profile("en")
    score_fr = score_en = 0.0
    for token in tokens[:MAX_TOKENS]:
        if token.kind == "word":
            score_fr += french.get(token.fold, 0.0)
            score_en += english.get(token.fold, 0.0)
    return "fr" if score_fr > score_en else "en"


def run_fresh(code: str, cache_dir: Path, *args: str):
    """Run `code` in a new interpreter from the repository root, with its cache in
    `cache_dir` (on, whatever the caller's environment says)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PROPALINT_CACHE_DIR": str(cache_dir)}
    env.pop("PROPALINT_NO_CACHE", None)
    root = Path(__file__).resolve().parents[1]
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=root)
