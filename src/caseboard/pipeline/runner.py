"""Run the pipeline for ``caseboard add``: read, clean, dedup, extract, store.

Incremental: a source whose raw bytes were stored before is skipped before any parsing, and a
cleaned text already stored (same content from another source) is stored once. Each batch of
documents is committed with all their items in one transaction, so an interrupted run loses
nothing committed, never leaves half a document, and a re-run completes the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from caseboard.model import DocExtraction, Document, Failure, RawArticle
from caseboard.settings import Settings
from caseboard.store.db import Store

Progress = Callable[[int, int | None], None]


@dataclass(slots=True)
class AddReport:
    added: list[str] = field(default_factory=list)
    skipped_unchanged: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    # The documents stored by this run with their extractions, in the order stored: the
    # analysis after ``add`` uses them as they are instead of reading them back and decoding.
    fresh: list[tuple[Document, DocExtraction]] = field(default_factory=list, repr=False)


def _batches(items: Iterator[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def add_sources(
    store: Store,
    sources: Sequence[str],
    settings: Settings,
    manifest: Path | None = None,
    progress: Progress | None = None,
) -> AddReport:
    from caseboard.extract.pipeline import default_stages  # noqa: PLC0415 (heavy)
    from caseboard.ingest.clean import to_document  # noqa: PLC0415
    from caseboard.ingest.readers import read_sources  # noqa: PLC0415
    from caseboard.pipeline.executors import make_executor  # noqa: PLC0415

    report = AddReport()
    default_stages()  # fail fast on a mis-ordered stage list, before reading anything

    def documents() -> Iterator[Document]:
        seen_ids: set[str] = set()
        for item in read_sources(sources, settings, manifest):
            if isinstance(item, Failure):
                report.failures.append(item)
                store.add_failures([item])
                continue
            raw: RawArticle = item
            if raw.raw_sha256 and store.known_raw([raw.raw_sha256]):
                report.skipped_unchanged += 1
                continue
            try:
                doc = to_document(raw)
            except ValueError as exc:
                failure = Failure(raw.source, "clean", str(exc))
                report.failures.append(failure)
                store.add_failures([failure])
                continue
            if doc.id in seen_ids or store.has_document(doc.id):
                report.duplicates += 1
                store.put_source(raw.raw_sha256, raw.source, doc.id)
                continue
            seen_ids.add(doc.id)
            yield doc

    done = 0
    executor = make_executor(settings)
    try:
        for result in executor.map(_batches(documents(), executor.chunk_size)):
            store.put_documents(result)  # one transaction per batch: a batch is all or nothing
            for doc, ex in result:
                report.added.append(doc.id)
                report.fresh.append((doc, ex))
                done += 1
                if progress is not None:
                    progress(done, None)
    finally:
        executor.close()
    return report
