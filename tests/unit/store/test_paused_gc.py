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
