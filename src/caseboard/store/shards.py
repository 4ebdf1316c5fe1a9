"""Parquet shards of extracted records: what a cluster job writes and ``caseboard add`` merges.

A shard is one Parquet file, one row per document: the cleaned :class:`Document` and its
:class:`DocExtraction` as the codec's JSON (the same encoding the store keeps), beside a few
plain columns (id, source, hashes) that other tools can filter on without decoding. The file's
key-value metadata names the format (``caseboard/shard/1``) and the spaCy model that produced
the extractions.

A shard from elsewhere is checked before anything is stored: the format tag, the columns, each
row decodes to typed records, the extraction belongs to the row's document, and every evidence
span is the document's text between its offsets. A bad row is a :class:`Failure` naming the file
and the row; the good rows of the same shard are still merged.

DuckDB writes and reads the files (no pyarrow). This module, like ``db.py``, is one of the only
places that import duckdb.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from caseboard.errors import InputError
from caseboard.model import DocExtraction, Document, Failure
from caseboard.model.codec import dumps, from_dict, loads
from caseboard.store.db import _json_column, _unnest

FORMAT = "caseboard/shard/1"
COLUMNS = ("id", "source", "raw_sha256", "text_sha256", "document", "extraction")
# plus ``seq``: the order rows were written in, which merging keeps (the same order as ``add``)
_STAGE = "shard"
_READ_ROWS = 256  # rows decoded at a time: reading a shard keeps memory flat


@dataclass(frozen=True, slots=True)
class ShardInfo:
    path: Path
    rows: int
    spacy_model: str | None


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class ShardWriter:
    """Writes (document, extraction) pairs as one Parquet shard, batch by batch.

    Batches go to part files beside the output every ``PART_ROWS`` rows, so memory stays flat
    however large the shard; ``close`` joins the parts in order into the shard. The file appears
    whole or not at all: it is written under a temporary name and renamed.
    """

    PART_ROWS = 1000
    # a reader decodes one Parquet row group of a column at a time: DuckDB's default (122,880
    # rows) made a shard of a few thousand documents one group, read whole into memory
    GROUP_ROWS = 2048

    def __init__(self, path: Path, spacy_model: str) -> None:
        self.path = path
        self.spacy_model = spacy_model
        self.rows = 0
        self._pending = 0
        self._parts: list[Path] = []
        self._dir = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
        self._con = duckdb.connect(":memory:")
        self._con.execute(
            "CREATE TABLE shard (id VARCHAR, source VARCHAR, raw_sha256 VARCHAR, "
            "text_sha256 VARCHAR, document VARCHAR, extraction VARCHAR, seq BIGINT)"
        )

    def write(self, pairs: Iterable[tuple[Document, DocExtraction]]) -> None:
        cols: list[list[str]] = [[] for _ in COLUMNS]
        for doc, ex in pairs:
            for col, value in zip(
                cols,
                (doc.id, doc.source, doc.raw_sha256, doc.text_sha256, dumps(doc), dumps(ex)),
                strict=True,
            ):
                col.append(value)
        if not cols[0]:
            return
        # one JSON array per column, unnested by DuckDB: one statement per batch (see db.py)
        seq = f"unnest(range({self.rows}, {self.rows + len(cols[0])}))"
        self._con.execute(
            f"INSERT INTO shard SELECT {_unnest(len(COLUMNS))}, {seq}",
            [_json_column(c) for c in cols],
        )
        self.rows += len(cols[0])
        self._pending += len(cols[0])
        if self._pending >= self.PART_ROWS:
            self._flush()

    def _flush(self) -> None:
        part = self._dir / f"part-{len(self._parts):06d}.parquet"
        target = _sql_string(str(part))
        self._con.execute(f"COPY (SELECT * FROM shard ORDER BY seq) TO {target} (FORMAT parquet)")  # noqa: S608 (quoted path)
        self._con.execute("DELETE FROM shard")
        self._parts.append(part)
        self._pending = 0

    def close(self) -> ShardInfo:
        tmp = self.path.with_name(self.path.name + ".partial")
        meta = f"{{format: {_sql_string(FORMAT)}, spacy_model: {_sql_string(self.spacy_model)}}}"
        try:
            if self._pending or not self._parts:
                self._flush()
            parts = ", ".join(_sql_string(str(p)) for p in self._parts)
            # COPY takes no bound parameters: every value is quoted by _sql_string; the parts
            # are read in order (DuckDB keeps insertion order), so rows stay in ``seq`` order
            join = (
                f"COPY (SELECT * FROM read_parquet([{parts}])) TO {_sql_string(str(tmp))} "  # noqa: S608
                f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {self.GROUP_ROWS}, "
                f"KV_METADATA {meta})"
            )
            self._con.execute(join)
            tmp.replace(self.path)
        finally:
            self._con.close()
            tmp.unlink(missing_ok=True)
            shutil.rmtree(self._dir, ignore_errors=True)
        return ShardInfo(self.path, self.rows, self.spacy_model)


def write_shard(
    path: Path, pairs: Iterable[tuple[Document, DocExtraction]], spacy_model: str
) -> ShardInfo:
    writer = ShardWriter(path, spacy_model)
    writer.write(pairs)
    return writer.close()


def _metadata(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, str]:
    rows = con.execute(
        "SELECT decode(key), decode(value) FROM parquet_kv_metadata(?)", [str(path)]
    ).fetchall()
    return {str(k): str(v) for k, v in rows}


def shard_info(path: Path) -> ShardInfo:
    """Open ``path`` as a shard and check its format; raises :class:`InputError` otherwise."""
    if not path.is_file():
        raise InputError(str(path), "no such shard file (or the pattern matched none)")
    con = duckdb.connect(":memory:")
    try:
        try:
            meta = _metadata(con, path)
            names = [
                r[0]
                for r in con.execute(
                    "SELECT name FROM parquet_schema(?) WHERE num_children IS NULL", [str(path)]
                ).fetchall()
            ]
            count = con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
        except duckdb.Error as exc:
            raise InputError(str(path), f"not a readable Parquet file ({exc})") from exc
    finally:
        con.close()
    if meta.get("format") != FORMAT:
        found = meta.get("format")
        what = f"format {found!r}" if found else "no caseboard format tag"
        raise InputError(str(path), f"not a caseboard shard ({what}; expected {FORMAT!r})")
    missing = [c for c in (*COLUMNS, "seq") if c not in names]
    if missing:
        raise InputError(str(path), f"shard lacks column(s) {', '.join(missing)}")
    return ShardInfo(path, int(count[0]) if count else 0, meta.get("spacy_model"))


def _spans(value: Any) -> Iterator[dict[str, Any]]:
    """Every Span-shaped dict inside an encoded record."""
    if isinstance(value, dict):
        if {"doc", "start", "end", "text"} <= value.keys():
            yield value
        for v in value.values():
            yield from _spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from _spans(v)


def _check(doc: Document, ex: dict[str, Any]) -> str | None:
    """Why the document and its encoded extraction cannot be merged, or None."""
    if ex.get("doc") != doc.id:
        return f"extraction is for document {ex.get('doc')!r}, not {doc.id!r}"
    for span in _spans(ex):
        start, end = span["start"], span["end"]
        if span["doc"] != doc.id:
            return f"evidence points into another document ({span['doc']!r})"
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
            return f"evidence offsets {start!r}..{end!r} are not a range"
        if doc.text[start:end] != span["text"]:
            return f"evidence at {start}..{end} is not the document's text there"
    return None


def _pages(con: duckdb.DuckDBPyConnection, path: Path) -> Iterator[list[tuple[Any, ...]]]:
    """The shard's rows in ``seq`` order, ``_READ_ROWS`` at a time. The DuckDB client holds a
    query's whole result, so one query over the shard held all of it (RSS ~170 MB at 1,000
    documents, ~340 MB at 6,000); each page is its own query over a range of ``seq``, which the
    Parquet row-group statistics narrow to the groups holding it."""
    seqs = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT seq FROM read_parquet(?) WHERE seq IS NOT NULL ORDER BY seq",
            [str(path)],
        ).fetchall()
    ]
    select = "SELECT id, document, extraction FROM read_parquet(?) WHERE "
    for i in range(0, len(seqs), _READ_ROWS):
        page = seqs[i : i + _READ_ROWS]
        yield con.execute(
            select + "seq BETWEEN ? AND ? ORDER BY seq", [str(path), page[0], page[-1]]
        ).fetchall()
    # rows without a seq (a hand-made shard) come last, in file order
    yield con.execute(select + "seq IS NULL", [str(path)]).fetchall()


def read_shard(path: Path) -> Iterator[tuple[Document, DocExtraction] | Failure]:
    """The shard's rows as typed pairs, in the order written; a bad row is a Failure, not an
    exception. Raises :class:`InputError` when the file is not a caseboard shard at all.
    """
    shard_info(path)
    con = duckdb.connect(":memory:")
    try:
        # one scan thread: each holds a row group; decoding the rows is the work, not the scan
        con.execute("SET threads = 1")
        row_no = 0
        for rows in _pages(con, path):
            for doc_id, doc_json, ex_json in rows:
                row_no += 1
                where = f"{path} (row {row_no}, document {doc_id})"
                try:
                    doc = loads(Document, doc_json)
                    encoded = json.loads(ex_json)
                    problem = _check(doc, encoded) if doc.id == doc_id else "id != document id"
                    if problem is None:
                        yield doc, from_dict(DocExtraction, encoded)
                        continue
                except (TypeError, ValueError, KeyError, AttributeError) as exc:
                    problem = f"row does not decode to records: {exc}"
                yield Failure(where, _STAGE, problem)
    except duckdb.Error as exc:
        yield Failure(str(path), _STAGE, f"reading the shard failed: {exc}")
    finally:
        con.close()
