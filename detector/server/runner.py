"""Run the service with uvicorn: in the foreground (`propalint serve`) or in a background thread."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from detector.linter import Linter

from .app import DEFAULT_MAX_BODY, create_app


def serve(host: str = "127.0.0.1", port: int = 8080, *, linter: Linter | None = None,
          max_body: int = DEFAULT_MAX_BODY, log_level: str = "info") -> None:
    app = create_app(linter, max_body=max_body)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)


class BackgroundServer:
    """The service on a free loopback port, served from a thread; a context manager.

    For embedding in another program and for tests that want the real HTTP stack:
    ``with BackgroundServer() as server: httpx.get(server.url + "/healthz")``.
    """

    def __init__(self, linter: Linter | None = None, *, host: str = "127.0.0.1",
                 max_body: int = DEFAULT_MAX_BODY, log_level: str = "warning"):
        self.app = create_app(linter, max_body=max_body)
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, 0))
        self.host, self.port = self._socket.getsockname()[:2]
        config = uvicorn.Config(self.app, log_level=log_level, server_header=False, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]},
                                        name="propalint-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 15.0) -> BackgroundServer:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the propalint server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
