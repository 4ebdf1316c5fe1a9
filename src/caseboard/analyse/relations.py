"""Actor-to-actor relations by dimension, from sentences naming two actors and a relation cue.

The actor named before the cue is the source, the next actor after it the target (a cue with
both actors on one side links the first two in order). Weight = independent sources.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from caseboard.link.context import SentenceInfo
from caseboard.link.sources import independent
from caseboard.link.text import fold
from caseboard.model import Relation, Span, make_id
from caseboard.model.records import Dimension

# RELATION CUES: (label, dimension, directed, pattern), each with an invented example.
RELATION_CUES: tuple[tuple[str, Dimension, bool, re.Pattern[str]], ...] = (
    # "Borduria has sold Syldavia fighter jets and air-defence batteries."
    ("arms supplier", "military", True, re.compile(
        r"\b(sold|sells|supplied|supplies|deliver\w*|arms|weapons?|missile systems?|"
        r"fighter jets?|helicopters|rifles|tanks)\b")),
    # "Bordurian advisers are training Syldavian air-defence crews."
    ("military advisers", "military", True, re.compile(
        r"\b(advisers|advisors|instructors|technicians|trainers|training|military personnel|"
        r"servicemen|troops|soldiers|mercenar\w*)\b")),
    # "The two state firms formed a joint venture to pump heavy crude."
    ("joint venture", "energy", False, re.compile(r"\bjoint ventures?\b")),
    # "Syldavia ships most of its crude to Borduria under an oil-for-loans deal."
    ("oil and energy deals", "energy", True, re.compile(
        r"\b(oil|crude|petroleum|gas|refiner\w*|oilfields?|energy)\b")),
    # "Borduria lent Syldavia $4 billion, since restructured."
    ("loans and debt", "economic", True, re.compile(
        r"\b(loans?|lent|lend\w*|debt|credit|restructur\w*|bonds?)\b")),
    # "The Treasury imposed sanctions on Syldavia's central bank."
    ("sanctions", "economic", True, re.compile(
        r"\b(sanction\w*|embargo\w*|tariffs?|blacklist\w*)\b")),
    # "Borduria vetoed the Security Council resolution on Syldavia."
    ("UN veto", "diplomatic", True, re.compile(r"\b(veto\w*|security council)\b")),
    # "Prosecutors in Borduria put a bounty on the Syldavian president."
    ("bounty", "intelligence", True, re.compile(r"\b(bount(?:y|ies)|reward for|indict\w*)\b")),
    # "Bordurian aircraft struck Syldavian boats off the coast."
    ("strikes", "military", True, re.compile(
        r"\b(strikes?|struck|airstrikes?|bomb\w*|attack\w*|blockade)\b")),
    # "Borduria and Syldavia signed a strategic partnership treaty."
    ("alliance", "diplomatic", False, re.compile(
        r"\b(alliance|allies|ally|allied|strategic partner\w*|treaty|partnership)\b")),
    # "Borduria backs the Syldavian government and recognised its election."
    ("diplomatic support", "diplomatic", True, re.compile(
        r"\b(support\w*|back(?:s|ed|ing)|recogni[sz]\w*|shield\w*|solidarity|defend\w*)\b")),
    # "Both governments cast the partnership as resistance to Western hegemony."
    ("ideology", "ideological", False, re.compile(
        r"\b(multipolar\w*|hegemon\w*|imperialis\w*|socialis\w*|ideolog\w*|anti-american\w*|"
        r"anti-western|sovereign\w*)\b")),
    # "Bordurian intelligence officers helped Syldavia monitor the opposition."
    ("intelligence cooperation", "intelligence", True, re.compile(
        r"\b(intelligence|spy\w*|espionage|surveillance|cyber\w*)\b")),
)  # fmt: skip


def find(
    context: Mapping[str, Sequence[SentenceInfo]],
    actor_ids: Collection[str],
    groups: Mapping[str, str],
) -> list[Relation]:
    """Relations between actors (countries, organisations, people) with their evidence."""
    found: dict[tuple[str, str, str], tuple[Dimension, bool, list[Span]]] = {}
    for infos in context.values():
        for s in infos:
            actors = [a for a in s.actors if a in actor_ids]
            if len(actors) < 2:
                continue
            text = fold(s.sentence.text)
            positions = _positions(s, actors)
            for label, dimension, directed, pattern in RELATION_CUES:
                m = pattern.search(text)
                if not m:
                    continue
                cue = m.start() + s.sentence.start
                before = [a for a in actors if positions[a] < cue]
                after = [a for a in actors if positions[a] >= cue]
                if before and after:
                    src, tgt = before[-1], after[0]
                else:
                    src, tgt = actors[0], actors[1]
                # "Russian advisers", "Bordurian-made jets": the actor right before the cue
                adjacent = [a for a in before if 0 <= cue - positions[a] <= 25]
                if adjacent and directed and adjacent[-1] != src:
                    src, tgt = adjacent[-1], src
                if _from_target(s, positions[tgt], cue):
                    src, tgt = tgt, src  # "X bought jets from Y": Y is the supplier
                if src == tgt:
                    continue
                if not directed:
                    src, tgt = sorted((src, tgt))
                entry = found.setdefault((src, tgt, label), (dimension, directed, []))
                entry[2].append(s.sentence.span())
    out: list[Relation] = []
    for (src, tgt, label), (dimension, directed, spans) in sorted(found.items()):
        out.append(
            Relation(
                id=make_id("rel", src, tgt, label),
                source=src,
                target=tgt,
                dimension=dimension,
                label=label,
                evidence=tuple(spans),
                weight=float(independent((sp.doc for sp in spans), groups)),
                directed=directed,
            )
        )
    return out


def _from_target(s: SentenceInfo, target_at: int, cue: int) -> bool:
    between = s.sentence.text[cue - s.sentence.start : target_at - s.sentence.start]
    return target_at > cue and re.search(r"\b(from|by)\s+(?:the\s+)?$", fold(between)) is not None


def _positions(s: SentenceInfo, actors: Sequence[str]) -> dict[str, int]:
    first = dict(zip(s.actors, s.actor_offsets, strict=True))
    return {a: first[a] for a in actors}
