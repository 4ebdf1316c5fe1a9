"""Corroboration: which other documents support a claim, quote or quantity.

Claims and quotes are supported by a similar item elsewhere (shared content words and at least
one shared entity); a quantity by the same value and unit about the same thing elsewhere
(rounding tolerated: "nearly 100" supports "about 100"). Candidates come from an inverted index
on entities, words and values (blocking). Items from the same independent source (same outlet
or a reprint) do not corroborate each other. Single-source items have no entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from caseboard.analyse.items import Item
from caseboard.link.text import jaccard, pairs_at_least, stem
from caseboard.model import Quantity, Span

# Claim/quote text similarity (Jaccard over content stems) needed to count as support.
TEXT_SIMILARITY = 0.25
# Relative difference two amounts may have and still be "the same figure" (rounding).
ROUNDING = 0.05


def same_amount(a: float, b: float) -> bool:
    return a == b or abs(a - b) <= ROUNDING * max(abs(a), abs(b))


def _about(q: Quantity) -> str:
    return stem((q.about or q.unit or "").lower().split()[-1]) if (q.about or q.unit) else ""


def corroborate(
    items: Sequence[Item],
    quantities: Mapping[str, Quantity],
    groups: Mapping[str, str],
) -> dict[str, tuple[Span, ...]]:
    feats: list[list[str]] = []
    for it in items:
        if it.kind == "quantity":
            q = quantities[it.id]
            feats.append([f"q:{q.unit}:{round(q.value, -1 if q.value >= 50 else 0):g}"])
        else:
            f = [f"a:{a}" for a in it.actors] + [f"w:{w}" for w in it.topic]
            if it.speaker:
                f.append(f"s:{it.speaker}")
            feats.append(f)
    support: dict[str, list[Span]] = {}
    # statements need two shared features (an entity and a word, or two words); a quantity has
    # one feature, its rounded value and unit. Quantity and statement features never meet (the
    # prefixes differ), so every candidate pair is of one kind.
    is_q = [it.kind == "quantity" for it in items]
    group = [groups.get(it.doc, it.doc) for it in items]
    statements = [_Statement.of(it) for it in items]
    for i, j, n in pairs_at_least(feats, min_shared=1):
        if n < 2 and not (is_q[i] and is_q[j]):
            continue
        if group[i] == group[j]:
            continue
        a, b = items[i], items[j]
        if is_q[i] != is_q[j]:
            continue
        if is_q[i]:
            if not _supports(a, b, quantities):
                continue
        elif not statements[i].supports(statements[j]):
            continue
        support.setdefault(a.id, []).append(b.evidence)
        support.setdefault(b.id, []).append(a.evidence)
    return {k: tuple(sorted(v, key=lambda s: (s.doc, s.start))) for k, v in sorted(support.items())}


@dataclass(frozen=True, slots=True)
class _Statement:
    """What ``_supports`` reads of a claim or quote, computed once per item."""

    denial: bool
    negative: bool
    speaker: str | None
    actors: frozenset[str]
    topic: frozenset[str]

    @classmethod
    def of(cls, it: Item) -> _Statement:
        return cls(it.denial, it.negative, it.speaker, frozenset(it.actors), it.topic)

    def supports(self, other: _Statement) -> bool:
        """``_supports`` for two statements."""
        if self.denial != other.denial or self.negative != other.negative:
            return False
        same_speaker = self.speaker is not None and self.speaker == other.speaker
        if not (same_speaker or not self.actors.isdisjoint(other.actors)):
            return False
        return jaccard(self.topic, other.topic) >= TEXT_SIMILARITY


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
