"""The model loader: paragraph boundaries are sentence boundaries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from caseboard.extract.nlp import PARAGRAPHS, add_paragraph_boundaries

if TYPE_CHECKING:
    from spacy.language import Language


def test_a_sentence_never_crosses_a_blank_line(nlp: Language) -> None:
    text = (
        "Harbour talks stall in Velmora\n\n"
        "Officials from Tarsa said on Monday that 40 ships waited. Then they left.\n\n"
        "A heading without a full stop\n\nThe council met again"
    )
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents == [
        "Harbour talks stall in Velmora",
        "Officials from Tarsa said on Monday that 40 ships waited.",
        "Then they left.",
        "A heading without a full stop",
        "The council met again",
    ]


def test_adding_the_component_twice_is_harmless(nlp: Language) -> None:
    add_paragraph_boundaries(nlp)
    assert nlp.pipe_names.count(PARAGRAPHS) == 1
    assert nlp.pipe_names.index(PARAGRAPHS) < nlp.pipe_names.index("parser")
