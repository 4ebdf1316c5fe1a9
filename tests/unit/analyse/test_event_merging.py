"""Event clustering rules on invented sentences (link/events.py), no model needed."""

from __future__ import annotations

from caseboard.link.context import SentenceInfo
from caseboard.link.events import (
    EventMention,
    _numbers,
    cluster,
    event_type,
    merge_threshold,
)
from caseboard.link.text import Sentence, content_stems, numbers
from caseboard.model import DateValue

GRAN = {4: "year", 7: "month", 10: "day"}


def mention(doc: str, text: str, actors: list[str], date: str, source: str) -> EventMention:
    info = SentenceInfo(
        sentence=Sentence(doc, 0, 0, len(text), text),
        actors=tuple(actors),
        actor_offsets=tuple(0 for _ in actors),
        date=DateValue(date, GRAN[len(date)]),  # type: ignore[arg-type]
        date_source=source,
        stems=content_stems(text),
        numbers=numbers(text),
        outlet=f"Outlet {doc}",
        published=DateValue("2023-03-01", "day"),
    )
    et = event_type(text)
    assert et is not None, text
    return EventMention(info, et[0], et[1], info.date)


def test_new_action_cues() -> None:
    assert event_type("The general fled abroad and his government collapsed.") == (
        "ouster",
        "happened",
    )
    assert event_type("The toppling of the junta in 2022 shocked its allies.") == (
        "ouster",
        "happened",
    )
    assert event_type("Ruritania recognised the opposition leader as interim president.") == (
        "recognition",
        "happened",
    )
    assert event_type("A Bordurian cargo plane arrived in the capital.") == (
        "deployment",
        "happened",
    )
    assert event_type("Asked about the talks, the minister replied briefly.") == (
        "statement",
        "said",
    )


def test_spelled_numbers_count_but_designators_and_reference_marks_do_not() -> None:
    spelled = mention(
        "a", "Two Bordurian Tu-95 bombers landed in the capital [2].", ["B"], "2018", "timex"
    )
    digits = mention("b", "Borduria sent 2 strategic bombers to Ruritania.", ["B"], "2018", "timex")
    assert _numbers(spelled) == {2.0}
    assert _numbers(digits) == {2.0}
    model = mention("c", "The air force purchased Su-30 jets and F-16s.", ["B"], "2018", "timex")
    assert _numbers(model) == frozenset()


def test_thresholds_depend_on_how_each_side_is_dated() -> None:
    dated = mention("a", "The general fled abroad in 2022.", ["G"], "2022", "timex")
    dated2 = mention("b", "His government collapsed in December 2022.", ["G"], "2022-12", "timex")
    undated = mention(
        "c", "The general fled when his government collapsed.", ["G"], "2023-03-01", "published"
    )
    speech = mention("d", "The minister said the general fled in 2022.", ["G"], "2022", "timex")
    assert (
        merge_threshold(dated, dated2) < merge_threshold(dated, speech) or dated.type == speech.type
    )
    assert merge_threshold(dated, undated) > merge_threshold(dated, dated2)


def _filler(n: int) -> list[EventMention]:
    """Sentences naming the country of the case: a common actor, not a specific one."""
    return [
        mention(
            f"f{i}",
            f"Ruritania signed trade agreement number {i + 10} with a neighbour.",
            ["RURITANIA"],
            f"20{10 + i % 9}",
            "timex",
        )
        for i in range(n)
    ]


def test_a_fall_told_three_ways_is_one_event() -> None:
    reports = [
        mention("a", "General Oduya fled to Borduria as rebels closed in on Ruritania's capital.",
                ["ODUYA", "RURITANIA", "BORDURIA"], "2022", "inherited"),
        mention("b", "The ouster in December 2022 of Ruritania's General Oduya weakened Borduria.",
                ["ODUYA", "RURITANIA", "BORDURIA"], "2022-12", "timex"),
        mention("c", "Analysts recalled the toppling of General Oduya's regime in 2022.",
                ["ODUYA", "RURITANIA"], "2022", "timex"),
    ]  # fmt: skip
    events, _ = cluster([*reports, *_filler(30)], {})
    merged = [e for e in events if {"a", "b", "c"} <= set(e.sources)]
    assert len(merged) == 1
    assert merged[0].type == "ouster"
    assert merged[0].date.value == "2022-12"


def test_a_standing_fact_does_not_join_a_dated_happening_on_thin_evidence() -> None:
    fact = mention(
        "a",
        "Ruritania has purchased Bordurian K-8 jets and radars for years.",
        ["RURITANIA", "BORDURIA"],
        "2023-03-01",
        "published",
    )
    request = mention(
        "b",
        "In February 2023 Ruritania asked Borduria to deliver K-8 jets and radars.",
        ["RURITANIA", "BORDURIA"],
        "2023-02",
        "timex",
    )
    events, _ = cluster([fact, request, *_filler(30)], {})
    assert not [e for e in events if {"a", "b"} <= set(e.sources)]
