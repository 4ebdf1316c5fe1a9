"""kill -9 in the middle of a large `caseboard add` loses nothing that was committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from caseboard.store.db import open_store

pytestmark = pytest.mark.slow

PEOPLE = ["Ilsa Roan", "Tomas Vey", "Mara Kell", "Oren Dask", "Lia Sorn", "Pavel Greck"]
PLACES = ["Velmora", "Tarsa", "Kestrel Bay", "Ondri", "Marrow Point"]


def _article(i: int) -> str:
    person = PEOPLE[i % len(PEOPLE)]
    place = PLACES[i % len(PLACES)]
    return (
        f"Talks in {place} enter day {i + 2}\n\n"
        f"{person}, the deputy minister for ports, said on Tuesday that {i * 7 + 3} vessels "
        f'were waiting outside {place}. "We will not accept a blockade of {place}," '
        f"{person.split()[-1]} told reporters.\n\n"
        f"According to port officials, at least ${i + 1}.5 million in cargo was delayed "
        f"in late October, two days after the first inspections began.\n"
    )


def test_kill_during_add_then_resume(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    n = 400
    for i in range(n):
        (corpus / f"a{i:04d}.txt").write_text(_article(i), encoding="utf-8")
    db = tmp_path / "crash.caseboard.duckdb"
    exe = Path(sys.executable).parent / "caseboard"
    env = {**os.environ, "CASEBOARD_NLP_BATCH_SIZE": "8"}
    proc = subprocess.Popen(
        [str(exe), "add", str(corpus), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    # wait until documents are being committed (the WAL grows), then kill without warning
    deadline = time.monotonic() + 120
    wal = db.with_name(db.name + ".wal")
    while time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 200_000:
            break
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the add finished before it could be interrupted; enlarge it"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    with open_store(db) as store:
        stored = store.counts()["documents"]
        assert 0 < stored < n
        # no half document: every item belongs to a stored document, every document has
        # its extraction header
        orphans = store.con.execute(
            "SELECT count(*) FROM items WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()
        assert orphans == (0,)
        missing = store.con.execute(
            "SELECT count(*) FROM documents WHERE extraction IS NULL"
        ).fetchone()
        assert missing == (0,)

    rerun = subprocess.run(
        [str(exe), "add", str(corpus), "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{stored} unchanged" in rerun.stderr
    with open_store(db, read_only=True) as store:
        assert store.counts()["documents"] == n
