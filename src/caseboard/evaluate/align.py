"""Map evidence offsets in a document's cleaned text back to offsets in the raw file.

Cleaning only changes whitespace and drops passages, so a span is located by its text with
whitespace runs collapsed. Some context from the cleaned text around the span is searched
first (it makes short spans such as '2019' unambiguous); the context shrinks until the text
is found, and among several hits the one nearest the expected position wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXTS = (48, 24, 12, 0)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Collapsed:
    """Text with whitespace runs collapsed to one space, and each char's original offset."""

    text: str
    offsets: tuple[int, ...]  # offsets[i] = index in the original of text[i]; one extra at end


def collapse(text: str) -> Collapsed:
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if in_space:
                continue
            in_space = True
            out.append(" ")
        else:
            in_space = False
            out.append(ch)
        offsets.append(i)
    offsets.append(len(text))
    return Collapsed("".join(out), tuple(offsets))


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text)


def _find_all(haystack: str, needle: str) -> list[int]:
    hits: list[int] = []
    i = haystack.find(needle)
    while i >= 0:
        hits.append(i)
        i = haystack.find(needle, i + 1)
    return hits


class Aligner:
    """Maps spans of one document's cleaned text to spans of its raw text."""

    def __init__(self, raw: str, cleaned: str) -> None:
        self.raw = raw
        self.cleaned = cleaned
        self._raw = collapse(raw)
        self._scale = len(raw) / max(1, len(cleaned))

    def to_raw(self, start: int, end: int) -> tuple[int, int] | None:
        """Raw offsets of ``cleaned[start:end]`` (whitespace-trimmed), or None if not found."""
        span = self.cleaned[start:end]
        lead = len(span) - len(span.lstrip())
        trail = len(span) - len(span.rstrip())
        start, end = start + lead, end - trail
        if start >= end:
            return None
        core = _squash(self.cleaned[start:end])
        expected = start * self._scale
        for k in CONTEXTS:
            left_c = _squash(self.cleaned[max(0, start - k) : start]) if k else ""
            right_c = _squash(self.cleaned[end : end + k]) if k else ""
            needle = left_c + core + right_c
            hits = _find_all(self._raw.text, needle)
            if not hits:
                continue
            if len(hits) > 1 and k:
                continue
            best = min(hits, key=lambda h: abs(self._raw.offsets[h] - expected))
            s = best + len(left_c)
            e = s + len(core)
            return self._raw.offsets[s], self._raw.offsets[e - 1] + 1
        return None
