"""Cross-document analysis of three invented articles run through the real pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from caseboard.model import Analysis, Document

DATA = Path(__file__).resolve().parents[2] / "data" / "analysis"


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Analysis, dict[str, Document], Path]:
    from caseboard.service import add
    from caseboard.settings import Settings
    from caseboard.store.db import open_store

    db = tmp_path_factory.mktemp("crossdoc") / "case.caseboard.duckdb"
    settings = Settings(case="crossdoc", db=db)
    files = sorted(str(p) for p in DATA.glob("*.txt"))
    add(settings, files, manifest=DATA / "manifest.csv")
    with open_store(db, read_only=True) as store:
        analysis = store.analysis()
        docs = {Path(d.source).name: d for d in store.documents()}
    assert analysis is not None
    return analysis, docs, db


def _text_ok(analysis: Analysis, docs: dict[str, Document]) -> None:
    by_id = {d.id: d for d in docs.values()}
    spans: list[Any] = [s for e in analysis.events for s in e.evidence]
    spans += [s for c in analysis.contradictions for s in c.evidence]
    spans += [s for r in analysis.relations for s in r.evidence]
    spans += [h.detected_in for h in analysis.hypotheses if h.detected_in]
    for s in spans:
        assert by_id[s.doc].text[s.start : s.end] == s.text


def test_every_span_is_verbatim(case: tuple[Analysis, dict[str, Document], Path]) -> None:
    analysis, docs, _ = case
    _text_ok(analysis, docs)


def test_the_landing_is_one_event_from_two_outlets(
    case: tuple[Analysis, dict[str, Document], Path],
) -> None:
    analysis, docs, _ = case
    a, b = docs["a_andes.txt"].id, docs["b_pacific.txt"].id
    landing = [e for e in analysis.events if a in e.sources and b in e.sources]
    assert len(landing) == 1
    event = landing[0]
    assert event.date.value == "2024-06-03"
    assert event.type == "deployment"
    assert event.independent_sources == 2
    names = {e.id: e.name for e in analysis.entities}
    assert "China" in {names[x] for x in event.actors}
    assert not event.background
    assert "200" in event.summary


def test_denial_numbers_and_unverified_are_contradictions(
    case: tuple[Analysis, dict[str, Document], Path],
) -> None:
    analysis, docs, _ = case
    a, b, c = (docs[n].id for n in ("a_andes.txt", "b_pacific.txt", "c_monitor.txt"))
    kinds: dict[str, list[Any]] = {}
    for x in analysis.contradictions:
        kinds.setdefault(x.kind, []).append(x)
    denial = [x for x in kinds["denial"] if {s.doc for s in x.evidence} == {a, b}]
    assert denial, kinds.get("denial")
    assert "Li Wenhao" in denial[0].explanation
    assert any("denied" in s.text for s in denial[0].evidence)
    numeric = [x for x in kinds["numeric"] if c in {s.doc for s in x.evidence}]
    assert numeric
    assert "350" in numeric[0].explanation
    assert any(s.doc == c and "verify" in s.text for x in kinds["unverified"] for s in x.evidence)


def test_relations_soft_spots_and_detected_hypothesis(
    case: tuple[Analysis, dict[str, Document], Path],
) -> None:
    analysis, _, _ = case
    names = {e.id: e.name for e in analysis.entities}
    rels = {(names[r.source], r.label, names[r.target]) for r in analysis.relations}
    assert ("China", "arms supplier", "Bolivia") in rels
    spots = {(names[v.actor], v.dimension) for v in analysis.vulnerabilities}
    assert ("Bolivia", "economic: dependence on a single partner") in spots
    detected = [h for h in analysis.hypotheses if h.origin == "detected"]
    assert [h.statement for h in detected] == [
        "China may be attempting to build a listening post in the Andes"
    ]


def test_corroboration_links_the_same_figure_across_outlets(
    case: tuple[Analysis, dict[str, Document], Path],
) -> None:
    analysis, docs, _ = case
    from caseboard.store.db import open_store

    _, _, db = case
    with open_store(db, read_only=True) as store:
        quantities = store.items("quantity")
    two_hundred = [q for q in quantities if q.value == 200]
    assert len(two_hundred) == 2
    for q in two_hundred:
        other = {s.doc for s in analysis.corroboration.get(q.id, ())}
        assert other
        assert q.doc not in other
    assert docs  # the fixture loaded every document


def test_user_hypothesis_assessment_and_diff(
    case: tuple[Analysis, dict[str, Document], Path],
) -> None:
    from caseboard.analyse.views import add_hypotheses, assess, changes
    from caseboard.settings import Settings
    from caseboard.store.db import open_store

    _, _, db = case
    settings = Settings(case="crossdoc", db=db)
    [hid] = add_hypotheses(settings, ["China has sent troops to Bolivia"])
    with open_store(db, read_only=True) as store:
        analysis = store.analysis()
    assert analysis is not None
    hyp = next(h for h in analysis.hypotheses if h.id == hid)
    assert hyp.origin == "user"
    # the spokesman's denial is evidence against it
    against = [e for e in hyp.evidence if e.assessment == "inconsistent"]
    assert any("denied" in e.evidence.text for e in against)
    assert hyp.inconsistency_score > 0
    # the analyst overrides one assessment: it is kept and marked as theirs
    target = against[0].evidence
    assess(settings, hid, f"{target.doc}:{target.start}:{target.end}", "neutral")
    with open_store(db, read_only=True) as store:
        analysis = store.analysis()
    assert analysis is not None
    hyp = next(h for h in analysis.hypotheses if h.id == hid)
    mine = [e for e in hyp.evidence if e.by == "analyst"]
    assert len(mine) == 1
    assert mine[0].assessment == "neutral"
    # nothing new was ingested between the last two analyses
    result = changes(settings)
    assert result is not None
    assert result[0].new_events == ()
    assert result[0].new_contradictions == ()
