"""Typed records that pass between pipeline stages.

Every record is a frozen, slotted dataclass. Every extracted item carries its evidence: a
:class:`Span` (document id, character offsets into the *cleaned* text, the verbatim text) and
the name/version of the extractor that produced it. Ids are content hashes (see ``ids.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Granularity = Literal["year", "month", "day"]
PublishedOrigin = Literal["metadata", "manifest", "html", "inferred", "unknown"]
EntityType = Literal["PERSON", "ORG", "GPE", "NORP", "WEAPON", "FACILITY", "EVENT", "LAW", "OTHER"]
QuoteKind = Literal["direct", "partial", "indirect"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
ClaimStatus = Literal["asserted", "reported", "alleged", "denied", "unverified", "hypothesised"]
Dimension = Literal[
    "military", "energy", "economic", "diplomatic", "ideological", "intelligence", "other"
]
ContradictionKind = Literal["denial", "reversal", "numeric", "date", "unverified", "disagreement"]
Assessment = Literal["consistent", "inconsistent", "neutral"]


@dataclass(frozen=True, slots=True)
class Span:
    """A verbatim piece of a document's cleaned text: ``text == cleaned[start:end]``."""

    doc: str
    start: int
    end: int
    text: str
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class DateValue:
    """A normalised point or period: ISO 8601 at the given granularity, plus a qualifier."""

    value: str
    granularity: Granularity
    qualifier: str | None = None
    text: str | None = None
    resolved_from: str | None = None


@dataclass(frozen=True, slots=True)
class Removed:
    """A passage dropped while cleaning, with the reason (e.g. ``duplicate``, ``newsletter``)."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What a reader hands to the cleaner: the text as it arrived plus whatever metadata it had."""

    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_origin: PublishedOrigin = "unknown"
    url: str | None = None
    is_html: bool = False
    raw_sha256: str = ""
    removed: tuple[Removed, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article. ``text`` is the cleaned text every evidence offset points into."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    published: DateValue | None
    published_origin: PublishedOrigin
    text: str
    text_sha256: str
    raw_sha256: str
    url: str | None = None
    removed: tuple[Removed, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """An input or item that could not be processed, with the reason. Never a silent None."""

    source: str
    stage: str
    reason: str


@dataclass(frozen=True, slots=True)
class Role:
    text: str
    evidence: Span
    as_of: DateValue | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a document."""

    text: str
    evidence: Span
    kind: Literal["name", "surname", "title", "pronoun", "alias"] = "name"


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """An entity within one document, aliases already merged (surname, title forms)."""

    id: str
    doc: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...] = ()
    producer: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    doc: str
    text: str
    kind: QuoteKind
    speaker_name: str
    evidence: Span
    speaker_entity: str | None = None  # LocalEntity id within the document
    speaker_role: str | None = None
    cue: str | None = None
    said_on: DateValue | None = None
    speaker_evidence: Span | None = None
    cue_evidence: Span | None = None
    fragments: tuple[Span, ...] = ()  # content split by the cue: '"A," he said, "B."'
    producer: str = ""


@dataclass(frozen=True, slots=True)
class TimeExpr:
    id: str
    doc: str
    text: str
    type: TimexType
    value: str
    evidence: Span
    date: DateValue | None = None
    anchor: str | None = None  # 'published' or the id of another TimeExpr
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ...
    producer: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    id: str
    doc: str
    value: float
    unit: str | None
    text: str
    evidence: Span
    modifier: str | None = None
    about: str | None = None
    producer: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    doc: str
    text: str
    status: ClaimStatus
    evidence: Span
    attributed_to: str | None = None  # name as written, or the outlet
    attributed_entity: str | None = None  # LocalEntity id
    cue: str | None = None
    producer: str = ""


@dataclass(frozen=True, slots=True)
class DocExtraction:
    """Everything extracted from one document: the output of the per-document stages."""

    doc: str
    sentences: tuple[tuple[int, int], ...] = ()
    entities: tuple[LocalEntity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timexes: tuple[TimeExpr, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    claims: tuple[Claim, ...] = ()
    failures: tuple[Failure, ...] = ()
    producers: tuple[str, ...] = ()


# --- cross-document records -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world actor across all documents."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    mentions: int
    documents: tuple[str, ...]
    members: tuple[str, ...] = ()  # LocalEntity ids merged into it


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: DateValue
    summary: str
    type: str
    actors: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: tuple[Span, ...]
    kind: Literal["happened", "said"] = "happened"
    independent_sources: int = 1
    background: bool = False


@dataclass(frozen=True, slots=True)
class Relation:
    id: str
    source: str
    target: str
    dimension: Dimension
    label: str
    evidence: tuple[Span, ...]
    weight: float = 1.0
    directed: bool = True


@dataclass(frozen=True, slots=True)
class Contradiction:
    id: str
    kind: ContradictionKind
    explanation: str
    evidence: tuple[Span, ...]
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HypothesisEvidence:
    assessment: Assessment
    evidence: Span
    weight: float = 1.0
    reason: str = ""
    by: Literal["auto", "analyst"] = "auto"


@dataclass(frozen=True, slots=True)
class Hypothesis:
    id: str
    statement: str
    origin: Literal["user", "detected"]
    evidence: tuple[HypothesisEvidence, ...] = ()
    inconsistency_score: float = 0.0
    detected_in: Span | None = None


@dataclass(frozen=True, slots=True)
class Vulnerability:
    id: str
    actor: str
    dimension: str
    statement: str
    evidence: tuple[Span, ...]
    pressure: str | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """The cross-document picture of a case."""

    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    hypotheses: tuple[Hypothesis, ...] = ()
    vulnerabilities: tuple[Vulnerability, ...] = ()
    # local entity id -> cross-document entity id
    entity_of: dict[str, str] = field(default_factory=dict)
    # item id (quote/claim/quantity) -> evidence from other documents that supports it
    corroboration: dict[str, tuple[Span, ...]] = field(default_factory=dict)
