"""Fetch a URL safely: http(s) only, public addresses only, bounded size, bounded redirects.

Every hop (the first URL and each redirect target) is checked: scheme http/https, host resolved
with DNS and every address it resolves to must be public (not loopback, private, link-local,
multicast, reserved or unspecified) unless ``settings.allow_private_urls``. The body is read
as a stream and the download stops as soon as it exceeds ``settings.fetch_max_bytes``.

Limit: the check resolves the name, then httpx resolves it again to connect; a DNS answer that
changes in between (DNS rebinding) is not caught.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from caseboard.errors import InputError
from caseboard.settings import Settings

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_USER_AGENT = "caseboard/0.1 (+article ingest)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # final URL after redirects
    content: bytes
    content_type: str
    encoding: str | None


def check_url(url: str, settings: Settings) -> None:
    """Raise InputError unless ``url`` is http(s) and its host resolves to allowed addresses."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise InputError(url, f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    host = parts.hostname
    if not host:
        raise InputError(url, "URL has no host")
    if settings.allow_private_urls:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or 0, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(url, f"cannot resolve host {host!r}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            raise InputError(
                url,
                f"refused: host {host!r} resolves to non-public address {address} "
                "(set allow_private_urls to allow)",
            )


def fetch_url(url: str, settings: Settings, client: httpx.Client | None = None) -> Fetched:
    """Download ``url`` under the limits in ``settings``; raise InputError naming the URL."""
    own = client is None
    http = client or httpx.Client(
        timeout=settings.fetch_timeout,
        follow_redirects=False,
        headers={"User-Agent": _USER_AGENT},
    )
    try:
        current = url
        for _hop in range(settings.fetch_max_redirects + 1):
            check_url(current, settings)
            try:
                with http.stream("GET", current) as response:
                    if response.status_code in _REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise InputError(url, f"redirect from {current} without a Location")
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise InputError(url, f"HTTP {response.status_code} from {current}")
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > settings.fetch_max_bytes:
                        raise InputError(
                            url,
                            f"too large: {declared} bytes declared, limit "
                            f"{settings.fetch_max_bytes} (fetch_max_bytes)",
                        )
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > settings.fetch_max_bytes:
                            raise InputError(
                                url,
                                f"too large: more than {settings.fetch_max_bytes} bytes "
                                "(fetch_max_bytes)",
                            )
                    return Fetched(
                        url=current,
                        content=bytes(body),
                        content_type=response.headers.get("content-type", ""),
                        encoding=response.charset_encoding,
                    )
            except httpx.TimeoutException as exc:
                raise InputError(url, f"timed out after {settings.fetch_timeout}s") from exc
            except httpx.HTTPError as exc:
                raise InputError(url, f"fetch failed: {exc}") from exc
        raise InputError(url, f"too many redirects (more than {settings.fetch_max_redirects})")
    finally:
        if own:
            http.close()
