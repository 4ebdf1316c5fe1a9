"""The JSON API over a case built by the real pipeline: every endpoint, and bad input -> 4xx."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def _get(client: TestClient, url: str, status: int = 200) -> Any:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    return r.json()


def _doc_id(client: TestClient, title_word: str) -> str:
    docs = _get(client, "/api/documents")["items"]
    return next(d["id"] for d in docs if title_word in (d["title"] or ""))


def _entity_id(client: TestClient, name: str) -> str:
    items = _get(client, f"/api/entities?q={name}")["items"]
    return next(e["id"] for e in items if e["name"] == name)


def test_documents_list_and_one_document(ro_client: TestClient) -> None:
    client = ro_client
    page = _get(client, "/api/documents")
    assert page["total"] == 4
    titles = {d["title"] for d in page["items"]}
    assert "Ostrava sends navy patrol boats to Varne" in titles
    doc_id = _doc_id(client, "navy patrol")
    one = _get(client, f"/api/documents/{doc_id}")
    text = one["document"]["text"]
    assert text.startswith("Ostrava deployed three navy patrol boats")
    # evidence offsets point into the cleaned text
    for q in one["extraction"]["quotes"]:
        span = q["evidence"]
        assert text[span["start"] : span["end"]] == span["text"]
    _get(client, "/api/documents/doc_0000000000000000", 404)
    assert _get(client, "/api/documents?limit=2&offset=3")["items"].__len__() == 1


def test_entities_and_entity_page(ro_client: TestClient) -> None:
    client = ro_client
    people = _get(client, "/api/entities?type=PERSON")["items"]
    names = {e["name"] for e in people}
    assert {"Anna Kovacs", "Pavel Drobny"} <= names
    kovacs = _entity_id(client, "Anna Kovacs")
    detail = _get(client, f"/api/entities/{kovacs}")
    assert detail["entity"]["name"] == "Anna Kovacs"
    assert len(detail["entity"]["documents"]) == 3
    said = " ".join(q["text"] for q in detail["quotes_by"])
    assert "shared for a century" in said
    for q in detail["quotes_by"]:
        assert q["link"]["href"].startswith(f"/documents/{q['doc']}?hl=")
    _get(client, "/api/entities/ent_missing", 404)
    _get(client, "/api/entities?type=person;drop", 422)


def test_quote_search_full_text_and_filters(ro_client: TestClient) -> None:
    client = ro_client
    found = _get(client, "/api/quotes?q=toll")
    assert found["search"] == "fts"
    assert any("pay a toll" in q["text"] for q in found["items"])
    assert all("toll" in q["text"].lower() for q in found["items"])
    # stemming: "dredging" finds "dredge"
    assert any("dredge" in q["text"] for q in _get(client, "/api/quotes?q=dredging")["items"])
    drobny = _entity_id(client, "Pavel Drobny")
    by = _get(client, f"/api/quotes?speaker={drobny}")["items"]
    assert by
    assert all(q["speaker"] == drobny for q in by)
    assert _get(client, "/api/quotes?q=zeppelin")["total"] == 0
    everything = _get(client, "/api/quotes")
    assert everything["search"] == "all"
    assert everything["total"] >= 5


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE items; --",
        "%",
        "_",
        '" OR 1=1 --',
        "fts_main_quote_texts.match_bm25(id, 'x')",
        "fts_main_items.match_bm25(id, 'x')",
        "<script>alert(1)</script>",
    ],
)
def test_quote_search_injection_strings_are_just_text(ro_client: TestClient, query: str) -> None:
    client = ro_client
    r = client.get("/api/quotes", params={"q": query})
    assert r.status_code == 200
    # searched as words: any hit is a real quote sharing a word with the query
    words = {w.lower() for w in re.findall(r"[a-z]{3,}", query, re.I)}
    for q in r.json()["items"]:
        text = q["text"].lower()
        assert any(w.rstrip("s") in text for w in words), (query, text)
    assert _get(client, "/api/documents")["total"] == 4  # tables intact
    assert _get(client, "/api/quotes")["total"] >= 5


@pytest.mark.parametrize(
    "url",
    [
        "/api/quotes?limit=-1",
        "/api/quotes?limit=0",
        "/api/quotes?limit=1000000",
        "/api/quotes?offset=-5",
        "/api/quotes?limit=abc",
        "/api/quotes?kind=shouted",
        "/api/quotes?q=" + "x" * 201,
        "/api/documents?limit=99999999999999999999999",
        "/api/entities?limit=-3",
        "/api/events?from=2024-13-01",
        "/api/events?from=2024-02-30",
        "/api/events?to=yesterday",
        "/api/events?from=2024-03-20&to=2024-03-01",
        "/api/events?from=2024-03-01T00:00",
        "/api/relations?dimension=cosmic",
        "/api/contradictions?kind=maybe",
    ],
)
def test_bad_parameters_are_422_not_500(ro_client: TestClient, url: str) -> None:
    client = ro_client
    r = client.get(url)
    assert r.status_code == 422, (url, r.status_code, r.text[:200])
    assert "detail" in r.json()


def test_events_timeline_filters(ro_client: TestClient) -> None:
    client = ro_client
    allrows = _get(client, "/api/events?limit=500")
    assert allrows["total"] > 0
    dates = [r["date"] for r in allrows["items"]]
    assert dates == sorted(dates)
    march = _get(client, "/api/events?from=2024-03-14&to=2024-03-17&limit=500")["items"]
    assert march
    assert all("2024-03-14" <= r["date"][:10] <= "2024-03-17" for r in march)
    kovacs = _entity_id(client, "Anna Kovacs")
    hers = _get(client, f"/api/events?actor={kovacs}&limit=500")["items"]
    assert hers
    assert all(kovacs in r["actors"] for r in hers)
    assert len(hers) < allrows["total"]
    for row in hers:
        for ev in row["evidence"]:
            assert (
                ev["href"]
                == f"/documents/{ev['doc']}?hl={ev['start']}-{ev['end']}#s{ev['sentence']}"
            )
    assert _get(client, "/api/events?actor=ent_nobody")["total"] == 0


def test_relations_and_contradictions_render_what_is_present(ro_client: TestClient) -> None:
    client = ro_client
    rel = _get(client, "/api/relations?dimension=military")
    assert rel["total"] == len(rel["items"]) or rel["total"] > rel["limit"]
    assert all(r["dimension"] == "military" for r in rel["items"])
    con = _get(client, "/api/contradictions")
    for c in con["items"]:
        assert c["evidence"], c


def _first_evidence_key(client: TestClient) -> str:
    doc_id = _doc_id(client, "deny toll deal")
    text = _get(client, f"/api/documents/{doc_id}")["document"]["text"]
    start = text.index("Pavel Drobny denied")
    end = text.index(".", start) + 1
    return f"{doc_id}:{start}:{end}"


def test_hypotheses_add_and_analyst_assessment(client: TestClient) -> None:
    before = {h["id"] for h in _get(client, "/api/hypotheses")["hypotheses"]}
    r = client.post(
        "/api/hypotheses", json={"statement": "Ostrava  will drop the toll before Geneva"}
    )
    assert r.status_code == 201
    hid = r.json()["id"]
    assert hid not in before
    hyps = _get(client, "/api/hypotheses")["hypotheses"]
    mine = next(h for h in hyps if h["id"] == hid)
    assert mine["statement"] == "Ostrava will drop the toll before Geneva"
    assert mine["origin"] == "user"
    key = _first_evidence_key(client)
    r = client.post(
        f"/api/hypotheses/{hid}/assessments",
        json={"evidence_key": key, "assessment": "inconsistent", "note": "he denies it"},
    )
    assert r.status_code == 200, r.text
    matrix = _get(client, "/api/hypotheses")
    row = next(e for e in matrix["evidence"] if e["key"] == key)
    assert row["cells"][hid] == {"assessment": "inconsistent", "by": "analyst", "auto": None}
    assert row["link"]["text"].startswith("Pavel Drobny denied")
    mine = next(h for h in matrix["hypotheses"] if h["id"] == hid)
    assert mine["inconsistency"] >= 1.0
    # re-running the analysis keeps the analyst's judgement
    assert client.post("/api/reanalyse").status_code == 200
    again = _get(client, "/api/hypotheses")
    assert next(e for e in again["evidence"] if e["key"] == key)["cells"][hid]["by"] == "analyst"


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/api/hypotheses", {"statement": ""}, 422),
        ("/api/hypotheses", {"statement": "x" * 501}, 422),
        ("/api/hypotheses", {"words": "no statement"}, 422),
        (
            "/api/hypotheses/hyp_unknown/assessments",
            {"evidence_key": "d:1:2", "assessment": "neutral"},
            404,
        ),
    ],
)
def test_bad_hypothesis_requests(
    client: TestClient, path: str, body: dict[str, str], status: int
) -> None:
    assert client.post(path, json=body).status_code == status


def test_bad_assessments(client: TestClient) -> None:
    hid = client.post("/api/hypotheses", json={"statement": "Tessaly will pay the toll"}).json()[
        "id"
    ]
    key = _first_evidence_key(client)
    url = f"/api/hypotheses/{hid}/assessments"
    assert client.post(url, json={"evidence_key": key, "assessment": "maybe"}).status_code == 422
    bad_key = {"evidence_key": "doc_x:0:5", "assessment": "neutral"}
    assert client.post(url, json=bad_key).status_code == 404
    doc, _, _ = key.partition(":")
    outside = {"evidence_key": f"{doc}:10:999999", "assessment": "neutral"}
    assert client.post(url, json=outside).status_code == 404
    assert (
        client.post(
            url, content=b"not json", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )


ARTICLE = """---
title: Dredging contract awarded at Varne
outlet: Harbour Gazette
published: 2024-03-22
---
The Varne Port Authority awarded a dredging contract to Baltic Works on March 21,
ending a month of delays.

"The first ships will move within days," said Marta Lind, the authority's director.
"""


def _wait(client: TestClient, job_id: str, seconds: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job: dict[str, Any] = _get(client, f"/api/jobs/{job_id}")
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish")


def test_add_upload_runs_the_pipeline_in_the_background(client: TestClient) -> None:
    r = client.post("/api/add", files={"files": ("dredging.txt", ARTICLE.encode(), "text/plain")})
    assert r.status_code == 202, r.text
    job = _wait(client, r.json()["id"])
    assert job["state"] == "done", job
    assert len(job["added"]) == 1
    assert job["done"] == 1
    docs = _get(client, "/api/documents")
    assert docs["total"] == 5
    assert _get(client, "/api/quotes?q=ships")["total"] >= 1  # the quote index was rebuilt
    assert any(e["name"] == "Marta Lind" for e in _get(client, "/api/entities?q=Lind")["items"])
    # the same file again is recognised as unchanged
    again = _wait(
        client,
        client.post("/api/add", files={"files": ("again.txt", ARTICLE.encode())}).json()["id"],
    )
    assert again["state"] == "done"
    assert again["added"] == []
    assert again["unchanged"] == 1


@pytest.mark.parametrize(
    "data",
    [{}, {"url": "ftp://example.org/a.txt"}, {"url": "javascript:alert(1)"}, {"url": "   "}],
)
def test_add_without_a_usable_source_is_422(client: TestClient, data: dict[str, str]) -> None:
    assert client.post("/api/add", data=data).status_code == 422


def test_unknown_job_is_404(ro_client: TestClient) -> None:
    client = ro_client
    _get(client, "/api/jobs/job_nope", 404)


def test_openapi_lists_the_api(ro_client: TestClient) -> None:
    client = ro_client
    paths = _get(client, "/openapi.json")["paths"]
    for p in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/quotes",
        "/api/events",
        "/api/relations",
        "/api/contradictions",
        "/api/hypotheses",
        "/api/hypotheses/{hyp_id}/assessments",
        "/api/add",
        "/api/jobs/{job_id}",
    ):
        assert p in paths, p
