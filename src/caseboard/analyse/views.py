"""Importable operations behind the analysis CLI (filters, hypotheses, assessments, diff)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from caseboard.errors import UsageError
from caseboard.link.text import date_bounds, fold
from caseboard.model import Analysis, DateValue, Event, make_id

if TYPE_CHECKING:
    from caseboard.analyse.diff import Changes
    from caseboard.settings import Settings

ASSESSMENTS = ("consistent", "inconsistent", "neutral")


def hypothesis_id(statement: str) -> str:
    """Content id of a hypothesis (the same statement detected in text gets the same id)."""
    return make_id("hyp", fold(" ".join(statement.split())))


def _bound(value: str, *, last: bool) -> str:
    parts = value.split("-")
    gran = {1: "year", 2: "month"}.get(len(parts), "day")
    b = date_bounds(DateValue(value, gran))  # type: ignore[arg-type]  # one of the three
    if b is None:
        raise UsageError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return b[1] if last else b[0]


def filter_events(
    analysis: Analysis,
    date_from: str | None = None,
    date_to: str | None = None,
    actor: str | None = None,
    background: bool = True,
) -> list[Event]:
    """Events overlapping [from, to], naming ``actor`` (name or alias, diacritics ignored)."""
    lo = _bound(date_from, last=False) if date_from else None
    hi = _bound(date_to, last=True) if date_to else None
    wanted: set[str] | None = None
    if actor:
        key = fold(actor)
        wanted = {
            e.id
            for e in analysis.entities
            if key == fold(e.name) or key in {fold(a) for a in e.aliases} or key in fold(e.name)
        }
        if not wanted:
            raise UsageError(f"no actor named {actor!r} in this case")
    out: list[Event] = []
    for e in analysis.events:
        b = date_bounds(e.date)
        if b is None:
            continue
        if (lo and b[1] < lo) or (hi and b[0] > hi):
            continue
        if wanted is not None and not wanted & set(e.actors):
            continue
        if not background and e.background:
            continue
        out.append(e)
    return out


def add_hypotheses(settings: Settings, statements: Sequence[str]) -> list[str]:
    """Store the analyst's hypotheses and rerun the analysis; return their ids."""
    from caseboard.service import reanalyse  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    ids = [hypothesis_id(s) for s in statements]
    with open_case(settings, create=False) as store:
        for hid, s in zip(ids, statements, strict=True):
            store.add_hypothesis(hid, " ".join(s.split()))
        reanalyse(store)
    return ids


def assess(
    settings: Settings, hyp_id: str, evidence_key: str, assessment: str, note: str | None = None
) -> None:
    """Record the analyst's assessment of one piece of evidence and rerun the analysis."""
    from caseboard.service import reanalyse  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    if assessment not in ASSESSMENTS:
        raise UsageError(f"assessment must be one of {', '.join(ASSESSMENTS)}")
    parts = evidence_key.split(":")
    if len(parts) != 3 or not (parts[1].isdigit() and parts[2].isdigit()):
        raise UsageError("evidence key must be doc:start:end (see `caseboard ach`)")
    with open_case(settings, create=False) as store:
        store.set_assessment(hyp_id, evidence_key, assessment, note)
        reanalyse(store)


def changes(settings: Settings) -> tuple[Changes, Analysis, dict[str, str]] | None:
    """Changes between the last two analysis snapshots (None when there is only one)."""
    from caseboard.analyse.diff import diff  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    with open_case(settings, read_only=True) as store:
        snaps = store.snapshots(last=2)
        if len(snaps) < 2:
            return None
        analysis = store.analysis() or Analysis()
        quotes = {q.id: q.text for q in store.items("quote")}
    return diff(snaps[1], snaps[0]), analysis, quotes
