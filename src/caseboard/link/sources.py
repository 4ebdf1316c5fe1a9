"""Independent sources: documents from the same outlet, or reprints of the same copy, count once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from caseboard.link.context import SentenceInfo
from caseboard.link.text import UnionFind, fold, pairs_at_least
from caseboard.model import Document, sha256_text

# Two documents sharing at least this share of their (long) sentences are the same copy.
REPRINT_SHARE = 0.5


def source_groups(
    documents: Sequence[Document], context: Mapping[str, Sequence[SentenceInfo]]
) -> dict[str, str]:
    """doc id -> id of its independent-source group (outlet, or shared wire copy)."""
    ids = [d.id for d in documents]
    uf = UnionFind(len(ids))
    by_outlet: dict[str, int] = {}
    by_text: dict[str, int] = {}
    for i, d in enumerate(documents):
        if d.outlet and d.outlet.strip():
            j = by_outlet.setdefault(fold(d.outlet), i)
            uf.union(i, j)
        j = by_text.setdefault(d.text_sha256 or sha256_text(d.text), i)
        uf.union(i, j)
    fingerprints: list[set[str]] = []
    for d in documents:
        fps = {
            sha256_text(" ".join(fold(s.sentence.text).split()))[:16]
            for s in context.get(d.id, ())
            if len(s.sentence.text) >= 60
        }
        fingerprints.append(fps)
    for a, b, shared in pairs_at_least(fingerprints, min_shared=2, cap=50):
        smaller = min(len(fingerprints[a]), len(fingerprints[b])) or 1
        if shared / smaller >= REPRINT_SHARE:
            uf.union(a, b)
    return {ids[i]: ids[uf.find(i)] for i in range(len(ids))}


def independent(docs: Iterable[str], groups: Mapping[str, str]) -> int:
    return len({groups.get(d, d) for d in docs})
