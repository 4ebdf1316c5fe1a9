"""Where per-document extraction runs: in this process, in local worker processes, or on Dask.

Workers only compute: they receive cleaned Documents and return DocExtraction records. The
store stays the single writer in the calling process. Results come back in submission order
with a bounded number of batches in flight, so memory stays flat however large the corpus.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from caseboard.model import DocExtraction, Document
from caseboard.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

Batch = list[Document]
Result = list[tuple[Document, DocExtraction]]


@dataclass(slots=True)
class _WorkerState:
    """Per-process model cache; set once by the pool initializer in each worker process."""

    model: str = ""
    batch_size: int = 32
    nlp: Language | None = None


_STATE = _WorkerState()  # one per worker process (the pool initializer is its only writer)


def _init_worker(model: str, batch_size: int) -> None:
    _STATE.model = model
    _STATE.batch_size = batch_size
    _STATE.nlp = None


def extract_batch(batch: Batch, model: str | None = None, batch_size: int | None = None) -> Result:
    """Extract one batch (runs in a worker process, or in this one)."""
    from caseboard.extract.nlp import load_nlp  # noqa: PLC0415
    from caseboard.extract.pipeline import extract_documents  # noqa: PLC0415

    if model is not None and model != _STATE.model:
        _init_worker(model, batch_size or _STATE.batch_size)
    if _STATE.nlp is None:
        _STATE.nlp = load_nlp(_STATE.model)
    return list(extract_documents(batch, _STATE.nlp, batch_size=_STATE.batch_size))


# Documents per task sent to a local worker. Small tasks keep both workers busy to the end (with
# 32-document tasks, 200 articles make 7 tasks and one worker idles for the last one), and the
# parse does not depend on how documents are batched (checked: identical tags, heads, entities).
LOCAL_CHUNK = 4


class Executor(Protocol):
    chunk_size: int  # documents per task handed to ``map``

    def map(self, batches: Iterable[Batch]) -> Iterator[Result]: ...

    def close(self) -> None: ...


class InProcess:
    def __init__(self, settings: Settings) -> None:
        self.chunk_size = settings.nlp_batch_size
        _init_worker(settings.spacy_model, settings.nlp_batch_size)

    def map(self, batches: Iterable[Batch]) -> Iterator[Result]:
        for batch in batches:
            yield extract_batch(batch)

    def close(self) -> None:
        return None


def _bounded(submit: Any, batches: Iterable[Batch], in_flight: int) -> Iterator[Result]:
    """Submit lazily, keep at most ``in_flight`` batches outstanding, yield in order."""
    pending: deque[Any] = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class LocalProcesses:
    """``--workers N``: a pool of N local processes, each loading the model once."""

    def __init__(self, settings: Settings) -> None:
        self.workers = settings.workers
        self.chunk_size = min(settings.nlp_batch_size, LOCAL_CHUNK)
        self.pool = ProcessPoolExecutor(
            max_workers=settings.workers,
            initializer=_init_worker,
            initargs=(settings.spacy_model, settings.nlp_batch_size),
        )

    def map(self, batches: Iterable[Batch]) -> Iterator[Result]:
        def submit(batch: Batch) -> Future[Result]:
            return self.pool.submit(extract_batch, batch)

        return _bounded(submit, batches, in_flight=2 * self.workers)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """``--scheduler tcp://HOST:PORT``: batches run on a Dask cluster's workers. Without a
    scheduler (``local_engine="dask"``), a LocalCluster of ``workers`` processes."""

    def __init__(self, settings: Settings) -> None:
        try:
            from distributed import Client, LocalCluster  # noqa: PLC0415
        except ImportError as exc:  # pragma: no cover - depends on the install
            from caseboard.errors import UsageError  # noqa: PLC0415

            raise UsageError(
                "the Dask engine needs Dask distributed: pip install 'caseboard[cluster]'"
            ) from exc
        self.settings = settings
        self.cluster: Any = None
        client_cls: Any = Client  # distributed ships no type hints
        if settings.scheduler:
            self.chunk_size = settings.nlp_batch_size
            self.client: Any = client_cls(settings.scheduler, timeout=30)
        else:
            self.chunk_size = min(settings.nlp_batch_size, LOCAL_CHUNK)
            cluster_cls: Any = LocalCluster
            self.cluster = cluster_cls(
                n_workers=settings.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",  # no fixed port: several may run at once
                host="127.0.0.1",
            )
            self.client = client_cls(self.cluster, timeout=30)
        n = len(self.client.scheduler_info().get("workers", {})) or 1
        self.in_flight = 2 * n

    def map(self, batches: Iterable[Batch]) -> Iterator[Result]:
        model, size = self.settings.spacy_model, self.settings.nlp_batch_size

        def submit(batch: Batch) -> Any:
            return self.client.submit(extract_batch, batch, model, size, pure=False)

        return _bounded(submit, batches, in_flight=self.in_flight)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(settings: Settings) -> Executor:
    if settings.scheduler:
        return DaskCluster(settings)
    if settings.workers > 1:
        if settings.local_engine == "dask":
            return DaskCluster(settings)
        return LocalProcesses(settings)
    return InProcess(settings)
