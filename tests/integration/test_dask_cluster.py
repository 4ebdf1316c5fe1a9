"""Per-document work on a real Dask cluster: a local scheduler and two worker processes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from caseboard import service
from caseboard.settings import Settings
from caseboard.store.db import open_store
from tests.integration.test_crash_safety import _article
from tests.support import free_port

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    bindir = Path(sys.executable).parent
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [
        subprocess.Popen(
            [
                str(bindir / "dask"),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-dashboard",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        for name in ("w1", "w2"):
            procs.append(
                subprocess.Popen(
                    [
                        str(bindir / "dask"),
                        "worker",
                        address,
                        "--nthreads",
                        "1",
                        "--name",
                        name,
                        "--no-dashboard",
                        "--host",
                        "127.0.0.1",
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=90)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def test_cluster_gives_the_same_records_as_one_process(scheduler: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(24):
        (corpus / f"a{i:03d}.txt").write_text(_article(i), encoding="utf-8")

    local = Settings(case="local", db=tmp_path / "local.duckdb", nlp_batch_size=4)
    cluster = Settings(
        case="cluster", db=tmp_path / "cluster.duckdb", nlp_batch_size=4, scheduler=scheduler
    )
    r_local = service.add(local, [str(corpus)])
    r_cluster = service.add(cluster, [str(corpus)])
    assert not r_cluster.failures
    assert sorted(r_cluster.added) == sorted(r_local.added)
    assert len(r_cluster.added) == 24

    def items(db: Path) -> list[tuple[str, str]]:
        with open_store(db, read_only=True) as store:
            rows = store.con.execute("SELECT kind, id FROM items ORDER BY kind, id").fetchall()
            return [(str(a), str(b)) for a, b in rows]

    assert items(cluster.db_path()) == items(local.db_path())


def test_cluster_job_writes_shards_that_add_merges(scheduler: str, tmp_path: Path) -> None:
    """The recipe in the README: each cluster task extracts its part of the corpus into a
    Parquet shard (no case store on the workers), then one `caseboard add` merges the shards."""
    from distributed import Client

    from caseboard.pipeline.runner import shard_sources

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = []
    for i in range(12):
        path = corpus / f"a{i:03d}.txt"
        path.write_text(_article(i), encoding="utf-8")
        files.append(str(path))
    shards = tmp_path / "shards"
    shards.mkdir()
    parts = [files[i : i + 4] for i in range(0, len(files), 4)]
    worker_settings = Settings(nlp_batch_size=4)
    with Client(scheduler, timeout=60) as client:
        futures = [
            client.submit(shard_sources, part, shards / f"part-{i}.parquet", worker_settings)
            for i, part in enumerate(parts)
        ]
        reports = client.gather(futures)
    assert [len(r.added) for r in reports] == [4, 4, 4]
    assert all(not r.failures for r in reports)

    merged = Settings(case="merged", db=tmp_path / "merged.duckdb")
    report = service.add(merged, [str(shards / "*.parquet")])
    assert len(report.added) == 12
    direct = Settings(case="direct", db=tmp_path / "direct.duckdb")
    service.add(direct, files)

    def export(settings: Settings) -> dict[str, object]:
        data = service.export_json(settings)
        return {k: v for k, v in data.items() if k not in ("case", "generated_at")}

    assert export(merged) == export(direct)


def test_workers_on_a_local_dask_cluster(tmp_path: Path) -> None:
    """`--workers 2 --engine dask`: a LocalCluster of two processes, the same records."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(8):
        (corpus / f"a{i:03d}.txt").write_text(_article(i), encoding="utf-8")
    one = Settings(case="one", db=tmp_path / "one.duckdb")
    local = Settings(case="dask", db=tmp_path / "dask.duckdb", workers=2, local_engine="dask")
    service.add(one, [str(corpus)])
    report = service.add(local, [str(corpus)])
    assert len(report.added) == 8
    assert not report.failures

    def export(settings: Settings) -> dict[str, object]:
        data = service.export_json(settings)
        return {k: v for k, v in data.items() if k not in ("case", "generated_at")}

    assert export(local) == export(one)
