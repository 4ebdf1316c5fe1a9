"""The case store: one DuckDB file per case. The only module that imports duckdb.

Schema changes only through the named, ordered migrations in ``MIGRATIONS``. A document and all
its extracted items are written in one transaction, so a crash never leaves half a document.
DuckDB allows one writing process per file: a second writer gets :class:`CaseBusyError`.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import duckdb

from caseboard.errors import CaseBusyError, StoreError
from caseboard.model import (
    Analysis,
    Claim,
    DocExtraction,
    Document,
    Failure,
    LocalEntity,
    Quantity,
    Quote,
    TimeExpr,
)
from caseboard.model.codec import dumps, from_dict, loads, to_dict

if TYPE_CHECKING:
    from caseboard.settings import Settings

ItemKind = Literal["entity", "quote", "timex", "quantity", "claim"]
_ITEM_TYPES: dict[str, type] = {
    "entity": LocalEntity,
    "quote": Quote,
    "timex": TimeExpr,
    "quantity": Quantity,
    "claim": Claim,
}

# (name, statements). Append only: never edit a migration that has shipped.
MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "0001_initial",
        (
            """CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
            """CREATE TABLE documents (
                id VARCHAR PRIMARY KEY,
                source VARCHAR NOT NULL,
                title VARCHAR,
                outlet VARCHAR,
                published_value VARCHAR,
                published_origin VARCHAR NOT NULL,
                text_sha256 VARCHAR NOT NULL,
                raw_sha256 VARCHAR NOT NULL,
                payload JSON NOT NULL,
                extraction JSON,
                added_seq BIGINT NOT NULL,
                added_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE sources (
                raw_sha256 VARCHAR PRIMARY KEY,
                source VARCHAR NOT NULL,
                doc_id VARCHAR NOT NULL
            )""",
            """CREATE TABLE items (
                id VARCHAR NOT NULL,
                doc_id VARCHAR NOT NULL,
                kind VARCHAR NOT NULL,
                text VARCHAR NOT NULL,
                payload JSON NOT NULL,
                PRIMARY KEY (kind, id)
            )""",
            """CREATE INDEX items_doc ON items (doc_id)""",
            """CREATE TABLE failures (
                seq BIGINT NOT NULL,
                source VARCHAR NOT NULL,
                stage VARCHAR NOT NULL,
                reason VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE analysis (
                kind VARCHAR NOT NULL,
                id VARCHAR NOT NULL,
                payload JSON NOT NULL,
                PRIMARY KEY (kind, id)
            )""",
            """CREATE TABLE hypotheses (
                id VARCHAR PRIMARY KEY,
                statement VARCHAR NOT NULL,
                added_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE assessments (
                hypothesis_id VARCHAR NOT NULL,
                evidence_key VARCHAR NOT NULL,
                assessment VARCHAR NOT NULL,
                note VARCHAR,
                created_at TIMESTAMP NOT NULL,
                PRIMARY KEY (hypothesis_id, evidence_key)
            )""",
            """CREATE TABLE snapshots (
                seq BIGINT PRIMARY KEY,
                created_at TIMESTAMP NOT NULL,
                summary JSON NOT NULL
            )""",
        ),
    ),
    (
        # the quotes' texts alone for the full-text index: BM25 over every item (entities,
        # dates, claims...) to keep the quotes cost five times the work on a large case
        "0002_quote_texts",
        ("""CREATE TABLE quote_texts (id VARCHAR PRIMARY KEY, text VARCHAR NOT NULL)""",),
    ),
    (
        # what an incremental analysis needs of the previous one (analyse/increment.py): each
        # analysed sentence's keys (actors, stems, quantity values), and each document's
        # independent-source group with its folded outlet
        "0003_analysis_keys",
        (
            """CREATE TABLE pair_keys (
                key VARCHAR NOT NULL, doc VARCHAR NOT NULL, unit VARCHAR NOT NULL
            )""",
            """CREATE TABLE source_groups (
                doc VARCHAR PRIMARY KEY, grp VARCHAR NOT NULL, outlet VARCHAR
            )""",
        ),
    ),
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _is_lock_error(exc: Exception) -> bool:
    msg = str(exc).lower()
    return "lock" in msg and ("conflicting" in msg or "could not set lock" in msg)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    document: Document
    extraction: DocExtraction | None
    added_seq: int


class Store:
    """A case store. Use :func:`open_store` (a context manager) to get one."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only

    # --- migrations -----------------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = '_migrations'"
        ).fetchone()
        if not exists or exists[0] == 0:
            return []
        return [
            r[0] for r in self.con.execute("SELECT name FROM _migrations ORDER BY seq").fetchall()
        ]

    def migrate(self) -> list[str]:
        """Apply pending migrations in order; return the names applied now."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (seq INTEGER PRIMARY KEY, name VARCHAR, "
            "applied_at TIMESTAMP)"
        )
        done = set(self.applied_migrations())
        applied: list[str] = []
        for seq, (name, statements) in enumerate(MIGRATIONS):
            if name in done:
                continue
            with self.transaction():
                for sql in statements:
                    self.con.execute(sql)
                self.con.execute("INSERT INTO _migrations VALUES (?, ?, ?)", [seq, name, _now()])
            applied.append(name)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # --- meta -----------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def _next_seq(self, table: str, column: str) -> int:
        row = self.con.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchone()  # noqa: S608 (table names are constants)
        return int(row[0]) if row else 1

    # --- documents --------------------------------------------------------------------------
    def known_raw(self, raw_sha256s: Sequence[str]) -> set[str]:
        if not raw_sha256s:
            return set()
        rows = self.con.execute(
            f"SELECT raw_sha256 FROM sources WHERE raw_sha256 IN {_IDS}",  # noqa: S608
            [json.dumps(list(raw_sha256s))],
        ).fetchall()
        return {r[0] for r in rows}

    def has_document(self, doc_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone()
        return row is not None

    def extraction_version(self, doc_id: str) -> str | None:
        row = self.con.execute(
            "SELECT json_extract_string(extraction, '$.producers') FROM documents WHERE id = ?",
            [doc_id],
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def put_source(self, raw_sha256: str, source: str, doc_id: str) -> None:
        self.con.execute(
            "INSERT INTO sources VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [raw_sha256, source, doc_id],
        )

    def put_document(self, document: Document, extraction: DocExtraction) -> None:
        """Store a document with all its items, replacing an earlier version, in one transaction."""
        self.put_documents([(document, extraction)])

    def document_ids(self) -> list[str]:
        """Every stored document's id, in the order added (without reading the documents)."""
        rows = self.con.execute("SELECT id FROM documents ORDER BY added_seq").fetchall()
        return [str(r[0]) for r in rows]

    def stale_extractions(self, producers: Sequence[str]) -> list[str]:
        """Ids, in the order added, of the documents whose extraction was made by other stage
        versions than ``producers`` (an older caseboard): ``caseboard reextract`` redoes them."""
        rows = self.con.execute(
            "SELECT id, json_extract(extraction, '$.producers') FROM documents "
            "WHERE extraction IS NOT NULL ORDER BY added_seq"
        ).fetchall()
        want = list(producers)
        return [str(doc_id) for doc_id, got in rows if (json.loads(got) if got else []) != want]

    def put_documents(
        self, pairs: Sequence[tuple[Document, DocExtraction]], *, keep_order: bool = False
    ) -> None:
        """Store documents with all their items in one transaction (each replaces an earlier
        version with its id), in order: the same rows as one :meth:`put_document` per pair, with
        a handful of statements for the whole batch instead of eight per document.

        A replaced document is numbered as new (it comes last in the case's order) unless
        ``keep_order``, when it keeps its place (a re-extraction of the same text)."""
        last: dict[str, int] = {doc.id: i for i, (doc, _) in enumerate(pairs)}
        batch = [pair for i, pair in enumerate(pairs) if last[pair[0].id] == i]
        if not batch:
            return
        ids = _json_column(doc.id for doc, _ in batch)
        with self.transaction():
            # numbered before the old versions go: a replaced document never reuses a number
            seq = self._next_seq("documents", "added_seq")
            # only documents stored before have rows to replace: the delete scans the items
            # table, which a batch of new documents (the usual case) need not pay for
            replaced = self.con.execute(_EXISTING_DOCUMENTS, [ids]).fetchall()
            kept_seq = {str(r[0]): int(r[1]) for r in replaced} if keep_order else {}
            numbers, fresh_seq = [], seq
            for doc, _ in batch:
                if doc.id in kept_seq:
                    numbers.append(kept_seq[doc.id])
                else:
                    numbers.append(fresh_seq)
                    fresh_seq += 1
            if replaced:
                old = _json_column(str(r[0]) for r in replaced)
                self.con.execute(_DELETE_ITEMS, [old])
                self.con.execute(_DELETE_DOCUMENTS, [old])
            columns = [
                ids,
                _json_column(doc.source for doc, _ in batch),
                _json_column(doc.title for doc, _ in batch),
                _json_column(doc.outlet for doc, _ in batch),
                _json_column(doc.published.value if doc.published else None for doc, _ in batch),
                _json_column(doc.published_origin for doc, _ in batch),
                _json_column(doc.text_sha256 for doc, _ in batch),
                _json_column(doc.raw_sha256 for doc, _ in batch),
                _json_column(dumps(doc) for doc, _ in batch),
                _json_column(dumps(_extraction_header(ex)) for _, ex in batch),
                json.dumps(numbers),
            ]
            self.con.execute(_INSERT_DOCUMENTS, [*columns, _now()])
            self._insert_items([row for _, ex in batch for row in _item_rows(ex)])
            self.con.execute(_INSERT_SOURCES, [columns[7], columns[1], ids])
            for _, ex in batch:
                for f in ex.failures:
                    self._add_failure(f)

    def _insert_items(self, rows: list[list[str]]) -> None:
        """Insert item rows with one statement.

        Each column goes in as one JSON array of strings (unnested by DuckDB) rather than one
        parameter per value: ``executemany`` costs a statement per row, and the Python client
        inspects every parameter value on its own (with a failed ``import pandas`` each time
        when pandas is absent), which made item writes cost more than the parse.
        """
        if not rows:
            return
        self.con.execute(_INSERT_ITEMS, [_json_column(col) for col in zip(*rows, strict=True)])

    def documents(
        self, ids: Iterable[str] | None = None, *, exclude: Collection[str] = ()
    ) -> list[Document]:
        """Stored documents in the order added (only ``ids`` when given; none in ``exclude``)."""
        if ids is None:
            rows = self.con.execute(
                "SELECT id, payload FROM documents ORDER BY added_seq"
            ).fetchall()
        else:
            rows = self.con.execute(
                f"SELECT id, payload FROM documents WHERE id IN {_IDS} "  # noqa: S608
                "ORDER BY added_seq",
                [json.dumps(list(ids))],
            ).fetchall()
        return [loads(Document, payload) for doc_id, payload in rows if doc_id not in exclude]

    def document(self, doc_id: str) -> Document | None:
        docs = self.documents([doc_id])
        return docs[0] if docs else None

    def extraction(self, doc_id: str) -> DocExtraction | None:
        row = self.con.execute("SELECT extraction FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None or row[0] is None:
            return None
        rows = self.con.execute(
            "SELECT kind, payload FROM items WHERE doc_id = ? ORDER BY kind, id", [doc_id]
        ).fetchall()
        return _build_extraction(row[0], rows)

    def extractions(self, *, exclude: Collection[str] = ()) -> Iterator[DocExtraction]:
        """Every stored extraction (none of the documents in ``exclude``) in the order added:
        two queries, not two per document."""
        headers = self.con.execute(
            "SELECT id, extraction FROM documents WHERE extraction IS NOT NULL ORDER BY added_seq"
        ).fetchall()
        by_doc: dict[str, list[tuple[str, str]]] = {}
        for doc_id, kind, payload in self.con.execute(
            "SELECT doc_id, kind, payload FROM items ORDER BY doc_id, kind, id"
        ).fetchall():
            if doc_id not in exclude:
                by_doc.setdefault(doc_id, []).append((kind, payload))
        for doc_id, header in headers:
            if doc_id not in exclude:
                yield _build_extraction(header, by_doc.pop(doc_id, []))

    def iter_extractions(
        self, *, exclude: Collection[str] = (), page: int = 256
    ) -> Iterator[DocExtraction]:
        """:meth:`extractions`, read ``page`` documents at a time (memory stays that of a page)."""
        for _, ex in self._pages(page, exclude, with_documents=False):
            yield ex

    def iter_local_entities(
        self, *, exclude: Collection[str] = (), page: int = 256
    ) -> Iterator[LocalEntity]:
        """The entities of :meth:`iter_extractions`, in the same order, without the other
        records: documents in the order added, each one's entities by id."""
        for rows, by_doc in self._page_items(page, exclude, "NULL, NULL", "kind = 'entity'"):
            for doc_id, *_ in rows:
                for _, payload in by_doc.pop(doc_id, []):
                    yield from_dict(LocalEntity, json.loads(payload))

    def iter_pairs(self, page: int = 256) -> Iterator[tuple[Document, DocExtraction]]:
        """Every stored document with its extraction, in the order added, ``page`` documents
        at a time (memory stays flat however large the case)."""
        for doc, ex in self._pages(page, (), with_documents=True):
            assert doc is not None
            yield doc, ex

    def pairs_of(
        self, ids: Collection[str], page: int = 256
    ) -> Iterator[tuple[Document, DocExtraction]]:
        """The extracted documents among ``ids`` with their extractions, in the order added,
        ``page`` documents at a time."""
        order = self.con.execute(
            f"SELECT id FROM documents WHERE extraction IS NOT NULL AND id IN {_IDS} "  # noqa: S608
            "ORDER BY added_seq",
            [json.dumps(sorted(ids))],
        ).fetchall()
        wanted = [str(r[0]) for r in order]
        for start in range(0, len(wanted), page):
            chunk = json.dumps(wanted[start : start + page])
            rows = self.con.execute(
                f"SELECT id, payload, extraction FROM documents WHERE id IN {_IDS} "  # noqa: S608
                "ORDER BY added_seq",
                [chunk],
            ).fetchall()
            by_doc: dict[str, list[tuple[str, str]]] = {}
            for doc_id, kind, item in self.con.execute(
                f"SELECT doc_id, kind, payload FROM items WHERE doc_id IN {_IDS} "  # noqa: S608
                "ORDER BY doc_id, kind, id",
                [chunk],
            ).fetchall():
                by_doc.setdefault(doc_id, []).append((kind, item))
            for doc_id, doc, header in rows:
                yield loads(Document, doc), _build_extraction(header, by_doc.pop(doc_id, []))

    def _pages(
        self, page: int, exclude: Collection[str], *, with_documents: bool
    ) -> Iterator[tuple[Document | None, DocExtraction]]:
        columns = "payload, extraction" if with_documents else "NULL, extraction"
        for rows, by_doc in self._page_items(page, exclude, columns, "TRUE"):
            for doc_id, doc, header in rows:
                document = loads(Document, doc) if with_documents else None
                yield document, _build_extraction(header, by_doc.pop(doc_id, []))

    def _page_items(
        self, page: int, exclude: Collection[str], columns: str, kinds: str
    ) -> Iterator[tuple[list[tuple[Any, ...]], dict[str, list[tuple[str, str]]]]]:
        """Pages of extracted documents in the order added (id and ``columns``), none in
        ``exclude``, each with its item rows (kind, payload) matching ``kinds``, by doc."""
        last = 0
        while True:
            rows = self.con.execute(
                f"SELECT id, {columns}, added_seq FROM documents "  # noqa: S608 (constant text)
                "WHERE extraction IS NOT NULL AND added_seq > ? ORDER BY added_seq LIMIT ?",
                [last, page],
            ).fetchall()
            if not rows:
                return
            last = int(rows[-1][-1])
            kept = [tuple(r[:-1]) for r in rows if r[0] not in exclude]
            by_doc: dict[str, list[tuple[str, str]]] = {}
            for doc_id, kind, item in self.con.execute(
                f"SELECT doc_id, kind, payload FROM items WHERE {kinds} "  # noqa: S608
                f"AND doc_id IN {_IDS} ORDER BY doc_id, kind, id",
                [json.dumps([r[0] for r in kept])],
            ).fetchall():
                by_doc.setdefault(doc_id, []).append((kind, item))
            yield kept, by_doc

    def items(self, kind: ItemKind, doc_id: str | None = None) -> list[Any]:
        cls = _ITEM_TYPES[kind]
        if doc_id is None:
            rows = self.con.execute(
                "SELECT payload FROM items WHERE kind = ? ORDER BY doc_id, id", [kind]
            ).fetchall()
        else:
            rows = self.con.execute(
                "SELECT payload FROM items WHERE kind = ? AND doc_id = ? ORDER BY id",
                [kind, doc_id],
            ).fetchall()
        return [loads(cls, r[0]) for r in rows]

    def counts(self) -> dict[str, int]:
        out = {"documents": 0, "failures": 0}
        row = self.con.execute("SELECT count(*) FROM documents").fetchone()
        out["documents"] = int(row[0]) if row else 0
        for kind, n in self.con.execute(
            "SELECT kind, count(*) FROM items GROUP BY kind"
        ).fetchall():
            out[str(kind)] = int(n)
        row = self.con.execute("SELECT count(*) FROM failures").fetchone()
        out["failures"] = int(row[0]) if row else 0
        return out

    # --- failures ---------------------------------------------------------------------------
    def _add_failure(self, failure: Failure) -> None:
        self.con.execute(
            "INSERT INTO failures VALUES (?, ?, ?, ?, ?)",
            [
                self._next_seq("failures", "seq"),
                failure.source,
                failure.stage,
                failure.reason,
                _now(),
            ],
        )

    def add_failures(self, failures: Iterable[Failure]) -> None:
        with self.transaction():
            for f in failures:
                self._add_failure(f)

    def failures(self, limit: int = 1000) -> list[Failure]:
        rows = self.con.execute(
            "SELECT source, stage, reason FROM failures ORDER BY seq DESC LIMIT ?", [limit]
        ).fetchall()
        return [Failure(*r) for r in rows]

    # --- analysis ---------------------------------------------------------------------------
    def put_analysis(
        self,
        analysis: Analysis,
        *,
        keys: Sequence[tuple[str, str, str]] = (),
        groups: Mapping[str, tuple[str, str | None]] | None = None,
    ) -> None:
        """Replace the stored cross-document analysis in one transaction. With ``groups``
        (doc -> its independent-source group and folded outlet) the analysis comes with its
        sentence keys: ``keys`` and ``groups`` are written in the same transaction, beside those
        already stored since :meth:`clear_analysis_keys`, and marked complete; without, the
        stored keys no longer match the analysis and an incremental analysis will not use them."""
        with self.transaction():
            self.con.execute("DELETE FROM analysis")
            self.con.execute(
                "INSERT INTO analysis VALUES ('analysis', 'current', ?)", [dumps(analysis)]
            )
            if groups is not None:
                self.add_pair_keys(keys)
                self._put_source_groups(groups)
            self.set_meta(_KEYS_META, "1" if groups is not None else "0")

    # --- what an incremental analysis reads of the previous one (analyse/increment.py) -----
    def clear_analysis_keys(self) -> None:
        """Forget every sentence key and source group (a whole-case analysis writes them anew);
        until :meth:`put_analysis` completes with them, none is trusted."""
        with self.transaction():
            self.con.execute("DELETE FROM pair_keys")
            self.con.execute("DELETE FROM source_groups")
            self.set_meta(_KEYS_META, "0")

    def add_pair_keys(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """Append (key, doc, unit) rows (``analyse.run.pair_keys``). They go through a
        tab-separated file that DuckDB reads: a whole-case analysis writes ~800 rows a document,
        and that is six times faster than binding them as JSON arrays (measured on 200,000
        rows: 0.16 s against 0.94 s)."""
        if not rows:
            return
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".tsv", delete=False) as fh:
            fh.writelines(f"{_tsv(k)}\t{_tsv(d)}\t{_tsv(u)}\n" for k, d, u in rows)
        try:
            self.con.execute(_INSERT_PAIR_KEYS, [fh.name])
        finally:
            Path(fh.name).unlink(missing_ok=True)

    def _put_source_groups(self, groups: Mapping[str, tuple[str, str | None]]) -> None:
        if not groups:
            return
        docs = list(groups)
        self.con.execute(f"DELETE FROM source_groups WHERE doc IN {_IDS}", [json.dumps(docs)])  # noqa: S608
        self.con.execute(
            "INSERT INTO source_groups SELECT " + _unnest(3),
            [
                _json_column(docs),
                *(_json_column(col) for col in zip(*groups.values(), strict=True)),
            ],
        )

    def keys_complete(self) -> bool:
        """The stored keys and groups are those of the stored analysis."""
        return self.get_meta(_KEYS_META) == "1" and self.has_analysis()

    def analysed_count(self) -> int:
        """How many documents the stored keys' analysis covered (its source groups)."""
        row = self.con.execute("SELECT count(*) FROM source_groups").fetchone()
        return int(row[0]) if row else 0

    def touched_documents(
        self, rows: Sequence[tuple[str, str, str]], cap: int, numeric_cap: int
    ) -> list[str]:
        """The stored documents with a unit (sentence or item) sharing with one of ``rows``'s
        units at least two keys of one step (the key's first letter, ``c`` and ``C`` alike), or
        one ``q|`` or ``N|`` key, counting only keys that at most ``cap`` units hold
        (``numeric_cap`` for ``N|``), those of ``rows`` included: the pair steps' blocking."""
        if not rows:
            return []
        keys, docs, units = zip(*rows, strict=True)
        found = self.con.execute(
            _TOUCHED,
            [
                _json_column(keys),
                _json_column(f"{d}#{u}" for d, u in zip(docs, units, strict=True)),
                cap,
                numeric_cap,
            ],
        ).fetchall()
        return sorted(str(r[0]) for r in found)

    def source_groups_of(
        self, *, outlets: Collection[str] = ()
    ) -> tuple[dict[str, str], dict[str, str], set[str]]:
        """(doc -> group of every analysed document, folded outlet -> a group of that outlet
        for those of ``outlets`` the case has, every folded outlet of the case)."""
        rows = self.con.execute("SELECT doc, grp, outlet FROM source_groups").fetchall()
        groups = {str(d): str(g) for d, g, _ in rows}
        wanted = set(outlets)
        by_outlet: dict[str, str] = {}
        for _, grp, outlet in sorted(rows, key=lambda r: (str(r[2]), str(r[1]))):
            if outlet is not None and outlet in wanted:
                by_outlet.setdefault(str(outlet), str(grp))
        return groups, by_outlet, {str(r[2]) for r in rows if r[2] is not None}

    def has_analysis(self) -> bool:
        """An analysis is stored (without reading it)."""
        row = self.con.execute(
            "SELECT 1 FROM analysis WHERE kind = 'analysis' AND id = 'current'"
        ).fetchone()
        return row is not None

    def analysis(self) -> Analysis | None:
        row = self.con.execute(
            "SELECT payload FROM analysis WHERE kind = 'analysis' AND id = 'current'"
        ).fetchone()
        return None if row is None else loads(Analysis, row[0])

    # --- hypotheses and analyst judgements -----------------------------------------------------
    def add_hypothesis(self, hyp_id: str, statement: str) -> None:
        self.con.execute(
            "INSERT INTO hypotheses VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [hyp_id, statement, _now()],
        )

    def user_hypotheses(self) -> list[tuple[str, str]]:
        return [
            (str(a), str(b))
            for a, b in self.con.execute(
                "SELECT id, statement FROM hypotheses ORDER BY added_at, id"
            ).fetchall()
        ]

    def set_assessment(
        self, hyp_id: str, evidence_key: str, assessment: str, note: str | None = None
    ) -> None:
        self.con.execute(
            "INSERT INTO assessments VALUES (?, ?, ?, ?, ?) ON CONFLICT (hypothesis_id, "
            "evidence_key) DO UPDATE SET assessment = excluded.assessment, note = excluded.note, "
            "created_at = excluded.created_at",
            [hyp_id, evidence_key, assessment, note, _now()],
        )

    def assessments(self) -> dict[tuple[str, str], str]:
        return {
            (str(h), str(k)): str(a)
            for h, k, a in self.con.execute(
                "SELECT hypothesis_id, evidence_key, assessment FROM assessments"
            ).fetchall()
        }

    # --- snapshots (what changed) ---------------------------------------------------------------
    def add_snapshot(self, summary: dict[str, Any]) -> int:
        seq = self._next_seq("snapshots", "seq")
        self.con.execute(
            "INSERT INTO snapshots VALUES (?, ?, ?)",
            [seq, _now(), json.dumps(summary, sort_keys=True)],
        )
        return seq

    def snapshots(self, last: int = 2) -> list[dict[str, Any]]:
        rows = self.con.execute(
            "SELECT summary FROM snapshots ORDER BY seq DESC LIMIT ?", [last]
        ).fetchall()
        return [json.loads(r[0]) for r in rows]

    # --- workbench: concurrent readers and quote search ---------------------------------------
    def cursor(self) -> Store:
        """Another connection to the same open database (same process), for a concurrent reader
        or writer thread; each sees committed transactions only. Close it with ``close()``."""
        return Store(self.con.cursor(), self.path, self.read_only)

    def close(self) -> None:
        self.con.close()

    def load_fts(self) -> bool:
        """Load DuckDB's full-text extension from the ``duckdb-extension-fts`` package."""
        try:
            import duckdb_extension_fts  # noqa: PLC0415 (optional package)

            base = Path(duckdb_extension_fts.__file__).parent
            found = next(iter(sorted(base.rglob("fts.duckdb_extension"))), None)
            if found is None:
                return False
            self.con.execute(f"INSTALL '{found.as_posix()}'")
            self.con.execute("LOAD fts")
        except (ImportError, duckdb.Error):
            return False
        return True

    def quote_index_fingerprint(self) -> str:
        row = self.con.execute(
            "SELECT count(*), coalesce(max(added_seq), 0) FROM documents"
        ).fetchone()
        qrow = self.con.execute("SELECT count(*) FROM items WHERE kind = 'quote'").fetchone()
        # the table name first: an index built by an earlier version (over all items) is stale
        counts = f"{row[0] if row else 0}:{row[1] if row else 0}:{qrow[0] if qrow else 0}"
        return "quote_texts:" + counts

    def quote_index_fresh(self) -> bool:
        return self.get_meta("quote_fts") == self.quote_index_fingerprint()

    def build_quote_index(self) -> None:
        """(Re)build the FTS index over the quotes' texts; needs FTS."""
        fingerprint = self.quote_index_fingerprint()
        with self.transaction():
            self.con.execute("DELETE FROM quote_texts")
            self.con.execute(
                "INSERT INTO quote_texts SELECT id, any_value(text) FROM items "
                "WHERE kind = 'quote' GROUP BY id"
            )
        self.con.execute("PRAGMA create_fts_index('quote_texts', 'id', 'text', overwrite = 1)")
        self.set_meta("quote_fts", fingerprint)

    def search_quotes(
        self, query: str, limit: int = 50, offset: int = 0, *, fts: bool = True
    ) -> list[tuple[Quote, float]]:
        """Quotes matching ``query``, best first: BM25 over the FTS index when ``fts`` (the index
        must be fresh), else a case-insensitive substring match (score 1.0)."""
        return [
            (loads(Quote, payload), score)
            for payload, score in self._search_quotes("payload", query, limit, offset, fts=fts)
        ]

    def search_quote_ids(
        self, query: str, limit: int = 50, offset: int = 0, *, fts: bool = True
    ) -> list[tuple[str, float]]:
        """As :meth:`search_quotes`, the quote ids only (for a reader that holds the quotes)."""
        return self._search_quotes("id", query, limit, offset, fts=fts)

    def _search_quotes(
        self, column: Literal["id", "payload"], query: str, limit: int, offset: int, *, fts: bool
    ) -> list[tuple[str, float]]:
        if fts:
            sql = (
                f"SELECT i.{column}, s.score FROM (SELECT id, "  # noqa: S608 (a literal column)
                "fts_main_quote_texts.match_bm25(id, ?) AS score FROM quote_texts) s "
                "JOIN items i ON i.kind = 'quote' AND i.id = s.id "
                "WHERE s.score IS NOT NULL ORDER BY s.score DESC, i.id LIMIT ? OFFSET ?"
            )
        else:
            sql = (
                f"SELECT {column}, 1.0 FROM items WHERE kind = 'quote' AND "  # noqa: S608 (idem)
                "strpos(lower(text), lower(?)) > 0 ORDER BY doc_id, id LIMIT ? OFFSET ?"
            )
        rows = self.con.execute(sql, [query, limit, offset]).fetchall()
        return [(str(r[0]), float(r[1])) for r in rows]


# Bulk statements: each column is one JSON array parameter, unnested in step by DuckDB.
def _unnest(n: int, types: Sequence[str] = ()) -> str:
    kinds = [*types, *(["VARCHAR"] * (n - len(types)))]
    return ", ".join(f"unnest(from_json(${i + 1}, '[\"{kind}\"]'))" for i, kind in enumerate(kinds))


_INSERT_ITEMS = "INSERT INTO items SELECT " + _unnest(5)  # id, doc_id, kind, text, payload
# a list of ids bound as one JSON array: bound as a Python list, the DuckDB client looks up
# ``import pandas`` for every element (thousands of failed imports per page of documents)
_IDS = """(SELECT unnest(from_json($1, '["VARCHAR"]')))"""
_KEYS_META = "analysis_keys_complete"
_INSERT_PAIR_KEYS = """
INSERT INTO pair_keys SELECT * FROM read_csv(
    $1, delim = '\t', quote = '', escape = '', header = false, auto_detect = false,
    columns = {'key': 'VARCHAR', 'doc': 'VARCHAR', 'unit': 'VARCHAR'}
)
"""


def _tsv(value: str) -> str:
    """A value for the tab-separated file: tabs and line breaks (never in a key) as spaces."""
    return (
        value
        if "\t" not in value and "\n" not in value and "\r" not in value
        else " ".join(value.split())
    )


# new (key, sentence) pairs -> the stored documents they touch (see Store.touched_documents)
_TOUCHED = """
WITH new AS (
    SELECT DISTINCT * FROM (SELECT unnest(from_json($1, '["VARCHAR"]')) AS key,
                                   unnest(from_json($2, '["VARCHAR"]')) AS unit)
),
new_count AS (SELECT key, count(*) AS n FROM new GROUP BY key),
held AS (
    SELECT k.key FROM pair_keys k JOIN new_count c ON k.key = c.key
    GROUP BY k.key, c.n
    HAVING count(*) + c.n <= CASE WHEN starts_with(k.key, 'N|') THEN $4 ELSE $3 END
),
shared AS (
    SELECT k.doc, count(*) AS n, bool_or(k.key[1] IN ('q', 'N')) AS one
    FROM new JOIN held ON new.key = held.key JOIN pair_keys k ON k.key = new.key
    GROUP BY new.unit, k.doc, k.unit, lower(k.key[1])
)
SELECT DISTINCT doc FROM shared WHERE n >= 2 OR one
"""
_DELETE_ITEMS = f"DELETE FROM items WHERE doc_id IN {_IDS}"  # noqa: S608 (constant text)
_DELETE_DOCUMENTS = f"DELETE FROM documents WHERE id IN {_IDS}"  # noqa: S608 (constant text)
_EXISTING_DOCUMENTS = f"SELECT id, added_seq FROM documents WHERE id IN {_IDS}"  # noqa: S608 (constant text)
# the documents columns in order; added_seq is a BIGINT array, added_at one timestamp ($12)
_INSERT_DOCUMENTS = (
    "INSERT INTO documents SELECT " + _unnest(11, ["VARCHAR"] * 10 + ["BIGINT"]) + ", $12"
)
# first one wins within the batch, as with one insert per document
_INSERT_SOURCES = "INSERT INTO sources SELECT " + _unnest(3) + " ON CONFLICT DO NOTHING"


def _json_column(values: Iterable[str | None]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


_ITEM_FIELDS: dict[str, str] = {
    "entity": "entities",
    "quote": "quotes",
    "timex": "timexes",
    "quantity": "quantities",
    "claim": "claims",
}


def _build_extraction(header_json: str, rows: Iterable[tuple[str, str]]) -> DocExtraction:
    """A DocExtraction from its stored header and its item rows (already in kind, id order).

    Item payloads are decoded to plain dicts and typed once, with the extraction.
    """
    header = json.loads(header_json)
    items: dict[str, list[Any]] = {k: [] for k in _ITEM_TYPES}
    for kind, payload in rows:
        items[kind].append(json.loads(payload))
    header.update({_ITEM_FIELDS[k]: v for k, v in items.items()})
    return from_dict(DocExtraction, header)


def as_stored(ex: DocExtraction) -> DocExtraction:
    """``ex`` as :meth:`Store.extractions` reads it back: each kind of item in id order."""

    def by_id(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(sorted(items, key=lambda item: str(item.id)))

    return replace(
        ex,
        entities=by_id(ex.entities),
        quotes=by_id(ex.quotes),
        timexes=by_id(ex.timexes),
        quantities=by_id(ex.quantities),
        claims=by_id(ex.claims),
    )


def _extraction_header(ex: DocExtraction) -> dict[str, Any]:
    return {
        "doc": ex.doc,
        "sentences": [list(s) for s in ex.sentences],
        "failures": [to_dict(f) for f in ex.failures],
        "producers": list(ex.producers),
    }


def _item_rows(ex: DocExtraction) -> Iterator[list[str]]:
    for e in ex.entities:
        yield [e.id, ex.doc, "entity", e.name, dumps(e)]
    for q in ex.quotes:
        yield [q.id, ex.doc, "quote", q.text, dumps(q)]
    for t in ex.timexes:
        yield [t.id, ex.doc, "timex", t.text, dumps(t)]
    for n in ex.quantities:
        yield [n.id, ex.doc, "quantity", n.text, dumps(n)]
    for c in ex.claims:
        yield [c.id, ex.doc, "claim", c.text, dumps(c)]


def open_case(
    settings: Settings, *, read_only: bool = False, create: bool = True
) -> AbstractContextManager[Store]:
    """Open the store of the case ``settings`` name, with its memory limit."""
    return open_store(
        settings.db_path(),
        read_only=read_only,
        create=create,
        memory_limit=settings.store_memory_limit,
    )


@contextmanager
def open_store(
    path: Path, *, read_only: bool = False, create: bool = True, memory_limit: str | None = None
) -> Iterator[Store]:
    """Open (and migrate) the case store at ``path``; ``memory_limit`` caps DuckDB's buffer
    pool (what it does past the cap: spill to ``<path>.tmp`` or fail with its message).

    Raises :class:`CaseBusyError` when another process holds the write lock, and
    :class:`StoreError` when the file is not a caseboard store.
    """
    if (read_only or not create) and not path.exists():
        raise StoreError(f"{path}: no case store here (run `caseboard add` first)")
    try:
        config: dict[str, str | bool | int | float | list[str]] = (
            {"memory_limit": memory_limit} if memory_limit else {}
        )
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if _is_lock_error(exc):
            raise CaseBusyError(
                f"{path}: the case is busy (another caseboard process is writing to it); "
                "try again when it has finished"
            ) from exc
        raise StoreError(f"{path}: cannot open the case store: {exc}") from exc
    except duckdb.Error as exc:
        raise StoreError(f"{path}: not a caseboard store: {exc}") from exc
    store = Store(con, path, read_only)
    try:
        if not read_only:
            store.migrate()
        elif "0001_initial" not in store.applied_migrations():
            raise StoreError(f"{path}: not a caseboard store (no migrations applied)")
        yield store
    finally:
        con.close()
