"""Score predictions against gold items (raw-text offsets on both sides)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from caseboard.evaluate.gold import Gold, GoldItem
from caseboard.evaluate.match import (
    Score,
    covers,
    date_matches,
    head_word,
    name_key,
    overlap,
    same_unit,
    same_value,
    token_overlap,
)

ROLE_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class PredQuote:
    file: str
    span: tuple[int, int]
    speaker: str


@dataclass(frozen=True, slots=True)
class PredPerson:
    file: str
    names: frozenset[str]  # name keys (see match.name_key) of the predicted entity
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PredTimex:
    file: str
    span: tuple[int, int]
    values: tuple[str, ...]  # TIMEX3 value and the normalised date value, when present
    type: str = "DATE"


@dataclass(frozen=True, slots=True)
class PredQuantity:
    file: str
    span: tuple[int, int]
    value: float
    unit: str | None


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold item a system missed or got wrong (ids and short facts only, never sentences)."""

    category: str
    item: str
    reason: str


@dataclass(slots=True)
class Scored:
    scores: dict[str, Score] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)


def aliases_of(gold: Gold, name: str) -> frozenset[str]:
    """Every name key of a gold actor: its alias group, else the name and its head word."""
    group = gold.aliases.get(name)
    if group:
        return group
    return frozenset({name_key(name), head_word(name)})


def surnames_of(gold: Gold, name: str) -> frozenset[str]:
    return frozenset(head_word(a) for a in aliases_of(gold, name)) | {head_word(name)}


def _ignored(item_file: str, span: tuple[int, int], kind: str, gold: Gold) -> bool:
    return any(
        g.facts.get("kind") == kind and g.file == item_file and overlap(*span, g.start, g.end)
        for g in gold.ignore
    )


def score_quotes(gold: Gold, preds: Sequence[PredQuote], out: Scored) -> None:
    found = attributed = 0
    for g in gold.quotes:
        cands = [p for p in preds if p.file == g.file and covers(p.span, g.span)]
        ok = surnames_of(gold, str(g.facts["speaker"]))
        if not cands:
            out.misses.append(Miss("quote", g.id, "not found"))
            continue
        found += 1
        if any(head_word(p.speaker) in ok for p in cands):
            attributed += 1
        else:
            said = "; ".join(sorted({p.speaker or "(none)" for p in cands}))
            out.misses.append(Miss("quote-speaker", g.id, f"speaker given as {said}"))
    p_found = p_attr = 0
    for p in preds:
        hits = [g for g in gold.quotes if g.file == p.file and covers(p.span, g.span)]
        p_found += bool(hits)
        p_attr += any(
            head_word(p.speaker) in surnames_of(gold, str(g.facts["speaker"])) for g in hits
        )
    n = len(gold.quotes)
    out.scores["quotes found"] = Score(n, len(preds), found, p_found)
    out.scores["quotes attributed"] = Score(n, len(preds), attributed, p_attr)


def score_people(gold: Gold, preds: Sequence[PredPerson], out: Scored, roles: bool = True) -> None:
    found = 0
    gold_roles = role_hits = 0
    for g in gold.people:
        names = aliases_of(gold, str(g.facts["name"]))
        cands = [p for p in preds if p.file == g.file and p.names & names]
        labels = [str(r["label"]) for r in g.facts.get("roles", ())]
        if cands:
            found += 1
        else:
            out.misses.append(Miss("person", g.id, f"{g.facts['name']} not found"))
        if not roles:
            continue
        texts = [r for p in cands for r in p.roles]
        for label in labels:
            gold_roles += 1
            if any(token_overlap(label, t) >= ROLE_SHARE for t in texts):
                role_hits += 1
            else:
                given = "; ".join(sorted(set(texts))) or "no role"
                out.misses.append(Miss("role", g.id, f"{label!r}: {given}"))
    p_found = 0
    p_roles = p_role_hits = 0
    for p in preds:
        golds = [g for g in gold.people if g.file == p.file]
        match = [g for g in golds if p.names & aliases_of(gold, str(g.facts["name"]))]
        p_found += bool(match)
        labels = [str(r["label"]) for g in match for r in g.facts.get("roles", ())]
        for text in p.roles:
            p_roles += 1
            p_role_hits += any(token_overlap(label, text) >= ROLE_SHARE for label in labels)
    out.scores["people found"] = Score(len(gold.people), len(preds), found, p_found)
    if roles:
        out.scores["roles found"] = Score(gold_roles, p_roles, role_hits, p_role_hits)


def score_timexes(gold: Gold, preds: Sequence[PredTimex], out: Scored) -> None:
    found = right = 0
    for g in gold.timexes:
        cands = [p for p in preds if p.file == g.file and covers(p.span, g.span)]
        if not cands:
            out.misses.append(Miss("date", g.id, f"{g.facts['value']} not found"))
            continue
        found += 1
        gran, value = str(g.facts["granularity"]), str(g.facts["value"])
        if any(date_matches(value, gran, v) for p in cands for v in p.values):
            right += 1
        else:
            given = "; ".join(sorted({v for p in cands for v in p.values if v})) or "no value"
            out.misses.append(Miss("date-value", g.id, f"gold {value}, predicted {given}"))
    p_n = p_found = p_right = 0
    for p in preds:
        hits = [g for g in gold.timexes if g.file == p.file and covers(p.span, g.span)]
        if not hits and (p.type != "DATE" or _ignored(p.file, p.span, "timex", gold)):
            continue
        p_n += 1
        p_found += bool(hits)
        p_right += any(
            date_matches(str(g.facts["value"]), str(g.facts["granularity"]), v)
            for g in hits
            for v in p.values
        )
    n = len(gold.timexes)
    out.scores["dates found"] = Score(n, p_n, found, p_found)
    out.scores["dates normalised"] = Score(n, p_n, right, p_right)


def _qty_ok(g: GoldItem, p: PredQuantity) -> bool:
    unit = g.facts.get("unit")
    return same_value(float(g.facts["value"]), p.value) and same_unit(
        None if unit is None else str(unit), p.unit
    )


def score_quantities(gold: Gold, preds: Sequence[PredQuantity], out: Scored) -> None:
    spans = right = 0
    for g in gold.quantities:
        cands = [p for p in preds if p.file == g.file and overlap(*p.span, g.start, g.end)]
        spans += bool(cands)
        if any(_qty_ok(g, p) for p in cands):
            right += 1
        elif cands:
            given = "; ".join(sorted({f"{p.value:g} {p.unit}" for p in cands}))
            out.misses.append(
                Miss(
                    "quantity-value",
                    g.id,
                    f"gold {g.facts['value']:g} {g.facts['unit']}, got {given}",
                )
            )
        else:
            out.misses.append(
                Miss("quantity", g.id, f"{g.facts['value']:g} {g.facts['unit']} not found")
            )
    p_n = p_span = p_right = 0
    for p in preds:
        hits = [g for g in gold.quantities if g.file == p.file and overlap(*p.span, g.start, g.end)]
        if not hits and _ignored(p.file, p.span, "quantity", gold):
            continue
        p_n += 1
        p_span += bool(hits)
        p_right += any(_qty_ok(g, p) for g in hits)
    n = len(gold.quantities)
    out.scores["quantities found"] = Score(n, p_n, right, p_right)
    out.scores["quantity spans"] = Score(n, p_n, spans, p_span)


def files_of(items: Iterable[GoldItem]) -> set[str]:
    return {g.file for g in items}
