"""Contradiction rules on invented sentences (analyse/contradictions.py), no model needed."""

from __future__ import annotations

from caseboard.analyse.contradictions import (
    _answers,
    _outlet_unsure,
    _plausible_report,
    _reversals,
    _true_aims,
    _unsure,
    find,
    ranges_meet,
)
from caseboard.analyse.items import NEGATION, Item
from caseboard.link.context import SentenceInfo
from caseboard.link.text import Sentence, content_stems, fold
from caseboard.model import DateValue, Quantity, Span

GRAN = {4: "year", 7: "month", 10: "day"}


def _date(value: str) -> DateValue:
    return DateValue(value, GRAN[len(value)])  # type: ignore[arg-type]


def info(doc: str, start: int, text: str, actors: list[str], date: str) -> SentenceInfo:
    return SentenceInfo(
        sentence=Sentence(doc, start // 100, start, start + len(text), text),
        actors=tuple(actors),
        actor_offsets=tuple(start for _ in actors),
        date=_date(date),
        date_source="timex",
        stems=content_stems(text),
        numbers=frozenset(),
        outlet=f"Outlet {doc}",
        published=_date("2024-06-10"),
    )


def quote(iid: str, s: SentenceInfo, text: str, speaker: str, date: str) -> Item:
    at = s.sentence.text.find(text)
    return Item(
        id=iid,
        kind="quote",
        doc=s.doc,
        evidence=Span(s.doc, s.sentence.start + at, s.sentence.start + at + len(text), text),
        sentence=s,
        actors=s.actors,
        stems=content_stems(text),
        negative=bool(NEGATION.search(fold(text))),
        denial=False,
        status=None,
        speaker=speaker,
        speaker_name=speaker.title(),
        date=_date(date),
        text=text,
    )


NAMES = {"PETROV": "Ivan Petrov", "LUND": "Eva Lund", "RUR": "Ruritania"}


def test_a_contrast_sentence_by_another_speaker_is_a_rebuttal() -> None:
    a = info("d", 0, "Spokeswoman Eva Lund said Ruritania “is stoking tensions in the region”.",
             ["LUND", "RUR"], "2024-06")  # fmt: skip
    b = info("d", 100, "But Petrov insisted: “Ruritania is not threatening anyone.”",
             ["PETROV", "RUR"], "2024-06")  # fmt: skip
    items = [
        quote("q1", a, "is stoking tensions in the region", "LUND", "2024-06"),
        quote("q2", b, "Ruritania is not threatening anyone.", "PETROV", "2024-06"),
    ]
    found = _answers({"d": [a, b]}, items, NAMES, [])
    assert [c.kind for c in found] == ["denial"]
    assert found[0].evidence[0].start == 0
    assert "Q2" not in found[0].explanation  # names, never ids


def test_a_contrast_answer_by_the_same_speaker_is_a_reversal() -> None:
    a = info("d", 0, "“The port is next,” Petrov said on 3 June.", ["PETROV"], "2024-06-03")
    b = info("d", 100, "But on 7 June, asked about the port, Petrov said: “No.”",
             ["PETROV"], "2024-06-07")  # fmt: skip
    items = [
        quote("q1", a, "The port is next,", "PETROV", "2024-06-03"),
        quote("q2", b, "No.", "PETROV", "2024-06-07"),
    ]
    found = _answers({"d": [a, b]}, items, NAMES, [])
    assert [c.kind for c in found] == ["reversal"]
    assert "Ivan Petrov" in found[0].explanation


def test_a_contrast_without_insisting_or_negation_is_not_a_rebuttal() -> None:
    a = info("d", 0, "Lund said the talks were useful.", ["LUND", "RUR"], "2024-06")
    b = info("d", 100, "But Petrov said the talks were long.", ["PETROV", "RUR"], "2024-06")
    items = [
        quote("q1", a, "the talks were useful", "LUND", "2024-06"),
        quote("q2", b, "the talks were long", "PETROV", "2024-06"),
    ]
    assert _answers({"d": [a, b]}, items, NAMES, []) == []


def test_statements_years_apart_are_not_a_reversal() -> None:
    a = info("d", 0, "Petrov said the garrison troops would stay.", ["PETROV"], "2019-03")
    b = info("e", 0, "Petrov said the garrison troops would not stay.", ["PETROV"], "2024-05")
    c = info("f", 0, "Petrov said the garrison troops would not stay.", ["PETROV"], "2019-09")
    far = [
        quote("q1", a, "the garrison troops would stay", "PETROV", "2019-03"),
        quote("q2", b, "the garrison troops would not stay", "PETROV", "2024-05"),
    ]
    assert _reversals(far, NAMES) == []
    near = [far[0], quote("q3", c, "the garrison troops would not stay", "PETROV", "2019-09")]
    assert [x.kind for x in _reversals(near, NAMES)] == ["reversal"]


def test_names_alone_do_not_make_a_reversal_topic() -> None:
    a = info("d", 0, "Petrov said Ruritania Borduria talks.", ["PETROV"], "2024-01")
    b = info("e", 0, "Petrov said no Ruritania Borduria.", ["PETROV"], "2024-04")
    items = [
        quote("q1", a, "Ruritania Borduria talks", "PETROV", "2024-01"),
        quote("q2", b, "no Ruritania Borduria", "PETROV", "2024-04"),
    ]
    assert _reversals(items, NAMES, frozenset({"ruritania", "borduria"})) == []


def test_a_denial_does_not_answer_a_report_dated_years_before() -> None:
    old = info("r", 0, "A 2019 study reported Bordurian advisers in the port.", ["RUR"], "2019")
    new = info("r", 0, "Documents show Bordurian advisers reached the port.", ["RUR"], "2024-06")
    denial = info("d", 0, "The ministry denied the report of advisers.", ["RUR"], "2024-06")
    assert not _plausible_report(old, denial, 3, is_report=True)
    assert _plausible_report(new, denial, 2, is_report=True)
    assert not _plausible_report(new, denial, 2, is_report=False)


def _q(value: float, modifier: str | None) -> Quantity:
    return Quantity("n", "d", value, "people", str(value), Span("d", 0, 1, "x"), modifier)


def test_open_ended_figures_that_overlap_do_not_conflict() -> None:
    assert ranges_meet(_q(24, "at_least"), _q(70, "more_than"))  # "dozens" vs "more than 70"
    assert ranges_meet(_q(100, "nearly"), _q(95, None))
    assert not ranges_meet(_q(200, "about"), _q(350, None))
    assert not ranges_meet(_q(50, "at_most"), _q(70, "more_than"))


def test_the_outlet_saying_it_does_not_know_is_flagged_but_a_quoted_doubt_is_not() -> None:
    assert _outlet_unsure(fold("It is unclear what cargo the freighter held."))
    assert _outlet_unsure(fold("It’s not clear whether the envoy’s note reached the palace."))
    assert not _outlet_unsure(fold("“It’s unclear what he can do,” the envoy said."))
    assert not _outlet_unsure(fold("It’s unclear what he can do, maybe nothing,” Lund said."))
    plane = info("d", 0, "It is unclear what cargo the freighter held.", [], "2024-06")
    found = _unsure({"d": [plane]}, [])
    assert [c.kind for c in found] == ["unverified"]
    assert _unsure({"d": [plane]}, found) == []  # flagged once


def test_observers_naming_the_true_aim_after_the_stated_one_disagree() -> None:
    stated = info(
        "d", 0, "Officials say the naval patrols are aimed at smugglers.", ["RUR"], "2024-05"
    )
    other = info("d", 100, "Ships now circle the northern islands.", ["RUR"], "2024-05")
    true = info("d", 200, "Observers believe the real goal of the patrols is the port of Tavi.",
                ["RUR"], "2024-05")  # fmt: skip
    found = _true_aims({"d": [stated, other, true]})
    assert [c.kind for c in found] == ["disagreement"]
    assert found[0].evidence[0].start == 0
    alone = info(
        "e", 0, "Observers believe the real goal of the patrols is the port.", [], "2024-05"
    )
    assert _true_aims({"e": [other, alone]}) == []


def test_an_official_line_and_an_analyst_view_sharing_only_names_do_not_disagree() -> None:
    official = info(
        "d",
        0,
        "Spokesman Ivan Petrov said the Ruritania Borduria military ties are strong.",
        ["PETROV", "RUR", "BOR"],
        "2024-05",
    )
    thin = info(
        "e",
        0,
        "Analysts say Ivan Petrov and Ruritania are not rivals of the Borduria military.",
        ["PETROV", "RUR", "BOR"],
        "2024-05",
    )
    close = info(
        "f",
        0,
        "Analysts say the Ruritania Borduria military ties are not strong.",
        ["RUR", "BOR"],
        "2024-05",
    )
    names = {**NAMES, "BOR": "Borduria"}
    stems = frozenset({"ruritania", "borduria", "petrov", "ivan"})
    kinds = [c.kind for c in find({"d": [official], "e": [thin]}, [], {}, names, stems)]
    assert "disagreement" not in kinds
    kinds = [c.kind for c in find({"d": [official], "f": [close]}, [], {}, names, stems)]
    assert "disagreement" in kinds


def test_a_pronoun_speaker_carrying_on_is_not_denying_the_sentence_before() -> None:
    said = "Ambassador Eva Lund said the Ruritania visit concerned military radar repairs."
    denied = "“The Ruritania visit has nothing to do with military operations,” {} stressed."
    report = info("d", 0, said, ["LUND", "RUR"], "2024-05")
    same = info("d", 100, denied.format("she"), ["RUR"], "2024-05")
    other = info("d", 100, denied.format("Petrov"), ["PETROV", "RUR"], "2024-05")
    stems = frozenset({"ruritania", "lund", "eva", "petrov"})
    kinds = [c.kind for c in find({"d": [report, same]}, [], {}, NAMES, stems)]
    assert "denial" not in kinds
    kinds = [c.kind for c in find({"d": [report, other]}, [], {}, NAMES, stems)]
    assert "denial" in kinds
