"""The cycle collector is paused only inside the block and comes back as it was."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from caseboard.analyse import run
from caseboard.link.entities import resolve
from caseboard.model.codec import paused_gc


def test_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_when_the_block_fails() -> None:
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_stays_off_when_it_was_off_and_nests() -> None:
    gc.disable()
    try:
        with paused_gc():
            with paused_gc():
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_analysis_runs_with_it_and_leaves_it_on(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return resolve(*args, **kwargs)

    monkeypatch.setattr("caseboard.analyse.run.resolve", spy)
    run.analyse([], [])
    assert seen == [False]
    assert gc.isenabled()


def test_keep_moves_what_the_block_made_out_of_the_collectors_way() -> None:
    """The workbench's view lives for the whole session: with ``keep`` no later collection walks
    it again (one did, for ~1 s, in the first request at 5,000 documents)."""
    gc.unfreeze()
    try:
        with paused_gc(keep=True):
            made = [[n, str(n)] for n in range(1_000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
        walked = {id(o) for o in gc.get_objects()}  # every generation a collection visits
        assert not any(id(m) in walked for m in made)
    finally:
        gc.unfreeze()


def test_without_keep_nothing_is_frozen() -> None:
    gc.unfreeze()
    with paused_gc():
        made = [[n] for n in range(100)]
    assert gc.get_freeze_count() == 0
    assert id(made[0]) in {id(o) for o in gc.get_objects()}
