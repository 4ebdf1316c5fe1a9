"""How far an incremental analysis (``analyse.increment``) is from the whole-case analysis of
the same documents: for each part of the analysis, what both have, and what only one has."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from caseboard.model import Analysis, Span


@dataclass(frozen=True, slots=True)
class Agreement:
    """What both analyses hold, and what only the incremental one or only the whole-case one."""

    both: int
    only_incremental: int
    only_whole: int

    @property
    def share(self) -> float:
        """The share of everything either holds that both hold (1.0 when both are empty)."""
        total = self.both + self.only_incremental + self.only_whole
        return self.both / total if total else 1.0


def _key(span: Span) -> tuple[str, int, int]:
    return span.doc, span.start, span.end


def _agree(a: Iterable[Hashable], b: Iterable[Hashable]) -> Agreement:
    sa, sb = set(a), set(b)
    return Agreement(len(sa & sb), len(sa - sb), len(sb - sa))


def compare(incremental: Analysis, whole: Analysis) -> dict[str, Agreement]:
    """Per part: entities (as the sets of local entities they join), events (as their evidence
    sentences, those of two or more sources apart), corroboration (item, supporting sentence),
    contradictions (kind and evidence), relations (actors, label, weight), soft spots (actor,
    exposure and evidence count) and hypotheses (statement and inconsistency score)."""

    def parts(a: Analysis) -> dict[str, list[Hashable]]:
        events = [(frozenset(map(_key, e.evidence)), len(e.sources) > 1) for e in a.events]
        return {
            "entities": [frozenset(e.members) for e in a.entities],
            "events": [ev for ev, _ in events],
            "multi-source events": [ev for ev, multi in events if multi],
            "corroboration": [(i, _key(s)) for i, spans in a.corroboration.items() for s in spans],
            "contradictions": [
                (c.kind, frozenset(map(_key, c.evidence))) for c in a.contradictions
            ],
            "relations": [(r.source, r.target, r.label, r.weight) for r in a.relations],
            "soft spots": [(v.id, len(v.evidence)) for v in a.vulnerabilities],
            "hypotheses": [(h.statement, h.inconsistency_score) for h in a.hypotheses],
        }

    pa, pb = parts(incremental), parts(whole)
    return {name: _agree(pa[name], pb[name]) for name in pa}
