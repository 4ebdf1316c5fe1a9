"""CLI commands for time expressions (registered on the main app).

Article text is printed as plain text, never as rich markup.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from caseboard.cli.common import CaseOpt, DbOpt, handle_errors, settings_for


class TimexFormat(StrEnum):
    table = "table"
    timeml = "timeml"


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""

    @app.command()
    @handle_errors
    def timexes(
        case: CaseOpt = "case",
        db: DbOpt = None,
        doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
        format: Annotated[
            TimexFormat,
            typer.Option("--format", "-f", help="table, or TimeML (one document per --doc)."),
        ] = TimexFormat.table,
    ) -> None:
        """Time expressions with their TIMEX3 type, normalised value and anchor."""
        from caseboard.errors import UsageError  # noqa: PLC0415
        from caseboard.store.db import open_case  # noqa: PLC0415

        settings = settings_for(case, db)
        with open_case(settings, read_only=True) as store:
            items = store.items("timex", doc)
            if format is TimexFormat.timeml:
                ids = [doc] if doc is not None else sorted({t.doc for t in items})
                documents = store.documents(ids)
                if doc is not None and not documents:
                    raise UsageError(f"no document {doc!r} in this case")
        if format is TimexFormat.timeml:
            from caseboard.report.timeml import to_timeml  # noqa: PLC0415

            for document in documents:
                mine = [t for t in items if t.doc == document.id]
                sys.stdout.write(to_timeml(document, mine))
            return
        from rich.console import Console  # noqa: PLC0415
        from rich.table import Table  # noqa: PLC0415
        from rich.text import Text  # noqa: PLC0415

        table = Table(title="Time expressions" + (f" in {doc}" if doc else ""), highlight=False)
        for col in ("doc", "text", "type", "value", "mod", "anchor"):
            table.add_column(col, overflow="fold")
        for t in sorted(items, key=lambda t: (t.doc, t.evidence.start)):
            table.add_row(
                t.doc, Text(t.text), t.type, Text(t.value), t.mod or "", Text(t.anchor or "")
            )
        Console().print(table)
