"""The blocking pair generators agree with a brute-force count over every pair."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from caseboard.link.text import pairs_at_least, pairs_in_order, pairs_sharing

FEATURES = st.lists(st.lists(st.sampled_from("abcdefghij"), max_size=6), max_size=14)


def _brute(features: list[list[str]], min_shared: int, cap: int) -> list[tuple[int, int, int, int]]:
    """(i, j, shared, first) for every pair, by definition: features held by 2..cap items, in
    the order of their first appearance (an item's own in sorted order, never in the order of
    a set, which changes with the hash seed); ``first`` is the earliest the pair shares."""
    order: list[str] = []
    holders: dict[str, set[int]] = {}
    for i, fs in enumerate(features):
        for f in sorted(set(fs)):
            if f not in holders:
                order.append(f)
            holders.setdefault(f, set()).add(i)
    usable = [f for f in order if 2 <= len(holders[f]) <= cap]
    out = []
    for i in range(len(features)):
        for j in range(i + 1, len(features)):
            shared = [r for r, f in enumerate(usable) if {i, j} <= holders[f]]
            if len(shared) >= max(min_shared, 1):
                out.append((i, j, len(shared), shared[0]))
    return out


@settings(max_examples=300, deadline=None)
@given(FEATURES, st.integers(1, 3), st.integers(2, 6))
def test_pair_generators_match_brute_force(
    features: list[list[str]], min_shared: int, cap: int
) -> None:
    want = _brute(features, min_shared, cap)
    assert list(pairs_in_order(features, min_shared, cap)) == want
    assert list(pairs_at_least(features, min_shared, cap)) == [(i, j, n) for i, j, n, _ in want]
    by_first = sorted(want, key=lambda p: (p[3], p[0], p[1]))
    assert list(pairs_sharing(features, min_shared, cap).items()) == [
        ((i, j), n) for i, j, n, _ in by_first
    ]
