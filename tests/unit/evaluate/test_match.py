"""Scoring primitives on invented text."""

from __future__ import annotations

import pytest

from caseboard.evaluate.match import (
    Score,
    covers,
    date_matches,
    fold,
    head_word,
    name_key,
    overlap,
    same_unit,
    token_overlap,
    unit_key,
)


def test_overlap_and_half_cover() -> None:
    assert overlap(0, 10, 5, 20) == 5
    assert overlap(0, 5, 5, 9) == 0
    # a prediction covering half of the gold span counts, less than half does not
    assert covers((10, 15), (10, 20))
    assert not covers((10, 14), (10, 20))
    assert covers((0, 100), (40, 50))
    assert not covers((0, 40), (40, 50))


def test_names_fold_diacritics_and_possessives() -> None:
    assert fold("Nicolás  Guaidó") == "nicolas guaido"
    assert name_key("The Daily Courier") == "daily courier"
    assert name_key("Ramírez’s") == "ramirez"
    assert head_word("Elena Ramírez") == "ramirez"
    assert head_word("a former U.N. official") == "official"
    assert head_word("Ana Lucía Ferreira-Gómez") == "gomez"


def test_role_token_overlap() -> None:
    assert token_overlap("U.S. ambassador to Chile", "the US ambassador to Chile") == 1.0
    assert token_overlap(
        "senior analyst at the Pacific Institute", "senior analyst"
    ) == pytest.approx(2 / 6)
    assert token_overlap("", "anything") == 0.0


def test_units_compare_by_money_percent_or_singular_head() -> None:
    assert unit_key("$") == unit_key("dollars") == "usd"
    assert unit_key("%") == "percent"
    assert unit_key("missile systems") == unit_key("systems") == "system"
    assert unit_key("batteries") == "battery"
    assert unit_key("year-old") == "year"
    assert same_unit(None, "anything")
    assert not same_unit("ships", "tankers")


def test_dates_compare_at_gold_granularity() -> None:
    assert date_matches("2024-03", "month", "2024-03-18")
    assert not date_matches("2024-03", "month", "2024")
    assert date_matches("2024", "year", "2024-W11")
    assert not date_matches("2024-03-18", "day", "2024-03-19")
    assert date_matches("198", "decade", "1980")
    # 2024-03-14 is a Thursday in ISO week 11
    assert date_matches("2024-W11", "week", "2024-03-14")
    assert not date_matches("2024-W11", "week", "2024-03-18")
    assert date_matches("2016/2018", "year", "2016")
    assert not date_matches("2016", "year", "")


def test_score_rates() -> None:
    s = Score(gold=10, pred=8, tp_gold=6, tp_pred=4)
    assert s.recall == 0.6
    assert s.precision == 0.5
    assert Score(0, 0, 0, 0).f1 == 0.0
