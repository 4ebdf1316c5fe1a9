"""``caseboard add`` hands the documents it just stored to the analysis as they are: the result
must be what a full read-back analysis gives, over one add and over incremental adds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caseboard import service
from caseboard.model.codec import to_dict
from caseboard.pipeline.executors import LOCAL_CHUNK, make_executor
from caseboard.settings import Settings
from caseboard.store.db import open_store

DATA = Path(__file__).resolve().parents[2] / "data" / "store"


def _analysis_json(db: Path) -> object:
    with open_store(db, read_only=True) as store:
        analysis = store.analysis()
    assert analysis is not None
    return to_dict(analysis)


def test_fresh_documents_give_the_read_back_analysis(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    names = sorted(p.name for p in DATA.glob("*.txt"))
    for name in names[:2]:
        shutil.copy(DATA / name, first / name)
    shutil.copy(DATA / names[2], second / names[2])

    db = tmp_path / "inc.duckdb"
    settings = Settings(case="inc", db=db)
    report = service.add(settings, [str(first)])
    assert len(report.added) == 2
    assert [doc.id for doc, _ in report.fresh] == report.added
    report = service.add(settings, [str(second)])
    assert len(report.added) == 1
    incremental = _analysis_json(db)
    assert incremental["entities"]  # type: ignore[index]

    with open_store(db) as store:
        service.reanalyse(store)  # everything read back from the store
    assert _analysis_json(db) == incremental


def test_local_workers_get_small_tasks() -> None:
    one = make_executor(Settings(workers=1))
    assert one.chunk_size == Settings().nlp_batch_size
    many = make_executor(Settings(workers=2))
    try:
        assert many.chunk_size == LOCAL_CHUNK < Settings().nlp_batch_size
    finally:
        many.close()


def test_a_large_add_drops_its_fresh_documents_and_reads_them_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past FRESH_LIMIT documents an add keeps none of them in memory for the analysis; the
    analysis, read from the store a page at a time, is the same."""
    from caseboard.pipeline import runner

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted(DATA.glob("*.txt")):
        shutil.copy(p, corpus / p.name)
    kept = service.add(Settings(case="kept", db=tmp_path / "kept.duckdb"), [str(corpus)])
    assert len(kept.fresh) == len(kept.added)
    assert not kept.fresh_dropped

    monkeypatch.setattr(runner, "FRESH_LIMIT", 1)
    dropped = service.add(Settings(case="dropped", db=tmp_path / "dropped.duckdb"), [str(corpus)])
    assert dropped.fresh == []
    assert dropped.fresh_dropped
    assert dropped.added == kept.added
    assert _analysis_json(tmp_path / "dropped.duckdb") == _analysis_json(tmp_path / "kept.duckdb")


def test_an_add_without_analysis_keeps_no_documents_in_memory(tmp_path: Path) -> None:
    """`add --no-analysis` has no analysis to hand documents to: it keeps none of them."""
    report = service.add(Settings(case="n", db=tmp_path / "n.duckdb"), [str(DATA)], analyse=False)
    assert report.added
    assert report.fresh == []
    assert report.fresh_dropped


def test_the_streamed_analysis_is_the_analysis_of_the_lists(tmp_path: Path) -> None:
    from caseboard.analyse.run import analyse

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted(DATA.glob("*.txt")):
        shutil.copy(p, corpus / p.name)
    db = tmp_path / "s.duckdb"
    service.add(Settings(case="s", db=db), [str(corpus)])
    with open_store(db, read_only=True) as store:
        lists = analyse(store.documents(), list(store.extractions()))
        local = [e for ex in store.extractions() for e in ex.entities]
        assert list(store.iter_local_entities()) == local
        assert list(store.iter_extractions()) == list(store.extractions())
    assert to_dict(lists) == _analysis_json(db)
