"""``full_dates`` on the lower-cased text finds the dates the plain search finds (invented)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from caseboard.ingest import dates
from caseboard.model import DateValue


def plain_full_dates(text: str) -> list[DateValue]:
    found: list[tuple[int, DateValue]] = []
    for pattern in dates.FULL_DATE_PATTERNS:
        for match in pattern.finditer(text):
            value = dates._match_full(match)
            if value is not None:
                found.append((match.start(), value))
    return [value for _, value in sorted(found, key=lambda item: item[0])]


VOCAB = """12 3rd 31 2024 1999 March MARCH mar. Sept. sept SEPT 2024-03-12 2019/7/4 of , . ſ ı İ
K Σ"""
WORDS = st.sampled_from([*VOCAB.split(), "\n"])
TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(WORDS, st.text(max_size=2)), max_size=25).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_same_dates_as_the_plain_search(text: str) -> None:
    assert dates.full_dates(text) == plain_full_dates(text)


def test_written_case_is_kept() -> None:
    (found,) = dates.full_dates("Posted MARCH 12, 2024 by the desk")
    assert found == DateValue("2024-03-12", "day", text="MARCH 12, 2024")
