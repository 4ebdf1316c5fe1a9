"""Build the case Analysis from every stored extraction (pure over the records).

The extractions are read as a stream, twice (their entities, then each document's context and
items), and never held together: what the cross-document steps keep is the sentences with their
context and the items, not the records (the full records were most of the memory of a large
case's analysis).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from caseboard.analyse import contradictions, hypotheses, relations, vulnerabilities
from caseboard.analyse.corroboration import corroborate
from caseboard.analyse.items import Item, collect
from caseboard.link import events as event_linking
from caseboard.link.context import SentenceInfo, build_context
from caseboard.link.entities import actor_ids, resolve
from caseboard.link.sources import source_groups
from caseboard.link.text import content_stems, fold
from caseboard.model import Analysis, DocExtraction, Document, LocalEntity, Quantity
from caseboard.model.codec import paused_gc


@dataclass(frozen=True, slots=True)
class Analysed:
    """An analysis with the ids of the quotes it saw (for the snapshot of ``caseboard diff``)."""

    analysis: Analysis
    quote_ids: tuple[str, ...]


def analyse(
    documents: Sequence[Document],
    extractions: Sequence[DocExtraction],
    user_hypotheses: Sequence[tuple[str, str]] = (),
    assessments: Mapping[tuple[str, str], str] | None = None,
) -> Analysis:
    """The cross-document picture: entities, timeline, corroboration, contradictions,
    relations, competing hypotheses and soft spots. ``user_hypotheses`` are (id, statement)
    pairs; ``assessments`` maps (hypothesis id, ``doc:start:end``) to the analyst's verdict."""
    return analyse_stream(
        documents, lambda: iter(extractions), None, user_hypotheses, assessments
    ).analysis


def analyse_stream(
    documents: Sequence[Document],
    extractions: Callable[[], Iterable[DocExtraction]],
    local_entities: Callable[[], Iterable[LocalEntity]] | None = None,
    user_hypotheses: Sequence[tuple[str, str]] = (),
    assessments: Mapping[tuple[str, str], str] | None = None,
) -> Analysed:
    """:func:`analyse` over extractions read as a stream, one document at a time: first the
    entities (``local_entities()``: those of the same extractions in the same order, e.g. read
    alone from the store; without it, ``extractions()`` is read once for them), then
    ``extractions()`` once more for each document's context and items."""
    with paused_gc():
        return _analyse_stream(documents, extractions, local_entities, user_hypotheses, assessments)


def _analyse_stream(
    documents: Sequence[Document],
    extractions: Callable[[], Iterable[DocExtraction]],
    local_entities: Callable[[], Iterable[LocalEntity]] | None,
    user_hypotheses: Sequence[tuple[str, str]],
    assessments: Mapping[tuple[str, str], str] | None,
) -> Analysed:
    entities_of = local_entities or (lambda: (e for ex in extractions() for e in ex.entities))
    entities, entity_of = resolve(entities_of(), documents)
    names = {e.id: e.name for e in entities}
    actors = actor_ids(entities, documents)
    by_id = {d.id: d for d in documents}
    context: dict[str, list[SentenceInfo]] = {}
    items: list[Item] = []
    quantities: dict[str, Quantity] = {}
    quote_ids: list[str] = []
    for ex in extractions():  # one document's records at a time
        document = by_id.get(ex.doc)
        one = build_context([document], [ex], entity_of) if document is not None else {}
        context.update(one)
        items.extend(collect([ex], one, entity_of))
        quantities.update((q.id, q) for q in ex.quantities)
        quote_ids.extend(q.id for q in ex.quotes)
    groups = source_groups(documents, context)

    found = event_linking.mentions(context)
    events, date_conflicts = event_linking.cluster(found, groups)

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
    analysis = Analysis(
        entities=tuple(entities),
        events=tuple(events),
        relations=tuple(relations.find(context, actors, groups)),
        contradictions=tuple(contras),
        hypotheses=tuple(hyps),
        vulnerabilities=tuple(vulnerabilities.find(context, actors)),
        entity_of=entity_of,
        corroboration=corroboration,
    )
    return Analysed(analysis, tuple(quote_ids))
