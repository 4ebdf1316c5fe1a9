"""The grammar of English time expressions: named patterns, each with an invented example.

Recognition only (which characters are a time expression, and which rule matched); the values
are computed in :mod:`caseboard.extract.time_normalise`. Span conventions follow TimeML/TimeBank:
a leading "the" is part of the expression ("the third quarter"), a leading preposition is not
("on Thursday" -> "Thursday"), "last week" / "a year earlier" / "earlier this year" are one span.

Ranges: "from 2018 to 2023" and "2022-2024" give two DATE expressions (one per end), as TimeML
does; nothing joins them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from caseboard.extract.patterns.folding import Hit, fold, foldable, required_strings

# --- vocabulary -------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "a couple of": 2, "couple of": 2, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "single": 1, "half": 0,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
VAGUE = r"(?:several|a\s+few|few|some|many|a\s+couple\s+of|couple\s+of|numerous|countless)"
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
}  # fmt: skip

_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})"
WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAYNUM = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?P<year>(?:1[6-9]|20)\d\d)"
_NUMW = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)(?![\w-]))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|single"
)
_SPOKEN_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPOKEN_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_SPOKEN_TEENS = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
NUM = rf"(?P<num>\d+(?:\.\d+)?(?:\s+1/2)?|{_NUMW}|an?|{VAGUE}|half\s+an?|a\s+half)"
UNIT = r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|quarters?|weekends?)"  # noqa: E501 (one alternation)
UNIT_SG = r"(?P<unit>second|minute|hour|day|week|month|year|decade|century|quarter)"
REL = r"(?P<rel>last|this|next|past|coming|previous|following|current|same|latest|prior|that)"
FUZZ = r"(?P<fuzz>early|mid|middle|late|the\s+(?:beginning|start|middle|end|first\s+half|second\s+half|rest)\s+of)"  # noqa: E501 (one alternation)
PART = r"(?P<part>morning|afternoon|evening|night)"
SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
# DOWNFALL: "fall of" followed by anything but a year is a collapse, not autumn
#   "The fall of the old regime emptied the treasury." / but "the fall of 1998", "the fall of
#   that year" stay seasons
_NOT_DOWNFALL = (
    r"(?!(?<=[Ff]all)\s+of\s+(?!(?:1[6-9]|20)\d\d\b|nineteen\b|"
    r"(?:that|this|last|next|the\s+same|the\s+following|the\s+previous)\s+year\b))"
)
TZ = r"(?:\s+(?P<tz>EST|EDT|CST|CDT|PST|PDT|GMT|UTC|ET|PT))?"
AMPM = r"(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)"
CLOCK = rf"(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*{AMPM}{TZ}"
CLOCK24 = r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s*(?P<tz>GMT|UTC|hours))?"


@dataclass(frozen=True, slots=True)
class Rule:
    """One named pattern. Priority breaks ties between overlapping matches of equal length.

    ``folded`` and ``needs`` only make :func:`find` faster, never change what it finds
    (:mod:`caseboard.extract.patterns.folding`): ``folded`` is the pattern compiled
    case-sensitively, to run on the lower-cased text (an IGNORECASE pattern is several times
    slower in ``re``); ``needs`` are lower-case strings of which every match contains one, so
    a text holding none of them is not scanned at all.
    """

    name: str
    pattern: re.Pattern[str]
    priority: int = 0
    folded: re.Pattern[str] | None = None
    needs: frozenset[str] = frozenset()


def _rule(name: str, regex: str, priority: int = 0, *, case: bool = False) -> Rule:
    flags = re.VERBOSE if case else re.VERBOSE | re.IGNORECASE
    pattern = re.compile(regex, flags)
    return Rule(name, pattern, priority, fold(regex, flags), required_strings(regex, flags))


B = r"(?<![\w$£€.-])"  # a word starts here (and is not a decimal or a price)
E = r"(?![\w-]*\d)(?!\w)"  # and ends here


def rules() -> tuple[Rule, ...]:
    """The grammar, most specific first (longest match wins; then this order)."""
    return (
        # "The talks opened on Friday, Oct. 23, 1998, in Geneva."
        _rule(
            "date_mdy",
            rf"{B}(?:{WEEKDAY},?\s+)?{MONTH}\s+{DAYNUM}(?:,?\s+{YEAR4})?{E}",
            10,
            case=True,
        ),
        # "Troops arrived on 23 October 2025." / "the 5th of May"
        _rule(
            "date_dmy",
            rf"{B}(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAYNUM}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR4})?{E}",
            10,
            case=True,
        ),
        # "The ministry published its figures on 2025-10-23."
        _rule("date_iso", rf"{B}{YEAR4}-(?P<mm>0[1-9]|1[0-2])-(?P<dd>0[1-9]|[12]\d|3[01]){E}", 12),
        # "The form was dated 10/23/2025."
        _rule(
            "date_slash",
            rf"{B}(?P<mm>0?[1-9]|1[0-2])/(?P<dd>0?[1-9]|[12]\d|3[01])/(?P<yy>(?:19|20)\d\d){E}",
            12,
        ),
        # "Exports fell in Oct. 2019." / "in October of 2019"
        _rule("month_year", rf"{B}{MONTH},?\s+(?:of\s+)?{YEAR4}{E}", 9, case=True),
        # "The rains came in mid-October." / "late October 2025" / "early 2019"
        _rule(
            "fuzzy_month",
            rf"{B}(?i:{FUZZ})[-\s]+(?:(?i:the\s+month\s+of)\s+)?{MONTH}(?:,?\s+{YEAR4})?{E}",
            8,
            case=True,
        ),
        # "Output recovered in early 2019." / "by the end of 2020"
        _rule("fuzzy_year", rf"{B}{FUZZ}[-\s]+(?:fiscal\s+)?{YEAR4}{E}", 8),
        # "Talks resume early next year." / "the end of the year" / "late last month"
        _rule(
            "fuzzy_relative",
            rf"{B}{FUZZ}[-\s]+(?:(?P<rel>last|this|next|the|that)\s+)?(?P<unit>year|month|week|decade|century|quarter){E}",
            8,
        ),
        # "He left late yesterday." / "early today"
        _rule("fuzzy_deictic", rf"{B}(?P<fuzz>early|late)\s+(?P<deictic>yesterday|today){E}", 8),
        # "The plant was built in the 1990s." / "the late '80s"
        _rule(
            "decade",
            rf"{B}(?:the\s+)?(?:{FUZZ}[-\s]+(?:the\s+)?)?(?:(?P<century>1[6-9]|20)(?P<dec>\d)0s|'(?P<sdec>\d)0s){E}",
            7,
        ),
        # "Prices rose in the third quarter." / "third-quarter profit" / "the fiscal first quarter"
        _rule(
            "quarter",
            rf"{B}(?:the\s+)?(?:(?P<rel>latest|last|current|past|previous|next|same|year-ago|year-earlier|fiscal)\s+)?(?:fiscal[-\s]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(?:fiscal\s+)?quarter(?:\s+of\s+(?:fiscal\s+)?{YEAR4})?{E}",
            7,
        ),
        # "Profit doubled in the latest quarter." / "the year-ago quarter"
        _rule(
            "quarter_rel",
            r"(?<![\w-])(?:the\s+)?(?P<rel>latest|last|current|past|previous|next|same|year-ago|year-earlier|prior-year|fiscal)[-\s]+(?P<unit>quarter|period)(?![\w-])",
            6,
        ),
        # "Profit doubled from the 1994 second quarter." / "the 1994 period" / "next year's second
        # quarter": a quarter (or the reported period) of a named year
        _rule(
            "year_quarter",
            rf"{B}(?:the\s+)?(?:{YEAR4}|(?P<rel>next|last|this)\s+year's)\s+(?:(?:fiscal\s+)?(?P<ord>first|second|third|fourth)[-\s]+)?(?:fiscal\s+)?(?P<unit>quarter|period)(?![\w-])",
            9,
        ),
        # "Sales matched the same period last year." / "the quarter a year earlier" / "the
        # comparable year-earlier quarter": the reported period, one year back
        _rule(
            "period_year_ago",
            r"(?<![\w-])(?:the\s+)?(?:(?:corresponding|comparable|same)\s+)?(?:(?:year-ago|year-earlier)\s+)?(?P<unit>quarter|period)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier))(?![\w-])"
            r"|(?<![\w-])the\s+(?:corresponding|comparable)\s+(?:year-ago\s+|year-earlier\s+)?(?P<unit2>quarter|period)(?![\w-])",
            8,
        ),
        # "Sales for the year rose 4%." / "the full year" / "the fiscal year ended June 30" (the
        # reporting year; "the year before" and "the year-ago quarter" are other patterns)
        _rule(
            "the_year",
            r"(?<![\w-])the\s+(?P<kind>(?:full|fiscal|current|current\s+fiscal|latest\s+fiscal)\s+)?year(?![\w-])(?!\s+(?:before|after|earlier|later|ago|two|of|in|when|that|since|he|she|they|it|its|his|her|their)\b)",
            2,
        ),
        # "Revenue in the quarter rose 8%." (the quarter the report is about)
        _rule("the_quarter", r"(?<![\w-])the\s+quarter(?!\s+of\b)(?![\w-])", 2),
        # "Net income matched the year-earlier level." / "year-ago results"
        _rule("year_ago_adj", r"(?<![\w-])(?P<rel>year-earlier|year-ago)(?![\w-])", 2),
        # "Sales fell in the first half." / "the second half of 2024"
        _rule(
            "half_year",
            rf"{B}(?:the\s+)?(?P<ord>first|second|last)[-\s]+half(?:\s+of\s+(?:(?P<rel>this|last|next)\s+year|{YEAR4}))?{E}(?!\s+of\b)",
            9,
        ),
        # "Last year the mill closed." / "this week" / "next month" / "the following week"
        _rule(
            "relative_unit",
            rf"{B}(?:the\s+)?{REL}\s+(?P<unit>year|month|week|weekend|decade|century|quarter){E}",
            5,
        ),
        # "The strike began earlier this year." / "later that month"
        _rule(
            "earlier_this",
            rf"{B}(?P<when>earlier|later)\s+(?P<rel>this|that|last|next)\s+(?P<unit>year|month|week|day){E}",
            6,
        ),
        # "It rained last fall." / "this summer" / "the summer of 2019"; not a DOWNFALL
        # ("the fall of the junta", "after the fall of Kerensky": "fall of" + no year)
        _rule(
            "season",
            rf"{B}(?:(?P<rel>last|this|next|the\s+past|the\s+coming|the)\s+)?{SEASON}{_NOT_DOWNFALL}(?:\s+(?:of\s+)?(?:{YEAR4}|(?P<spoken>nineteen[-\s]{_SPOKEN_TENS}(?:[-\s]{_SPOKEN_UNITS})?)))?{E}",
            4,
        ),
        # "Exports collapsed in December." / "since January" ("May"/"March" need a preposition)
        _rule(
            "month",
            rf"{B}(?P<month>{_MONTH_FULL}|(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)(?![\w-]*\d)(?!\w)(?!\s+\d)",
            2,
            case=True,
        ),
        # "The plant closed in June last year." / "January this year"
        _rule(
            "month_rel_year",
            rf"{B}{MONTH}\s+(?P<rel>(?i:last|this|next))\s+(?i:year){E}",
            9,
            case=True,
        ),
        # "The convoy left at 10 p.m. Wednesday." / "noon Thursday"
        _rule(
            "clock_weekday",
            rf"{B}(?:{CLOCK}|(?P<noon>noon|midnight|midday))\s+{WEEKDAY}{E}",
            10,
            case=True,
        ),
        # "The ballot closes at 6 p.m. EST, Dec. 4." (a clock time on a written date)
        _rule(
            "clock_date",
            rf"{B}{CLOCK},?\s+(?:on\s+)?{MONTH}\s+{DAYNUM}(?:,?\s+{YEAR4})?{E}",
            11,
            case=True,
        ),
        # "The trial may open the week of Dec. 9." (the ISO week holding that day)
        _rule(
            "week_of",
            rf"{B}(?:(?i:the)\s+)?(?i:week)\s+of\s+{MONTH}\s+{DAYNUM}(?:,?\s+{YEAR4})?{E}",
            11,
            case=True,
        ),
        # "The monastery dates from the 11th century." (TimeML writes the 20th century as 19)
        _rule(
            "ordinal_century", rf"{B}(?:the\s+)?(?P<cent>[12]?\d)(?:st|nd|rd|th)[-\s]+century{E}", 8
        ),
        # "The boy was rescued on Thanksgiving Day." / "last Christmas" / "New Year's Eve"
        _rule(
            "holiday",
            r"(?<![\w-])(?:(?P<rel>last|this|next)\s+)?(?P<holiday>Thanksgiving(?:\s+Day)?|Christmas(?:\s+Day|\s+Eve)?|New\s+Year's(?:\s+Day|\s+Eve)|Election\s+Day|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Halloween)(?![\w-])",
            6,
        ),
        # "The envoy arrived over the weekend."
        _rule("the_weekend", r"(?<![\w-])the\s+weekend(?![\w-])", 3),
        # "The vote is next April." / "last May"
        _rule("relative_month", rf"{B}(?P<rel>(?i:last|this|next))\s+{MONTH}{E}", 5, case=True),
        # "The talks collapsed two years ago." / "a week or so ago" / "five days later"
        _rule(
            "ago",
            rf"{B}(?:(?P<approx>about|almost|nearly|some|roughly|more\s+than|less\s+than|over)\s+)?{NUM}[-\s]+{UNIT}(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|previously){E}",
            6,
        ),
        # "The trial lasted three years." / "the past two months" / "a two-year term"
        _rule(
            "duration",
            rf"{B}(?:(?P<approx>almost|more\s+than|less\s+than|at\s+least|up\s+to|over(?!\s+the))\s+)?(?:the\s+)?(?:(?P<rel>past|last|next|first|coming|previous|latest|final|following|recent|initial)\s+)?{NUM}(?:\s+more)?[-\s]+{UNIT}(?P<long>-long)?(?!-old|\s+old){E}",
            3,
        ),
        # "Shipments dried up in recent weeks." / "for years" / "in coming months"
        _rule(
            "vague_duration",
            r"(?<![\w-])(?:(?P<rel>recent|coming|past|next|the\s+past|the\s+coming|the\s+next|the\s+last)\s+(?P<unit>days|weeks|months|years|decades|quarters)|(?P<unit2>decades|centuries)(?:-long)?)(?![\w-])",
            2,
        ),
        # "The feud went on for years." / "Troops will arrive within weeks." (a bare plural
        # unit after "for"/"within" is a vague duration)
        _rule(
            "bare_plural_duration",
            r"(?:(?<=\bfor\s)|(?<=\bwithin\s))(?P<unit>years|months|weeks|days|hours|minutes)(?![\w-])(?!\s+(?:ago|later|earlier|before|after|of)\b)",
            2,
        ),
        # "Inspections happen every week." / "daily" / "annually" / "twice a year"
        _rule(
            "set",
            r"(?<![\w-])(?:(?:every|each)\s+(?:(?P<every_n>other|two|three|four|five|six)\s+)?(?P<unit>day|week|month|year|quarter|morning|evening|night|hour|minute|summer|winter|spring|fall|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|September|October|November|December)|(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually))(?![\w-])",
            4,
        ),
        # "The market opens on Saturdays." / "on Tuesday nights" (a plural weekday recurs)
        _rule(
            "weekday_plural",
            rf"{B}{WEEKDAY}(?:s|\s+(?P<parts>mornings|afternoons|evenings|nights)){E}",
            5,
            case=True,
        ),
        # "Ministers meet on Thursday." / "last Friday" / "Tuesday night" / "the previous Friday"
        _rule(
            "weekday",
            rf"{B}(?:(?P<rel>(?i:last|this|next|early|late|the\s+previous|the\s+following))\s+)?{WEEKDAY}(?:\s+{PART})?{E}",
            4,
            case=True,
        ),
        # Example: the blast happened at 3 p.m. / at 10.30 a.m. EST (also with a colon)
        _rule("clock", rf"{B}{CLOCK}", 9),
        # Example: "The curfew starts at 22.00 GMT" (written with a colon).
        _rule("clock24", rf"(?<=\bat\s){CLOCK24}{E}", 8),
        # "They met at noon." / "midnight"
        _rule("noon", r"(?<![\w-])(?P<noon>noon|midday|midnight)(?![\w-])", 3),
        # "Yesterday the army withdrew." / "tomorrow" / "tonight" / "this morning"
        _rule(
            "deictic",
            r"(?<![\w-])(?P<deictic>today|yesterday|tomorrow|tonight|(?:this|yesterday|tomorrow|last)\s+(?:morning|afternoon|evening|night))(?![\w-])",
            3,
        ),
        # "Prices are now higher." / "currently" / "at present" / "these days"
        _rule(
            "present_ref",
            r"(?<![\w-])(?P<ref>now|currently|nowadays|at\s+present|these\s+days|the\s+present|at\s+the\s+moment|at\s+this\s+time|right\s+now)(?![\w-])",
            2,
        ),
        # "He recently resigned." / "in the past" ("former", "previously", "soon" are left out:
        # TimeML does not mark them, and a role's "former" belongs to the roles extractor)
        _rule(
            "past_ref",
            r"(?<![\w-])(?P<ref>recently|formerly|the\s+past|lately|in\s+recent\s+times)(?![\w-])",
            1,
        ),
        # "Talks will resume in the future." / "the near future"
        _rule(
            "future_ref",
            r"(?<![\w-])(?P<ref>the\s+(?:near\s+|distant\s+)?future)(?![\w-])",
            1,
        ),
        # Example: output rose four percent in 2019 / in fiscal 1989 / by the year 2000
        _rule(
            "year",
            rf"(?<![\w$£€.,/-])(?:(?P<fiscal>fiscal|the\s+year)\s+)?{YEAR4}(?![\w%/]|,\d|\.\d|-\d\d-)",
            1,
        ),
        # Spoken years of broadcast transcripts: "The dam was finished in nineteen sixty-two." /
        # "before the year two thousand" / "January nineteen ninety-one" ("two thousand" alone is a
        # count, so it needs "the year" or a month before it)
        _rule(
            "spoken_year",
            rf"(?<![\w-])(?:(?:(?i:the\s+year)|(?P<month>{_MONTH_FULL}))\s+)?(?P<spoken>(?i:nineteen[-\s](?:{_SPOKEN_TENS}(?:[-\s]{_SPOKEN_UNITS})?|{_SPOKEN_TEENS})))(?![\w-])"
            rf"|(?<![\w-])(?:(?i:the\s+year)|(?P<month2>{_MONTH_FULL}))\s+(?P<spoken2>(?i:two\s+thousand(?:\s+(?:and\s+)?{_SPOKEN_UNITS})?))(?![\w-])",
            2,
            case=True,
        ),
        # "Output fell between 2022-2024." (two years: the second end of a range)
        _rule("year_range", rf"{B}{YEAR4}[-–](?P<year2>(?:19|20)?\d\d){E}", 11),
    )


@dataclass(frozen=True, slots=True)
class Match:
    rule: str
    start: int
    end: int
    groups: dict[str, str | None]


_EXCLUDE_BEFORE = re.compile(r"(?:\$|No\.|number|Flight|flight|Route|route|Highway|#)\s*$")
_MAY_CONTEXT = re.compile(
    r"(?:in|since|until|by|through|last|this|next|early|late|mid|of)[-\s]+$", re.I
)
_MONTH_VERB_NAMES = {"may", "march"}


def find(text: str, grammar: tuple[Rule, ...]) -> list[Match]:
    """All non-overlapping matches, longest first, in text order."""
    cands: list[tuple[int, int, int, Match]] = []
    low = text.lower()
    fast = foldable(text, low)
    present: dict[str, bool] = {}
    for rule in grammar:
        if fast and rule.needs and not _any_in(rule.needs, low, present):
            continue  # no match can be in this text
        folded = fast and rule.folded is not None
        pattern = rule.folded if folded and rule.folded is not None else rule.pattern
        for m in pattern.finditer(low if folded else text):
            start, end = m.span()
            if end <= start:
                continue
            groups = Hit(m, text).groupdict() if folded else m.groupdict()
            if not _accept(rule.name, start, end, groups, text):
                continue
            while end > start and text[end - 1] in " \t\n,":
                end -= 1
            cands.append(
                (-(end - start), -rule.priority, start, Match(rule.name, start, end, groups))
            )
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[Match] = []
    used: list[tuple[int, int]] = []
    for _, _, _, cand in cands:
        if any(cand.start < e and s < cand.end for s, e in used):
            continue
        taken.append(cand)
        used.append((cand.start, cand.end))
    taken.sort(key=lambda mt: mt.start)
    return taken


def _any_in(needs: frozenset[str], low: str, present: dict[str, bool]) -> bool:
    for need in needs:
        found = present.get(need)
        if found is None:
            found = present[need] = need in low
        if found:
            return True
    return False


def _accept(rule: str, start: int, end: int, g: dict[str, str | None], text: str) -> bool:
    """Context checks a pattern cannot express: verbs named like months, prices, counts."""
    before = text[max(0, start - 12) : start]
    after = text[end : end + 14]
    month = (g.get("month") or "").rstrip(".").lower()
    if rule == "month" and month in _MONTH_VERB_NAMES:
        return _MAY_CONTEXT.search(before) is not None
    if rule in ("year", "year_range") and (_EXCLUDE_BEFORE.search(before) or _COUNTED.match(after)):
        return False
    # "three-quarters of the vote", "a quarter of the staff": fractions of a whole, not periods;
    # but "over the next three quarters" and "after several quarters of losses" are periods
    if rule in ("duration", "ago") and (g.get("unit") or "").startswith("quarter"):
        num = (g.get("num") or "").lower()
        whole = _FRACTION_OF.match(text, end) is not None
        if rule == "ago":
            return not whole
        if whole or (num in ("three", "a") and not g.get("rel")):
            return False
    if rule == "duration" and (g.get("num") or "").lower() == "a" and g.get("unit") == "second":
        return False  # "a second time"
    if rule == "year_range":
        y1, y2 = int(g["year"] or 0), g["year2"] or ""
        y2v = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
        return y2v > y1
    return True


# an amount right before "a year"/"a week" makes it a rate ("saves the town $40,000 a year",
# "three sailings a week"): TimeML writes a SET
RATE_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|\b(?:million|billion|trillion|thousand|hundred|cents?|dollars|percent|"
    r"times|twice|once|flights|hours|trips|visits|shares|barrels|tons|people|seats))"
    r"(?:\s+(?:\w+\s+){0,2}?)?\s*$",
    re.IGNORECASE,
)
# the whole a fraction is taken of: "three-quarters of the vote", "a quarter of its staff"
_FRACTION_OF = re.compile(
    r"\s+of\s+(?:the|a|an|its|their|his|her|our|all|them|those|these|this|that|every)\b",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"\s*(?:%|percent|per\s|million|billion|people|troops|shares|tons|barrels|feet|meters|miles)"
)


def spoken_year_value(words: str) -> int | None:
    """'nineteen sixty-two' -> 1962, 'two thousand' -> 2000, 'two thousand and one' -> 2001."""
    w = re.sub(r"[-\s]+", " ", words.lower()).strip()
    if w.startswith("two thousand"):
        rest = w.removeprefix("two thousand").strip().removeprefix("and").strip()
        return 2000 + (NUMBERS.get(rest, 0) if rest else 0)
    if not w.startswith("nineteen "):
        return None
    parts = w.removeprefix("nineteen ").split()
    value = sum(NUMBERS.get(x, 0) for x in parts)
    return 1900 + value if 10 <= value <= 99 else None


def number_value(word: str) -> int | None:
    """'two' -> 2, '10' -> 10, 'twenty-five' -> 25, vague words ('several') -> None."""
    w = re.sub(r"\s+", " ", word.lower().strip())
    w = w.removesuffix(" 1/2")
    if w.replace(".", "", 1).isdigit():
        return round(float(w))
    if w in NUMBERS:
        return NUMBERS[w]
    if "-" in w or " " in w:
        tens, _, unit = w.replace(" ", "-").partition("-")
        if tens in NUMBERS and unit in NUMBERS:
            return NUMBERS[tens] + NUMBERS[unit]
    return None
