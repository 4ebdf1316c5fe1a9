"""Time expressions: the temporal tagger and normaliser stage (TimeML TIMEX3 conventions).

Recognition is a grammar of named patterns (:mod:`caseboard.extract.time_grammar`); values are
computed by :mod:`caseboard.extract.time_normalise` against the publication date (the DCT) or
against the previous dated expression ("two days later"). The spaCy parse only decides tense
(is "on Thursday" the last Thursday or the next one?) and sentence boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from caseboard.extract.base import ParsedDoc, Stage
from caseboard.extract.time_grammar import Match, find, rules
from caseboard.extract.time_normalise import Context, Value, date_value, normalise
from caseboard.model import Document, TimeExpr, make_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME, VERSION = "timexes", "1.0"
PRODUCER = f"{NAME}/{VERSION}"
GRAMMAR = rules()

_QUARTER_REACH = 8  # sentences over which "a year ago" still means the quarter's year-ago twin
_FUTURE_AUX = {"will", "'ll", "wo", "shall", "ll"}
_ABSOLUTE_RULES = {"date_mdy", "date_dmy", "date_iso", "date_slash", "month_year", "year"}
_ANCHOR_RULES = _ABSOLUTE_RULES | {"weekday", "deictic", "fuzzy_month", "quarter"}


@dataclass(frozen=True, slots=True)
class _Found:
    match: Match
    value: Value
    id: str


def dct_of(document: Document) -> date | None:
    """The document creation time as a date (None when the publication date is unknown)."""
    if document.published is None:
        return None
    v = document.published.value
    try:
        if document.published.granularity == "day" and len(v) >= 10:
            return date.fromisoformat(v[:10])
    except ValueError:
        return None
    return None


def _tense(doc: Doc | None, start: int, end: int) -> str:
    """The tense of the verb governing ``text[start:end]``: "past", "future" or "none"."""
    if doc is None:
        return "none"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "none"
    tok = span.root
    for _ in range(5):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return "none"
    past = tok.tag_ in ("VBD", "VBN")
    for child in tok.children:
        low = child.lower_
        if child.dep_ in ("aux", "auxpass") and low in _FUTURE_AUX:
            return "future"
        if child.dep_ == "aux" and low == "to" and tok.head.lemma_ not in ("use", "have"):
            return "future" if tok.head.tag_ not in ("VBD", "VBN") else "past"
        if child.dep_ in ("aux", "auxpass") and child.tag_ == "VBD":
            past = True
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if tok.lower_ == "going" and prev is not None and prev.lemma_ == "be":
        return "future"
    return "past" if past else "none"


def _sentence_years(p: ParsedDoc, matches: list[Match]) -> dict[int, int]:
    """Sentence index -> a year written explicitly in it (the last one)."""
    out: dict[int, int] = {}
    for m in matches:
        year = m.groups.get("year")
        if year and m.rule in ("year", "date_mdy", "date_dmy", "month_year", "fuzzy_year"):
            idx = p.sentence_index(m.start)
            if idx is not None:
                out[idx] = int(year)
    return out


def extract_timexes(p: ParsedDoc) -> tuple[TimeExpr, ...]:
    """Every time expression in the document, normalised, with verbatim evidence."""
    text = p.document.text
    dct = dct_of(p.document)
    matches = find(text, GRAMMAR)
    years = _sentence_years(p, matches)
    found: list[_Found] = []
    anchor: _Found | None = None
    quarter: tuple[str, int] | None = None  # (value, sentence index)
    for m in matches:
        sent = p.sentence_index(m.start)
        year_here = years.get(sent) if sent is not None else None
        if m.groups.get("year"):
            year_here = None  # the expression carries its own year
        q_recent = (
            quarter[0]
            if quarter is not None and sent is not None and sent - quarter[1] <= _QUARTER_REACH
            else None
        )
        ctx = Context(
            dct=dct,
            tense=_tense(p.doc, m.start, m.end),
            sentence_year=year_here,
            anchor_value=anchor.value.value if anchor is not None else None,
            anchor_id=anchor.id if anchor is not None else None,
            quarter=q_recent,
        )
        for v in normalise(m, text, ctx):
            if v.end <= v.start or not text[v.start : v.end].strip():
                continue
            tid = make_id("tx", p.document.id, v.start, v.end, v.value)
            f = _Found(m, v, tid)
            found.append(f)
            if m.rule in _ANCHOR_RULES and v.value[:1].isdigit():
                anchor = f
            if m.rule == "quarter" and "-Q" in v.value and sent is not None:
                quarter = (v.value, sent)
    return tuple(_to_record(p, f) for f in found)


def _to_record(p: ParsedDoc, f: _Found) -> TimeExpr:
    v = f.value
    ev = p.span(v.start, v.end)
    dv = date_value(v.value, v.mod, ev.text) if v.type in ("DATE", "TIME") else None
    if dv is not None and v.anchor is not None:
        dv = type(dv)(dv.value, dv.granularity, dv.qualifier, dv.text, v.anchor)
    return TimeExpr(
        id=f.id,
        doc=p.document.id,
        text=ev.text,
        type=v.type,  # type: ignore[arg-type]
        value=v.value,
        evidence=ev,
        date=dv,
        anchor=v.anchor,
        mod=v.mod,
        producer=PRODUCER,
    )


def _run(p: ParsedDoc) -> dict[str, Any]:
    return {"timexes": extract_timexes(p)}


STAGE = Stage(NAME, VERSION, requires=("doc",), assigns=("timexes",), run=_run)
