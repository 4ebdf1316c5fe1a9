"""CLI commands for the cross-document analysis: timeline, contradictions, relations, ACH,
hypotheses and what changed. Article text is always printed as plain text (markup=False)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from caseboard.cli.common import CaseOpt, DbOpt, handle_errors, settings_for, warn_if_stale

if TYPE_CHECKING:
    from rich.table import Table

    from caseboard.model import Analysis, Document


def _load(case: str, db: Path | None) -> tuple[Analysis, list[Document], dict[str, str]]:
    from caseboard.model import Analysis  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    settings = settings_for(case, db)
    with open_case(settings, read_only=True) as store:
        warn_if_stale(settings, store)
        analysis = store.analysis() or Analysis()
        documents = store.documents()
    names = {e.id: e.name for e in analysis.entities}
    return analysis, documents, names


def _table(title: str, *columns: str) -> Table:
    from rich.table import Table  # noqa: PLC0415

    table = Table(title=title, show_lines=False, highlight=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    return table


def _text(value: str) -> Any:
    """Article text as a rich Text: never interpreted as markup."""
    from rich.text import Text  # noqa: PLC0415

    return Text(value)


def _print(table: Table) -> None:
    from rich.console import Console  # noqa: PLC0415

    Console().print(table)


def _outlets(documents: list[Document]) -> dict[str, str]:
    return {d.id: d.outlet or Path(d.source).name for d in documents}


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""

    @app.command()
    @handle_errors
    def timeline(
        case: CaseOpt = "case",
        db: DbOpt = None,
        date_from: Annotated[
            str | None, typer.Option("--from", help="First date (YYYY, YYYY-MM or YYYY-MM-DD).")
        ] = None,
        date_to: Annotated[str | None, typer.Option("--to", help="Last date (inclusive).")] = None,
        actor: Annotated[
            str | None, typer.Option(help="Only events naming this actor (name or alias).")
        ] = None,
        background: Annotated[bool, typer.Option(help="Include background events.")] = True,
    ) -> None:
        """The merged timeline: one row per event, with its independent sources."""
        from caseboard.analyse.views import filter_events  # noqa: PLC0415

        analysis, documents, names = _load(case, db)
        outlets = _outlets(documents)
        events = filter_events(analysis, date_from, date_to, actor, background)
        table = _table("Timeline", "date", "type", "kind", "actors", "summary", "sources")
        for e in events:
            table.add_row(
                _text(e.date.value + (" (background)" if e.background else "")),
                _text(e.type),
                _text(e.kind),
                _text(", ".join(names.get(a, a) for a in e.actors[:4])),
                _text(e.summary),
                _text(
                    f"{e.independent_sources}: " + "; ".join(outlets.get(s, s) for s in e.sources)
                ),
            )
        _print(table)

    @app.command()
    @handle_errors
    def contradictions(case: CaseOpt = "case", db: DbOpt = None) -> None:
        """Denials, reversals, conflicting numbers and dates, unverified claims, disagreements."""
        analysis, documents, _ = _load(case, db)
        outlets = _outlets(documents)
        table = _table("Contradictions", "kind", "explanation", "evidence")
        for c in analysis.contradictions:
            ev = "\n".join(
                f"[{outlets.get(s.doc, s.doc)}] {s.text.strip()[:200]}" for s in c.evidence
            )
            table.add_row(_text(c.kind), _text(c.explanation), _text(ev))
        _print(table)

    @app.command()
    @handle_errors
    def relations(
        case: CaseOpt = "case",
        db: DbOpt = None,
        dimension: Annotated[
            str | None, typer.Option(help="military, energy, economic, diplomatic, ...")
        ] = None,
        min_weight: Annotated[float, typer.Option(help="Minimum independent sources.")] = 1.0,
    ) -> None:
        """Actor-to-actor relations by dimension, strongest first."""
        analysis, _, names = _load(case, db)
        rels = [
            r
            for r in analysis.relations
            if (dimension is None or r.dimension == dimension) and r.weight >= min_weight
        ]
        rels.sort(key=lambda r: (-r.weight, r.dimension, r.label))
        table = _table("Relations", "dimension", "source", "relation", "target", "sources")
        for r in rels:
            arrow = r.label if r.directed else f"{r.label} (mutual)"
            table.add_row(
                _text(r.dimension),
                _text(names.get(r.source, r.source)),
                _text(arrow),
                _text(names.get(r.target, r.target)),
                _text(f"{r.weight:g}"),
            )
        _print(table)

    @app.command()
    @handle_errors
    def ach(
        case: CaseOpt = "case",
        db: DbOpt = None,
        evidence: Annotated[int, typer.Option(help="Evidence rows shown per hypothesis.")] = 8,
    ) -> None:
        """Competing hypotheses ranked by inconsistency (lowest = least contradicted)."""
        analysis, documents, _ = _load(case, db)
        outlets = _outlets(documents)
        rank = _table("Hypotheses (ACH)", "#", "id", "origin", "hypothesis", "C", "I", "N", "score")
        for i, h in enumerate(analysis.hypotheses, 1):
            counts = {k: sum(1 for e in h.evidence if e.assessment == k) for k in
                      ("consistent", "inconsistent", "neutral")}  # fmt: skip
            rank.add_row(
                _text(str(i)),
                _text(h.id),
                _text(h.origin),
                _text(h.statement),
                _text(str(counts["consistent"])),
                _text(str(counts["inconsistent"])),
                _text(str(counts["neutral"])),
                _text(f"{h.inconsistency_score:g}"),
            )
        _print(rank)
        for h in analysis.hypotheses:
            shown = sorted(h.evidence, key=lambda e: (e.assessment != "inconsistent", -e.weight))
            table = _table(h.statement[:90], "assessment", "by", "weight", "evidence", "key")
            for e in shown[:evidence]:
                s = e.evidence
                table.add_row(
                    _text(e.assessment),
                    _text(e.by),
                    _text(f"{e.weight:g}"),
                    _text(f"[{outlets.get(s.doc, s.doc)}] {' '.join(s.text.split())[:160]}"),
                    _text(f"{s.doc}:{s.start}:{s.end}"),
                )
            _print(table)

    hyp = typer.Typer(help="The analyst's hypotheses for ACH.", no_args_is_help=True)
    app.add_typer(hyp, name="hypotheses")

    @hyp.command("add")
    @handle_errors
    def hypotheses_add(
        statement: Annotated[str | None, typer.Argument(help="The hypothesis.")] = None,
        file: Annotated[
            Path | None, typer.Option("--file", help="A text file, one hypothesis a line.")
        ] = None,
        case: CaseOpt = "case",
        db: DbOpt = None,
    ) -> None:
        """Add hypotheses and rerun the analysis."""
        from caseboard.analyse.views import add_hypotheses  # noqa: PLC0415
        from caseboard.errors import UsageError  # noqa: PLC0415

        lines = [statement] if statement else []
        if file is not None:
            try:
                lines += file.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise UsageError(f"{file}: cannot read: {exc}") from exc
        lines = [x.strip() for x in lines if x.strip()]
        if not lines:
            raise UsageError("give a hypothesis or --file")
        ids = add_hypotheses(settings_for(case, db), lines)
        for hid, text in zip(ids, lines, strict=True):
            typer.echo(f"{hid}\t{text}")

    @hyp.command("assess")
    @handle_errors
    def hypotheses_assess(
        hypothesis: Annotated[str, typer.Argument(help="Hypothesis id (see `caseboard ach`).")],
        evidence_key: Annotated[str, typer.Argument(help="Evidence key doc:start:end.")],
        assessment: Annotated[str, typer.Argument(help="consistent, inconsistent or neutral.")],
        note: Annotated[str | None, typer.Option(help="Why.")] = None,
        case: CaseOpt = "case",
        db: DbOpt = None,
    ) -> None:
        """Record the analyst's own assessment of one piece of evidence (overrides ours)."""
        from caseboard.analyse.views import assess  # noqa: PLC0415

        assess(settings_for(case, db), hypothesis, evidence_key, assessment, note)

    @app.command()
    @handle_errors
    def diff(case: CaseOpt = "case", db: DbOpt = None) -> None:
        """What changed since the previous analysis: new events, quotes, contradictions and
        changed corroboration."""
        from caseboard.analyse.views import changes  # noqa: PLC0415

        result = changes(settings_for(case, db))
        if result is None:
            typer.echo("no previous analysis to compare with")
            return
        ch, analysis, quotes = result
        events = {e.id: e for e in analysis.events}
        contras = {c.id: c for c in analysis.contradictions}
        table = _table("What changed", "change", "item")
        for eid in ch.new_events:
            e = events.get(eid)
            table.add_row(_text("new event"), _text(f"{e.date.value} {e.summary}" if e else eid))
        for qid in ch.new_quotes:
            table.add_row(_text("new quote"), _text(quotes.get(qid, qid)))
        for cid in ch.new_contradictions:
            c = contras.get(cid)
            table.add_row(_text("new contradiction"), _text(c.explanation if c else cid))
        for item, before, after in ch.corroboration:
            table.add_row(_text("corroboration"), _text(f"{item}: {before} -> {after} documents"))
        for eid, before, after in ch.event_sources:
            e = events.get(eid)
            label = f"{e.date.value} {e.summary}" if e else eid
            table.add_row(_text("event sources"), _text(f"{label}: {before} -> {after}"))
        if ch.empty:
            typer.echo("nothing changed since the previous analysis")
            return
        _print(table)
