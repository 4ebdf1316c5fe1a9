"""Helpers shared by tests: the distribution's Chromium, free ports, a process holding a lock,
a benchmark script loaded as a module, the quality gates' floor check, the folding tests'
texts, invented sentence contexts and event mentions."""

from __future__ import annotations

import importlib.util
import re
import socket
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import pytest
    from hypothesis.strategies import SearchStrategy

    from caseboard.link.context import SentenceInfo
    from caseboard.link.events import EventMention

# the granularity of a date value by its length: 2023, 2023-03, 2023-03-01
_GRANULARITY = {4: "year", 7: "month", 10: "day"}

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


BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load_benchmark(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """benchmarks/<name>.py as a module, for the test only: registered under its name (its
    dataclasses look themselves up there) with benchmarks/ on the path (for its siblings)."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    spec.loader.exec_module(module)
    return module


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


def sentence_context(
    text: str,
    dates: Sequence[tuple[str, str] | tuple[str, str | None, str]],
    actors: Sequence[str],
    published: str = "2023-03-01",
) -> list[SentenceInfo]:
    """The sentence contexts of one invented document ``d`` (link/context.build_context):
    sentences split at '. ' and newlines; ``dates``: (expression, value) DATE timexes, or
    (expression, value or None, type), an unresolved DATE being a present reference ("now") and
    an unresolved DURATION an unspecified number of months; ``actors``: names, each its own
    entity, every occurrence a mention."""
    from caseboard.link.context import build_context
    from caseboard.model import (
        DateValue,
        DocExtraction,
        Document,
        LocalEntity,
        Mention,
        Span,
        TimeExpr,
    )

    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^.\n]+\.?", text) if m.group().strip()]
    doc = Document(
        "d", "d.txt", None, "Outlet", DateValue(published, "day"), "manifest", text, "", ""
    )
    timexes = []
    for k, (expr, value, *rest) in enumerate(dates):
        ttype = rest[0] if rest else "DATE"
        start = text.index(expr)
        date = DateValue(value, _GRANULARITY[len(value)]) if value else None  # type: ignore[arg-type]
        norm = value or ("PRESENT_REF" if ttype == "DATE" else "PXM")
        span = Span("d", start, start + len(expr), expr)
        timexes.append(TimeExpr(f"t{k}", "d", expr, ttype, norm, span, date))  # type: ignore[arg-type]
    locals_ = []
    for name in actors:
        spans = [Span("d", m.start(), m.end(), name) for m in re.finditer(re.escape(name), text)]
        mentions = tuple(Mention(name, sp) for sp in spans)
        locals_.append(LocalEntity(f"le_{name}", "d", name, "GPE", (name,), mentions))
    ex = DocExtraction("d", tuple(bounds), tuple(locals_), timexes=tuple(timexes))
    return build_context([doc], [ex], {le.id: f"ent_{le.name}" for le in locals_})["d"]


def event_mention(
    doc: str,
    text: str,
    actors: Sequence[str],
    date: str,
    source: str,
    etype: str | None = None,
    published: str = "2023-03-01",
) -> EventMention:
    """An event mention of one invented sentence as link/events builds it: its type ``etype``
    (default: the main one the sentence reports), dated ``date`` (YYYY, YYYY-MM or YYYY-MM-DD)
    by ``source``, outlet "Outlet <doc>"."""
    from caseboard.link.context import SentenceInfo
    from caseboard.link.events import EventMention, event_types
    from caseboard.link.text import Sentence, content_stems, numbers
    from caseboard.model import DateValue

    info = SentenceInfo(
        sentence=Sentence(doc, 0, 0, len(text), text),
        actors=tuple(actors),
        actor_offsets=tuple(0 for _ in actors),
        date=DateValue(date, _GRANULARITY[len(date)]),  # type: ignore[arg-type]
        date_source=source,
        stems=content_stems(text),
        numbers=numbers(text),
        outlet=f"Outlet {doc}",
        published=DateValue(published, "day"),
    )
    types = event_types(text)
    assert types, text
    chosen = next(t for t in types if etype is None or t[0] == etype)
    return EventMention(info, chosen[0], chosen[1], info.date, shared=len(types) > 1)
