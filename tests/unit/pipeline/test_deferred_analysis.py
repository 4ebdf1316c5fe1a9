"""``caseboard add --no-analysis`` stores documents without analysing; the reporting commands
say the analysis is out of date until ``caseboard analyse`` (or an add with analysis) runs, and
the analysis of several deferred adds is the analysis of adding them with analysis."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import Result
from typer.testing import CliRunner

from caseboard.cli.main import app
from caseboard.model.codec import to_dict
from caseboard.store.db import open_store

DATA = Path(__file__).resolve().parents[2] / "data" / "store"
STALE = "the analysis predates the last documents added"


def _batches(tmp_path: Path) -> list[Path]:
    names = sorted(p.name for p in DATA.glob("*.txt"))
    out = []
    for n, chunk in enumerate((names[:2], names[2:])):
        folder = tmp_path / f"batch{n}"
        folder.mkdir()
        for name in chunk:
            shutil.copy(DATA / name, folder / name)
        out.append(folder)
    return out


def _out(result: Result) -> str:
    """The command's output with rich's line wrapping undone."""
    return " ".join(result.output.split())


def _analysis(db: Path) -> object:
    with open_store(db, read_only=True) as store:
        return to_dict(store.analysis())


def test_deferred_adds_then_one_analysis(tmp_path: Path) -> None:
    runner = CliRunner()
    first, second = _batches(tmp_path)
    now, later = tmp_path / "now.duckdb", tmp_path / "later.duckdb"
    for folder in (first, second):
        r = runner.invoke(app, ["add", str(folder), "--db", str(now)])
        assert r.exit_code == 0, r.output

    r = runner.invoke(app, ["add", str(first), "--db", str(later), "--no-analysis"])
    assert r.exit_code == 0, r.output
    assert "not analysed (run `caseboard analyse`)" in _out(r)
    r = runner.invoke(app, ["add", str(second), "--db", str(later), "--no-analysis"])
    assert r.exit_code == 0, r.output

    status = runner.invoke(app, ["status", "--db", str(later)])
    assert STALE in _out(status)
    timeline = runner.invoke(app, ["timeline", "--db", str(later)])
    assert timeline.exit_code == 0
    assert STALE in _out(timeline)  # stderr is mixed into the output by the test runner

    r = runner.invoke(app, ["analyse", "--db", str(later)])
    assert r.exit_code == 0, r.output
    assert "analysed:" in _out(r)
    assert _analysis(later) == _analysis(now)
    assert STALE not in _out(runner.invoke(app, ["status", "--db", str(later)]))
    assert STALE not in _out(runner.invoke(app, ["timeline", "--db", str(later)]))


def test_an_add_with_analysis_catches_up_even_when_nothing_is_new(tmp_path: Path) -> None:
    runner = CliRunner()
    first, _ = _batches(tmp_path)
    db = tmp_path / "c.duckdb"
    runner.invoke(app, ["add", str(first), "--db", str(db)])
    before = _analysis(db)
    more = tmp_path / "more"
    more.mkdir()
    shutil.copy(sorted(DATA.glob("*.txt"))[-1], more)
    runner.invoke(app, ["add", str(more), "--db", str(db), "--no-analysis"])
    assert _analysis(db) == before  # untouched by the deferred add
    r = runner.invoke(app, ["add", str(more), "--db", str(db)])  # nothing new, but behind
    assert "0 document(s), 1 unchanged" in _out(r)
    assert STALE not in _out(runner.invoke(app, ["status", "--db", str(db)]))
    assert _analysis(db) != before


def test_analyse_without_a_case_names_the_file(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["analyse", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1
    assert "none.duckdb: no case store here" in _out(r)
