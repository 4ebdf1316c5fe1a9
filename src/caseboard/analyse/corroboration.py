"""Corroboration: which other documents support a claim, quote or quantity.

Claims and quotes are supported by a similar item elsewhere (shared content words and at least
one shared entity); a quantity by the same value and unit about the same thing elsewhere
(rounding tolerated: "nearly 100" supports "about 100"). Candidates come from an inverted index
on entities, words and values (blocking). Items from the same independent source (same outlet
or a reprint) do not corroborate each other. Single-source items have no entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from sys import intern

from caseboard.analyse.items import Item
from caseboard.link.text import jaccard, partners, stem
from caseboard.model import Quantity, Span

# Claim/quote text similarity (Jaccard over content stems) needed to count as support.
TEXT_SIMILARITY = 0.25
# Relative difference two amounts may have and still be "the same figure" (rounding).
ROUNDING = 0.05


def same_amount(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= ROUNDING * max(abs(a), abs(b))


def _about(q: Quantity) -> str:
    return stem((q.about or q.unit or "").lower().split()[-1]) if (q.about or q.unit) else ""


def quantity_feature(q: Quantity) -> str:
    """The blocking key of a quantity: its unit and its value rounded (to tens from 50)."""
    return f"q:{q.unit}:{round(q.value, -1 if q.value >= 50 else 0):g}"


def corroborate(
    items: Sequence[Item],
    quantities: Mapping[str, Quantity],
    groups: Mapping[str, str],
) -> dict[str, tuple[Span, ...]]:
    feats: list[list[str]] = []
    for it in items:
        if it.kind == "quantity":
            feats.append([quantity_feature(quantities[it.id])])
        else:
            f = [intern(f"a:{a}") for a in it.actors] + [intern(f"w:{w}") for w in it.topic]
            if it.speaker:
                f.append(f"s:{it.speaker}")
            feats.append(f)
    support: dict[str, list[Span]] = {}
    # statements need two shared features (an entity and a word, or two words); a quantity has
    # one feature, its rounded value and unit. Quantity and statement features never meet (the
    # prefixes differ), so every candidate pair is of one kind. Pairs are taken in (i, j) order.
    group = [groups.get(it.doc, it.doc) for it in items]
    # the cheap conditions of ``_supports`` first: a denial only meets a denial, a negative
    # statement a negative one
    polarity = [(it.denial, it.negative) for it in items]
    actors = [frozenset(it.actors) for it in items]
    topics = [it.topic for it in items]
    for i, counts in partners(feats):
        a = items[i]
        if a.kind == "quantity":
            found = sorted(j for j in counts if group[j] != group[i])
            found = [j for j in found if _supports(a, items[j], quantities)]
        else:
            pol, grp, spk, acts, topic = polarity[i], group[i], a.speaker, actors[i], topics[i]
            found = []
            for j in [j for j, n in counts.items() if n >= 2 and polarity[j] == pol]:
                if group[j] == grp:
                    continue
                if not (spk is not None and spk == items[j].speaker) and acts.isdisjoint(actors[j]):
                    continue
                if _similar(topic, topics[j]):
                    found.append(j)
            found.sort()
        for j in found:
            b = items[j]
            support.setdefault(a.id, []).append(b.evidence)
            support.setdefault(b.id, []).append(a.evidence)
    return {k: tuple(sorted(v, key=lambda s: (s.doc, s.start))) for k, v in sorted(support.items())}


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """``jaccard(a, b) >= TEXT_SIMILARITY``, without building the union."""
    shared = len(a & b)
    return shared > 0 and shared / (len(a) + len(b) - shared) >= TEXT_SIMILARITY


def _supports(a: Item, b: Item, quantities: Mapping[str, Quantity]) -> bool:
    if a.kind == "quantity" and b.kind == "quantity":
        qa, qb = quantities[a.id], quantities[b.id]
        if qa.unit != qb.unit or not same_amount(qa.value, qb.value):
            return False
        about_a, about_b = _about(qa), _about(qb)
        if about_a and about_b:
            return about_a == about_b or jaccard(a.stems, b.stems) >= 0.15
        return bool(set(a.actors) & set(b.actors)) and jaccard(a.stems, b.stems) >= 0.15
    if a.kind == "quantity" or b.kind == "quantity":
        return False
    if a.denial != b.denial or a.negative != b.negative:
        return False  # a denial does not support the report it denies
    same_speaker = a.speaker is not None and a.speaker == b.speaker
    shared_entities = bool(set(a.actors) & set(b.actors)) or same_speaker
    return shared_entities and jaccard(a.topic, b.topic) >= TEXT_SIMILARITY
