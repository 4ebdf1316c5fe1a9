"""Run the pipeline for ``caseboard add``: read, clean, dedup, extract, store.

Incremental: a source whose raw bytes were stored before is skipped before any parsing, and a
cleaned text already stored (same content from another source) is stored once. Each batch of
documents is committed with all their items in one transaction, so an interrupted run loses
nothing committed, never leaves half a document, and a re-run completes the rest.

A source ending in ``.parquet`` is a shard of records extracted elsewhere (``caseboard shard``,
a cluster job, ``caseboard export --format parquet``): its documents are merged as they are,
without parsing, under the same rules (stored once, a batch per transaction).
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from caseboard.model import DocExtraction, Document, Failure, RawArticle
from caseboard.settings import Settings
from caseboard.store.db import Store

SHARD_SUFFIX = ".parquet"

Progress = Callable[[int, int | None], None]
T = TypeVar("T")


@dataclass(slots=True)
class AddReport:
    added: list[str] = field(default_factory=list)
    skipped_unchanged: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    # The documents stored by this run with their extractions, in the order stored: the
    # analysis after ``add`` uses them as they are instead of reading them back and decoding.
    # Only up to FRESH_LIMIT of them: past it they are dropped (and the analysis reads every
    # document from the store, a page at a time), so a large add does not hold them all.
    fresh: list[tuple[Document, DocExtraction]] = field(default_factory=list, repr=False)
    fresh_dropped: bool = False


FRESH_LIMIT = 1000


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
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
    keep_fresh: bool = True,
) -> AddReport:
    """Store ``sources`` (shards merged, articles extracted). ``keep_fresh``: keep what is
    stored in the report for the analysis that follows (up to FRESH_LIMIT documents); without
    an analysis after it (``add --no-analysis``) nothing is kept, so memory does not grow."""
    report = AddReport(fresh_dropped=not keep_fresh)
    shards, sources = split_shards(sources)
    for shard in shards:
        merge_shard(store, shard, settings, report, progress)
    if not sources and (shards or manifest is None):
        return report
    for result in extracted(sources, settings, manifest, report, store):
        _store(store, result, report, progress)
        _record_model(store, settings.spacy_model)
    return report


def extracted(
    sources: Sequence[str],
    settings: Settings,
    manifest: Path | None,
    report: AddReport,
    store: Store | None = None,
) -> Iterator[list[tuple[Document, DocExtraction]]]:
    """Read, clean and extract ``sources`` batch by batch (in order, a bounded number of batches
    in flight). With a ``store``: sources whose bytes it holds are skipped before parsing, texts
    it holds count as duplicates, and failures are recorded in it as well as in ``report``."""
    from caseboard.extract.pipeline import default_stages  # noqa: PLC0415 (heavy)
    from caseboard.ingest.clean import to_document  # noqa: PLC0415
    from caseboard.ingest.readers import read_sources  # noqa: PLC0415
    from caseboard.pipeline.executors import make_executor  # noqa: PLC0415

    default_stages()  # fail fast on a mis-ordered stage list, before reading anything

    def fail(failure: Failure) -> None:
        _fail(store, report, failure)

    def documents() -> Iterator[Document]:
        seen_ids: set[str] = set()
        for item in read_sources(sources, settings, manifest):
            if isinstance(item, Failure):
                fail(item)
                continue
            raw: RawArticle = item
            if store is not None and raw.raw_sha256 and store.known_raw([raw.raw_sha256]):
                report.skipped_unchanged += 1
                continue
            try:
                doc = to_document(raw)
            except ValueError as exc:
                fail(Failure(raw.source, "clean", str(exc)))
                continue
            if doc.id in seen_ids or (store is not None and store.has_document(doc.id)):
                report.duplicates += 1
                if store is not None:
                    store.put_source(raw.raw_sha256, raw.source, doc.id)
                continue
            seen_ids.add(doc.id)
            yield doc

    executor = make_executor(settings)
    try:
        yield from _stored_batches(
            executor.map(_batches(documents(), executor.chunk_size)), settings
        )
    finally:
        executor.close()


def _stored_batches(
    results: Iterable[list[tuple[Document, DocExtraction]]], settings: Settings
) -> Iterator[list[tuple[Document, DocExtraction]]]:
    """Results regrouped into batches of ``nlp_batch_size`` documents for the store: local
    workers get small tasks (so both stay busy to the end), but a transaction per 4 documents
    cost the single writer about twice the time per document of one per 32, on the core the
    workers need (measured on 64 PolNeAR articles: 11-13 against 6.6-7.0 ms per document)."""
    return _batches((pair for result in results for pair in result), settings.nlp_batch_size)


def shard_sources(
    sources: Sequence[str],
    output: Path,
    settings: Settings,
    manifest: Path | None = None,
    progress: Progress | None = None,
) -> AddReport:
    """Read, clean and extract ``sources`` into a Parquet shard at ``output`` (no case store):
    the per-document half of ``add``, for a cluster job whose shards ``caseboard add`` merges.
    The report's ``added`` lists the documents written; ``fresh`` stays empty."""
    from caseboard.store.shards import ShardWriter  # noqa: PLC0415

    report = AddReport()
    writer = ShardWriter(output, settings.spacy_model)
    for result in extracted(sources, settings, manifest, report):
        writer.write(result)
        report.added.extend(doc.id for doc, _ in result)
        if progress is not None:
            progress(len(report.added), None)
    writer.close()
    return report


def _store(
    store: Store,
    result: list[tuple[Document, DocExtraction]],
    report: AddReport,
    progress: Progress | None,
) -> None:
    store.put_documents(result)  # one transaction per batch: a batch is all or nothing
    for doc, ex in result:
        report.added.append(doc.id)
        if not report.fresh_dropped:
            report.fresh.append((doc, ex))
        if progress is not None:
            progress(len(report.added), None)
    if len(report.fresh) > FRESH_LIMIT:
        report.fresh.clear()
        report.fresh_dropped = True


def _record_model(store: Store, model: str) -> None:
    if store.get_meta("spacy_model") is None:
        store.set_meta("spacy_model", model)


def split_shards(sources: Sequence[str]) -> tuple[list[Path], list[str]]:
    """(shard files, other sources): a source or glob ending in ``.parquet`` names shards; a
    glob that matches nothing stays a shard path, so that merging it fails with its name."""
    shards: list[Path] = []
    rest: list[str] = []
    for src in sources:
        if not src.lower().endswith(SHARD_SUFFIX):
            rest.append(src)
        elif set(src) & set("*?["):
            found = sorted(Path(p) for p in glob.glob(src, recursive=True))  # noqa: PTH207
            shards.extend(found or [Path(src)])
        else:
            shards.append(Path(src))
    return shards, rest


def merge_shard(
    store: Store,
    path: Path,
    settings: Settings,
    report: AddReport,
    progress: Progress | None = None,
) -> None:
    """Merge one shard: every valid row whose document is not stored yet, a batch per
    transaction. A file that is not a shard, a shard made with another spaCy model than the
    case's, and each bad row are failures naming the file; nothing stored is touched by them."""
    from caseboard.errors import InputError  # noqa: PLC0415
    from caseboard.store.shards import read_shard, shard_info  # noqa: PLC0415

    try:
        info = shard_info(path)
    except InputError as exc:
        _fail(store, report, Failure(exc.source, "shard", exc.problem))
        return
    model = info.spacy_model or "unknown"
    case_model = store.get_meta("spacy_model")
    if case_model is not None and model != case_model:
        problem = f"shard was extracted with spaCy model {model!r}; this case uses {case_model!r}"
        _fail(store, report, Failure(str(path), "shard", problem))
        return
    batch: list[tuple[Document, DocExtraction]] = []
    seen: set[str] = set()
    for item in read_shard(path):
        if isinstance(item, Failure):
            _fail(store, report, item)
            continue
        doc, ex = item
        if doc.id in seen or store.has_document(doc.id):
            report.duplicates += 1
            continue
        seen.add(doc.id)
        batch.append((doc, ex))
        if len(batch) >= settings.nlp_batch_size:
            _store(store, batch, report, progress)
            batch = []
    if batch:
        _store(store, batch, report, progress)
    if seen:
        _record_model(store, model)


def _fail(store: Store | None, report: AddReport, failure: Failure) -> None:
    """Report a failed input, and record it in the case when there is one."""
    report.failures.append(failure)
    if store is not None:
        store.add_failures([failure])


@dataclass(slots=True)
class ReextractReport:
    checked: int = 0
    stale: int = 0
    redone: list[str] = field(default_factory=list)
    model_changed: bool = False
    failures: list[Failure] = field(default_factory=list)


def reextract(
    store: Store,
    settings: Settings,
    *,
    everything: bool = False,
    progress: Progress | None = None,
) -> ReextractReport:
    """Extract again, from their stored cleaned texts, the documents whose extraction was made
    by other stage versions (an older caseboard) or with another spaCy model than
    ``settings.spacy_model``; every document with ``everything``.

    Each batch replaces its documents in one transaction and they keep their place in the case,
    so an interrupted run leaves every document either as it was or redone, and a re-run
    finishes the rest. The sources are not read again (the stored text is what was analysed).
    """
    from caseboard.extract.pipeline import stage_producers  # noqa: PLC0415 (heavy)
    from caseboard.pipeline.executors import make_executor  # noqa: PLC0415

    report = ReextractReport(checked=store.counts().get("documents", 0))
    case_model = store.get_meta("spacy_model")
    report.model_changed = case_model is not None and case_model != settings.spacy_model
    if everything or report.model_changed:
        todo = store.document_ids()
    else:
        todo = store.stale_extractions(stage_producers())
    report.stale = len(todo)
    if not todo:
        return report

    def documents() -> Iterator[Document]:
        for start in range(0, len(todo), 256):  # a page of stored documents at a time
            yield from store.documents(todo[start : start + 256])

    executor = make_executor(settings)
    try:
        batches = executor.map(_batches(documents(), executor.chunk_size))
        for result in _stored_batches(batches, settings):
            store.put_documents(result, keep_order=True)
            for doc, ex in result:
                report.redone.append(doc.id)
                report.failures.extend(ex.failures)
                if progress is not None:
                    progress(len(report.redone), report.stale)
    finally:
        executor.close()
    store.set_meta("spacy_model", settings.spacy_model)
    return report
