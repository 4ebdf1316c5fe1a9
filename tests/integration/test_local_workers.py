"""`--workers 2` without a scheduler: a pool of local processes. The records are those of one
process, and the single writer stores them in batches of ``nlp_batch_size`` documents even
though the workers get smaller tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseboard import service
from caseboard.pipeline.executors import LOCAL_CHUNK
from caseboard.settings import Settings
from caseboard.store.db import Store
from tests.integration.test_crash_safety import _article


def test_local_workers_give_the_records_of_one_process_in_store_sized_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(10):
        (corpus / f"a{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    one = Settings(case="one", db=tmp_path / "one.duckdb", nlp_batch_size=6)
    pool = Settings(case="pool", db=tmp_path / "pool.duckdb", nlp_batch_size=6, workers=2)
    service.add(one, [str(corpus)])

    sizes: list[int] = []
    put = Store.put_documents

    def counting(self: Store, result: list[object], **kw: object) -> None:
        sizes.append(len(result))
        put(self, result, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "put_documents", counting)
    report = service.add(pool, [str(corpus)])
    assert len(report.added) == 10
    assert not report.failures
    assert LOCAL_CHUNK < 6  # the workers' tasks are smaller than the store's batches
    assert sizes == [6, 4]

    def export(settings: Settings) -> dict[str, object]:
        data = service.export_json(settings)
        return {k: v for k, v in data.items() if k not in ("case", "generated_at")}

    assert export(pool) == export(one)
