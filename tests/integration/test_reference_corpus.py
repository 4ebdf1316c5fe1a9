"""End to end on the reference corpus: add, re-add, export valid and verbatim."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from caseboard import service
from caseboard.settings import Settings
from caseboard.store.db import open_store
from tests.conftest import SHARED

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def added(venezuela_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("ref") / "ref.caseboard.duckdb"
    settings = Settings(case="venezuela", db=db)
    t0 = time.perf_counter()
    first = service.add(settings, [str(venezuela_dir)], manifest=venezuela_dir / "manifest.csv")
    t1 = time.perf_counter()
    second = service.add(settings, [str(venezuela_dir)], manifest=venezuela_dir / "manifest.csv")
    t2 = time.perf_counter()
    return {
        "settings": settings,
        "first": first,
        "second": second,
        "first_s": t1 - t0,
        "second_s": t2 - t1,
        "export": service.export_json(settings),
    }


def test_all_five_documents_stored(added: dict[str, Any]) -> None:
    assert len(added["first"].added) == 5
    assert not added["first"].failures


def test_adding_again_changes_nothing(added: dict[str, Any]) -> None:
    second = added["second"]
    assert second.added == []
    assert second.skipped_unchanged == 5
    with open_store(added["settings"].db_path(), read_only=True) as store:
        assert store.counts()["documents"] == 5


def test_export_is_valid_against_the_schema(added: dict[str, Any]) -> None:
    schema = json.loads((SHARED / "spec" / "brief.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(added["export"])


def _evidence_objects(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if {"doc", "start", "end", "text"} <= node.keys() and isinstance(node["start"], int):
            found.append(node)
        for v in node.values():
            found.extend(_evidence_objects(v))
    elif isinstance(node, list):
        for v in node:
            found.extend(_evidence_objects(v))
    return found


def test_every_evidence_span_is_verbatim(added: dict[str, Any]) -> None:
    export = added["export"]
    with open_store(added["settings"].db_path(), read_only=True) as store:
        docs = {d.id: d for d in store.documents()}
    sources = {d["id"]: d["source"] for d in export["documents"]}
    evidence = _evidence_objects({k: v for k, v in export.items() if k != "documents"})
    assert evidence, "the export carries evidence"
    collapsed = {
        doc_id: re.sub(r"\s+", " ", Path(src).read_text(encoding="utf-8"))
        for doc_id, src in sources.items()
    }
    for ev in evidence:
        assert docs[ev["doc"]].text[ev["start"] : ev["end"]] == ev["text"]
        assert re.sub(r"\s+", " ", ev["text"]) in collapsed[ev["doc"]]
