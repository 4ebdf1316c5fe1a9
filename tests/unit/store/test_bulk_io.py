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
