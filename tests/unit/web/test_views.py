"""The view model: filters, highlight parsing and the document segmentation (no web server)."""

from __future__ import annotations

import pytest

from caseboard.errors import UsageError
from caseboard.model import Analysis, DocExtraction, Document, Span
from caseboard.web.views import CaseView, evidence_key, parse_day, parse_highlight

TEXT = "The port reopened on Monday. Ships queued outside.\n\nOfficials denied any delay."


def _view() -> tuple[CaseView, Document]:
    doc = Document(
        id="doc_1",
        source="port.txt",
        title="Port reopens",
        outlet=None,
        published=None,
        published_origin="unknown",
        text=TEXT,
        text_sha256="x",
        raw_sha256="y",
    )
    ex = DocExtraction(doc="doc_1", sentences=((0, 28), (29, 50), (52, 79)))
    return CaseView("c", [doc], {"doc_1": ex}, Analysis(), {}), doc


@pytest.mark.parametrize("value", ["2024", "2024-03", "2024-03-12"])
def test_parse_day_accepts_iso_prefixes(value: str) -> None:
    assert parse_day(value, "from") == value


@pytest.mark.parametrize(
    "value", ["2024-3", "2024-13", "2024-02-30", "12/03/2024", "soon", "20245"]
)
def test_parse_day_rejects_the_rest(value: str) -> None:
    with pytest.raises(UsageError, match="from"):
        parse_day(value, "from")


def test_parse_highlight_bounds() -> None:
    assert parse_highlight("3-7", 10) == (3, 7)
    assert parse_highlight(None, 10) is None
    for bad in ("7-3", "3-11", "x-1", "3", "-1-2"):
        with pytest.raises(UsageError):
            parse_highlight(bad, 10)


def test_segments_cover_the_text_and_mark_the_highlight() -> None:
    view, doc = _view()
    start = TEXT.index("queued")
    segs = view.segments(doc, (start, start + len("queued outside")))
    assert "".join(s.text for s in segs) == TEXT
    marked = [s for s in segs if s.mark]
    assert "".join(s.text for s in marked) == "queued outside"
    assert {s.sentence for s in marked} == {1}
    gap = next(s for s in segs if s.text == "\n\n")
    assert gap.sentence is None


def test_links_find_the_sentence_and_the_key_round_trips() -> None:
    view, _ = _view()
    start = TEXT.index("Officials")
    span = Span("doc_1", start, start + 9, "Officials")
    link = view.link(span)
    assert link.sentence == 2
    assert link.href == f"/documents/doc_1?hl={start}-{start + 9}#s2"
    assert evidence_key(span) == f"doc_1:{start}:{start + 9}"
    assert view.valid_evidence_key(evidence_key(span))
    assert not view.valid_evidence_key("doc_1:5:999")
    assert not view.valid_evidence_key("doc_2:1:3")
