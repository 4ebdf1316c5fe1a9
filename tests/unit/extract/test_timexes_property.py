"""Arbitrary text never crashes the temporal tagger, and every span is verbatim."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseboard.extract.base import ParsedDoc
from caseboard.extract.timexes import extract_timexes
from caseboard.model import DateValue, Document
from tests.support import mixed_case_text

if TYPE_CHECKING:
    from spacy.language import Language

# words that steer the text into the grammar, mixed with arbitrary characters
VOCAB = """on last next this the early late mid- of in ago later earlier days weeks two 2 1/2
Friday Oct. October May 23 23rd 1998 2022-2024 '80s quarter third-quarter summer every daily
now p.m. 10:30 noon night morning , . -"""
TEXT = mixed_case_text(VOCAB, free=200, words=40)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT, dated=st.booleans())
def test_never_crashes_and_spans_are_verbatim(nlp: Language, text: str, dated: bool) -> None:
    document = Document(
        id="doc_prop", source="p", title=None, outlet=None,
        published=DateValue("2000-02-29", "day") if dated else None,
        published_origin="manifest", text=text, text_sha256="", raw_sha256="",
    )  # fmt: skip
    parsed = nlp.make_doc(text)
    for timex in extract_timexes(ParsedDoc(document, parsed, ((0, len(text)),))):
        ev = timex.evidence
        assert 0 <= ev.start < ev.end <= len(text)
        assert ev.text == text[ev.start : ev.end] == timex.text
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        assert timex.value
