"""Quantities on invented hard cases, plus a property test: never crashes, evidence verbatim."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseboard.extract import quantities
from caseboard.extract.base import ParsedDoc
from caseboard.extract.pipeline import sentence_offsets
from caseboard.model import Document, Quantity, make_id

if TYPE_CHECKING:
    from spacy.language import Language


def run(nlp: Language, text: str) -> list[Quantity]:
    document = Document(
        id=make_id("doc", text), source="t.txt", title=None, outlet=None, published=None,
        published_origin="unknown", text=text, text_sha256="", raw_sha256="",
    )  # fmt: skip
    doc = nlp(text)
    found = quantities.STAGE.run(ParsedDoc(document, doc, sentence_offsets(doc)))["quantities"]
    for q in found:
        assert q.evidence.text == text[q.evidence.start : q.evidence.end] == q.text
    return list(found)


# each case -- sentence, then a list of value, unit, modifier, text, about
CASES: list[tuple[str, list[tuple[float, str | None, str | None, str, str | None]]]] = [
    ("The fund paid $50 million to the contractor.", [(5e7, "USD", None, "$50 million", None)]),
    ("Brussels pledged €2bn for reconstruction.", [(2e9, "EUR", None, "€2bn", "reconstruction")]),
    (
        "Moscow lent 10 billion rubles to the refinery.",
        [(1e10, "RUB", None, "10 billion rubles", None)],
    ),
    (
        "The army holds 5,000 Russian-made Igla-S missiles.",
        [(5000, "missiles", None, "5,000", "Russian-made Igla-S missiles")],
    ),
    (
        "Photos showed nearly 100 Russian servicemen at the airport.",
        [(100, "servicemen", "nearly", "nearly 100", "Russian servicemen")],
    ),
    ("The contract covers 14 missile systems.", [(14, "systems", None, "14", "missile systems")]),
    ("Turnout reached 33.4% in the capital.", [(33.4, "percent", None, "33.4%", None)]),
    ("Exports fell 12 percent last year.", [(12, "percent", None, "12 percent", None)]),
    (
        "Two nuclear-capable bombers landed at dawn.",
        [(2, "bombers", None, "Two", "nuclear-capable bombers")],
    ),
    ("A dozen tankers waited offshore.", [(12, "tankers", None, "A dozen", "tankers")]),
    (
        "Hundreds of protesters gathered outside the ministry.",
        [(200, "protesters", "at_least", "Hundreds", "protesters")],
    ),
    (
        "The regime spent at least $12 billion on arms.",
        [(1.2e10, "USD", "at_least", "at least $12 billion", "arms")],
    ),
    (
        "The force numbers a little over 120,000 personnel.",
        [(120000, "personnel", "more_than", "a little over 120,000", "personnel")],
    ),
    (
        "Between 100 and 150 instructors arrived.",
        [
            (100, "instructors", "at_least", "Between 100 and 150", "instructors"),
            (150, "instructors", "at_most", "Between 100 and 150", "instructors"),
        ],
    ),
    (
        "The yard delivered 20-30 patrol boats to the navy.",
        [
            (20, "boats", "at_least", "20-30", "patrol boats"),
            (30, "boats", "at_most", "20-30", "patrol boats"),
        ],
    ),
    (
        "Fewer than 20 aircraft remain airworthy.",
        [(20, "aircraft", "less_than", "Fewer than 20", "aircraft")],
    ),
    (
        "Some 3,000 contractors work in the oil fields.",
        [(3000, "contractors", "about", "Some 3,000", "contractors")],
    ),
    (
        "Up to 400 marines could deploy within weeks.",
        [(400, "marines", "at_most", "Up to 400", "marines")],
    ),
    ("The loan of $1.5bn was repaid in 2021.", [(1.5e9, "USD", None, "$1.5bn", None)]),
    # never quantities: designators, years, dates, ordinals, times, phone numbers, durations
    ("The S-300 battery was moved in 2019.", []),
    ("On March 3, 2019, the third convoy arrived.", []),
    ("The 2nd battalion and the 101st division stayed home.", []),
    ("The meeting began at 10:30 and ended at noon.", []),
    ("Call the embassy at +58 212 555 0199 for details.", []),
    ("The embargo has lasted ten years.", []),
    ("The ambassador served from 2018 to 2023.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quantities(
    nlp: Language,
    text: str,
    expected: list[tuple[float, str | None, str | None, str, str | None]],
) -> None:
    got = [(q.value, q.unit, q.modifier, q.text, q.about) for q in run(nlp, text)]
    assert got == [(float(v), u, m, t, a) for v, u, m, t, a in expected]


def test_offsets_are_exact(nlp: Language) -> None:
    text = "Officials said nearly 100 Russian servicemen landed."
    (q,) = run(nlp, text)
    assert (q.evidence.start, q.evidence.end) == (15, 25)


_PIECES = (
    "the troops $5m €2bn 1,200 nearly at least two dozen hundreds of S-300 2019 12% "
    "March 3 10:30 - to and between +58 212 555 0199 rubles billion 3.5 million , . \n"
)
_WORDS = st.sampled_from(_PIECES.split(" "))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(_WORDS, st.text(max_size=8)), max_size=25))
def test_never_crashes_and_evidence_is_verbatim(nlp: Language, words: list[str]) -> None:
    text = " ".join(words)
    for q in run(nlp, text):
        assert q.value >= 0
        assert q.doc == make_id("doc", text)
