"""Soft spots: an actor's dependencies and exposures stated in the articles, with the lever
that would press on them. The actor is the one named nearest before the cue (else the first).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from caseboard.link.context import SentenceInfo
from caseboard.link.text import fold, trim
from caseboard.model import Span, Vulnerability, make_id

# A THEATRE, not the exposed actor: "stretched by the war in Syldavia" exposes the one at war.
_THEATRE = re.compile(
    r"\b(?:war|fighting|invasion|conflict)\s+(?:in|on|against|with)(?:\s+the)?\s*$"
)

# EXPOSURE CUES: (name, dimension, pressure lever, pattern), each with an invented example.
EXPOSURES: tuple[tuple[str, str, str, re.Pattern[str]], ...] = (
    # "Borduria's garrison sits 9,000 km from home, far from any supply base."
    ("logistics distance", "military", "naval blockade / interdiction of supply routes",
     re.compile(r"\b(far from|thousands of (?:miles|kilometres|kilometers)|supply lines?|"
                r"logistic\w*|distance(?! (?:itself|himself|herself|themselves))|long way from|"
                r"across the atlantic)\b")),
    # "Its oil payments run through banks exposed to secondary sanctions."
    ("sanction-prone payments", "economic", "secondary sanctions on payment channels",
     re.compile(r"\b(payments?|banks?|banking|swift|dollar|transactions?|financ\w*)\b.*"
                r"\b(sanction\w*|expos\w*|vulnerab\w*|risk\w*)\b|\bsecondary sanctions\b")),
    # "Syldavia depends on Borduria as the sole buyer of its crude."
    ("dependence on a single partner", "economic", "pressure on the sole buyer or supplier",
     re.compile(r"\b(depend\w* on|dependent|reli(?:es|ed|ant) on|rely on|sole (?:buyer|supplier)|"
                r"only (?:buyer|customer|supplier)|lifeline)\b")),
    # "The regime is stretched thin, with its forces bogged down elsewhere."
    # "With its army stretched by the war in the north, Borduria cannot reinforce the garrison."
    ("overstretch", "military", "raise the costs on other fronts",
     re.compile(r"\b(overstretch\w*|over-stretch\w*|stretched (?:thin|by)|bogged down|"
                r"cannot afford|can'?t afford|limited (?:resources|capacity|means)|strain\w*)\b")),
    # "A defeat would damage the credibility Borduria has staked on the alliance."
    ("reputational stakes", "diplomatic", "public exposure and diplomatic isolation",
     re.compile(r"\b(credibility|reputation\w*|prestige|humiliat\w*|embarrass\w*|lose face|"
                r"image)\b")),
    # "The junta is vulnerable to a collapse in oil prices."
    ("stated vulnerability", "other", "targeted pressure on the named weakness",
     re.compile(r"\b(vulnerab\w*|exposed|weak(?:ness|ened|ening)?|fragil\w*|precarious)\b")),
)  # fmt: skip


def find(
    context: Mapping[str, Sequence[SentenceInfo]], actor_ids: Collection[str]
) -> list[Vulnerability]:
    grouped: dict[tuple[str, str], tuple[str, str, list[Span], str]] = {}
    for infos in context.values():
        for s in infos:
            named = [
                (a, o)
                for a, o in zip(s.actors, s.actor_offsets, strict=True)
                if a in actor_ids and not _is_theatre(s, o)
            ]
            if not named:
                continue
            text = fold(s.sentence.text)
            for name, dimension, lever, pattern in EXPOSURES:
                m = pattern.search(text)
                if not m:
                    continue
                cue = s.sentence.start + m.start()
                before = [a for a, o in named if o < cue]
                actor = before[-1] if before else named[0][0]
                key = (actor, name)
                entry = grouped.setdefault(key, (dimension, lever, [], trim(s.sentence.text)))
                entry[2].append(s.sentence.span())
                break  # one exposure per sentence: the most specific cue first
    return [
        Vulnerability(
            id=make_id("vul", actor, name),
            actor=actor,
            dimension=f"{dimension}: {name}",
            statement=statement,
            evidence=tuple(spans),
            pressure=lever,
        )
        for (actor, name), (dimension, lever, spans, statement) in sorted(grouped.items())
    ]


def _is_theatre(s: SentenceInfo, offset: int) -> bool:
    before = s.sentence.text[max(0, offset - s.sentence.start - 40) : offset - s.sentence.start]
    return _THEATRE.search(fold(before)) is not None
