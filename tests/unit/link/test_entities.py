"""Entity resolution on hand-built local entities (invented documents)."""

from __future__ import annotations

from dataclasses import replace

from caseboard.link.entities import (
    country_of,
    head_of_state_country,
    leader_phrase,
    resolve,
    translit,
)
from caseboard.model import Document, LocalEntity, Mention, Role, Span


def _doc(doc_id: str, text: str) -> Document:
    return Document(doc_id, f"{doc_id}.txt", None, None, None, "unknown", text, "", "")


def _le(doc: Document, name: str, etype: str = "PERSON") -> LocalEntity:
    start = doc.text.index(name)
    span = Span(doc.id, start, start + len(name), name)
    return LocalEntity(f"le_{doc.id}_{name}", doc.id, name, etype, (name,), (Mention(name, span),))  # type: ignore[arg-type]


def _groups(locals_: list[LocalEntity], docs: list[Document]) -> dict[str, set[str]]:
    entities, entity_of = resolve(locals_, docs)
    by_id = {e.id: e for e in entities}
    out: dict[str, set[str]] = {}
    for le in locals_:
        out.setdefault(by_id[entity_of[le.id]].name, set()).add(le.name)
    return out


def test_spelling_variants_merge_into_one_person() -> None:
    a = _doc("a", "President Nicolás Maduro met Sergei Lavrov and Juan Guaidó protested.")
    b = _doc("b", "Nicolas Maduro and Sergey Lavrov spoke; Juan Guaido was not invited.")
    c = _doc("c", "Maduro said the talks went well.")
    locals_ = [
        _le(a, "Nicolás Maduro"), _le(a, "Sergei Lavrov"), _le(a, "Juan Guaidó"),
        _le(b, "Nicolas Maduro"), _le(b, "Sergey Lavrov"), _le(b, "Juan Guaido"),
        _le(c, "Maduro"),
    ]  # fmt: skip
    groups = _groups(locals_, [a, b, c])
    assert groups["Nicolás Maduro"] == {"Nicolás Maduro", "Nicolas Maduro", "Maduro"}
    assert len(groups) == 3
    assert any({"Sergei Lavrov", "Sergey Lavrov"} == g for g in groups.values())
    assert translit("Sergei") == translit("Sergey")


def test_same_surname_different_first_names_stay_apart() -> None:
    a = _doc("a", "Raúl Castro handed power to a successor.")
    b = _doc("b", "Fidel Castro ruled for decades.")
    c = _doc("c", "Castro was absent from the parade.")
    groups = _groups([_le(a, "Raúl Castro"), _le(b, "Fidel Castro"), _le(c, "Castro")], [a, b, c])
    assert groups["Raúl Castro"] == {"Raúl Castro"}
    assert groups["Fidel Castro"] == {"Fidel Castro"}
    # the surname alone is ambiguous between two people: it is merged with neither
    assert groups["Castro"] == {"Castro"}


def test_surname_joins_the_person_named_in_the_same_document() -> None:
    a = _doc("a", "Raúl Castro spoke. Later Castro left. Fidel Castro was absent.")
    groups = _groups([_le(a, "Raúl Castro"), _le(a, "Fidel Castro"), _le(a, "Castro")], [a])
    # two full names in the document: still ambiguous, kept apart
    assert "Castro" in groups


def test_seat_of_government_acting_politically_is_the_state() -> None:
    a = _doc("a", "Moscow acknowledged it had advisers in the country. Russia sent jets.")
    b = _doc("b", "The delegation landed in Moscow on Friday.")
    k = _doc("k", "The Kremlin denied the report.")
    locals_ = [_le(a, "Moscow", "GPE"), _le(a, "Russia", "GPE"), _le(b, "Moscow", "GPE"),
               _le(k, "Kremlin", "ORG")]  # fmt: skip
    groups = _groups(locals_, [a, b, k])
    assert groups["Russia"] == {"Moscow", "Russia", "Kremlin"}
    assert groups["Moscow"] == {"Moscow"}  # the city where a plane lands stays a city


def test_demonyms_and_abbreviations_resolve_to_the_country() -> None:
    assert country_of("Bolivian") == "Bolivia"
    assert country_of("the U.S.") == "United States"
    assert country_of("Chinese") == "China"
    assert country_of("Paris") is None


def test_ids_are_content_hashes_and_stable() -> None:
    a = _doc("a", "Nicolás Maduro spoke.")
    first, _ = resolve([_le(a, "Nicolás Maduro")], [a])
    second, _ = resolve([_le(a, "Nicolás Maduro")], [a])
    assert first[0].id == second[0].id


def test_organisation_with_a_generic_suffix_is_the_same_body() -> None:
    a = _doc("a", "Ruritania Broadcasting said the talks had failed.")
    b = _doc("b", "Ruritania Broadcasting Network aired the speech.")
    groups = _groups(
        [_le(a, "Ruritania Broadcasting", "ORG"), _le(b, "Ruritania Broadcasting Network", "ORG")],
        [a, b],
    )
    assert len(groups) == 1


def test_organisation_named_after_its_parent_is_the_same_body() -> None:
    a = _doc("a", "A study by the Hartley Foundation’s Lindqvist Institute found little.")
    b = _doc("b", "Lindqvist Institute fellows disagreed.")
    c = _doc("c", "The Hartley Foundation funds research.")
    locals_ = [
        _le(a, "Hartley Foundation’s Lindqvist Institute", "ORG"),
        _le(b, "Lindqvist Institute", "ORG"),
        _le(c, "Hartley Foundation", "ORG"),
    ]
    groups = _groups(locals_, [a, b, c])
    merged = [g for g in groups.values() if "Lindqvist Institute" in g]
    assert merged == [{"Lindqvist Institute", "Hartley Foundation’s Lindqvist Institute"}]
    assert {"Hartley Foundation"} in groups.values()  # the parent stays itself


def test_acronym_with_a_legal_form_is_the_same_company() -> None:
    a = _doc("a", "The state firm BRTAG signed the deal.")
    b = _doc("b", "Shares of BRT fell on Monday.")
    c = _doc("c", "BRTX was not involved.")
    groups = _groups(
        [_le(a, "BRTAG", "ORG"), _le(b, "BRT", "ORG"), _le(c, "BRTX", "ORG")], [a, b, c]
    )
    assert {"BRTAG", "BRT"} in groups.values()
    assert {"BRTX"} in groups.values()  # 'X' is no legal form


def test_short_form_after_the_full_name_in_one_document() -> None:
    a = _doc("a", "The Ruritania Herald reported the deal; the Herald also named the buyer.")
    b = _doc("b", "The Herald, a student paper, covered the match.")
    at = a.text.rindex("Herald")
    locals_ = [
        _le(a, "Ruritania Herald", "ORG"),
        LocalEntity(
            "le_a_Herald2", "a", "Herald", "ORG", ("Herald",),
            (Mention("Herald", Span("a", at, at + 6, "Herald")),),
        ),
        _le(b, "Herald", "ORG"),
    ]  # fmt: skip
    _, entity_of = resolve(locals_, [a, b])
    assert entity_of["le_a_Herald2"] == entity_of["le_a_Ruritania Herald"]
    # the same word in another article is not that paper
    assert entity_of["le_b_Herald"] != entity_of["le_a_Ruritania Herald"]


def test_short_form_is_ambiguous_between_two_longer_names() -> None:
    a = _doc("a", "The Ruritania Herald and the Borduria Herald disagreed; the Herald erred.")
    at = a.text.rindex("Herald")
    short = LocalEntity(
        "le_a_short", "a", "Herald", "ORG", ("Herald",),
        (Mention("Herald", Span("a", at, at + 6, "Herald")),),
    )  # fmt: skip
    locals_ = [_le(a, "Ruritania Herald", "ORG"), _le(a, "Borduria Herald", "ORG"), short]
    _, entity_of = resolve(locals_, [a])
    assert len({entity_of[le.id] for le in locals_}) == 3


def test_containment_is_never_applied_to_people() -> None:
    a = _doc("a", "John Smith News anchor.")
    b = _doc("b", "Maria Smith spoke. Later Smith Group replied.")
    locals_ = [_le(a, "John Smith"), _le(b, "Maria Smith"), _le(b, "Smith Group", "ORG")]
    _, entity_of = resolve(locals_, [a, b])
    assert len({entity_of[le.id] for le in locals_}) == 3


def _with_role(
    le: LocalEntity, doc: Document, role: str, affiliation: str | None = None
) -> LocalEntity:
    start = doc.text.index(role)
    span = Span(doc.id, start, start + len(role), role)
    return replace(le, roles=(*le.roles, Role(role, span, None, affiliation)))


def test_a_leaders_administration_is_the_state_their_role_names() -> None:
    a = _doc("a", "Kenyan Prime Minister Ola Halvorsen flew to Rome on Monday.")
    b = _doc("b", "The Halvorsen administration imposed tariffs; Halvorsen defended them.")
    c = _doc("c", "Kenyan officials said the tariffs would stay.")
    d = _doc("d", "The rival Okafor government denied it, and Okafor left.")
    halvorsen = _with_role(_le(a, "Ola Halvorsen"), a, "Kenyan Prime Minister")
    locals_ = [
        halvorsen, _le(b, "Halvorsen administration", "ORG"), _le(b, "Halvorsen"),
        _le(c, "Kenyan", "NORP"), _le(d, "Okafor government", "ORG"), _le(d, "Okafor"),
    ]  # fmt: skip
    groups = _groups(locals_, [a, b, c, d])
    assert groups["Kenya"] == {"Halvorsen administration", "Kenyan"}
    assert groups["Ola Halvorsen"] == {"Ola Halvorsen", "Halvorsen"}  # the person stays apart
    # no role names a state: the phrase stands for the leader, as the name alone would
    assert groups["Okafor"] == {"Okafor", "Okafor government"}


def test_a_country_or_seat_named_in_the_phrase_decides() -> None:
    a = _doc("a", "Brazil's Ferreira government fell; the Okafor White House said nothing.")
    locals_ = [
        _le(a, "Brazil's Ferreira government", "ORG"), _le(a, "Okafor White House", "ORG"),
        _le(a, "Brazil", "GPE"),
    ]  # fmt: skip
    groups = _groups(locals_, [a])
    assert groups["Brazil"] == {"Brazil's Ferreira government", "Brazil"}
    assert groups["United States"] == {"Okafor White House"}


def test_an_opposition_or_ambiguous_leader_names_no_state() -> None:
    a = _doc("a", "Opposition leader Rosa Mendes of Portugal and President Ana Mendes of Chile.")
    b = _doc("b", "The Mendes government was sworn in.")
    c = _doc("c", "Interim president Luis Varga of Peru spoke. The Varga government met.")
    rosa = _with_role(_le(a, "Rosa Mendes"), a, "Opposition leader", "Portugal")
    ana = _with_role(_le(a, "Ana Mendes"), a, "President")
    varga = _with_role(_le(c, "Luis Varga"), c, "Interim president", "Peru")
    locals_ = [
        rosa,
        ana,
        _le(b, "Mendes government", "ORG"),
        varga,
        _le(c, "Varga government", "ORG"),
    ]
    groups = _groups(locals_, [a, b, c])
    assert "Portugal" not in groups
    assert "Chile" not in groups
    assert "Peru" not in groups
    # two people of that surname: the phrase joins neither of them
    assert groups["Mendes government"] == {"Mendes government"}
    assert groups["Rosa Mendes"] == {"Rosa Mendes"}
    assert groups["Ana Mendes"] == {"Ana Mendes"}
    assert groups["Luis Varga"] == {"Luis Varga", "Varga government"}


def test_head_of_state_roles_and_leader_phrases() -> None:
    span = Span("a", 0, 1, "x")
    assert head_of_state_country(Role("US President", span)) == "United States"
    assert head_of_state_country(Role("prime minister of Canada", span)) == "Canada"
    assert head_of_state_country(Role("president", span, None, "Kenya")) == "Kenya"
    assert head_of_state_country(Role("vice president of Kenya", span)) is None
    assert head_of_state_country(Role("bank president", span, None, "Kenya")) is None
    assert leader_phrase("Putin’s government") == (None, "putin", "government")
    assert leader_phrase("the Kenyan government") is None  # the country itself
    assert leader_phrase("White House") is None
