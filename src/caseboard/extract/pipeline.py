"""Run the per-document extraction stages over cleaned documents (pure: no I/O)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from caseboard.extract.base import ParsedDoc, Stage, check_order
from caseboard.model import DocExtraction, Document, Failure

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def default_stages() -> list[Stage]:
    """The extraction stages in order; ``check_order`` verifies requires/assigns."""
    from caseboard.extract import (  # noqa: PLC0415 (stages import spaCy helpers lazily)
        claims,
        entities,
        quantities,
        quotes,
        timexes,
    )

    stages = [entities.STAGE, timexes.STAGE, quotes.STAGE, quantities.STAGE, claims.STAGE]
    check_order(stages)
    return stages


def stage_producers() -> tuple[str, ...]:
    """``name/version`` of each default stage: what a stored extraction must record to be
    current (``caseboard reextract`` redoes the others)."""
    return tuple(s.producer for s in default_stages())


def sentence_offsets(doc: Doc) -> tuple[tuple[int, int], ...]:
    return tuple((s.start_char, s.end_char) for s in doc.sents)


def extract_parsed(document: Document, doc: Doc, stages: Sequence[Stage]) -> DocExtraction:
    parsed = ParsedDoc(document=document, doc=doc, sentences=sentence_offsets(doc))
    failures: list[Failure] = []
    for stage in stages:
        if any(r not in parsed.results and r not in ("doc", "sentences") for r in stage.requires):
            failures.append(
                Failure(document.source, stage.name, "skipped: a required stage failed")
            )
            continue
        try:
            parsed.results.update(stage.run(parsed))
        except Exception as exc:
            failures.append(Failure(document.source, stage.name, f"{type(exc).__name__}: {exc}"))
    r = parsed.results
    return DocExtraction(
        doc=document.id,
        sentences=parsed.sentences,
        entities=tuple(r.get("entities", ())),
        quotes=tuple(r.get("quotes", ())),
        timexes=tuple(r.get("timexes", ())),
        quantities=tuple(r.get("quantities", ())),
        claims=tuple(r.get("claims", ())),
        failures=tuple(failures),
        producers=tuple(s.producer for s in stages),
    )


def extract_documents(
    documents: Iterable[Document],
    nlp: Language,
    stages: Sequence[Stage] | None = None,
    batch_size: int = 32,
) -> Iterator[tuple[Document, DocExtraction]]:
    """Parse with ``nlp.pipe`` in batches and run every stage on each parse."""
    stages = list(stages) if stages is not None else default_stages()
    docs = list(documents) if not isinstance(documents, list) else documents
    texts = (d.text for d in docs)
    for document, parsed in zip(docs, nlp.pipe(texts, batch_size=batch_size), strict=True):
        yield document, extract_parsed(document, parsed, stages)
