"""Quotes (first pass: direct quotes in double quote marks with the nearest named speaker)."""

from __future__ import annotations

import re
from typing import Any

from caseboard.extract.base import ParsedDoc, Stage
from caseboard.model import LocalEntity, Quote, make_id

NAME, VERSION = "quotes", "0.1"

# "…" or “…” not crossing a paragraph break
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{3,}?)[\"”]")


def _run(p: ParsedDoc) -> dict[str, Any]:
    text = p.document.text
    people: list[LocalEntity] = [e for e in p.results["entities"] if e.type == "PERSON"]
    quotes: list[Quote] = []
    for m in _QUOTED.finditer(text):
        start, end = m.start(1), m.end(1)
        best: tuple[int, LocalEntity, int, int] | None = None
        for ent in people:
            for mention in ent.mentions:
                dist = min(abs(mention.evidence.start - end), abs(start - mention.evidence.end))
                if dist < 200 and (best is None or dist < best[0]):
                    best = (dist, ent, mention.evidence.start, mention.evidence.end)
        if best is None:
            continue
        _, ent, s0, e0 = best
        quotes.append(
            Quote(
                id=make_id("q", p.document.id, start, end),
                doc=p.document.id,
                text=text[start:end],
                kind="direct",
                speaker_name=ent.name,
                speaker_entity=ent.id,
                evidence=p.span(start, end),
                speaker_evidence=p.span(s0, e0),
                producer=f"{NAME}/{VERSION}",
            )
        )
    return {"quotes": tuple(quotes)}


STAGE = Stage(NAME, VERSION, requires=("doc", "entities", "timexes"), assigns=("quotes",), run=_run)
