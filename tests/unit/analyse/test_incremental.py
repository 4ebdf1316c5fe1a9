"""The incremental analysis after an add (``analyse.increment``) on the bundled invented case:
what it reads again, what it gives against the whole-case analysis of the same documents, and
when ``add`` falls back to a whole-case analysis."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caseboard import service
from caseboard.analyse import increment
from caseboard.cli.main import app
from caseboard.evaluate.increment import compare
from caseboard.model import Analysis
from caseboard.pipeline.runner import add_sources
from caseboard.settings import Settings
from caseboard.store.db import open_case, open_store

SAMPLE = Path(__file__).resolve().parents[3] / "src" / "caseboard" / "sample" / "serrat"
BASE = ["01_morning_post.txt", "02_meridian_wire.txt", "03_kestrian_observer.html"]
LATER = ["04_energy_monitor.html", "05_lenmark_herald.txt", "06_digests.jsonl"]

# An article of its own (written for this test) sharing no actor, place or subject with the case.
UNRELATED = """\
Harbour choir wins the autumn festival

The Tollbridge Harbour Choir won the autumn singing festival in Emberton on Saturday, beating
eleven other choirs from the coast. The choir's director, Maud Pellerin, said the singers had
rehearsed every evening since August. "We sang for the town and the town sang back," Pellerin
said after the final round. The festival committee will announce next year's venue in spring.
"""


@pytest.fixture
def whole_share() -> Iterator[None]:
    """Any add is small enough to be analysed incrementally (the sample case is small)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(increment, "INCREMENT_SHARE", 1.0)
        yield


def _settings(db: Path) -> Settings:
    return Settings(case="serrat", db=db)


def _files(names: list[str], folder: Path) -> list[str]:
    out = []
    for name in names:
        shutil.copy(SAMPLE / name, folder / name)
        out.append(str(folder / name))
    return out


def _analysis(db: Path) -> Analysis:
    with open_store(db, read_only=True) as store:
        analysis = store.analysis()
    assert analysis is not None
    return analysis


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serrat-base")
    db = folder / "base.caseboard.duckdb"
    service.add(_settings(db), _files(BASE, folder), manifest=SAMPLE / "manifest.csv")
    return db


def _copy(db: Path, tmp_path: Path) -> Path:
    out = tmp_path / "case.caseboard.duckdb"
    shutil.copy(db, out)
    return out


def test_an_add_analysed_incrementally_agrees_with_the_whole_case(
    base_db: Path, tmp_path: Path, whole_share: None
) -> None:
    db = _copy(base_db, tmp_path)
    later = _files(LATER, tmp_path)
    with open_case(_settings(db)) as store:
        before = store.counts()["documents"]
    service.add(_settings(db), later, manifest=SAMPLE / "manifest.csv")
    with open_store(db, read_only=True) as store:
        assert store.get_meta(service.INCREMENTS_KEY) == str(store.counts()["documents"] - before)
        assert store.keys_complete()
    incremental = _analysis(db)
    status = CliRunner().invoke(app, ["status", "--db", str(db)])
    assert status.exit_code == 0, status.output
    assert "analysed incrementally since the last whole-case analysis" in " ".join(
        status.output.split()
    )

    whole = tmp_path / "whole.caseboard.duckdb"
    shutil.copy(db, whole)
    service.analyse_case(_settings(whole))
    agreement = compare(incremental, _analysis(whole))
    # on a case this small no blocking key is too common, so every part is the same
    for part, found in agreement.items():
        assert (found.only_incremental, found.only_whole) == (0, 0), (part, found)
    assert agreement["multi-source events"].both > 0
    assert agreement["contradictions"].both > 0
    assert agreement["relations"].both > 0
    with open_store(whole, read_only=True) as store:
        assert store.get_meta(service.INCREMENTS_KEY) == "0"  # the count starts again


def test_an_unrelated_article_touches_no_stored_document(base_db: Path, tmp_path: Path) -> None:
    db = _copy(base_db, tmp_path)
    article = tmp_path / "choir.txt"
    article.write_text(UNRELATED, encoding="utf-8")
    related = _files(["04_energy_monitor.html"], tmp_path)
    with open_case(_settings(db)) as store:
        previous = store.analysis()
        assert previous is not None
        report = add_sources(store, [str(article)], _settings(db))
        alone = increment.analyse_increment(store, previous, report.fresh)
        assert alone.touched == ()
        report = add_sources(store, related, _settings(db), manifest=SAMPLE / "manifest.csv")
        with_case = increment.analyse_increment(store, previous, report.fresh)
        assert len(with_case.touched) == len(BASE)  # it shares actors and subjects with each


def test_add_falls_back_to_the_whole_case_when_the_increment_cannot_be_trusted(
    base_db: Path, tmp_path: Path, whole_share: None
) -> None:
    db = _copy(base_db, tmp_path)
    later = _files(LATER, tmp_path)
    settings = _settings(db)
    with open_case(settings) as store:
        report = add_sources(store, later[:1], settings, SAMPLE / "manifest.csv")
        assert service.incremental_possible(store, report.fresh)
        assert not service.incremental_possible(store, report.fresh[:0])  # nothing fresh
        store.set_meta(service.STALE_KEY, "1")  # an add --no-analysis came before
        assert not service.incremental_possible(store, report.fresh)
        store.set_meta(service.STALE_KEY, "0")
        more = add_sources(store, later[1:2], settings, SAMPLE / "manifest.csv")
        # a document stored but never analysed (say, the process died before its analysis)
        assert not service.incremental_possible(store, more.fresh)
        assert service.incremental_possible(store, [*report.fresh, *more.fresh])
        service.reanalyse(store, more.fresh, incremental=True)
        assert store.get_meta(service.INCREMENTS_KEY) == "0"  # it was the whole case
        assert store.analysed_count() == store.counts()["documents"]

        analysis = store.analysis()
        assert analysis is not None
        store.put_analysis(analysis)  # an analysis written without its keys
        rest = add_sources(store, later[2:], settings, SAMPLE / "manifest.csv")
        assert not store.keys_complete()
        assert not service.incremental_possible(store, rest.fresh)


def test_the_share_of_the_case_bounds_the_incremental_adds(base_db: Path, tmp_path: Path) -> None:
    db = _copy(base_db, tmp_path)
    later = _files(LATER, tmp_path)
    settings = _settings(db)
    with (
        pytest.MonkeyPatch.context() as mp,
        open_case(settings) as store,
    ):
        mp.setattr(increment, "INCREMENT_SHARE", 0.25)  # one document in four
        first = add_sources(store, later[:1], settings, SAMPLE / "manifest.csv")
        assert service.incremental_possible(store, first.fresh)  # 1 of 4
        service.reanalyse(store, first.fresh, incremental=True)
        assert store.get_meta(service.INCREMENTS_KEY) == "1"
        second = add_sources(store, later[1:2], settings, SAMPLE / "manifest.csv")
        assert not service.incremental_possible(store, second.fresh)  # 2 of 5
        service.reanalyse(store, second.fresh, incremental=True)
        assert store.get_meta(service.INCREMENTS_KEY) == "0"


def test_diff_after_an_incremental_add_lists_the_new_quotes(
    base_db: Path, tmp_path: Path, whole_share: None
) -> None:
    from caseboard.analyse.diff import diff

    db = _copy(base_db, tmp_path)
    service.add(_settings(db), _files(LATER[1:2], tmp_path), manifest=SAMPLE / "manifest.csv")
    with open_store(db, read_only=True) as store:
        older, newer = reversed(store.snapshots(2))
        added = {q.id for q in store.items("quote")} - set(older["quotes"])
    assert added
    assert set(diff(older, newer).new_quotes) == added
