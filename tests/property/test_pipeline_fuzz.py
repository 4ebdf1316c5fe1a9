"""The whole per-document path under arbitrary input: clean, parse, every extraction stage.

For any text: cleaning never crashes, no extraction stage fails, and every evidence span of
every extracted item is exactly the cleaned text between its offsets.

CI runs a short version; the long run recorded in docs/reliability.md is
``CASEBOARD_FUZZ_EXAMPLES=5000 pytest tests/property/test_pipeline_fuzz.py``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseboard.extract.pipeline import default_stages, extract_parsed
from caseboard.ingest.clean import to_document
from caseboard.model import RawArticle, Span, sha256_text

if TYPE_CHECKING:
    from spacy.language import Language

EXAMPLES = int(os.environ.get("CASEBOARD_FUZZ_EXAMPLES", "60"))

# pieces that exercise every extractor's grammar, mixed with arbitrary characters
WORDS = st.sampled_from(
    [
        "said",
        "told",
        "according to",
        "denied",
        "Minister",
        "Ilsa Roan",
        "Roan",
        "he",
        "she",
        "they",
        "the Kestrian Navy",
        "on Thursday",
        "two days earlier",
        "late October",
        "in 2019",
        "October 23",
        "from 2018 to 2023",
        "at least $12 billion",
        "nearly 100",
        "33.4%",
        "two",
        "S-300",
        "Su-30",
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        ":",
        ",",
        ".",
        "\n",
        "\n\n",
        "—",
        "(",
        ")",
        "<script>alert(1)</script>",
        "&amp;",
        "Subscribe to our newsletter",
        "Share",
        "Comments",
        "Leave a Reply",
        "31 February",
        "\u00a0",
        "\t",
        "…",
    ]
)
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map(" ".join)


def _spans(node: Any) -> list[Span]:
    if isinstance(node, Span):
        return [node]
    if isinstance(node, tuple | list):
        return [s for item in node for s in _spans(item)]
    if hasattr(node, "__slots__"):
        return [s for name in node.__slots__ for s in _spans(getattr(node, name))]
    return []


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=TEXT, published=st.sampled_from([None, "2025-11-07", "2019-03-29"]))
def test_any_text_extracts_without_failures_and_verbatim_evidence(
    nlp: Language, text: str, published: str | None
) -> None:
    raw = RawArticle(
        source="fuzz.txt",
        text=text,
        published=published,
        published_origin="manifest" if published else "unknown",
        raw_sha256=sha256_text(text),
    )
    try:
        doc = to_document(raw)
    except ValueError:
        return  # an empty article is refused with a message, by design
    ex = extract_parsed(doc, nlp(doc.text), default_stages())
    assert ex.failures == ()
    for span in _spans((ex.entities, ex.quotes, ex.timexes, ex.quantities, ex.claims)):
        assert span.doc == doc.id
        assert 0 <= span.start <= span.end <= len(doc.text)
        assert doc.text[span.start : span.end] == span.text
