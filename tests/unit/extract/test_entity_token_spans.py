"""The entity stage reads token offsets and entity types from one array of the parse; that
array says what the Token objects say (invented texts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings

from caseboard.extract import entities
from tests.support import mixed_case_text

if TYPE_CHECKING:
    from spacy.language import Language

VOCAB = """Under Tomas Ekberg , the port of Victoria doubled its trade . Mario Kessel said
Nicolás Maduro’s government in Caracas 2019 “ ” ſ"""
TEXT = mixed_case_text(VOCAB, free=60, words=30, newline="\n\n")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT)
def test_token_spans_are_what_the_tokens_say(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert entities._token_spans(doc) == [
        (bool(t.ent_type_), t.idx, t.idx + len(t.text)) for t in doc
    ]
