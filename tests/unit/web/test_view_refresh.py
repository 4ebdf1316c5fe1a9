"""The workbench reads the case once before serving, serves the view it has while a changed case
is read again in the background, and shows a request's own write at once."""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path

from caseboard.settings import Settings
from caseboard.store.db import open_store
from caseboard.web.state import Workbench


def test_a_changed_case_is_read_in_the_background(case_db: Path) -> None:
    with open_store(case_db) as store, tempfile.TemporaryDirectory() as up:
        wb = Workbench(Settings(case="harbour", db=case_db), store, Path(up))
        first = wb.view()
        assert wb.view() is first  # read once

        wb.changed()  # e.g. an add job committed a batch
        assert wb.view() is first  # served at once, not read in this request
        for t in list(wb.threads):
            t.join(timeout=60)
        fresh = wb.view()
        assert fresh is not first
        assert wb.view() is fresh
        assert [d.id for d in fresh.documents] == [d.id for d in first.documents]


def test_a_request_sees_its_own_write(case_db: Path) -> None:
    with open_store(case_db) as store, tempfile.TemporaryDirectory() as up:
        wb = Workbench(Settings(case="harbour", db=case_db), store, Path(up))
        before = wb.view()
        with wb.writer() as w:
            w.add_hypothesis("h_user_1", "The harbour strike ends within a month")
        after = wb.view()  # no wait, no stale view
        assert after is not before
        assert ("h_user_1", "The harbour strike ends within a month") in after.user_hypotheses


def test_the_case_is_read_before_the_first_request(case_db: Path) -> None:
    from fastapi.testclient import TestClient

    from caseboard.web import create_app

    with TestClient(create_app(Settings(case="harbour", db=case_db))) as client:
        wb = client.app.state.wb  # type: ignore[attr-defined]
        cached = wb._view
        assert cached is not None  # read at startup
        assert client.get("/").status_code == 200
        assert wb._view is cached  # the first request used it


def test_the_view_is_kept_out_of_the_collectors_walks(case_db: Path) -> None:
    """The view is read with the collector paused and then frozen, so the first request after
    startup does not pay a collection over everything the read made."""
    gc.unfreeze()
    try:
        with open_store(case_db) as store, tempfile.TemporaryDirectory() as up:
            view = Workbench(Settings(case="harbour", db=case_db), store, Path(up)).view()
            walked = {id(o) for o in gc.get_objects()}
            assert view.documents
            assert id(view.documents) not in walked
            assert id(view.documents[0]) not in walked
            assert gc.isenabled()
    finally:
        gc.unfreeze()
