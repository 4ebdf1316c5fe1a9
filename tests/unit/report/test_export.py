"""The schema export's date mapping."""

from __future__ import annotations

from caseboard.model import DateValue
from caseboard.report.export import date


def test_a_plain_date_is_written_as_is() -> None:
    assert date(DateValue("2019-03", "month", "late", "late March 2019")) == {
        "value": "2019-03",
        "granularity": "month",
        "qualifier": "late",
        "text": "late March 2019",
        "resolved_from": None,
    }


def test_a_period_is_written_as_its_start_with_the_end_beside_it() -> None:
    out = date(DateValue("2018/2023", "year", "period", "from 2018 to 2023"))
    assert out is not None
    assert out["value"] == "2018"
    assert out["qualifier"] == "period"
    assert out["until"] == "2023"


def test_none_stays_none() -> None:
    assert date(None) is None
