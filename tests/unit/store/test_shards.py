"""Parquet shards: what `caseboard shard` and `export --format parquet` write, `add` merges.

Merging shards must give the case that adding the articles directly gives, and a bad shard (not
Parquet, not ours, another model, a tampered row) must fail with its name while the good rows
and everything stored before are kept.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from caseboard import service
from caseboard.cli.main import app
from caseboard.errors import InputError
from caseboard.model import Document
from caseboard.settings import Settings
from caseboard.store.db import open_store
from caseboard.store.shards import FORMAT, read_shard, shard_info, write_shard

SAMPLE = Path(__file__).resolve().parents[3] / "src" / "caseboard" / "sample" / "serrat"
STORE_DATA = Path(__file__).resolve().parents[2] / "data" / "store"
runner = CliRunner()


def _export(settings: Settings) -> dict[str, object]:
    data = service.export_json(settings)
    return {k: v for k, v in data.items() if k not in ("case", "generated_at")}


@pytest.fixture(scope="module")
def direct(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The sample case added the ordinary way."""
    settings = Settings(case="direct", db=tmp_path_factory.mktemp("direct") / "d.duckdb")
    report = service.add(settings, [str(SAMPLE)])
    assert len(report.added) == 7
    assert not report.failures
    return settings


def test_sharded_extraction_merges_into_the_same_case(direct: Settings, tmp_path: Path) -> None:
    files = sorted(p for p in SAMPLE.iterdir() if p.name not in ("manifest.csv", "README.md"))
    manifest = SAMPLE / "manifest.csv"
    shards = tmp_path / "shards"
    shards.mkdir()
    for i, part in enumerate((files[:3], files[3:])):
        out = shards / f"part-{i}.parquet"
        result = runner.invoke(
            app, ["shard", *map(str, part), "--manifest", str(manifest), "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert shard_info(out).rows == (3 if i == 0 else 4)

    merged = Settings(case="merged", db=tmp_path / "m.duckdb")
    result = runner.invoke(app, ["add", str(shards / "*.parquet"), "--db", str(merged.db)])
    assert result.exit_code == 0, result.output
    assert "added 7 document(s)" in result.output
    assert _export(merged) == _export(direct)

    # merging again stores nothing twice
    again = service.add(merged, [str(shards / "part-0.parquet")])
    assert again.added == []
    assert again.duplicates == 3


def test_export_parquet_round_trip(direct: Settings, tmp_path: Path) -> None:
    out = tmp_path / "case.parquet"
    result = runner.invoke(
        app, ["export", "--db", str(direct.db), "--format", "parquet", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    info = shard_info(out)
    assert info.rows == 7
    assert info.spacy_model == Settings().spacy_model
    copy = Settings(case="copy", db=tmp_path / "c.duckdb")
    service.add(copy, [str(out)])
    assert _export(copy) == _export(direct)
    with open_store(copy.db_path(), read_only=True) as store:
        assert store.get_meta("spacy_model") == Settings().spacy_model


def test_export_parquet_needs_a_parquet_output(direct: Settings, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(direct.db), "--format", "parquet"])
    assert result.exit_code == 2
    assert "--output FILE.parquet" in result.output


def test_bad_shards_fail_by_name_and_lose_nothing(direct: Settings, tmp_path: Path) -> None:
    db = tmp_path / "keep.duckdb"
    shutil.copy(direct.db_path(), db)
    keep = Settings(case="keep", db=db)
    before = _export(keep)

    not_parquet = tmp_path / "notes.parquet"
    not_parquet.write_text("this is not a parquet file", encoding="utf-8")
    foreign = tmp_path / "foreign.parquet"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT 1 AS id) TO '{foreign}' (FORMAT parquet)")
    con.close()

    result = runner.invoke(
        app,
        ["add", str(not_parquet), str(foreign), str(tmp_path / "none-*.parquet"), "--db", str(db)],
    )
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert f"{not_parquet}: not a readable Parquet file" in out
    assert f"{foreign}: not a caseboard shard" in out
    assert "none-*.parquet: no such shard file" in out
    assert _export(keep) == before


def _pairs(settings: Settings) -> list[tuple[Document, object]]:
    with open_store(settings.db_path(), read_only=True) as store:
        return list(store.iter_pairs(page=2))  # pages smaller than the case


def test_tampered_rows_are_failures_and_good_rows_merge(direct: Settings, tmp_path: Path) -> None:
    pairs = _pairs(direct)
    assert len(pairs) == 7
    doc, ex = pairs[0]
    # the text changed after extraction: evidence no longer matches the document
    tampered = dataclasses.replace(doc, text="x" + doc.text[1:])
    if tampered.text == doc.text:
        tampered = dataclasses.replace(doc, text="y" + doc.text[1:])
    other_doc, _ = pairs[1]
    rows = [(tampered, ex), (other_doc, ex), *pairs[2:]]  # row 2: another document's extraction
    shard = tmp_path / "mixed.parquet"
    write_shard(shard, rows, Settings().spacy_model)  # type: ignore[arg-type]

    items = list(read_shard(shard))
    failures = [i for i in items if not isinstance(i, tuple)]
    assert len(failures) == 2
    assert all(str(shard) in f.source for f in failures)
    assert "is not the document's text there" in failures[0].reason
    assert "extraction is for document" in failures[1].reason

    fresh = Settings(case="fresh", db=tmp_path / "f.duckdb")
    report = service.add(fresh, [str(shard)])
    assert len(report.added) == 5
    assert len(report.failures) == 2
    with open_store(fresh.db_path(), read_only=True) as store:
        assert store.counts()["documents"] == 5
        assert store.analysis() is not None


def test_shard_of_another_model_is_refused(direct: Settings, tmp_path: Path) -> None:
    shard = tmp_path / "other.parquet"
    write_shard(shard, _pairs(direct)[:1], "some_other_model")  # type: ignore[arg-type]
    db = tmp_path / "keep.duckdb"
    shutil.copy(direct.db_path(), db)
    report = service.add(Settings(case="keep", db=db), [str(shard)])
    assert report.added == []
    assert len(report.failures) == 1
    assert "'some_other_model'" in report.failures[0].reason


def test_shard_metadata_and_columns(direct: Settings, tmp_path: Path) -> None:
    shard = tmp_path / "s.parquet"
    write_shard(shard, _pairs(direct), "m")  # type: ignore[arg-type]
    con = duckdb.connect()
    meta = dict(
        con.execute(
            "SELECT decode(key), decode(value) FROM parquet_kv_metadata(?)", [str(shard)]
        ).fetchall()
    )
    row = con.execute(
        "SELECT id, source, document FROM read_parquet(?) ORDER BY seq LIMIT 1", [str(shard)]
    ).fetchone()
    con.close()
    assert meta["format"] == FORMAT
    assert row is not None
    assert json.loads(row[2])["id"] == row[0]
    with pytest.raises(InputError, match="no such shard file"):
        shard_info(tmp_path / "missing.parquet")


def test_shard_command_reports_failed_inputs(tmp_path: Path) -> None:
    good = sorted(STORE_DATA.glob("*.txt"))[0]
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "s.parquet"
    result = runner.invoke(app, ["shard", str(good), str(empty), "-o", str(out)])
    assert result.exit_code == 1
    assert str(empty) in " ".join(result.output.split())
    assert shard_info(out).rows == 1
    bad_out = runner.invoke(app, ["shard", str(good), "-o", str(tmp_path / "s.json")])
    assert bad_out.exit_code == 2


def test_large_shards_are_written_in_parts_and_keep_their_order(
    direct: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from caseboard.store.shards import ShardWriter

    monkeypatch.setattr(ShardWriter, "PART_ROWS", 2)
    pairs = _pairs(direct)
    shard = tmp_path / "parts.parquet"
    writer = ShardWriter(shard, "m")
    for pair in pairs:  # one pair per batch: parts of 2 rows, the last one of 1
        writer.write([pair])  # type: ignore[list-item]
    assert writer.close().rows == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parts.parquet"]  # no parts left
    assert list(read_shard(shard)) == pairs


def test_shards_are_read_a_page_at_a_time_in_seq_order(
    direct: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page is its own query over a range of ``seq``: a shard written in order, one
    written out of order by another tool, and rows without a ``seq`` all come back whole, in
    ``seq`` order (rows without one last)."""
    from caseboard.store import shards

    monkeypatch.setattr(shards, "_READ_ROWS", 2)  # pages of 2 rows over 7
    pairs = _pairs(direct)
    shard = tmp_path / "in-order.parquet"
    write_shard(shard, pairs, "m")  # type: ignore[arg-type]
    assert list(read_shard(shard)) == pairs

    meta = f"{{format: '{FORMAT}', spacy_model: 'm'}}"
    shuffled = tmp_path / "shuffled.parquet"
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN seq = 6 THEN NULL ELSE seq END AS seq) "
        f"FROM read_parquet('{shard}') ORDER BY seq % 3, seq DESC) TO '{shuffled}' "
        f"(FORMAT parquet, KV_METADATA {meta})"
    )
    con.close()
    assert list(read_shard(shuffled)) == pairs  # the last row, seq NULL, still comes last
