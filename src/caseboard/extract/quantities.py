"""Quantities: money, counts with the counted noun, percentages, spelled-out and vague numbers.

A grammar of named patterns over the cleaned text; the spaCy parse only supplies what is counted
(``about``), names, and where times and dates are (a tagger's DATE or ORDINAL is believed unless
money, a percentage or a non-time noun is counted). Conventions:

* money: ``unit`` is the ISO 4217 code, ``value`` is scaled ("$50 million" -> 50000000, USD);
* percentages: ``unit == "percent"``; counts: ``unit`` is the counted noun as written
  ("missiles"), ``about`` the noun phrase ("Russian-made Igla-S missiles");
* ``modifier`` is one of at_least, at_most, about, more_than, less_than, nearly, or None.
  "a little over"/"just over" read as more_than, "some"/"roughly"/"an estimated" as about;
* vague plurals are lower bounds: "dozens of" -> 24, "hundreds of" -> 200, "thousands of" ->
  2000, each with modifier at_least; "a dozen" -> 12;
* a range ("between 100 and 150 troops", "100-150 troops", "40 to 50 trucks", "two or three
  ships") gives two quantities over the same evidence: the low bound with at_least and the high
  bound with at_most; a change ("rose from 40 to 52 percent") gives both values, no modifier;
* a number glued to a noun is an attribute ("a 20-year deal", "a 35-year-old mayor"): ``unit``
  is that noun ("year", "year-old" for ages), ``about`` what it describes ("deal", "mayor");
* approximations after the number: "100 or so", "forty-odd" -> about; "two or more", "200-plus",
  "200+" -> at_least; "or fewer"/"or less" -> at_most;
* a bare number is kept only as the subject of a verb ("100 is more than routine") or as what a
  total comes to ("a crowd of 50,000"), unit None; an age set off by commas after a person
  ("Maria Ortiz, 47,") has unit "year-old" and the person as ``about``;
* shares are percentages: "two-thirds of voters" -> 66.67, "one in five nurses" -> 20;
* "pounds" is sterling unless it is a weight ("she weighs 130 pounds", "900 pounds (410 kg)").

Never quantities: years, parts of dates and times, ordinals, weapon designators ("S-300"),
phone numbers, reference marks ("[3]"), list numbers, house numbers ("10 Baker Street"),
numbers inside names ("Fortune 500", "Resolution 2254"), decades ("the 90's"), "one of the",
referential "the two" ("the two countries"), spelled set phrases ("two-way", "two-state"),
periods ("the last half of the decade").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from caseboard.extract.base import ParsedDoc, Stage
from caseboard.extract.nlp import doc_text
from caseboard.extract.patterns.folding import Hit, fold, foldable
from caseboard.model import Quantity, make_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME, VERSION = "quantities", "0.2"

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6,
    "mln": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "tr": 1e12,
    "lakh": 1e5, "crore": 1e7, "dozen": 12,
}  # fmt: skip
# vague amounts: value, modifier
_VAGUE = {
    "a dozen": (12.0, None), "dozens": (24.0, "at_least"), "scores": (40.0, "at_least"),
    "hundreds": (200.0, "at_least"), "thousands": (2000.0, "at_least"),
    "tens of thousands": (20000.0, "at_least"), "hundreds of thousands": (200000.0, "at_least"),
    "millions": (2e6, "at_least"), "billions": (2e9, "at_least"), "trillions": (2e12, "at_least"),
    "tens of millions": (2e7, "at_least"), "hundreds of millions": (2e8, "at_least"),
    "tens of billions": (2e10, "at_least"), "hundreds of billions": (2e11, "at_least"),
    # VAGUE SCALED, example sentence -- Several hundred troops and a few thousand civilians left.
    "a few hundred": (200.0, "at_least"), "several hundred": (300.0, "at_least"),
    "a few thousand": (2000.0, "at_least"), "several thousand": (3000.0, "at_least"),
    "a few million": (2e6, "at_least"), "several million": (3e6, "at_least"),
    "a few billion": (2e9, "at_least"), "several billion": (3e9, "at_least"),
}  # fmt: skip
# CURRENCY, example sentence -- Canberra pledged A$50 million, Delhi Rs 500 crore, Kyiv ₴2bn
# and Bern 40 million Swiss francs; the deal is worth 5 million USD.
_CURRENCY_SYMBOL = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₽": "RUB", "₹": "INR",
    "₩": "KRW", "₺": "TRY", "₴": "UAH", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "Rs": "INR", "Rs.": "INR",
}  # fmt: skip
_CURRENCY_WORD = {
    "dollar": "USD", "euro": "EUR", "ruble": "RUB", "rouble": "RUB", "pound": "GBP",
    "yuan": "CNY", "renminbi": "CNY", "bolivar": "VES", "bolívar": "VES", "peso": "MXN",
    "rupee": "INR", "yen": "JPY", "franc": "CHF", "lira": "TRY", "hryvnia": "UAH",
    "shekel": "ILS", "riyal": "SAR", "dirham": "AED", "naira": "NGN",
}  # fmt: skip
# NATIONAL CURRENCY, example sentence -- The bond sale raised 90 million Canadian dollars and
# 2,000 Swiss francs; "dollars" alone is USD.
_CURRENCY_NATION = {
    "us": "USD", "u.s.": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD",
    "hong kong": "HKD", "new zealand": "NZD", "singapore": "SGD", "taiwan": "TWD",
    "taiwanese": "TWD", "jamaican": "JMD", "namibian": "NAD", "zimbabwean": "ZWL",
    "swiss": "CHF", "french": "FRF", "belgian": "BEF", "turkish": "TRY", "mexican": "MXN",
    "argentine": "ARS", "chilean": "CLP", "colombian": "COP", "philippine": "PHP",
    "cuban": "CUP", "egyptian": "EGP", "lebanese": "LBP", "syrian": "SYP", "sudanese": "SDG",
    "british": "GBP", "kenyan": "KES", "ugandan": "UGX", "tanzanian": "TZS", "indian": "INR",
    "pakistani": "PKR", "russian": "RUB", "chinese": "CNY", "japanese": "JPY",
    "brazilian": "BRL", "south african": "ZAR", "venezuelan": "VES", "nigerian": "NGN",
}  # fmt: skip
_CODES = "USD|EUR|GBP|JPY|CNY|RUB|INR|CHF|AUD|CAD|HKD|SGD|BRL|MXN|ZAR|KRW|SEK|NOK|UAH|TRY|VES|ILS"
_CURRENCY_CODE = set(_CODES.split("|"))
# wire-service abbreviation, example sentence -- The bank lent dlrs 35 million (dlrs 940 each).
_CURRENCY_ALIAS = {"DLRS": "USD", "DLR": "USD"}

# MODIFIERS, example sentence -- At least 40 people died and nearly 100 soldiers landed, while
# a little over 120,000 barrels a day and more than $2 billion in loans changed hands.
_MODIFIERS = {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "a minimum of": "at_least", "at most": "at_most", "up to": "at_most",
    "no more than": "at_most", "as many as": "at_most", "a maximum of": "at_most",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "circa": "about",
    "more than": "more_than", "over": "more_than", "above": "more_than",
    "a little over": "more_than", "just over": "more_than", "upwards of": "more_than",
    "in excess of": "more_than", "less than": "less_than", "fewer than": "less_than",
    "under": "less_than", "below": "less_than", "just under": "less_than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just shy of": "nearly",
}  # fmt: skip

_SPELLED_SMALL = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(k for k in _UNITS if k != "zero")
    + r"))?|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
)  # fmt: skip
# SPELLED, example sentence -- Three hundred and forty-six volunteers and a hundred sixty
# doctors came; three thousand five hundred tents were sent.
_HUNDREDS = rf"(?:{_SPELLED_SMALL}|an?)\s+hundred(?:\s+(?:and\s+)?{_SPELLED_SMALL})?"
_THOUSANDS = (
    rf"(?:{_HUNDREDS}|{_SPELLED_SMALL}|an?)\s+thousand"
    rf"(?:\s+(?:and\s+)?(?:{_HUNDREDS}|{_SPELLED_SMALL}))?"
)
_SPELLED = rf"(?:{_THOUSANDS}|{_HUNDREDS}|{_SPELLED_SMALL})"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# long scale words may follow a space or a hyphen ("a $5-billion deal"); single letters only
# glued on ("$5m", "€2bn")
_SCALE_WORDS = r"(?:hundred|thousand|million|billion|trillion|mln|mn|bn|tn|lakh|crore|dozen)"
_SCALE = rf"(?:(?:[\s-]?{_SCALE_WORDS}\b){{1,2}}|[kmb])"  # "1 lakh crore", "5 thousand million"
# ARTICLE SCALE, example sentence -- A hundred volunteers came, half a million people fled and
# a quarter of a million euros was lost.
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "three quarters": 0.75, "third": 1 / 3}
_ARTICLE = (
    r"(?:(?:half|a\s+quarter\s+of|three[\s-]quarters\s+of|a\s+third\s+of)\s+)?"
    r"an?(?=\s(?:hundred|thousand|million|billion|trillion)\b)"
)
_MOD = "|".join(sorted((re.escape(m) for m in _MODIFIERS), key=len, reverse=True))
_VAGUE_RE = "|".join(sorted((re.escape(v) for v in _VAGUE), key=len, reverse=True))

# NUMBER, example sentence -- Venezuela holds 5,000 launchers, 1.5 million rounds and two
# nuclear-capable bombers; 33.4% of the budget went to defence.
# the case-sensitive parts ("Rs 500 crore", "5 million USD"); the folded twin of the pattern
# (_QUANTITY_FOLDED) leaves them out, so it only runs on texts that hold none of them
_CASED_CUR = rf"|(?-i:Rs)\.?\s?|(?-i:{_CODES})\s?"
_CASED_CODE = rf"(?-i:{_CODES})"
_NUMBER = (
    rf"(?P<cur>(?:US|AU|A|CA|C|HK|NZ|S|R)\$|[$€£¥₽₹₩₺₴]{_CASED_CUR}"
    r"|dlrs?\s)?"
    rf"(?P<num>{_DIGITS}|{_SPELLED}|{_ARTICLE})"
    rf"(?:(?P<scale>{_SCALE})\b)?"
)
# RANGE, example sentence -- Between 100 and 150 instructors arrived; 20-30 aircraft, 40 to 50
# trucks and two or three ships followed. (After "from" it is a change: "rose from 10 to 12
# percent" gives 10 and 12 percent, neither a bound.)
_RANGE_TAIL = (
    r"(?:\s*[-–]\s*|(?(btw)\s+(?:and|to)\s+|\s+(?P<rsep>to|or)\s+))"
    rf"(?P<cur2>US\$|[$€£¥₽₹₩₺₴])?(?P<num2>{_DIGITS}|{_SPELLED})(?:(?P<scale2>{_SCALE})\b)?"
)
# CHANGE, example sentence -- Turnout rose from 40 to 52 percent and the stock fell $1.50 to
# $12.25: two values, not the bounds of a range.
_CHANGE = re.compile(
    r"\b(?:from|fell|falls?|fallen|rose|rises?|risen|dropped|drops?|climbed|climbs?|jumped|"
    r"slipped|gained|gains?|lost|declined|increased|decreased|grew|shrank|sank|soared|plunged|"
    r"tumbled|slid|edged|cut|raised|lowered|up|down)\s+$",
    re.IGNORECASE,
)
# APPROXIMATE AFTER, example sentence -- The 100 or so advisers, forty-odd trucks, two or more
# carriers and 200-plus volunteers arrived.
_POST_MODIFIERS = {
    "or so": "about", "odd": "about", "ish": "about", "or more": "at_least", "plus": "at_least",
    "+": "at_least", "or fewer": "at_most", "or less": "at_most", "strong": None,
}  # fmt: skip
# ("a 1,000-strong force" counts the force's members: no modifier, the force is what is counted)
_POST = r"(?P<post>\s+or\s+(?:so|more|fewer|less)\b|-(?:odd|plus|ish|strong)\b|\+)"
# COMPOUND, example sentence -- They signed a 20-year deal; a 35-year-old mayor and a 12-member
# panel took part in a three-day visit.
# ("a five-figure fee" is no count of figures)
_NOT_COMPOUND = (
    r"(?:odd|plus|ish|fold|strong|something|figures?|digits?|to|and|or|of|in|on|by|for|the)\b"
)
_COMPOUND = rf"-(?!{_NOT_COMPOUND}|{_SCALE_WORDS}\b)(?P<cunit>[a-z]{{2,}})(?P<old>-olds?)?\b"
# PERCENT / CURRENCY WORD, example sentence -- Output fell 12 percent and cost 10 billion rubles.
_AFTER = (
    r"(?P<pct>\s?%|\s+per\s?cent\b|\s+percent\b)|"
    r"\s+(?P<curword>(?:US\s+)?(?:dollar|euro|ruble|rouble|pound|yuan|renminbi|bol[ií]var|"
    r"peso|rupee|yen|dlr|franc|lira|hryvnia|shekel|riyal|dirham|naira)s?)\b|"
    rf"\s+(?P<curcode>{_CASED_CODE})\b"
)
# WEIGHT IN POUNDS, example sentence -- Customs seized 900 pounds (410 kg) of resin; the boxer
# weighs 130 pounds.
_KILOS = re.compile(r"\s*\((?:about\s+|some\s+)?[\d,.]+\s*(?:kg|kgs|kilos|kilograms)\b", re.I)

# SHARE, example sentence -- Nearly two-thirds of voters and one in five nurses backed the strike;
# half of the staff left. (A share is a percentage: 66.67, 20 and 50 percent; "a quarter of a
# million" stays a number.)
_DENOMINATORS = {
    "half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "eighth": 8, "tenth": 10,
}  # fmt: skip
_FRACTION = (
    r"(?P<frac>(?:(?P<fnum>a|one|two|three|four|five|seven|nine)[\s-])?"
    r"(?P<fden>half|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?))"
    r"(?=\s+of\s+(?!an?\s+(?:hundred|thousand|million|billion|trillion)\b))"
)
_RATIO = (
    rf"(?P<ratio>(?P<rnum>\d+|{_SPELLED_SMALL}|an?)\s+(?:in|out\s+of)\s+(?:every\s+)?"
    rf"(?P<rden>\d[\d,]*|{_SPELLED_SMALL}))(?=\s+[^\W\d])"
)

_QUANTITY_SOURCE = (
    rf"(?<![\w.,$€£¥₽₹₩₺₴\-/])(?:(?P<mod>{_MOD})\s+)?"
    rf"(?:{_FRACTION}|{_RATIO}|(?P<vague>{_VAGUE_RE})\b"
    rf"|(?:(?P<btw>between)\s+)?{_NUMBER}(?:{_RANGE_TAIL}|{_POST}|{_COMPOUND})?)"
    rf"(?:{_AFTER})?"
    # not glued to more: "1,000-strong" is not "1", "9-to-5" is no amount of anything, "the 90's"
    # is a decade; a rate stays ("a $7-a-share bid") and so does "an 85%-owned unit"
    r"(?(pct)(?!\w)|(?![\w%]|-(?!an?-)\w|[.,]\d|['’]s\b))"
)
_QUANTITY = re.compile(_QUANTITY_SOURCE, re.IGNORECASE)
# The same pattern without its case-sensitive parts (the code group never matches), run
# case-sensitively on the lower-cased text: about three times faster, and the same matches on
# a text that holds no "Rs" and no currency code, where those parts cannot match
# (extract.patterns.folding; tests/unit/extract/test_quantities_folding.py)
_QUANTITY_FOLDED = fold(
    _QUANTITY_SOURCE.replace(_CASED_CUR, "", 1).replace(_CASED_CODE, "(?!)", 1), re.IGNORECASE
)
_CASED = re.compile(rf"Rs|{_CODES}")


def _matches(text: str) -> Callable[[int], Hit | None]:
    """Search ``text`` from a position: with the folded pattern when it may run."""
    low = text.lower()
    if _QUANTITY_FOLDED is not None and foldable(text, low) and _CASED.search(text) is None:
        search, target = _QUANTITY_FOLDED.search, low
    else:
        search, target = _QUANTITY.search, text

    def at(pos: int) -> Hit | None:
        m = search(target, pos)
        return None if m is None else Hit(m, text)

    return at


_PHONE = re.compile(r"\+?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}(?:[\s.-]\d{2,4})?")
_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
# entities a number can be part of the name of (titles of works hold real quantities: "Iran and
# Peru Sign 20-Year Pact" stays)
_NAME_PART_ENTS = frozenset({"ORG", "PRODUCT", "FAC", "LAW", "EVENT", "GPE", "LOC", "PERSON"})
_TIME = frozenset({"TIME"})
_DATE_ORDINAL = frozenset({"DATE", "ORDINAL"})
# REFERENTIAL, example sentence -- The two countries signed; all three states objected. (A first
# mention has no determiner: "two ships docked"; "the 100 or so Russians" is still a count.)
_REFERENTIAL = re.compile(r"\b(?:the|these|those|all|both)\s+$", re.IGNORECASE)
_SMALL_SPELLED = re.compile(r"two|three|four", re.IGNORECASE)
# SPOKEN YEAR, example sentence -- The plant closed in nineteen ninety-seven.
_SPOKEN_YEAR = re.compile(r"\b(?:eighteen|nineteen|twenty)\s+$", re.IGNORECASE)


def _spelled_value(word: str) -> float | None:
    """ "twenty-three" -> 23, "a hundred sixty" -> 160, "three thousand five hundred" -> 3500."""
    w = word.lower().replace("-", " ").split()
    if not w:
        return None
    total = current = 0.0
    for part in w:
        if part in {"and", "a", "an"}:
            continue
        if part in _UNITS:
            current += _UNITS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part == "hundred":
            current = (current or 1) * 100
        elif part == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


def _number(num: str, scale: str | None) -> float | None:
    article = num.lower().replace("-", " ").split()
    if article[-1] in {"a", "an"}:
        # "a hundred", "half a million", "a quarter of a million"
        head = " ".join(w for w in article[:-1] if w not in {"a", "of"})
        value = _FRACTIONS.get(head, 1.0)
    elif num[0].isdigit():
        value = float(num.replace(",", ""))
    else:
        spelled = _spelled_value(num)
        if spelled is None:
            return None
        value = spelled
    for word in re.findall(r"[a-z]+", (scale or "").lower()):
        value *= _SCALES[word]
    return value


_TIME_NOUNS = frozenset(
    {
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week",
        "weeks", "month", "months", "year", "years", "decade", "decades", "century", "centuries",
        "fortnight", "fortnights", "weekend", "weekends", "weekday", "weekdays", "night", "nights",
        "morning", "mornings", "evening", "evenings", "afternoon", "afternoons", "summer",
        "summers", "winter", "winters", "spring", "springs", "autumn", "autumns", "season",
        "seasons", "millennium", "millennia",
    }
)  # fmt: skip
# set phrases a spelled-out number is glued to: not quantities ("a two-way race")
_SET_PHRASES = frozenset(
    {
        "way", "state", "sided", "off", "time", "faced", "party", "thirds", "third", "quarters",
        "quarter", "half", "fifths", "star", "tier", "stop", "liner", "piece", "on", "front",
        "horse", "handed", "dimensional", "fold", "hit", "shot", "eyed", "legged",
    }
)  # fmt: skip
# units of measure: "one" may be glued only to these ("a one-year deal", not "one-man show")
_MEASURES = frozenset(
    {
        "second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "mile",
        "kilometre", "kilometer", "km", "metre", "meter", "foot", "inch", "tonne", "ton", "acre",
        "hectare", "member", "seat", "nation", "country", "page", "point", "storey", "story",
    }
)  # fmt: skip
# what a number before a proper name is: a house number or part of a name ("10 Baker Street")
_NAME_ENTS = frozenset({"FAC", "GPE", "LOC", "ORG"})
_STREETS = frozenset(
    {
        "street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "drive",
        "place", "square", "way", "court", "terrace", "embankment", "highway",
    }
)  # fmt: skip
_NP_POS = frozenset({"ADJ", "PROPN", "NOUN"})
# nouns a number labels rather than counts ("page 7", "article 5", "No. 10")
_LABELS = frozenset(
    {
        "page", "pages", "p", "pp", "article", "section", "chapter", "paragraph", "clause", "item",
        "line", "room", "gate", "platform", "route", "flight", "number", "no", "nos", "resolution",
        "amendment", "table", "figure", "fig", "appendix", "annex", "rule", "phase", "stage",
        "level", "grade", "category", "exhibit", "volume", "vol", "episode", "season", "act",
        "lane", "pier", "berth", "terminal", "hall", "block", "unit", "ward", "district", "zone",
    }
)  # fmt: skip
# nouns for people whose age may follow between commas ("her son, 12, escaped")
_PERSON_NOUNS = frozenset(
    {
        "man", "woman", "boy", "girl", "son", "daughter", "wife", "husband", "mother", "father",
        "brother", "sister", "child", "victim", "suspect", "driver", "teacher", "student",
        "soldier", "officer", "resident", "worker", "farmer", "nurse", "doctor", "pilot",
        "journalist", "player", "owner", "friend", "neighbour", "neighbor", "passenger",
        "senator", "minister", "president", "governor", "mayor", "lawmaker", "judge", "general",
        "chief", "leader", "actor", "actress", "singer", "author", "writer", "director", "founder",
        "chairman", "chairwoman", "executive", "spokesman", "spokeswoman", "activist", "refugee",
        "migrant", "patient", "defendant", "prisoner", "veteran", "mechanic", "engineer",
    }
)  # fmt: skip
_TOTAL_VERBS = frozenset({"number", "total", "reach", "exceed", "top", "surpass"})
_TOTALS = frozenset(
    {
        "crowd", "total", "toll", "tally", "count", "number", "population", "workforce", "force",
        "army", "fleet", "audience", "turnout", "membership", "staff", "gathering",
    }
)  # fmt: skip
_PARTITIVE_DETS = frozenset(
    {"the", "these", "those", "his", "her", "its", "their", "our", "my", "your"}
)
_MONTHS = frozenset(
    {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december",
    }
)  # fmt: skip
_WORD = re.compile(r"^[^\W\d][\w.-]*$")


def _in_name(tok: Token) -> bool:
    """A number inside a name: "Fortune 500", "Resolution 2254", "Flight 17"."""
    if tok.ent_iob_ == "I" and tok.ent_type_ in _NAME_PART_ENTS:
        return True
    if tok.i > 0 and tok.doc[tok.i - 1].lower_.rstrip(".") in _LABELS:
        return True  # LABEL, example sentence -- Page 7 of the report cites article 5 and room 12.
    head = tok.head  # the number hangs on the capitalised word just before it
    return (
        head.i == tok.i - 1
        and head.pos_ in {"PROPN", "NOUN"}
        and head.text[:1].isupper()
        and not head.is_sent_start
    )


def _np_piece(tok: Token) -> bool:
    """A token inside a counted noun phrase: adjective (also a participle: "87 wounded
    civilians"), noun, hyphen or designator ("F-16")."""
    return (
        tok.pos_ in _NP_POS
        or (tok.dep_ == "amod" and tok.tag_ in {"VBN", "VBG"})
        or tok.text in {"-", "–"}
        or (tok.like_num and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-")
        or _in_name(tok)
        or (any(c.isalpha() for c in tok.text) and any(c.isdigit() for c in tok.text))
    )


def _syntactic_head(doc: Doc, i: int) -> int | None:
    """The noun the number before token ``i`` counts, from the parse, when it follows closely.

    COUNTED BY THE PARSE, example sentence -- Estonia sent three F-16 fighter jets and two Tu-160
    strategic bombers (the noun phrase runs through the designator to "jets" and "bombers").
    """
    if i == 0:
        return None
    num = doc[i - 1]
    head = num.head
    if num.dep_ != "nummod" or not i <= head.i < i + 8 or head.pos_ not in {"NOUN", "PROPN"}:
        return None
    if all(_np_piece(t) and t.lower_.rstrip(".") not in _MONTHS for t in doc[i : head.i]):
        return head.i
    return None


def _counted(doc: Doc, end: int, text: str) -> tuple[str | None, str | None, bool]:
    """The counted noun phrase after ``end``: (unit, about, is_duration)."""
    span = doc.char_span(end, len(text), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None, False
    i = span.start
    if doc[i].lower_ == "of":
        i += 1  # "hundreds of Russian troops"
        if i < len(doc) and doc[i].lower_ in _PARTITIVE_DETS:
            i += 1
            # PARTITIVE, example sentence -- The opposition won 41 of the 120 seats.
            if i + 1 < len(doc) and doc[i].like_num and doc[i].pos_ == "NUM":
                i += 1
        # "two of Elian's Miami cousins": past the possessor
        for k in range(i, min(i + 4, len(doc))):
            if doc[k].tag_ == "POS":
                i = k + 1
                break
            if doc[k].pos_ not in {"PROPN", "NOUN"}:
                break
    if i >= len(doc):
        return None, None, False
    if doc[i].lower_.rstrip(".") in _MONTHS:
        return None, None, True  # "28 Mar", "4 June": a date the tagger missed
    head = _syntactic_head(doc, i)
    if head is not None:
        return _unit_of(doc, i, head, text)
    j = i
    while j < min(i + 8, len(doc)):
        tok = doc[j]
        glued = tok.text in {"-", "–"} or (j > i and doc[j - 1].text in {"-", "–"})
        if not (tok.pos_ in _NP_POS or glued) or tok.like_num or tok.lower_.rstrip(".") in _MONTHS:
            break
        if not glued and not _WORD.match(tok.text):
            break
        if tok.pos_ in {"NOUN", "PROPN"}:
            head = j
        nxt = doc[j + 1] if j + 1 < len(doc) else None
        if tok.pos_ == "NOUN" and (nxt is None or (nxt.pos_ != "NOUN" and nxt.text not in "-–")):
            break
        j += 1
    if head is None:
        if doc[i].lower_.rstrip(".") in _MONTHS:
            return None, None, True  # "28 Mar": a date the tagger missed
        return None, None, False
    return _unit_of(doc, i, head, text)


def _unit_of(doc: Doc, i: int, head: int, text: str) -> tuple[str | None, str | None, bool]:
    # "11 co-workers", "a 50-year-old ex-soldier": the word glued on by a hyphen is the head
    while (
        head + 2 < len(doc)
        and doc[head + 1].text == "-"
        and not doc[head].whitespace_
        and not doc[head + 1].whitespace_
        and doc[head + 2].is_alpha
    ):
        head += 2
    unit_tok = doc[head]
    if unit_tok.pos_ == "PROPN" and (
        (unit_tok.ent_type_ in _NAME_ENTS and not unit_tok.text.endswith("s"))
        or (unit_tok.lower_.rstrip(".") in _STREETS and unit_tok.text[0].isupper())
    ):
        return None, None, False  # "10 Baker Street", "48 East 19th Street": not a count
    about = text[doc[i].idx : unit_tok.idx + len(unit_tok.text)]
    first = head  # "two 19-year-olds": the unit is "year-olds", not "olds"
    while first - 2 >= i and doc[first - 1].text == "-" and doc[first - 2].is_alpha:
        first -= 2
    unit = text[doc[first].idx : unit_tok.idx + len(unit_tok.text)].lower()
    return unit, about, unit_tok.lower_ in _TIME_NOUNS


def _money_about(doc: Doc, end: int, text: str) -> str | None:
    """ "$12 billion in arms and equipment" -> "arms and equipment"."""
    m = re.match(r"\s+(?:in|of|for|on|worth\s+of)\s+((?:[\w-]+\s?){1,5})", text[end : end + 80])
    if not m:
        return None
    words = m.group(1).split()
    keep: list[str] = []
    for w in words:
        if w.lower() in {"to", "from", "by", "on", "at", "that", "which", "over", "since"}:
            break
        keep.append(w)
    return " ".join(keep) or None


def _blocked(doc: Doc, start: int, end: int, ents: frozenset[str] = _SKIP_ENTS) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in ents for t in span)


def _named(doc: Doc, start: int, end: int) -> bool:
    """NAME NUMBER, example sentence -- Fortune 500 firms and Resolution 2254 were discussed."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(_in_name(t) for t in span)


def _proper(doc: Doc, about: str | None, end: int) -> bool:
    """Is the head of the counted phrase a proper noun?"""
    if not about:
        return False
    at = doc_text(doc).find(about, end)
    span = doc.char_span(at, at + len(about), alignment_mode="expand") if at >= 0 else None
    return span is not None and span[-1].pos_ == "PROPN"


def _after_month(doc: Doc, start: int) -> bool:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1]
    if prev.text == "." and span.start > 1:
        prev = doc[span.start - 2]
    return prev.lower_.rstrip(".") in _MONTHS


def _is_year(num: str, m: Hit) -> bool:
    return (
        re.fullmatch(r"1[5-9]\d\d|20\d\d", num) is not None
        and not m.group("cur")
        and not m.group("pct")
        and not m.group("curword")
        and not m.group("curcode")
    )


def _bare_subject(doc: Doc, start: int, end: int, text: str, last: int | None = None) -> bool:
    """A number with nothing counted that is still a count: the subject of a verb, or the
    amount a total, crowd or toll comes to.

    BARE SUBJECT, example sentence -- Past missions sent a handful of officers, but 150 is far
    beyond that. Of the 40 passengers, 12 were children. (Not "[3]", "1. Overview", "page 12".)
    BARE TOTAL, example sentence -- Marchers numbered some 8,000, a crowd of 50,000 to 60,000;
    the death toll rose to 45 and a total of 300 were hurt.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    tok = span[-1]
    ends = [tok]
    if last is not None and (span2 := doc.char_span(last - 1, last, alignment_mode="expand")):
        ends.append(span2[-1])  # the second number of a range
    before = text[:start].rstrip(" ")
    if before.endswith(("[", "(", "#", "No.", "no.")) or (
        text[end : end + 1] == "." and (not before or before.endswith("\n"))
    ):
        return False  # a reference mark or a list number
    if span.start > 0 and doc[span.start - 1].lower_ in {"the", "these", "those", "all"}:
        return False  # "the two met in Paris": referential, not a count
    if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.pos_ in {"VERB", "AUX"}:
        return True
    return any(_amount_of_total(t) for t in ends)


def _age(doc: Doc, m: Hit, text: str) -> str | None:
    """Whose age a number set off by commas is ("" when nobody is named), or None.

    AGE, example sentence -- John Hale, 52, said the plant would close; the victim, aged 19, was
    a student.
    """
    num = m.group("num") or ""
    if m.group("num2") or m.group("mod") or not num.isdigit() or not 0 < int(num) < 120:
        return None
    span = doc.char_span(m.start("num"), m.end("num"), alignment_mode="expand")
    if span is None or len(span) != 1:
        return None
    tok = span[0]
    if tok.head.lower_ == "aged":
        return ""
    before, after = text[: m.start()].rstrip(" "), text[m.end() :].lstrip(" ")
    if tok.dep_ != "appos" or not before.endswith(",") or after[:1] not in {",", ")", "—", "-"}:
        return None
    head = tok.head
    if head.ent_type_ == "PERSON":
        ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        return ent.text if ent is not None else head.text
    return head.text if head.lemma_ in _PERSON_NOUNS else None


def _amount_of_total(tok: Token) -> bool:
    head = tok.head
    if tok.dep_ == "dobj":
        return head.lemma_ in _TOTAL_VERBS  # "numbered 8,000", "topped 40,000"
    if tok.dep_ != "pobj":
        return False
    if head.lower_ == "of":
        return head.head.lemma_ in _TOTALS  # "a crowd of 50,000", "a total of 300"
    verb = head.head  # "the toll rose to 45"
    return head.lower_ == "to" and any(
        c.dep_ == "nsubj" and c.lemma_ in _TOTALS for c in verb.children
    )


def _compound(doc: Doc, m: Hit, end: int, text: str) -> tuple[str, str | None] | None:
    """ "a 20-year deal" -> ("year", "deal"); "35-year-old Juan" -> ("year-old", "Juan")."""
    num, cunit = m.group("num"), m.group("cunit").lower()
    if cunit not in _MEASURES:
        if not num[0].isdigit() and cunit in _SET_PHRASES:
            return None  # "two-way", "two-state solution", "two-thirds": set phrases
        span = doc.char_span(m.start("cunit"), m.end("cunit"), alignment_mode="expand")
        if span is None or span[-1].pos_ not in {"NOUN", "PROPN"}:
            return None
    if _is_year(num, m):
        return None  # "a 2020-era policy"
    _, about, _ = _counted(doc, end, text)
    return cunit + ("-old" if m.group("old") else ""), about  # "20-year-olds": an age too


def _values(m: Hit, mod: str | None, text: str) -> list[tuple[float, str | None]]:
    """(value, modifier) of a match: one, two for a range, none when it is not an amount."""
    if m.group("vague"):
        v, vmod = _VAGUE[m.group("vague").lower()]
        return [(v, mod or vmod)]
    num = m.group("num")
    measured = bool(m.group("cunit")) and m.group("cunit").lower() in _MEASURES
    if num.lower() == "zero":
        return []  # "zero tolerance", "zero knowledge": a figure of speech ("0" stays a number)
    if num.lower() == "one" and not m.group("scale") and not measured and not m.group("num2"):
        return []  # "one of the", "one hypothesis": not a count worth reporting; "one-year" is
    if _is_year(num, m) and not m.group("num2"):
        return []
    low = _number(num, m.group("scale") or m.group("scale2"))
    if low is None:
        return []
    if m.group("num2"):
        high = _number(m.group("num2"), m.group("scale2") or m.group("scale"))
        change = m.group("rsep") == "to" and _CHANGE.search(text, max(0, m.start() - 30), m.start())
        if change and high is not None and high != low and not _is_year(m.group("num2"), m):
            return [(low, None), (high, None)]
        if high is None or high <= low or _is_year(m.group("num2"), m):
            return []  # "2018-2023" or "10-4": not a range of amounts
        return [(low, "at_least"), (high, "at_most")]
    post = m.group("post")
    post_mod = _POST_MODIFIERS[" ".join(post.strip(" -").lower().split())] if post else None
    return [(low, mod or post_mod)]


def _money_unit(unit: str | None, about: str | None) -> str | None:
    """ "dollars" -> USD, "Canadian dollars" -> CAD, "Kenyan shillings" -> KES, else None."""
    word = (unit or "").rstrip("s")
    words = (about or "").lower().split()
    two, one = " ".join(words[-3:-1]), " ".join(words[-2:-1])
    code = _CURRENCY_NATION.get(two) or _CURRENCY_NATION.get(one)
    if word in {"dollar", "franc", "pound", "shilling", "peso", "rupee", "dinar"}:
        if code:
            return code
        if word == "pound":
            return None  # "thousands of pounds of explosives": weight as often as sterling
    return _CURRENCY_WORD.get(word)


def _weight(doc: Doc, m: Hit, end: int, text: str) -> bool:
    """Pounds of weight, not sterling: a kilogram conversion follows or the verb is 'weigh'."""
    if _KILOS.match(text, end):
        return True
    span = doc.char_span(m.start(), end, alignment_mode="expand")
    return span is not None and any(t.lemma_ == "weigh" for t in span.sent)


def _unit_about(doc: Doc, m: Hit, end: int, text: str) -> tuple[str | None, str | None] | None:
    """Unit and what is counted, or None when the match is not a quantity after all."""
    cur = (m.group("cur") or m.group("cur2") or "").strip()
    if cur:
        code = cur.upper()
        unit = _CURRENCY_SYMBOL.get(cur) or _CURRENCY_ALIAS.get(code)
        unit = unit or (code if code in _CURRENCY_CODE else None)
        return unit, _money_about(doc, end, text)
    if m.group("curword"):
        word = m.group("curword").lower().split()[-1].rstrip("s")
        if word == "pound" and _weight(doc, m, end, text):
            return m.group("curword").lower(), None
        return _CURRENCY_WORD.get(word) or _CURRENCY_ALIAS.get(word.upper()), _money_about(
            doc, end, text
        )
    if m.group("curcode"):
        return m.group("curcode"), _money_about(doc, end, text)
    if m.group("pct"):
        return "percent", None
    if m.group("cunit"):
        return _compound(doc, m, end, text)
    unit, about, duration = _counted(doc, end, text)
    if duration:
        return None  # "ten years", "two days": durations belong to time expressions
    if unit is None and (person := _age(doc, m, text)) is not None:
        return "year-old", person or None
    # MONEY COUNTED, example sentence -- Millions of dollars and 40 million Swiss francs moved.
    money = _money_unit(unit, about)
    if money:
        return money, None
    if (
        unit is None
        and not m.group("scale")
        and not re.search(r"hundred|thousand", m.group("num") or "", re.IGNORECASE)
        and not m.group("vague")
        and not _bare_subject(
            doc, m.start("num"), m.end("num"), text, m.end("num2") if m.group("num2") else None
        )
    ):
        return None  # a bare number with nothing counted: list numbers, references
    return unit, about


def _run(p: ParsedDoc) -> dict[str, Any]:
    text, doc = p.document.text, p.doc
    phones = [(m.start(), m.end()) for m in _PHONE.finditer(text) if m.group(0).count(" ") < 3]
    out: list[Quantity] = []
    pos = 0
    search = _matches(text)
    while (m := search(pos)) is not None:
        start, end = m.start(), m.end()
        pos = end
        if any(a <= start < b for a, b in phones):
            continue
        mod = _MODIFIERS.get(m.group("mod").lower()) if m.group("mod") else None
        if m.group("frac") or m.group("ratio"):
            share = None if _period(text, m) else _share(m)
            if share is not None:
                out += _quantities(p, m, [(share, mod)], "percent", _counted(doc, end, text)[1])
            continue
        # the number proper (without the modifier) must not sit in a time ("10:30"); an
        # attribute ("a 20-year deal") is often typed DATE by the tagger and is kept
        num_start = m.start("vague") if m.group("vague") else m.start("num")
        if not m.group("cunit") and _blocked(doc, num_start, end, _TIME):
            continue
        # DATE TYPED COUNT, example sentence -- Between 30 and 40 people were there and the deal
        # is worth 3bn EUR (the tagger calls the range a DATE and "3bn" an ORDINAL): a DATE or
        # ORDINAL is believed unless money, a percentage or a non-time noun is counted
        dated = not m.group("cunit") and _blocked(doc, num_start, end, _DATE_ORDINAL)
        plain = not (
            m.group("cunit") or m.group("cur") or m.group("pct") or m.group("curword")
            or m.group("curcode")
        )  # fmt: skip
        if plain and _named(doc, num_start, m.end("num") if m.group("num") else end):
            continue
        if _SPOKEN_YEAR.search(text, max(0, num_start - 12), num_start):
            continue  # "in nineteen ninety-seven": a year read out
        if _REFERENTIAL.search(text, max(0, start - 8), start) and _SMALL_SPELLED.fullmatch(
            m.group(0)
        ):
            continue  # "the two countries", "all three states": a reference back, not a count
        values = _values(m, mod, text)
        if not values and m.group("num2"):
            pos = m.start("num2")  # not a range ("by 2035 to 45 percent"): read the second alone
            continue
        found = _unit_about(doc, m, end, text) if values else None
        if found is None:
            continue
        unit, about = found
        if (
            dated
            and unit != "year-old"
            and (unit is None or _after_month(doc, num_start) or _proper(doc, about, end))
        ):
            continue  # "March 3", "Aug. 7 embassy bombings", "in nineteen ninety-one Keating"
        out += _quantities(p, m, values, unit, about)
    return {"quantities": tuple(out)}


def _quantities(
    p: ParsedDoc,
    m: Hit,
    values: list[tuple[float, str | None]],
    unit: str | None,
    about: str | None,
) -> list[Quantity]:
    start, end = m.start(), m.end()
    return [
        Quantity(
            id=make_id("qty", p.document.id, start, end, value),
            doc=p.document.id,
            value=value,
            unit=unit,
            text=m.group(0),
            evidence=p.span(start, end),
            modifier=modifier,
            about=about,
            producer=f"{NAME}/{VERSION}",
        )
        for value, modifier in values
    ]


_PERIOD_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|last|final|latter|former|next|past|early|late|the)\s+$",
    re.IGNORECASE,
)
_PERIOD_AFTER = re.compile(
    r"\s+of\s+(?:the\s+|this\s+|that\s+|each\s+|every\s+)?(?:\d|['’]\d|(?:year|decade|century|"
    r"month|week|season|quarter|term|game|match|race|day|night)s?\b)",
    re.IGNORECASE,
)


def _period(text: str, m: Hit) -> bool:
    """ "the last half of 2007", "the first quarter of the year", "half of 1 percent": no share.

    PERIOD, example sentence -- Sales rose in the first quarter of the year and the last half of
    the decade.
    """
    return bool(
        _PERIOD_BEFORE.search(text, max(0, m.start() - 12), m.start())
        or (m.group("frac") and _PERIOD_AFTER.match(text, m.end()))
    )


def _share(m: Hit) -> float | None:
    """ "two-thirds" -> 66.67, "one in five" -> 20.0 (percent); None when it is no share."""
    if m.group("frac"):
        den = _DENOMINATORS[m.group("fden").lower().rstrip("s")]
        fnum = (m.group("fnum") or "").lower()
        if not fnum and den != 2:
            return None  # "thirds of" without a numerator
        num = 1.0 if fnum in {"", "a"} else _spelled_value(fnum)
    else:
        rnum, rden = m.group("rnum"), m.group("rden").replace(",", "")
        if re.fullmatch(r"1[5-9]\d\d|20\d\d", rden):
            return None  # "one in 2019"
        num = 1.0 if rnum.lower() in {"a", "an"} else _number(rnum, None)
        den_value = _number(rden, None)
        if not den_value or num is None or num >= den_value:
            return None
        return round(100 * num / den_value, 2)
    if num is None or num >= den:
        return None
    return round(100 * num / den, 2)


STAGE = Stage(NAME, VERSION, requires=("doc",), assigns=("quantities",), run=_run)
