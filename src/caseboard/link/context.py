"""Per-sentence context for the cross-document stages: who is named, when, what it is about.

Built once per analysis (linear in the corpus): each sentence gets the cross-document entity ids
of the mentions inside it, a date (its own DATE time expression, else one inherited from the
sentence before, else the publication date), its content stems and its numbers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date as _date

from caseboard.link.text import Sentence, content_stems, date_bounds, numbers, sentences
from caseboard.model import DateValue, DocExtraction, Document

DateSource = str  # 'timex' | 'text' | 'inherited' | 'present' | 'present:speech' |
# 'recent:<unit>' | 'lead' | 'published'; all but the first two are weak (not stated by the
# sentence itself)
# LEAD: the first sentences of an article (its title and lede) tell the news of the day it
# was published, so an undated one there is dated by publication as a happening ('lead'),
# not as a standing fact further down ('published'), e.g. the title "Ruritania admits its
# advisers are in Borduria" or the lede "Officials have confirmed the deployment".
LEAD_SENTENCES = 3
# An undated sentence takes the date of a dated one at most this many sentences before it:
# "The crisis came in 2019. Officials at the time ... During that crisis, X sent advisers."
INHERIT_SENTENCES = 2

# NOT INHERITED: a date that spans a period rather than placing a happening, each invented.
#   RANGE, e.g. "She was ambassador from 2016 to 2021." (a tenure)
#   DURATION, e.g. "In 2015 the envoy arrived for six years in the capital."
#   SINCE, e.g. "He has led the party since 2013." (the start of a state that goes on)
#   HEADING, e.g. "Old Friends, New Limits" (a title line opens another topic)
# Across a paragraph break a date is carried only to a sentence naming one of the actors of
# the dated one: "Last year the army left Ruritania. || As warships circle Borduria, ..."
_RANGE_BEFORE = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:to|until|till|through|and|-|–|—)\s*(?:the\s+)?$", re.I)
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)
_DURATION_FOR = re.compile(r"\bfor\s+(?:the\s+)?(?:past\s+|last\s+|nearly\s+|about\s+)?$", re.I)
# a duration this close to the sentence's date measures the period it opens or closes
_DURATION_NEAR = 40
_END_PUNCT = re.compile(r"[.!?\"”’)\]:]\s*$")
# PRESENT: "now", "currently" (a present-reference expression the tagger cannot resolve) right
# after a present auxiliary, so the main verb is in the present:
#   "Two frigates are now anchored off the coast." -> the publication date, not the last one
#   but not "He fled, joining the exiles now living abroad." (a past happening)
_PRESENT_VALUE = "PRESENT_REF"
# RECENT: "in recent months", "over the past weeks" in a sentence with no date of its own:
# the happening spans that stretch before publication ('recent:<unit>', a weak window).
_RECENT = re.compile(r"\b(?:recent|past|last)\b", re.I)
_RECENT_UNITS = {"PXD": "days", "PXW": "weeks", "PXM": "months", "PXY": "years"}
# "In a recent interview, ...", "had recently visited": some weeks before publication; the
# sentences after it carry that window on ("Asked about it, she replied ...").
_RECENT_WORD = re.compile(r"\b(?:a|an|the|his|her|its|their)\s+recent\b|\brecently\b", re.I)
# PRONOUN OPENING: "It has massed troops ...", "They later sent jets ..." carry on the subject
# of the sentence before (not "It is unclear ...": no verb of action follows).
_PRONOUN_OPENING = re.compile(
    r"^(?:It|They)\s+(?:(?:has|have|had|also|then|later)\s+)?(?:\w+ed|sent|struck|sold|began|"
    r"took|held|built|fled)\b"
)
_PRESENT_VERB = re.compile(r"\b(?:is|are|am|has|have)\s+(?:also\s+)?$", re.I)
# PRESENT SPEECH: a reporting verb in the present tense outside any quotation speaks at
# publication, like a lone "now" (only when no date is stated or carried; 'present:speech'):
#   "As frigates patrol the strait, the ministry insists the drills are routine."
#   but not "“Nobody says that,” the envoy replied." (the verb is inside the quotation)
_PRESENT_SPEECH = re.compile(
    r"\b(?:says|insists|argues|maintains|contends|denies|warns|stresses)\b", re.I
)
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")]
    )
    for m in names
}  # fmt: skip
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

# EXPLICIT DATES, used only when a document carries no resolved DATE time expressions
# (the temporal tagger owns dates; this keeps the timeline alive without it).
#   DAY_MONTH_YEAR, e.g. "on 28 March 2019"
#   MONTH_DAY_YEAR, e.g. "on March 28, 2019"
#   MONTH_YEAR, e.g. "in March 2019" or "Mar 2019"
#   YEAR, e.g. "in 2019"
_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("DAY_MONTH_YEAR", re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?\s+((?:19|20)\d\d)\b", re.I)),
    ("MONTH_DAY_YEAR",
     re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)\b", re.I)),
    ("MONTH_YEAR", re.compile(rf"\b({_MONTH_RE})\.?\s+((?:19|20)\d\d)\b", re.I)),
    ("YEAR",
     re.compile(r"\b(?:in|since|during|by|of|until|early|late|mid-?)\s+((?:19|20)\d\d)\b", re.I)),
)  # fmt: skip


def explicit_date(text: str) -> DateValue | None:
    """The first explicit calendar date written in ``text`` (fallback grammar above)."""
    for name, pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groups()
        if name == "DAY_MONTH_YEAR":
            day, month, year = int(g[0]), _MONTHS[g[1].lower()], g[2]
        elif name == "MONTH_DAY_YEAR":
            month, day, year = _MONTHS[g[0].lower()], int(g[1]), g[2]
        elif name == "MONTH_YEAR":
            return DateValue(f"{g[1]}-{_MONTHS[g[0].lower()]:02d}", "month", text=m.group(0))
        else:
            return DateValue(g[0], "year", text=m.group(0))
        if 1 <= day <= 31:
            return DateValue(f"{year}-{month:02d}-{day:02d}", "day", text=m.group(0))
    return None


@dataclass(frozen=True, slots=True)
class SentenceInfo:
    sentence: Sentence
    actors: tuple[str, ...]  # entity ids, in order of first mention
    actor_offsets: tuple[int, ...]  # document offset of each actor's first mention here
    date: DateValue | None
    date_source: DateSource
    stems: frozenset[str]
    numbers: frozenset[float]
    outlet: str | None
    published: DateValue | None
    # the actor a leading "It has ..." / "They sent ..." stands for: the first actor of the
    # sentence before (event clustering counts it; other stages read ``actors`` only)
    antecedent: tuple[str, ...] = ()

    @property
    def doc(self) -> str:
        return self.sentence.doc


def _to_date(d: DateValue | None) -> _date | None:
    if d is None:
        return None
    b = date_bounds(d)
    if b is None:
        return None
    y, m, dd = (int(x) for x in b[0].split("-"))
    return _date(y, m, dd)


def years_before(d: DateValue, published: DateValue | None) -> float:
    """How long before publication the period ends (negative when after)."""
    pd = _to_date(published)
    b = date_bounds(d)
    if pd is None or b is None:
        return 0.0
    y, m, dd = (int(x) for x in b[1].split("-"))
    end = _date(y, m, min(dd, 28)) if b[1][5:] != "12-31" else _date(y, 12, 31)
    return (pd - end).days / 365.25


def build_context(
    documents: Sequence[Document],
    extractions: Sequence[DocExtraction],
    entity_of: Mapping[str, str],
) -> dict[str, list[SentenceInfo]]:
    """doc id -> its sentences with context, in order."""
    by_doc = {d.id: d for d in documents}
    out: dict[str, list[SentenceInfo]] = {}
    for ex in extractions:
        document = by_doc.get(ex.doc)
        if document is None:
            continue
        sents = list(sentences(document, ex))
        starts = [s.start for s in sents]
        actors: list[list[tuple[int, str]]] = [[] for _ in sents]
        for le in ex.entities:
            eid = entity_of.get(le.id)
            if eid is None:
                continue
            for m in le.mentions:
                i = _locate(starts, sents, m.evidence.start)
                if i is not None:
                    actors[i].append((m.evidence.start, eid))
        dates: list[DateValue | None] = [None] * len(sents)
        spans_of: list[bool] = [False] * len(sents)  # the sentence's date spans a period
        present: list[bool] = [False] * len(sents)  # "is now ..."
        now: list[bool] = [False] * len(sents)  # "now" anywhere
        recent: list[str] = [""] * len(sents)  # "in recent months" -> "months"
        resolved = [t for t in ex.timexes if t.type == "DATE" and t.date is not None]
        for t in resolved:
            i = _locate(starts, sents, t.evidence.start)
            if i is not None and dates[i] is None:
                dates[i] = t.date
        first_at: dict[int, tuple[int, int]] = {}  # sentence -> its date's expression
        for t in resolved:
            i = _locate(starts, sents, t.evidence.start)
            if i is not None:
                first_at.setdefault(i, (t.evidence.start, t.evidence.end))
        last_in: dict[int, tuple[int, int]] = {}  # sentence -> its previous date expression
        for t in sorted(ex.timexes, key=lambda t: t.evidence.start):
            i = _locate(starts, sents, t.evidence.start)
            if i is None:
                continue
            before = document.text[sents[i].start : t.evidence.start]
            if t.type == "DATE" and t.date is None and t.value == _PRESENT_VALUE:
                present[i] = present[i] or bool(_PRESENT_VERB.search(before))
                now[i] = True
            if t.type == "DURATION" and t.value in _RECENT_UNITS and _RECENT.search(t.text):
                recent[i] = recent[i] or _RECENT_UNITS[t.value]
            if i not in first_at:
                continue
            date_start, date_end = first_at[i]
            if t.type == "DURATION" and _DURATION_FOR.search(before):
                near = min(abs(t.evidence.start - date_end), abs(date_start - t.evidence.end))
                spans_of[i] = spans_of[i] or near <= _DURATION_NEAR
            elif t.type == "DATE" and t.evidence.start == date_start and _SINCE.search(before):
                spans_of[i] = True
            elif t.type == "DATE" and i in last_in:
                start, end = last_in[i]
                between = document.text[end : t.evidence.start]
                opened = document.text[sents[i].start : start]
                if _RANGE_JOIN.match(between) and (
                    between.strip() in ("-", "–", "—") or _RANGE_BEFORE.search(opened)
                ):
                    spans_of[i] = True
            if t.type == "DATE":
                last_in[i] = (t.evidence.start, t.evidence.end)
        infos: list[SentenceInfo] = []
        prev: DateValue | None = None
        prev_actors: frozenset[str] = frozenset()
        prev_source = "inherited"  # how a sentence carrying ``prev`` on is dated
        age = 0  # sentences since ``prev`` was stated
        for i, s in enumerate(sents):
            named = frozenset(eid for _, eid in actors[i])
            if i and "\n" in document.text[sents[i - 1].end : s.start] and not named & prev_actors:
                prev = None  # a new paragraph about other actors
            if _is_heading(s.text):
                prev = None
            d, src = dates[i], "timex"
            if d is None and not resolved:
                d, src = explicit_date(s.text), "text"
            if d is None and present[i]:
                d, src = document.published, "present"
            if d is None and recent[i]:
                d, src = document.published, f"recent:{recent[i]}"
            if d is None and not recent[i] and _RECENT_WORD.search(s.text):
                recent[i] = "weeks"
                d, src = document.published, "recent:weeks"
            carried = d is None and prev is not None and age <= INHERIT_SENTENCES
            if carried:
                d, src = prev, prev_source
            if d is None and now[i]:  # "the carrier now deployed there": only when nothing closer
                d, src = document.published, "present"
            if d is None and _PRESENT_SPEECH.search(_QUOTED.sub(" ", s.text)):
                d, src = document.published, "present:speech"
            if d is None:
                d, src = document.published, ("lead" if i < LEAD_SENTENCES else "published")
            elif src in ("timex", "text") or (src.startswith("recent:") and not carried):
                prev, age, prev_actors = (None if spans_of[i] else d), 0, named
                prev_source = src if src.startswith("recent:") else "inherited"
            seen: dict[str, int] = {}
            for offset, eid in sorted(actors[i]):
                seen.setdefault(eid, offset)
            antecedent: tuple[str, ...] = ()
            if i and infos and infos[-1].actors and _PRONOUN_OPENING.match(s.text):
                antecedent = tuple(a for a in infos[-1].actors[:1] if a not in seen)
            infos.append(
                SentenceInfo(
                    sentence=s,
                    actors=tuple(seen),
                    actor_offsets=tuple(seen.values()),
                    date=d,
                    date_source=src,
                    stems=content_stems(s.text),
                    numbers=numbers(s.text),
                    outlet=document.outlet,
                    published=document.published,
                    antecedent=antecedent,
                )
            )
            age += 1
        out[ex.doc] = infos
    return out


def _is_heading(text: str) -> bool:
    """A short line without closing punctuation: a title or section heading."""
    return len(text.split()) <= 8 and not _END_PUNCT.search(text)


def _locate(starts: Sequence[int], sents: Sequence[Sentence], offset: int) -> int | None:
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and sents[i].start <= offset < sents[i].end:
        return i
    return None
