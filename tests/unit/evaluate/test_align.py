"""Mapping cleaned-text spans back to raw offsets, on invented text."""

from __future__ import annotations

from caseboard.evaluate.align import Aligner, collapse

RAW = (
    "Harbour strike ends\n\nSign up for our newsletter\n\n"
    "In 2021 the dock   workers\nstruck for ten days.\n\n"
    "Sign up for our newsletter\n\nIn 2021 the union also won a pay rise.\n"
)
CLEANED = (
    "Harbour strike ends\n\nIn 2021 the dock workers struck for ten days.\n\n"
    "In 2021 the union also won a pay rise."
)


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def test_collapse_keeps_original_offsets() -> None:
    c = collapse("a  b\n\nc")
    assert c.text == "a b c"
    assert [c.offsets[i] for i in range(len(c.text))] == [0, 1, 3, 4, 6]


def test_span_across_reflowed_whitespace_maps_to_raw() -> None:
    a = Aligner(RAW, CLEANED)
    (s, e) = _spans(CLEANED, "dock workers struck")[0]
    raw = a.to_raw(s, e)
    assert raw is not None
    assert RAW[raw[0] : raw[1]] == "dock   workers\nstruck"


def test_repeated_short_span_maps_to_its_own_occurrence() -> None:
    a = Aligner(RAW, CLEANED)
    first, second = _spans(CLEANED, "2021")
    raw_hits = _spans(RAW, "2021")
    assert a.to_raw(*first) == raw_hits[0]
    assert a.to_raw(*second) == raw_hits[1]


def test_surrounding_whitespace_is_trimmed_and_unknown_text_is_none() -> None:
    a = Aligner(RAW, "Harbour strike ends\n\nno such words here")
    assert a.to_raw(0, 8) == (0, 7)
    assert a.to_raw(21, 39) is None
