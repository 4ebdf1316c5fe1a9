"""TimeML output is well-formed XML, escaped, with the DCT and every TIMEX3 in place."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from caseboard.model import DateValue, Document, Span, TimeExpr
from caseboard.report.timeml import to_timeml

TEXT = 'Rates <rose> & "fell" on Friday; two days later they met at 3 p.m.'


def _doc(published: DateValue | None) -> Document:
    return Document(
        id="doc_tml", source="t.txt", title=None, outlet=None, published=published,
        published_origin="manifest", text=TEXT, text_sha256="", raw_sha256="",
    )  # fmt: skip


def _timex(tid: str, text: str, value: str, anchor: str | None, typ: str = "DATE") -> TimeExpr:
    start = TEXT.index(text)
    span = Span("doc_tml", start, start + len(text), text)
    return TimeExpr(tid, "doc_tml", text, typ, value, span, anchor=anchor)  # type: ignore[arg-type]


def test_well_formed_escaped_and_anchored() -> None:
    friday = _timex("tx_a", "Friday", "1998-01-02", "published")
    later = _timex("tx_b", "two days later", "1998-01-04", "tx_a")
    clock = _timex("tx_c", "3 p.m.", "1998-01-04T15:00", None, "TIME")
    out = to_timeml(_doc(DateValue("1998-01-08", "day")), [clock, later, friday])
    root = ET.fromstring(out.encode("utf-8"))
    dct = root.find("DCT/TIMEX3")
    assert dct is not None
    assert dct.get("value") == "1998-01-08"
    text = root.find("TEXT")
    assert text is not None
    assert "".join(text.itertext()) == TEXT
    tags = text.findall("TIMEX3")
    assert [(t.text, t.get("type"), t.get("value")) for t in tags] == [
        ("Friday", "DATE", "1998-01-02"),
        ("two days later", "DATE", "1998-01-04"),
        ("3 p.m.", "TIME", "1998-01-04T15:00"),
    ]
    assert tags[0].get("anchorTimeID") == "t0"
    assert tags[1].get("anchorTimeID") == tags[0].get("tid")
    assert "&lt;rose&gt; &amp;" in out


def test_overlaps_keep_the_first_and_no_dct_is_fine() -> None:
    a = _timex("tx_a", "two days later", "P2D", None, "DURATION")
    b = _timex("tx_b", "days later", "P2D", None, "DURATION")
    out = to_timeml(_doc(None), [b, a])
    root = ET.fromstring(out)
    assert root.find("DCT") is None
    assert [t.text for t in root.iter("TIMEX3")] == ["two days later"]
