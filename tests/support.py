"""Helpers shared by tests: the distribution's Chromium, free ports, a process holding a lock,
the quality gates' floor check, the folding tests' texts."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

CHROMIUM = Path("/usr/bin/chromium")
# headless, and no background connections: this machine's network is closed
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def write_lock_held(db: Path) -> Iterator[None]:
    """Another process holds DuckDB's write lock on ``db`` while the block runs."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); "
                "print('ready', flush=True); time.sleep(30)"
            ),
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


class _Score(Protocol):
    @property
    def precision(self) -> float: ...
    @property
    def recall(self) -> float: ...


def assert_at_or_above(name: str, score: _Score | None, floors: tuple[float, float]) -> None:
    """A quality gate: ``score`` exists and its precision and recall are at least ``floors``."""
    assert score is not None, f"{name}: not measured"
    p_floor, r_floor = floors
    assert score.precision >= p_floor, f"{name} precision {score.precision:.3f} < {p_floor}"
    assert score.recall >= r_floor, f"{name} recall {score.recall:.3f} < {r_floor}"


def mixed_case_text(
    vocab: str, *, free: int, words: int, newline: str = "\n"
) -> SearchStrategy[str]:
    """Texts for the property tests: either arbitrary text (up to ``free`` characters), or up to
    ``words`` words of ``vocab`` (and ``newline``), each in lower, upper, title or its own case,
    mixed with short arbitrary strings: words that steer a text into the rules under test."""
    from hypothesis import strategies as st  # here: only the property tests need it

    vocabulary = st.sampled_from([*vocab.split(), newline])
    cased = st.tuples(vocabulary, st.sampled_from(["lower", "upper", "title", "same"])).map(
        lambda wc: wc[0] if wc[1] == "same" else getattr(wc[0], wc[1])()
    )
    return st.one_of(
        st.text(max_size=free),
        st.lists(st.one_of(cased, st.text(max_size=3)), max_size=words).map(" ".join),
    )
