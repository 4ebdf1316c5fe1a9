"""The JSON API under ``/api`` (schema at ``/openapi.json``). Bad parameters give 4xx, never 500."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Body, Depends, File, Form, HTTPException, Query, Request, UploadFile
from pydantic import BaseModel, Field

from caseboard.model import Document, Quote
from caseboard.model.codec import to_dict
from caseboard.model.records import ContradictionKind, Dimension, QuoteKind
from caseboard.web.state import Job, Workbench
from caseboard.web.views import (
    ASSESSMENTS,
    DIMENSIONS,
    CaseView,
    TimelineRow,
    evidence_key,
    parse_day,
    user_hypothesis_id,
)

router = APIRouter(prefix="/api", tags=["api"])

MAX_PAGE = 500
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size (1-500).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Text = Annotated[str | None, Query(max_length=200)]
UPLOAD_CHUNK = 1 << 16
T = TypeVar("T")


def workbench(request: Request) -> Workbench:
    wb: Workbench = request.app.state.wb
    return wb


WB = Annotated[Workbench, Depends(workbench)]


def _page(
    items: Sequence[T], limit: int, offset: int, convert: Callable[[T], Any] | None = None
) -> dict[str, Any]:
    """One page of ``items``; ``convert`` turns only the items of the page into JSON."""
    page = items[offset : offset + limit]
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": [convert(x) for x in page] if convert else list(page),
    }


def quote_json(view: CaseView, q: Quote) -> dict[str, Any]:
    out: dict[str, Any] = to_dict(q)
    out["speaker"] = view.global_entity(q.speaker_entity)
    out["link"] = view.link(q.evidence).to_json()
    return out


@router.get("/documents")
def documents(wb: WB, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    view = wb.view()

    def row(d: Document) -> dict[str, Any]:
        return {
            "id": d.id,
            "title": d.title,
            "outlet": d.outlet,
            "published": d.published.value if d.published else None,
            "source": d.source,
            "url": d.url,
            "chars": len(d.text),
        }

    return _page(view.documents, limit, offset, row)


@router.get("/documents/{doc_id}")
def document(wb: WB, doc_id: str) -> dict[str, Any]:
    view = wb.view()
    doc = view.doc_by_id.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r} in this case")
    ex = view.extractions.get(doc_id)
    return {"document": to_dict(doc), "extraction": to_dict(ex) if ex else None}


@router.get("/entities")
def entities(
    wb: WB,
    type: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Z]+$")] = None,
    q: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    view = wb.view()
    return _page(view.entities(type, q), limit, offset, to_dict)


@router.get("/entities/{entity_id}")
def entity(wb: WB, entity_id: str) -> dict[str, Any]:
    view = wb.view()
    ent = view.entity_by_id.get(entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity {entity_id!r} in this case")
    return {
        "entity": to_dict(ent),
        "quotes_by": [quote_json(view, q) for q in view.quotes_by(entity_id)],
        "quotes_about": [quote_json(view, q) for q in view.quotes_about(entity_id)],
        "relations": [to_dict(r) for r in view.relations(entity_id)],
        "events": [to_dict(e) for e in view.events_of(entity_id)],
    }


@router.get("/quotes")
def quotes(
    wb: WB,
    q: Text = None,
    speaker: Text = None,
    doc: Text = None,
    kind: QuoteKind | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    view = wb.view()
    found, mode = search_quotes(wb, view, q)
    rows = [
        (quote, score)
        for quote, score in found
        if (
            speaker is None
            or view.global_entity(quote.speaker_entity) == speaker
            or quote.speaker_name.casefold() == speaker.casefold()
        )
        and (doc is None or quote.doc == doc)
        and (kind is None or quote.kind == kind)
    ]

    def item(row: tuple[Quote, float]) -> dict[str, Any]:
        return {**quote_json(view, row[0]), "score": row[1]}

    return {**_page(rows, limit, offset, item), "search": mode}


def search_quotes(wb: WB, view: CaseView, q: str | None) -> tuple[list[tuple[Quote, float]], str]:
    """All quotes (no query) or the matches, best first, and which search was used."""
    if not q or not q.strip():
        return [(x, 1.0) for x in view.quotes], "all"
    fts = wb.ensure_quote_index()
    with wb.reader() as store:
        found = store.search_quote_ids(q, limit=10_000, fts=fts)
    mode = "fts" if fts else "substring"
    if fts and not found:
        # BM25 drops stop words and needs whole words: fall back to a substring match
        with wb.reader() as store:
            found = store.search_quote_ids(q, limit=10_000, fts=False)
        mode = "substring"
    by_id = view.quote_by_id()
    return [(by_id[i], score) for i, score in found if i in by_id], mode


@router.get("/events")
def events(
    wb: WB,
    start: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    actor: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    view = wb.view()
    lo, hi = parse_day(start, "from"), parse_day(end, "to")
    if lo and hi and lo > hi:
        raise HTTPException(422, f"from {lo} is after to {hi}")

    def row(r: TimelineRow) -> dict[str, Any]:
        return {
            "date": r.date,
            "granularity": r.granularity,
            "kind": r.kind,
            "summary": r.summary,
            "actors": list(r.actors),
            "sources": r.sources,
            "evidence": [e.to_json() for e in r.evidence],
        }

    return _page(view.timeline(lo, hi, actor), limit, offset, row)


@router.get("/relations")
def relations(
    wb: WB,
    dimension: Dimension | None = None,
    actor: Text = None,
    limit: Limit = 200,
    offset: Offset = 0,
) -> dict[str, Any]:
    view = wb.view()
    return _page(view.relations(actor, dimension), limit, offset, to_dict)


@router.get("/contradictions")
def contradictions(
    wb: WB,
    kind: ContradictionKind | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    view = wb.view()
    return _page(view.contradictions(kind), limit, offset, to_dict)


@router.get("/hypotheses")
def hypotheses(wb: WB) -> dict[str, Any]:
    view = wb.view()
    matrix = view.ach()
    return {
        "hypotheses": [
            {
                "id": c.id,
                "statement": c.statement,
                "origin": c.origin,
                "inconsistency": c.score,
                "auto_inconsistency": c.auto_score,
                "analysed": c.in_analysis,
            }
            for c in matrix.columns
        ],
        "evidence": [
            {
                "key": r.key,
                "link": r.evidence.to_json(),
                "cells": {
                    col.id: {"assessment": cell.assessment, "by": cell.by, "auto": cell.auto}
                    for col, cell in zip(matrix.columns, r.cells, strict=True)
                },
            }
            for r in matrix.rows
        ],
    }


class NewHypothesis(BaseModel):
    statement: str = Field(min_length=3, max_length=500)


class NewAssessment(BaseModel):
    evidence_key: str = Field(min_length=3, max_length=200)
    assessment: Literal["consistent", "inconsistent", "neutral"]
    note: str | None = Field(default=None, max_length=1000)


def add_hypothesis(wb: Workbench, statement: str) -> str:
    statement = " ".join(statement.split())
    if len(statement) < 3:
        raise HTTPException(422, "statement: say what the hypothesis is (3 characters or more)")
    hid = user_hypothesis_id(statement)
    with wb.writer() as store:
        store.add_hypothesis(hid, statement)
    return hid


def set_assessment(wb: Workbench, hyp_id: str, key: str, assessment: str, note: str | None) -> None:
    if assessment not in ASSESSMENTS:
        raise HTTPException(422, f"assessment must be one of {', '.join(ASSESSMENTS)}")
    view = wb.view()
    if hyp_id not in {h.id for h in view.hypotheses()}:
        raise HTTPException(404, f"no hypothesis {hyp_id!r} in this case")
    if not view.valid_evidence_key(key):
        raise HTTPException(404, f"no evidence {key!r} in this case (use doc:start:end)")
    with wb.writer() as store:
        store.set_assessment(hyp_id, key, assessment, note)


@router.post("/hypotheses", status_code=201)
def post_hypothesis(wb: WB, body: Annotated[NewHypothesis, Body()]) -> dict[str, Any]:
    return {"id": add_hypothesis(wb, body.statement)}


@router.post("/hypotheses/{hyp_id}/assessments")
def post_assessment(wb: WB, hyp_id: str, body: Annotated[NewAssessment, Body()]) -> dict[str, Any]:
    set_assessment(wb, hyp_id, body.evidence_key, body.assessment, body.note)
    return {"hypothesis": hyp_id, "evidence_key": body.evidence_key, "by": "analyst"}


@router.post("/reanalyse")
def reanalyse(wb: WB) -> dict[str, Any]:
    from caseboard import service  # noqa: PLC0415

    with wb.writer() as store:
        analysis = service.reanalyse(store)
    return {"entities": len(analysis.entities), "hypotheses": len(analysis.hypotheses)}


async def start_add(wb: Workbench, files: list[UploadFile], url: str | None) -> Job:
    sources: list[str] = []
    url = (url or "").strip() or None
    if url is not None:
        if not url.startswith(("http://", "https://")) or len(url) > 2000:
            raise HTTPException(422, "url: give an http:// or https:// address")
        sources.append(url)
    for upload in files:
        if not upload.filename:
            continue
        path = wb.upload_path(upload.filename)
        size = 0
        with path.open("wb") as out:
            while chunk := await upload.read(UPLOAD_CHUNK):
                size += len(chunk)
                if size > wb.settings.max_file_bytes:
                    raise HTTPException(
                        413, f"{upload.filename}: larger than {wb.settings.max_file_bytes} bytes"
                    )
                out.write(chunk)
        sources.append(str(path))
    if not sources:
        raise HTTPException(422, "nothing to add: upload a file or give a URL")
    return wb.start_add(sources)


@router.post("/add", status_code=202)
async def add(
    wb: WB,
    files: Annotated[list[UploadFile], File()] = [],  # noqa: B006 (FastAPI copies defaults)
    url: Annotated[str | None, Form(max_length=2000)] = None,
) -> dict[str, Any]:
    job = await start_add(wb, files, url)
    return job.to_json()


@router.get("/jobs/{job_id}")
def job_status(wb: WB, job_id: str) -> dict[str, Any]:
    job = wb.job(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r}")
    with wb.lock:
        return job.to_json()


__all__ = ["DIMENSIONS", "evidence_key", "router"]
