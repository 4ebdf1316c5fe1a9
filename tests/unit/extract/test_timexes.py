"""The temporal tagger on invented hard cases: span, TIMEX3 type, value and mod given a DCT.

The DCT is Thursday 8 January 1998 unless a case says otherwise; every sentence is invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from caseboard.extract.base import ParsedDoc
from caseboard.extract.pipeline import sentence_offsets
from caseboard.extract.timexes import STAGE, extract_timexes
from caseboard.model import DateValue, Document, TimeExpr

if TYPE_CHECKING:
    from spacy.language import Language

DCT = "1998-01-08"


def tag(nlp: Language, text: str, dct: str | None = DCT) -> tuple[TimeExpr, ...]:
    document = Document(
        id="doc_test",
        source="test.txt",
        title=None,
        outlet=None,
        published=DateValue(dct, "day") if dct else None,
        published_origin="manifest" if dct else "unknown",
        text=text,
        text_sha256="",
        raw_sha256="",
    )
    parsed = nlp(text)
    return extract_timexes(ParsedDoc(document, parsed, sentence_offsets(parsed)))


# (sentence, expression as written, TIMEX3 type, value, mod)
CASES: list[tuple[str, str, str, str, str | None]] = [
    # absolute dates, months, years, decades
    (
        "The ceasefire was signed on October 23, 2025, in Doha.",
        "October 23, 2025",
        "DATE",
        "2025-10-23",
        None,
    ),
    (
        "Troops crossed the border on 23 October 2025.",
        "23 October 2025",
        "DATE",
        "2025-10-23",
        None,
    ),
    ("Exports collapsed in Oct. 2019 after the blackout.", "Oct. 2019", "DATE", "2019-10", None),
    ("The refinery has been idle since 2019.", "2019", "DATE", "2019", None),
    ("The pipeline was laid in the 1990s.", "the 1990s", "DATE", "199X", None),
    ("The fleet was built in the late '80s.", "the late '80s", "DATE", "198X", "END"),
    ("The decree is dated 2024-03-05.", "2024-03-05", "DATE", "2024-03-05", None),
    (
        "The talks opened on Friday, Oct. 23, 1998, in Geneva.",
        "Friday, Oct. 23, 1998",
        "DATE",
        "1998-10-23",
        None,
    ),
    # relative to the publication date
    ("The minister resigned on Thursday.", "Thursday", "DATE", "1998-01-08", None),
    ("The minister resigned on Tuesday.", "Tuesday", "DATE", "1998-01-06", None),
    ("The envoy will arrive on Monday.", "Monday", "DATE", "1998-01-12", None),
    ("Shipments doubled last year.", "last year", "DATE", "1997", None),
    ("Inspectors are visiting the port this week.", "this week", "DATE", "1998-W02", None),
    ("Tariffs rose sharply earlier this year.", "earlier this year", "DATE", "1998", None),
    ("The convoy was attacked yesterday.", "yesterday", "DATE", "1998-01-07", None),
    ("The strike began two years ago.", "two years ago", "DATE", "1996", None),
    ("The parliament votes next month.", "next month", "DATE", "1998-02", None),
    ("The army is now in control of the airport.", "now", "DATE", "PRESENT_REF", None),
    (
        "The company currently employs nine hundred people.",
        "currently",
        "DATE",
        "PRESENT_REF",
        None,
    ),
    ("The governor recently fired his deputy.", "recently", "DATE", "PAST_REF", None),
    ("He was detained last Friday.", "last Friday", "DATE", "1998-01-02", None),
    ("Prices fell in December.", "December", "DATE", "1997-12", None),
    ("The summit was held in June last year.", "June last year", "DATE", "1997-06", None),
    ("The ferry sank ten days ago.", "ten days ago", "DATE", "1997-12-29", None),
    ("The wells froze last winter.", "last winter", "DATE", "1997-WI", None),
    # relative to another date in the text
    (
        "The port closed on March 3, 1997, and reopened five days later.",
        "five days later",
        "DATE",
        "1997-03-08",
        None,
    ),
    (
        "The vote took place on May 12, 1996; two days earlier the opposition withdrew.",
        "two days earlier",
        "DATE",
        "1996-05-10",
        None,
    ),
    # fuzzy parts of periods
    ("Rains flooded the valley in mid-October.", "mid-October", "DATE", "1997-10", "MID"),
    ("The offensive stalled in late October 1997.", "late October 1997", "DATE", "1997-10", "END"),
    ("Output recovered in early 2019.", "early 2019", "DATE", "2019", "START"),
    ("The mine will close by the end of the year.", "the end of the year", "DATE", "1998", "END"),
    ("Talks should resume early next year.", "early next year", "DATE", "1999", "START"),
    # quarters, halves, seasons, weeks
    ("Profit fell in the third quarter.", "the third quarter", "DATE", "1997-Q3", None),
    ("Third-quarter sales of 1998 are forecast to rise.", "Third-quarter", "DATE", "1998-Q3", None),
    ("The plant reopened in the summer of 2019.", "the summer of 2019", "DATE", "2019-SU", None),
    (
        "Orders slowed in the second half of 2024.",
        "the second half of 2024",
        "DATE",
        "2024-H2",
        None,
    ),
    # durations
    ("The trial lasted three years.", "three years", "DURATION", "P3Y", None),
    ("Negotiations dragged on for several months.", "several months", "DURATION", "PXM", None),
    ("He served a two-year term.", "two-year", "DURATION", "P2Y", None),
    ("The blockade lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M", None),
    (
        "Fuel prices climbed over the past two months.",
        "the past two months",
        "DURATION",
        "P2M",
        None,
    ),
    ("The crew worked a 16-hour shift.", "16-hour", "DURATION", "PT16H", None),
    ("Protests have grown in recent weeks.", "recent weeks", "DURATION", "PXW", None),
    # sets
    ("Inspectors visit the site every week.", "every week", "SET", "P1W", None),
    ("The report is published annually.", "annually", "SET", "P1Y", None),
    ("The ferry sails daily to the island.", "daily", "SET", "P1D", None),
    # times of day
    ("The rocket hit the depot on Tuesday night.", "Tuesday night", "DATE", "1998-01-06TNI", None),
    ("The curfew starts at 3 p.m. today.", "3 p.m.", "TIME", "1998-01-08T15:00", None),
    (
        "The convoy left at 10 p.m. Wednesday.",
        "10 p.m. Wednesday",
        "TIME",
        "1998-01-07T22:00",
        None,
    ),
    ("The mayor spoke this morning.", "this morning", "TIME", "1998-01-08TMO", None),
]


@pytest.mark.parametrize(("sentence", "text", "type_", "value", "mod"), CASES)
def test_case(
    nlp: Language, sentence: str, text: str, type_: str, value: str, mod: str | None
) -> None:
    found = {t.text: t for t in tag(nlp, sentence)}
    assert text in found, f"{text!r} not found in {sorted(found)}"
    t = found[text]
    assert (t.type, t.value, t.mod) == (type_, value, mod)


def test_range_gives_two_dates(nlp: Language) -> None:
    found = tag(nlp, "Output fell every year from 2018 to 2023 and again in 2022-2024.")
    years = [(t.text, t.value) for t in found if t.type == "DATE"]
    assert years == [("2018", "2018"), ("2023", "2023"), ("2022", "2022"), ("2024", "2024")]


def test_year_of_a_bare_date_comes_from_the_sentence(nlp: Language) -> None:
    found = {t.text: t for t in tag(nlp, "In 1995 the dam broke on March 4 after heavy rain.")}
    assert found["March 4"].value == "1995-03-04"


def test_relative_anchor_is_the_other_timex(nlp: Language) -> None:
    found = {
        t.text: t
        for t in tag(nlp, "The siege began on May 2, 1996. The following week the city fell.")
    }
    first, following = found["May 2, 1996"], found["The following week"]
    assert following.anchor == first.id
    assert following.value == "1996-W19"
    assert found["May 2, 1996"].anchor is None


def test_published_anchor_and_date_value(nlp: Language) -> None:
    t = next(iter(tag(nlp, "Rebels shelled the town in late October.")))
    assert t.anchor == "published"
    assert t.date == DateValue("1997-10", "month", "late", "late October", "published")


def test_quarter_date_value_maps_to_year_with_qualifier(nlp: Language) -> None:
    t = next(iter(tag(nlp, "Profit fell in the fourth quarter of 2024.")))
    assert t.value == "2024-Q4"
    assert t.date is not None
    assert (t.date.value, t.date.granularity, t.date.qualifier) == ("2024", "year", "late")


def test_no_dct_leaves_the_year_unknown(nlp: Language) -> None:
    found = {
        t.text: t
        for t in tag(nlp, "The bridge reopened on October 23 and closed last year.", dct=None)
    }
    assert found["October 23"].value == "XXXX-10-23"
    assert found["last year"].anchor is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The 6-year-old boy was rescued by fishermen.",
        "The former minister denied the report.",
        "Turnout reached three-quarters of the electorate.",
        "Police said 2019 people were evacuated.",
        "The fund paid $1998 per household.",
        "You may leave whenever you like.",
    ],
)
def test_not_time_expressions(nlp: Language, sentence: str) -> None:
    assert tag(nlp, sentence) == ()


def test_evidence_is_verbatim_and_ids_are_stable(nlp: Language) -> None:
    text = (
        "On Friday, Oct. 23, the ministry said output fell 4% in the third quarter.\n\n"
        "Two days later, at 10:30 a.m. EST, officials met again; talks resume next month."
    )
    first, second = tag(nlp, text), tag(nlp, text)
    assert [t.id for t in first] == [t.id for t in second]
    assert len(first) == 5
    for t in first:
        assert t.evidence.text == text[t.evidence.start : t.evidence.end] == t.text
        assert t.evidence.doc == "doc_test"
        assert t.evidence.sentence is not None
        assert t.producer == STAGE.producer


def test_stage_contract() -> None:
    assert STAGE.assigns == ("timexes",)
    assert STAGE.requires == ("doc",)
