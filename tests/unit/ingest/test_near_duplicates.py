"""The near-duplicate test is difflib's three bounds with character counts computed once per key:
it must decide exactly as ``SequenceMatcher`` does."""

from __future__ import annotations

import difflib
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from caseboard.ingest.clean import (
    _NEAR_DUP_MIN,
    _NEAR_DUP_RATIO,
    _drop_duplicates,
    _NearDup,
    clean_text,
)

LEDE = (
    "The Port of Velmora reopened on Tuesday after a nine-day strike, the harbour authority "
    "said, and the first container ships were unloaded before noon."
)


def _difflib(a: str, b: str) -> bool:
    if len(a) < _NEAR_DUP_MIN or len(b) < _NEAR_DUP_MIN:
        return False
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        m.real_quick_ratio() >= _NEAR_DUP_RATIO
        and m.quick_ratio() >= _NEAR_DUP_RATIO
        and m.ratio() >= _NEAR_DUP_RATIO
    )


@st.composite
def _pairs(draw: st.DrawFn) -> tuple[str, str]:
    a = draw(st.text(alphabet="aeinorst ,.-’é", min_size=60, max_size=140))
    edits = draw(st.lists(st.tuples(st.integers(0, 200), st.sampled_from("xyz ,")), max_size=14))
    b = list(a)
    for pos, ch in edits:
        if b and pos % 3 == 0:
            del b[pos % len(b)]
        else:
            b.insert(pos % (len(b) + 1), ch)
    return a, "".join(b)


@settings(max_examples=300, deadline=None)
@given(_pairs())
def test_same_decision_as_sequence_matcher(pair: tuple[str, str]) -> None:
    a, b = pair
    assert _NearDup()(0, a, 1, b) is _difflib(a, b)


def test_lede_repeated_with_small_edits_is_dropped_other_paragraph_kept() -> None:
    edited = LEDE.replace("nine-day", "nine day").replace("before noon", "by noon")
    other = (
        "Union leader Tomas Odegaard said the agreement gave dockers a raise from March, and "
        "that members would vote on it next week."
    )
    cleaned = clean_text(f"{LEDE}\n\n{other}\n\n{edited}")
    assert cleaned.text == f"{LEDE}\n\n{other}"
    assert [r.reason for r in cleaned.removed] == ["duplicate"]
    assert _NearDup()(0, LEDE.casefold(), 1, edited.casefold())
    assert not _NearDup()(0, LEDE.casefold(), 1, other.casefold())


def _naive_drop(paragraphs: list[str]) -> list[str]:
    """Every paragraph against every kept one (what ``_drop_duplicates`` did before it looked
    only among the kept paragraphs of a near length); list items and truncations left out."""
    kept: list[str] = []
    for p in paragraphs:
        key = " ".join(p.split()).casefold()
        if len(key) >= 40 and any(
            k == key or _difflib(" ".join(q.split()).casefold(), key)
            for q in kept
            for k in [" ".join(q.split()).casefold()]
        ):
            continue
        kept.append(p)
    return kept


@settings(max_examples=150, deadline=None)
@given(st.lists(_pairs(), min_size=1, max_size=5), st.randoms(use_true_random=False))
def test_dropping_keeps_the_same_paragraphs_as_comparing_every_pair(
    pairs: list[tuple[str, str]], rnd: random.Random
) -> None:
    # paragraphs of similar and different lengths, near duplicates among them, in any order
    paragraphs = [f"Paragraph {n}: {p} (end)" for n, pair in enumerate(pairs) for p in pair]
    rnd.shuffle(paragraphs)
    assert _drop_duplicates(paragraphs, []) == _naive_drop(paragraphs)
