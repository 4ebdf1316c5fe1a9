"""A brief stays bounded however large the case: capped interactive views and source list, and
only the citations of what it shows (hidden "... and N more" lines carry no paragraphs)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from caseboard import service
from caseboard.report import brief as brief_mod
from caseboard.report.brief import Brief, build_brief
from caseboard.settings import Settings
from caseboard.store.db import open_store

SAMPLE = Path(__file__).resolve().parents[3] / "src" / "caseboard" / "sample" / "serrat"
T1 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> service.CaseData:
    settings = Settings(case="bounds", db=tmp_path_factory.mktemp("b") / "b.duckdb")
    service.add(settings, [str(SAMPLE)])
    with open_store(settings.db_path(), read_only=True) as store:
        return service.load_case(store)


def _brief(case: service.CaseData) -> Brief:
    return build_brief("bounds", case.documents, case.extractions, case.analysis, generated_at=T1)


def _cited(b: Brief) -> Iterator[int]:
    for section in b.sections:
        for group in section.groups:
            for line in group.lines:
                yield from line.cites
        if section.table is not None:
            for row in (section.table.headers, *section.table.rows):
                for cell in row:
                    yield from cell.cites
    for item in b.timeline:
        yield from item["cites"]
    for edge in b.graph.get("edges", ()):
        yield from edge["cites"]


def test_every_citation_is_used_and_numbered_in_order(case: service.CaseData) -> None:
    b = _brief(case)
    used = set(_cited(b))
    assert [c.n for c in b.citations] == list(range(1, len(b.citations) + 1))
    assert used == {c.n for c in b.citations}
    # first use order: the first line of the brief cites citation 1
    first = next(n for n in _cited(b))
    assert first == 1


def test_large_case_caps_sources_timeline_and_graph(
    case: service.CaseData, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = _brief(case)
    assert len(case.documents) == 7
    assert len(case.analysis.events) > 10
    assert len(case.analysis.relations) > 2
    monkeypatch.setattr(brief_mod, "MAX_SOURCES", 3)
    monkeypatch.setattr(brief_mod, "MAX_TIMELINE_ITEMS", 10)
    monkeypatch.setattr(brief_mod, "MAX_GRAPH_EDGES", 2)
    b = _brief(case)

    sources = next(s for s in b.sections if s.key == "sources")
    (group,) = sources.groups
    assert len(group.lines) == 3
    assert group.more == 4
    assert group.note is not None
    assert "all 7 are in the workbench" in group.note
    # the listed sources are the ones the rest of the brief cites most
    cited_docs = [
        b.citations[n - 1].span.doc
        for s in b.sections
        if s.key != "sources"
        for g in s.groups
        for line in g.lines
        for n in line.cites
    ]
    listed = {b.citations[line.cites[0] - 1].span.doc for line in group.lines}
    counts = sorted((cited_docs.count(d.id) for d in case.documents), reverse=True)
    assert sorted((cited_docs.count(d) for d in listed), reverse=True) == counts[:3]

    assert len(b.timeline) == 10
    best = sorted(e.independent_sources for e in case.analysis.events)[-10:]
    assert min(best) <= min(
        next(e for e in case.analysis.events if e.id == t["id"]).independent_sources
        for t in b.timeline
    )
    assert len(b.graph["edges"]) <= 2
    assert {n["id"] for n in b.graph["nodes"]} == {
        x for e in b.graph["edges"] for x in (e["from"], e["to"])
    }
    assert len(b.citations) < len(full.citations)
    assert set(_cited(b)) == {c.n for c in b.citations}


def test_long_sections_are_capped(case: service.CaseData, monkeypatch: pytest.MonkeyPatch) -> None:
    full = _brief(case)

    def section(b: Brief, key: str) -> brief_mod.Section:
        return next(s for s in b.sections if s.key == key)

    speakers = [g for g in section(full, "quotes").groups if g.heading]
    contradictions = section(full, "contradictions").groups[0].lines
    widest = max(len(line.cites) for s in full.sections for g in s.groups for line in g.lines)
    assert len(speakers) > 2
    assert len(contradictions) > 2
    assert widest > 2
    monkeypatch.setattr(brief_mod, "MAX_SPEAKERS", 2)
    monkeypatch.setattr(brief_mod, "MAX_CONTRADICTIONS", 2)
    monkeypatch.setattr(brief_mod, "MAX_CITES_PER_LINE", 2)
    b = _brief(case)

    groups = section(b, "quotes").groups
    assert [g.heading for g in groups[:2]] == [g.heading for g in speakers[:2]]
    assert groups[2].heading is None
    assert groups[2].note is not None
    assert groups[2].note.startswith(f"{len(speakers) - 2} more speaker(s)")
    (contra,) = section(b, "contradictions").groups
    assert len(contra.lines) == 2
    assert contra.more == len(contradictions) - 2
    assert max(len(line.cites) for s in b.sections for g in s.groups for line in g.lines) == 2
    assert set(_cited(b)) == {c.n for c in b.citations}
