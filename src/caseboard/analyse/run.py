"""Build the case Analysis from every stored extraction (pure over the records)."""

from __future__ import annotations

from collections.abc import Sequence

from caseboard.link.entities import resolve
from caseboard.model import Analysis, DocExtraction, Document


def analyse(documents: Sequence[Document], extractions: Sequence[DocExtraction]) -> Analysis:
    entities, entity_of = resolve(e for ex in extractions for e in ex.entities)
    return Analysis(entities=tuple(entities), entity_of=entity_of)
