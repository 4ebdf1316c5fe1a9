"""What the workbench shows, computed from the stored records (pure: no I/O, no web types).

A :class:`CaseView` is built once per store generation from one read snapshot; pages and the
JSON API query it. Every row keeps its evidence spans so templates can link each item to its
sentence in the document view.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from caseboard.errors import UsageError
from caseboard.model import (
    Analysis,
    Claim,
    Contradiction,
    DocExtraction,
    Document,
    Entity,
    Event,
    Hypothesis,
    HypothesisEvidence,
    Quote,
    Relation,
    Span,
    make_id,
)

DIMENSIONS = (
    "military",
    "energy",
    "economic",
    "diplomatic",
    "ideological",
    "intelligence",
    "other",
)
ASSESSMENTS = ("consistent", "inconsistent", "neutral")
MAX_ACH_ROWS = 60


def evidence_key(span: Span) -> str:
    """The key an analyst's judgement is stored under: ``doc:start:end`` (as the analysis)."""
    return f"{span.doc}:{span.start}:{span.end}"


def user_hypothesis_id(statement: str) -> str:
    return make_id("hyp", " ".join(statement.split()).casefold())


def parse_day(value: str | None, name: str) -> str | None:
    """Validate an ISO date filter (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); raise UsageError."""
    if value is None or value == "":
        return None
    text = value.strip()
    parts = text.split("-")
    try:
        if len(parts) == 1 and len(text) == 4:
            date(int(text), 1, 1)
        elif len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            date(int(parts[0]), int(parts[1]), 1)
        else:
            date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(
            f"{name}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from exc
    return text


def parse_highlight(value: str | None, text_length: int) -> tuple[int, int] | None:
    """``start-end`` character offsets inside the document; raise UsageError otherwise."""
    if value is None or value == "":
        return None
    start_s, sep, end_s = value.partition("-")
    if not sep or not start_s.isdigit() or not end_s.isdigit():
        raise UsageError(f"hl: {value!r} is not START-END character offsets")
    start, end = int(start_s), int(end_s)
    if not start < end <= text_length:
        raise UsageError(f"hl: {value!r} is outside the document (0-{text_length})")
    return start, end


@dataclass(frozen=True, slots=True)
class EvidenceLink:
    """A span plus where to see it: the document view with the sentence highlighted."""

    span: Span
    sentence: int | None
    title: str

    @property
    def href(self) -> str:
        anchor = f"#s{self.sentence}" if self.sentence is not None else ""
        return f"/documents/{self.span.doc}?hl={self.span.start}-{self.span.end}{anchor}"

    def to_json(self) -> dict[str, object]:
        return {
            "doc": self.span.doc,
            "start": self.span.start,
            "end": self.span.end,
            "text": self.span.text,
            "sentence": self.sentence,
            "href": self.href,
        }


@dataclass(frozen=True, slots=True)
class TimelineRow:
    date: str
    granularity: str
    kind: str  # 'event' or 'dated statement'
    summary: str
    actors: tuple[str, ...]
    evidence: tuple[EvidenceLink, ...]
    sources: int


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a document's text in the document view (sentence ids and highlight)."""

    text: str
    sentence: int | None
    start: int
    mark: bool = False


@dataclass(frozen=True, slots=True)
class AchCell:
    assessment: str | None
    by: str  # 'auto', 'analyst' or ''
    auto: str | None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class AchRow:
    key: str
    evidence: EvidenceLink
    cells: tuple[AchCell, ...]


@dataclass(frozen=True, slots=True)
class AchColumn:
    id: str
    statement: str
    origin: str
    auto_score: float
    score: float
    in_analysis: bool


@dataclass(frozen=True, slots=True)
class AchMatrix:
    columns: tuple[AchColumn, ...]
    rows: tuple[AchRow, ...]


@dataclass(slots=True)
class CaseView:
    """Indexes over one snapshot of a case."""

    case: str
    documents: list[Document]
    extractions: dict[str, DocExtraction]
    analysis: Analysis
    counts: dict[str, int]
    user_hypotheses: list[tuple[str, str]] = field(default_factory=list)
    assessments: dict[tuple[str, str], str] = field(default_factory=dict)
    doc_by_id: dict[str, Document] = field(init=False)
    entity_by_id: dict[str, Entity] = field(init=False)
    quotes: list[Quote] = field(init=False)
    claims: list[Claim] = field(init=False)
    # Indexes built on first use and kept for the life of the view (one store generation), so
    # a page answers from a lookup instead of a scan of the whole case. Building one twice in
    # two threads gives the same value: no lock needed.
    _memo: dict[str, Any] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.doc_by_id = {d.id: d for d in self.documents}
        self.entity_by_id = {e.id: e for e in self.analysis.entities}
        self.quotes = [q for ex in self.extractions.values() for q in ex.quotes]
        self.claims = [c for ex in self.extractions.values() for c in ex.claims]

    def _index(self, name: str, build: Callable[[], Any]) -> Any:
        found = self._memo.get(name)
        if found is None:
            found = self._memo[name] = build()
        return found

    # --- evidence -------------------------------------------------------------------------
    def sentence_of(self, span: Span) -> int | None:
        if span.sentence is not None:
            return span.sentence
        ex = self.extractions.get(span.doc)
        if ex is None or not ex.sentences:
            return None
        i = bisect_right([s[0] for s in ex.sentences], span.start) - 1
        return i if i >= 0 else None

    def link(self, span: Span) -> EvidenceLink:
        doc = self.doc_by_id.get(span.doc)
        title = (doc.title or doc.source) if doc is not None else span.doc
        return EvidenceLink(span, self.sentence_of(span), title)

    def links(self, spans: Iterable[Span]) -> tuple[EvidenceLink, ...]:
        return tuple(self.link(s) for s in spans)

    def entity_name(self, entity_id: str) -> str:
        ent = self.entity_by_id.get(entity_id)
        return ent.name if ent is not None else entity_id

    def global_entity(self, local_id: str | None) -> str | None:
        if local_id is None:
            return None
        return self.analysis.entity_of.get(local_id)

    # --- overview -------------------------------------------------------------------------
    def _ranked_entities(self) -> list[Entity]:
        return self._index(  # type: ignore[no-any-return]
            "ranked", lambda: sorted(self.analysis.entities, key=lambda e: (-e.mentions, e.name))
        )

    def top_actors(self, n: int = 12) -> list[Entity]:
        actors = (e for e in self._ranked_entities() if e.type in ("PERSON", "ORG", "GPE", "NORP"))
        return [e for _, e in zip(range(n), actors, strict=False)]

    def entities(self, etype: str | None = None, query: str | None = None) -> list[Entity]:
        needle = query.casefold() if query else None
        out = []
        for e in self._ranked_entities():
            if etype and e.type != etype:
                continue
            if needle and not any(needle in a.casefold() for a in (e.name, *e.aliases)):
                continue
            out.append(e)
        return out

    # --- actor ----------------------------------------------------------------------------
    def sentence_actors(self, doc_id: str) -> dict[int, set[str]]:
        """Sentence index -> cross-document entity ids mentioned in it."""
        ex = self.extractions.get(doc_id)
        out: dict[int, set[str]] = defaultdict(set)
        if ex is None:
            return out
        for le in ex.entities:
            gid = self.global_entity(le.id) or le.id
            for m in le.mentions:
                s = self.sentence_of(m.evidence)
                if s is not None:
                    out[s].add(gid)
        return out

    def quote_by_id(self) -> dict[str, Quote]:
        return self._index("quote_by_id", lambda: {q.id: q for q in self.quotes})  # type: ignore[no-any-return]

    def quotes_by(self, entity_id: str) -> list[Quote]:
        def build() -> dict[str, list[Quote]]:
            out: dict[str, list[Quote]] = defaultdict(list)
            for q in self.quotes:
                speaker = self.global_entity(q.speaker_entity)
                if speaker is not None:
                    out[speaker].append(q)
            return out

        return list(self._index("quotes_by", build).get(entity_id, ()))

    def quotes_about(self, entity_id: str) -> list[Quote]:
        """Quotes by someone else whose quoted text mentions the entity."""
        return list(self._index("quotes_about", self._quotes_about).get(entity_id, ()))

    def _quotes_about(self) -> dict[str, list[Quote]]:
        owner = {m: e.id for e in self.analysis.entities for m in e.members}
        mentions: dict[str, tuple[list[int], list[tuple[int, str]]]] = {}
        for doc_id, ex in self.extractions.items():
            found = sorted(
                (m.evidence.start, m.evidence.end, owner[le.id])
                for le in ex.entities
                if le.id in owner
                for m in le.mentions
            )
            mentions[doc_id] = ([a for a, _, _ in found], [(b, e) for _, b, e in found])
        out: dict[str, list[Quote]] = defaultdict(list)
        for q in self.quotes:
            starts, ends = mentions.get(q.doc, ([], []))
            start, end = q.evidence.start, q.evidence.end
            speaker = self.global_entity(q.speaker_entity)
            about: list[str] = []
            for i in range(bisect_left(starts, start), bisect_right(starts, end)):
                m_end, entity = ends[i]
                if m_end <= end and entity != speaker and entity not in about:
                    about.append(entity)
            for entity in about:
                out[entity].append(q)
        return out

    def relations(
        self, entity_id: str | None = None, dimension: str | None = None
    ) -> list[Relation]:
        def build() -> dict[str, list[Relation]]:
            out: dict[str, list[Relation]] = defaultdict(list)
            for r in self.analysis.relations:
                out[r.source].append(r)
                if r.target != r.source:
                    out[r.target].append(r)
            return out

        pool: Iterable[Relation] = (
            self.analysis.relations
            if entity_id is None
            else self._index("relations_of", build).get(entity_id, ())
        )
        return [r for r in pool if dimension is None or r.dimension == dimension]

    def events_of(self, entity_id: str) -> list[Event]:
        def build() -> dict[str, list[Event]]:
            out: dict[str, list[Event]] = defaultdict(list)
            for e in self.analysis.events:
                for a in dict.fromkeys(e.actors):
                    out[a].append(e)
            return out

        return list(self._index("events_of", build).get(entity_id, ()))

    # --- timeline -------------------------------------------------------------------------
    def timeline(
        self, start: str | None = None, end: str | None = None, actor: str | None = None
    ) -> list[TimelineRow]:
        """Events and dated statements in date order, filtered (from a cached, sorted index)."""
        rows: Iterable[TimelineRow]
        if actor:
            rows = self._timeline_by_actor_index().get(actor, ())
        else:
            rows = self._index("timeline", self._timeline_rows)
        if not start and not end:
            return list(rows)
        return [
            r
            for r in rows
            if (not start or _date_on_or_after(r.date, start))
            and (not end or _date_on_or_before(r.date, end))
        ]

    def timeline_actors(self, limit: int | None = None) -> list[str]:
        """The actors of timeline rows by name (for the actor filter); with ``limit``, only the
        ``limit`` actors with the most timeline rows."""

        def build() -> list[str]:
            by_actor = self._timeline_by_actor_index()
            return sorted(by_actor, key=lambda a: (-len(by_actor[a]), self.entity_name(a), a))

        ranked: list[str] = self._index("timeline_actors", build)
        return sorted(ranked[:limit], key=lambda a: (self.entity_name(a), a))

    def _timeline_by_actor_index(self) -> dict[str, list[TimelineRow]]:
        return self._index("timeline_by_actor", self._timeline_by_actor)  # type: ignore[no-any-return]

    def _timeline_by_actor(self) -> dict[str, list[TimelineRow]]:
        out: dict[str, list[TimelineRow]] = defaultdict(list)
        for r in self._index("timeline", self._timeline_rows):
            for a in dict.fromkeys(r.actors):
                out[a].append(r)
        return dict(out)

    def _timeline_rows(self) -> list[TimelineRow]:
        rows: list[TimelineRow] = [
            TimelineRow(
                date=e.date.value,
                granularity=e.date.granularity,
                kind="event",
                summary=e.summary,
                actors=e.actors,
                evidence=self.links(e.evidence),
                sources=e.independent_sources,
            )
            for e in self.analysis.events
        ]
        # Dated statements: each sentence carrying a resolved date expression.
        for doc_id, ex in self.extractions.items():
            doc = self.doc_by_id.get(doc_id)
            if doc is None:
                continue
            actors_at = self.sentence_actors(doc_id)
            for t in ex.timexes:
                if t.date is None:
                    continue
                s = self.sentence_of(t.evidence)
                if s is None or s >= len(ex.sentences):
                    continue
                a, b = ex.sentences[s]
                sentence = Span(doc_id, a, b, doc.text[a:b], s)
                rows.append(
                    TimelineRow(
                        date=t.date.value,
                        granularity=t.date.granularity,
                        kind="dated statement",
                        summary=sentence.text,
                        actors=tuple(sorted(actors_at.get(s, ()))),
                        evidence=(EvidenceLink(sentence, s, doc.title or doc.source),),
                        sources=1,
                    )
                )
        rows.sort(key=lambda r: (r.date, r.kind, r.summary))
        return rows

    # --- ACH ------------------------------------------------------------------------------
    def hypotheses(self) -> list[Hypothesis]:
        """Hypotheses of the analysis plus analyst-added ones the analysis has not seen yet."""
        hyps = list(self.analysis.hypotheses)
        known_ids = {h.id for h in hyps}
        known_statements = {" ".join(h.statement.split()).casefold() for h in hyps}
        for hid, statement in self.user_hypotheses:
            norm = " ".join(statement.split()).casefold()
            if hid not in known_ids and norm not in known_statements:
                hyps.append(Hypothesis(id=hid, statement=statement, origin="user"))
        return hyps

    def ach(self) -> AchMatrix:
        """The matrix of every hypothesis against its evidence (once per view: any write,
        an analyst's judgement included, makes a new view)."""
        return self._index("ach", self._ach)  # type: ignore[no-any-return]

    def _ach(self) -> AchMatrix:
        hyps = self.hypotheses()
        in_analysis = {h.id for h in self.analysis.hypotheses}
        spans: dict[str, Span] = {}
        auto: dict[tuple[str, str], HypothesisEvidence] = {}
        for h in hyps:
            for item in h.evidence:
                key = evidence_key(item.evidence)
                spans.setdefault(key, item.evidence)
                auto[(h.id, key)] = item
        for _hid, key in self.assessments:
            if key not in spans:
                span = self._span_from_key(key)
                if span is not None:
                    spans[key] = span
        # Rows the analyst can judge even before the analysis links any: claims, then quotes.
        for ev in [c.evidence for c in self.claims] + [q.evidence for q in self.quotes]:
            if len(spans) >= MAX_ACH_ROWS:
                break
            spans.setdefault(evidence_key(ev), ev)
        rows = []
        scores: dict[str, float] = defaultdict(float)
        for key, span in spans.items():
            cells = []
            for h in hyps:
                he = auto.get((h.id, key))
                mine = self.assessments.get((h.id, key))
                final = mine or (he.assessment if he else None)
                weight = he.weight if he else 1.0
                if final == "inconsistent":
                    scores[h.id] += weight
                cells.append(
                    AchCell(
                        assessment=final,
                        by="analyst" if mine else ("auto" if he else ""),
                        auto=he.assessment if he else None,
                        reason=he.reason if he else "",
                    )
                )
            rows.append(AchRow(key=key, evidence=self.link(span), cells=tuple(cells)))
        columns = tuple(
            AchColumn(
                id=h.id,
                statement=h.statement,
                origin=h.origin,
                auto_score=h.inconsistency_score,
                score=scores[h.id],
                in_analysis=h.id in in_analysis,
            )
            for h in hyps
        )
        return AchMatrix(columns=columns, rows=tuple(rows))

    def _span_from_key(self, key: str) -> Span | None:
        parts = key.rsplit(":", 2)
        if len(parts) != 3:
            return None
        doc_id, start_s, end_s = parts
        doc = self.doc_by_id.get(doc_id)
        if doc is None or not start_s.isdigit() or not end_s.isdigit():
            return None
        start, end = int(start_s), int(end_s)
        if not start < end <= len(doc.text):
            return None
        return Span(doc_id, start, end, doc.text[start:end])

    def valid_evidence_key(self, key: str) -> bool:
        return self._span_from_key(key) is not None

    # --- contradictions -------------------------------------------------------------------
    def contradictions(self, kind: str | None = None) -> list[Contradiction]:
        return [c for c in self.analysis.contradictions if kind is None or c.kind == kind]

    # --- document view --------------------------------------------------------------------
    def segments(self, doc: Document, highlight: tuple[int, int] | None) -> list[Segment]:
        """The cleaned text cut at sentence boundaries and at the highlight, in order."""
        ex = self.extractions.get(doc.id)
        sentences: Sequence[tuple[int, int]] = ex.sentences if ex and ex.sentences else ()
        cuts = {0, len(doc.text)}
        for a, b in sentences:
            cuts.update((a, b))
        if highlight:
            cuts.update(highlight)
        points = sorted(c for c in cuts if 0 <= c <= len(doc.text))
        starts = [s[0] for s in sentences]
        out = []
        for a, b in pairwise(points):
            i = bisect_right(starts, a) - 1
            sentence = i if i >= 0 and a < sentences[i][1] else None
            mark = highlight is not None and highlight[0] <= a and b <= highlight[1]
            out.append(Segment(doc.text[a:b], sentence, a, mark))
        return out

    def blocks(
        self, doc: Document, highlight: tuple[int, int] | None
    ) -> list[tuple[int | None, bool, list[Segment]]]:
        """Segments grouped by sentence: (sentence or None, holds the highlight, segments)."""
        out: list[tuple[int | None, bool, list[Segment]]] = []
        for seg in self.segments(doc, highlight):
            if out and out[-1][0] == seg.sentence and seg.sentence is not None:
                out[-1][2].append(seg)
                if seg.mark:
                    out[-1] = (seg.sentence, True, out[-1][2])
            else:
                out.append((seg.sentence, seg.mark, [seg]))
        return out


def _date_on_or_after(value: str, bound: str) -> bool:
    """A (possibly coarse) date overlaps [bound, ...): compare on the shared prefix."""
    n = min(len(value), len(bound))
    return value[:n] >= bound[:n]


def _date_on_or_before(value: str, bound: str) -> bool:
    n = min(len(value), len(bound))
    return value[:n] <= bound[:n]


# --- relation graph ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: str
    name: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class GraphEdge:
    relation: Relation
    x1: float
    y1: float
    x2: float
    y2: float


def circle_layout(
    view: CaseView, relations: Sequence[Relation], size: int = 640
) -> tuple[list[GraphNode], list[GraphEdge]]:
    """Nodes on a circle (ordered by degree), edges as straight lines: readable for <40 actors."""
    degree: Counter[str] = Counter()
    for r in relations:
        degree[r.source] += 1
        degree[r.target] += 1
    ids = [i for i, _ in sorted(degree.items(), key=lambda kv: (-kv[1], view.entity_name(kv[0])))]
    centre, radius = size / 2, size / 2 - 90
    pos: dict[str, tuple[float, float]] = {}
    nodes = []
    for k, node_id in enumerate(ids):
        angle = 2 * math.pi * k / max(1, len(ids)) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        pos[node_id] = (x, y)
        nodes.append(GraphNode(node_id, view.entity_name(node_id), round(x, 1), round(y, 1)))
    edges = [
        GraphEdge(r, *(round(v, 1) for v in (*pos[r.source], *pos[r.target]))) for r in relations
    ]
    return nodes, edges
