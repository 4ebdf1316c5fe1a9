"""Store round trip, migrations, idempotence and the busy-writer error."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseboard.errors import CaseBusyError, StoreError
from caseboard.model import (
    DateValue,
    DocExtraction,
    Document,
    LocalEntity,
    Mention,
    Quote,
    Removed,
    Span,
    make_id,
    sha256_text,
)
from caseboard.store.db import MIGRATIONS, open_case, open_store
from tests.support import write_lock_held

TEXT = "Minister Ana Korvel said: “We will not sign.” Korvel spoke in Tarsa on Monday."


def _doc() -> tuple[Document, DocExtraction]:
    doc_id = make_id("doc", sha256_text(TEXT))
    doc = Document(
        id=doc_id,
        source="a.txt",
        title="Korvel refuses",
        outlet="Tarsa Herald",
        published=DateValue("2024-03-04", "day"),
        published_origin="manifest",
        text=TEXT,
        text_sha256=sha256_text(TEXT),
        raw_sha256="raw1",
        removed=(Removed("Subscribe now", "newsletter"),),
    )
    s = TEXT.index("Ana Korvel")
    ent = LocalEntity(
        id="le_1",
        doc=doc_id,
        name="Ana Korvel",
        type="PERSON",
        aliases=("Ana Korvel", "Korvel"),
        mentions=(Mention("Ana Korvel", Span(doc_id, s, s + 10, "Ana Korvel", 0)),),
    )
    qs = TEXT.index("We will")
    qe = TEXT.index(".”") + 1
    quote = Quote(
        id="q_1",
        doc=doc_id,
        text=TEXT[qs:qe],
        kind="direct",
        speaker_name="Ana Korvel",
        speaker_entity="le_1",
        evidence=Span(doc_id, qs, qe, TEXT[qs:qe], 0),
    )
    return doc, DocExtraction(
        doc=doc_id, sentences=((0, 45), (46, len(TEXT))), entities=(ent,), quotes=(quote,)
    )


def test_round_trip(tmp_db: Path) -> None:
    doc, ex = _doc()
    with open_store(tmp_db) as store:
        store.put_document(doc, ex)
    with open_store(tmp_db, read_only=True) as store:
        assert store.documents() == [doc]
        assert store.extraction(doc.id) == ex
        assert store.counts()["quote"] == 1
        assert store.known_raw(["raw1", "other"]) == {"raw1"}


def test_put_document_twice_replaces_not_duplicates(tmp_db: Path) -> None:
    doc, ex = _doc()
    with open_store(tmp_db) as store:
        store.put_document(doc, ex)
        store.put_document(doc, ex)
        assert store.counts()["documents"] == 1
        assert store.counts()["entity"] == 1


def test_migrations_recorded_once(tmp_db: Path) -> None:
    with open_store(tmp_db) as store:
        assert store.applied_migrations() == [name for name, _ in MIGRATIONS]
    with open_store(tmp_db) as store:
        assert store.migrate() == []


def test_read_only_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with (
        pytest.raises(StoreError, match="no case store"),
        open_store(tmp_path / "nope.duckdb", read_only=True),
    ):
        pass


def test_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError), open_store(bad):
        pass


def test_second_writer_gets_case_busy(tmp_db: Path) -> None:
    with open_store(tmp_db):
        pass
    with write_lock_held(tmp_db), pytest.raises(CaseBusyError, match="busy"), open_store(tmp_db):
        pass


def test_the_case_store_memory_limit_is_a_setting(tmp_path: Path) -> None:
    """DuckDB's own default cap is 80 % of RAM, which let an add's memory grow with the case;
    the case store opens with the setting's cap, and a malformed size is refused up front."""
    from pydantic import ValidationError

    from caseboard.settings import Settings

    def limit(settings: Settings) -> int:
        with open_case(settings) as store:
            row = store.con.execute(
                "SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'"
            ).fetchone()
        assert row is not None
        number, unit = str(row[0]).split()
        return round(float(number) * {"MiB": 1, "GiB": 1024}[unit])

    db = tmp_path / "c.duckdb"
    assert limit(Settings(db=db)) in range(950, 1030)  # "1GB": DuckDB shows 953.6 MiB
    assert limit(Settings(db=db, store_memory_limit="300MB")) in range(280, 301)
    with pytest.raises(ValidationError):
        Settings(store_memory_limit="lots")


def test_touched_documents_follow_the_pair_steps_blocking(tmp_db: Path) -> None:
    from caseboard.model import Analysis

    rows = [
        ("i|w:pipelin", "old1", "u1"),
        ("i|a:kestria", "old1", "u1"),
        ("i|w:pipelin", "old2", "u2"),  # one shared key: not a candidate pair
        ("e|w:pipelin", "old3", "u3"),  # the same words in another step do not add up
        ("i|a:kestria", "old3", "u4"),
        ("q|q:USD:120", "old4", "u5"),  # one shared quantity value is enough
        *(("i|w:common", f"many{k}", "u") for k in range(5)),
        *(("i|w:rare", f"many{k}", "u") for k in range(5)),
    ]
    with open_store(tmp_db) as store:
        store.put_analysis(Analysis(), keys=rows, groups={"old1": ("old1", None)})
        assert store.keys_complete()
        new = [
            ("i|w:pipelin", "new", "n1"),
            ("i|a:kestria", "new", "n1"),
            ("q|q:USD:120", "new", "n2"),
            ("i|w:common", "new", "n3"),
            ("i|w:rare", "new", "n3"),
        ]
        # w:common and w:rare are held by 5 + 1 units: past a cap of 5, they pair nothing
        assert store.touched_documents(new, cap=5, numeric_cap=5) == ["old1", "old4"]
        everything = ["old1", "old4", *(f"many{k}" for k in range(5))]
        assert store.touched_documents(new, cap=6, numeric_cap=5) == sorted(everything)
        store.clear_analysis_keys()
        assert not store.keys_complete()
        assert store.touched_documents(new, cap=6, numeric_cap=5) == []
