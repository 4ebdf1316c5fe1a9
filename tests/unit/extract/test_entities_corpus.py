"""Entities, roles, quantities and claims on the reference corpus (read from ../shared).

Only names, numbers and short labels appear here; the articles' sentences never do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from caseboard.extract.pipeline import extract_documents
from caseboard.extract.roles import TITLE_WORDS
from caseboard.ingest.clean import to_document
from caseboard.ingest.readers import read_sources
from caseboard.model import DocExtraction, Document, Failure, LocalEntity
from caseboard.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def corpus(nlp: Language, venezuela_dir: Path) -> list[tuple[Document, DocExtraction]]:
    raws = [r for r in read_sources([str(venezuela_dir)], Settings()) if not isinstance(r, Failure)]
    return list(extract_documents([to_document(r) for r in raws], nlp))


def _entities(corpus: list[tuple[Document, DocExtraction]]) -> list[LocalEntity]:
    return [e for _, ex in corpus for e in ex.entities]


def _person(corpus: list[tuple[Document, DocExtraction]], name: str) -> list[LocalEntity]:
    found = [e for e in _entities(corpus) if e.type == "PERSON" and e.name == name]
    assert found, f"{name} not found as a PERSON"
    return found


def test_every_evidence_is_verbatim(corpus: list[tuple[Document, DocExtraction]]) -> None:
    for document, ex in corpus:
        text = document.text
        spans = [m.evidence for e in ex.entities for m in e.mentions]
        spans += [r.evidence for e in ex.entities for r in e.roles]
        spans += [q.evidence for q in ex.quantities] + [c.evidence for c in ex.claims]
        for sp in spans:
            assert sp.text == text[sp.start : sp.end]
        stages = {f.stage for f in ex.failures}
        assert not stages & {"entities", "quantities", "claims"}


def test_weapon_systems_are_weapons(corpus: list[tuple[Document, DocExtraction]]) -> None:
    weapons = {e.name for e in _entities(corpus) if e.type == "WEAPON"}
    assert {"S-300", "Su-30", "Igla-S", "Il-76", "Tu-160", "Pantsir-S1", "Buk"} <= weapons
    orgs = {e.name for e in _entities(corpus) if e.type == "ORG"}
    assert {"Rosneft", "Roszarubezhneft", "PDVSA", "CIA"} <= orgs


def test_person_names_are_clean(corpus: list[tuple[Document, DocExtraction]]) -> None:
    for e in _entities(corpus):
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            if m.kind == "title":
                continue
            first = m.text.split()[0].lower().rstrip(".")
            assert not m.text.endswith(("'s", "’s")), m.text
            assert "’s " not in m.text, m.text
            assert "'s " not in m.text, m.text
            assert first not in TITLE_WORDS | {"the"}, m.text


def test_named_people_get_roles(corpus: list[tuple[Document, DocExtraction]]) -> None:
    zakharova = [r.text.lower() for e in _person(corpus, "Maria Zakharova") for r in e.roles]
    assert any("spokeswoman" in r for r in zakharova)
    (story,) = _person(corpus, "James Story")
    assert [(r.text, r.as_of.value if r.as_of else None) for r in story.roles] == [
        ("U.S. ambassador to Venezuela", "2018/2023")
    ]
    assert any(r.affiliation == "Crisis Group" for r in _person(corpus, "Oleg Ignatov")[0].roles)
    assert any("analyst" in r.text for e in _person(corpus, "Vladimir Rouvinski") for r in e.roles)
    assert _person(corpus, "Mark Galeotti")[0].roles
    rubio = _person(corpus, "Marco Rubio")[0]
    assert [r.text for r in rubio.roles] == ["Secretary of State"]


def test_surnames_join_full_names(corpus: list[tuple[Document, DocExtraction]]) -> None:
    for name in ("James Story", "Mark Galeotti", "Vladimir Rouvinski"):
        kinds = {m.kind for e in _person(corpus, name) for m in e.mentions}
        assert {"name", "surname"} <= kinds, name


def test_quantities_found(corpus: list[tuple[Document, DocExtraction]]) -> None:
    got = {(q.value, q.unit, q.modifier) for _, ex in corpus for q in ex.quantities}
    assert (100.0, "servicemen", "nearly") in got
    assert (5000.0, "missiles", None) in got
    assert (12e9, "USD", "at_least") in got
    assert (50e6, "USD", None) in got
    assert (33.4, "percent", None) in got
    assert (120000.0, "personnel", "more_than") in got
    # designators and years are never quantities
    assert not {v for v, _, _ in got} & {300.0, 30.0, 2019.0, 2023.0}


def test_claims_carry_statuses(corpus: list[tuple[Document, DocExtraction]]) -> None:
    claims = [c for _, ex in corpus for c in ex.claims]
    statuses = {c.status for c in claims}
    assert {"asserted", "reported", "alleged", "denied", "unverified", "hypothesised"} <= statuses
    sources = {c.attributed_to for c in claims if c.status != "asserted"}
    assert {"Maria Zakharova", "James Story", "The Washington Post"} <= sources
    assert all(not c.text.endswith("?") for c in claims)
