"""Folded patterns and required strings (extract.patterns.folding) never change a match.

The time grammar's ``find`` runs an IGNORECASE rule as a case-sensitive pattern on the
lower-cased text and skips a rule when the text holds none of the strings every match contains;
the reference below is the plain loop over ``pattern.finditer`` on the text as written. The
quantity pattern is checked the same way in test_quantities_folding.py. Invented texts only.
"""

from __future__ import annotations

import re
import string
import sys

from hypothesis import given, settings

from caseboard.extract import time_grammar as tg
from caseboard.extract.patterns import folding
from tests.support import mixed_case_text

GRAMMAR = tg.rules()


def reference_find(text: str, grammar: tuple[tg.Rule, ...]) -> list[tg.Match]:
    """``find`` without the shortcuts: every pattern as compiled, on the text as written."""
    cands: list[tuple[int, int, int, tg.Match]] = []
    for rule in grammar:
        for m in rule.pattern.finditer(text):
            start, end = m.span()
            if end <= start or not tg._accept(rule.name, start, end, m.groupdict(), text):
                continue
            while end > start and text[end - 1] in " \t\n,":
                end -= 1
            match = tg.Match(rule.name, start, end, m.groupdict())
            cands.append((-(end - start), -rule.priority, start, match))
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[tg.Match] = []
    for _, _, _, cand in cands:
        if any(cand.start < t.end and t.start < cand.end for t in taken):
            continue
        taken.append(cand)
    taken.sort(key=lambda mt: mt.start)
    return taken


def _same(text: str) -> None:
    got = tg.find(text, GRAMMAR)
    want = reference_find(text, GRAMMAR)
    assert [(m.rule, m.start, m.end, list(m.groups.items())) for m in got] == [
        (m.rule, m.start, m.end, list(m.groups.items())) for m in want
    ]


def test_fold_premises_hold_for_every_code_point() -> None:
    """\\w, \\d, \\s hold of a character iff of its lower case, and an ASCII letter matches a
    character under IGNORECASE iff that character lower-cases to it (but for "İ", "ı", "ſ",
    which ``find`` never folds)."""
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    single = [c for c in chars if len(c.lower()) == 1]
    text, low = "".join(single), "".join(c.lower() for c in single)
    for cls in (r"\w", r"\d", r"\s", r"\b"):
        assert [m.span() for m in re.finditer(cls, text)] == [
            m.span() for m in re.finditer(cls, low)
        ]
    letters = set(string.ascii_lowercase)
    odd = {c for c in chars if re.fullmatch("[a-z]", c, re.IGNORECASE)} - {
        c for c in chars if len(c.lower()) == 1 and c.lower() in letters
    }
    assert odd == {"İ", "ı", "ſ"}
    for c in single:
        if c.lower() in letters:
            assert re.fullmatch(c.lower(), c, re.IGNORECASE)
    # the cased non-ASCII letters a folded pattern may hold: the same, for each of them
    for letter in folding._CHECKED:
        assert letter == letter.lower()
        under_ignorecase = [m.start() for m in re.finditer(letter, text, re.IGNORECASE)]
        assert under_ignorecase == [i for i, c in enumerate(low) if c == letter]


def test_most_rules_are_folded_and_gated() -> None:
    folded = [r.name for r in GRAMMAR if r.folded is not None]
    assert len(folded) >= 25
    assert all(r.pattern.flags & re.IGNORECASE for r in GRAMMAR if r.folded is not None)
    need = folding.required_strings
    assert need(r"(?:the\s+)?third[-\s]+quarter", re.IGNORECASE) == {"quarter"}
    assert need(r"a(?:b|c)?d|e+f", 0) == {"a", "e"}
    assert need(r"x*|y", 0) == frozenset()


def test_folding_refuses_what_it_cannot_prove() -> None:
    for regex in (r"\x41pril", r"(?-i:may)", r"(\w)\1", r"[A-z]", r"\N{DIGIT ONE}", "Ωmega"):
        assert folding.fold(regex, re.IGNORECASE) is None, regex
    assert folding.fold_source(r"(?P<Big>\bApril\s\S)(?(Big)x)") == r"(?P<Big>\bapril\s\S)(?(Big)x)"
    assert folding.fold(r"(?P<x>Bol[ií]var\s\S)", re.IGNORECASE) is not None
    assert folding.fold("april", 0) is None  # not an IGNORECASE pattern


def test_required_strings_are_in_every_match() -> None:
    text = (
        "In the third quarter of 1998, two weeks ago, on Friday Oct. 23 at 10 p.m. EST, "
        "earlier this year, every week, in mid-October, the year-ago period, nineteen ninety."
    )
    for rule in GRAMMAR:
        for m in rule.pattern.finditer(text):
            assert not rule.needs or any(n in m.group().lower() for n in rule.needs)


CASES = [
    "The talks opened on Friday, Oct. 23, 1998, in Geneva, two years ago.",
    "THE TALKS OPENED ON FRIDAY, OCT. 23, 1998 AND LAST WEEK; THE THIRD QUARTER.",
    "In the ſummer of 1998 and laſt week the ımam left (early SPRİNG).",
    "Profit rose in the KELVIN quarter; the \u212aelvin week; Ⅰ Ⓐ ⅰ ⓐ nineteen sixty-two.",
    "On Thanksgiving Day, New Year's Eve, every Monday, at 6 p.m. EST, Dec. 4.",
    "",
]


def test_shortcuts_change_nothing_on_invented_sentences() -> None:
    for text in CASES:
        _same(text)


VOCAB = """on last next this the early late mid- of in ago later earlier days weeks two 2 1/2
Friday Oct. October May 23 23rd 1998 2022-2024 '80s quarter third-quarter summer every daily
now p.m. 10:30 noon night morning the year period corresponding a.m. EST fall spring nineteen
sixty-two thousand Christmas weekend week-of century 1990s decade recently future ſ ı İ K
Σ ß ﬁ , . -"""
TEXT = mixed_case_text(VOCAB, free=120, words=40)


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_shortcuts_change_nothing_on_arbitrary_text(text: str) -> None:
    _same(text)
