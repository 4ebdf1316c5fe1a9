"""Publication dates: normalise what the metadata says, or infer one from the article text.

Normalised values are ISO 8601 at the granularity actually known: ``YYYY-MM-DD`` (day),
``YYYY-MM`` (month) or ``YYYY`` (year).

Impossible dates ("31 February 2024", "2024-13-01") are **treated as unknown**: the parser
returns ``None`` and the caller records a note saying which value was ignored. They never raise
and never fall back to today's date.

Inference from the text (origin ``inferred``), in order:

1. a publication line near the top or bottom: ``Published 12 March 2024``, ``Updated: March 12,
   2024``, ``Posted on 2024-03-12``;
2. a dateline at the start of a paragraph: ``CARACAS, March 12, 2024 (Reuters) -``;
3. otherwise the latest explicit full date (day, month and year) written anywhere in the text:
   an article is usually published on or after the last full date it mentions.

A month-and-year ("March 2024") or a bare year is never used for inference: too vague.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from caseboard.extract.patterns.folding import Hit, fold, foldable
from caseboard.model import DateValue

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# --- date grammar: each pattern names one way of writing a date -------------------------------
# e.g. "2024-03-12", "2024-03-12T08:30:00Z", "2024/03/12"
ISO_DAY = re.compile(r"\b(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})(?![\d])")
# e.g. "2024-03" (metadata only)
ISO_MONTH = re.compile(r"^\s*(?P<year>\d{4})-(?P<month>\d{1,2})\s*$")
# e.g. "2024" (metadata only)
ISO_YEAR = re.compile(r"^\s*(?P<year>\d{4})\s*$")
# e.g. "12 March 2024", "3rd Sept. 2019", "12 Mar, 2024"
DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
# e.g. "March 12, 2024", "Sept. 3 2019"
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)
# e.g. "March 2024" (metadata only)
MONTH_YEAR = re.compile(rf"^\s*{_MONTH},?\s+{_YEAR}\s*$", re.IGNORECASE)

FULL_DATE_PATTERNS = (ISO_DAY, DAY_MONTH_YEAR, MONTH_DAY_YEAR)

# --- where a publication date is written ------------------------------------------------------
# e.g. "Published 12 March 2024", "Updated: March 12, 2024 at 9:14 am", "Posted on 2024-03-12"
PUBLISHED_LINE = re.compile(
    r"^\s*(?:first\s+)?(?:published|posted|updated|last\s+updated|date)\b(?:\s+on)?\s*:?\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
# e.g. "CARACAS, March 12, 2024 (Reuters) - The ...", "MOSCOW, 12 March 2024 —"
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40},\s*(?P<rest>[^\n]{6,40}?)\s*(?:\([^)]*\)\s*)?[-—–]")

_TOP_BOTTOM_LINES = 8


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else _MONTHS[text.lower().rstrip(".")]


def _day_value(year: int, month: int, day: int, text: str) -> DateValue | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None  # impossible date: unknown (see module docstring)
    return DateValue(value=value.isoformat(), granularity="day", text=text)


def _match_full(match: re.Match[str] | Hit) -> DateValue | None:
    try:
        month = _month_number(match["month"])
    except KeyError:
        return None
    return _day_value(int(match["year"]), month, int(match["day"]), match.group(0))


# each pattern's case-sensitive twin for the lower-cased text (extract.patterns.folding), or
# None: the whole cleaned text of every document is searched, and IGNORECASE is several times
# slower
_FOLDED_FULL_DATES = tuple((fold(p.pattern, p.flags), p) for p in FULL_DATE_PATTERNS)


def full_dates(text: str) -> list[DateValue]:
    """Every valid full date (day, month, year) written in ``text``, in order of position."""
    found: list[tuple[int, DateValue]] = []
    low = text.lower()
    fast = foldable(text, low)
    for folded, pattern in _FOLDED_FULL_DATES:
        if fast and folded is not None:
            matches: Iterator[re.Match[str] | Hit] = (Hit(m, text) for m in folded.finditer(low))
        else:
            matches = pattern.finditer(text)
        for match in matches:
            value = _match_full(match)
            if value is not None:
                found.append((match.start(), value))
    return [value for _, value in sorted(found, key=lambda item: item[0])]


def parse_date(text: str) -> DateValue | None:
    """Normalise a metadata date string; ``None`` when it is empty, unreadable or impossible."""
    text = text.strip()
    if not text:
        return None
    for pattern in FULL_DATE_PATTERNS:
        match = pattern.search(text)
        if match is not None:
            return _match_full(match)
    if match := ISO_MONTH.match(text):
        month = int(match["month"])
        if not 1 <= month <= 12:
            return None
        return DateValue(f"{int(match['year']):04d}-{month:02d}", "month", text=text)
    if match := MONTH_YEAR.match(text):
        month = _month_number(match["month"])
        return DateValue(f"{int(match['year']):04d}-{month:02d}", "month", text=text)
    if match := ISO_YEAR.match(text):
        return DateValue(f"{int(match['year']):04d}", "year", text=text)
    return None


def infer_published(text: str, body: str | None = None) -> DateValue | None:
    """Infer a publication date (see module docstring); ``None`` if unknown.

    ``text`` is the article as it arrived (publication lines and datelines are looked for
    there); ``body`` is the cleaned text, used for the latest-full-date rule so that dates in
    dropped boilerplate (footers, related posts) do not count. Defaults to ``text``.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    edges = lines[:_TOP_BOTTOM_LINES] + lines[-_TOP_BOTTOM_LINES:]
    for line in edges:
        if match := PUBLISHED_LINE.match(line):
            dates = full_dates(match["rest"])
            if dates:
                return dates[0]
    for line in lines:
        if match := DATELINE.match(line.strip()):
            dates = full_dates(match["rest"])
            if dates:
                return dates[0]
    dates = full_dates(text if body is None else body)
    if not dates:
        return None
    return max(dates, key=lambda value: value.value)
