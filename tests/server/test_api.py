"""The HTTP API over real HTTP: same hits as `propalint check`, limits, errors, staying up."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import jsonschema
import pytest

from detector.linter import format_for
from detector.server.runner import BackgroundServer
from helpers import wait_for_service

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "corpus" / "samples").iterdir())
# The seeds live in the shared folder beside the repository, when there is one.
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")) if (ROOT.parent / "shared" / "seeds").is_dir() else []


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def cli_hits(paths) -> dict[str, list]:
    run = subprocess.run([sys.executable, "-m", "detector", "check", "--format", "json", *map(str, paths)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode in (0, 1), run.stderr
    return {f["path"]: f["hits"] for f in json.loads(run.stdout)["files"]}


def test_health_and_rules(client, server):
    assert client.get("/healthz").json()["status"] == "ok"
    rules = client.get("/v1/rules").json()
    ruleset = server.app.state.service.linter.ruleset
    assert {p["name"]: p["rules"] for p in rules["packs"]} == {p.name: len(p.rules) for p in ruleset.packs}
    assert {p["language"] for p in rules["packs"]} == {"fr", "en"}
    assert all(p["version"] and p["enabled"] <= p["rules"] for p in rules["packs"])
    assert rules["techniques"] == 23


@pytest.mark.parametrize("paths", [SAMPLES, SEEDS], ids=["samples", "seeds"])
def test_api_gives_the_hits_of_the_cli(client, paths):
    if not paths:
        pytest.skip("no seeds folder beside the repository")
    expected = cli_hits(paths)
    assert any(expected.values()), "the fixtures should produce hits"
    for path in paths:
        rel = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        body = {"text": read(path), "format": format_for(str(path)), "id": rel}
        response = client.post("/v1/check", json=body)
        assert response.status_code == 200
        doc = response.json()
        assert doc["version"] == 1 and doc["files"][0]["path"] == rel
        assert doc["files"][0]["hits"] == expected[str(path)], path


def test_response_follows_the_openapi_description(client):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) >= {"/v1/check", "/v1/report", "/v1/rules", "/healthz", "/"}
    response = client.post("/v1/check", json={"text": read(SAMPLES[0]), "format": "markdown"}).json()
    schema = {"$ref": "#/components/schemas/CheckResponse", "components": spec["components"]}
    jsonschema.validate(response, schema)
    bad = client.post("/v1/check", content=b"{").json()
    jsonschema.validate(bad, {"$ref": "#/components/schemas/Error", "components": spec["components"]})


def test_too_large_broken_and_invalid_bodies_then_still_answering(client):
    text = read(SAMPLES[0])
    before = client.post("/v1/check", json={"text": text, "format": "markdown"}).json()

    big = json.dumps({"text": "word " * 400_000}).encode()  # about 2 MB
    assert len(big) > 1_900_000
    r = client.post("/v1/check", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too-large"

    def chunks():  # no Content-Length: the limit is enforced while the body streams in
        for _ in range(40):
            yield b"x" * 50_000
    r = client.post("/v1/report", content=chunks())
    assert r.status_code == 413

    r = client.post("/v1/check", content=b'{"text": "unterminated', headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid-json"
    assert client.post("/v1/check", content=b"\xff\xfe").status_code == 400
    assert client.post("/v1/check", json=["not", "an", "object"]).status_code == 400

    for body in ({"lang": "en"}, {"text": 3}, {"text": "x", "lang": "de"}, {"text": "x", "format": "pdf"},
                 {"text": "x", "select": [1]}, {"text": "x", "colour": "red"}, {"text": "x", "ignore": ["no-such-rule"]}):
        r = client.post("/v1/check", json=body)
        assert r.status_code == 422 and "message" in r.json()["error"], body

    assert client.get("/v1/check").status_code == 405
    assert client.get("/nowhere").json()["error"]["status"] == 404
    assert client.get("/healthz").status_code == 200
    assert client.post("/v1/check", json={"text": text, "format": "markdown"}).json() == before


def test_select_and_ignore(client):
    text = read(SAMPLES[0])
    hits = client.post("/v1/check", json={"text": text, "format": "markdown"}).json()["files"][0]["hits"]
    assert len({h["technique"] for h in hits}) >= 2
    first = hits[0]
    selected = client.post("/v1/check", json={"text": text, "format": "markdown", "select": [first["technique"]]})
    assert [h["technique"] for h in selected.json()["files"][0]["hits"]] == \
        [h["technique"] for h in hits if h["technique"] == first["technique"]]
    prefix = first["rule"].rsplit(".", 1)[0]
    ignored = client.post("/v1/check", json={"text": text, "format": "markdown", "ignore": [prefix]})
    assert ignored.json()["files"][0]["hits"] == [h for h in hits if not h["rule"].startswith(prefix + ".")]


def test_report_endpoint_highlights_every_hit(client):
    text = read(SAMPLES[1])
    hits = client.post("/v1/check", json={"text": text}).json()["files"][0]["hits"]
    r = client.post("/v1/report", json={"text": text, "title": "Desk check"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert int(r.headers["x-propalint-hits"]) == len(hits) and r.headers["x-propalint-lang"] == "fr"
    assert r.text.count('class="hit ') - r.text.count(" cont\"") == len(hits)
    assert "<title>Desk check</title>" in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_editor_page_is_served_without_outside_requests(client):
    r = client.get("/")
    assert r.status_code == 200 and 'id="article"' in r.text and 'id="report"' in r.text
    assert "http://" not in r.text and "https://" not in r.text
    assert "connect-src 'self'" in r.headers["content-security-policy"]


def test_rule_packs_compile_once_at_start_up(monkeypatch):
    from detector.linter import Linter

    # counted where a Linter makes a language's program, compiled or read from the cache
    built = []
    original = Linter._compiled_program

    def counting(self, lang):
        built.append(lang)
        return original(self, lang)

    monkeypatch.setattr(Linter, "_compiled_program", counting)
    with BackgroundServer() as server, httpx.Client(base_url=server.url, timeout=60) as client:
        at_start = list(built)
        assert sorted(at_start) == ["en", "fr"]
        for lang in ("fr", "en", "auto"):
            assert client.post("/v1/check", json={"text": "Selon des experts, tout va mal.", "lang": lang}).status_code == 200
            assert client.post("/v1/report", json={"text": "It is time to act.", "lang": lang}).status_code == 200
        assert built == at_start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_command_runs_uvicorn_with_a_body_limit():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "detector", "serve", "--port", str(port), "--max-body", "2KB",
                             "--log-level", "warning"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_service(url, proc)
        assert httpx.post(url + "/v1/check", json={"text": "a" * 3000}).status_code == 413
        small = httpx.post(url + "/v1/check", json={"text": "Selon des experts, c'est fini."})
        assert small.status_code == 200 and small.json()["files"][0]["lang"] == "fr"
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_serve_rejects_a_bad_size():
    run = subprocess.run([sys.executable, "-m", "detector", "serve", "--max-body", "lots"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and "not a size" in run.stderr
