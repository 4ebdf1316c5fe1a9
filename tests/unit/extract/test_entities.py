"""Entities on invented hard cases: ruler types, clean spans, surname and title aliases."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseboard.extract import entities
from caseboard.extract.base import ParsedDoc
from caseboard.extract.pipeline import sentence_offsets
from caseboard.model import Document, LocalEntity, make_id

if TYPE_CHECKING:
    from spacy.language import Language


def run(nlp: Language, text: str) -> tuple[LocalEntity, ...]:
    document = Document(
        id=make_id("doc", text), source="t.txt", title=None, outlet=None, published=None,
        published_origin="unknown", text=text, text_sha256="", raw_sha256="",
    )  # fmt: skip
    doc = nlp(text)
    ents: tuple[LocalEntity, ...] = entities.STAGE.run(
        ParsedDoc(document, doc, sentence_offsets(doc))
    )["entities"]
    for e in ents:
        for m in e.mentions:
            assert m.evidence.text == text[m.evidence.start : m.evidence.end] == m.text
        for r in e.roles:
            assert r.evidence.text == text[r.evidence.start : r.evidence.end]
    return ents


def by_name(ents: tuple[LocalEntity, ...], name: str) -> LocalEntity:
    found = [e for e in ents if e.name == name]
    assert found, f"{name!r} not in {[e.name for e in ents]}"
    return found[0]


# each case -- sentence, name, type, exact start of the first mention
TYPED = [
    ("The air force flies Su-30 fighters and Il-76 transports.", "Su-30", "WEAPON", 20),
    ("The air force flies Su-30 fighters and Il-76 transports.", "Il-76", "WEAPON", 39),
    ("Batteries of Pantsir-S1 and Igla-S launchers guard the port.", "Pantsir-S1", "WEAPON", 13),
    ("Batteries of Pantsir-S1 and Igla-S launchers guard the port.", "Igla-S", "WEAPON", 28),
    ("Two Tu-160 bombers landed near the capital.", "Tu-160", "WEAPON", 4),
    ("Moscow moved Buk launchers and S-300 batteries east.", "Buk", "WEAPON", 13),
    ("Moscow moved Buk launchers and S-300 batteries east.", "S-300", "WEAPON", 31),
    ("The USS Carl Vinson sailed into the gulf.", "USS Carl Vinson", "WEAPON", 4),
    ("Rosneft sold its stake to Roszarubezhneft, and PDVSA kept the fields.", "Rosneft", "ORG", 0),
    (
        "Rosneft sold its stake to Roszarubezhneft, and PDVSA kept the fields.",
        "Roszarubezhneft",
        "ORG",
        26,
    ),
    ("Rosneft sold its stake to Roszarubezhneft, and PDVSA kept the fields.", "PDVSA", "ORG", 47),
    ("Officers of the GRU and the FSB met CIA analysts in Havana.", "GRU", "ORG", 16),
    ("Officers of the GRU and the FSB met CIA analysts in Havana.", "CIA", "ORG", 36),
    (
        "Wagner group contractors trained the guards, and Gazprom paid the bills.",
        "Wagner group",
        "ORG",
        0,
    ),
    (
        "Wagner group contractors trained the guards, and Gazprom paid the bills.",
        "Gazprom",
        "ORG",
        49,
    ),
    # clean spans: no country glued on, no possessive, no title, no article
    (
        "Venezuela's Nicolas Maduro met the envoy in Caracas on Monday.",
        "Nicolas Maduro",
        "PERSON",
        12,
    ),
    ("Guaido's supporters marched through the capital on Sunday.", "Guaido", "PERSON", 0),
    ("President Donald Trump ordered the strike.", "Donald Trump", "PERSON", 10),
    (
        "Russian Foreign Ministry Spokeswoman Maria Zakharova told reporters Moscow would help.",
        "Maria Zakharova",
        "PERSON",
        37,
    ),
    (
        "Dr. Elena Varga, a senior fellow at the Atlantic Council, said the deal would hold.",
        "Elena Varga",
        "PERSON",
        4,
    ),
]


@pytest.mark.parametrize(("text", "name", "etype", "start"), TYPED)
def test_types_and_clean_spans(nlp: Language, text: str, name: str, etype: str, start: int) -> None:
    ent = by_name(run(nlp, text), name)
    assert ent.type == etype
    assert ent.mentions[0].evidence.start == start


def test_designator_shapes_that_are_not_weapons(nlp: Language) -> None:
    ents = run(nlp, "The G-20 summit opened in Rome while COVID-19 cases fell.")
    assert not [e for e in ents if e.type == "WEAPON"]


def test_surname_joins_full_name_even_when_typed_as_org(nlp: Language) -> None:
    text = "Elena Varga arrived on Tuesday. Varga said the talks had stalled."
    ent = by_name(run(nlp, text), "Elena Varga")
    assert ent.type == "PERSON"
    assert [(m.text, m.kind, m.evidence.start) for m in ent.mentions] == [
        ("Elena Varga", "name", 0),
        ("Varga", "surname", 32),
    ]


def test_title_form_resolves_through_the_role(nlp: Language) -> None:
    text = (
        "Russian President Vladimir Putin spoke first. Later the Russian president left the hall."
    )
    ent = by_name(run(nlp, text), "Vladimir Putin")
    titles = [(m.text, m.evidence.start) for m in ent.mentions if m.kind == "title"]
    assert titles == [("the Russian president", 52)]


def test_leader_is_a_title_form_of_a_leader_role(nlp: Language) -> None:
    text = (
        "The Venezuelan leader Nicolas Maduro thanked Moscow. "
        "Later the Venezuelan leader flew home."
    )
    ent = by_name(run(nlp, text), "Nicolas Maduro")
    assert [m.evidence.start for m in ent.mentions if m.kind == "title"] == [59]


def test_accent_variants_merge(nlp: Language) -> None:
    text = "Nicolás Maduro spoke in Caracas. Later Nicolas Maduro flew to Moscow."
    people = [e for e in run(nlp, text) if e.type == "PERSON"]
    assert len(people) == 1
    assert len(people[0].mentions) == 2


def test_section_headings_are_not_actors(nlp: Language) -> None:
    text = "Hidden Soft Spots\n\nRussia sent advisers to Caracas in March.\n"
    names = {e.name for e in run(nlp, text)}
    assert "Hidden Soft Spots" not in names
    assert {"Russia", "Caracas"} <= names


def test_ids_are_content_hashes(nlp: Language) -> None:
    text = "Rosneft sold its stake to Roszarubezhneft on Monday."
    assert [e.id for e in run(nlp, text)] == [e.id for e in run(nlp, text)]


def test_particle_surname_joins_the_full_name(nlp: Language) -> None:
    text = "Bashar al-Assad ruled Syria for decades. In 2024 Assad fled to Moscow."
    ent = by_name(run(nlp, text), "Bashar al-Assad")
    assert [(m.text, m.kind) for m in ent.mentions] == [
        ("Bashar al-Assad", "name"),
        ("Assad", "surname"),
    ]


def test_tagger_slips_are_not_people(nlp: Language) -> None:
    text = (
        "Moscow sees soft spots in the region and calls the spots temporary.\n"
        "Analysts list what Russian Soft Spots remain after the vote.\n"
        "4. Tribune, “Moscow and Havana: Old Friends, Similar Playbooks,” 2019.\n"
        "Mar 2019 - Moscow confirms the advisers.\n"
    )
    people = {e.name for e in run(nlp, text) if e.type == "PERSON"}
    assert not people & {"Soft Spots", "Similar Playbooks", "Playbooks", "Mar"}


# LEADER_GOVERNMENT: "<leader> administration/government" is an organisation beside the person
@pytest.mark.parametrize(
    ("text", "phrase", "start", "person"),
    [
        (
            "The Halvorsen administration imposed tariffs on steel, and Halvorsen defended them.",
            "Halvorsen administration",
            4,
            "Halvorsen",
        ),
        (
            "Brazil's Rodrigo Ferreira government collapsed after the vote.",
            "Brazil's Rodrigo Ferreira government",
            0,
            "Rodrigo Ferreira",
        ),
    ],
)
def test_a_leaders_government_is_an_organisation(
    nlp: Language, text: str, phrase: str, start: int, person: str
) -> None:
    ents = run(nlp, text)
    org = by_name(ents, phrase)
    assert org.type == "ORG"
    assert org.mentions[0].evidence.start == start
    assert by_name(ents, person).type == "PERSON"  # the person keeps their mention


def test_a_government_not_next_to_a_name_is_no_leader_phrase(nlp: Language) -> None:
    ents = run(nlp, "Mayor Ruiz opened the government offices on Tuesday.")
    assert not [e for e in ents if "government" in e.name]


# PERSON_AS_PLACE: a person the model types GPE/ORG (or not at all) after a preposition
def test_an_untagged_given_name_and_surname_is_a_person(nlp: Language) -> None:
    text = "Under Tomas Ekberg, the port doubled its trade. Later Ekberg resigned."
    person = by_name(run(nlp, text), "Tomas Ekberg")
    assert person.type == "PERSON"
    assert [m.kind for m in person.mentions] == ["name", "surname"]


def test_a_surname_typed_as_a_place_joins_the_person(nlp: Language) -> None:
    text = "Tomas Barrera ruled for a decade. In 2013 Pablo Ortega succeeded Barrera as governor."
    ents = run(nlp, text)
    person = by_name(ents, "Tomas Barrera")
    assert [m.kind for m in person.mentions] == ["name", "surname"]
    assert [e for e in ents if e.name == "Barrera"] == []


def run_with_ents(
    nlp: Language, text: str, spans: list[tuple[str, str]]
) -> tuple[LocalEntity, ...]:
    """Run the stage on a parse whose entities are set by hand: (text, label) pairs."""
    from spacy.tokens import Span as SpacySpan

    document = Document(
        id=make_id("doc", text), source="t.txt", title=None, outlet=None, published=None,
        published_origin="unknown", text=text, text_sha256="", raw_sha256="",
    )  # fmt: skip
    doc = nlp(text)
    ents = []
    for phrase, label in spans:
        start = text.index(phrase)
        span = doc.char_span(start, start + len(phrase), label=label)
        assert span is not None
        ents.append(SpacySpan(doc, span.start, span.end, label=label))
    doc.ents = ents
    out: tuple[LocalEntity, ...] = entities.STAGE.run(
        ParsedDoc(document, doc, sentence_offsets(doc))
    )["entities"]
    return out


@pytest.mark.parametrize(
    ("text", "spans", "name"),
    [
        # a full name typed GPE once and PERSON elsewhere in the document
        (
            "Marta Lindqvist spoke first. Under Marta Lindqvist, the agency grew.",
            [("Marta Lindqvist", "PERSON"), ("Marta Lindqvist,", "GPE")],
            "Marta Lindqvist",
        ),
        # a common given name first, no known place: a person
        (
            "The reforms of Mario Kessel angered the unions.",
            [("Mario Kessel", "GPE")],
            "Mario Kessel",
        ),
        (
            "The reforms of Mario Kessel angered the unions.",
            [("Mario Kessel", "ORG")],
            "Mario Kessel",
        ),
    ],
)
def test_a_name_typed_as_a_place_is_a_person(
    nlp: Language, text: str, spans: list[tuple[str, str]], name: str
) -> None:
    ents = run_with_ents(nlp, text, spans)
    assert {e.type for e in ents if e.name == name} == {"PERSON"}


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The ferry sailed from George Town at dawn.", "George Town"),
        ("Flights to Santa Clara resumed.", "Santa Clara"),
        ("The choir of Grace Church sang at the funeral.", "Grace Church"),
    ],
)
def test_a_place_with_a_given_name_first_stays_a_place(
    nlp: Language, text: str, phrase: str
) -> None:
    ents = run_with_ents(nlp, text, [(phrase, "GPE")])
    assert by_name(ents, phrase).type == "GPE"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Officials in San Jose and Victoria met on Monday.", "Victoria"),
        ("Officials in San Jose and Victoria met on Monday.", "San Jose"),
        ("The choir of Grace Church sang at the funeral.", "Grace Church"),
    ],
)
def test_known_places_and_buildings_stay_what_they_were(
    nlp: Language, text: str, place: str
) -> None:
    assert by_name(run(nlp, text), place).type != "PERSON"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=20) | st.text(max_size=20))
def test_name_key_fast_path_is_the_unicode_fold(text: str) -> None:
    """ASCII names skip NFKD (it leaves them as they are): the key is the same."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    assert entities.name_key.__wrapped__(text) == re.sub(r"\s+", " ", folded).strip().lower()
