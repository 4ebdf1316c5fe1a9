"""The workbench on large cases: indexes give what a scan of the case gives, and long pages are
paged (the page sizes are shrunk here so a small invented case exercises them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from caseboard.settings import Settings
from caseboard.store.db import open_store
from caseboard.web import create_app, pages
from caseboard.web.views import CaseView

SAMPLE = Path(__file__).resolve().parents[3] / "src" / "caseboard" / "sample" / "serrat"


@pytest.fixture(scope="module")
def view(web_case: Path) -> CaseView:
    with open_store(web_case, read_only=True) as store:
        analysis = store.analysis()
        assert analysis is not None
        return CaseView(
            case="harbour",
            documents=store.documents(),
            extractions={ex.doc: ex for ex in store.extractions()},
            analysis=analysis,
            counts=store.counts(),
        )


def _quotes_about_by_scan(view: CaseView, entity_id: str) -> list[str]:
    ent = view.entity_by_id[entity_id]
    members = set(ent.members)
    out = []
    for q in view.quotes:
        if view.global_entity(q.speaker_entity) == entity_id:
            continue
        ex = view.extractions[q.doc]
        if any(
            le.id in members
            and q.evidence.start <= m.evidence.start <= m.evidence.end <= q.evidence.end
            for le in ex.entities
            for m in le.mentions
        ):
            out.append(q.id)
    return out


def test_indexes_equal_a_scan_of_the_case(view: CaseView) -> None:
    assert view.analysis.entities
    some_about = False
    for e in view.analysis.entities:
        by = [q.id for q in view.quotes if view.global_entity(q.speaker_entity) == e.id]
        assert [q.id for q in view.quotes_by(e.id)] == by
        about = _quotes_about_by_scan(view, e.id)
        assert [q.id for q in view.quotes_about(e.id)] == about
        some_about = some_about or bool(about)
        assert view.events_of(e.id) == [x for x in view.analysis.events if e.id in x.actors]
        assert view.relations(e.id) == [
            r for r in view.analysis.relations if e.id in (r.source, r.target)
        ]
        assert view.timeline(actor=e.id) == [r for r in view.timeline() if e.id in r.actors]
    assert some_about
    rows = view.timeline()
    assert rows == sorted(rows, key=lambda r: (r.date, r.kind, r.summary))
    year = rows[0].date[:4]
    assert view.timeline(year, year) == [r for r in rows if r.date[:4] == year]
    assert view.ach() is view.ach()  # built once per view


@pytest.fixture
def small_pages(web_case: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setattr(pages, "PAGE", 2)
    monkeypatch.setattr(pages, "ACTOR_LIST", 1)
    with TestClient(create_app(Settings(case="harbour", db=web_case))) as client:
        yield client


def _rows(html: str) -> int:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return body.count("<tr>")


def test_long_pages_are_paged(small_pages: TestClient, view: CaseView) -> None:
    for url, total in (
        ("/actors", len(view.analysis.entities)),
        ("/documents", len(view.documents)),
    ):
        first = small_pages.get(url)
        assert first.status_code == 200
        assert _rows(first.text) == 2
        assert f"{total} in all, showing 1-2." in first.text
        assert 'href="?offset=2"' in first.text or "offset=2" in first.text
        last = small_pages.get(f"{url}?offset={total - 1}")
        assert _rows(last.text) == 1
        assert "Previous" in last.text
        assert "More</a>" not in last.text
    bad = small_pages.get("/actors?offset=-1")
    assert bad.status_code == 422


def test_graph_draws_the_heaviest_and_lists_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from caseboard import service

    db = tmp_path / "serrat.duckdb"
    service.add(Settings(case="serrat", db=db), [str(SAMPLE)])
    with open_store(db, read_only=True) as store:
        analysis = store.analysis()
    assert analysis is not None
    assert len(analysis.relations) > 1
    monkeypatch.setattr(pages, "GRAPH_EDGES", 1)
    with TestClient(create_app(Settings(case="serrat", db=db))) as client:
        html = client.get("/graph").text
    assert html.count('<line class="edge') == 1
    heaviest = max(r.weight for r in analysis.relations)
    assert f'stroke-width="{min(1 + heaviest, 6)}"' in html
    assert f"the table lists all {len(analysis.relations)}" in html


def test_actor_page_caps_each_list(small_pages: TestClient, view: CaseView) -> None:
    busiest = max(view.analysis.entities, key=lambda e: len(view.events_of(e.id)))
    events = view.events_of(busiest.id)
    assert len(events) > 1
    html = small_pages.get(f"/actors/{busiest.id}").text
    assert f"… and {len(events) - 1} more" in html
    assert re.search(r'href="/timeline\?actor=ent_[0-9a-f]+">see all</a>', html)


def test_timeline_filter_offers_the_busiest_actors(
    small_pages: TestClient, view: CaseView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "TIMELINE_ACTORS", 1)
    by_rows = {a: len(view.timeline(actor=a)) for a in view.timeline_actors()}
    assert len(by_rows) > 1
    busiest = max(by_rows, key=lambda a: (by_rows[a], -ord(view.entity_name(a)[0])))
    html = small_pages.get("/timeline").text
    options = re.findall(r'<option value="(ent_[0-9a-f]+)"', html)
    assert len(options) == 1
    assert by_rows[options[0]] == by_rows[busiest]
    other = next(a for a in by_rows if a != options[0])
    chosen = small_pages.get("/timeline", params={"actor": other}).text
    assert re.findall(r'<option value="(ent_[0-9a-f]+)"', chosen) == sorted(
        [other, options[0]], key=lambda a: a != other
    )


def test_timeline_pages_keep_the_filters(small_pages: TestClient, view: CaseView) -> None:
    year = view.timeline()[0].date[:4]
    rows = view.timeline(year, year)
    assert len(rows) > 2
    html = small_pages.get("/timeline", params={"from": year, "to": year}).text
    assert f"{len(rows)} entries, showing 1-2." in html
    assert f'href="?from={year}&amp;to={year}&amp;actor=&amp;offset=2"' in html
    last = small_pages.get("/timeline", params={"from": year, "to": year, "offset": 2}).text
    assert "Previous</a>" in last
