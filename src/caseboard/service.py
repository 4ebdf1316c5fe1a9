"""Importable operations behind the CLI and the workbench (thin wrappers live in cli/ and web/)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from caseboard.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from caseboard.model import Analysis, DocExtraction, Document, LocalEntity
    from caseboard.pipeline.runner import AddReport, Progress, ReextractReport
    from caseboard.store.db import Store
    from caseboard.store.shards import ShardInfo


@dataclass(frozen=True, slots=True)
class CaseData:
    """Everything stored for a case, loaded for reporting."""

    documents: list[Any]
    extractions: list[Any]
    analysis: Analysis


STALE_KEY = "analysis_stale"


def add(
    settings: Settings,
    sources: list[str],
    manifest: Path | None = None,
    progress: Progress | None = None,
    analyse: bool = True,
) -> AddReport:
    """Add ``sources`` to the case, then analyse it again; with ``analyse=False`` the analysis
    is left for ``caseboard analyse`` (several adds, one analysis) and marked out of date."""
    from caseboard.pipeline.runner import add_sources  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    with open_case(settings) as store:
        report = add_sources(store, sources, settings, manifest, progress, keep_fresh=analyse)
        if not analyse:
            if report.added:
                store.set_meta(STALE_KEY, "1")
        elif report.added or analysis_stale(store):
            reanalyse(store, fresh=report.fresh, incremental=True)
    return report


def analyse_case(settings: Settings) -> Analysis:
    """``caseboard analyse``: the cross-document analysis of everything stored."""
    from caseboard.store.db import open_case  # noqa: PLC0415

    with open_case(settings, create=False) as store:
        return reanalyse(store)


def analysis_stale(store: Store) -> bool:
    """Documents were added since the stored analysis (``add --no-analysis``)."""
    return store.get_meta(STALE_KEY) == "1" or not store.has_analysis()


def increment_note(store: Store) -> str | None:
    """The line ``caseboard status`` prints when the analysis was brought up to date
    incrementally since the last whole-case analysis, else None."""
    since = int(store.get_meta(INCREMENTS_KEY) or 0)
    last = store.get_meta(LAST_INCREMENT_KEY)
    if not since or not last:
        return None
    seen = json.loads(last)
    return (
        f"analysis: {since} document(s) analysed incrementally since the last whole-case "
        f"analysis (the last add: {seen['new']} new, {seen['touched']} stored document(s) "
        "read again); `caseboard analyse` analyses the whole case again"
    )


def stale_analysis_warning(store: Store) -> str | None:
    """The line the reporting commands print when the analysis is out of date, else None."""
    if not analysis_stale(store):
        return None
    return (
        "the analysis predates the last documents added (add --no-analysis); "
        "run `caseboard analyse` to bring it up to date"
    )


def reextract(
    settings: Settings, everything: bool = False, progress: Progress | None = None
) -> ReextractReport:
    """``caseboard reextract``: redo the extractions made by older stage versions or another
    model (every one with ``everything``), then the analysis if anything changed."""
    from caseboard.pipeline import runner  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    with open_case(settings, create=False) as store:
        report = runner.reextract(store, settings, everything=everything, progress=progress)
        if report.redone:
            reanalyse(store)  # every document from the store, in the case's order
    return report


def stale_count(store: Store) -> int:
    """How many stored documents an older caseboard (other stage versions) extracted."""
    from caseboard.extract.pipeline import stage_producers  # noqa: PLC0415

    return len(store.stale_extractions(stage_producers()))


def shard(
    settings: Settings,
    sources: list[str],
    output: Path,
    manifest: Path | None = None,
    progress: Progress | None = None,
) -> AddReport:
    """Extract ``sources`` into a Parquet shard (no case store): see ``caseboard shard``."""
    from caseboard.pipeline.runner import shard_sources  # noqa: PLC0415

    return shard_sources(sources, output, settings, manifest, progress)


def export_parquet(settings: Settings, output: Path) -> ShardInfo:
    """Every stored document with its extraction, as one shard that ``caseboard add`` merges."""
    from caseboard.store.db import open_case  # noqa: PLC0415
    from caseboard.store.shards import ShardWriter  # noqa: PLC0415

    with open_case(settings, read_only=True) as store:
        writer = ShardWriter(output, store.get_meta("spacy_model") or settings.spacy_model)
        writer.write(store.iter_pairs())
        return writer.close()


def reanalyse(
    store: Store,
    fresh: Sequence[tuple[Document, DocExtraction]] = (),
    *,
    incremental: bool = False,
) -> Analysis:
    """Rerun the cross-document analysis with the analyst's hypotheses and assessments, store it
    and record a snapshot (ids + corroboration counts) for ``caseboard diff``.

    ``fresh``: documents this process has just stored (the last ones added) with their
    extractions; they are used as they are rather than read back, in the same order and form.
    ``incremental``: when ``fresh`` are the only documents the stored analysis lacks and few
    (see :func:`incremental_possible`), analyse only what they touch
    (``analyse.increment``); otherwise, and always without it, the whole case.
    """
    if incremental and incremental_possible(store, fresh):
        return _reanalyse_increment(store, fresh)
    from caseboard.analyse.diff import snapshot  # noqa: PLC0415
    from caseboard.analyse.run import analyse_stream  # noqa: PLC0415
    from caseboard.link.text import fold  # noqa: PLC0415
    from caseboard.store.db import as_stored  # noqa: PLC0415

    skip = {doc.id for doc, _ in fresh}
    documents = [*store.documents(exclude=skip), *(doc for doc, _ in fresh)]

    def extractions() -> Iterator[DocExtraction]:  # a page of the store at a time
        yield from store.iter_extractions(exclude=skip)
        yield from (as_stored(ex) for _, ex in fresh)

    def local_entities() -> Iterator[LocalEntity]:  # the entities alone, in the same order
        yield from store.iter_local_entities(exclude=skip)
        yield from (e for _, ex in fresh for e in as_stored(ex).entities)

    store.clear_analysis_keys()
    done = analyse_stream(
        documents,
        extractions,
        local_entities,
        user_hypotheses=store.user_hypotheses(),
        assessments=store.assessments(),
        keys=store.add_pair_keys,
    )
    groups = {d.id: (done.groups[d.id], fold(d.outlet) if d.outlet else None) for d in documents}
    store.put_analysis(done.analysis, groups=groups)
    store.set_meta(INCREMENTS_KEY, "0")
    store.set_meta(LAST_INCREMENT_KEY, "")
    store.add_snapshot(snapshot(done.analysis, done.quote_ids))
    if store.get_meta(STALE_KEY) is not None:
        store.set_meta(STALE_KEY, "0")
    return done.analysis


# How many documents were analysed incrementally since the last whole-case analysis, and the
# last incremental analysis ({"new": documents, "touched": stored documents read again}).
INCREMENTS_KEY = "analysis_incremental_documents"
LAST_INCREMENT_KEY = "analysis_last_increment"


def incremental_possible(store: Store, fresh: Sequence[tuple[Document, DocExtraction]]) -> bool:
    """The analysis after adding ``fresh`` can be incremental: the stored analysis came with its
    pair keys, is not out of date (``add --no-analysis``), lacks exactly the ``fresh``
    documents, and the documents analysed incrementally since the last whole-case analysis,
    these included, stay within ``INCREMENT_SHARE`` of the case."""
    from caseboard.analyse.increment import INCREMENT_SHARE  # noqa: PLC0415

    if not fresh or not store.keys_complete() or store.get_meta(STALE_KEY) == "1":
        return False
    if not store.snapshots(1):
        return False
    analysed = store.analysed_count()
    total = store.counts()["documents"]
    if total != analysed + len({doc.id for doc, _ in fresh}):
        return False  # a fresh document replaced a stored one, or others were never analysed
    since = int(store.get_meta(INCREMENTS_KEY) or 0) + len(fresh)
    return since <= INCREMENT_SHARE * total


def _reanalyse_increment(store: Store, fresh: Sequence[tuple[Document, DocExtraction]]) -> Analysis:
    from caseboard.analyse.diff import snapshot  # noqa: PLC0415
    from caseboard.analyse.increment import analyse_increment  # noqa: PLC0415
    from caseboard.store.db import as_stored  # noqa: PLC0415

    previous = store.analysis()
    assert previous is not None  # incremental_possible: keys_complete needs an analysis
    done = analyse_increment(
        store,
        previous,
        [(doc, as_stored(ex)) for doc, ex in fresh],
        user_hypotheses=store.user_hypotheses(),
        assessments=store.assessments(),
    )
    analysis = done.analysed.analysis
    store.put_analysis(analysis, keys=done.keys, groups=done.groups)
    since = int(store.get_meta(INCREMENTS_KEY) or 0) + len(fresh)
    store.set_meta(INCREMENTS_KEY, str(since))
    last = {"new": len(fresh), "touched": len(done.touched), "unjoined": done.unjoined}
    store.set_meta(LAST_INCREMENT_KEY, json.dumps(last))
    quotes = [*store.snapshots(1)[0]["quotes"], *done.analysed.quote_ids]
    store.add_snapshot(snapshot(analysis, quotes))
    return analysis


def load_case(store: Store) -> CaseData:
    from caseboard.model import Analysis  # noqa: PLC0415
    from caseboard.model.codec import paused_gc  # noqa: PLC0415

    with paused_gc():
        return CaseData(
            documents=store.documents(),
            extractions=list(store.extractions()),
            analysis=store.analysis() or Analysis(),
        )


def export_json(settings: Settings) -> dict[str, Any]:
    from caseboard.report.export import build_export  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    with open_case(settings, read_only=True) as store:
        data = load_case(store)
        model = store.get_meta("spacy_model")
    return build_export(
        settings.case,
        data.documents,
        data.extractions,
        data.analysis,
        generator={"spacy_model": model or settings.spacy_model},
    )
