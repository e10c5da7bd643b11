import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from detector.server.runner import BackgroundServer  # noqa: E402


@pytest.fixture(scope="module")
def server():
    """A real uvicorn server on a free loopback port, shared by a module's tests."""
    with BackgroundServer() as running:
        yield running


@pytest.fixture
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c
