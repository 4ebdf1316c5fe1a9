"""What changed between two analyses: a snapshot holds ids and corroboration counts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from caseboard.model import Analysis


def snapshot(analysis: Analysis, quote_ids: Iterable[str]) -> dict[str, Any]:
    """The JSON-ready summary ``reanalyse`` stores after each analysis (``quote_ids``: every
    quote of the case)."""
    return {
        "events": {e.id: e.independent_sources for e in analysis.events},
        "quotes": sorted(quote_ids),
        "contradictions": sorted(c.id for c in analysis.contradictions),
        "corroboration": {k: len({s.doc for s in v}) for k, v in analysis.corroboration.items()},
        "hypotheses": {h.id: h.inconsistency_score for h in analysis.hypotheses},
    }


@dataclass(frozen=True, slots=True)
class Changes:
    new_events: tuple[str, ...]
    new_quotes: tuple[str, ...]
    new_contradictions: tuple[str, ...]
    # item id -> (documents supporting it before, now)
    corroboration: tuple[tuple[str, int, int], ...]
    # event id -> (independent sources before, now), for events present in both
    event_sources: tuple[tuple[str, int, int], ...]

    @property
    def empty(self) -> bool:
        return not (
            self.new_events
            or self.new_quotes
            or self.new_contradictions
            or self.corroboration
            or self.event_sources
        )


def diff(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> Changes:
    """Changes from ``before`` (None: nothing analysed yet) to ``after``."""
    old: Mapping[str, Any] = before or {}
    old_events: Mapping[str, int] = old.get("events", {})
    new_events: Mapping[str, int] = after.get("events", {})
    old_corro: Mapping[str, int] = old.get("corroboration", {})
    new_corro: Mapping[str, int] = after.get("corroboration", {})
    return Changes(
        new_events=tuple(sorted(set(new_events) - set(old_events))),
        new_quotes=tuple(sorted(set(after.get("quotes", ())) - set(old.get("quotes", ())))),
        new_contradictions=tuple(
            sorted(set(after.get("contradictions", ())) - set(old.get("contradictions", ())))
        ),
        corroboration=tuple(
            (k, int(old_corro.get(k, 0)), int(new_corro.get(k, 0)))
            for k in sorted(set(old_corro) | set(new_corro))
            if old_corro.get(k, 0) != new_corro.get(k, 0)
        ),
        event_sources=tuple(
            (k, int(old_events[k]), int(new_events[k]))
            for k in sorted(set(old_events) & set(new_events))
            if old_events[k] != new_events[k]
        ),
    )
