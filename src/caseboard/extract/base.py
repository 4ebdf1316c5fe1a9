"""The extractor protocol: each stage declares what it requires and what it assigns.

A stage is a pure function of a :class:`ParsedDoc` (the cleaned document, its spaCy parse and
what earlier stages assigned). The runner orders stages and checks that every requirement is
assigned by an earlier stage before anything runs (spaCy's ``requires``/``assigns``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from caseboard.model import Document, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(slots=True)
class ParsedDoc:
    """A document under extraction. ``results`` maps an assigned name to a stage's output."""

    document: Document
    doc: Doc
    sentences: tuple[tuple[int, int], ...]
    results: dict[str, Any] = field(default_factory=dict)

    def span(self, start: int, end: int) -> Span:
        """Evidence for ``text[start:end]`` with its sentence index."""
        return Span(
            doc=self.document.id,
            start=start,
            end=end,
            text=self.document.text[start:end],
            sentence=self.sentence_index(start),
        )

    def sentence_index(self, offset: int) -> int | None:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s, e = self.sentences[mid]
            if offset < s:
                hi = mid - 1
            elif offset >= e:
                lo = mid + 1
            else:
                return mid
        return None


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[ParsedDoc], dict[str, Any]]

    @property
    def producer(self) -> str:
        return f"{self.name}/{self.version}"


class StageOrderError(ValueError):
    pass


def check_order(stages: Sequence[Stage]) -> None:
    """Raise if a stage requires something no earlier stage assigns."""
    available = {"doc", "sentences"}
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise StageOrderError(
                f"stage {stage.name!r} requires {missing} but no earlier stage assigns them"
            )
        available.update(stage.assigns)
