"""Named normalisation rules of the temporal tagger, each on invented sentences.

Every case names the rule it pins (see time_normalise.py / timexes.py), gives its own DCT and
the expected TIMEX3 type, value and mod. All sentences are invented for these tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.unit.extract.test_timexes import tag

if TYPE_CHECKING:
    from spacy.language import Language

# (rule, DCT, sentence, expression as written, TIMEX3 type, value, mod)
RULES: list[tuple[str, str, str, str, str, str, str | None]] = [
    # near_dated_arrangement: a past verb does not push a date a few weeks ahead into last year
    (
        "near_dated_arrangement",
        "1996-11-04",
        "The ministry extended the bidding deadline to Nov. 28.",
        "Nov. 28",
        "DATE",
        "1996-11-28",
        None,
    ),
    (
        "near_dated_arrangement",
        "1996-11-04",
        "The cooperative said the new tariff takes effect from Dec. 15 and lasts a year.",
        "Dec. 15",
        "DATE",
        "1996-12-15",
        None,
    ),
    (
        "near_dated_arrangement",
        "1996-11-04",
        "The harbour master said the ferry capsized in June.",
        "June",
        "DATE",
        "1996-06",
        None,
    ),
    (
        "near_dated_arrangement",
        "1996-02-10",
        "The harbour master said the ferry capsized in October.",
        "October",
        "DATE",
        "1995-10",
        None,
    ),
    (
        "near_dated_arrangement",
        "1996-01-20",
        "The guards will stay at the gate until Jan. 12, an officer said.",
        "Jan. 12",
        "DATE",
        "1996-01-12",
        None,
    ),
    (
        "near_dated_arrangement",
        "1996-11-04",
        "The cooperative will hold its next vote in March.",
        "March",
        "DATE",
        "1997-03",
        None,
    ),
    # verb_group_tense: a present passive or a prospective verb is not past
    (
        "verb_group_tense",
        "1996-11-04",
        "The merger of the two dairies is expected in January.",
        "January",
        "DATE",
        "1997-01",
        None,
    ),
    (
        "verb_group_tense",
        "1996-11-07",
        "The new bridge is scheduled to open on Monday.",
        "Monday",
        "DATE",
        "1996-11-11",
        None,
    ),
    (
        "verb_group_tense",
        "1996-11-07",
        "The committee has approved the budget on Monday.",
        "Monday",
        "DATE",
        "1996-11-04",
        None,
    ),
    (
        "verb_group_tense",
        "1996-11-07",
        "The rail strike, set to begin on Monday, was called off.",
        "Monday",
        "DATE",
        "1996-11-04",
        None,
    ),
    # clause_year: a year written earlier in the same clause frames a date without one
    (
        "clause_year",
        "1996-11-04",
        "In 1991 the river burst its banks on April 3.",
        "April 3",
        "DATE",
        "1991-04-03",
        None,
    ),
    (
        "clause_year",
        "1996-11-04",
        "Under a scheme drawn up in 1991, the council sold its bonds through May 30.",
        "May 30",
        "DATE",
        "1996-05-30",
        None,
    ),
    (
        "clause_year",
        "1996-11-04",
        "The council will repay the loan on Dec. 2, long before the bonds fall due in 2010.",
        "Dec. 2",
        "DATE",
        "1996-12-02",
        None,
    ),
    # quarters in results reporting (DCT in the fourth quarter of 1996)
    (
        "reported_quarter",
        "1996-11-04",
        "The bakery chain will publish its third-quarter results next week.",
        "third-quarter",
        "DATE",
        "1996-Q3",
        None,
    ),
    (
        "reported_quarter",
        "1996-11-04",
        "The bakery chain hopes to open ten shops in the second quarter.",
        "the second quarter",
        "DATE",
        "1997-Q2",
        None,
    ),
    (
        "latest_quarter",
        "1996-11-04",
        "A storm will bring a fourth-quarter charge. In the latest quarter, the chain lost money.",
        "the latest quarter",
        "DATE",
        "1996-Q3",
        None,
    ),
    (
        "quarter_ended",
        "1996-11-04",
        "Sales of bread fell in the quarter ended Sept. 27.",
        "the quarter",
        "DATE",
        "1996-Q3",
        None,
    ),
    (
        "quarter_ended",
        "1996-11-04",
        "Sales of bread fell in the quarter ended May 31.",
        "the quarter",
        "DATE",
        "1996-Q2",
        None,
    ),
    (
        "year_quarter",
        "1996-11-04",
        "Profit doubled from the 1994 second quarter.",
        "the 1994 second quarter",
        "DATE",
        "1994-Q2",
        None,
    ),
    (
        "year_quarter",
        "1996-11-04",
        "The new ovens could arrive in next year's second quarter.",
        "next year's second quarter",
        "DATE",
        "1997-Q2",
        None,
    ),
    (
        "year_quarter",
        "1996-11-04",
        "The chain lost money in the third quarter; it earned $3 million in the 1995 period.",
        "the 1995 period",
        "DATE",
        "1995-Q3",
        None,
    ),
    (
        "period_year_ago",
        "1996-11-04",
        "The chain lost money in the third quarter, unlike the same period last year.",
        "the same period last year",
        "DATE",
        "1995-Q3",
        None,
    ),
    (
        "year_ago_period",
        "1996-11-04",
        "The chain earned $9 million in the third quarter, up from $7 million last year.",
        "last year",
        "DATE",
        "1995-Q3",
        None,
    ),
    (
        "year_ago_period",
        "1996-11-04",
        "The chain earned $9 million in the third quarter. It opened its first shop last year.",
        "last year",
        "DATE",
        "1995",
        None,
    ),
    (
        "year_ago_period",
        "1996-11-04",
        "The storm will bring a fourth-quarter charge, up from $7 million a year ago.",
        "a year ago",
        "DATE",
        "1995",
        None,
    ),
    (
        "reported_period",
        "1996-11-04",
        "In the latest quarter, the chain earned $5 million, up from $4 million a year earlier.",
        "a year earlier",
        "DATE",
        "1995-Q3",
        None,
    ),
    (
        "reported_period",
        "1996-11-04",
        "The chain lost money in the fiscal-first quarter.",
        "the fiscal-first quarter",
        "DATE",
        "1996-Q1",
        None,
    ),
    (
        "current_quarter",
        "1996-11-04",
        "The chain lost money in the third quarter and expects a profit in the current quarter.",
        "the current quarter",
        "DATE",
        "1996-Q4",
        None,
    ),
    # the_year: the reporting year, or twelve months ending on a day
    (
        "the_year",
        "1996-11-04",
        "The bakery chain expects sales for the full year to rise 4%.",
        "the full year",
        "DATE",
        "1996",
        None,
    ),
    (
        "the_year",
        "1996-11-04",
        "The bakery chain earned $8 million in the year ended June 30.",
        "the year",
        "DURATION",
        "P1Y",
        None,
    ),
    # clocks
    (
        "clock_on_focus_day",
        "1996-11-07",
        "The fire broke out on Nov. 3. At 10 p.m. the last engine left.",
        "10 p.m.",
        "TIME",
        "1996-11-03T22:00",
        None,
    ),
    (
        "clock_date",
        "1996-11-04",
        "The ballot closes at 6 p.m. EST, Nov. 18.",
        "6 p.m. EST, Nov. 18",
        "TIME",
        "1996-11-18T18:00",
        None,
    ),
    # seasons and spoken years
    (
        "season_of_dct",
        "1996-02-10",
        "The dockers' strike began last fall.",
        "last fall",
        "DATE",
        "1995-FA",
        None,
    ),
    (
        "season_of_dct",
        "1996-02-10",
        "The harbour froze over this winter.",
        "this winter",
        "DATE",
        "1996-WI",
        None,
    ),
    (
        "spoken_year",
        "1996-02-10",
        "The dam was finished in nineteen sixty-two, the presenter said.",
        "nineteen sixty-two",
        "DATE",
        "1962",
        None,
    ),
    (
        "spoken_year",
        "1996-02-10",
        "The plan aims to house every family before the year two thousand.",
        "the year two thousand",
        "DATE",
        "2000",
        None,
    ),
    (
        "spoken_year",
        "1996-02-10",
        "Prices peaked in the summer of nineteen ninety-one.",
        "the summer of nineteen ninety-one",
        "DATE",
        "1991-SU",
        None,
    ),
    # arranged_for: a day something is postponed to or scheduled for lies ahead
    (
        "arranged_for",
        "1996-11-07",
        "The judge adjourned the hearing until Tuesday.",
        "Tuesday",
        "DATE",
        "1996-11-12",
        None,
    ),
    (
        "arranged_for",
        "1996-11-06",
        "The council has scheduled a public meeting Thursday.",
        "Thursday",
        "DATE",
        "1996-11-07",
        None,
    ),
    (
        "arranged_for",
        "1996-11-07",
        "The board postponed the vote on Monday, a spokesman said.",
        "Monday",
        "DATE",
        "1996-11-04",
        None,
    ),
    # coming_date: effective / payable / due dates lie ahead
    (
        "coming_date",
        "1996-10-20",
        "The cooperative named a new board, effective March 1.",
        "March 1",
        "DATE",
        "1997-03-01",
        None,
    ),
    (
        "coming_date",
        "1996-10-20",
        "The mill declared a dividend of 4 cents, payable Jan. 6 to holders of record Dec. 2.",
        "Jan. 6",
        "DATE",
        "1997-01-06",
        None,
    ),
    # recurrences
    (
        "set",
        "1996-11-04",
        "Fishermen gather in the square each July.",
        "each July",
        "SET",
        "XXXX-07",
        None,
    ),
    (
        "weekday_plural",
        "1996-11-04",
        "The ferry leaves on Tuesday nights.",
        "Tuesday nights",
        "SET",
        "XXXX-WXX-2TNI",
        None,
    ),
    (
        "weekday_plural",
        "1996-11-04",
        "The market opens on Saturdays.",
        "Saturdays",
        "SET",
        "XXXX-WXX-6",
        None,
    ),
    # week_of, halves, spoken compound numbers
    (
        "week_of",
        "1996-11-04",
        "The trial may open the week of Dec. 9.",
        "the week of Dec. 9",
        "DATE",
        "1996-W50",
        None,
    ),
    (
        "half_year",
        "1996-11-04",
        "Exports recovered in the last half of 1995.",
        "the last half of 1995",
        "DATE",
        "1995-H2",
        None,
    ),
    (
        "duration",
        "1996-11-04",
        "The shelling went on for the last twenty four hours.",
        "the last twenty four hours",
        "DURATION",
        "PT24H",
        None,
    ),
    # holidays, centuries, anaphoric "that year"
    (
        "holiday",
        "1996-01-09",
        "The trawler sank on Thanksgiving Day off the coast.",
        "Thanksgiving Day",
        "DATE",
        "1995-11-23",
        None,
    ),
    (
        "holiday",
        "1996-10-20",
        "Both candidates will campaign until Election Day.",
        "Election Day",
        "DATE",
        "1996-11-05",
        None,
    ),
    (
        "holiday",
        "1996-02-01",
        "The shop has been shut since last Christmas.",
        "last Christmas",
        "DATE",
        "1995-12-25",
        None,
    ),
    (
        "ordinal_century",
        "1996-02-01",
        "The bridge was built in the 12th century.",
        "the 12th century",
        "DATE",
        "11",
        None,
    ),
    (
        "relative_unit",
        "1996-02-01",
        "The mill opened on May 3, 1988, and doubled its output that year.",
        "that year",
        "DATE",
        "1988",
        None,
    ),
    # durations: quarters as periods, bare plural units
    (
        "duration",
        "1996-11-04",
        "The cost will be spread over the next three quarters.",
        "the next three quarters",
        "DURATION",
        "P9M",
        None,
    ),
    (
        "bare_plural_duration",
        "1996-11-04",
        "The two villages have quarrelled over the well for years.",
        "years",
        "DURATION",
        "PXY",
        None,
    ),
    (
        "bare_plural_duration",
        "1996-11-04",
        "Relief convoys should reach the valley within weeks.",
        "weeks",
        "DURATION",
        "PXW",
        None,
    ),
    (
        "rate",
        "1996-11-04",
        "The new boiler saves the school $40,000 a year.",
        "a year",
        "SET",
        "P1Y",
        None,
    ),
    (
        "rate",
        "1996-11-04",
        "The ferry will need a year to be repaired.",
        "a year",
        "DURATION",
        "P1Y",
        None,
    ),
    (
        "month_as_anchor",
        "1996-11-04",
        "In March the dairy received an offer. The following month, it put itself up for sale.",
        "The following month",
        "DATE",
        "1996-04",
        None,
    ),
    (
        "weekday_from_anchor",
        "1996-11-04",
        "Traders said volumes on Friday were thinner than on the previous Friday.",
        "the previous Friday",
        "DATE",
        "1996-10-25",
        None,
    ),
]


@pytest.mark.parametrize(("rule", "dct", "sentence", "text", "type_", "value", "mod"), RULES)
def test_rule(
    nlp: Language,
    rule: str,
    dct: str,
    sentence: str,
    text: str,
    type_: str,
    value: str,
    mod: str | None,
) -> None:
    found = {t.text: t for t in tag(nlp, sentence, dct=dct)}
    assert text in found, f"{rule}: {text!r} not found in {sorted(found)}"
    t = found[text]
    assert (t.type, t.value, t.mod) == (type_, value, mod), rule


def test_two_thousand_alone_is_a_count(nlp: Language) -> None:
    found = tag(nlp, "About two thousand people marched.", dct="1996-02-10")
    assert [t.text for t in found] == []


def test_fractions_of_a_whole_are_not_periods(nlp: Language) -> None:
    found = tag(nlp, "A quarter of the crew and three quarters of its cargo were lost.")
    assert [t.text for t in found] == []


@pytest.mark.parametrize("dct", ["1999-01-10", "1999-06-15", "1999-12-31"])
def test_impossible_days_do_not_break_the_rules(nlp: Language, dct: str) -> None:
    text = (
        "The deal closed on Feb. 29. The vote will be held on Feb. 29. Sales fell in the "
        "quarter ended Feb. 30. The week of Feb. 29 was calm. At 5 p.m. EST, Feb. 29, the "
        "offer lapsed."
    )
    for t in tag(nlp, text, dct=dct):
        assert t.evidence.text == t.text


# DOWNFALL: "the fall of <someone or something>" is a collapse, not autumn
@pytest.mark.parametrize(
    "sentence",
    [
        "The fall of the junta emptied the treasury.",
        "After the fall of Kerensky, the soldiers walked home.",
        "Investors feared the fall of the ruling coalition.",
    ],
)
def test_a_downfall_is_not_a_season(nlp: Language, sentence: str) -> None:
    assert [t.text for t in tag(nlp, sentence, dct="2025-10-20")] == []


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Talks resumed in the fall of 1998.", "the fall of 1998", "1998-FA"),
        ("Sales of skates rose in fall 2019.", "fall 2019", "2019-FA"),
        ("The orchard flooded last fall.", "last fall", "2024-FA"),
        ("The council votes on the budget this fall.", "this fall", "2025-FA"),
        ("The ferry runs less often in the fall.", "the fall", "2025-FA"),
    ],
)
def test_the_fall_as_a_season_stays(nlp: Language, sentence: str, text: str, value: str) -> None:
    found = {t.text: t.value for t in tag(nlp, sentence, dct="2025-10-20")}
    assert found.get(text) == value, found
