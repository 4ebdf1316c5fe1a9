"""Events from dated sentences, clustered across documents into one merged timeline.

A sentence is an event mention when it has a date (see ``context``) and an action cue from the
lexicon below. Mentions in different documents are one event when their dates overlap at the
coarser granularity and they share actors, numbers and content words; candidate pairs come from
an inverted index over those features (blocking), never from all pairs. Corroboration counts
independent sources: one outlet, or one reprinted copy, counts once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from sys import intern

from caseboard.link.context import SentenceInfo, years_before
from caseboard.link.sources import independent
from caseboard.link.text import (
    STOPWORDS,
    UnionFind,
    dates_compatible,
    days_apart,
    fold,
    jaccard,
    numbers,
    pairs_at_least,
    stem,
    trim,
)
from caseboard.model import Contradiction, DateValue, Event, Span, make_id

# EVENT TYPES: named patterns over the folded sentence, each with an invented example.
EVENT_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "Two hundred Ruritanian troops landed at the capital's airport in May 2021."
    # "A Bordurian cargo plane arrived in the capital late last month."
    ("deployment", re.compile(
        r"\b(deploy\w*|troops?|soldiers|servicemen|military personnel|disembark\w*|landed|"
        r"stationed|advisers|advisors|instructors|contractors|mercenar\w*|warships?|"
        r"naval ships?|bombers?|docked|arrived)\b")),
    # "Borduria delivered S-300 missile systems to the junta last spring."
    ("arms_transfer", re.compile(
        r"\b(deliver\w*|arms|weapons?|missile systems?|fighter jets?|helicopters|rifles|"
        r"ammunition|air defen[cs]e systems?|sold|purchas\w*)\b")),
    # "The two governments signed a strategic partnership treaty on 3 June 2022."
    ("agreement", re.compile(
        r"\b(agreements?|signed|treat(?:y|ies)|pacts?|memorand\w*|accords?|joint ventures?|"
        r"deals?|partnership)\b")),
    # "The Treasury imposed sanctions on the state oil company in January 2020."
    ("sanction", re.compile(r"\b(sanction\w*|embargo\w*|blacklist\w*|asset freeze)\b")),
    # "Navy aircraft struck a suspected smuggling boat on 2 September 2025."
    ("strike", re.compile(
        r"\b(strikes?|struck|airstrikes?|bomb(?:ed|ing)|attack\w*|shell(?:ed|ing)|kill(?:ed|ing))\b")),
    # "The foreign minister visited the capital in April 2023."
    ("visit", re.compile(r"\b(visit\w*|trip to|summit|met with|travel\w* to)\b")),
    # "The general fled abroad in 2022 and his government collapsed."
    ("ouster", re.compile(
        r"\b(oust(?:ed|er|ing)|toppl\w*|overthr\w*|coup|fled|collaps(?:e|ed)|resigned|"
        r"stepped down|fall of)\b")),
    # "Ruritania recognised the opposition leader as interim president in January 2019."
    # "Borduria declared its support for the rival claimant." / "backed an exiled leader"
    ("recognition", re.compile(
        r"\b(recogni[sz](?:ed|es|ing)|recognition of|"
        r"(?:declared|threw|announced|pledged|voiced) (?:its|his|her|their) (?:full )?"
        r"support (?:for|behind)|"
        r"back(?:ed|ing) (?:an?|the) (?:\w+ ){0,2}(?:leader|candidate|claimant|president))\b")),
    # "The disputed election of July 2024 extended his rule."
    ("election", re.compile(r"\b(elections?|re-?elect\w*|ballot|vote[sd]?|inaugurat\w*)\b")),
    # "Prosecutors indicted the minister in March 2020 and offered a $15 million bounty."
    ("indictment", re.compile(r"\b(indict\w*|charged|bounty|arrest warrant|prosecut\w*)\b")),
    # "Coast guards seized a tanker carrying crude in December 2025."
    ("seizure", re.compile(r"\b(seiz\w*|confiscat\w*|impound\w*|captur\w*)\b")),
    # "The navies held joint exercises in the Caribbean in 2008."
    ("exercise", re.compile(r"\b(exercises|drills|manoeuvres|maneuvers)\b")),
    # "The state lender extended a $4 billion loan in 2017."
    ("loan", re.compile(r"\b(loans?|debt|credit line|restructur\w*|lent|lend\w*)\b")),
)  # fmt: skip

_TYPE_PATTERN = dict(EVENT_TYPES)
# the same patterns over the sentence as written, for where a cue stands in it
_TYPE_PATTERN_CASED = {name: re.compile(p.pattern, re.I) for name, p in EVENT_TYPES}

# SPEECH: the sentence reports what someone said rather than something that happened.
#   "The ministry said on 2 May 2021 that it would respond."
SPEECH = re.compile(
    r"\b(said|says|told|announc\w*|stated|declar\w*|confirm\w*|acknowledg\w*|den(?:y|ied|ies)|"
    r"warn\w*|claim\w*|insist\w*|stress\w*|call\w* for|urg\w*|remark\w*|tweet\w*|wrote|"
    r"repl(?:ied|ies))\b"
)

# Events more than this many years before publication are background.
BACKGROUND_YEARS = 1.0
# Clustering thresholds: shared features for a candidate pair, score to merge. Dates stated
# by the text on both sides that agree are evidence in themselves, so two mentions of the same
# type need less shared wording; a sentence dated only by its article's publication date
# ("Russia's presence there is symbolic.") is usually a standing fact, not a happening, and
# needs more.
_MIN_SHARED = 2
_MERGE_SCORE = 0.5
_MERGE_SCORE_DATED_SAME_TYPE = 0.4
_MERGE_SCORE_UNDATED = 0.6


# A date the sentence does not state itself places the happening only roughly: it agrees with
# a date at most this many days away. One carried from a sentence before ("In March the army
# moved in. Two weeks on, ...") may be further off than the publication date of a sentence in
# the present or in the article's lead ("Warships now circle the coast."). The publication
# date of a sentence further down is no window at all: mostly a standing fact ("Ruritania has
# bought jets for years.").
# "In recent months, ..." with no date: the stretch it names before publication.
WEAK_DATE_DAYS = {
    "inherited": 62,
    "present": 31,
    "present:speech": 31,
    "lead": 31,
    "recent:days": 10,
    "recent:weeks": 31,
    "recent:months": 92,
    "recent:years": 366,
}


def dates_agree(a: EventMention, b: EventMention) -> bool:
    """Overlapping dates; or, when either is weak and finer than a year, dates at most its
    ``WEAK_DATE_DAYS`` apart."""
    if dates_compatible(a.date, b.date):
        return True
    weak = [
        m for m in (a, b) if m.info.date_source in WEAK_DATE_DAYS and m.date.granularity != "year"
    ]
    if not weak:
        return False  # a year is a wide enough window already
    gap = days_apart(a.date, b.date)
    return gap is not None and gap <= max(WEAK_DATE_DAYS[m.info.date_source] for m in weak)


def placed(m: EventMention) -> bool:
    """Placed in time by more than its article's date: not a sentence dated only by
    publication, nor a statement dated by its present-tense verb alone ("The Herald says the
    navy ..." is said when every quote of the article is; what it reports, when it is a
    happening, is dated 'present' all the same: "As warships circle, the ministry insists")."""
    source = m.info.date_source
    return source != "published" and not (source == "present:speech" and m.kind == "said")


def merge_threshold(a: EventMention, b: EventMention) -> float:
    if not (placed(a) and placed(b)):
        return _MERGE_SCORE_UNDATED
    if a.type == b.type:
        return _MERGE_SCORE_DATED_SAME_TYPE
    if a.info.doc == b.info.doc:
        return _MERGE_SCORE_UNDATED
    return _MERGE_SCORE


@dataclass(frozen=True, slots=True)
class EventMention:
    info: SentenceInfo
    type: str
    kind: str  # 'happened' | 'said'
    date: DateValue
    # one of several happenings its sentence tells: it joins only mentions of its own type
    shared: bool = False

    @property
    def actors(self) -> tuple[str, ...]:
        """The sentence's actors and the one its opening pronoun stands for."""
        return self.info.actors + self.info.antecedent


# ACKNOWLEDGEMENT: a party owning up to a happening is a happening of its own, dated when it
# speaks, not when the thing it confirms took place.
#   "Ruritania acknowledged it had advisers in the country." / "Borduria admits troop presence"
#   but a negated cue is none: "The ministry could not confirm the sale."
_ACKNOWLEDGE = re.compile(r"\b(acknowledg\w*|admit(?:s|ted|ting)?|confirm(?:s|ed|ing)?)\b")
_NEGATED = re.compile(r"\b(?:not|n't|never|unable to|refused to|declined to)\s+(?:\w+\s+)?$")

# CLAUSE BREAKS: where one sentence goes on to report another happening, each invented.
#   ", adding": "The bloc recognised the rival government, adding sanctions on its banks."
#   "and <past verb>": "The navy sent frigates and shelled two ports."
#   ", and has|had": "It has massed troops at the border, and has struck three depots."
#   "after/when/following": "Ruritania admitted it had advisers there after photos showed jets."
#   ";": "Troops landed in May; the treaty was signed in June."
_CLAUSE_BREAK = re.compile(
    r",\s+adding\b|;\s+|"
    r",?\s+and\s+(?=(?:(?:has|have|had|then|later|also)\s+)?(?:\w+ed|struck|sent|sold|shot|hit|"
    r"fled|took|began|held|seized|signed|made)\b)|"
    r",?\s+(?:after|when|following)\s+"
)
# QUESTION: what someone was asked about is not something that happened:
#   "Asked whether troops would be sent, the minister said no." -> a statement, not a deployment
_QUESTION = re.compile(r"\basked (?:if|whether|about|why|how)\b[^,:]*[,:]?")
# ATTRIBUTED to a named speaker, a sentence also reports what that speaker said:
#   "The army relies on Bordurian jets, according to Minister Oduya." -> arms and his statement
_ATTRIBUTED = re.compile(r"\baccording to (?:[A-Z][\w’'-]+\s)*[A-Z][\w’'-]+(?=[,.;]|\s[a-z])")
# A sentence yields at most this many event mentions (one per distinct type).
_MAX_TYPES = 2


def _happened_type(folded: str) -> str | None:
    for name, pattern in EVENT_TYPES:
        if pattern.search(folded):
            return name
    return None


def _acknowledges(folded: str) -> bool:
    return any(not _NEGATED.search(folded[: m.start()]) for m in _ACKNOWLEDGE.finditer(folded))


def event_type(text: str) -> tuple[str, str] | None:
    """(type, kind) for a sentence, or None when it has no action cue."""
    types = event_types(text)
    return types[0] if types else None


def event_types(text: str) -> list[tuple[str, str]]:
    """Every (type, kind) the sentence reports, the main one first: one per clause that names a
    happening of another type (``_CLAUSE_BREAK``), at most ``_MAX_TYPES``; empty when it has
    no action cue."""
    folded = _QUESTION.sub(" ", fold(text))
    main = _happened_type(folded)
    if main is None:
        return [("statement", "said")] if SPEECH.search(folded) else []
    clauses = _CLAUSE_BREAK.split(folded)
    first = _happened_type(clauses[0]) if len(clauses) > 1 else None
    if _acknowledges(clauses[0]) and first is not None:
        # "X confirmed the deployment": the confirming, and the deployment only when another
        # clause tells it ("... after photos showed the troops landing")
        out = [("acknowledgement", "happened")]
        later = [_happened_type(c) for c in clauses[1:]]
        out += [(t, "happened") for t in dict.fromkeys(later) if t is not None]
        return out[:_MAX_TYPES]
    if len(clauses) == 1 and _acknowledges(folded):
        return [("acknowledgement", "happened")]
    out = [(main, "happened")]
    for clause in clauses:
        t = _happened_type(clause)
        if t is not None and all(t != o[0] for o in out):
            out.append((t, "happened"))
    if _ATTRIBUTED.search(text):
        out.append(("statement", "said"))
    return out[:_MAX_TYPES]


def mentions(context: Mapping[str, Sequence[SentenceInfo]]) -> list[EventMention]:
    out: list[EventMention] = []
    for infos in context.values():
        for info in infos:
            if info.date is None or (info.date_source == "published" and not info.actors):
                continue
            if len(info.sentence.text) < 25 or not info.actors:
                continue
            types = event_types(info.sentence.text)
            for etype, kind in types:
                out.append(EventMention(info, etype, kind, info.date, shared=len(types) > 1))
    return out


# NUMBER WORDS: small cardinals written out count as numbers, so "two bombers" and
# "2 bombers" share a number ("one" is left out: "one of the" is not an amount).
_NUMBER_WORDS = {
    w: float(i)
    for i, w in enumerate(
        ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve"],
        start=2,
    )
}  # fmt: skip
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b")


# NOT AMOUNTS: digits inside a designator ("Su-30 jets", "an Il-76", "F-16s") name a model, and
# bracketed reference markers ("... in 2019 [3].") point to a source; neither is a count.
_NOT_AMOUNT = re.compile(r"\b[A-Za-z]{1,4}-\d+\w*|\[\d+\]")


def _numbers(m: EventMention) -> frozenset[float]:
    text = _NOT_AMOUNT.sub(" ", m.info.sentence.text)
    spelled = {_NUMBER_WORDS[w] for w in _NUMBER_WORD.findall(fold(text))}
    return numbers(text) | spelled


# PHRASE: two content words in a row, in lower case (names are the actors' business), e.g.
# "curbs on the grain trade" and "curbs on Ruritania's grain trade" share "grain trade"; a
# reporting verb is no part of one ("officials said" tells who speaks, not what happened).
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_SPEECH_CASED = re.compile(SPEECH.pattern, re.I)


def _phrases(m: EventMention) -> frozenset[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for part in _SPEECH_CASED.split(m.info.sentence.text)[::2]:  # between reporting verbs
        seq = [
            stem(w)
            for w in (fold(x) for x in _WORD.findall(part) if x[0].islower())
            if len(w) > 2 and w not in STOPWORDS
        ]
        out.update(pairwise(seq))
    return frozenset(out)


def _cues(m: EventMention) -> frozenset[str]:
    """The action words of the mention's type in its sentence ("warships", "sanctions")."""
    pattern = _TYPE_PATTERN.get(m.type)
    if pattern is None:
        return frozenset()
    return frozenset(x.group(0) for x in pattern.finditer(fold(m.info.sentence.text)))


# OWNER: a party named right before the action word, in capitals only, owns it: "Ruritanian
# warships", "Zembla's warships", "American B-52 bombers", "Western sanctions"; but not
# "Ruritania sent two warships" (its verb stands between) nor the model in "K-8 jets".
_OWNER = re.compile(r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*(?:['’]s)?\s+")


def _owners(m: EventMention) -> frozenset[str]:
    """The actors owning an action word of the mention's type."""
    pattern = _TYPE_PATTERN_CASED.get(m.type)
    if pattern is None:
        return frozenset()
    text, start = m.info.sentence.text, m.info.sentence.start
    out: set[str] = set()
    for cue in pattern.finditer(text):
        for actor, offset in zip(m.info.actors, m.info.actor_offsets, strict=True):
            rel = offset - start
            if not (0 <= rel < cue.start() and _OWNER.fullmatch(text, rel, cue.start())):
                continue
            if not any(c.isdigit() for c in text[rel:].split(maxsplit=1)[0]):
                out.add(actor)  # a model ("Su-30 jets", "S-300 systems") is no party
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class _Keys:
    """What a mention's score reads besides its stems and actors, computed once per mention."""

    amounts: frozenset[float]
    cues: frozenset[str]
    phrases: frozenset[tuple[str, str]]
    owners: frozenset[str]


def _keys(m: EventMention) -> _Keys:
    return _Keys(_numbers(m), _cues(m), _phrases(m), _owners(m))


def _other_owners(a: EventMention, b: EventMention, ka: _Keys, kb: _Keys) -> bool:
    """Both action words owned, by different parties: "Ruritanian warships patrol the gulf"
    and "Zemblan warships escort convoys across the gulf" are two happenings, whatever the
    place and the week they share."""
    return a.type == b.type and bool(ka.owners and kb.owners) and not ka.owners & kb.owners


def _features(m: EventMention, amounts: frozenset[float]) -> list[str]:
    feats = [f"n:{n:g}" for n in amounts]
    feats += [intern(f"a:{a}") for a in m.actors]  # interned: one string per feature
    feats += [intern(f"w:{w}") for w in m.info.stems]
    return feats


def mention_features(
    context: Mapping[str, Sequence[SentenceInfo]],
) -> list[tuple[SentenceInfo, list[str]]]:
    """Each sentence holding an event mention with the features ``cluster`` pairs it by (a
    sentence of two happenings once): what the incremental analysis looks up."""
    out: dict[tuple[str, int], tuple[SentenceInfo, list[str]]] = {}
    for m in mentions(context):
        key = (m.info.doc, m.info.sentence.index)
        if key not in out:
            out[key] = (m.info, _features(m, _numbers(m)))
    return list(out.values())


def actor_share(found: Sequence[EventMention]) -> dict[str, float]:
    """The share of event mentions naming each actor: 'Russia' in a case about Russia is in
    most of them and says little about which happening a sentence reports; a rarer actor
    ('the deposed president') says more."""
    counts: dict[str, int] = {}
    for m in found:
        for actor in set(m.actors):
            counts[actor] = counts.get(actor, 0) + 1
    return {actor: k / len(found) for actor, k in counts.items()}


def cue_share(keys: Sequence[_Keys]) -> dict[str, float]:
    """The share of event mentions using each action word (as ``actor_share``)."""
    counts: dict[str, int] = {}
    for k in keys:
        for cue in k.cues:
            counts[cue] = counts.get(cue, 0) + 1
    return {cue: n / len(keys) for cue, n in counts.items()}


# An actor named by at most this share of the event mentions is specific: sharing it counts double.
_SPECIFIC_ACTOR = 0.1


def _score(
    a: EventMention,
    b: EventMention,
    share: Mapping[str, float] | None = None,
    keys: tuple[_Keys, _Keys] | None = None,
    cue_share: Mapping[str, float] | None = None,
) -> float:
    """How alike two mentions are; ``keys``: their ``_keys``, when already computed;
    ``share``, ``cue_share``: of the mentions naming each actor, using each action word."""
    ka, kb = keys if keys is not None else (_keys(a), _keys(b))
    na, nb = ka.amounts, kb.amounts
    shared_numbers = len(na & nb)
    common = set(a.actors) & set(b.actors)
    if not common:
        return 0.0
    score = jaccard(a.info.stems, b.info.stems)
    score += 0.35 * min(shared_numbers, 2)
    specific = sum(1 for x in common if share is not None and share.get(x, 1.0) <= _SPECIFIC_ACTOR)
    score += 0.1 * min(len(common) + specific, 3)
    if a.type == b.type:
        score += 0.1
    if placed(a) and placed(b):
        # both placed in time: the same rare action word ("warships", not "sanctions" in a
        # case about sanctions) and the same phrase ("oil industry") say which happening more
        # than the other words of a long sentence, where stem Jaccard is small; a standing
        # fact gets no such help
        cues = ka.cues & kb.cues if a.type == b.type else frozenset()
        rare = cue_share or {}
        if any(rare.get(c, 1.0) <= _SPECIFIC_ACTOR for c in cues):
            score += 0.1
        score += 0.1 * min(len(ka.phrases & kb.phrases), 2)
    if na and nb and not shared_numbers:
        score -= 0.2  # different amounts: probably different happenings
    return score


def _summary(text: str) -> str:
    """The evidence sentence as one line, a leading subordinate clause dropped when long."""
    line = " ".join(text.split())
    m = re.match(r"^(?:Amid|During|After|Before|While|Following|As|In|On|Since)\b[^,]{0,80},\s+",
                 line)  # fmt: skip
    if m and len(line) - m.end() > 40:
        line = line[m.end() :]
    return trim(line)


def cluster(
    found: Sequence[EventMention], groups: Mapping[str, str]
) -> tuple[list[Event], list[Contradiction]]:
    """Merge event mentions into events; report same-happening pairs with conflicting dates."""
    keys = [_keys(m) for m in found]  # once per mention, not once per candidate pair
    feats = [_features(m, k.amounts) for m, k in zip(found, keys, strict=True)]
    share = actor_share(found)
    cues = cue_share(keys)
    uf = UnionFind(len(found))
    conflicts: list[tuple[int, int]] = []
    for i, j, _ in pairs_at_least(feats, min_shared=_MIN_SHARED):  # in (i, j) order
        a, b = found[i], found[j]
        if a.info.sentence.doc == b.info.sentence.doc and a.info.sentence == b.info.sentence:
            continue
        if (a.shared or b.shared) and a.type != b.type:
            continue  # the sentence's words belong to both of its happenings: types decide
        if _other_owners(a, b, keys[i], keys[j]):
            continue
        score = _score(a, b, share, (keys[i], keys[j]), cues)
        if score < merge_threshold(a, b):
            continue
        if dates_agree(a, b):
            uf.union(i, j)
        elif (
            a.info.date_source in ("timex", "text")
            and b.info.date_source in ("timex", "text")
            and a.date.granularity == b.date.granularity == "day"
            and score >= _MERGE_SCORE + 0.3
            and a.info.doc != b.info.doc
        ):
            conflicts.append((i, j))
    events: list[Event] = []
    event_of: dict[int, str] = {}
    taken: set[str] = set()
    for members in uf.groups():
        ms = sorted((found[i] for i in members), key=_rank)
        lead = ms[0]
        spans = tuple(dict.fromkeys(m.info.sentence.span() for m in ms))
        docs = tuple(sorted({m.info.doc for m in ms}))
        actors: dict[str, None] = {}
        for mm in ms:
            for actor in mm.actors:
                actors.setdefault(actor, None)
        kinds = {m.kind for m in ms}
        types = [m.type for m in ms]
        etype = max(set(types), key=lambda t: (types.count(t), t != "statement", t))
        eid = make_id("ev", *sorted(f"{s.doc}:{s.start}:{s.end}" for s in spans))
        if eid in taken:  # the same sentences told as another happening
            eid = make_id("ev", etype, *sorted(f"{s.doc}:{s.start}:{s.end}" for s in spans))
        taken.add(eid)
        events.append(
            Event(
                id=eid,
                date=_finest(ms),
                summary=_summary(lead.info.sentence.text),
                type=etype,
                actors=tuple(actors),
                sources=docs,
                evidence=spans,
                kind="happened" if "happened" in kinds else "said",
                independent_sources=independent(docs, groups),
                background=years_before(lead.date, lead.info.published) > BACKGROUND_YEARS,
            )
        )
        for i in members:
            event_of[i] = eid
    contradictions = [_date_conflict(found[i], found[j]) for i, j in conflicts]
    events.sort(key=lambda e: (e.date.value, e.id))
    return events, contradictions


def _rank(m: EventMention) -> tuple[int, int, str, int]:
    source_rank = {"timex": 0, "text": 0, "inherited": 1}.get(m.info.date_source, 2)
    gran = {"day": 0, "month": 1, "year": 2}.get(m.date.granularity, 3)
    return source_rank, gran, m.info.doc, m.info.sentence.start


def _finest(ms: Sequence[EventMention]) -> DateValue:
    """The most precise date among the explicitly dated mentions (else the first one)."""
    dated = [m for m in ms if m.info.date_source in ("timex", "text")] or list(ms)
    return min(dated, key=_rank).date


def _date_conflict(a: EventMention, b: EventMention) -> Contradiction:
    sa, sb = a.info.sentence.span(), b.info.sentence.span()
    who_a = a.info.outlet or a.info.doc
    who_b = b.info.outlet or b.info.doc
    text = (
        f"{who_a} dates it {a.date.value} ({a.date.text or a.date.value}); "
        f"{who_b} dates what looks like the same {a.type} {b.date.value}"
    )
    return Contradiction(
        id=make_id("ctr", "date", sa.doc, sa.start, sb.doc, sb.start),
        kind="date",
        explanation=text,
        evidence=(sa, sb),
        items=(),
    )


def event_spans(events: Sequence[Event]) -> dict[str, tuple[Span, ...]]:
    return {e.id: e.evidence for e in events}
