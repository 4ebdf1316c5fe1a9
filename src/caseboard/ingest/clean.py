"""Cleaning: RawArticle -> Document (first pass: whitespace only; the cleaner replaces this)."""

from __future__ import annotations

from caseboard.model import DateValue, Document, RawArticle, make_id, sha256_text


def to_document(raw: RawArticle) -> Document:
    text = raw.text.strip()
    published = DateValue(raw.published[:10], "day") if raw.published else None
    return Document(
        id=make_id("doc", sha256_text(text)),
        source=raw.source,
        title=raw.title,
        outlet=raw.outlet,
        published=published,
        published_origin=raw.published_origin if published else "unknown",
        text=text,
        text_sha256=sha256_text(text),
        raw_sha256=raw.raw_sha256,
        url=raw.url,
        removed=raw.removed,
        notes=raw.notes,
    )
