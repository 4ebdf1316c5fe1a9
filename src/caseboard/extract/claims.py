"""Claims: sentence-level factual statements with a status read from the cues around them.

A claim is a sentence (trimmed; split at blank lines) that names an entity and has a verb;
questions, headings and sentences made only of quotation marks are skipped. Its status comes
from the strongest cue in the sentence, in this order: denied > unverified > hypothesised >
alleged > reported > asserted (no cue: plain reporting). It is attributed to the speaker of a
quotation in the sentence (the Quote record's speaker), else to the subject of the cue verb
("the Post said", "some analysts suspect"), else to the noun phrase after "according to"; a
plain assertion is attributed to the document's outlet when it is known. Pronoun subjects
("he said") resolve to the nearest person mentioned before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from caseboard.extract.base import ParsedDoc, Stage
from caseboard.extract.patterns.folding import Hit, fold, foldable, required_strings
from caseboard.model import Claim, LocalEntity, Quote, make_id
from caseboard.model.records import ClaimStatus

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

NAME, VERSION = "claims", "0.1"


@dataclass(frozen=True, slots=True)
class Cue:
    """A named cue pattern: what it signals and how strongly (lower rank wins).

    ``folded`` (the pattern for the lower-cased text) and ``needs`` (strings one of which
    every match contains) only make the search faster (extract.patterns.folding)."""

    name: str
    status: ClaimStatus
    pattern: re.Pattern[str]
    folded: re.Pattern[str] | None = None
    needs: frozenset[str] = frozenset()


def _cue(name: str, status: ClaimStatus, regex: str) -> Cue:
    flags = re.IGNORECASE
    return Cue(
        name, status, re.compile(regex, flags), fold(regex, flags), required_strings(regex, flags)
    )


_RANK: dict[ClaimStatus, int] = {
    "denied": 0,
    "unverified": 1,
    "hypothesised": 2,
    "alleged": 3,
    "reported": 4,
    "asserted": 5,
}

CUES: tuple[Cue, ...] = (
    # DENIAL_VERB, example sentence -- The ministry denied that any troops had landed.
    _cue(
        "denial_verb",
        "denied",
        r"\b(?:denied|denies|deny|denying|rejected|rejects|refuted|refutes|dismissed"
        r"|dismisses)\b",
    ),
    # NO_TRUTH, example sentence -- There is no truth to these stories, the envoy said.
    _cue(
        "no_truth",
        "denied",
        r"\b(?:there\s+is|there['’]s)\s+no\s+(?:truth|basis|evidence)\b"
        r"|\b(?:is|are|was|were)\s+(?:not\s+true|false|baseless|fabricated)\b",
    ),
    # NOT_RECEIVED, example sentence -- The rifles haven't come to us, a commander told reporters.
    _cue(
        "not_received",
        "denied",
        r"\b(?:haven['’]t|have\s+not|hasn['’]t|has\s+not|didn['’]t|did\s+not|never)\s+"
        r"(?:come|arrived|reached)\b",
    ),
    # CANNOT_VERIFY, example sentence -- Reporters could not independently verify the footage.
    _cue(
        "cannot_verify",
        "unverified",
        r"\b(?:could|can|was|were)\s*(?:not|n['’]t)\s+(?:be\s+)?(?:independently\s+)?"
        r"(?:verify|verified|confirm|confirmed)\b"
        r"|\b(?:has|have)\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed)\b",
    ),
    # UNCLEAR, example sentence -- It is unclear whether the jets can still fly.
    _cue(
        "unclear",
        "unverified",
        r"\b(?:it\s+is|it['’]s|it\s+was|it\s+remains|remains)\s+(?:unclear|not\s+clear|uncertain)\b"
        r"|\b(?:unconfirmed|unverified)\b",
    ),
    # SUSPECT, example sentence -- Some analysts suspect the flights carried gold.
    _cue(
        "suspect",
        "hypothesised",
        r"\b(?:analysts?|experts?|observers?|officials?|diplomats?|sources?|critics?)\s+"
        r"(?:suspect|believe|think|speculate|suggest|fear|argue)s?\b|\bsuspects?\b",
    ),
    # HYPOTHESIS, example sentence -- One hypothesis is that the base is a bargaining chip.
    _cue(
        "hypothesis",
        "hypothesised",
        r"\bone\s+(?:hypothesis|theory|possibility|explanation|interpretation)\s+is\b"
        r"|\bit\s+is\s+(?:possible|plausible|likely|conceivable)\s+that\b",
    ),
    # MODAL_ATTEMPT, example sentence -- Moscow may be attempting to test the blockade.
    _cue(
        "modal_attempt",
        "hypothesised",
        r"\b(?:may|might|could)\s+(?:be|have\s+been)\s+(?:attempting|trying|seeking|planning"
        r"|preparing|hoping|using|testing)\b|\b(?:perhaps|possibly|presumably)\b",
    ),
    # CLAIM, example sentence -- Opposition groups claim the shipment included rifles.
    _cue(
        "claim",
        "alleged",
        r"\b(?:claimed|claims|claim|claiming|alleged|alleges|allege|allegedly|purportedly"
        r"|purported|accused|accuses)\b",
    ),
    # ACCORDING_TO, example sentence -- According to the Tribune, the plane left at dawn.
    _cue("according_to", "reported", r"\baccording\s+to\b"),
    # SPEECH_VERB, example sentence -- The ambassador said the talks were over.
    _cue(
        "speech_verb",
        "reported",
        r"\b(?:said|says|say|told|tells|reported|reports|reportedly|wrote|writes|stated|states"
        r"|announced|announces|noted|notes|added|warned|warns|confirmed|confirms|explained"
        r"|argued|argues|acknowledged|estimated|estimates|cited|quoted|insisted|insists)\b",
    ),
)

_SPEECH_LEMMAS = frozenset(
    {
        "say", "tell", "report", "write", "state", "announce", "note", "add", "warn", "confirm",
        "explain", "argue", "acknowledge", "estimate", "cite", "quote", "claim", "allege",
        "accuse", "insist", "deny", "reject", "refute", "dismiss", "suspect", "believe",
        "think", "speculate", "suggest", "fear",
    }
)  # fmt: skip
# cues whose own subject is the source ("the Kremlin denied", "analysts suspect")
_VERBAL = frozenset(
    {"denial_verb", "cannot_verify", "suspect", "claim", "speech_verb", "according_to"}
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_QUOTE_MARKS = "\"“”‘’'«»"
_END = (".", "!", "”", '"', "’", ")", "…")


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence split at blank lines, each piece trimmed of whitespace."""
    out: list[tuple[int, int]] = []
    pos = start
    for part in re.split(r"(\n\s*\n)", text[start:end]):
        a = pos + (len(part) - len(part.lstrip()))
        b = pos + len(part.rstrip())
        pos += len(part)
        if b > a and not part.startswith("\n"):
            out.append((a, b))
    return out


def _is_heading(seg: str, doc_span: SpacySpan) -> bool:
    if seg.rstrip().endswith(_END):
        return False
    return "\n" not in seg and len(doc_span) <= 20


def _quote_only(seg: str, start: int, quotes: list[Quote]) -> bool:
    """True when nothing but quoted text (and punctuation) is left outside the quotations."""
    chars = list(seg)
    for q in quotes:
        for sp in (q.evidence, *q.fragments):
            for i in range(max(sp.start, start), min(sp.end, start + len(seg))):
                chars[i - start] = " "
    rest = "".join(chars)
    return not re.search(r"[^\W\d_]", rest.strip(_QUOTE_MARKS + " \n,.;:—–-"))


_MARKED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


def _marked_regions(seg: str, start: int) -> list[tuple[int, int]]:
    """Offsets of text between quotation marks within a segment (titles, quoted words)."""
    return [(start + m.start(), start + m.end()) for m in _MARKED.finditer(seg)]


def _in_marks(text: str, seg_start: int, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    a = max(seg_start, line_start)
    return any(s <= offset < e for s, e in _marked_regions(text[a : offset + 1], a))


def _entity_at(entities: list[LocalEntity], start: int, end: int) -> LocalEntity | None:
    for ent in entities:
        for m in ent.mentions:
            if m.evidence.start < end and start < m.evidence.end:
                return ent
    return None


def _person_before(entities: list[LocalEntity], offset: int) -> LocalEntity | None:
    best: tuple[int, LocalEntity] | None = None
    for ent in entities:
        if ent.type != "PERSON":
            continue
        for m in ent.mentions:
            if m.evidence.end <= offset and (best is None or m.evidence.end > best[0]):
                best = (m.evidence.end, ent)
    return best[1] if best else None


def _subject(tok: Token) -> Token | None:
    """The subject of a cue verb, or of the verb it hangs from ("X, who said")."""
    for cand in (tok, tok.head):
        for child in cand.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child
    return None


def _source(
    p: ParsedDoc, entities: list[LocalEntity], cue: Cue, m: Hit | re.Match[str], seg_end: int
) -> tuple[str | None, str | None]:
    """(attributed_to, entity id) for a cue match: its subject or 'according to' object."""
    text = p.document.text
    if cue.name == "according_to":
        tail = text[m.end() : seg_end]
        np = re.match(r"\s+((?:[\w.’'&-]+\s?){1,7}?)(?=,|\.|;|\s+(?:that|which)\b|$)", tail)
        if not np:
            return None, None
        s = m.end() + np.start(1)
        e = s + len(np.group(1).rstrip())
        ent = _entity_at(entities, s, e)
        return (ent.name if ent else text[s:e]), (ent.id if ent else None)
    span = p.doc.char_span(m.start(), m.end(), alignment_mode="expand")
    if span is None:
        return None, None
    if all(t.pos_ == "ADV" for t in span):
        return None, None  # "allegedly", "reportedly": no source named
    verbs = [t for t in span if t.pos_ in {"VERB", "AUX"} or t.lemma_ in _SPEECH_LEMMAS]
    subj = None
    for verb in verbs or list(span):
        subj = _subject(verb)
        if subj is not None:
            break
    if subj is None:
        # "analysts suspect": the cue itself starts with the speaker noun
        if cue.name == "suspect" and len(span) > 1:
            first = span[0]
            sub = p.doc[first.left_edge.i : first.i + 1]
            return sub.text, None
        return None, None
    if subj.lower_ in _PRONOUNS:
        ent = _person_before(entities, subj.idx) if subj.lower_ in {"he", "she"} else None
        if ent is not None:
            return ent.name, ent.id
        return (subj.text, None) if subj.lower_ in {"we", "they"} else (None, None)
    sub = p.doc[subj.left_edge.i : subj.right_edge.i + 1]
    if len(sub) > 8:
        sub = p.doc[subj.i : subj.i + 1]
    # the entity must be the subject's head ("the Post"), not a modifier ("Venezuelan officials")
    ent = _entity_at(entities, subj.idx, subj.idx + len(subj.text))
    return (ent.name if ent else sub.text), (ent.id if ent else None)


@dataclass(frozen=True, slots=True)
class _Cues:
    """The cues that can match in one document, and the text each is searched in."""

    text: str
    low: str
    cues: tuple[tuple[Cue, re.Pattern[str], bool], ...]  # (cue, pattern, folded)

    @classmethod
    def of(cls, text: str) -> _Cues:
        low = text.lower()
        if not foldable(text, low):
            return cls(text, low, tuple((c, c.pattern, False) for c in CUES))
        cues = tuple(
            (c, c.folded or c.pattern, c.folded is not None)
            for c in CUES
            if not c.needs or any(n in low for n in c.needs)
        )
        return cls(text, low, cues)

    def matches(self, pattern: re.Pattern[str], folded: bool, a: int, b: int) -> Any:
        """The matches in ``text[a:b]``, read as in the text as written."""
        if folded:
            return (Hit(m, self.text) for m in pattern.finditer(self.low, a, b))
        return pattern.finditer(self.text, a, b)


def _verb_table(doc: Doc) -> list[tuple[int, bool]]:
    """(character offset, is a verb) of every token, read from the parse as one array: the same
    as each Token's ``idx`` and ``pos_ in {"VERB", "AUX"}`` without making Token objects."""
    from spacy.attrs import IDX, POS  # noqa: PLC0415 (spaCy is imported by the stages lazily)
    from spacy.symbols import AUX, VERB  # noqa: PLC0415

    if len(doc) == 0:
        return []
    verb_pos = {int(VERB), int(AUX)}
    return [(idx, pos in verb_pos) for idx, pos in doc.to_array([IDX, POS]).tolist()]


def _run(p: ParsedDoc) -> dict[str, Any]:
    text = p.document.text
    cues = _Cues.of(text)
    entities: list[LocalEntity] = list(p.results.get("entities", ()))
    quotes: list[Quote] = list(p.results.get("quotes", ()))
    starts = sorted(m.evidence.start for e in entities for m in e.mentions)
    verbs = _verb_table(p.doc)
    claims: list[Claim] = []
    for s_start, s_end in p.sentences:
        for a, b in _segments(text, s_start, s_end):
            seg = text[a:b]
            span = p.doc.char_span(a, b, alignment_mode="expand")
            if span is None or seg.endswith("?") or _is_heading(seg, span):
                continue
            marked = _marked_regions(seg, a)
            if not any(
                verb and not any(s <= idx < e for s, e in marked)
                for idx, verb in verbs[span.start : span.end]
            ):
                continue  # no verb outside quotation marks: a citation or a bare quote
            first = bisect_left(starts, a)
            if first == len(starts) or starts[first] >= b:
                continue  # no entity mentioned
            in_seg = [q for q in quotes if q.evidence.start < b and a < q.evidence.end]
            if in_seg and _quote_only(seg, a, in_seg):
                continue
            claims.append(_claim(p, entities, in_seg, a, b, cues))
    return {"claims": tuple(claims)}


def _claim(
    p: ParsedDoc,
    entities: list[LocalEntity],
    quotes: list[Quote],
    a: int,
    b: int,
    cues: _Cues,
) -> Claim:
    text = p.document.text
    best: tuple[Cue, Hit | re.Match[str]] | None = None
    speech_cue: tuple[Cue, Hit | re.Match[str]] | None = None
    quoted = [(q.evidence.start, q.evidence.end) for q in quotes]
    for cue, pattern, folded in cues.cues:
        for m in cues.matches(pattern, folded, a, b):
            if any(qs <= m.start() < qe for qs, qe in quoted) or _in_marks(text, a, m.start()):
                continue  # the speaker's own words are the claim, not a cue about it
            if m.group(0)[0].isupper() and m.start() != a:
                continue  # "the United States", "Reports": a name, not the cue verb
            if best is None or _RANK[cue.status] < _RANK[best[0].status]:
                best = (cue, m)
            if cue.name in {"speech_verb", "according_to"} and speech_cue is None:
                speech_cue = (cue, m)
            break
    status: ClaimStatus = best[0].status if best else "asserted"
    cue_text = best[1].group(0) if best else None
    attributed_to: str | None = None
    entity_id: str | None = None
    speaker = next((q for q in quotes if q.speaker_name), None)
    if speaker is not None and status in {"reported", "alleged", "denied", "asserted"}:
        attributed_to, entity_id = speaker.speaker_name, speaker.speaker_entity
        if status == "asserted":
            status = "reported"
            cue_text = speaker.cue
    elif best is not None:
        # the source is who speaks: a speech cue in the sentence, else the cue verb's subject
        speech = speech_cue or (best if best[0].name in _VERBAL else None)
        if speech is not None:
            attributed_to, entity_id = _source(p, entities, speech[0], speech[1], b)
    if attributed_to is None and status == "asserted":
        attributed_to = p.document.outlet
    return Claim(
        id=make_id("cl", p.document.id, a, b),
        doc=p.document.id,
        text=text[a:b],
        status=status,
        evidence=p.span(a, b),
        attributed_to=attributed_to,
        attributed_entity=entity_id,
        cue=cue_text,
        producer=f"{NAME}/{VERSION}",
    )


STAGE = Stage(NAME, VERSION, requires=("doc", "entities", "quotes"), assigns=("claims",), run=_run)
