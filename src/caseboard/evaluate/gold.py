"""Gold annotations of a reference corpus (format: tests/golden/README.md).

Offsets point into the RAW files; each item stores a sha1 of its span text instead of the text,
so the gold file holds no sentences of the (third-party) articles and a changed corpus is
detected by :func:`check_corpus`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caseboard.errors import InputError

GOLD_SCHEMA = "caseboard/gold/1"


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One annotated span: ``kind`` is quote, person, role, timex, quantity or ignore."""

    id: str
    file: str
    start: int
    end: int
    sha1: str
    facts: dict[str, Any]

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Gold:
    corpus: str
    documents: dict[str, dict[str, Any]]
    quotes: tuple[GoldItem, ...]
    people: tuple[GoldItem, ...]
    timexes: tuple[GoldItem, ...]
    quantities: tuple[GoldItem, ...]
    ignore: tuple[GoldItem, ...]
    aliases: dict[str, frozenset[str]]  # canonical name -> every name form of that actor

    def duplicate_target(self, file: str, offset: int) -> int:
        """Map an offset inside a duplicated passage to the same offset in the kept copy."""
        for dup in self.documents.get(file, {}).get("duplicates", ()):
            if dup["start"] <= offset < dup["end"]:
                return int(dup["same_as"]) + offset - int(dup["start"])
        return offset


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()  # noqa: S324 (a fingerprint, not security)


def _items(rows: list[dict[str, Any]], prefix: str = "") -> tuple[GoldItem, ...]:
    out = []
    for i, row in enumerate(rows):
        facts = {k: v for k, v in row.items() if k not in ("id", "file", "start", "end", "sha1")}
        out.append(
            GoldItem(
                id=str(row.get("id", f"{prefix}{i}")),
                file=str(row["file"]),
                start=int(row["start"]),
                end=int(row["end"]),
                sha1=str(row["sha1"]),
                facts=facts,
            )
        )
    return tuple(out)


def load_gold(path: Path) -> Gold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read gold file: {exc}") from exc
    if data.get("schema") != GOLD_SCHEMA:
        raise InputError(str(path), f"expected schema {GOLD_SCHEMA!r}, got {data.get('schema')!r}")
    from caseboard.evaluate.match import name_key  # noqa: PLC0415 (avoid a cycle at import)

    aliases = {
        str(e["name"]): frozenset(name_key(a) for a in [e["name"], *e.get("aliases", [])])
        for e in data.get("entities", [])
    }
    return Gold(
        corpus=str(data.get("corpus", path.stem)),
        documents=dict(data["documents"]),
        quotes=_items(data.get("quotes", [])),
        people=_items(data.get("people", [])),
        timexes=_items(data.get("timexes", [])),
        quantities=_items(data.get("quantities", [])),
        ignore=_items(data.get("ignore", []), "ignore-"),
        aliases=aliases,
    )


def check_corpus(gold: Gold, corpus: Path) -> dict[str, str]:
    """Read every gold file's raw text; raise if a file is missing or any span changed."""
    texts: dict[str, str] = {}
    for name, meta in gold.documents.items():
        path = corpus / name
        if not path.is_file():
            raise InputError(str(corpus / name), "a gold document is missing from the corpus")
        text = path.read_text(encoding="utf-8")
        if sha1(text) != meta["sha1"]:
            raise InputError(str(path), "differs from the annotated version (sha1 mismatch)")
        texts[name] = text
    for item in (*gold.quotes, *gold.people, *gold.timexes, *gold.quantities, *gold.ignore):
        if sha1(texts[item.file][item.start : item.end]) != item.sha1:
            raise InputError(item.file, f"gold item {item.id} no longer matches the text")
        for role in item.facts.get("roles", ()):
            if sha1(texts[item.file][role["start"] : role["end"]]) != role["sha1"]:
                raise InputError(item.file, f"a role of gold item {item.id} no longer matches")
    return texts
