"""Item rows written in one statement and extractions read in two queries come back exactly as
extracted (ids, offsets, verbatim text, awkward characters), in the same order as the
per-document reader."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from caseboard.extract.pipeline import extract_documents
from caseboard.ingest.clean import to_document
from caseboard.ingest.readers import read_sources
from caseboard.model import DocExtraction, Document, RawArticle
from caseboard.settings import Settings
from caseboard.store.db import as_stored, open_store

if TYPE_CHECKING:
    from spacy.language import Language

DATA = Path(__file__).resolve().parents[2] / "data" / "store"


def _extracted(nlp: Language) -> list[tuple[Document, DocExtraction]]:
    raws = [r for r in read_sources([str(DATA)], Settings(), None) if isinstance(r, RawArticle)]
    docs = [to_document(r) for r in sorted(raws, key=lambda r: r.source)]
    return list(extract_documents(docs, nlp))


def test_items_round_trip_and_bulk_read_matches_single_reads(nlp: Language, tmp_db: Path) -> None:
    pairs = _extracted(nlp)
    assert len(pairs) == 3
    assert all(ex.entities and ex.quotes and ex.timexes and ex.claims for _, ex in pairs)
    assert any(ex.quantities for _, ex in pairs)
    with open_store(tmp_db) as store:
        for doc, ex in pairs:
            store.put_document(doc, ex)
    with open_store(tmp_db, read_only=True) as store:
        bulk = list(store.extractions())
        assert [ex.doc for ex in bulk] == [doc.id for doc, _ in pairs]
        assert bulk == [store.extraction(doc.id) for doc, _ in pairs]
        assert bulk == [as_stored(ex) for _, ex in pairs]
        n_items = sum(
            len(ex.entities) + len(ex.quotes) + len(ex.timexes) + len(ex.quantities)
            + len(ex.claims)
            for _, ex in pairs
        )  # fmt: skip
        assert sum(v for k, v in store.counts().items() if k not in ("documents", "failures")) == (
            n_items
        )
        # evidence stays verbatim through the JSON columns (curly quotes, dashes, Ø, $)
        for ex in bulk:
            doc = next(d for d, _ in pairs if d.id == ex.doc)
            for q in ex.quotes:
                assert q.evidence.text == doc.text[q.evidence.start : q.evidence.end]
        assert any("Ø" in e.name for ex in bulk for e in ex.entities)


def test_exclude_skips_documents_and_keeps_order(nlp: Language, tmp_db: Path) -> None:
    pairs = _extracted(nlp)
    with open_store(tmp_db) as store:
        for doc, ex in pairs:
            store.put_document(doc, ex)
        middle = pairs[1][0].id
        assert [d.id for d in store.documents(exclude={middle})] == [
            pairs[0][0].id,
            pairs[2][0].id,
        ]
        assert [ex.doc for ex in store.extractions(exclude={middle})] == [
            pairs[0][0].id,
            pairs[2][0].id,
        ]


def test_document_without_items(tmp_db: Path, nlp: Language) -> None:
    doc, ex = _extracted(nlp)[0]
    empty = DocExtraction(doc=doc.id, sentences=ex.sentences)
    with open_store(tmp_db) as store:
        store.put_document(doc, empty)
        assert list(store.extractions()) == [empty]
        assert store.counts()["documents"] == 1


def _contents(db: Path) -> tuple[object, ...]:
    with open_store(db, read_only=True) as store:
        return (
            store.documents(),
            list(store.extractions()),
            store.con.execute(
                "SELECT id, source, title, outlet, published_value, published_origin, "
                "text_sha256, raw_sha256, payload, extraction, added_seq FROM documents "
                "ORDER BY added_seq"
            ).fetchall(),
            store.con.execute("SELECT * FROM sources ORDER BY raw_sha256").fetchall(),
            store.counts(),
        )


def test_one_batch_stores_what_one_put_per_document_stores(nlp: Language, tmp_path: Path) -> None:
    pairs = _extracted(nlp)
    one_by_one, batched = tmp_path / "one.duckdb", tmp_path / "batch.duckdb"
    with open_store(one_by_one) as store:
        store.put_document(*pairs[0])
        for doc, ex in [pairs[1], pairs[0], pairs[2]]:
            store.put_document(doc, ex)
    with open_store(batched) as store:
        store.put_documents(pairs[:1])
        # a document twice in one batch: the later copy wins and takes the later place
        store.put_documents([pairs[1], pairs[0], pairs[2]])
        store.put_documents([])
    assert _contents(batched) == _contents(one_by_one)
    docs = _contents(batched)[0]
    assert [d.id for d in docs] == [pairs[1][0].id, pairs[0][0].id, pairs[2][0].id]  # type: ignore[attr-defined]
