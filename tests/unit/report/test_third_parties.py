"""The brief's third parties: countries and organisations tied to both members of the main pair.

The article is invented; the countries are real so that capitals and country names resolve.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from caseboard.model import (
    Analysis,
    DateValue,
    DocExtraction,
    Document,
    Entity,
    LocalEntity,
    Mention,
    Relation,
    Span,
    make_id,
    sha256_text,
)
from caseboard.model.records import EntityType
from caseboard.report.brief import Brief, build_brief

TEXT = (
    "Portugal and Angola sign fisheries accord\n\n"
    "Portugal and Angola signed a new fisheries accord in Lisbon on Monday. "
    "Brazil, which buys Angolan crude, welcomed the talks between Portugal and Angola. "
    "Foreign Minister Rui Costa said Portugal would send inspectors to Angola. "
    "Angola also met officials from Spain last week. "
    "The Fisheries Council backs Portugal in the quota dispute. "
    "The Fisheries Council also backs Angola on port access. "
    "Portugal and Angola will meet again in June."
)
NAMES: tuple[tuple[str, EntityType], ...] = (
    ("Portugal", "GPE"),
    ("Angola", "GPE"),
    ("Lisbon", "GPE"),
    ("Brazil", "GPE"),
    ("Spain", "GPE"),
    ("Rui Costa", "PERSON"),
    ("Fisheries Council", "ORG"),
)


def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in re.finditer(r"[^\n.]+\.?", text))


def _span(doc: Document, start: int, end: int) -> Span:
    return Span(doc.id, start, end, doc.text[start:end], None)


def _sentence_span(doc: Document, needle: str) -> Span:
    start = doc.text.index(needle)
    s, e = next((s, e) for s, e in _sentences(doc.text) if s <= start < e)
    return _span(doc, s, e)


def _case() -> tuple[Document, DocExtraction, Analysis]:
    doc = Document(
        id=make_id("doc", sha256_text(TEXT)),
        source="coastal-wire.txt",
        title="Portugal and Angola sign fisheries accord",
        outlet="Coastal Wire",
        published=DateValue("2026-05-04", "day"),
        published_origin="manifest",
        text=TEXT,
        text_sha256=sha256_text(TEXT),
        raw_sha256=sha256_text(TEXT),
    )
    locals_: list[LocalEntity] = []
    entities: list[Entity] = []
    for name, kind in NAMES:
        found = [m.span() for m in re.finditer(rf"\b{name}\b", TEXT)]
        le = LocalEntity(
            id=make_id("le", doc.id, name),
            doc=doc.id,
            name=name,
            type=kind,
            aliases=(),
            mentions=tuple(Mention(name, _span(doc, s, e)) for s, e in found),
        )
        locals_.append(le)
        entities.append(
            Entity(
                id=make_id("ent", name),
                name=name,
                type=kind,
                aliases=(),
                roles=(),
                mentions=len(found),
                documents=(doc.id,),
                members=(le.id,),
            )
        )
    ids = {e.name: e.id for e in entities}
    relations = tuple(
        Relation(
            id=make_id("rel", "Fisheries Council", target),
            source=ids["Fisheries Council"],
            target=ids[target],
            dimension="diplomatic",
            label="diplomatic support",
            evidence=(_sentence_span(doc, needle),),
            weight=1.0,
            directed=True,
        )
        for target, needle in (("Portugal", "backs Portugal"), ("Angola", "backs Angola"))
    )
    ex = DocExtraction(doc=doc.id, sentences=_sentences(TEXT), entities=tuple(locals_))
    analysis = Analysis(
        entities=tuple(entities),
        relations=relations,
        entity_of={le.id: ids[le.name] for le in locals_},
    )
    return doc, ex, analysis


def _brief() -> Brief:
    doc, ex, analysis = _case()
    return build_brief("fish", [doc], [ex], analysis, generated_at=datetime(2026, 5, 5, tzinfo=UTC))


def test_third_parties_are_countries_named_with_both_and_organisations_related_to_both() -> None:
    brief = _brief()
    third = next(s for s in brief.sections if s.key == "third")
    lines = [line for g in third.groups for line in g.lines]
    names = [line.text for line in lines[1:]]
    assert lines[0].text.startswith("Main pair: Angola and Portugal")
    # Brazil is named in a sentence with both; the council backs both (two relations)
    assert sorted(names) == ["Brazil", "Fisheries Council"]
    brazil = next(line for line in lines if line.text == "Brazil")
    assert brazil.note == "named with both in 1 sentence(s) of 1 source(s)"
    cited = {c.n: c for c in brief.citations}
    assert any("Brazil, which buys" in cited[n].sentence for n in brazil.cites)
    council = next(line for line in lines if line.text == "Fisheries Council")
    assert "diplomatic: diplomatic support (Angola)" in (council.note or "")
    assert "diplomatic: diplomatic support (Portugal)" in (council.note or "")


def test_capitals_people_and_one_sided_countries_are_not_third_parties() -> None:
    third = next(s for s in _brief().sections if s.key == "third")
    names = {line.text for g in third.groups for line in g.lines}
    # Lisbon is Portugal's own capital, Rui Costa speaks for a side, Spain meets only Angola
    assert not names & {"Lisbon", "Rui Costa", "Spain"}
