"""Claims, quotes and quantities seen with their sentence context (actors, stems, polarity)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from caseboard.link.context import SentenceInfo
from caseboard.link.text import content_stems, fold, sentence_of
from caseboard.model import DateValue, DocExtraction, Span

# DENIAL: the speaker rejects a report.
#   "The ministry denied the report, calling it fabricated."
#   "Officials dismissed claims that advisers had arrived."
DENIAL = re.compile(
    r"\b(den(?:y|ied|ies|ying)|denials?|reject\w*|dismiss\w*|refut\w*|rebut\w*|"
    r"no truth|fake news|fabricat\w*|false|baseless|untrue|haven'?t come|have not come|"
    r"in no way|nothing to do with)\b"
)
# NEGATION: the clause is negative.
#   "The government has not sent any troops."
NEGATION = re.compile(r"\b(not|no|never|neither|nor|none|without|n't|n’t|cannot)\b")
# UNVERIFIED: the outlet itself flags that it could not check.
#   "The Daily Ledger could not independently verify the claim."
UNVERIFIED = re.compile(
    r"\b(could not (?:be )?(?:independently )?(?:verif|confirm)\w*|"
    r"unable to (?:independently )?(?:verify|confirm)|unverified|unconfirmed|"
    r"cannot be (?:independently )?(?:verified|confirmed))\b"
)
# ANALYST: an outside expert gives a view.
#   "Analysts at the institute doubt the figures."
ANALYST = re.compile(
    r"\b(analysts?|experts?|observers?|researchers?|scholars?|think tanks?)\b[^.]{0,40}?"
    r"\b(say|says|said|believ\w*|argu\w*|doubt\w*|note\w*|warn\w*|suggest\w*|think|thinks)\b"
)
# OFFICIAL: someone speaks for a government.
#   "Foreign ministry spokesman Ivan Petrov said the ships were on a routine visit."
OFFICIAL = re.compile(
    r"\b(minist\w*|spokes\w*|officials?|kremlin|white house|state department|embassy|"
    r"ambassador|secretary)\b[^.]{0,60}?\b(said|says|stated|announc\w*|insist\w*|declar\w*|"
    r"told|stress\w*|confirm\w*)\b"
)

_DENIAL_WORDS = frozenset({"deni", "deny", "reject", "dismiss", "refut", "report", "claim"})


@dataclass(frozen=True, slots=True)
class Item:
    """A claim, quote or quantity with the context of the sentence that holds it."""

    id: str
    kind: str  # 'claim' | 'quote' | 'quantity'
    doc: str
    evidence: Span
    sentence: SentenceInfo | None
    actors: tuple[str, ...]
    stems: frozenset[str]
    negative: bool
    denial: bool
    status: str | None
    speaker: str | None  # entity id
    speaker_name: str | None
    date: DateValue | None
    text: str

    @property
    def topic(self) -> frozenset[str]:
        return self.stems - _DENIAL_WORDS


def collect(
    extractions: Sequence[DocExtraction],
    context: Mapping[str, Sequence[SentenceInfo]],
    entity_of: Mapping[str, str],
) -> list[Item]:
    out: list[Item] = []
    folds: dict[str, str] = {}  # text -> fold(text): a claim or quote is often its sentence

    def folded(text: str) -> str:
        f = folds.get(text)
        if f is None:
            f = folds[text] = fold(text)
        return f

    def stems_of(text: str, info: SentenceInfo | None) -> frozenset[str]:
        if info is not None and text == info.sentence.text:
            return info.stems  # content_stems of the same text, computed with the context
        return content_stems(text)

    for ex in extractions:
        folds.clear()
        sents = context.get(ex.doc, ())
        plain = [s.sentence for s in sents]
        info_at = {s.sentence.start: s for s in sents}

        def ctx(span: Span) -> SentenceInfo | None:
            s = sentence_of(plain, span.start)  # noqa: B023 (bound per document)
            return None if s is None else info_at.get(s.start)  # noqa: B023

        for c in ex.claims:
            info = ctx(c.evidence)
            sent_text = info.sentence.text if info else c.text
            out.append(
                Item(
                    id=c.id,
                    kind="claim",
                    doc=ex.doc,
                    evidence=c.evidence,
                    sentence=info,
                    actors=info.actors if info else (),
                    stems=stems_of(c.text, info),
                    negative=c.status == "denied" or bool(NEGATION.search(folded(c.text))),
                    denial=c.status == "denied" or bool(DENIAL.search(folded(sent_text))),
                    status=c.status,
                    speaker=entity_of.get(c.attributed_entity or ""),
                    speaker_name=c.attributed_to,
                    date=info.date if info else None,
                    text=c.text,
                )
            )
        for q in ex.quotes:
            info = ctx(q.evidence)
            sent_text = info.sentence.text if info else q.text
            out.append(
                Item(
                    id=q.id,
                    kind="quote",
                    doc=ex.doc,
                    evidence=q.evidence,
                    sentence=info,
                    actors=info.actors if info else (),
                    stems=stems_of(q.text, info),
                    negative=bool(NEGATION.search(folded(q.text))),
                    denial=bool(DENIAL.search(folded(sent_text))),
                    status=None,
                    speaker=entity_of.get(q.speaker_entity or ""),
                    speaker_name=q.speaker_name,
                    date=q.said_on or (info.published if info else None),
                    text=q.text,
                )
            )
        for n in ex.quantities:
            info = ctx(n.evidence)
            out.append(
                Item(
                    id=n.id,
                    kind="quantity",
                    doc=ex.doc,
                    evidence=n.evidence,
                    sentence=info,
                    actors=info.actors if info else (),
                    stems=info.stems if info else content_stems(n.text),
                    negative=False,
                    denial=False,
                    status=None,
                    speaker=None,
                    speaker_name=None,
                    date=info.date if info else None,
                    text=n.text,
                )
            )
    return out
