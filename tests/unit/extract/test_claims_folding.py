"""The claim stage's shortcuts find what the plain search finds (invented texts).

Cue patterns run as case-sensitive twins on the lower-cased text (cues absent from a document
are skipped), and the verb test reads offsets and parts of speech from one array of the parse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseboard.extract import claims
from tests.support import mixed_case_text

if TYPE_CHECKING:
    from spacy.language import Language

VOCAB = """said Said SAID denied Denies according to According To reportedly allegedly claims
there is no truth it is unclear whether analysts suspect could not be independently verified
may be trying to perhaps the Post told reporters haven't come ſaid ı İ K , . “ ” \" """
TEXT = mixed_case_text(VOCAB, free=80, words=30)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, cut=st.integers(0, 40))
def test_cue_matches_are_the_same(text: str, cut: int) -> None:
    cues = claims._Cues.of(text)
    active = {c.name: (pattern, folded) for c, pattern, folded in cues.cues}
    a, b = min(cut, len(text)), len(text)
    for cue in claims.CUES:
        want = [(m.span(), m.group(0)) for m in cue.pattern.finditer(text, a, b)]
        if cue.name not in active:
            assert want == []
            continue
        got = [(m.span(), m.group(0)) for m in cues.matches(*active[cue.name], a, b)]
        assert got == want


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT)
def test_verb_table_is_what_the_tokens_say(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert claims._verb_table(doc) == [(t.idx, t.pos_ in {"VERB", "AUX"}) for t in doc]
