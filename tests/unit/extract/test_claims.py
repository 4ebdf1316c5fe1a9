"""Claims on invented hard cases: status from cues, attribution, which sentences are claims."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from caseboard.extract import claims, entities
from caseboard.extract.base import ParsedDoc
from caseboard.extract.pipeline import sentence_offsets
from caseboard.model import Claim, Document, Quote, make_id

if TYPE_CHECKING:
    from spacy.language import Language

OUTLET = "Daily Ledger"


def parsed(nlp: Language, text: str) -> ParsedDoc:
    document = Document(
        id=make_id("doc", text), source="t.txt", title=None, outlet=OUTLET, published=None,
        published_origin="unknown", text=text, text_sha256="", raw_sha256="",
    )  # fmt: skip
    doc = nlp(text)
    p = ParsedDoc(document, doc, sentence_offsets(doc))
    p.results.update(entities.STAGE.run(p))
    p.results["quotes"] = ()
    return p


def run(p: ParsedDoc) -> list[Claim]:
    found: list[Claim] = list(claims.STAGE.run(p)["claims"])
    text = p.document.text
    for c in found:
        assert c.evidence.text == text[c.evidence.start : c.evidence.end] == c.text
        assert c.text == c.text.strip()
    return found


# each case -- sentence, status, attributed_to, cue
CASES = [
    ("Russian troops landed at the airport in Caracas on Saturday.", "asserted", OUTLET, None),
    (
        "According to the Tribune, two Russian planes landed in Caracas.",
        "reported",
        "Tribune",
        "According to",
    ),
    ("The Herald said the shipment reached Maracay on Friday.", "reported", "Herald", "said"),
    (
        "Opposition groups claim the cargo included rifles for Maduro's guard.",
        "alleged",
        "Opposition groups",
        "claim",
    ),
    ("Maduro allegedly received the letter in October.", "alleged", None, "allegedly"),
    (
        "The Kremlin denied that any troops had been sent to Venezuela.",
        "denied",
        "Kremlin",
        "denied",
    ),
    (
        "Venezuelan officials rejected the report about Russian instructors.",
        "denied",
        "Venezuelan officials",
        "rejected",
    ),
    (
        "There is no truth to the story about Wagner fighters, Peskov told reporters.",
        "denied",
        "Peskov",
        "There is no truth",
    ),
    (
        "The rifles haven't come to us, a commander in Maracay said.",
        "denied",
        "a commander in Maracay",
        "haven't come",
    ),
    (
        "Reporters could not independently verify the footage from Caracas.",
        "unverified",
        "Reporters",
        "could not independently verify",
    ),
    ("It is unclear whether the Su-30 jets can still fly.", "unverified", None, "It is unclear"),
    (
        "The report on the Il-76 flight remains unconfirmed by the Pentagon.",
        "unverified",
        None,
        "unconfirmed",
    ),
    (
        "Some analysts suspect that Moscow wants a naval base in Venezuela.",
        "hypothesised",
        "Some analysts",
        "analysts suspect",
    ),
    (
        "Experts believe Russia cannot reinforce its advisers in Venezuela.",
        "hypothesised",
        "Experts",
        "Experts believe",
    ),
    (
        "One hypothesis is that Russia is using Venezuela as a bargaining chip.",
        "hypothesised",
        None,
        "One hypothesis is",
    ),
    (
        "Moscow may be attempting to test the resolve of Washington.",
        "hypothesised",
        None,
        "may be attempting",
    ),
]


@pytest.mark.parametrize(("text", "status", "source", "cue"), CASES)
def test_status_and_source(
    nlp: Language, text: str, status: str, source: str | None, cue: str | None
) -> None:
    (claim,) = run(parsed(nlp, text))
    assert (claim.status, claim.attributed_to, claim.cue) == (status, source, cue)
    assert (claim.evidence.start, claim.evidence.end) == (0, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "Is Russia preparing a base in Venezuela?",
        "Russian Soft Spots",
        "The Guardian, “Russia moves jets to Caracas,” 28 March 2019.",
        "and then nothing happened at all.",
    ],
)
def test_not_claims(nlp: Language, text: str) -> None:
    assert run(parsed(nlp, text)) == []


def test_pronoun_source_resolves_to_the_person_before(nlp: Language) -> None:
    text = (
        "Deputy Minister Carlos Mendez arrived in Havana on Tuesday. "
        "He said the talks with Cuba had stalled."
    )
    p = parsed(nlp, text)
    first, second = run(p)
    assert first.status == "asserted"
    assert (second.status, second.attributed_to, second.cue) == (
        "reported",
        "Carlos Mendez",
        "said",
    )
    mendez = next(e for e in p.results["entities"] if e.name == "Carlos Mendez")
    assert second.attributed_entity == mendez.id
    assert second.evidence.start == text.index("He said")


def test_claims_split_at_blank_lines_and_trim(nlp: Language) -> None:
    text = "Moscow sent two bombers to Caracas.\n\n  Washington recalled its envoy from Bogota.  "
    got = [(c.evidence.start, c.text) for c in run(parsed(nlp, text))]
    assert got == [
        (0, "Moscow sent two bombers to Caracas."),
        (39, "Washington recalled its envoy from Bogota."),
    ]


def _quote(p: ParsedDoc, start: int, end: int, speaker: str) -> Quote:
    return Quote(
        id=make_id("q", start), doc=p.document.id, text=p.document.text[start:end],
        kind="direct", speaker_name=speaker, evidence=p.span(start, end), cue="said",
    )  # fmt: skip


def test_quote_speaker_is_the_source(nlp: Language) -> None:
    text = "“We will never abandon our friends in Caracas,” Lavrov said."
    p = parsed(nlp, text)
    p.results["quotes"] = (_quote(p, 1, text.index("”"), "Sergei Lavrov"),)
    (claim,) = run(p)
    assert (claim.status, claim.attributed_to, claim.cue) == ("reported", "Sergei Lavrov", "said")


def test_denial_inside_a_quote_keeps_the_speaker(nlp: Language) -> None:
    text = "“There is no truth in these stories about Caracas,” Lavrov said."
    p = parsed(nlp, text)
    p.results["quotes"] = (_quote(p, 1, text.index("”"), "Sergei Lavrov"),)
    (claim,) = run(p)
    # the cue inside the speaker's own words is content, the cue outside is the attribution
    assert (claim.status, claim.attributed_to) == ("reported", "Sergei Lavrov")


def test_quote_only_sentence_is_skipped(nlp: Language) -> None:
    text = "Lavrov spoke in Caracas on Monday. “We will stay with Venezuela.”"
    p = parsed(nlp, text)
    start = text.index("“") + 1
    p.results["quotes"] = (_quote(p, start, text.index("”"), "Sergei Lavrov"),)
    assert [c.text for c in run(p)] == ["Lavrov spoke in Caracas on Monday."]


def test_capitalised_name_is_not_a_cue(nlp: Language) -> None:
    (claim,) = run(parsed(nlp, "The United States moved a carrier toward Venezuela."))
    assert (claim.status, claim.cue) == ("asserted", None)
