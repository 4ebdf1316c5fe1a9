"""The quantity pattern's folded twin finds exactly what the pattern finds (invented texts).

``quantities._matches`` searches the lower-cased text with a case-sensitive copy of the pattern
that leaves out its case-sensitive parts ("Rs", currency codes), on texts that hold none of them;
every other text is searched with the pattern itself. Spans and every group must be the same.
"""

from __future__ import annotations

from hypothesis import given, settings

from caseboard.extract import quantities as q
from tests.support import mixed_case_text


def _all(text: str) -> None:
    search = q._matches(text)
    names = list(q._QUANTITY.groupindex)
    pos = 0
    while True:
        want = q._QUANTITY.search(text, pos)
        got = search(pos)
        if want is None:
            assert got is None
            return
        assert got is not None
        assert got.span() == want.span()
        assert [got.group(n) for n in names] == [want.group(n) for n in names]
        assert got.group(0) == want.group(0)
        pos = want.end() if want.end() > pos else pos + 1


def test_folded_twin_exists_and_has_the_same_groups() -> None:
    assert q._QUANTITY_FOLDED is not None
    assert list(q._QUANTITY_FOLDED.groupindex) == list(q._QUANTITY.groupindex)


CASES = [
    "Canberra pledged A$50 million, Delhi Rs 500 crore and Bern 40 million Swiss francs.",
    "THE DEAL IS WORTH 5 MILLION USD AND US$3BN; MORE THAN 40 PEOPLE DIED.",
    "At least forty-two Soldiers, Between 100 And 150 Instructors, two-thirds of voters.",
    "The Bolívar fell 12 PERCENT; BOLÍVARS 300; dlrs 35 million (DLRS 940 each).",
    "ſome 300 troops and about 200 İmams left; a Kelvin \u212a 5 tons; Ⅰ 5.",
    "",
]


def test_the_same_matches_on_invented_sentences() -> None:
    for text in CASES:
        _all(text)


VOCAB = """at least about more than nearly between and to or 100 1,500 2.5 forty-two three hundred
a hundred thousand million bn m $ US$ A$ € £ Rs Rs. USD EUR dollars euros bolívar percent % -year
-old -strong or so plus two-thirds one in five dozens of hundreds half a quarter of people troops
ſ ı İ K Σ , . - ( )"""
TEXT = mixed_case_text(VOCAB, free=80, words=30)


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_the_same_matches_on_arbitrary_text(text: str) -> None:
    _all(text)
