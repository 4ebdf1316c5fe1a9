"""Contradictions: denials of reports, reversals, conflicting numbers, unverified claims, and
official statements contradicted by analysts. Each carries both sides' evidence and a plain
explanation assembled from the items (names, dates, values), never free wording.

Sentences are the unit, so the checks work whatever the claim extractor found; claims, quotes
and quantities inside a sentence are listed as the contradiction's items. Candidate pairs come
from inverted indexes (shared entity + topic words), never all pairs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from itertools import pairwise
from sys import intern
from typing import Literal

from caseboard.analyse.corroboration import same_amount
from caseboard.analyse.items import ANALYST, DENIAL, NEGATION, OFFICIAL, UNVERIFIED, Item
from caseboard.link.context import SentenceInfo, years_before
from caseboard.link.text import fold, pairs_at_least, pairs_in_order, stem, trim, words
from caseboard.model import Contradiction, Quantity, Span, make_id

_IGNORED_TOPIC = frozenset({"deni", "deny", "reject", "dismiss", "refut", "report", "claim",
                            "appear", "tell", "telling", "media", "stat"})  # fmt: skip
# topic words two sentences must share to be "about the same thing"
_MIN_TOPIC = 2
# statements further apart than this are not a reversal of one position
REVERSAL_YEARS = 1.0

# REPORTED: the sentence is itself a report ("documents it obtained show", "reportedly").
#   "The Daily Ledger reported on Monday that two frigates had docked."
REPORTED = re.compile(r"\b(report(?:s|ed|edly)?|according to|documents?|allegedly)\b")
# REFERS: the denial answers a report or claim ("denied the report", "dismissed the claims").
#   "The ministry denied the report, calling it fabricated."
REFERS = re.compile(r"\b(reports?|claims?|allegations?|accounts?)\b")
# CONTINUED: a sentence whose speaker is only a pronoun carries on the sentence before.
#   "Officials described the visit as routine. 'It has nothing to do with the army,' he added."
CONTINUED = re.compile(r"[”\"'’],?\s+(?:he|she|they)\s+(?:said|added|stressed|insisted|noted)\b")
# CONTRAST OPENING + REBUTTAL: a sentence that opens with a contrast and has someone insist,
# right after another speaker's statement, rebuts it; by the same speaker and of opposite
# polarity, it reverses it.
#   "But the spokesman insisted: 'Ruritania is threatening no one.'"   (a rebuttal)
#   "But on Friday, asked again, the minister said: 'No.'"             (a reversal)
CONTRAST_OPENING = re.compile(r"^\W*(but|however|yet)\b")
REBUTTAL = re.compile(
    r"\b(insist\w*|counter(?:ed|s)|retort\w*|reject\w*|dismiss\w*|den(?:y|ied|ies)|hit back)\b"
)


def _topic(s: SentenceInfo) -> frozenset[str]:
    return s.stems - _IGNORED_TOPIC


def _who(s: SentenceInfo) -> str:
    return s.outlet or f"document {s.doc[:12]}"


def _when(s: SentenceInfo) -> str:
    return s.date.value if s.date else "undated"


def pair_features(
    context: Mapping[str, Sequence[SentenceInfo]],
) -> list[tuple[SentenceInfo, frozenset[str], bool]]:
    """Each sentence ``find`` pairs (one naming an actor) with its topic words and whether it
    can be one side of a pair on its own (a denial, an official line or an analysts' view): two
    sentences that are neither make no contradiction. What the incremental analysis looks up."""
    out: list[tuple[SentenceInfo, frozenset[str], bool]] = []
    for infos in context.values():
        for s in infos:
            if s.actors:
                f = fold(s.sentence.text)
                special = bool(DENIAL.search(f) or OFFICIAL.search(f) or ANALYST.search(f))
                out.append((s, _topic(s), special))
    return out


def numeric_block(q: Quantity, it: Item) -> str | None:
    """The block ``_numeric`` compares a quantity in (unit and the thing counted), if any."""
    if it.sentence is None:
        return None
    thing = thing_counted(q, it.sentence.sentence.text, it.sentence.sentence.start)
    return f"{q.unit or ''}|{stem(thing)}" if thing else None


def find(
    context: Mapping[str, Sequence[SentenceInfo]],
    items: Sequence[Item],
    quantities: Mapping[str, Quantity],
    names: Mapping[str, str],
    name_stems: frozenset[str] = frozenset(),
) -> list[Contradiction]:
    """All contradictions; ``name_stems`` are the words of entity names, which alone do not make
    two sentences "about the same thing"."""
    sents = [s for infos in context.values() for s in infos if s.actors]
    items_at: dict[tuple[str, int], list[Item]] = {}
    for it in items:
        if it.sentence is not None:
            items_at.setdefault((it.doc, it.sentence.sentence.start), []).append(it)

    def ids(*ss: SentenceInfo) -> tuple[str, ...]:
        return tuple(
            sorted({i.id for s in ss for i in items_at.get((s.doc, s.sentence.start), [])})
        )

    def shared_names(a: SentenceInfo, b: SentenceInfo) -> str:
        common = [names.get(x, x) for x in a.actors if x in b.actors]
        return ", ".join(common[:3])

    folded = [fold(s.sentence.text) for s in sents]
    denial = [bool(DENIAL.search(f)) for f in folded]
    negative = [bool(NEGATION.search(f)) for f in folded]
    official = [bool(OFFICIAL.search(f)) and not ANALYST.search(f) for f in folded]
    analyst = [bool(ANALYST.search(f)) for f in folded]
    feats = [[intern(f"w:{w}") for w in _topic(s)] for s in sents]  # one string a word
    out: list[Contradiction] = []
    # the best partner of each denial (per document) and of each official line: the highest
    # rank, and among equals the pair met first in pairs_sharing's order, (first shared
    # feature, i, j); the pairs are streamed in (i, j) order, so that order is compared
    best_report: dict[tuple[int, str], tuple[tuple[bool, int], tuple[int, int, int], int]] = {}
    best_view: dict[int, tuple[int, tuple[int, int, int], int]] = {}
    for i, j, shared, first in pairs_in_order(feats, min_shared=_MIN_TOPIC):
        met = (first, i, j)
        a, b = sents[i], sents[j]
        common_actors = set(a.actors) & set(b.actors)
        if not common_actors or not (_topic(a) & _topic(b)) - name_stems:
            continue
        # REPORT vs DENIAL: "X denied the report" against the report elsewhere
        if denial[i] != denial[j]:
            d, r = (i, j) if denial[i] else (j, i)
            key = (d, sents[r].doc)
            # a denial of "the report" answers a sentence that is a report, before one that
            # merely shares more words with it
            rank = (
                bool(REPORTED.search(folded[r]) and REFERS.search(folded[d])) and not negative[r],
                shared,
            )
            if _plausible_report(sents[r], sents[d], shared, is_report=rank[0]):
                best = best_report.get(key)
                if best is None or rank > best[0] or (rank == best[0] and met < best[1]):
                    best_report[key] = (rank, met, r)
        # OFFICIAL vs ANALYST: opposite polarity on the same topic, which names alone
        # ("Russia", "Venezuela") do not make
        opposed = (official[i] and analyst[j]) or (official[j] and analyst[i])
        if (
            opposed
            and negative[i] != negative[j]
            and shared >= _MIN_TOPIC + 1
            and len((_topic(a) & _topic(b)) - name_stems) >= _MIN_TOPIC
        ):
            oi = i if official[i] else j
            xi = j if oi == i else i
            seen = best_view.get(oi)
            if seen is None or shared > seen[0] or (shared == seen[0] and met < seen[1]):
                best_view[oi] = (shared, met, xi)
    for o_at, (_, _, x_at) in sorted(best_view.items()):
        o, x = sents[o_at], sents[x_at]
        out.append(
            Contradiction(
                id=make_id("ctr", "disagreement", o.doc, o.sentence.start, x.doc, x.sentence.start),
                kind="disagreement",
                explanation=(
                    f"An official line in {_who(o)} ({_when(o)}) and an analysts' view in "
                    f"{_who(x)} ({_when(x)}) point opposite ways about {shared_names(o, x)}"
                ),
                evidence=(o.sentence.span(), x.sentence.span()),
                items=ids(o, x),
            )
        )
    for (d, _), (_, _, r) in sorted(best_report.items()):
        ds, rs = sents[d], sents[r]
        if rs.doc == ds.doc and rs.sentence.start > ds.sentence.start:
            continue  # within one article the report comes before its denial
        if (
            rs.doc == ds.doc
            and ds.sentence.index == rs.sentence.index + 1
            and CONTINUED.search(folded[d])
        ):
            continue  # the same source going on ("..., he stressed"), not an answer to it
        speakers = [
            i.speaker_name or names.get(i.speaker or "", "")
            for i in items_at.get((ds.doc, ds.sentence.start), [])
            if i.speaker_name or i.speaker
        ]
        denier = speakers[0] if speakers else names.get(ds.actors[0], "")
        out.append(
            Contradiction(
                id=make_id("ctr", "denial", ds.doc, ds.sentence.start, rs.doc, rs.sentence.start),
                kind="denial",
                explanation=(
                    f"{_who(rs)} reports something about {shared_names(ds, rs)} ({_when(rs)}) "
                    f"that is denied in {_who(ds)} ({_when(ds)})"
                    + (f"; the denial names {denier}" if denier else "")
                ),
                evidence=(rs.sentence.span(), ds.sentence.span()),
                items=ids(rs, ds),
            )
        )
    out.extend(_reversals(items, names, name_stems))
    out.extend(_answers(context, items, names, out))
    out.extend(_true_aims(context))
    out.extend(_numeric(items, quantities, names))
    out.extend(_unverified(sents, items, folded))
    out.extend(_unsure(context, out))
    return out


def _plausible_report(
    report: SentenceInfo, denial: SentenceInfo, shared: int, is_report: bool = False
) -> bool:
    """A denial answers a report published before it (and not years earlier). Across articles
    the two must share more than the minimum topic, unless the denial refers to a report and
    the other sentence is one. A report dated years before the denial is not what it answers."""
    if report.date and denial.date and years_before(report.date, denial.date) > 1.0:
        return False
    if report.doc == denial.doc:
        return report.sentence.start < denial.sentence.start
    if shared < _MIN_TOPIC + (0 if is_report else 1):
        return False
    if report.published is None or denial.published is None:
        return True
    gap = years_before(report.published, denial.published)
    return 0.0 <= gap <= 1.0


def _reversals(
    items: Sequence[Item], names: Mapping[str, str], name_stems: frozenset[str] = frozenset()
) -> list[Contradiction]:
    """The same speaker, opposite polarity on the same topic, on different dates, at most
    ``REVERSAL_YEARS`` apart; the shared topic words must not all be names."""
    by_speaker: dict[str, list[Item]] = {}
    for it in items:
        if it.speaker and it.kind in ("quote", "claim") and it.date is not None:
            by_speaker.setdefault(it.speaker, []).append(it)
    out: list[Contradiction] = []
    for speaker, its in sorted(by_speaker.items()):
        feats = [[f"w:{w}" for w in it.topic - name_stems] for it in its]
        for i, j, _ in pairs_at_least(feats, min_shared=_MIN_TOPIC):  # in (i, j) order
            a, b = its[i], its[j]
            if a.negative == b.negative or a.date is None or b.date is None:
                continue
            if a.date.value[:7] == b.date.value[:7]:
                continue
            if abs(years_before(a.date, b.date)) > REVERSAL_YEARS:
                continue  # years apart, a changed position answers a changed situation
            early, late = sorted((a, b), key=lambda x: x.date.value if x.date else "")
            assert early.date is not None
            assert late.date is not None
            out.append(
                Contradiction(
                    id=make_id("ctr", "reversal", early.id, late.id),
                    kind="reversal",
                    explanation=(
                        f"{names.get(speaker, early.speaker_name or speaker)} said "
                        f"'{trim(early.text, 80)}' ({early.date.value}) and "
                        f"'{trim(late.text, 80)}' ({late.date.value})"
                    ),
                    evidence=(early.evidence, late.evidence),
                    items=(early.id, late.id),
                )
            )
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a.doc == b.doc and a.start < b.end and b.start < a.end


def _answers(
    context: Mapping[str, Sequence[SentenceInfo]],
    items: Sequence[Item],
    names: Mapping[str, str],
    found: Sequence[Contradiction],
) -> list[Contradiction]:
    """Rebuttals and reversals told as an answer to the sentence before (CONTRAST OPENING)."""
    said: dict[tuple[str, int], list[Item]] = {}
    for it in items:
        if it.kind in ("quote", "claim") and it.speaker and it.sentence is not None:
            said.setdefault((it.doc, it.sentence.sentence.start), []).append(it)
    out: list[Contradiction] = []
    for doc, infos in context.items():
        for prev, cur in pairwise(infos):
            text = fold(cur.sentence.text)
            if not CONTRAST_OPENING.search(text):
                continue
            now = said.get((doc, cur.sentence.start), [])
            before = said.get((doc, prev.sentence.start), [])
            if not now or not before:
                continue
            common = {i.speaker for i in now} & {i.speaker for i in before}
            kind: Literal["reversal", "denial"]
            if common:
                neg_now = any(i.negative for i in now if i.speaker in common)
                neg_before = any(i.negative for i in before if i.speaker in common)
                if neg_now == neg_before:
                    continue
                kind = "reversal"
                who = names.get(sorted(common, key=str)[0] or "", "")
                explanation = (
                    f"{who or _who(cur)} answers the opposite way right after "
                    f"({_when(prev)} and {_when(cur)}), {_who(cur)}"
                )
            else:
                if not REBUTTAL.search(text) or not any(i.negative for i in now):
                    continue
                if not set(prev.actors) & set(cur.actors):
                    continue
                kind = "denial"
                rebutter = now[0].speaker_name or names.get(now[0].speaker or "", "")
                explanation = (
                    f"{_who(cur)} reports a rebuttal ({_when(cur)}) of the statement just before "
                    f"it; the rebuttal names {rebutter}"
                )
            spans = (prev.sentence.span(), cur.sentence.span())
            if any(
                c.kind == kind
                and any(_overlaps(e, spans[0]) for e in c.evidence)
                and any(_overlaps(e, spans[1]) for e in c.evidence)
                for c in found
            ):
                continue
            ids = tuple(sorted(i.id for i in (*before, *now)))
            out.append(
                Contradiction(
                    id=make_id("ctr", kind, doc, prev.sentence.start, cur.sentence.start),
                    kind=kind,
                    explanation=explanation,
                    evidence=spans,
                    items=ids,
                )
            )
    return out


# STATED AIM vs TRUE AIM: observers name a "true" aim right after an official states one.
#   "Officials say the patrols are aimed at smugglers. Observers believe their real goal is the
#   port."
TRUE_AIM = re.compile(
    r"\b(true|real|actual|hidden|ulterior)\s+(objective|goal|aim|motive|purpose|intention)s?\b"
)
STATED_AIM = re.compile(r"\b(aim(?:s|ed)?|goals?|objectives?|intended|purpose)\b")
# who states it: an official voice ("officials say", "the ministry insists")
OFFICIAL_SAYS = re.compile(
    r"\b(officials?|minist\w*|spokes\w*|government|administration|white house|kremlin|"
    r"state department)\b[^.]{0,40}?\b(say|says|said|insist\w*|maintain\w*|stress\w*)\b"
)
# an official statement of aim at most this many sentences before the observers' view
_AIM_WINDOW = 2


def _true_aims(context: Mapping[str, Sequence[SentenceInfo]]) -> list[Contradiction]:
    out: list[Contradiction] = []
    for infos in context.values():
        folded = [fold(s.sentence.text) for s in infos]
        for k, f in enumerate(folded):
            if not (TRUE_AIM.search(f) and ANALYST.search(f)):
                continue
            for j in range(k - 1, max(-1, k - 1 - _AIM_WINDOW), -1):
                g = folded[j]
                if STATED_AIM.search(g) and OFFICIAL_SAYS.search(g) and not TRUE_AIM.search(g):
                    o, x = infos[j], infos[k]
                    out.append(
                        Contradiction(
                            id=make_id(
                                "ctr",
                                "disagreement",
                                o.doc,
                                o.sentence.start,
                                x.doc,
                                x.sentence.start,
                            ),
                            kind="disagreement",
                            explanation=(
                                f"{_who(x)} gives an official aim ({_when(o)}) and, right after, "
                                f"observers' view of the true one ({_when(x)})"
                            ),
                            evidence=(o.sentence.span(), x.sentence.span()),
                            items=(),
                        )
                    )
                    break
    return out


def thing_counted(q: Quantity, sentence_text: str, sentence_start: int) -> str:
    """What a quantity counts: its ``about``/unit, else the first content word after it."""
    if q.about:
        return words(q.about)[-1] if words(q.about) else ""
    after = sentence_text[q.evidence.end - sentence_start :]
    for w in words(after)[:4]:
        if len(w) > 3 and not w[0].isdigit() and w not in ("than", "more", "some", "about"):
            return w
    return q.unit or ""


# How far an approximate figure may stray: "about 200" is 180 to 220, "nearly 100" 90 to 100.
_APPROX = 0.1


def value_range(q: Quantity) -> tuple[float, float]:
    """The values a figure allows given its modifier: 'dozens' (at least 24) and 'more than 70'
    are both open upwards, so they do not disagree."""
    v, mod = q.value, q.modifier
    if mod in ("at_least", "more_than"):
        return v, math.inf
    if mod in ("at_most", "less_than"):
        return -math.inf, v
    if mod == "nearly":
        return v * (1 - _APPROX), v
    if mod in ("about", "approximately", "around"):
        return v * (1 - _APPROX), v * (1 + _APPROX)
    return v, v


def ranges_meet(a: Quantity, b: Quantity) -> bool:
    """True when two figures can both be right (their ranges overlap)."""
    (la, ha), (lb, hb) = value_range(a), value_range(b)
    return la <= hb and lb <= ha


def _numeric(
    items: Sequence[Item], quantities: Mapping[str, Quantity], names: Mapping[str, str]
) -> list[Contradiction]:
    """The same unit about the same thing, different values beyond rounding."""
    blocks: dict[tuple[str, str], list[Item]] = {}
    for it in items:
        if it.kind != "quantity" or it.sentence is None:
            continue
        q = quantities[it.id]
        thing = thing_counted(q, it.sentence.sentence.text, it.sentence.sentence.start)
        if thing:
            blocks.setdefault((q.unit or "", thing), []).append(it)
    # the same thing counted in singular and plural ("engineer"/"engineers") shares a block
    merged: dict[tuple[str, str], list[Item]] = {}
    for (unit, thing), its in blocks.items():
        merged.setdefault((unit, stem(thing)), []).extend(its)
    shown = {(u, stem(t)): t for u, t in blocks}
    blocks = {(u, shown[(u, k)]): its for (u, k), its in merged.items()}
    out: list[Contradiction] = []
    for (unit, thing), its in sorted(blocks.items()):
        if len(its) > 60:
            continue  # a generic noun: too common to be "the same thing"
        for x, a in enumerate(its):
            for b in its[x + 1 :]:
                qa, qb = quantities[a.id], quantities[b.id]
                if a.doc == b.doc or same_amount(qa.value, qb.value) or ranges_meet(qa, qb):
                    continue
                if not set(a.actors) & set(b.actors):
                    continue
                common = ", ".join(names.get(e, e) for e in a.actors if e in b.actors)
                out.append(
                    Contradiction(
                        id=make_id("ctr", "numeric", *sorted((a.id, b.id))),
                        kind="numeric",
                        explanation=(
                            f"Different figures for {thing} ({unit or 'count'}) about {common}: "
                            f"{qa.text!r} vs {qb.text!r}"
                        ),
                        evidence=(a.evidence, b.evidence),
                        items=(a.id, b.id),
                    )
                )
    return out


# UNCLEAR: the outlet says in its own voice that it does not know (not inside a quotation,
# where the speaker's doubt is a view, not a flag on the reporting).
#   "It is unclear what cargo the freighter held."
#   "It's not clear whether the envoy's note reached the palace."
UNCLEAR = re.compile(
    r"\bit(?: is|['’]s) (?:unclear|not clear|not known) (?:what|whether|if|how|who|why|when)\b"
)
_OPEN_QUOTE = re.compile(r"[“\"]")
_CLOSE_QUOTE = re.compile(r"[”\"]")


def _outlet_unsure(folded: str) -> bool:
    """UNCLEAR outside any quotation (one may open before the sentence and close in it)."""
    for m in UNCLEAR.finditer(folded):
        before, after = folded[: m.start()], folded[m.end() :]
        opened = len(_OPEN_QUOTE.findall(before)) > len(_CLOSE_QUOTE.findall(before))
        closes = len(_CLOSE_QUOTE.findall(after)) > len(_OPEN_QUOTE.findall(after))
        if not opened and not closes:
            return True
    return False


def _unsure(
    context: Mapping[str, Sequence[SentenceInfo]], found: Sequence[Contradiction]
) -> list[Contradiction]:
    """Sentences in which the outlet says it does not know (UNCLEAR), named actors or not."""
    flagged = [e for c in found if c.kind == "unverified" for e in c.evidence]
    out: list[Contradiction] = []
    for infos in context.values():
        for s in infos:
            if not _outlet_unsure(fold(s.sentence.text)):
                continue
            if any(_overlaps(e, s.sentence.span()) for e in flagged):
                continue
            out.append(
                Contradiction(
                    id=make_id("ctr", "unverified", s.doc, s.sentence.start),
                    kind="unverified",
                    explanation=f"{_who(s)} says it does not know this ({_when(s)})",
                    evidence=(s.sentence.span(),),
                    items=(),
                )
            )
    return out


def _unverified(
    sents: Sequence[SentenceInfo], items: Sequence[Item], folded: Sequence[str]
) -> list[Contradiction]:
    """Claims the outlet itself says it could not verify."""
    out: dict[tuple[str, int], Contradiction] = {}
    for it in items:
        if it.kind == "claim" and it.status == "unverified":
            key = (it.doc, it.sentence.sentence.start if it.sentence else it.evidence.start)
            out[key] = Contradiction(
                id=make_id("ctr", "unverified", it.id),
                kind="unverified",
                explanation=f"Flagged as unverified by its own source: {trim(it.text, 100)!r}",
                evidence=(it.evidence,),
                items=(it.id,),
            )
    for s, f in zip(sents, folded, strict=True):
        key = (s.doc, s.sentence.start)
        if key in out or not UNVERIFIED.search(f):
            continue
        out[key] = Contradiction(
            id=make_id("ctr", "unverified", s.doc, s.sentence.start),
            kind="unverified",
            explanation=f"{_who(s)} says it could not verify this ({_when(s)})",
            evidence=(s.sentence.span(),),
            items=(),
        )
    return list(out.values())
