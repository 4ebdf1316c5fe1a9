"""Incremental analysis: after a few documents are added to a large case, re-analyse only what
they touch instead of the whole case.

What a new document touches is found through the features every whole-case analysis stores
for each unit its pair steps pair (``run.pair_keys``: an event mention's actors, words and
amounts; a sentence's topic words; an item's actors, words and speaker; a quantity's rounded
value and the thing it counts): a stored document is touched when one of its units shares with
a unit of a new document at least two features of the same step, or one amount or thing
counted, counting only features held by at most ``CAP`` units (``NUMERIC_CAP`` for things
counted). That is the blocking condition of the pair steps (``link.text``): no pair of a new
and an old unit outside it can be a candidate. A sentence that is neither a denial, an official
line nor an analysts' view only pairs with one that is, sharing an actor, so it looks up only
those. The steps then run on the new documents with the touched ones only, the old documents
keeping the entities the previous analysis gave them, and what they find that involves a new
document is merged into the previous analysis:

- entities: a new document's people and organisations are resolved together with stand-ins
  for the stored entities that share a name word with them (so "Smith" joins the one John
  Smith of the case, and stays apart when there are two); countries and places are keyed by
  their names as in a whole-case resolution;
- events: a merged event that holds a new sentence replaces the stored events it joins (its
  evidence and sources are theirs plus the new ones; a new sentence can join two stored events
  into one);
- corroboration: support found for or by a new item is added to the stored support;
- contradictions: those with evidence in a new document are added;
- relations and soft spots are per sentence: the new documents' are added to the stored ones
  and each weight recounted over the case's independent sources;
- hypotheses: the new documents' evidence is scored against every hypothesis and those the new
  documents float are added, scored against the part analysed.

What it does not redo, and a whole-case analysis (``caseboard analyse``) does: the case-wide
statistics (the share of mentions naming an actor) are those of the part analysed; a feature
the new documents push past a cap still pairs the old units it paired (the whole case drops
those pairs); pairs of two old documents are not re-examined (a new document can change which
report a denial answers best, or which name a person goes by); two stored entities that a new
name would join stay two; two stored source groups a new reprint would join stay two. How far
the result is from the whole-case analysis is measured by ``benchmarks/growth.py``
(docs/benchmarks.md); ``service.reanalyse`` runs the whole case again once the documents added
this way since the last whole-case analysis pass ``INCREMENT_SHARE`` of the case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from caseboard.analyse import contradictions, hypotheses, relations, vulnerabilities
from caseboard.analyse.corroboration import corroborate
from caseboard.analyse.run import Analysed, Gathered, KeyRow, alias_index, gather, pair_keys
from caseboard.link import events as event_linking
from caseboard.link.entities import actor_ids, name_tokens, resolve, translit
from caseboard.link.sources import independent, source_groups
from caseboard.link.text import content_stems, fold
from caseboard.model import (
    Analysis,
    Contradiction,
    DocExtraction,
    Document,
    Entity,
    Event,
    Hypothesis,
    HypothesisEvidence,
    LocalEntity,
    Relation,
    Span,
    Vulnerability,
    make_id,
)
from caseboard.model.codec import paused_gc

if TYPE_CHECKING:
    from caseboard.store.db import Store

# The pair steps' posting cap (``link.text.pairs_at_least``): keys held by more sentences than
# this pair nothing, so they touch nothing.
CAP = 200
# ``contradictions._numeric``'s: a thing counted by more quantities than this is too generic.
NUMERIC_CAP = 60
# The analysis after an add is incremental while the documents added incrementally since the
# last whole-case analysis are at most this share of the case.
INCREMENT_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class Increment:
    """An incremental analysis with what it needed: the stored documents it read again, the
    new documents' sentence keys and source groups (to store), and the stored entities a new
    name would have joined into one (left apart)."""

    analysed: Analysed
    touched: tuple[str, ...]
    keys: tuple[KeyRow, ...]
    groups: Mapping[str, tuple[str, str | None]]
    unjoined: int


def analyse_increment(
    store: Store,
    previous: Analysis,
    new: Sequence[tuple[Document, DocExtraction]],
    user_hypotheses: Sequence[tuple[str, str]] = (),
    assessments: Mapping[tuple[str, str], str] | None = None,
) -> Increment:
    """The case's analysis after ``new`` (stored, not yet analysed) joins the case whose
    analysis is ``previous`` and whose sentence keys and groups are in ``store``."""
    with paused_gc():
        return _increment(store, previous, new, user_hypotheses, assessments or {})


def _increment(
    store: Store,
    previous: Analysis,
    new: Sequence[tuple[Document, DocExtraction]],
    user_hypotheses: Sequence[tuple[str, str]],
    assessments: Mapping[tuple[str, str], str],
) -> Increment:
    new_docs = [doc for doc, _ in new]
    new_ids = {doc.id for doc in new_docs}
    entities, new_entity_of, unjoined = resolve_new(
        previous.entities, [le for _, ex in new for le in ex.entities], new_docs
    )
    entity_of = {**previous.entity_of, **new_entity_of}
    fresh = gather(new_docs, (ex for _, ex in new), entity_of)
    keys = pair_keys(fresh.context, fresh.items, fresh.quantities)
    touched = [
        d
        for d in store.touched_documents(_lookups(keys, _sentence_actors(fresh)), CAP, NUMERIC_CAP)
        if d not in new_ids
    ]
    old_pairs = list(store.pairs_of(touched))
    old_docs = [doc for doc, _ in old_pairs]
    part = gather(old_docs, (ex for _, ex in old_pairs), entity_of)
    part.context.update(fresh.context)
    part.items.extend(fresh.items)
    part.quantities.update(fresh.quantities)
    documents = [*old_docs, *new_docs]

    outlets = {fold(d.outlet) for d in new_docs if d.outlet}
    stored_groups, outlet_group, all_outlets = store.source_groups_of(outlets=outlets)
    groups = _new_groups(documents, part, new_ids, stored_groups, outlet_group)
    every_group = {**stored_groups, **groups}
    new_group_rows = {d.id: (groups[d.id], fold(d.outlet) if d.outlet else None) for d in new_docs}

    names = {e.id: e.name for e in entities}
    found = event_linking.mentions(part.context)
    events, date_conflicts = event_linking.cluster(found, groups)
    corroboration = corroborate(part.items, part.quantities, groups)
    name_stems = frozenset(
        w for e in entities for alias in (e.name, *e.aliases) for w in content_stems(alias)
    )
    contras = contradictions.find(part.context, part.items, part.quantities, names, name_stems)
    actors = actor_ids(entities, outlets=all_outlets | outlets)
    new_items = {it.id for it in fresh.items}
    merged_events = merge_events(previous.events, events, new_ids, every_group)
    merged_support = merge_support(previous.corroboration, corroboration, new_ids, new_items)
    hyps = hypotheses.build(
        user_hypotheses,
        hypotheses.detect(part.context),
        part.items,
        merged_events,
        merged_support,
        assessments,
        alias_index(entities),
    )
    analysis = Analysis(
        entities=tuple(entities),
        events=tuple(merged_events),
        relations=tuple(
            merge_relations(
                previous.relations, relations.find(fresh.context, actors, groups), every_group
            )
        ),
        contradictions=tuple(
            merge_contradictions(previous.contradictions, [*contras, *date_conflicts], new_ids)
        ),
        hypotheses=tuple(merge_hypotheses(previous.hypotheses, hyps, new_ids)),
        vulnerabilities=tuple(
            merge_vulnerabilities(
                previous.vulnerabilities, vulnerabilities.find(fresh.context, actors)
            )
        ),
        entity_of=entity_of,
        corroboration=merged_support,
    )
    analysed = Analysed(analysis, tuple(fresh.quote_ids), every_group)
    return Increment(analysed, tuple(touched), tuple(keys), new_group_rows, unjoined)


def _sentence_actors(part: Gathered) -> dict[tuple[str, str], list[str]]:
    return {
        (s.doc, f"s{s.sentence.index}"): sorted(set(s.actors))
        for infos in part.context.values()
        for s in infos
    }


def _lookups(
    keys: Sequence[KeyRow], actors: Mapping[tuple[str, str], Sequence[str]]
) -> list[KeyRow]:
    """The keys to look up for new units: their own, but a sentence that cannot be one side of
    a contradiction alone (no ``C|`` key) looks only for sentences that can, by each of its
    actors (``actors``: a sentence unit's) with each of its topic words."""
    special = {(doc, unit) for key, doc, unit in keys if key.startswith("C|")}
    out: list[KeyRow] = []
    for key, doc, unit in keys:
        if key.startswith("C|"):
            continue  # a sentence that has them looks for every sentence (``c|``)
        if key.startswith("c|") and (doc, unit) not in special:
            out.extend((f"C|{a}|{key[2:]}", doc, unit) for a in actors.get((doc, unit), ()))
        else:
            out.append((key, doc, unit))
    return out


# --- entities ------------------------------------------------------------------------------------


def _name_words(name: str) -> set[str]:
    return {translit(t) for t in name_tokens(name)}


def resolve_new(
    entities: Sequence[Entity], locals_: Sequence[LocalEntity], documents: Sequence[Document]
) -> tuple[list[Entity], dict[str, str], int]:
    """The case's entities with the new documents' local entities resolved into them: (every
    entity, new local id -> entity id, how many times a new name would join two stored ones).

    Each stored person or organisation sharing a name word with a new local entity takes part
    as a stand-in per name it goes by (its roles on the first), so the whole-case rules decide
    (a surname joins the one full name of its block, not one of two); countries and places need
    none, they are keyed by name. A new local entity resolved with stand-ins of a stored entity
    joins it; with stand-ins of several, the one with the most mentions."""
    words = {w for le in locals_ for name in (le.name, *le.aliases) for w in _name_words(name)}
    stand_ins: list[LocalEntity] = []
    stood_for: dict[str, str] = {}  # stand-in id -> stored entity id
    for e in entities:
        if e.type in ("GPE", "NORP", "LOC"):
            continue
        names = (e.name, *e.aliases)
        if not any(_name_words(n) & words for n in names):
            continue
        for k, name in enumerate(names):
            sid = f"{e.id}~{k}"
            stood_for[sid] = e.id
            stand_ins.append(
                LocalEntity(
                    id=sid,
                    doc=f"~{e.id}",
                    name=name,
                    type=e.type,
                    aliases=(),
                    mentions=(),
                    roles=e.roles if k == 0 else (),
                )
            )
    resolved, mapping = resolve([*stand_ins, *locals_], documents)
    by_id = {e.id: e for e in entities}
    new_ids = {le.id for le in locals_}
    members: dict[str, list[str]] = {}
    for lid, eid in mapping.items():
        members.setdefault(eid, []).append(lid)
    target_of: dict[str, str] = {}  # resolved id -> the entity its new members join
    unjoined = 0
    for r in resolved:
        stored = sorted({stood_for[m] for m in members.get(r.id, ()) if m in stood_for})
        if r.id in by_id and r.id not in stored:
            stored.append(r.id)
        if not stored:
            target_of[r.id] = r.id
            continue
        unjoined += len(stored) > 1
        target_of[r.id] = r.id if r.id in stored else max(stored, key=lambda s: by_id[s].mentions)
    entity_of = {lid: target_of[eid] for lid, eid in mapping.items() if lid in new_ids}

    joined: dict[str, list[LocalEntity]] = {}
    for le in locals_:
        joined.setdefault(entity_of[le.id], []).append(le)
    resolved_by_id = {r.id: r for r in resolved}
    out: list[Entity] = []
    for e in entities:
        more = joined.pop(e.id, [])
        out.append(_with_members(e, more) if more else e)
    for eid, more in joined.items():  # entities of their own: the resolution's, new members only
        r = resolved_by_id[eid]
        base = Entity(eid, r.name, r.type, (), (), 0, (), ())
        out.append(_with_members(base, more))
    return out, entity_of, unjoined


def _with_members(e: Entity, more: Sequence[LocalEntity]) -> Entity:
    aliases = {a for m in more for a in (m.name, *m.aliases)} | set(e.aliases)
    return replace(
        e,
        aliases=tuple(sorted(aliases - {e.name})),
        roles=(*e.roles, *(r for m in more for r in m.roles)),
        mentions=e.mentions + sum(len(m.mentions) for m in more),
        documents=tuple(sorted({*e.documents, *(m.doc for m in more)})),
        members=tuple(sorted({*e.members, *(m.id for m in more)})),
    )


# --- sources -------------------------------------------------------------------------------------


def _new_groups(
    documents: Sequence[Document],
    part: Gathered,
    new_ids: set[str],
    stored: Mapping[str, str],
    outlet_group: Mapping[str, str],
) -> dict[str, str]:
    """Source groups of the documents analysed: the stored ones' as stored; the new ones of a
    group of the part join the stored group of an old document in it, or of a stored document
    of the same outlet, else stay a group of their own."""
    found = source_groups(documents, part.context)
    members: dict[str, list[Document]] = {}
    for d in documents:
        members.setdefault(found[d.id], []).append(d)
    out = {d.id: stored.get(d.id, d.id) for d in documents if d.id not in new_ids}
    for root, docs in members.items():
        known = sorted(
            {stored[d.id] for d in docs if d.id in stored}
            | {g for d in docs if d.outlet and (g := outlet_group.get(fold(d.outlet)))}
        )
        for d in docs:
            if d.id in new_ids:
                out[d.id] = known[0] if known else root
    return out


# --- merging into the previous analysis ------------------------------------------------------


def _key(span: Span) -> tuple[str, int, int]:
    return span.doc, span.start, span.end


def merge_events(
    previous: Sequence[Event],
    found: Sequence[Event],
    new_ids: set[str],
    groups: Mapping[str, str],
) -> list[Event]:
    """The stored events, with each found event holding a new sentence in place of the stored
    events it shares a sentence with (their evidence and sources joined to it)."""
    event_at = {_key(sp): e.id for e in previous for sp in e.evidence}
    by_id = {e.id: e for e in previous}
    replaced: set[str] = set()
    out: list[Event] = []
    taken: set[str] = set()
    for ev in found:
        if not any(sp.doc in new_ids for sp in ev.evidence):
            continue  # only old sentences: the stored analysis has them
        joins = sorted({event_at[k] for sp in ev.evidence if (k := _key(sp)) in event_at})
        spans = dict.fromkeys(ev.evidence)
        actors = dict.fromkeys(ev.actors)
        for eid in joins:
            spans.update(dict.fromkeys(by_id[eid].evidence))
            actors.update(dict.fromkeys(by_id[eid].actors))
        replaced.update(joins)
        docs = tuple(sorted({sp.doc for sp in spans}))
        keys = sorted(f"{s.doc}:{s.start}:{s.end}" for s in spans)
        eid = make_id("ev", *keys)
        if eid in taken:
            eid = make_id("ev", ev.type, *keys)
        taken.add(eid)
        out.append(
            replace(
                ev,
                id=eid,
                actors=tuple(actors),
                sources=docs,
                evidence=tuple(spans),
                independent_sources=independent(docs, groups),
            )
        )
    out.extend(e for e in previous if e.id not in replaced)
    out.sort(key=lambda e: (e.date.value, e.id))
    return out


def merge_support(
    previous: Mapping[str, tuple[Span, ...]],
    found: Mapping[str, tuple[Span, ...]],
    new_docs: set[str],
    new_items: set[str],
) -> dict[str, tuple[Span, ...]]:
    """The stored support, with what the part found for a new item, and from a new document
    for a stored one."""
    out = dict(previous)
    for item, spans in found.items():
        more = spans if item in new_items else tuple(s for s in spans if s.doc in new_docs)
        if more:
            joined = dict.fromkeys((*out.get(item, ()), *more))
            out[item] = tuple(sorted(joined, key=lambda s: (s.doc, s.start)))
    return dict(sorted(out.items()))


def merge_contradictions(
    previous: Sequence[Contradiction], found: Iterable[Contradiction], new_docs: set[str]
) -> list[Contradiction]:
    seen = {c.id for c in previous}
    out = list(previous)
    for c in found:
        if c.id not in seen and any(sp.doc in new_docs for sp in c.evidence):
            seen.add(c.id)
            out.append(c)
    out.sort(key=lambda c: (c.kind, c.id))
    return out


def merge_relations(
    previous: Sequence[Relation], found: Sequence[Relation], groups: Mapping[str, str]
) -> list[Relation]:
    """Relations are per sentence: the new documents' evidence joins the stored relation of
    the same actors and label, and the weight is recounted."""
    by_id = {r.id: r for r in previous}
    for r in found:
        old = by_id.get(r.id)
        evidence = (*old.evidence, *r.evidence) if old is not None else r.evidence
        weight = float(independent((sp.doc for sp in evidence), groups))
        by_id[r.id] = replace(old or r, evidence=evidence, weight=weight)
    return sorted(by_id.values(), key=lambda r: (r.source, r.target, r.label))


def merge_vulnerabilities(
    previous: Sequence[Vulnerability], found: Sequence[Vulnerability]
) -> list[Vulnerability]:
    """Soft spots are per sentence: the new evidence joins the stored one of the same actor
    and exposure (whose statement, from its first sentence, stays)."""
    by_id = {v.id: v for v in previous}
    order = [v.id for v in previous]
    for v in found:
        old = by_id.get(v.id)
        if old is None:
            order.append(v.id)
            by_id[v.id] = v
        else:
            by_id[v.id] = replace(old, evidence=(*old.evidence, *v.evidence))
    return [by_id[i] for i in order]


def merge_hypotheses(
    previous: Sequence[Hypothesis], found: Sequence[Hypothesis], new_docs: set[str]
) -> list[Hypothesis]:
    """Each hypothesis with its stored cells and the new documents' cells (a hypothesis new to
    the case with the cells the part gave it); scored and ranked as ``hypotheses.build`` does."""
    stored = {h.id: h for h in previous}
    out: list[Hypothesis] = []
    for h in found:
        old = stored.pop(h.id, None)
        if old is None:
            out.append(h)
            continue
        cells: dict[tuple[str, int, int], HypothesisEvidence] = {
            _key(c.evidence): c for c in old.evidence
        }
        for c in h.evidence:
            if c.evidence.doc in new_docs:
                cells.setdefault(_key(c.evidence), c)
        evidence = tuple(cells[k] for k in sorted(cells))
        score = sum(c.weight for c in evidence if c.assessment == "inconsistent")
        out.append(replace(old, evidence=evidence, inconsistency_score=round(score, 3)))
    out.extend(stored.values())  # a hypothesis the part does not float stays as stored
    out.sort(key=lambda h: (h.inconsistency_score, -len(h.evidence), h.id))
    return out
