"""`caseboard serve` refuses to expose a case without --public; a second writer gets 'busy'."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from caseboard.cli.main import app
from caseboard.cli.web_cmds import check_host, is_loopback
from caseboard.errors import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from fastapi.testclient import TestClient


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.53", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)
    check_host(host, public=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org", ""])
def test_other_hosts_need_public(host: str) -> None:
    assert not is_loopback(host)
    with pytest.raises(UsageError, match="--public"):
        check_host(host, public=False)
    check_host(host, public=True)


def test_serve_refuses_a_public_host_without_the_flag(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--db", str(tmp_path / "c.duckdb"), "--host", "0.0.0.0"]
    )
    assert result.exit_code == 2
    assert "refusing to serve on 0.0.0.0" in result.output
    assert not (tmp_path / "c.duckdb").exists()  # refused before touching the store


def test_serve_rejects_a_bad_port(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "c.duckdb"), "--port", "0"])
    assert result.exit_code == 2


BUSY_PROBE = """
import sys
from pathlib import Path
from caseboard.errors import CaseBusyError
from caseboard.store.db import open_store
try:
    with open_store(Path(sys.argv[1])):
        print("opened")
except CaseBusyError as exc:
    print("busy:", exc)
"""


def test_a_second_process_writing_while_the_workbench_runs_is_told_busy(
    client: TestClient, case_db: Path
) -> None:
    assert client.get("/api/documents").status_code == 200  # the app holds the case open
    out = subprocess.run(
        [sys.executable, "-c", BUSY_PROBE, str(case_db)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert out.startswith("busy:")
    assert "the case is busy" in out


def test_serve_on_a_case_another_process_writes_says_busy(
    client: TestClient, case_db: Path
) -> None:
    assert client.get("/").status_code == 200  # this process holds the case open
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from caseboard.cli.main import app; app()",
            "serve",
            "--db",
            str(case_db),
            "--port",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 1
    assert "the case is busy" in out.stderr
