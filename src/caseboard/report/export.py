"""The JSON export (``caseboard/brief/1``, see ../shared/spec/brief.schema.json)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from caseboard import __version__
from caseboard.model import (
    Analysis,
    DateValue,
    DocExtraction,
    Document,
    Span,
)
from caseboard.model.codec import to_dict

SCHEMA_ID = "caseboard/brief/1"


def evidence(span: Span) -> dict[str, Any]:
    out: dict[str, Any] = {"doc": span.doc, "start": span.start, "end": span.end, "text": span.text}
    if span.sentence is not None:
        out["sentence"] = span.sentence
    return out


def date(d: DateValue | None) -> dict[str, Any] | None:
    """A schema ``date``. A period ``start/end`` (e.g. a role held "from 2018 to 2023") is
    written as its start with qualifier ``period`` and the end under the extra key ``until``."""
    if d is None:
        return None
    out: dict[str, Any] = {
        "value": d.value,
        "granularity": d.granularity,
        "qualifier": d.qualifier,
        "text": d.text,
        "resolved_from": d.resolved_from,
    }
    if "/" in d.value:
        start, _, end = d.value.partition("/")
        out.update(value=start, qualifier=d.qualifier or "period", until=end)
    return out


def build_export(
    case: str,
    documents: Sequence[Document],
    extractions: Sequence[DocExtraction],
    analysis: Analysis,
    generator: dict[str, Any] | None = None,
    generated_at: datetime | None = None,
) -> dict[str, Any]:
    ent_of = analysis.entity_of
    ents_by_id = {e.id: e for e in analysis.entities}
    corro = analysis.corroboration
    quotes = []
    timexes = []
    quantities = []
    claims = []
    for ex in extractions:
        for q in ex.quotes:
            speaker = ent_of.get(q.speaker_entity) if q.speaker_entity else None
            quotes.append(
                {
                    "id": q.id,
                    "text": q.text,
                    "kind": q.kind,
                    "speaker": speaker,
                    "speaker_name": q.speaker_name,
                    "speaker_role": q.speaker_role,
                    "cue": q.cue,
                    "said_on": date(q.said_on),
                    "evidence": evidence(q.evidence),
                    "also_in": [evidence(s) for s in corro.get(q.id, ())],
                }
            )
        for t in ex.timexes:
            timexes.append(
                {
                    "id": t.id,
                    "text": t.text,
                    "type": t.type,
                    "value": t.value,
                    "mod": t.mod,
                    "date": date(t.date),
                    "anchor": t.anchor,
                    "evidence": evidence(t.evidence),
                }
            )
        for n in ex.quantities:
            quantities.append(
                {
                    "id": n.id,
                    "value": n.value,
                    "unit": n.unit,
                    "modifier": n.modifier,
                    "text": n.text,
                    "about": n.about,
                    "evidence": evidence(n.evidence),
                    "corroborated_by": [evidence(s) for s in corro.get(n.id, ())],
                }
            )
        for c in ex.claims:
            attributed = ent_of.get(c.attributed_entity) if c.attributed_entity else None
            claims.append(
                {
                    "id": c.id,
                    "text": c.text,
                    "status": c.status,
                    "attributed_to": attributed or c.attributed_to,
                    "cue": c.cue,
                    "evidence": evidence(c.evidence),
                    "corroborated_by": [evidence(s) for s in corro.get(c.id, ())],
                }
            )
    stamp = (generated_at or datetime.now(UTC)).isoformat().replace("+00:00", "Z")
    return {
        "schema": SCHEMA_ID,
        "case": case,
        "generated_at": stamp,
        "generator": {"tool": "caseboard", "version": __version__, **(generator or {})},
        "documents": [
            {
                "id": d.id,
                "source": d.source,
                "title": d.title,
                "outlet": d.outlet,
                "url": d.url,
                "published": date(d.published),
                "published_origin": d.published_origin,
                "text_sha256": d.text_sha256,
                "notes": list(d.notes),
                "removed": [{"text": r.text, "reason": r.reason} for r in d.removed],
            }
            for d in documents
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "roles": [
                    {
                        "text": r.text,
                        "as_of": date(r.as_of),
                        "affiliation": r.affiliation,
                        "evidence": evidence(r.evidence),
                    }
                    for r in e.roles
                ],
                "mentions": e.mentions,
                "documents": list(e.documents),
            }
            for e in ents_by_id.values()
        ],
        "quotes": quotes,
        "events": [
            {
                **{k: v for k, v in to_dict(ev).items() if k not in ("date", "evidence")},
                "date": date(ev.date),
                "evidence": [evidence(s) for s in ev.evidence],
            }
            for ev in analysis.events
        ],
        "quantities": quantities,
        "claims": claims,
        "contradictions": [
            {
                "id": c.id,
                "kind": c.kind,
                "explanation": c.explanation,
                "items": list(c.items),
                "evidence": [evidence(s) for s in c.evidence],
            }
            for c in analysis.contradictions
        ],
        "relations": [
            {
                **{k: v for k, v in to_dict(r).items() if k != "evidence"},
                "evidence": [evidence(s) for s in r.evidence],
            }
            for r in analysis.relations
        ],
        "hypotheses": [
            {
                "id": h.id,
                "statement": h.statement,
                "origin": h.origin,
                "inconsistency_score": h.inconsistency_score,
                "evidence": [
                    {
                        "assessment": he.assessment,
                        "weight": he.weight,
                        "reason": he.reason,
                        "by": he.by,
                        "evidence": evidence(he.evidence),
                    }
                    for he in h.evidence
                ],
            }
            for h in analysis.hypotheses
        ],
        "vulnerabilities": [
            {
                **{k: v for k, v in to_dict(v).items() if k != "evidence"},
                "evidence": [evidence(s) for s in v.evidence],
            }
            for v in analysis.vulnerabilities
        ],
        "timexes": timexes,
    }
