"""Quantities: money, counts with the counted noun, percentages, spelled-out and vague numbers.

A grammar of named patterns over the cleaned text; the spaCy parse only supplies what is counted
(``about``) and where dates, times and ordinals are (those are never quantities). Conventions:

* money: ``unit`` is the ISO 4217 code, ``value`` is scaled ("$50 million" -> 50000000, USD);
* percentages: ``unit == "percent"``; counts: ``unit`` is the counted noun as written
  ("missiles"), ``about`` the noun phrase ("Russian-made Igla-S missiles");
* ``modifier`` is one of at_least, at_most, about, more_than, less_than, nearly, or None.
  "a little over"/"just over" read as more_than, "some"/"roughly"/"an estimated" as about;
* vague plurals are lower bounds: "dozens of" -> 24, "hundreds of" -> 200, "thousands of" ->
  2000, each with modifier at_least; "a dozen" -> 12;
* a range ("between 100 and 150 troops", "100-150 troops") gives two quantities over the same
  evidence: the low bound with at_least and the high bound with at_most.

Never quantities: years, parts of dates and times, ordinals, weapon designators ("S-300"),
phone numbers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from caseboard.extract.base import ParsedDoc, Stage
from caseboard.model import Quantity, make_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME, VERSION = "quantities", "0.1"

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
}  # fmt: skip
# vague amounts: value, modifier
_VAGUE = {
    "a dozen": (12.0, None), "dozens": (24.0, "at_least"), "scores": (40.0, "at_least"),
    "hundreds": (200.0, "at_least"), "thousands": (2000.0, "at_least"),
    "tens of thousands": (20000.0, "at_least"), "hundreds of thousands": (200000.0, "at_least"),
    "millions": (2e6, "at_least"), "billions": (2e9, "at_least"),
}  # fmt: skip
_CURRENCY_SYMBOL = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₽": "RUB"}
_CURRENCY_WORD = {
    "dollar": "USD", "euro": "EUR", "ruble": "RUB", "rouble": "RUB", "pound": "GBP",
    "yuan": "CNY", "renminbi": "CNY", "bolivar": "VES", "bolívar": "VES", "peso": "MXN",
    "rupee": "INR", "yen": "JPY",
}  # fmt: skip
_CURRENCY_CODE = {"USD", "EUR", "RUB", "GBP", "CNY", "VES", "JPY", "INR"}

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

_SPELLED = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(k for k in _UNITS if k != "zero")
    + r"))?|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
)  # fmt: skip
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# long scale words may follow a space; single letters only glued on ("$5m", "€2bn")
_SCALE = r"(?:\s?(?:hundred|thousand|million|billion|trillion|mln|mn|bn|tn)|[kmb])"
_MOD = "|".join(sorted((re.escape(m) for m in _MODIFIERS), key=len, reverse=True))
_VAGUE_RE = "|".join(sorted((re.escape(v) for v in _VAGUE), key=len, reverse=True))

# NUMBER, example sentence -- Venezuela holds 5,000 launchers, 1.5 million rounds and two
# nuclear-capable bombers; 33.4% of the budget went to defence.
_NUMBER = (
    rf"(?P<cur>US\$|[$€£¥₽]|(?:USD|EUR|RUB|GBP|CNY)\s?)?"
    rf"(?P<num>{_DIGITS}|{_SPELLED})"
    rf"(?:(?P<scale>{_SCALE})\b)?"
)
# RANGE, example sentence -- Between 100 and 150 instructors arrived; 20-30 aircraft followed.
_RANGE_TAIL = (
    r"(?:\s*[-–]\s*|(?(btw)\s+(?:and|to)\s+|(?!)))"
    rf"(?P<cur2>US\$|[$€£¥₽])?(?P<num2>{_DIGITS}|{_SPELLED})(?:(?P<scale2>{_SCALE})\b)?"
)
# PERCENT / CURRENCY WORD, example sentence -- Output fell 12 percent and cost 10 billion rubles.
_AFTER = (
    r"(?P<pct>\s?%|\s+per\s?cent\b|\s+percent\b)|"
    r"\s+(?P<curword>(?:US\s+)?(?:dollar|euro|ruble|rouble|pound|yuan|renminbi|bol[ií]var|"
    r"peso|rupee|yen)s?)\b"
)

_QUANTITY = re.compile(
    rf"(?<![\w.,$€£¥₽\-/])(?:(?P<mod>{_MOD})\s+)?"
    rf"(?:(?P<vague>{_VAGUE_RE})\b|(?:(?P<btw>between)\s+)?{_NUMBER}(?:{_RANGE_TAIL})?)"
    rf"(?:{_AFTER})?"
    r"(?![\w%])",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\+?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}(?:[\s.-]\d{2,4})?")
_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})


def _spelled_value(word: str) -> float | None:
    w = word.lower().replace("-", " ").split()
    if not w:
        return None
    total = 0.0
    for part in w:
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        else:
            return None
    return total


def _number(num: str, scale: str | None) -> float | None:
    if num[0].isdigit():
        value = float(num.replace(",", ""))
    else:
        spelled = _spelled_value(num)
        if spelled is None:
            return None
        value = spelled
    if scale:
        value *= _SCALES[scale.strip().lower()]
    return value


_TIME_NOUNS = frozenset(
    {
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week",
        "weeks", "month", "months", "year", "years", "decade", "decades", "century", "centuries",
    }
)  # fmt: skip
_NP_POS = frozenset({"ADJ", "PROPN", "NOUN"})
_MONTHS = frozenset(
    {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "january", "february", "march", "april", "june", "july", "august", "september",
        "october", "november", "december",
    }
)  # fmt: skip
_WORD = re.compile(r"^[^\W\d][\w.-]*$")


def _counted(doc: Doc, end: int, text: str) -> tuple[str | None, str | None, bool]:
    """The counted noun phrase after ``end``: (unit, about, is_duration)."""
    span = doc.char_span(end, len(text), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None, None, False
    i = span.start
    if doc[i].lower_ == "of":
        i += 1  # "hundreds of Russian troops"
        if i < len(doc) and doc[i].lower_ in {"the", "these", "those"}:
            i += 1
    head: int | None = None
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
    unit_tok = doc[head]
    about = text[doc[i].idx : unit_tok.idx + len(unit_tok.text)]
    return unit_tok.text.lower(), about, unit_tok.lower_ in _TIME_NOUNS


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


def _blocked(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in _SKIP_ENTS for t in span)


def _is_year(num: str, m: re.Match[str]) -> bool:
    return (
        re.fullmatch(r"1[5-9]\d\d|20\d\d", num) is not None
        and not m.group("cur")
        and not m.group("pct")
        and not m.group("curword")
    )


def _run(p: ParsedDoc) -> dict[str, Any]:
    text, doc = p.document.text, p.doc
    phones = [(m.start(), m.end()) for m in _PHONE.finditer(text) if m.group(0).count(" ") < 3]
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        start, end = m.start(), m.end()
        if any(a <= start < b for a, b in phones):
            continue
        mod = _MODIFIERS.get(m.group("mod").lower()) if m.group("mod") else None
        # the number proper (without the modifier) must not sit in a date, time or ordinal
        num_start = m.start("vague") if m.group("vague") else m.start("num")
        if _blocked(doc, num_start, end):
            continue
        values: list[tuple[float, str | None]] = []
        if m.group("vague"):
            v, vmod = _VAGUE[m.group("vague").lower()]
            values.append((v, mod or vmod))
        else:
            num = m.group("num")
            if num.lower() == "one" and not m.group("scale"):
                continue  # "one of the", "one hypothesis": not a count worth reporting
            if _is_year(num, m) and not m.group("num2"):
                continue
            low = _number(num, m.group("scale") or m.group("scale2"))
            if low is None:
                continue
            if m.group("num2"):
                high = _number(m.group("num2"), m.group("scale2") or m.group("scale"))
                if high is None or high <= low or _is_year(m.group("num2"), m):
                    continue  # "2018-2023" or "10-4": not a range of amounts
                values += [(low, "at_least"), (high, "at_most")]
            else:
                values.append((low, mod))
        cur = (m.group("cur") or m.group("cur2") or "").strip()
        unit: str | None
        about: str | None = None
        if cur:
            unit = _CURRENCY_SYMBOL.get(cur, cur.upper() if cur.upper() in _CURRENCY_CODE else None)
            about = _money_about(doc, end, text)
        elif m.group("curword"):
            word = m.group("curword").lower().split()[-1].rstrip("s")
            unit = _CURRENCY_WORD.get(word)
            about = _money_about(doc, end, text)
        elif m.group("pct"):
            unit = "percent"
        else:
            unit, about, duration = _counted(doc, end, text)
            if duration:
                continue  # "ten years", "two days": durations belong to time expressions
            if unit is None and not m.group("scale") and not m.group("vague"):
                continue  # a bare number with nothing counted: list numbers, references
        qtext = text[start:end]
        for value, modifier in values:
            out.append(
                Quantity(
                    id=make_id("qty", p.document.id, start, end, value),
                    doc=p.document.id,
                    value=value,
                    unit=unit,
                    text=qtext,
                    evidence=p.span(start, end),
                    modifier=modifier,
                    about=about,
                    producer=f"{NAME}/{VERSION}",
                )
            )
    return {"quantities": tuple(out)}


STAGE = Stage(NAME, VERSION, requires=("doc",), assigns=("quantities",), run=_run)
