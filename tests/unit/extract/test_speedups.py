"""The stand-ins for the model's attribute ruler and lemmatizer give the stock pipeline's output.

Sentences written for this test: contractions and dialect forms the stock rules single out
("ain't", "gonna", "y'all", "'em"), pronouns whose case depends on the parse ("I", "you", "it"
as subject and object), "do"/"have" as main verbs and auxiliaries, expletive "there",
determiners standing alone, subordinators, negation, and paragraphs split by blank lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from caseboard.extract import speedups
from caseboard.extract.nlp import PARAGRAPHS, add_entity_ruler, load_nlp
from caseboard.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

TEXTS = [
    (
        "Ain't nobody gonna stop us, y'all, said the harbour pilot, and we'll tell 'em so.\n\n"
        "I gave it to you. You gave it to me. It was hers, and that is that."
    ),
    (
        "There is a ferry at noon and there were two yesterday. They did not know; they had "
        "doubts. Did she do it? She has done it before, because she had to."
    ),
    (
        "The minister, who had resigned in May, said that the port would reopen if the unions "
        "agreed.\n\n\nBut not everyone agreed. Those who did left early; that one stayed."
    ),
    (
        "Gotta go, he wrote. Let's see whether the council's vote holds; nothin' is certain "
        "while the ships wait offshore.  \n\n  Analysts doubt it."
    ),
    "",
    "\n\n",
    "Rates rose 0.5% on 3 June 2022, the bank's third rise, and the lira fell.",
]


@pytest.fixture(scope="module")
def stock() -> Language:
    import spacy
    from spacy.language import Language

    nlp = spacy.load(Settings().spacy_model)
    if not Language.has_factory("test_reference_paragraphs"):
        Language.component("test_reference_paragraphs", func=_reference_paragraphs)
    nlp.add_pipe("test_reference_paragraphs", name=PARAGRAPHS, before="parser")
    add_entity_ruler(nlp)
    return nlp


def _reference_paragraphs(doc: Doc) -> Doc:
    """The paragraph rule as first written: every token after a blank line."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n\n" in prev.whitespace_ or (prev.is_space and "\n\n" in prev.text):
            token.is_sent_start = True
    return doc


def _rows(doc: Doc) -> Iterator[tuple[object, ...]]:
    for t in doc:
        yield (t.i, t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i,
               t.is_sent_start, t.ent_iob_, t.ent_type_)  # fmt: skip


def test_same_annotations_as_the_stock_components(stock: Language) -> None:
    fast = load_nlp(Settings().spacy_model)
    kinds = {type(p).__name__ for _, p in fast.pipeline}
    assert {"MemoAttributeRuler", "MemoLemmatizer"} <= kinds
    assert fast.pipe_names == stock.pipe_names
    # twice: the second pass runs from the memos filled by the first
    for _ in range(2):
        for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
            assert list(_rows(a)) == list(_rows(b))


def test_paragraph_break_starts_a_sentence(stock: Language) -> None:
    doc = load_nlp(Settings().spacy_model)("The vote was close\n\nthe count went on")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "the" in starts


def test_install_is_idempotent_and_keeps_the_order() -> None:
    nlp = load_nlp(Settings().spacy_model)
    names = list(nlp.pipe_names)
    speedups.install(nlp)
    assert nlp.pipe_names == names
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "MemoLemmatizer"


def test_unmodelled_patterns_keep_the_stock_ruler() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the", "OP": "+"}]], {"TAG": "DT"})  # an operator: not modelled
    assert not speedups.MemoAttributeRuler(ruler).modelled
    speedups.install(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_multi_token_rule_with_index_sets_the_indexed_token() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "ferry"}, {"LOWER": "pilots"}]], {"LEMMA": "pilot"}, index=1)
    ruler.add([[{"LOWER": {"IN": ["ferry", "tug"]}}]], {"LEMMA": "boat"})
    ruler.add([[{"LOWER": {"REGEX": "^tug"}}]], {"LEMMA": "tugboat"})  # later rule wins
    text = "Ferry pilots and tug crews met the ferry."
    want = [(t.text, t.lemma_) for t in nlp(text)]
    speedups.install(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "MemoAttributeRuler"
    got = [(t.text, t.lemma_) for t in nlp(text)]
    assert got == want
    assert dict(got)["pilots"] == "pilot"
    assert dict(got)["tug"] == "tugboat"


def test_memos_that_start_over_give_the_same_output(
    stock: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(speedups, "_MEMO_LIMIT", 5)  # a memo full after five tokens
    fast = load_nlp(Settings().spacy_model)
    for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        assert list(_rows(a)) == list(_rows(b))
