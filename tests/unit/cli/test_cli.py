"""The CLI's exit codes and messages: 0 ok, 1 some inputs failed, 2 usage error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from caseboard.cli.main import app
from tests.support import write_lock_held

runner = CliRunner()

ARTICLE = """Harbour talks stall in Velmora

Foreign Minister Ilsa Roan said on Tuesday that the talks "cannot continue under threat".
The ministry said 40 vessels were waiting outside the port.
"""


def test_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("add", "export", "status"):
        assert command in result.output


def test_help_is_fast_and_does_not_import_spacy() -> None:
    code = (
        "import sys, time; t=time.perf_counter();"
        "from caseboard.cli.main import app;"
        "print(time.perf_counter()-t, 'spacy' in sys.modules, 'duckdb' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[1:] == ["False", "False"]
    assert float(out[0]) < 2.0


def test_add_ok_then_export(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    result = runner.invoke(app, ["add", str(src), "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "--db", str(db)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "caseboard/brief/1"
    assert len(data["documents"]) == 1


def test_some_inputs_failed_exit_1_and_rest_stored(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    db = tmp_path / "c.duckdb"
    result = runner.invoke(app, ["add", str(good), str(missing), "--db", str(db)])
    assert result.exit_code == 1
    assert "missing.txt" in result.output
    status = runner.invoke(app, ["status", "--db", str(db)])
    assert status.exit_code == 0
    assert "documents" in status.output


def test_usage_error_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["add", str(tmp_path), "--manifest", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2
    assert "nope.csv" in result.output
    result = runner.invoke(app, ["export", "--format", "yaml"])
    assert result.exit_code == 2


def test_bad_setting_is_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["add", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--workers", "0"]
    )
    assert result.exit_code == 2
    assert "workers" in result.output


def test_status_without_store_is_clear(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no case store" in result.output


def test_console_script_runs(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "caseboard"
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(exe), "--help"], capture_output=True, text=True, env={**os.environ}, check=False
    )
    assert proc.returncode == 0
    assert time.perf_counter() - t0 < 5


def test_second_writer_gets_case_is_busy_not_a_traceback(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "busy.duckdb"
    assert runner.invoke(app, ["add", str(src), "--db", str(db)]).exit_code == 0
    with write_lock_held(db):
        exe = Path(sys.executable).parent / "caseboard"
        proc = subprocess.run(
            [str(exe), "add", str(src), "--db", str(db)],
            capture_output=True,
            text=True,
            check=False,
        )
    assert proc.returncode == 1
    assert "busy" in proc.stderr
    assert "Traceback" not in proc.stderr
