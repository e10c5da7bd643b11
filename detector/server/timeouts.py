"""Give every request body a time limit: a client that trickles its body gets a 408.

uvicorn bounds idle keep-alive connections but not a body that arrives a byte at a time;
without a limit, a handful of slow clients hold their connections (and their partial
bodies) for as long as they like. The limit covers receiving the whole body; once it is in,
linting is bounded by the body size limit instead.
"""

from __future__ import annotations

import asyncio

from .limits import send_error

DEFAULT_BODY_TIMEOUT = 10.0  # seconds to receive a whole body (1 MB needs only ~1 Mbit/s)


class _TooSlow(Exception):
    pass


class BodyTimeout:
    def __init__(self, app, seconds: float):
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.seconds
        body_done = False
        started = False

        async def timed_receive():
            nonlocal body_done
            if body_done:  # later receives wait for a disconnect: not the body's time any more
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except asyncio.TimeoutError:
                raise _TooSlow from None
            body_done = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, timed_receive, tracking_send)
        except _TooSlow:
            if started:
                raise
            await send_error(send, 408, "request-timeout",
                             f"the request body did not arrive within {self.seconds:g} seconds")
