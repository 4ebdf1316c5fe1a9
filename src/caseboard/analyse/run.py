"""Build the case Analysis from every stored extraction (pure over the records).

The extractions are read as a stream, twice (their entities, then each document's context and
items), and never held together: what the cross-document steps keep is the sentences with their
context and the items, not the records (the full records were most of the memory of a large
case's analysis). The steps are also run on part of a case by the incremental analysis
(``analyse.increment``), which is why gathering the inputs and running the steps are apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from caseboard.analyse import contradictions, hypotheses, relations, vulnerabilities
from caseboard.analyse.corroboration import corroborate, quantity_feature
from caseboard.analyse.items import Item, collect
from caseboard.link import events as event_linking
from caseboard.link.context import SentenceInfo, build_context
from caseboard.link.entities import actor_ids, resolve
from caseboard.link.sources import source_groups
from caseboard.link.text import content_stems, fold
from caseboard.model import Analysis, DocExtraction, Document, Entity, LocalEntity, Quantity
from caseboard.model.codec import paused_gc

# (key, document, unit): what the incremental analysis looks up to find the sentences and items
# a new document's may pair with (see ``pair_keys``)
KeyRow = tuple[str, str, str]
KeySink = Callable[[list[KeyRow]], None]
_KEY_BATCH = 50_000


@dataclass(frozen=True, slots=True)
class Analysed:
    """An analysis with the ids of the quotes it saw (for the snapshot of ``caseboard diff``)
    and each document's independent-source group."""

    analysis: Analysis
    quote_ids: tuple[str, ...]
    groups: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Gathered:
    """The inputs of the cross-document steps: each sentence with its context, the items."""

    context: dict[str, list[SentenceInfo]] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    quote_ids: list[str] = field(default_factory=list)


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
    keys: KeySink | None = None,
) -> Analysed:
    """:func:`analyse` over extractions read as a stream, one document at a time: first the
    entities (``local_entities()``: those of the same extractions in the same order, e.g. read
    alone from the store; without it, ``extractions()`` is read once for them), then
    ``extractions()`` once more for each document's context and items. ``keys`` receives
    every sentence's keys in batches (for a later incremental analysis)."""
    with paused_gc():
        entities_of = local_entities or (lambda: (e for ex in extractions() for e in ex.entities))
        entities, entity_of = resolve(entities_of(), documents)
        gathered = gather(documents, extractions(), entity_of, keys)
        groups = source_groups(documents, gathered.context)
        analysis = run_steps(
            entities, entity_of, documents, gathered, groups, user_hypotheses, assessments or {}
        )
        return Analysed(analysis, tuple(gathered.quote_ids), groups)


def gather(
    documents: Sequence[Document],
    extractions: Iterable[DocExtraction],
    entity_of: Mapping[str, str],
    keys: KeySink | None = None,
) -> Gathered:
    """Each document's sentence contexts and items, one document's records at a time."""
    by_id = {d.id: d for d in documents}
    out = Gathered()
    pending: list[KeyRow] = []
    for ex in extractions:
        document = by_id.get(ex.doc)
        one = build_context([document], [ex], entity_of) if document is not None else {}
        out.context.update(one)
        found = collect([ex], one, entity_of)
        out.items.extend(found)
        out.quantities.update((q.id, q) for q in ex.quantities)
        out.quote_ids.extend(q.id for q in ex.quotes)
        if keys is not None:
            pending.extend(pair_keys(one, found, out.quantities))
            if len(pending) >= _KEY_BATCH:
                keys(pending)
                pending = []
    if keys is not None and pending:
        keys(pending)
    return out


def pair_keys(
    context: Mapping[str, Sequence[SentenceInfo]],
    items: Iterable[Item],
    quantities: Mapping[str, Quantity],
) -> list[KeyRow]:
    """The features by which the pair steps block their candidate pairs, for each unit they
    pair, as (key, document, unit) rows; the key's first letter says which step (and, in
    ``analyse.increment``, how many shared keys make a candidate pair):

    - ``e|``: an event mention's features (``link.events.mention_features``), unit its sentence;
    - ``c|``: a sentence's topic words for the contradictions between sentences, and ``C|``
      each of its actors with each of them when the sentence can be one side of one alone (a
      denial, an official line, an analysts' view; a pair needs an actor in common);
    - ``i|``: a statement's features for corroboration (actors, topic words, speaker), ``r|``
      its topic words by speaker for reversals; ``q|``: a quantity's rounded value, ``N|`` the
      unit and thing it counts (conflicting figures); unit the item.

    Units only tell apart the units of one document (sentences by number, items in order).
    """
    out: list[KeyRow] = []
    for info, feats in event_linking.mention_features(context):
        unit = f"e{info.sentence.index}"
        out.extend((f"e|{f}", info.doc, unit) for f in dict.fromkeys(feats))
    for info, topic, special in contradictions.pair_features(context):
        unit = f"s{info.sentence.index}"
        out.extend((f"c|{w}", info.doc, unit) for w in sorted(topic))
        if special:  # a pair needs an actor in common too
            actors = sorted(set(info.actors))
            out.extend((f"C|{a}|{w}", info.doc, unit) for a in actors for w in sorted(topic))
    for k, it in enumerate(items):
        unit = f"i{k}"  # unique within each document: what the units are for
        q = quantities.get(it.id) if it.kind == "quantity" else None
        if q is not None:
            out.append((f"q|{quantity_feature(q)}", it.doc, unit))
            if (block := contradictions.numeric_block(q, it)) is not None:
                out.append((f"N|{block}", it.doc, unit))
            continue
        feats = [*(f"a:{a}" for a in it.actors), *(f"w:{w}" for w in sorted(it.topic))]
        if it.speaker:
            feats.append(f"s:{it.speaker}")
        out.extend((f"i|{f}", it.doc, unit) for f in dict.fromkeys(feats))
        if it.speaker and it.kind in ("quote", "claim") and it.date is not None:
            out.extend((f"r|{it.speaker}|{w}", it.doc, unit) for w in sorted(it.topic))
    return out


def run_steps(
    entities: Sequence[Entity],
    entity_of: dict[str, str],
    documents: Sequence[Document],
    gathered: Gathered,
    groups: Mapping[str, str],
    user_hypotheses: Sequence[tuple[str, str]],
    assessments: Mapping[tuple[str, str], str],
) -> Analysis:
    """The cross-document steps over gathered inputs."""
    context, items, quantities = gathered.context, gathered.items, gathered.quantities
    names = {e.id: e.name for e in entities}
    actors = actor_ids(entities, documents)
    found = event_linking.mentions(context)
    events, date_conflicts = event_linking.cluster(found, groups)

    corroboration = corroborate(items, quantities, groups)
    name_stems = frozenset(
        w for e in entities for alias in (e.name, *e.aliases) for w in content_stems(alias)
    )
    contras = contradictions.find(context, items, quantities, names, name_stems) + date_conflicts
    contras.sort(key=lambda c: (c.kind, c.id))

    hyps = hypotheses.build(
        user_hypotheses,
        hypotheses.detect(context),
        items,
        events,
        corroboration,
        assessments,
        alias_index(entities),
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


def alias_index(entities: Iterable[Entity]) -> dict[str, str]:
    """Folded name or alias (longer than two characters) -> entity id, for the actors and
    places a hypothesis names."""
    out: dict[str, str] = {}
    for e in entities:
        if e.type in ("PERSON", "GPE", "ORG", "NORP"):
            for alias in (e.name, *e.aliases):
                if len(alias) > 2:
                    out[fold(alias)] = e.id
    return out
