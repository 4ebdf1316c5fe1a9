"""CLI commands for the brief and the demo (registered on the main app)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from caseboard.cli.common import CaseOpt, DbOpt, err, handle_errors, settings_for, warn_if_stale


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""

    @app.command()
    @handle_errors
    def brief(
        output: Annotated[
            Path,
            typer.Option("--output", "-o", help="brief.html, brief.md or brief.json."),
        ],
        case: CaseOpt = "case",
        db: DbOpt = None,
    ) -> None:
        """Write the case brief; the format follows the file extension (.html, .md, .json)."""
        from caseboard.report.build import format_for, write_brief  # noqa: PLC0415

        format_for(output)  # a usage error before opening the store
        settings = settings_for(case, db)
        warn_if_stale(settings)
        path = write_brief(settings, output)
        typer.echo(str(path))

    @app.command()
    @handle_errors
    def demo(
        out: Annotated[
            Path, typer.Option("--out", help="Folder for the demo store and briefs.")
        ] = Path("caseboard-demo"),
    ) -> None:
        """Ingest the bundled sample case and write brief.html, brief.md and brief.json."""
        from caseboard.report.build import run_demo  # noqa: PLC0415

        result = run_demo(out)
        for failure in result.failures:
            err(failure)
        typer.echo(f"sample case: {result.added} new document(s) -> {result.store}")
        typer.echo(f"briefs in {result.folder.resolve()}:")
        for path in result.files:
            typer.echo(f"  {path}")
        if result.failures:
            raise typer.Exit(1)
