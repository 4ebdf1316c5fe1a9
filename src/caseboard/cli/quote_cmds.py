"""CLI commands for quotes (registered on the main app)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from caseboard.cli.common import CaseOpt, DbOpt, handle_errors, settings_for

if TYPE_CHECKING:
    from caseboard.model import Quote


class QuoteKindOpt(StrEnum):
    direct = "direct"
    partial = "partial"
    indirect = "indirect"


def select_quotes(
    quotes: list[Quote], speaker: str | None, kind: str | None, doc: str | None
) -> list[Quote]:
    """Filter stored quotes: speaker by case-insensitive substring, doc id by prefix."""
    out = []
    for q in sorted(quotes, key=lambda q: (q.doc, q.evidence.start)):
        if speaker is not None and speaker.lower() not in q.speaker_name.lower():
            continue
        if kind is not None and q.kind != kind:
            continue
        if doc is not None and not q.doc.startswith(doc):
            continue
        out.append(q)
    return out


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""

    @app.command("quotes")
    @handle_errors
    def quotes_cmd(
        case: CaseOpt = "case",
        db: DbOpt = None,
        speaker: Annotated[
            str | None, typer.Option(help="Only quotes whose speaker contains NAME.")
        ] = None,
        doc: Annotated[str | None, typer.Option(help="Only quotes from this document id.")] = None,
        kind: Annotated[QuoteKindOpt | None, typer.Option(help="direct|partial|indirect")] = None,
        width: Annotated[int, typer.Option(help="Characters of quote text shown.")] = 120,
    ) -> None:
        """Attributed quotes: speaker, role, kind, cue, when said, text, document."""
        from rich.console import Console  # noqa: PLC0415
        from rich.table import Table  # noqa: PLC0415

        from caseboard.store.db import open_case  # noqa: PLC0415

        settings = settings_for(case, db)
        with open_case(settings, read_only=True) as store:
            stored = store.items("quote")
        rows = select_quotes(stored, speaker, kind.value if kind else None, doc)
        table = Table(title=f"{len(rows)} quote(s) in case {settings.case}")
        for col in ("speaker", "role", "kind", "cue", "said on", "text", "doc"):
            table.add_column(col)
        for q in rows:
            text = q.text if len(q.text) <= width else q.text[: width - 1] + "…"
            table.add_row(
                q.speaker_name,
                q.speaker_role or "",
                q.kind,
                q.cue or "",
                q.said_on.value if q.said_on else "",
                text,
                q.doc[:12],
            )
        Console().print(table, markup=False, highlight=False)
