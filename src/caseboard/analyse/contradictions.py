"""Contradictions: denials of reports, reversals, conflicting numbers, unverified claims, and
official statements contradicted by analysts. Each carries both sides' evidence and a plain
explanation assembled from the items (names, dates, values), never free wording.

Sentences are the unit, so the checks work whatever the claim extractor found; claims, quotes
and quantities inside a sentence are listed as the contradiction's items. Candidate pairs come
from inverted indexes (shared entity + topic words), never all pairs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from caseboard.analyse.corroboration import same_amount
from caseboard.analyse.items import ANALYST, DENIAL, NEGATION, OFFICIAL, UNVERIFIED, Item
from caseboard.link.context import SentenceInfo, years_before
from caseboard.link.text import fold, pairs_sharing, stem, trim, words
from caseboard.model import Contradiction, Quantity, make_id

_IGNORED_TOPIC = frozenset({"deni", "deny", "reject", "dismiss", "refut", "report", "claim",
                            "appear", "tell", "telling", "media", "stat"})  # fmt: skip
# topic words two sentences must share to be "about the same thing"
_MIN_TOPIC = 2


def _topic(s: SentenceInfo) -> frozenset[str]:
    return s.stems - _IGNORED_TOPIC


def _who(s: SentenceInfo) -> str:
    return s.outlet or f"document {s.doc[:12]}"


def _when(s: SentenceInfo) -> str:
    return s.date.value if s.date else "undated"


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
    feats = [[f"w:{w}" for w in _topic(s)] for s in sents]
    out: list[Contradiction] = []
    best_report: dict[tuple[int, str], tuple[float, int]] = {}
    best_view: dict[int, tuple[int, int]] = {}
    for (i, j), shared in pairs_sharing(feats, min_shared=_MIN_TOPIC).items():
        a, b = sents[i], sents[j]
        common_actors = set(a.actors) & set(b.actors)
        if not common_actors or not (_topic(a) & _topic(b)) - name_stems:
            continue
        # REPORT vs DENIAL: "X denied the report" against the report elsewhere
        if denial[i] != denial[j]:
            d, r = (i, j) if denial[i] else (j, i)
            key = (d, sents[r].doc)
            if (
                _plausible_report(sents[r], sents[d], shared)
                and shared > best_report.get(key, (0, -1))[0]
            ):
                best_report[key] = (shared, r)
        # OFFICIAL vs ANALYST: opposite polarity on the same topic
        opposed = (official[i] and analyst[j]) or (official[j] and analyst[i])
        if opposed and negative[i] != negative[j] and shared >= _MIN_TOPIC + 1:
            oi = i if official[i] else j
            xi = j if oi == i else i
            if shared > best_view.get(oi, (0, -1))[0]:
                best_view[oi] = (shared, xi)
    for o_at, (_, x_at) in sorted(best_view.items()):
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
    for (d, _), (_, r) in sorted(best_report.items()):
        ds, rs = sents[d], sents[r]
        if rs.doc == ds.doc and rs.sentence.start > ds.sentence.start:
            continue  # within one article the report comes before its denial
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
    out.extend(_reversals(items, names))
    out.extend(_numeric(items, quantities, names))
    out.extend(_unverified(sents, items, folded))
    return out


def _plausible_report(report: SentenceInfo, denial: SentenceInfo, shared: int) -> bool:
    """A denial answers a report published before it (and not years earlier)."""
    if report.doc == denial.doc:
        return report.sentence.start < denial.sentence.start
    if shared < _MIN_TOPIC + 1:
        return False
    if report.published is None or denial.published is None:
        return True
    gap = years_before(report.published, denial.published)
    return 0.0 <= gap <= 1.0


def _reversals(items: Sequence[Item], names: Mapping[str, str]) -> list[Contradiction]:
    """The same speaker, opposite polarity on the same topic, on different dates."""
    by_speaker: dict[str, list[Item]] = {}
    for it in items:
        if it.speaker and it.kind in ("quote", "claim") and it.date is not None:
            by_speaker.setdefault(it.speaker, []).append(it)
    out: list[Contradiction] = []
    for speaker, its in sorted(by_speaker.items()):
        feats = [[f"w:{w}" for w in it.topic] for it in its]
        for (i, j), _ in sorted(pairs_sharing(feats, min_shared=_MIN_TOPIC).items()):
            a, b = its[i], its[j]
            if a.negative == b.negative or a.date is None or b.date is None:
                continue
            if a.date.value[:7] == b.date.value[:7]:
                continue
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


def thing_counted(q: Quantity, sentence_text: str, sentence_start: int) -> str:
    """What a quantity counts: its ``about``/unit, else the first content word after it."""
    if q.about:
        return words(q.about)[-1] if words(q.about) else ""
    after = sentence_text[q.evidence.end - sentence_start :]
    for w in words(after)[:4]:
        if len(w) > 3 and not w[0].isdigit() and w not in ("than", "more", "some", "about"):
            return w
    return q.unit or ""


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
                if a.doc == b.doc or same_amount(qa.value, qb.value):
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
