"""Build the case Analysis from every stored extraction (pure over the records)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from caseboard.analyse import contradictions, hypotheses, relations, vulnerabilities
from caseboard.analyse.corroboration import corroborate
from caseboard.analyse.items import collect
from caseboard.link import events as event_linking
from caseboard.link.context import build_context
from caseboard.link.entities import actor_ids, resolve
from caseboard.link.sources import source_groups
from caseboard.link.text import content_stems, fold
from caseboard.model import Analysis, DocExtraction, Document


def analyse(
    documents: Sequence[Document],
    extractions: Sequence[DocExtraction],
    user_hypotheses: Sequence[tuple[str, str]] = (),
    assessments: Mapping[tuple[str, str], str] | None = None,
) -> Analysis:
    """The cross-document picture: entities, timeline, corroboration, contradictions,
    relations, competing hypotheses and soft spots. ``user_hypotheses`` are (id, statement)
    pairs; ``assessments`` maps (hypothesis id, ``doc:start:end``) to the analyst's verdict."""
    entities, entity_of = resolve((e for ex in extractions for e in ex.entities), documents)
    names = {e.id: e.name for e in entities}
    actors = actor_ids(entities, documents)
    context = build_context(documents, extractions, entity_of)
    groups = source_groups(documents, context)

    found = event_linking.mentions(context)
    events, date_conflicts = event_linking.cluster(found, groups)

    items = collect(extractions, context, entity_of)
    quantities = {q.id: q for ex in extractions for q in ex.quantities}
    corroboration = corroborate(items, quantities, groups)
    name_stems = frozenset(
        w for e in entities for alias in (e.name, *e.aliases) for w in content_stems(alias)
    )
    contras = contradictions.find(context, items, quantities, names, name_stems) + date_conflicts
    contras.sort(key=lambda c: (c.kind, c.id))

    alias_index: dict[str, str] = {}
    for e in entities:
        if e.type in ("PERSON", "GPE", "ORG", "NORP"):
            for alias in (e.name, *e.aliases):
                if len(alias) > 2:
                    alias_index[fold(alias)] = e.id
    hyps = hypotheses.build(
        user_hypotheses,
        hypotheses.detect(context),
        items,
        events,
        corroboration,
        assessments or {},
        alias_index,
    )
    return Analysis(
        entities=tuple(entities),
        events=tuple(events),
        relations=tuple(relations.find(context, actors, groups)),
        contradictions=tuple(contras),
        hypotheses=tuple(hyps),
        vulnerabilities=tuple(vulnerabilities.find(context, actors)),
        entity_of=entity_of,
        corroboration=corroboration,
    )
