"""The workbench's state: one open store, a writer lock, the add jobs and a cached case view.

Concurrency: the server process opens the case store once (read-write, so DuckDB's file lock
keeps other writer processes out and they get a clear "case is busy" error). Every request
reads through its own cursor inside one transaction, so it sees a consistent snapshot and never
half a document (a document and its items are committed together). Writes (adds, hypotheses,
judgements, the search index) are serialised by ``write_lock``.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from caseboard.errors import CaseBusyError
from caseboard.model import make_id
from caseboard.settings import Settings
from caseboard.store.db import Store
from caseboard.web.views import CaseView

log = logging.getLogger("caseboard.web")

JobState = Literal["queued", "running", "done", "failed"]
WRITE_WAIT_SECONDS = 5.0


@dataclass(slots=True)
class Job:
    """One add from the browser; mutated only by its worker thread under ``Workbench.lock``."""

    id: str
    sources: tuple[str, ...]
    state: JobState = "queued"
    stage: str = "queued"
    done: int = 0
    total: int | None = None
    added: list[str] = field(default_factory=list)
    duplicates: int = 0
    unchanged: int = 0
    failures: list[str] = field(default_factory=list)
    error: str | None = None
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "state": self.state,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "sources": list(self.sources),
            "added": list(self.added),
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "failures": list(self.failures),
            "error": self.error,
            "seconds": round((self.finished or time.time()) - self.started, 2),
        }


class Workbench:
    """Everything one running app holds; created by ``create_app`` (no module-level state)."""

    def __init__(self, settings: Settings, store: Store, upload_dir: Path) -> None:
        self.settings = settings
        self.store = store
        self.upload_dir = upload_dir
        self.write_lock = threading.Lock()
        self.lock = threading.Lock()  # guards jobs, generation and the cached view
        self.jobs: dict[str, Job] = {}
        self.generation = 0
        self._view: tuple[int, CaseView] | None = None
        self._rebuilding = False  # a background thread is reading the changed case
        self.fts = store.load_fts()
        if not self.fts:
            log.warning("DuckDB fts extension unavailable: quote search falls back to substring")
        self.threads: list[threading.Thread] = []

    # --- reading ----------------------------------------------------------------------------
    @contextmanager
    def reader(self) -> Iterator[Store]:
        cur = self.store.cursor()
        try:
            with cur.transaction():
                yield cur
        finally:
            cur.close()

    def view(self) -> CaseView:
        """The case as the pages show it, read once per change of the case.

        When the case changed since the cached view was read, the cached view is served while a
        background thread reads the new one (reading a 10,000-document case takes ~30 s, and an
        add changes the case at every committed batch); a request never waits for it unless
        there is no view yet. Writes made by a request (:meth:`writer`) refresh the view before
        the request returns, so its own change shows at once.
        """
        with self.lock:
            cached, generation = self._view, self.generation
            start = cached is not None and cached[0] != generation and not self._rebuilding
            if start:
                self._rebuilding = True
        if cached is not None and cached[0] == generation:
            return cached[1]
        if cached is not None:
            if start:
                self._spawn("cb-view", self._rebuild)
            return cached[1]
        return self._load(generation)

    def refresh(self) -> CaseView:
        """Read the view now (after a write whose result the caller is about to show)."""
        with self.lock:
            generation = self.generation
        return self._load(generation)

    def _rebuild(self) -> None:
        try:
            while True:
                with self.lock:
                    generation = self.generation
                self._load(generation)
                with self.lock:
                    if self.generation == generation:
                        return
        except Exception:
            log.exception("reading the case view failed")
        finally:
            with self.lock:
                self._rebuilding = False

    def _load(self, generation: int) -> CaseView:
        from caseboard.model import Analysis  # noqa: PLC0415
        from caseboard.model.codec import paused_gc  # noqa: PLC0415

        with self.reader() as store, paused_gc(keep=True):
            documents = store.documents()
            extractions = {ex.doc: ex for ex in store.extractions()}
            view = CaseView(
                case=self.settings.case,
                documents=documents,
                extractions=extractions,
                analysis=store.analysis() or Analysis(),
                counts=store.counts(),
                user_hypotheses=store.user_hypotheses(),
                assessments=store.assessments(),
            )
        with self.lock:
            if self.generation == generation:
                self._view = (generation, view)
        return view

    def changed(self) -> None:
        with self.lock:
            self.generation += 1

    # --- writing ----------------------------------------------------------------------------
    @contextmanager
    def writer(self, wait: float = WRITE_WAIT_SECONDS) -> Iterator[Store]:
        """The writer cursor; raises CaseBusyError if an add keeps the case busy too long."""
        if not self.write_lock.acquire(timeout=wait):
            raise CaseBusyError("the case is busy: an add is running; try again when it finishes")
        cur = self.store.cursor()
        try:
            yield cur
        finally:
            cur.close()
            self.write_lock.release()
            self.changed()
            self.refresh()

    def ensure_quote_index(self) -> bool:
        """Build the FTS index when stale; True when BM25 search can be used now."""
        if not self.fts:
            return False
        with self.reader() as store:
            if store.quote_index_fresh():
                return True
        if not self.write_lock.acquire(blocking=False):
            return False  # an add is running: substring search until it finishes
        try:
            cur = self.store.cursor()
            try:
                cur.build_quote_index()
            finally:
                cur.close()
        finally:
            self.write_lock.release()
        return True

    # --- add jobs ---------------------------------------------------------------------------
    def start_add(self, sources: list[str]) -> Job:
        job = Job(id=make_id("job", time.time_ns(), *sources), sources=tuple(sources))
        job.total = len(sources)
        with self.lock:
            self.jobs[job.id] = job
        self._spawn(job.id, self._run_add, job)
        return job

    def _spawn(self, name: str, target: Callable[..., None], *args: object) -> None:
        """Start a background thread the app joins at shutdown (finished ones are let go)."""
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self.lock:
            self.threads = [t for t in self.threads if t.is_alive()]
            self.threads.append(thread)
        thread.start()

    def job(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)

    def _set(self, job: Job, **changes: object) -> None:
        with self.lock:
            for k, v in changes.items():
                setattr(job, k, v)

    def _run_add(self, job: Job) -> None:
        from caseboard import service  # noqa: PLC0415
        from caseboard.pipeline.runner import add_sources  # noqa: PLC0415

        def progress(done: int, _total: int | None) -> None:
            self._set(job, done=done)
            self.changed()  # each document is committed: let the views show it

        try:
            self._set(job, state="running", stage="waiting for the case")
            with self.writer(wait=600.0) as store:
                self._set(job, stage="reading, cleaning and extracting")
                report = add_sources(store, list(job.sources), self.settings, None, progress)
                self._set(
                    job,
                    added=list(report.added),
                    duplicates=report.duplicates,
                    unchanged=report.skipped_unchanged,
                    failures=[f"{f.source}: {f.reason}" for f in report.failures],
                )
                if report.added or service.analysis_stale(store):
                    self._set(job, stage="analysing the case")
                    service.reanalyse(store, fresh=report.fresh, incremental=True)
                if self.fts:
                    self._set(job, stage="indexing quotes")
                    store.build_quote_index()
            self._set(job, state="done", stage="done", finished=time.time())
        except Exception as exc:
            log.exception("add job %s failed", job.id)
            self._set(
                job,
                state="failed",
                stage="failed",
                error=f"{type(exc).__name__}: {exc}",
                finished=time.time(),
            )

    def upload_path(self, filename: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in Path(filename).name)
        safe = safe.lstrip(".") or "article.txt"
        folder = Path(tempfile.mkdtemp(prefix="up-", dir=self.upload_dir))
        return folder / safe[:120]
