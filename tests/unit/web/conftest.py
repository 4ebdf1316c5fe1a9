"""A small case built by the real pipeline from the invented articles in tests/data/web."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

DATA = Path(__file__).resolve().parents[2] / "data" / "web"


@pytest.fixture(scope="session")
def web_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store after `caseboard add tests/data/web` (built once per session, never written)."""
    from caseboard import service
    from caseboard.settings import Settings

    db = tmp_path_factory.mktemp("webcase") / "harbour.caseboard.duckdb"
    report = service.add(Settings(case="harbour", db=db), [str(DATA)])
    assert len(report.added) == 4, report.failures
    from caseboard.store.db import open_store

    with open_store(db) as store:  # the quote index, once, as the app would build it
        assert store.load_fts()
        store.build_quote_index()
    return db


@pytest.fixture
def case_db(web_case: Path, tmp_path: Path) -> Path:
    """A private copy of the built case, so tests that write do not affect each other."""
    db = tmp_path / "harbour.caseboard.duckdb"
    shutil.copyfile(web_case, db)
    return db


@pytest.fixture
def client(case_db: Path) -> Iterator[TestClient]:
    from fastapi.testclient import TestClient

    from caseboard.settings import Settings
    from caseboard.web import create_app

    app = create_app(Settings(case="harbour", db=case_db))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def ro_client(web_case: Path) -> Iterator[TestClient]:
    """One app per test module over the shared case, for tests that only read."""
    from fastapi.testclient import TestClient

    from caseboard.settings import Settings
    from caseboard.web import create_app

    app = create_app(Settings(case="harbour", db=web_case))
    with TestClient(app) as c:
        yield c
