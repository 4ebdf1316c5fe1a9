"""Write a case's brief to a file (format from the extension) and run the bundled demo."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from caseboard.errors import UsageError
from caseboard.settings import Settings

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".json": "json"}
SAMPLE_CASE = "serrat"
_ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


def sample_dir() -> Path:
    """The packaged sample case (invented articles about an invented crisis)."""
    return Path(__file__).resolve().parents[1] / "sample" / "serrat"


def sample_sources() -> tuple[list[str], Path]:
    """The sample's article files (sorted) and its manifest."""
    base = sample_dir()
    files = sorted(str(p) for p in base.iterdir() if p.suffix in _ARTICLE_SUFFIXES)
    return files, base / "manifest.csv"


def format_for(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"{path}: unknown brief format (use .html, .md or .json)")
    return fmt


def _previous_snapshot(store: Any, current: dict[str, Any]) -> dict[str, Any] | None:
    """The last brief snapshot that differs from ``current``; record ``current`` if it is new.

    Re-rendering an unchanged case therefore compares against the same earlier snapshot and
    gives the same "what changed" section.
    """
    snaps = [s for s in store.snapshots(last=50) if s.get("kind") == "brief"]
    if snaps and snaps[0] == current:
        return snaps[1] if len(snaps) > 1 else None
    if not store.read_only:
        store.add_snapshot(current)
    return snaps[0] if snaps else None


def render_case(settings: Settings, fmt: str, generated_at: datetime | None = None) -> str:
    """Load the case store and render its brief as ``html``, ``markdown`` or ``json``."""
    from caseboard.report.brief import build_brief, snapshot  # noqa: PLC0415
    from caseboard.service import load_case  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    with open_case(settings, create=False) as store:
        data = load_case(store)
        model = store.get_meta("spacy_model")
        previous = _previous_snapshot(store, snapshot(data.documents, data.analysis))
    if fmt == "json":
        from caseboard.report.export import build_export  # noqa: PLC0415

        export = build_export(
            settings.case,
            data.documents,
            data.extractions,
            data.analysis,
            generator={"spacy_model": model or settings.spacy_model},
            generated_at=generated_at,
        )
        return json.dumps(export, ensure_ascii=False, indent=2) + "\n"
    brief = build_brief(
        settings.case,
        data.documents,
        data.extractions,
        data.analysis,
        previous=previous,
        generated_at=generated_at,
    )
    if fmt == "markdown":
        from caseboard.report.markdown import render_markdown  # noqa: PLC0415

        return render_markdown(brief)
    from caseboard.report.html import render_html  # noqa: PLC0415

    return render_html(brief)


def write_brief(settings: Settings, output: Path, generated_at: datetime | None = None) -> Path:
    text = render_case(settings, format_for(output), generated_at)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    return output


@dataclass(frozen=True, slots=True)
class DemoResult:
    folder: Path
    store: Path
    files: tuple[Path, ...]
    added: int
    failures: tuple[str, ...]


def run_demo(out: Path, settings: Settings | None = None) -> DemoResult:
    """Ingest the packaged sample into ``out`` and write brief.html, brief.md and brief.json."""
    from caseboard import service  # noqa: PLC0415

    out.mkdir(parents=True, exist_ok=True)
    base = settings or Settings()
    settings = base.model_copy(
        update={"case": SAMPLE_CASE, "db": out / f"{SAMPLE_CASE}.caseboard.duckdb"}
    )
    files, manifest = sample_sources()
    report = service.add(settings, files, manifest)
    written = tuple(
        write_brief(settings, out / name) for name in ("brief.html", "brief.md", "brief.json")
    )
    return DemoResult(
        folder=out,
        store=settings.db_path(),
        files=written,
        added=len(report.added),
        failures=tuple(f"{f.source}: {f.reason}" for f in report.failures),
    )
