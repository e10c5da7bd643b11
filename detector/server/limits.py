"""Reject request bodies over a size limit with 413, before they reach an endpoint.

A declared Content-Length over the limit is refused without reading; a chunked body is
counted as it arrives. Either way the client gets a JSON 413 and the server keeps serving.
"""

from __future__ import annotations

import json

# Reading (and discarding) a too-large body before answering lets ordinary HTTP clients,
# which send the whole body before reading, see the 413 instead of a reset connection.
# Past this many bytes the connection is simply answered and closed.
DRAIN_LIMIT = 16 * 1024 * 1024


class BodyTooLarge(Exception):
    pass


def error_body(status: int, code: str, message: str) -> bytes:
    return json.dumps({"error": {"status": status, "code": code, "message": message}}).encode("utf-8")


async def send_error(send, status: int, code: str, message: str) -> None:
    body = error_body(status, code, message)
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})


class BodySizeLimit:
    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> str:
        return f"request body is larger than the limit of {self.max_bytes} bytes"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await send_error(send, 400, "bad-request", "invalid Content-Length header")
                return
            if length > self.max_bytes:
                if length <= DRAIN_LIMIT:
                    await _drain(receive)
                await send_error(send, 413, "too-large", self._message())
                return

        received = 0
        started = False

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await send_error(send, 413, "too-large", self._message())


async def _drain(receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return
