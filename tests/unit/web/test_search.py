"""Quote search in the store: BM25 over DuckDB's fts index, and the substring fallback."""

from __future__ import annotations

from typing import TYPE_CHECKING

from caseboard.store.db import open_store

if TYPE_CHECKING:
    from pathlib import Path


def test_full_text_and_substring_search(case_db: Path) -> None:
    with open_store(case_db) as store:
        assert store.load_fts()
        assert store.quote_index_fresh()  # built once with the case
        ranked = store.search_quotes("toll water century", fts=True)
        assert "shared for a century" in ranked[0][0].text
        assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
        # the fallback is a literal, case-insensitive substring match (no LIKE wildcards)
        plain = store.search_quotes("PAY A TOLL FOR", fts=False)
        assert len(plain) == 1
        assert plain[0][0].text.startswith("We will not pay a toll")
        assert store.search_quotes("%", fts=False) == []
        assert store.search_quotes("_", fts=False) == []
        assert len(store.search_quotes("toll", limit=1, fts=False)) == 1


def test_index_goes_stale_when_documents_change(case_db: Path) -> None:
    from caseboard.model import DocExtraction

    with open_store(case_db) as store:
        assert store.load_fts()
        doc = store.documents()[0]
        ex = store.extraction(doc.id)
        assert ex is not None
        store.put_document(doc, DocExtraction(doc=doc.id, sentences=ex.sentences))
        assert not store.quote_index_fresh()
        store.build_quote_index()
        assert store.quote_index_fresh()
