"""Faster ways to run a grammar's regular expressions that find exactly the same matches.

Case folding: ``re`` runs an IGNORECASE pattern several times slower than a case-sensitive one.
The same pattern with every letter in lower case, compiled without IGNORECASE, matches the same
spans with the same groups in the lower-cased text, provided that

1. the pattern's letters are all lower case after :func:`fold_source` (a literal letter matches
   the same characters under IGNORECASE whatever its case), it has no case-sensitive part
   ("(?-i:"), no escape naming a character by number (it could be an upper-case letter), no
   back-reference, and no cased non-ASCII letter but the checked ones (``_CHECKED``);
2. the text is :func:`foldable`: lower-casing keeps every character one character, and the text
   has none of "İ", "ı", "ſ" (``re`` also matches "i", "i" and "s" to them under IGNORECASE,
   although they do not lower-case to those letters).

Then every step of the match sees the same thing: a letter matches under IGNORECASE exactly the
characters that lower-case to it, and \\w, \\d, \\s and \\b hold of a character exactly when they
hold of its lower case (every code point is checked in tests/unit/extract/test_folding.py).
Groups must be read from the text as written (:class:`Hit`), not from the lower-cased copy.

Required strings: :func:`required_strings` names lower-case strings of which every match
contains one, so a text holding none of them need not be scanned.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_UNFOLDABLE = re.compile("[İıſ]")
# cased non-ASCII letters checked to match under IGNORECASE exactly what lower-cases to them
_CHECKED = frozenset("áéíóúñ")
# escapes that mean the same in the lower-cased text: classes, anchors, control characters,
# escaped punctuation; named groups and conditionals (names are kept as written)
_KEPT = re.compile(r"\\[sSwWdDbBAZntrfv]|\\[^0-9A-Za-z]|\(\?P<\w+>|\(\?P=\w+\)|\(\?\(\w+\)")
_RANGE_CASE = re.compile(r"[A-Z]-[^A-Z\]]|[^A-Z\\]-[A-Z]")


def foldable(text: str, low: str) -> bool:
    """May folded patterns run on ``low`` (= ``text.lower()``) in place of ``text``?"""
    return len(low) == len(text) and _UNFOLDABLE.search(text) is None


def fold_source(regex: str) -> str | None:
    """``regex`` with its letters in lower case (names, escapes kept); None when the result
    might not match the same under IGNORECASE (condition 1 of the module docstring)."""
    if "(?-" in regex or _RANGE_CASE.search(regex) or "\\" in _KEPT.sub("", regex):
        return None
    out: list[str] = []
    pos = 0
    for m in _KEPT.finditer(regex):
        out.append(regex[pos : m.start()].lower())
        out.append(m.group())
        pos = m.end()
    out.append(regex[pos:].lower())
    folded = "".join(out)
    rest = _KEPT.sub("", folded)
    if any(not c.isascii() and c.lower() != c.upper() and c not in _CHECKED for c in rest):
        return None
    return folded


def fold(regex: str, flags: int) -> re.Pattern[str] | None:
    """The case-sensitive twin of ``re.compile(regex, flags)`` (an IGNORECASE pattern) for the
    lower-cased text, or None when there is none (see :func:`fold_source`)."""
    if not flags & re.IGNORECASE:
        return None
    source = fold_source(regex)
    if source is None:
        return None
    folded = re.compile(source, flags & ~re.IGNORECASE)
    if list(folded.groupindex.items()) != list(re.compile(regex, flags).groupindex.items()):
        return None
    return folded


class Hit:
    """A match made in the lower-cased text, read as if made in the text as written."""

    __slots__ = ("_m", "_text")

    def __init__(self, m: re.Match[str], text: str) -> None:
        self._m = m
        self._text = text

    def group(self, name: str | int = 0) -> Any:  # str | None, as re.Match.group
        a, b = self._m.span(name)
        return None if a < 0 else self._text[a:b]

    def __getitem__(self, name: str | int) -> Any:
        return self.group(name)

    def start(self, name: str | int = 0) -> int:
        return self._m.start(name)

    def end(self, name: str | int = 0) -> int:
        return self._m.end(name)

    def span(self, name: str | int = 0) -> tuple[int, int]:
        return self._m.span(name)

    def groupdict(self) -> dict[str, str | None]:
        return {n: self.group(n) for n in self._m.re.groupindex}


def required_strings(regex: str, flags: int = 0) -> frozenset[str]:
    """Lower-case strings of which every match of ``regex`` contains at least one, in the
    lower-cased text of a :func:`foldable` text; empty when none can be named.

    Read off ``re``'s own parse of the pattern: a run of literal characters must appear as it
    is; a group, or a repeat taken at least once, needs what its body needs; an alternation
    needs one of what each branch needs; anything else (a class, an assertion) needs nothing.
    Of the candidates in a sequence, the set whose shortest string is longest.
    """
    try:
        parser: Any = importlib.import_module("re._parser")  # re's own parser (no type hints)
        found = _required(list(parser.parse(regex, flags)))
    except Exception:  # an unknown parse tree only means no shortcut
        return frozenset()
    return frozenset(found or ())


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    if not b:
        return a
    if not a:
        return b
    return b if (min(map(len, b)), -len(b)) > (min(map(len, a)), -len(a)) else a


def _required(seq: list[tuple[object, Any]]) -> set[str] | None:
    best: set[str] | None = None
    run = ""
    for op, av in seq:
        kind = str(op)
        if kind == "LITERAL":
            ch = chr(av)
            if ch.isascii() or ch.lower() == ch.upper():
                run += ch.lower()
                continue
        best = _better(best, {run} if run else None)
        run = ""
        if kind == "SUBPATTERN":
            best = _better(best, _required(list(av[-1])))
        elif kind == "ATOMIC_GROUP":
            best = _better(best, _required(list(av)))
        elif kind in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            best = _better(best, _required(list(av[2])))
        elif kind == "BRANCH":
            alts = [_required(list(alt)) for alt in av[1]]
            if all(alts):
                best = _better(best, set().union(*(a for a in alts if a)))
    return _better(best, {run} if run else None)
