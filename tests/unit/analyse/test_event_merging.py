"""Event clustering rules on invented sentences (link/events.py), no model needed."""

from __future__ import annotations

from typing import Any

from caseboard.link.context import SentenceInfo
from caseboard.link.events import (
    EventMention,
    _numbers,
    cluster,
    dates_agree,
    event_type,
    event_types,
    merge_threshold,
)
from tests.support import event_mention as mention
from tests.support import sentence_context as _context


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


# ---------------------------------------------------------------- sentence dates (link/context)


def test_a_tenure_range_is_not_carried_to_the_next_sentence() -> None:
    text = (
        "Ruritania was ruled by Oduya from 2016 to 2021. "
        "Borduria sent frigates to Ruritania's coast."
    )
    infos = _context(
        text, [("2016", "2016", "DATE"), ("2021", "2021", "DATE")], ["Ruritania", "Borduria"]
    )
    assert infos[0].date_source == "timex"
    assert infos[1].date_source != "inherited"
    # a single year is carried as before
    plain = _context(
        "Ruritania held an election in 2021. Borduria sent frigates to Ruritania.",
        [("2021", "2021", "DATE")],
        ["Ruritania", "Borduria"],
    )
    assert plain[1].date_source == "inherited"
    assert plain[1].date is not None
    assert plain[1].date.value == "2021"


def test_a_date_is_not_carried_into_a_paragraph_about_other_actors() -> None:
    text = (
        "Just last year Borduria abandoned its ally Oduya.\n\n"
        "Ruritanian frigates circle the coast of Zembla."
    )
    infos = _context(text, [("last year", "2022", "DATE")], ["Borduria", "Oduya", "Zembla"])
    assert infos[1].date_source in ("lead", "published")
    # the same paragraph break with a shared actor still carries it
    same = _context(
        "Just last year Borduria abandoned its ally Oduya.\n\nOduya fled to the hills.",
        [("last year", "2022", "DATE")],
        ["Borduria", "Oduya"],
    )
    assert same[1].date_source == "inherited"


def test_a_heading_stops_inheritance() -> None:
    text = "Ruritania signed the pact in 2020.\nLevers and Limits\nRuritania later regretted it."
    infos = _context(text, [("2020", "2020", "DATE")], ["Ruritania"])
    assert infos[2].date_source != "inherited"


def test_a_sentence_in_the_present_is_dated_by_publication() -> None:
    text = (
        "The navy left port on 2 January 2023. Filler one. Filler two. "
        "Ruritania is now sending a carrier to the gulf."
    )
    infos = _context(
        text, [("2 January 2023", "2023-01-02", "DATE"), ("now", None, "DATE")], ["Ruritania"]
    )
    assert infos[-1].date_source == "present"
    assert infos[-1].date is not None
    assert infos[-1].date.value == "2023-03-01"


# ---------------------------------------------------------------- several happenings, one line


def test_a_sentence_telling_two_happenings_yields_two_types() -> None:
    two = event_types(
        "The bloc declared its support for the rival claimant, adding sanctions on banks."
    )
    assert [t for t, _ in two] == ["sanction", "recognition"]
    fleet = event_types("The navy sent warships to the gulf and struck three smuggling boats.")
    assert [t for t, _ in fleet] == ["deployment", "strike"]
    assert len(event_types("Ruritania and Borduria signed a treaty in May.")) == 1


def test_backing_a_rival_leader_is_a_recognition() -> None:
    assert event_type("In 2021, Borduria backed an exiled opposition leader.") == (
        "recognition",
        "happened",
    )


def test_owning_up_to_a_deployment_is_its_own_happening() -> None:
    assert event_types("Ruritania admits troop deployment in Borduria") == [
        ("acknowledgement", "happened")
    ]
    both = event_types(
        "Ruritania acknowledged it had advisers there after photos showed 80 soldiers landing."
    )
    assert [t for t, _ in both] == ["acknowledgement", "deployment"]
    # a negated cue confirms nothing
    assert event_type("The ministry could not confirm the sale of rifles.") == (
        "arms_transfer",
        "happened",
    )


def test_what_someone_was_asked_about_did_not_happen() -> None:
    assert event_type("Asked whether troops would be deployed, the minister said no.") == (
        "statement",
        "said",
    )


def test_each_happening_of_a_two_type_sentence_joins_its_own_event() -> None:
    both = "Ruritania acknowledged it had advisers there after photos showed 80 soldiers landing."
    landing = "Photos showed 80 Ruritanian soldiers landing at the airport in March 2021."
    owning = "Ruritania confirmed the presence of its advisers in March 2021."
    a_ack = mention("a", both, ["RURITANIA"], "2021-03", "timex")
    a_dep = EventMention(a_ack.info, "deployment", "happened", a_ack.date, shared=True)
    a_ack = EventMention(a_ack.info, "acknowledgement", "happened", a_ack.date, shared=True)
    b = mention("b", landing, ["RURITANIA"], "2021-03", "timex")
    c = mention("c", owning, ["RURITANIA"], "2021-03", "timex")
    events, _ = cluster([a_ack, a_dep, b, c, *_filler(30)], {})
    by_type = {e.type: set(e.sources) for e in events if set(e.sources) & {"a", "b", "c"}}
    assert by_type == {"deployment": {"a", "b"}, "acknowledgement": {"a", "c"}}


# ---------------------------------------------------------------- weak dates


def test_a_carried_date_tolerates_a_near_date() -> None:
    a = mention(
        "a", "Borduria delivered 40 rifles to Ruritania.", ["B", "R"], "2023-01", "inherited"
    )
    b = mention(
        "b", "On 3 February 2023 Borduria delivered 40 rifles.", ["B", "R"], "2023-02-03", "timex"
    )
    far = mention("c", "Borduria delivered 40 rifles in June 2023.", ["B", "R"], "2023-06", "timex")
    assert dates_agree(a, b)
    assert not dates_agree(a, far)
    # two dates the text states itself must overlap
    strong = mention(
        "d", "Borduria delivered 40 rifles in January 2023.", ["B", "R"], "2023-01", "timex"
    )
    assert not dates_agree(strong, b)
    # the publication date of a sentence further down is no window
    fact = mention(
        "e", "Borduria delivers rifles to Ruritania.", ["B", "R"], "2023-03-01", "published"
    )
    assert not dates_agree(fact, b)


def test_in_recent_months_is_a_window_before_publication() -> None:
    text = "Filler one. Filler two. Filler three. Ruritania massed troops in recent months."
    infos = _context(text, [("recent months", None, "DURATION")], ["Ruritania"])
    assert infos[-1].date_source == "recent:months"
    recent = mention("a", "Ruritania massed troops at the border.", ["R"], "2023-03-01", "timex")
    recent = EventMention(
        SentenceInfo(**{**_fields(recent.info), "date_source": "recent:months"}),
        recent.type, recent.kind, recent.date,
    )  # fmt: skip
    december = mention("b", "Ruritania massed troops in December.", ["R"], "2022-12", "timex")
    assert dates_agree(recent, december)


def test_now_dates_a_sentence_by_publication_only_when_nothing_closer() -> None:
    infos = _context(
        "The general fled in 2022. He joined exiles now living in Borduria.",
        [("2022", "2022", "DATE"), ("now", None, "DATE")],
        ["Borduria"],
    )
    assert infos[1].date_source == "inherited"  # the carried date is closer than "now"
    lone = _context(
        "One. Two. Three. A carrier now deployed off Ruritania worries Borduria.",
        [("now", None, "DATE")],
        ["Ruritania", "Borduria"],
    )
    assert lone[-1].date_source == "present"


def test_an_opening_pronoun_carries_the_actor_of_the_sentence_before() -> None:
    text = "Ruritania is raising pressure on Borduria. It has sent a carrier to the gulf."
    infos = _context(text, [], ["Ruritania", "Borduria"])
    assert infos[1].antecedent == ("ent_Ruritania",)
    assert infos[1].actors == ()  # other stages read the named actors only
    unclear = _context("Ruritania is raising pressure. It is unclear why.", [], ["Ruritania"])
    assert unclear[1].antecedent == ()


def _fields(info: SentenceInfo) -> dict[str, Any]:
    return {name: getattr(info, name) for name in SentenceInfo.__slots__}


def test_a_recent_interview_dates_it_and_the_next_sentence_near_publication() -> None:
    text = (
        "The navy moved in 2022. Filler one. Filler two. "
        "In a recent interview, the envoy hinted at talks. "
        "Asked whether Ruritania would sign, Borduria replied yes."
    )
    infos = _context(text, [("2022", "2022", "DATE")], ["Ruritania", "Borduria"])
    assert [i.date_source for i in infos[-2:]] == ["recent:weeks", "recent:weeks"]
    assert infos[-1].date is not None
    assert infos[-1].date.value == "2023-03-01"


def test_a_claim_attributed_to_a_named_speaker_is_also_a_statement() -> None:
    told = event_types("The army relies on Bordurian fighter jets, according to Minister Oduya.")
    assert told == [("arms_transfer", "happened"), ("statement", "said")]
    # an attribution to an unnamed or generic source is not a speaker's statement
    assert event_types("The army relies on Bordurian fighter jets, according to the report.") == [
        ("arms_transfer", "happened")
    ]
