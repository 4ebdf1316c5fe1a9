"""``caseboard reextract``: documents an older caseboard extracted (other stage versions) are
extracted again from their stored texts, keep their place in the case, and the analysis is
redone; up-to-date documents are left alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caseboard import service
from caseboard.cli.main import app
from caseboard.errors import StoreError
from caseboard.model.codec import to_dict
from caseboard.settings import Settings
from caseboard.store.db import open_store

DATA = Path(__file__).resolve().parents[2] / "data" / "store"


@pytest.fixture
def case(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted(DATA.glob("*.txt")):
        shutil.copy(p, corpus / p.name)
    settings = Settings(case="re", db=tmp_path / "re.duckdb")
    assert len(service.add(settings, [str(corpus)]).added) >= 3
    return settings


def _age(db: Path, doc_id: str) -> None:
    """Make one stored extraction look like an older caseboard's: an older quotes stage that
    found nothing (its quotes gone, its producer version lower)."""
    with open_store(db) as store:
        header = store.con.execute(
            "SELECT extraction FROM documents WHERE id = ?", [doc_id]
        ).fetchone()[0]
        data = json.loads(header)
        data["producers"] = [
            "quotes/0.1" if p.startswith("quotes/") else p for p in data["producers"]
        ]
        store.con.execute(
            "UPDATE documents SET extraction = ? WHERE id = ?", [json.dumps(data), doc_id]
        )
        store.con.execute("DELETE FROM items WHERE doc_id = ? AND kind = 'quote'", [doc_id])


def _stale(db: Path) -> int:
    with open_store(db, read_only=True) as store:
        return service.stale_count(store)


def _analyses(db: Path) -> int:
    """How many analyses were recorded (one snapshot each)."""
    with open_store(db, read_only=True) as store:
        row = store.con.execute("SELECT count(*) FROM snapshots").fetchone()
    assert row is not None
    return int(row[0])


def _state(db: Path) -> tuple[list[str], dict[str, object], object]:
    with open_store(db, read_only=True) as store:
        order = [d.id for d in store.documents()]
        extractions = {ex.doc: to_dict(ex) for ex in store.extractions()}
        analysis = to_dict(store.analysis())
    return order, extractions, analysis


def test_stale_documents_are_redone_in_place_and_the_analysis_follows(case: Settings) -> None:
    db = case.db_path()
    order, extractions, analysis = _state(db)
    target = order[1]  # not the last: its place in the case must not move
    assert any(q for q in extractions[target]["quotes"])  # type: ignore[index]
    _age(db, target)
    assert _stale(db) == 1
    assert _state(db)[1][target]["quotes"] == []  # type: ignore[index]
    analyses = _analyses(db)

    report = service.reextract(case)
    assert (report.stale, report.redone, report.failures) == (1, [target], [])
    assert _stale(db) == 0
    assert _state(db) == (order, extractions, analysis)  # as before it was aged
    assert _analyses(db) == analyses + 1

    again = service.reextract(case)  # nothing stale: nothing parsed, nothing analysed
    assert (again.stale, again.redone) == (0, [])
    assert _analyses(db) == analyses + 1


def test_all_redoes_every_document_with_the_same_result(case: Settings) -> None:
    db = case.db_path()
    before = _state(db)
    report = service.reextract(case, everything=True)
    assert len(report.redone) == report.checked == len(before[0])
    assert _state(db) == before


def test_command_reports_and_status_points_to_it(case: Settings) -> None:
    runner = CliRunner()
    db = case.db_path()
    with open_store(db, read_only=True) as store:
        first = store.documents()[0].id
    _age(db, first)
    status = runner.invoke(app, ["status", "--case", "re", "--db", str(db)])
    assert status.exit_code == 0
    assert "1 document(s) were extracted by an older caseboard" in status.output
    result = runner.invoke(app, ["reextract", "--case", "re", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "re-extracted 1 of" in result.output
    status = runner.invoke(app, ["status", "--case", "re", "--db", str(db)])
    assert "older caseboard" not in status.output


def test_no_case_is_an_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no case store here"):
        service.reextract(Settings(case="none", db=tmp_path / "none.duckdb"))
