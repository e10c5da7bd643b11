"""The HTTP service under load and faults, on loopback, in its own process.

Four concurrent clients send 2,080 requests mixing valid check and report calls, oversized
bodies, malformed bodies (bad JSON, not UTF-8, wrong fields, lone surrogates, nesting bombs)
and bodies trickled in slowly: some fast enough to be answered, some too slow for the
per-request body time limit. Every valid request must get exactly the answer propalint gives
in-process, every bad one its 4xx, nothing a 5xx; the server's memory must stay bounded, and
it must still answer afterwards. The figures are printed (run with -s to see them).
"""

from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("uvicorn")

from detector.linter import Linter  # noqa: E402
from detector.server.payload import parse  # noqa: E402
from detector.server.service import Service  # noqa: E402
from helpers import wait_for_service  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 4
PER_CLIENT = 520
MAX_BODY = 1_000_000
BODY_TIMEOUT = 1.0


def articles() -> list[str]:
    texts = [json.loads(line)["text"] for name in ("en.jsonl", "fr.jsonl")
             for line in (ROOT / "corpus" / name).read_text(encoding="utf-8").splitlines()[:12]]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "samples").iterdir())]
    return texts


def valid_bodies() -> list[dict]:
    rng = random.Random(11)
    bodies = []
    for i, text in enumerate(articles()):
        body = {"text": text, "id": f"a{i}"}
        if i % 3 == 1:
            body["lang"] = rng.choice(["fr", "en"])
        if i % 4 == 2:
            body["format"] = "markdown"
        if i % 5 == 3:
            body["select"] = ["doubt", "en.loaded", "fr.loaded"]
        bodies.append(body)
    bodies.append({"text": "", "id": "empty"})
    bodies.append({"text": "e\u0301 👨\u200d👩\u200d👧 مرحبا \x00 the so-called plan \u202e", "id": "unicode"})
    return bodies


MALFORMED = [  # (body bytes, expected status)
    (b"{not json", 400),
    (b"", 400),
    (b'{"text": "caf\xe9"}', 400),  # not UTF-8
    (b"[1, 2]", 400),
    (b"[" * 50_000, 400),  # nesting bomb
    (b'{"text": "x", "lang": ' + b"9" * 5000 + b"}", 400),  # an integer past Python's digit limit
    (b'{"text": 42}', 422),
    (b'{"txt": "x"}', 422),
    (b'{"text": "x", "lang": "klingon"}', 422),
    (b'{"text": "x", "select": ["no-such-rule"]}', 422),
    (b'{"text": "the so-called \\ud800 plan"}', 422),  # a lone surrogate
    (b'{"text": "x", "select": ["\\udfff"]}', 422),
]


@pytest.fixture(scope="module")
def server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = ("import uvicorn; from detector.server.app import create_app; "
            f"uvicorn.run(create_app(max_body={MAX_BODY}, body_timeout={BODY_TIMEOUT}), host='127.0.0.1', "
            f"port={port}, log_level='error', server_header=False)")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    wait_for_service(url, proc)
    yield proc, port, url
    proc.terminate()
    proc.wait(timeout=30)


def memory_kib(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise LookupError(field)


def raw_request(port: int, body: bytes, *, pieces: int, pause: float, send_all: bool = True) -> int:
    """POST /v1/check over a bare socket, the body cut in pieces with pauses; the status."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                     b"Connection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n")
        step = max(1, len(body) // pieces)
        parts = [body[i:i + step] for i in range(0, len(body), step)]
        for part in parts if send_all else parts[:-1]:
            try:
                sock.sendall(part)
            except OSError:  # the server answered and closed: read what it said
                break
            time.sleep(pause)
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return int(data.split(b" ", 2)[1])


def expected_answers(bodies):
    service = Service(Linter())
    answers = []
    for body in bodies:
        result = service.check(parse(json.dumps(body).encode()))
        answers.append({"version": 1, "files": [result.to_dict()]})
    return answers


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="memory is read from /proc (Linux)")
def test_two_thousand_mixed_requests_from_four_clients(server):
    proc, port, url = server
    bodies = valid_bodies()
    encoded = [json.dumps(b).encode() for b in bodies]
    answers = expected_answers(bodies)
    oversized = json.dumps({"text": "word " * (MAX_BODY // 5 + 10)}).encode()
    started_rss = memory_kib(proc.pid, "VmRSS")

    outcomes: Counter = Counter()
    failures: list[str] = []
    sent = Counter()
    lock = threading.Lock()
    peak = [started_rss]

    def record(kind, status, ok, detail=""):
        with lock:
            sent[kind] += 1
            outcomes[(kind, status)] += 1
            if not ok:
                failures.append(f"{kind}: {status} {detail}"[:300])

    def client(seed: int):
        rng = random.Random(seed)
        with httpx.Client(base_url=url, timeout=60) as http:
            for i in range(PER_CLIENT):
                slot = i % 20
                if slot < 9:
                    k = rng.randrange(len(bodies))
                    r = http.post("/v1/check", content=encoded[k], headers={"content-type": "application/json"})
                    record("valid check", r.status_code, r.status_code == 200 and r.json() == answers[k], bodies[k]["id"])
                elif slot < 11:
                    k = rng.randrange(len(bodies))
                    r = http.post("/v1/report", content=encoded[k])
                    hits = len(answers[k]["files"][0]["hits"])
                    ok = r.status_code == 200 and r.headers.get("x-propalint-hits") == str(hits) and "<html" in r.text
                    record("valid report", r.status_code, ok)
                elif slot < 13:
                    r = http.post("/v1/check", content=oversized)
                    record("oversized", r.status_code, r.status_code == 413)
                elif slot < 18:
                    body, status = MALFORMED[rng.randrange(len(MALFORMED))]
                    r = http.post(rng.choice(["/v1/check", "/v1/report"]), content=body)
                    record("malformed", r.status_code, r.status_code == status, body[:40])
                elif slot == 18:
                    k = rng.randrange(len(bodies))
                    status = raw_request(port, encoded[k], pieces=4, pause=0.02)
                    record("trickled in time", status, status == 200)
                else:
                    status = raw_request(port, encoded[0], pieces=3, pause=BODY_TIMEOUT * 0.6, send_all=False)
                    record("trickled too slowly", status, status == 408)

    def watch(stop: threading.Event):
        while not stop.wait(0.05):
            peak[0] = max(peak[0], memory_kib(proc.pid, "VmRSS"))

    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(stop,))
    watcher.start()
    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(CLIENTS)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    stop.set()
    watcher.join()
    ended_rss = memory_kib(proc.pid, "VmRSS")
    high_water = memory_kib(proc.pid, "VmHWM")

    # still serving, and still right
    assert httpx.get(url + "/healthz", timeout=10).status_code == 200
    again = httpx.post(url + "/v1/check", content=encoded[0], timeout=60)
    assert again.status_code == 200 and again.json() == answers[0]

    total = sum(sent.values())
    summary = {
        "requests": total, "seconds": round(elapsed, 1), "by kind": dict(sent),
        "outcomes": {f"{k} -> {s}": n for (k, s), n in sorted(outcomes.items())},
        "rss MiB": {"start": started_rss // 1024, "peak sampled": peak[0] // 1024,
                    "high water": high_water // 1024, "end": ended_rss // 1024},
    }
    print("\nservice load:", json.dumps(summary, indent=2))
    assert total >= 2000
    assert failures == []
    assert not any(500 <= s for (_, s) in outcomes)
    # bounded: bodies are capped at 1 MB, so the server never grows by more than a few of them
    assert high_water - started_rss < 400 * 1024, summary
