"""URL reading: a local http.server on 127.0.0.1, and the address / scheme / size guards."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from caseboard.errors import InputError
from caseboard.ingest.fetch import check_url, fetch_url
from caseboard.ingest.readers import read_sources
from caseboard.model import Failure, RawArticle
from caseboard.settings import Settings

PAGE = b"""<html><head><title>Ferry fares rise | Island Post</title>
<meta property="og:site_name" content="Island Post">
<meta name="date" content="2024-06-03"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry fares rise</h1>
<p>Ferry fares to the northern islands will rise by 8% from July, the operator
announced on Monday, citing higher fuel costs.</p>
<p>Island councillors said the increase would hit commuters hardest and asked
the regional government for a subsidy.</p>
</article><footer>Copyright Island Post</footer></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/article":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/plain":
            self._send(200, b"The harbour reopened on Friday after repairs.", "text/plain")
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the limit must hold while streaming
            for _ in range(20):
                self.wfile.write(b"<p>" + b"x" * 500 + b"</p>")
        elif self.path.startswith("/hop"):
            self.send_response(302)
            self.send_header("Location", "/hop" + self.path[4:] + "x")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/missing":
            self._send(404, b"not found", "text/plain")
        else:
            self._send(200, b"", "text/html")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that stops reading (the fetcher past its size cap) resets the connection
        mid-write: expected, so not printed; anything else is."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


LOCAL = Settings(allow_private_urls=True, fetch_timeout=5)


def _one(url: str, settings: Settings) -> RawArticle | Failure:
    items = list(read_sources([url], settings))
    assert len(items) == 1
    return items[0]


def test_reads_html_article_from_local_server(server: str) -> None:
    raw = _one(f"{server}/article", LOCAL)
    assert isinstance(raw, RawArticle)
    assert raw.title == "Ferry fares rise"
    assert raw.outlet == "Island Post"
    assert (raw.published, raw.published_origin) == ("2024-06-03", "html")
    assert "rise by 8% from July" in raw.text
    assert "Copyright" not in raw.text
    assert raw.is_html
    assert len(raw.raw_sha256) == 64


def test_reads_plain_text_url(server: str) -> None:
    raw = _one(f"{server}/plain", LOCAL)
    assert isinstance(raw, RawArticle)
    assert raw.text == "The harbour reopened on Friday after repairs."


def test_loopback_refused_by_default(server: str) -> None:
    failure = _one(f"{server}/article", Settings())
    assert isinstance(failure, Failure)
    assert failure.source == f"{server}/article"
    assert "non-public address 127.0.0.1" in failure.reason


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://files.example.org/a.txt", "gopher://x.example/1"]
)
def test_non_http_scheme_refused(url: str) -> None:
    failure = _one(url, LOCAL)
    assert isinstance(failure, Failure)
    assert "unsupported URL scheme" in failure.reason


def test_size_limit_enforced_while_streaming(server: str) -> None:
    failure = _one(f"{server}/big", Settings(allow_private_urls=True, fetch_max_bytes=2048))
    assert isinstance(failure, Failure)
    assert "too large" in failure.reason
    assert "2048" in failure.reason


def test_redirect_limit(server: str) -> None:
    failure = _one(f"{server}/hop", Settings(allow_private_urls=True, fetch_max_redirects=2))
    assert isinstance(failure, Failure)
    assert "too many redirects" in failure.reason


def test_http_error_and_empty_page(server: str) -> None:
    missing = _one(f"{server}/missing", LOCAL)
    assert isinstance(missing, Failure)
    assert "HTTP 404" in missing.reason
    empty = _one(f"{server}/empty", LOCAL)
    assert isinstance(empty, Failure)
    assert "empty" in empty.reason


def test_redirect_to_private_address_refused_on_the_hop() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://10.1.2.3/internal"})

    # A public IP literal resolves without the network; the redirect target is private.
    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as client,
        pytest.raises(InputError, match=r"non-public address 10\.1\.2\.3"),
    ):
        fetch_url("http://93.184.216.34/story", Settings(), client)
    assert seen == ["http://93.184.216.34/story"]


@pytest.mark.parametrize(
    "url",
    ["http://169.254.169.254/latest", "http://[::1]/", "http://192.168.0.10/", "http://0.0.0.0/"],
)
def test_check_url_refuses_private_and_link_local(url: str) -> None:
    with pytest.raises(InputError, match="non-public address"):
        check_url(url, Settings())
