"""Scoring primitives: span overlap, name/head-word matching, role tokens, units, date values.

Pure functions over plain values so each rule can be tested on invented text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# word tokens after dots are dropped, so "U.S." and "US" both give "us"
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class Score:
    """Precision/recall counts: ``tp_gold`` of ``gold`` found, ``tp_pred`` of ``pred`` correct."""

    gold: int
    pred: int
    tp_gold: int
    tp_pred: int

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Number of characters shared by two half-open spans."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def covers(pred: tuple[int, int], gold: tuple[int, int], share: float = 0.5) -> bool:
    """True when ``pred`` overlaps at least ``share`` of ``gold`` (and at least one char)."""
    n = overlap(pred[0], pred[1], gold[0], gold[1])
    return n > 0 and n >= share * (gold[1] - gold[0])


def fold(text: str) -> str:
    """Lowercase, strip diacritics, unify apostrophes and whitespace: 'Nicolás' -> 'nicolas'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def name_key(name: str) -> str:
    """A comparable person/organisation name: folded, no leading 'the', no possessive."""
    key = fold(name).strip(" .,;:'\"")
    key = re.sub(r"'s$", "", key)
    return re.sub(r"^the ", "", key)


def head_word(name: str) -> str:
    """The last word of a name: the surname of 'Mark Galeotti', 'official' of 'a U.S. official'."""
    words = _WORD.findall(name_key(name).replace(".", ""))
    return words[-1] if words else ""


def tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text).replace(".", ""))


def token_overlap(gold_label: str, predicted: str) -> float:
    """Share of the gold label's tokens that occur in the predicted text."""
    gold = tokens(gold_label)
    if not gold:
        return 0.0
    pred = set(tokens(predicted))
    return sum(1 for t in gold if t in pred) / len(gold)


_MONEY = {"$", "usd", "us$", "dollar", "dollars", "us dollars"}
_PERCENT = {"%", "percent", "per cent", "pct", "percentage"}


def unit_key(unit: str | None) -> str | None:
    """Comparable unit: 'USD', 'percent', or the singular head noun of a counted phrase."""
    if unit is None or not unit.strip():
        return None
    u = fold(unit)
    if u in _MONEY:
        return "usd"
    if u in _PERCENT:
        return "percent"
    words: list[str] = _WORD.findall(u.replace("-old", ""))
    if not words:
        return u
    head = str(words[-1])
    if head.endswith("ies") and len(head) > 4:
        return head[:-3] + "y"
    if head.endswith("s") and not head.endswith("ss") and len(head) > 3:
        return head[:-1]
    return head


def same_unit(gold: str | None, pred: str | None) -> bool:
    """A gold unit of ``None`` (the text names no unit) accepts any prediction."""
    return gold is None or unit_key(gold) == unit_key(pred)


def same_value(gold: float, pred: float) -> bool:
    return abs(gold - pred) <= 1e-9 * max(1.0, abs(gold))


def _in_iso_week(week: str, value: str) -> bool:
    m = re.fullmatch(r"(\d{4})-W(\d{2})", week)
    d = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value[:10])
    if not m or not d:
        return False
    iso = date(int(d[1]), int(d[2]), int(d[3])).isocalendar()
    return (iso.year, iso.week) == (int(m[1]), int(m[2]))


def date_matches(gold_value: str, granularity: str, pred_value: str) -> bool:
    """Is ``pred_value`` the gold value at the gold granularity?

    year/month/day/decade compare the leading part ('2025-10-23' is right for gold '2025-10'
    at month granularity; '2025' is not). A week accepts the same week or any day in it. A
    range 'A/B' accepts itself or its start.
    """
    if not pred_value:
        return False
    if "/" in gold_value:
        return pred_value == gold_value or date_matches(
            gold_value.split("/", maxsplit=1)[0], granularity, pred_value
        )
    if granularity == "week":
        return pred_value == gold_value or _in_iso_week(gold_value, pred_value)
    width = {"decade": 3, "year": 4, "month": 7, "day": 10}[granularity]
    return (
        len(pred_value) >= width
        and pred_value[:width] == gold_value[:width]
        and len(gold_value) <= width
    )
