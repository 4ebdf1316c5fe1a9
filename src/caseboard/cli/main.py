"""The ``caseboard`` command. Heavy imports happen inside commands so ``--help`` is instant.

Exit codes: 0 ok, 1 some inputs failed (the rest were stored), 2 usage error.
Each area registers its commands from its own module (``register(app)``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from caseboard.cli import (
    analysis_cmds,
    brief_cmds,
    entity_cmds,
    eval_cmds,
    quote_cmds,
    timex_cmds,
    web_cmds,
)
from caseboard.cli.common import CaseOpt, DbOpt, err, handle_errors, settings_for, warn_if_stale
from caseboard.errors import UsageError


class Engine(StrEnum):
    processes = "processes"
    dask = "dask"


EngineOpt = Annotated[
    Engine | None,
    typer.Option(help="How --workers N runs: local processes, or a Dask LocalCluster."),
]

ManifestOpt = Annotated[
    Path | None, typer.Option(help="manifest.csv or .json with metadata for the files.")
]
WorkersOpt = Annotated[int | None, typer.Option(help="Local worker processes for extraction.")]
SchedulerOpt = Annotated[str | None, typer.Option(help="Dask scheduler address tcp://HOST:PORT.")]
ModelOpt = Annotated[str | None, typer.Option(help="spaCy model package to use.")]


def _extract_settings(
    case: str,
    db: Path | None,
    manifest: Path | None,
    workers: int | None,
    scheduler: str | None,
    engine: Engine | None,
    model: str | None,
) -> Any:
    """Settings of a command that extracts (add, shard); a missing manifest is a usage error."""
    if manifest is not None and not manifest.is_file():
        raise UsageError(f"{manifest}: manifest file not found")
    return settings_for(
        case,
        db,
        workers=workers,
        scheduler=scheduler,
        spacy_model=model,
        local_engine=engine.value if engine else None,
    )


app = typer.Typer(
    name="caseboard",
    help="Turn news articles about one situation into an evidence-linked intelligence brief.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
@handle_errors
def add(
    sources: Annotated[
        list[str],
        typer.Argument(help="Files, folders, globs, .jsonl files, URLs or .parquet shards."),
    ],
    case: CaseOpt = "case",
    db: DbOpt = None,
    manifest: ManifestOpt = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    engine: EngineOpt = None,
    model: ModelOpt = None,
    analysis: Annotated[
        bool,
        typer.Option(
            "--analysis/--no-analysis",
            help="Analyse the case after adding (--no-analysis: leave it for `caseboard "
            "analyse`, to add several batches and analyse once).",
        ),
    ] = True,
) -> None:
    """Ingest articles (or merge .parquet shards) into a case, extract, link and analyse."""
    from caseboard import service  # noqa: PLC0415

    settings = _extract_settings(case, db, manifest, workers, scheduler, engine, model)
    with _progress_bar() as progress:
        report = service.add(settings, sources, manifest, progress, analyse=analysis)
    later = "; not analysed (run `caseboard analyse`)" if not analysis and report.added else ""
    _finish(
        report,
        f"added {len(report.added)} document(s), {report.skipped_unchanged} unchanged, "
        f"{report.duplicates} duplicate(s), {len(report.failures)} failed "
        f"-> {settings.db_path()}{later}",
    )


@app.command()
@handle_errors
def analyse(case: CaseOpt = "case", db: DbOpt = None) -> None:
    """Run the cross-document analysis of everything stored (after `add --no-analysis`)."""
    import time  # noqa: PLC0415

    from rich.console import Console  # noqa: PLC0415

    from caseboard import service  # noqa: PLC0415

    settings = settings_for(case, db)
    t0 = time.perf_counter()
    result = service.analyse_case(settings)
    Console(stderr=True).print(
        f"analysed: {len(result.entities)} entities, {len(result.events)} events, "
        f"{len(result.contradictions)} contradictions in {time.perf_counter() - t0:.1f} s "
        f"-> {settings.db_path()}",
        highlight=False,
    )


@app.command()
@handle_errors
def shard(
    sources: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, .jsonl files or URLs.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The .parquet file to write.")],
    manifest: ManifestOpt = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    engine: EngineOpt = None,
    model: ModelOpt = None,
) -> None:
    """Extract articles into a Parquet shard without a case (a cluster job's per-machine step);
    `caseboard add SHARD.parquet` merges it into a case."""
    from caseboard import service  # noqa: PLC0415

    if output.suffix.lower() != ".parquet":
        raise UsageError(f"{output}: the shard must be a .parquet file")
    settings = _extract_settings("case", None, manifest, workers, scheduler, engine, model)
    with _progress_bar() as progress:
        report = service.shard(settings, sources, output, manifest, progress)
    _finish(
        report,
        f"wrote {len(report.added)} document(s), {report.duplicates} duplicate(s), "
        f"{len(report.failures)} failed -> {output}",
    )


@app.command()
@handle_errors
def reextract(
    case: CaseOpt = "case",
    db: DbOpt = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Redo every document, not only the stale ones.")
    ] = False,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    engine: EngineOpt = None,
    model: ModelOpt = None,
) -> None:
    """Extract again the documents an older caseboard (other stage versions) or another spaCy
    model extracted, from their stored texts, then analyse the case again."""
    from caseboard import service  # noqa: PLC0415

    settings = _extract_settings(case, db, None, workers, scheduler, engine, model)
    with _progress_bar() as progress:
        report = service.reextract(settings, everything, progress)
    why = " (the case's spaCy model changed)" if report.model_changed else ""
    _finish(
        report,
        f"re-extracted {len(report.redone)} of {report.checked} document(s){why}, "
        f"{len(report.failures)} stage failure(s) -> {settings.db_path()}",
    )


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int | None], None]]:
    """A progress callback drawing a bar on stderr (nothing when stderr is not a terminal)."""
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: PLC0415

    console = Console(stderr=True)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("extracting", total=None)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield progress


def _finish(report: Any, summary: str) -> None:
    """Name each failed input on stderr, then the summary; exit 1 when any input failed."""
    from rich.console import Console  # noqa: PLC0415

    for f in report.failures:
        err(f"{f.source}: {f.reason}")
    Console(stderr=True).print(summary, highlight=False)
    if report.failures:
        raise typer.Exit(1)


class ExportFormat(StrEnum):
    json = "json"
    parquet = "parquet"


@app.command()
@handle_errors
def export(
    case: CaseOpt = "case",
    db: DbOpt = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Export the case as JSON (caseboard/brief/1), or its documents and extracted records as a
    Parquet shard (caseboard/shard/1) that `caseboard add` merges into another case."""
    from caseboard import service  # noqa: PLC0415

    if format is ExportFormat.parquet:
        if output is None or output.suffix.lower() != ".parquet":
            raise UsageError("--format parquet needs --output FILE.parquet")
        info = service.export_parquet(settings_for(case, db), output)
        sys.stderr.write(f"wrote {info.rows} document(s) -> {output}\n")
        return
    settings = settings_for(case, db)
    warn_if_stale(settings)
    data = service.export_json(settings)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text + "\n", encoding="utf-8")


@app.command()
@handle_errors
def status(case: CaseOpt = "case", db: DbOpt = None) -> None:
    """Documents, extracted items and failures stored for a case."""
    from rich.console import Console  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    from caseboard import service  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    settings = settings_for(case, db)
    with open_case(settings, read_only=True) as store:
        counts = store.counts()
        failures = store.failures(limit=20)
        stale = service.stale_count(store)
        warning = service.stale_analysis_warning(store)
        note = service.increment_note(store)
    table = Table(title=f"case {settings.case} ({settings.db_path()})")
    table.add_column("what")
    table.add_column("count", justify="right")
    for k, v in counts.items():
        table.add_row(k, str(v))
    console = Console()
    console.print(table)
    if warning:
        console.print(warning)
    if note:
        console.print(note, markup=False, highlight=False)
    if stale:
        console.print(
            f"{stale} document(s) were extracted by an older caseboard; "
            "`caseboard reextract` brings them up to date"
        )
    for f in failures:
        console.print(f"failed: {f.source} [{f.stage}] {f.reason}", markup=False, highlight=False)


for _module in (
    entity_cmds,
    quote_cmds,
    timex_cmds,
    analysis_cmds,
    brief_cmds,
    eval_cmds,
    web_cmds,
):
    _module.register(app)
