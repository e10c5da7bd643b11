"""The HTTP service: `POST /v1/check`, `POST /v1/report`, the editor's page at `/`.

Needs the `server` extra (Starlette and uvicorn): ``pip install 'propalint[server]'``.
"""

from .app import DEFAULT_MAX_BODY, create_app

__all__ = ["DEFAULT_MAX_BODY", "create_app"]
