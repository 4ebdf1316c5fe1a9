"""CLI commands for evaluation (registered on the main app)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from caseboard.cli.common import handle_errors

DEFAULT_CORPUS = Path("../shared/corpus/venezuela")
CorpusOpt = Annotated[Path, typer.Option(help="Folder of the gold-annotated reference corpus.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")]


def _check_corpus(corpus: Path) -> None:
    from caseboard.errors import UsageError  # noqa: PLC0415

    if not corpus.is_dir():
        raise UsageError(f"corpus folder {corpus} does not exist")


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``: ``caseboard eval reference``, ``eval crossdoc``."""
    sub = typer.Typer(
        help="Measure extraction quality against gold annotations.", no_args_is_help=True
    )

    @sub.command("reference")
    @handle_errors
    def reference(
        corpus: CorpusOpt = DEFAULT_CORPUS,
        gold: Annotated[
            Path | None, typer.Option(help="Gold file (default: tests/golden/venezuela.gold.json).")
        ] = None,
        as_json: JsonOpt = False,
        no_baselines: Annotated[
            bool, typer.Option("--no-baselines", help="Skip the textacy/spaCy baselines.")
        ] = False,
        misses: Annotated[bool, typer.Option(help="List every missed gold item.")] = False,
    ) -> None:
        """Run the pipeline on the reference corpus and print precision/recall per extractor."""
        from rich.console import Console  # noqa: PLC0415

        from caseboard.evaluate.reference import (  # noqa: PLC0415
            DEFAULT_GOLD,
            evaluate_reference,
            render,
        )

        _check_corpus(corpus)
        report = evaluate_reference(corpus, gold or DEFAULT_GOLD, baselines=not no_baselines)
        if as_json:
            typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        else:
            console = Console()
            console.print(render(report))
            for note in report.notes:
                console.print(f"note: {note}", markup=False)
            if misses:
                for m in report.misses:
                    console.print(f"{m.item:9} {m.category:15} {m.reason}", markup=False)
        if report.evidence_not_verbatim:
            raise typer.Exit(1)

    @sub.command("crossdoc")
    @handle_errors
    def crossdoc(
        corpus: CorpusOpt = DEFAULT_CORPUS,
        gold: Annotated[
            Path | None,
            typer.Option(
                help="Cross-document gold (default: tests/golden/venezuela.crossdoc.json)."
            ),
        ] = None,
        as_json: JsonOpt = False,
        misses: Annotated[bool, typer.Option(help="List every miss and wrong prediction.")] = False,
    ) -> None:
        """Score entity resolution, multi-source events and contradictions against the gold."""
        from rich.console import Console  # noqa: PLC0415

        from caseboard.evaluate.crossdoc import (  # noqa: PLC0415
            DEFAULT_CROSSDOC,
            evaluate_crossdoc,
            render,
        )

        _check_corpus(corpus)
        report = evaluate_crossdoc(corpus, gold or DEFAULT_CROSSDOC)
        if as_json:
            typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
            return
        console = Console()
        console.print(render(report))
        if misses:
            for m in report.misses:
                console.print(f"{m.category:26} {m.item:34} {m.reason}", markup=False)

    app.add_typer(sub, name="eval")
