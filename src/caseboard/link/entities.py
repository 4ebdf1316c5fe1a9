"""Entity resolution across documents (first pass: same type and same folded name)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from caseboard.model import Entity, LocalEntity, make_id


def fold(name: str) -> str:
    """Lower-case, strip diacritics: 'Nicolás' -> 'nicolas'."""
    nfkd = unicodedata.normalize("NFKD", name)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).lower().strip()


def resolve(locals_: Iterable[LocalEntity]) -> tuple[list[Entity], dict[str, str]]:
    groups: dict[tuple[str, str], list[LocalEntity]] = {}
    for le in locals_:
        groups.setdefault((le.type, fold(le.name)), []).append(le)
    entities: list[Entity] = []
    entity_of: dict[str, str] = {}
    for (etype, key), members in sorted(groups.items()):
        name = max((m.name for m in members), key=lambda n: (len(n), n))
        eid = make_id("ent", etype, key)
        aliases = sorted({a for m in members for a in m.aliases})
        entities.append(
            Entity(
                id=eid,
                name=name,
                type=members[0].type,
                aliases=tuple(aliases),
                roles=tuple(r for m in members for r in m.roles),
                mentions=sum(len(m.mentions) for m in members),
                documents=tuple(sorted({m.doc for m in members})),
                members=tuple(sorted(m.id for m in members)),
            )
        )
        for m in members:
            entity_of[m.id] = eid
    return entities, entity_of
