"""Server-rendered pages: every view renders, hostile article text stays text, CSP is set."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

PAGES = [
    "/",
    "/timeline",
    "/actors",
    "/graph",
    "/quotes",
    "/contradictions",
    "/ach",
    "/documents",
    "/add",
]


def _page(client: TestClient, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


@pytest.mark.parametrize("url", PAGES)
def test_every_view_renders_with_security_headers(ro_client: TestClient, url: str) -> None:
    client = ro_client
    r = client.get(url)
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    # no inline scripts or inline styles the CSP would have to allow
    assert not re.search(r"<script(?![^>]*\bsrc=)", r.text)
    assert " style=" not in r.text


def _hostile_doc(client: TestClient) -> str:
    docs = client.get("/api/documents").json()["items"]
    return next(d["id"] for d in docs if d["outlet"] and "onerror" in d["outlet"])


def test_article_markup_renders_as_text(ro_client: TestClient) -> None:
    client = ro_client
    doc_id = _hostile_doc(client)
    for url in ("/", "/documents", f"/documents/{doc_id}", "/quotes?q=scripts"):
        body = _page(client, url)
        assert "<script>alert" not in body
        assert "<script>document" not in body
        assert "<img src" not in body
        assert not re.search(r"<[a-z]+[^>]*\bonerror=", body)  # only escaped text carries it
    body = _page(client, f"/documents/{doc_id}")
    assert "&lt;script&gt;document.location=" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body  # the outlet, as text
    assert "onerror=&#34;alert(&#39;owned&#39;)&#34;" in body
    # the text round-trips: unescaping the article element gives back the cleaned text
    text = client.get(f"/api/documents/{doc_id}").json()["document"]["text"]
    article = re.search(r'<article class="doctext" id="doctext">(.*?)</article>', body, re.S)
    assert article is not None
    assert html.unescape(re.sub(r"<[^>]+>", "", article.group(1))) == text


def test_document_view_highlights_the_evidence_sentence(ro_client: TestClient) -> None:
    client = ro_client
    quotes = client.get("/api/quotes?q=century").json()["items"]
    link = quotes[0]["link"]
    assert link["sentence"] is not None
    body = _page(client, link["href"].split("#")[0])
    mark = re.search(r'<mark id="hl">(.*?)</mark>', body, re.S)
    assert mark is not None
    assert html.unescape(mark.group(1)) == link["text"]
    sentence = re.search(rf'<span class="s hl" id="s{link["sentence"]}">(.*?)</span>', body, re.S)
    assert sentence is not None
    assert link["text"] in html.unescape(re.sub(r"<[^>]+>", "", sentence.group(1)))


@pytest.mark.parametrize("hl", ["5", "10-5", "a-b", "0-99999999", "-1-4"])
def test_bad_highlight_is_422(ro_client: TestClient, hl: str) -> None:
    client = ro_client
    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    body = _page(client, f"/documents/{doc_id}?hl={hl}", 422)
    assert "hl:" in body


def test_unknown_ids_are_404_pages(ro_client: TestClient) -> None:
    client = ro_client
    assert "no document" in _page(client, "/documents/doc_nope", 404)
    assert "no actor" in _page(client, "/actors/ent_nope", 404)
    _page(client, "/jobs/job_nope", 404)
    _page(client, "/graph?dimension=cosmic", 422)
    _page(client, "/timeline?from=2024-99-01", 422)


def test_actor_page_shows_roles_quotes_and_links(ro_client: TestClient) -> None:
    client = ro_client
    items = client.get("/api/entities?q=Kovacs").json()["items"]
    kovacs = next(e for e in items if e["name"] == "Anna Kovacs")
    body = _page(client, f"/actors/{kovacs['id']}")
    assert "<h1>Anna Kovacs" in body
    assert "shared for a century" in body
    assert re.search(r'class="ev" href="/documents/doc_[0-9a-f]+\?hl=\d+-\d+#s\d+"', body)


def test_timeline_filters(ro_client: TestClient) -> None:
    client = ro_client
    full = _page(client, "/timeline")
    narrow = _page(client, "/timeline?from=2024-03-14&to=2024-03-14")
    rows = lambda body: len(re.findall(r'<td class="date">', body))  # noqa: E731
    assert 0 < rows(narrow) < rows(full)
    assert all(d == "2024-03-14" for d in re.findall(r'<td class="date">([^<]+)</td>', narrow))


def test_quote_search_page(ro_client: TestClient) -> None:
    client = ro_client
    body = _page(client, "/quotes?q=toll")
    assert "full-text" in body
    assert "pay a toll" in body


def test_ach_forms_add_and_assess(client: TestClient) -> None:
    r = client.post(
        "/ach/hypotheses",
        data={"statement": "Tessaly will accept the toll"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    body = _page(client, "/ach")
    assert "Tessaly will accept the toll" in body
    hid = client.get("/api/hypotheses").json()
    mine = next(h for h in hid["hypotheses"] if h["statement"] == "Tessaly will accept the toll")
    key = hid["evidence"][0]["key"]
    r = client.post(
        "/ach/assess",
        data={"hypothesis": mine["id"], "evidence_key": key, "assessment": "consistent"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert 'class="by-analyst"' in _page(client, "/ach")
    bad = {"hypothesis": mine["id"], "evidence_key": key, "assessment": "sure"}
    assert client.post("/ach/assess", data=bad).status_code == 422


def test_highlight_across_sentences_marks_both_with_one_anchor(ro_client: TestClient) -> None:
    docs = ro_client.get("/api/documents").json()["items"]
    doc_id = next(d["id"] for d in docs if d["title"].startswith("Harbour talks"))
    text = ro_client.get(f"/api/documents/{doc_id}").json()["document"]["text"]
    start = text.index("grain shipments")
    end = text.index("century") + len("century")
    body = _page(ro_client, f"/documents/{doc_id}?hl={start}-{end}")
    assert body.count('id="hl"') == 1
    marked = "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", body, re.S))
    assert html.unescape(marked) == text[start:end]
    assert body.count('<span class="s hl"') == 2
