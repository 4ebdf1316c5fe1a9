"""Publication-date normalisation and inference."""

from __future__ import annotations

import pytest

from caseboard.ingest.dates import infer_published, parse_date


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("2024-03-12", "2024-03-12", "day"),
        ("2024-03-12T08:30:00+00:00", "2024-03-12", "day"),
        ("12 March 2024", "2024-03-12", "day"),
        ("Sept. 3, 2019", "2019-09-03", "day"),
        ("2024-03", "2024-03", "month"),
        ("March 2024", "2024-03", "month"),
        ("2024", "2024", "year"),
    ],
)
def test_parse_date(text: str, value: str, granularity: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert (parsed.value, parsed.granularity) == (value, granularity)


@pytest.mark.parametrize("text", ["31 February 2024", "2024-13-01", "2023-02-29", "soon", ""])
def test_impossible_or_unreadable_dates_are_unknown(text: str) -> None:
    assert parse_date(text) is None


def test_infer_from_publication_line_before_other_dates() -> None:
    text = "Harbour report\nUpdated: March 12, 2024 at 9:14 am\n\nTalks began on 2 April 2024."
    inferred = infer_published(text)
    assert inferred is not None
    assert inferred.value == "2024-03-12"


def test_infer_from_dateline() -> None:
    text = "Intro line.\n\nOSLO, 4 June 2023 (Nordic Wire) - The fjord ferry resumed service."
    inferred = infer_published(text)
    assert inferred is not None
    assert inferred.value == "2023-06-04"


def test_infer_latest_full_date_and_ignore_impossible() -> None:
    text = "Talks began on 2 May 2024, paused on 31 February 2024 and ended on May 9, 2024."
    inferred = infer_published(text)
    assert inferred is not None
    assert inferred.value == "2024-05-09"


def test_unknown_when_only_vague_dates() -> None:
    assert infer_published("Prices rose in March 2024 and again last year.") is None
