"""Helpers shared by tests: the distribution's Chromium, free ports, a process holding a lock."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# headless, and no background connections: this machine's network is closed
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def write_lock_held(db: Path) -> Iterator[None]:
    """Another process holds DuckDB's write lock on ``db`` while the block runs."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); "
                "print('ready', flush=True); time.sleep(30)"
            ),
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
