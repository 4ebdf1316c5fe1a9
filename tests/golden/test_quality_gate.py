"""Quality gate: the pipeline on the reference corpus must not fall below pinned floors.

Floors are the figures measured when they were pinned, rounded down a little. They are only
lowered by an explicit, reviewed change to this dict (never to make a failing run pass);
raise them when an extractor improves. Figures: docs/quality_reference.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from caseboard.evaluate.reference import DEFAULT_GOLD, Report, evaluate_reference
from tests.support import assert_at_or_above

# metric -> (precision floor, recall floor), measured 2026-11-23 on ../shared/corpus/venezuela
FLOORS: dict[str, tuple[float, float]] = {
    "quotes found": (0.89, 0.96),  # 91.3 / 98.7 on 2026-12-01 (74 of 75)
    "quotes attributed": (0.87, 0.96),  # 89.9 / 98.7 on 2026-12-01 (74 of 75)
    "people found": (0.91, 0.93),
    "roles found": (0.89, 0.90),
    "dates found": (0.85, 0.95),  # 86.6 / 95.9 on 2026-12-01 (71 of 74)
    "dates normalised": (0.85, 0.95),  # 86.6 / 95.9 on 2026-12-01 (71 of 74)
    "quantities found": (0.97, 0.97),  # 100.0 / 100.0 on 2026-12-01 (21 of 21)
    "quantity spans": (0.97, 0.97),
}

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def report(venezuela_dir: Path) -> Report:
    return evaluate_reference(venezuela_dir, DEFAULT_GOLD, baselines=False)


def test_every_evidence_span_is_verbatim(report: Report) -> None:
    assert report.evidence_total > 0
    assert report.evidence_not_verbatim == 0


def test_every_document_is_ingested_and_mappable(report: Report) -> None:
    assert report.notes == ()
    assert report.unmapped_spans == 0


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_figure_is_at_or_above_floor(report: Report, metric: str) -> None:
    assert_at_or_above(metric, report.figure(metric), FLOORS[metric])
