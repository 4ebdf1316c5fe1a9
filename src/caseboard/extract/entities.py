"""Entities within one document: spaCy NER, cleaned spans, aliases merged (first pass)."""

from __future__ import annotations

from typing import Any

from caseboard.extract.base import ParsedDoc, Stage
from caseboard.model import LocalEntity, Mention, make_id
from caseboard.model.records import EntityType

NAME, VERSION = "entities", "0.1"

_LABELS: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "NORP": "NORP",
    "FAC": "FACILITY",
    "EVENT": "EVENT",
    "LAW": "LAW",
    "PRODUCT": "OTHER",
    "LOC": "GPE",
}


def _run(p: ParsedDoc) -> dict[str, Any]:
    groups: dict[tuple[EntityType, str], list[Mention]] = {}
    names: dict[tuple[EntityType, str], str] = {}
    for ent in p.doc.ents:
        etype = _LABELS.get(ent.label_)
        if etype is None:
            continue
        start, end = ent.start_char, ent.end_char
        text = p.document.text[start:end]
        if text.endswith(("'s", "’s")):
            end -= 2
            text = text[:-2]
        if not text.strip():
            continue
        key = (etype, text.lower())
        if etype == "PERSON":
            # a surname alone joins the full name seen earlier that ends with it
            for (t, full), _ in list(groups.items()):
                if t == "PERSON" and full.split()[-1] == text.lower() and full != text.lower():
                    key = (t, full)
                    break
        groups.setdefault(key, []).append(Mention(text, p.span(start, end)))
        if len(text) > len(names.get(key, "")):
            names[key] = text
    ents = tuple(
        LocalEntity(
            id=make_id("le", p.document.id, etype, names[(etype, low)]),
            doc=p.document.id,
            name=names[(etype, low)],
            type=etype,
            aliases=tuple(sorted({m.text for m in mentions})),
            mentions=tuple(mentions),
            producer=f"{NAME}/{VERSION}",
        )
        for (etype, low), mentions in groups.items()
    )
    return {"entities": ents}


STAGE = Stage(NAME, VERSION, requires=("doc",), assigns=("entities",), run=_run)
