"""Server-rendered pages (Jinja2, autoescaped). Every item links to its evidence sentence."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from caseboard.model.records import ContradictionKind, Dimension
from caseboard.web import api
from caseboard.web.views import (
    ASSESSMENTS,
    DIMENSIONS,
    circle_layout,
    parse_day,
    parse_highlight,
)

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query(max_length=200)]
Offset = Annotated[int, Query(ge=0)]
PAGE = 200  # rows a long page shows before "More"
ACTOR_LIST = 50  # items of each list on an actor page (the rest: "see all")
GRAPH_EDGES = 60  # relations drawn in the graph (the table lists all)
TIMELINE_ACTORS = 300  # actors offered by the timeline's filter: those with the most rows
ACH_PAGE = 50  # evidence rows per ACH page (each row is a form per hypothesis)


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    wb = api.workbench(request)
    context.setdefault("case", wb.settings.case)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, name, context)
    return response


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    view = api.workbench(request).view()
    contradictions = list(view.analysis.contradictions)[-8:]
    return render(
        request,
        "overview.html",
        view=view,
        counts=view.counts,
        actors=view.top_actors(),
        contradictions=contradictions,
        analysis=view.analysis,
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    start: Annotated[str | None, Query(alias="from", max_length=10)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=10)] = None,
    actor: Text = None,
    offset: Offset = 0,
) -> HTMLResponse:
    view = api.workbench(request).view()
    lo, hi = parse_day(start, "from"), parse_day(end, "to")
    if lo and hi and lo > hi:
        raise HTTPException(422, f"from {lo} is after to {hi}")
    rows = view.timeline(lo, hi, actor or None)
    actor_ids = view.timeline_actors(TIMELINE_ACTORS)
    if actor and actor not in actor_ids:
        actor_ids = [actor, *actor_ids]
    return render(
        request,
        "timeline.html",
        view=view,
        rows=rows[offset : offset + PAGE],
        total=len(rows),
        offset=offset,
        page=PAGE,
        start=lo or "",
        end=hi or "",
        actor=actor or "",
        actor_ids=actor_ids,
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, q: Text = None, offset: Offset = 0) -> HTMLResponse:
    view = api.workbench(request).view()
    return render(
        request,
        "actors.html",
        view=view,
        entities=view.entities(None, q),
        q=q or "",
        offset=offset,
        page=PAGE,
    )


@router.get("/actors/{entity_id}", response_class=HTMLResponse)
def actor(request: Request, entity_id: str) -> HTMLResponse:
    view = api.workbench(request).view()
    ent = view.entity_by_id.get(entity_id)
    if ent is None:
        raise HTTPException(404, f"no actor {entity_id!r} in this case")
    return render(
        request,
        "actor.html",
        view=view,
        entity=ent,
        quotes_by=view.quotes_by(entity_id),
        quotes_about=view.quotes_about(entity_id),
        relations=view.relations(entity_id),
        events=view.events_of(entity_id),
        shown=ACTOR_LIST,
    )


@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request, dimension: Dimension | None = None, offset: Offset = 0) -> HTMLResponse:
    view = api.workbench(request).view()
    relations = view.relations(None, dimension)
    # the drawing stays readable: the relations with the most independent sources
    drawn = sorted(relations, key=lambda r: (-r.weight, r.id))[:GRAPH_EDGES]
    nodes, edges = circle_layout(view, drawn)
    return render(
        request,
        "graph.html",
        view=view,
        dimension=dimension or "",
        dimensions=DIMENSIONS,
        nodes=nodes,
        edges=edges,
        drawn=len(drawn),
        relations=relations,
        offset=offset,
        page=PAGE,
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, q: Text = None, speaker: Text = None) -> HTMLResponse:
    wb = api.workbench(request)
    view = wb.view()
    found, mode = api.search_quotes(wb, view, q)
    if speaker:
        found = [(x, s) for x, s in found if view.global_entity(x.speaker_entity) == speaker]
    return render(
        request,
        "quotes.html",
        view=view,
        results=found[:PAGE],
        total=len(found),
        q=q or "",
        mode=mode,
    )


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(
    request: Request, kind: ContradictionKind | None = None, offset: Offset = 0
) -> HTMLResponse:
    view = api.workbench(request).view()
    return render(
        request,
        "contradictions.html",
        view=view,
        items=view.contradictions(kind),
        kind=kind or "",
        offset=offset,
        page=PAGE,
    )


@router.get("/ach", response_class=HTMLResponse)
def ach(request: Request, offset: Offset = 0) -> HTMLResponse:
    view = api.workbench(request).view()
    return render(
        request,
        "ach.html",
        view=view,
        matrix=view.ach(),
        assessments=ASSESSMENTS,
        offset=offset,
        page=ACH_PAGE,
    )


@router.post("/ach/hypotheses")
def ach_add(request: Request, statement: Annotated[str, Form(max_length=500)]) -> Response:
    api.add_hypothesis(api.workbench(request), statement)
    return RedirectResponse("/ach", status_code=303)


@router.post("/ach/assess")
def ach_assess(
    request: Request,
    hypothesis: Annotated[str, Form(max_length=100)],
    evidence_key: Annotated[str, Form(max_length=200)],
    assessment: Annotated[str, Form(max_length=20)],
) -> Response:
    api.set_assessment(api.workbench(request), hypothesis, evidence_key, assessment, None)
    return RedirectResponse("/ach", status_code=303)


@router.post("/ach/reanalyse")
def ach_reanalyse(request: Request) -> Response:
    api.reanalyse(api.workbench(request))
    return RedirectResponse("/ach", status_code=303)


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, offset: Offset = 0) -> HTMLResponse:
    view = api.workbench(request).view()
    return render(
        request, "documents.html", view=view, documents=view.documents, offset=offset, page=PAGE
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str, hl: Text = None) -> HTMLResponse:
    view = api.workbench(request).view()
    doc = view.doc_by_id.get(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r} in this case")
    highlight = parse_highlight(hl, len(doc.text))
    ex = view.extractions.get(doc_id)
    return render(
        request,
        "document.html",
        view=view,
        doc=doc,
        extraction=ex,
        blocks=view.blocks(doc, highlight),
        highlight=highlight,
    )


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    wb = api.workbench(request)
    with wb.lock:
        jobs = [j.to_json() for j in wb.jobs.values()][-10:]
    return render(request, "add.html", jobs=jobs)


@router.post("/add")
async def add_submit(
    request: Request,
    files: Annotated[list[UploadFile], File()] = [],  # noqa: B006 (FastAPI copies defaults)
    url: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    job = await api.start_add(api.workbench(request), files, url)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> HTMLResponse:
    wb = api.workbench(request)
    job = wb.job(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r}")
    with wb.lock:
        data = job.to_json()
    return render(request, "job.html", job=data)
