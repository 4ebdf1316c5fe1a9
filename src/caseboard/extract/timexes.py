"""Time expressions: the temporal tagger and normaliser stage (TimeML TIMEX3 conventions).

Recognition is a grammar of named patterns (:mod:`caseboard.extract.time_grammar`); values are
computed by :mod:`caseboard.extract.time_normalise` against the publication date (the DCT) or
against the previous dated expression ("two days later"). The spaCy parse only decides tense
(is "on Thursday" the last Thursday or the next one?) and sentence boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from caseboard.extract.base import ParsedDoc, Stage
from caseboard.extract.nlp import doc_text
from caseboard.extract.time_grammar import Match, find, rules
from caseboard.extract.time_normalise import Context, Value, date_value, normalise
from caseboard.model import Document, TimeExpr, make_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAME, VERSION = "timexes", "1.2"
PRODUCER = f"{NAME}/{VERSION}"
GRAMMAR = rules()

_QUARTER_REACH = 8  # sentences over which "a year ago" still means the quarter's year-ago twin
_FUTURE_AUX = {"will", "'ll", "wo", "shall", "ll"}
_ABSOLUTE_RULES = {"date_mdy", "date_dmy", "date_iso", "date_slash", "month_year", "year"}
# the quarters that become the reporting period of what follows ("a year ago" = its twin)
_QUARTER_RULES = {"quarter", "the_quarter", "quarter_rel"}
_LATEST_REL = {"latest", "last", "past", "previous", "current"}
_FISCAL = re.compile(r"fiscal|\bend(?:ed|ing)\b", re.IGNORECASE)
_ANCHOR_RULES = _ABSOLUTE_RULES | {
    "weekday",
    "deictic",
    "fuzzy_month",
    "quarter",
    "month",
    "holiday",
    "clock_date",
    "week_of",
    "spoken_year",
    "relative_month",
    "month_rel_year",
    "clock_weekday",
}


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


# Verbs whose to-infinitive complement is prospective: the infinitive's event lies after the
# planning, expecting or arranging. Example: the vote is scheduled to take place on Monday.
_PROSPECTIVE = {
    "aim", "agree", "decide", "due", "expect", "hope", "intend", "mean", "plan", "poise",
    "prepare", "promise", "propose", "schedule", "seek", "set", "slate", "supposed", "threaten",
    "vow", "want", "wish", "likely", "ready", "able", "poised", "slated", "scheduled", "going",
}  # fmt: skip


_COMING_DATE = re.compile(
    r"\b(?:effective|payable|due|(?:of\s+)?record|expir(?:e|es|ing))\s+(?:on\s+|from\s+)?$",
    re.IGNORECASE,
)
# Verbs whose time adjunct names the day an arrangement is for, not when the arranging happened
_POSTPONING = {"schedule", "reschedule", "postpone", "defer", "adjourn", "extend", "delay"}
# what comes right before the day of an arrangement: "until", "to", "for", "through", "by", or
# nothing (a bare day: "scheduled a meeting Thursday"), but not "on"/"at"/"in"
_ARRANGED_FOR = re.compile(
    r"(?:\b(?:until|till|to|for|through|by)\s+|(?<!\bon)(?<!\bat)(?<!\bin)\s)$"
)


def _tense(doc: Doc | None, start: int, end: int) -> str:
    """The tense of the verb governing ``text[start:end]``: "past", "future" or "none"."""
    if doc is not None and _COMING_DATE.search(doc_text(doc)[max(0, start - 24) : start]):
        # pattern "coming_date": a date introduced as the day something takes effect, is paid
        # or falls due is still ahead ("The new tariff applies, effective Feb. 1.", "a
        # dividend payable Jan. 3 to holders of record Dec. 12", "notes due March 1")
        return "future"
    tok = _governor(doc, start, end)
    if doc is None or tok is None:
        return "none"
    if tok.lemma_ in _POSTPONING and _ARRANGED_FOR.search(
        doc_text(doc)[max(0, start - 12) : start]
    ):
        # pattern "arranged_for": what is scheduled, postponed or extended to a day still lies
        # ahead, whatever the tense of the arranging ("The judge adjourned the hearing until
        # Tuesday.", "The council has scheduled a public meeting Thursday."); "on" names the day
        # of the arranging itself ("The board postponed the vote on Monday.")
        return "future"
    return _verb_tense(tok, depth=0)


def _governor(doc: Doc | None, start: int, end: int) -> Token | None:
    """The verb that ``text[start:end]`` depends on (None when there is none nearby)."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(5):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _verb_tense(tok: Token, depth: int) -> str:
    """The tense of one verb from its own form and its auxiliaries (the verb group).

    "was signed", "had closed", "signed" are past; "has closed" (present perfect) is past;
    "is expected", "can be signed" (present passive, modal) are not; "will sign" is future. A
    to-infinitive takes the tense of the verb it complements, and after a prospective verb
    ("is expected to sign", "plans to sign") it is future: from a past prospective verb ("was
    set to sign") the event may lie on either side of the publication date, so "none".
    """
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    lows = {a.lower_ for a in auxes}
    if lows & _FUTURE_AUX:
        return "future"
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if tok.lower_ == "going" and prev is not None and prev.lemma_ == "be":
        return "future"
    if "to" in lows and depth < 3 and tok.head.i != tok.i:
        head = tok.head
        if head.lemma_ in ("use", "have"):  # "used to", "had to": the infinitive is the event
            return "past" if head.tag_ in ("VBD", "VBN") else "none"
        head_tense = _verb_tense(head, depth + 1) if head.pos_ in ("VERB", "AUX", "ADJ") else ""
        if head.lemma_ in _PROSPECTIVE or head.lower_ in _PROSPECTIVE:
            return "none" if head_tense == "past" else "future"
        return "past" if head_tense == "past" else "future"
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"  # was, were, had, did
    if tok.tag_ == "VBD":
        return "past"
    if tok.tag_ == "VBN":
        if any(a.lemma_ == "have" for a in auxes):
            return "past"  # present perfect: "has closed"
        if any(a.lemma_ == "be" or a.tag_ == "MD" for a in auxes):
            return "none"  # present passive or modal: "is expected", "could be signed"
        return "past"  # a bare participle: "the shares bought in May"
    return "none"


@dataclass(frozen=True, slots=True)
class _Year:
    """A year written explicitly in a sentence, with where it hangs in the parse."""

    year: int
    start: int
    end: int
    verb: int  # token index of its governing verb, -1 without one


def _sentence_years(p: ParsedDoc, matches: list[Match]) -> dict[int, list[_Year]]:
    """Sentence index -> the years written explicitly in it, in text order."""
    out: dict[int, list[_Year]] = {}
    for m in matches:
        year = m.groups.get("year")
        if year and m.rule in ("year", "date_mdy", "date_dmy", "month_year", "fuzzy_year"):
            idx = p.sentence_index(m.start)
            gov = _governor(p.doc, m.start, m.end)
            if idx is not None:
                out.setdefault(idx, []).append(
                    _Year(int(year), m.start, m.end, -1 if gov is None else gov.i)
                )
    return out


def _clause_year(p: ParsedDoc, years: list[_Year], start: int, end: int) -> int | None:
    """The year that frames an expression written without one (pattern "clause_year").

    A year written earlier in the same clause: "In 1995 the dam broke on March 4." gives
    1995-03-04; the same verb, or a verb coordinated with it ("broke on March 4 and reopened on
    March 9"), is the same clause. A year written later frames it only inside the same noun
    phrase ("Third-quarter sales of 1998 are forecast to rise."). Not: "Under a scheme drawn up in
    1991, the council sold its bonds through May 30." (the year belongs to another verb) nor "The
    notes will be repaid on May 2, well before they fall due in 2030." (a later year of its
    own): both are read from the publication date.
    """
    gov = _governor(p.doc, start, end)
    verbs = set() if gov is None else {gov.i}
    if gov is not None and gov.dep_ == "conj":
        verbs.add(gov.head.i)
    for y in reversed([y for y in years if y.start < start]):
        if (gov is None and y.verb == -1) or y.verb in verbs:
            return y.year
    for y in (y for y in years if y.start >= end):
        if _in_noun_phrase_of(p, y, start, end):
            return y.year
    return None


def _in_noun_phrase_of(p: ParsedDoc, y: _Year, start: int, end: int) -> bool:
    """Is the year inside the noun phrase that ``text[start:end]`` modifies or heads?"""
    span = p.doc.char_span(start, end, alignment_mode="expand")
    yspan = p.doc.char_span(y.start, y.end, alignment_mode="expand")
    if span is None or yspan is None or len(span) == 0 or len(yspan) == 0:
        return False
    head = span.root
    if head.dep_ in ("amod", "compound", "nmod", "npadvmod") and head.head.pos_ in (
        "NOUN",
        "PROPN",
    ):
        head = head.head
    tok = yspan.root
    for _ in range(6):
        if tok.i == head.i:
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


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
        in_sentence = years.get(sent) if sent is not None else None
        year_here = _clause_year(p, in_sentence, m.start, m.end) if in_sentence else None
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
            # a quarter "reported" in the past tense has ended, whatever the calendar says
            fiscal = ctx.tense == "past" or _FISCAL.search(text, m.start, m.end + 12) is not None
            if _reporting_quarter(m, v, dct, fiscal) and sent is not None:
                quarter = (v.value, sent)
    return tuple(_to_record(p, f) for f in found)


def _reporting_quarter(m: Match, v: Value, dct: date | None, fiscal: bool) -> bool:
    """Does this quarter become the reported period that "a year ago" etc. refer back to?

    A quarter that has ended by the DCT does ("the third quarter", "the quarter ended Sept.
    30"), and so does a fiscal one (numbered by the company's year: "its fiscal first quarter
    ended Sept. 27", or a fourth quarter reported in the past tense in November); a coming
    quarter does not ("The sale will bring a charge in the fourth quarter."). A quarter
    of a named year only when it is the DCT's year ("this year's third quarter"), not a
    comparison period ("against the 1994 second quarter").
    """
    if re.fullmatch(r"\d{4}-Q\d", v.value) is None:
        return False
    if m.rule == "year_quarter":
        return dct is not None and v.value.startswith(f"{dct.year:04d}-")
    if m.rule not in _QUARTER_RULES:
        return False
    if m.rule == "quarter_rel" and (m.groups.get("rel") or "").lower() not in _LATEST_REL:
        return False  # "the year-ago quarter" is the comparison, not the reported period
    if dct is None or fiscal:
        return True
    y, q = v.value.split("-Q")
    return (int(y), int(q)) < (dct.year, (dct.month - 1) // 3 + 1)


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
