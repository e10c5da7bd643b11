"""The propalint HTTP service (Starlette): check and report endpoints, the editor page, OpenAPI."""

from __future__ import annotations

from importlib import resources

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from detector import __version__
from detector.linter import Linter

from .limits import BodySizeLimit
from .openapi import openapi_document
from .payload import PayloadError, parse
from .service import Service
from .timeouts import DEFAULT_BODY_TIMEOUT, BodyTimeout

DEFAULT_MAX_BODY = 1_000_000  # bytes (1 MB)

# The report and the page are self-contained; the page may only call this server back.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
PAGE_CSP = REPORT_CSP + "; connect-src 'self'; frame-src 'self'"
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "code": code, "message": message}}, status_code=status,
                        headers=SECURITY_HEADERS)


def create_app(linter: Linter | None = None, *, max_body: int = DEFAULT_MAX_BODY,
               body_timeout: float = DEFAULT_BODY_TIMEOUT) -> Starlette:
    service = Service(linter if linter is not None else Linter())
    page = resources.files(__package__).joinpath("page.html").read_text(encoding="utf-8")

    async def read_request(request: Request):
        req = parse(await request.body())
        service.validate(req)
        return req

    async def index(request: Request) -> Response:
        return HTMLResponse(page, headers={**SECURITY_HEADERS, "Content-Security-Policy": PAGE_CSP})

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__}, headers=SECURITY_HEADERS)

    async def rules(request: Request) -> Response:
        return JSONResponse(service.rules(), headers=SECURITY_HEADERS)

    async def check(request: Request) -> Response:
        try:
            req = await read_request(request)
        except PayloadError as err:
            return error(err.status, err.code, err.message)
        result = await run_in_threadpool(service.check, req)
        return JSONResponse({"version": 1, "files": [result.to_dict()]}, headers=SECURITY_HEADERS)

    async def report(request: Request) -> Response:
        try:
            req = await read_request(request)
        except PayloadError as err:
            return error(err.status, err.code, err.message)
        html, result = await run_in_threadpool(service.report, req)
        headers = {**SECURITY_HEADERS, "Content-Security-Policy": REPORT_CSP,
                   "X-Propalint-Hits": str(len(result.hits)), "X-Propalint-Lang": result.lang}
        return HTMLResponse(html, headers=headers)

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document(max_body), headers=SECURITY_HEADERS)

    async def http_error(request: Request, exc: HTTPException) -> Response:
        code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        return error(exc.status_code, code, str(exc.detail))

    async def server_error(request: Request, exc: Exception) -> Response:
        return error(500, "internal-error", "propalint failed on this input; the server log has the details")

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/v1/rules", rules, methods=["GET"]),
        Route("/v1/check", check, methods=["POST"]),
        Route("/v1/report", report, methods=["POST"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(BodyTimeout, seconds=body_timeout), Middleware(BodySizeLimit, max_bytes=max_body)],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.state.service = service
    return app
