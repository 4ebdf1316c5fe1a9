"""TimeML output: a document's cleaned text with its time expressions as TIMEX3 tags.

Other temporal tools (TempEval scorers, TARSQI, HeidelTime's evaluation scripts) read this
format. The DCT is the document's publication date (``functionInDocument="CREATION_TIME"``).
Text and attribute values are XML-escaped; overlapping expressions (which TimeML forbids) keep
the earlier one.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from caseboard.model import Document, TimeExpr


def _attrs(pairs: Iterable[tuple[str, str | None]]) -> str:
    return "".join(f" {k}={quoteattr(v)}" for k, v in pairs if v is not None)


def to_timeml(document: Document, timexes: Iterable[TimeExpr]) -> str:
    """The TimeML document (UTF-8 text) for ``document`` tagged with ``timexes``."""
    text = document.text
    tids: dict[str, str] = {}
    chosen: list[TimeExpr] = []
    last_end = 0
    for t in sorted(timexes, key=lambda t: (t.evidence.start, -t.evidence.end)):
        if t.evidence.start < last_end or text[t.evidence.start : t.evidence.end] != t.text:
            continue
        chosen.append(t)
        last_end = t.evidence.end
        tids[t.id] = f"t{len(chosen)}"
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n']
    parts.append(f"<DOCID>{escape(document.id)}</DOCID>\n")
    if document.published is not None:
        dct = document.published.value
        parts.append(
            "<DCT><TIMEX3"
            + _attrs(
                [
                    ("tid", "t0"),
                    ("type", "DATE"),
                    ("value", dct),
                    ("temporalFunction", "false"),
                    ("functionInDocument", "CREATION_TIME"),
                ]
            )
            + f">{escape(dct)}</TIMEX3></DCT>\n"
        )
    parts.append("<TEXT>")
    pos = 0
    for t in chosen:
        s, e = t.evidence.start, t.evidence.end
        parts.append(escape(text[pos:s]))
        anchor = t.anchor
        anchor_tid = "t0" if anchor == "published" else tids.get(anchor or "")
        attrs = _attrs(
            [
                ("tid", tids[t.id]),
                ("type", t.type),
                ("value", t.value),
                ("mod", t.mod),
                ("temporalFunction", "true" if anchor else "false"),
                ("anchorTimeID", anchor_tid),
            ]
        )
        parts.append(f"<TIMEX3{attrs}>{escape(text[s:e])}</TIMEX3>")
        pos = e
    parts.append(escape(text[pos:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)
