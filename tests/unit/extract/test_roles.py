"""Roles next to names: appositions, pre-modifiers, 'who is', 'of Y', periods in as_of."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from caseboard.extract import entities
from caseboard.extract.base import ParsedDoc
from caseboard.extract.pipeline import sentence_offsets
from caseboard.model import Document, LocalEntity, make_id

if TYPE_CHECKING:
    from spacy.language import Language


def people(nlp: Language, text: str) -> dict[str, LocalEntity]:
    document = Document(
        id=make_id("doc", text), source="t.txt", title=None, outlet=None, published=None,
        published_origin="unknown", text=text, text_sha256="", raw_sha256="",
    )  # fmt: skip
    doc = nlp(text)
    ents = entities.STAGE.run(ParsedDoc(document, doc, sentence_offsets(doc)))["entities"]
    return {e.name: e for e in ents if e.type == "PERSON"}


# each case -- sentence, person, role text, affiliation, role evidence start
ROLES = [
    ("President Donald Trump ordered the strike.", "Donald Trump", "President", None, 0),
    (
        "Russian Foreign Ministry Spokeswoman Maria Zakharova told reporters Moscow would help.",
        "Maria Zakharova",
        "Russian Foreign Ministry Spokeswoman",
        None,
        0,
    ),
    (
        "Secretary of State Marco Rubio called him a fugitive.",
        "Marco Rubio",
        "Secretary of State",
        None,
        0,
    ),
    (
        "Colombia-based analyst Ivan Mora doubted the figures.",
        "Ivan Mora",
        "Colombia-based analyst",
        None,
        0,
    ),
    (
        "Dr. Elena Varga, a senior fellow at the Atlantic Council, said the deal would hold.",
        "Elena Varga",
        "senior fellow",
        "Atlantic Council",
        19,
    ),
    (
        "Lena Kraus, who is the mayor of Bremen, said the port would reopen.",
        "Lena Kraus",
        "mayor",
        "Bremen",
        23,
    ),
    (
        "Tom Hale of the Lowy Institute said sanctions had failed.",
        "Tom Hale",
        "Lowy Institute",
        "Lowy Institute",
        16,
    ),
    (
        "The talks failed, said Olga Petrova, Russia's deputy foreign minister.",
        "Olga Petrova",
        "deputy foreign minister",
        "Russia",
        46,
    ),
    (
        "The Chilean air attache in Lima, Jorge Molina Vega, offered a similar view.",
        "Jorge Molina Vega",
        "Chilean air attache in Lima",
        None,
        4,
    ),
    (
        "Aid was promised to Peru's president, Elena Varga, on Monday.",
        "Elena Varga",
        "Peru's president",
        "Peru",
        20,
    ),
    (
        "State department spokesman Tom Avery has responded to the charges.",
        "Tom Avery",
        "State department spokesman",
        None,
        0,
    ),
    (
        "At the forum, international relations expert Ivan Mora said the talks had stalled.",
        "Ivan Mora",
        "international relations expert",
        None,
        14,
    ),
    (
        "It failed, says Chilean political scientist Rosa Ibarra.",
        "Rosa Ibarra",
        "Chilean political scientist",
        None,
        16,
    ),
    (
        "Rosa Ibarra, a chief water-policy advisir to the governor, left early.",
        "Rosa Ibarra",
        "chief water-policy advisir to the governor",
        None,
        15,
    ),
    (
        "As head of the central bank, Maria Delgado cut rates twice.",
        "Maria Delgado",
        "head of the central bank",
        None,
        3,
    ),
    (
        "The court recognised Tom Hale as interim governor of the province in May.",
        "Tom Hale",
        "interim governor of the province",
        None,
        33,
    ),
]


@pytest.mark.parametrize(("text", "person", "role", "affiliation", "start"), ROLES)
def test_roles(
    nlp: Language, text: str, person: str, role: str, affiliation: str | None, start: int
) -> None:
    ent = people(nlp, text)[person]
    found = [(r.text, r.affiliation, r.evidence.start) for r in ent.roles]
    assert (role, affiliation, start) in found
    for r in ent.roles:
        assert r.evidence.text == text[r.evidence.start : r.evidence.end]


def test_role_period_goes_to_as_of(nlp: Language) -> None:
    text = "The deal is off, said James Porter, the Chilean ambassador to Peru from 2015 to 2019."
    (role,) = people(nlp, text)["James Porter"].roles
    assert role.text == "Chilean ambassador to Peru"
    assert role.as_of is not None
    assert (role.as_of.value, role.as_of.granularity, role.as_of.qualifier) == (
        "2015/2019",
        "year",
        "period",
    )
    assert role.as_of.text == "from 2015 to 2019"


def test_period_across_a_line_break(nlp: Language) -> None:
    text = "It will fail, said James Porter, the Chilean ambassador to Peru from\n2015 to 2019.\n"
    (role,) = people(nlp, text)["James Porter"].roles
    assert role.as_of is not None
    assert role.as_of.value == "2015/2019"


def test_a_clause_after_a_comma_is_not_a_role(nlp: Language) -> None:
    text = "Washington backed Juan Guaido, recognizing him as the rightful leader."
    assert people(nlp, text)["Juan Guaido"].roles == ()


def test_role_makes_an_org_typed_name_a_person(nlp: Language) -> None:
    text = "The army will split, Oleg Ignatov, senior analyst at the Crisis Group, told reporters."
    ent = people(nlp, text)["Oleg Ignatov"]
    assert [(r.text, r.affiliation) for r in ent.roles] == [("senior analyst", "Crisis Group")]


def test_coordinated_appositions_give_several_roles(nlp: Language) -> None:
    text = (
        "It will fail, said Mark Lindqvist, a historian, Baltic watcher, and visiting "
        "professor at the Lund Institute of Peace Studies."
    )
    ent = people(nlp, text)["Mark Lindqvist"]
    assert [(r.text, r.affiliation) for r in ent.roles] == [
        ("historian", None),
        ("Baltic watcher", None),
        ("visiting professor", "Lund Institute of Peace Studies"),
    ]


def test_misspelled_head_in_a_list_of_roles(nlp: Language) -> None:
    text = "It will fail, said Mark Lindqvist, an author, Baltic analysist and honorary professor."
    roles = [r.text for r in people(nlp, text)["Mark Lindqvist"].roles]
    assert roles[0] == "author"
    assert roles[1].startswith("Baltic analysist")


def test_abstract_nouns_near_role_words_are_no_roles(nlp: Language) -> None:
    text = "Mark Lindqvist, the presidency's candidate, spoke. Elena Varga, an analysis, was read."
    assert people(nlp, text)["Elena Varga"].roles == ()
