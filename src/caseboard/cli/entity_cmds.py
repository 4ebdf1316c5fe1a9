"""CLI commands for entities and claims (registered on the main app).

Article text is printed as plain text, never as rich markup.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from caseboard.cli.common import CaseOpt, DbOpt, handle_errors, settings_for

if TYPE_CHECKING:
    from rich.table import Table

    from caseboard.model import Role


class EntityTypeOpt(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    GPE = "GPE"
    NORP = "NORP"
    WEAPON = "WEAPON"
    FACILITY = "FACILITY"
    EVENT = "EVENT"
    LAW = "LAW"
    OTHER = "OTHER"


class ClaimStatusOpt(StrEnum):
    asserted = "asserted"
    reported = "reported"
    alleged = "alleged"
    denied = "denied"
    unverified = "unverified"
    hypothesised = "hypothesised"


def _table(title: str, *columns: str) -> Table:
    from rich.table import Table  # noqa: PLC0415

    table = Table(title=title, highlight=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    return table


def _text(value: str | None) -> Any:
    from rich.text import Text  # noqa: PLC0415

    return Text(value or "")


def _roles(roles: tuple[Role, ...]) -> str:
    parts = []
    for r in roles:
        part = r.text
        if r.affiliation and r.affiliation != r.text:
            part += f" ({r.affiliation})"
        if r.as_of is not None:
            part += f" [{r.as_of.value}]"
        parts.append(part)
    return "; ".join(parts)


def _print(table: Table) -> None:
    from rich.console import Console  # noqa: PLC0415

    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""

    @app.command()
    @handle_errors
    def entities(
        case: CaseOpt = "case",
        db: DbOpt = None,
        type_: Annotated[
            EntityTypeOpt | None, typer.Option("--type", "-t", help="Only this entity type.")
        ] = None,
        doc: Annotated[
            str | None, typer.Option("--doc", help="Only this document's local entities.")
        ] = None,
    ) -> None:
        """Entities with aliases, roles and mentions (cross-document when analysed)."""
        from caseboard.store.db import open_case  # noqa: PLC0415

        settings = settings_for(case, db)
        with open_case(settings, read_only=True) as store:
            analysis = store.analysis() if doc is None else None
            local = store.items("entity", doc) if not (analysis and analysis.entities) else []
        wanted = type_.value if type_ is not None else None
        if analysis is not None and analysis.entities:
            table = _table("Entities (all documents)", "name", "type", "aliases", "roles",
                           "mentions", "documents")  # fmt: skip
            for e in sorted(analysis.entities, key=lambda e: (-e.mentions, e.name)):
                if wanted and e.type != wanted:
                    continue
                table.add_row(
                    _text(e.name), e.type, _text(", ".join(e.aliases)), _text(_roles(e.roles)),
                    str(e.mentions), str(len(e.documents)),
                )  # fmt: skip
        else:
            table = _table("Entities" + (f" in {doc}" if doc else ""), "name", "type",
                           "aliases", "roles", "mentions", "doc")  # fmt: skip
            for le in sorted(local, key=lambda e: (e.doc, -len(e.mentions), e.name)):
                if wanted and le.type != wanted:
                    continue
                table.add_row(
                    _text(le.name), le.type, _text(", ".join(le.aliases)),
                    _text(_roles(le.roles)), str(len(le.mentions)), le.doc,
                )  # fmt: skip
        _print(table)

    @app.command()
    @handle_errors
    def claims(
        case: CaseOpt = "case",
        db: DbOpt = None,
        status: Annotated[
            list[ClaimStatusOpt] | None,
            typer.Option("--status", "-s", help="Only these statuses (repeatable)."),
        ] = None,
        doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
    ) -> None:
        """Claims with their status, source and cue."""
        from caseboard.store.db import open_case  # noqa: PLC0415

        settings = settings_for(case, db)
        with open_case(settings, read_only=True) as store:
            items = store.items("claim", doc)
        wanted = {s.value for s in status} if status else None
        table = _table("Claims", "status", "source", "cue", "claim", "doc")
        for c in sorted(items, key=lambda c: (c.doc, c.evidence.start)):
            if wanted and c.status not in wanted:
                continue
            table.add_row(c.status, _text(c.attributed_to), _text(c.cue), _text(c.text), c.doc)
        _print(table)
