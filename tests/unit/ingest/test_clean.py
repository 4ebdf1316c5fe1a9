"""The cleaner on invented noisy articles (tests/data/ingest) and on arbitrary text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseboard.ingest.clean import clean_text, collapse_ws, to_document
from caseboard.model import RawArticle

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"


def _clean(name: str, title: str | None = None):  # type: ignore[no-untyped-def]
    return clean_text((DATA / name).read_text(encoding="utf-8"), title)


def _reasons(cleaned) -> set[str]:  # type: ignore[no-untyped-def]
    return {r.reason for r in cleaned.removed}


def _assert_paragraphs_in_source(cleaned_text: str, source: str) -> None:
    flat = collapse_ws(source)
    for paragraph in cleaned_text.split("\n\n"):
        assert paragraph in flat
        assert "\n" not in paragraph
        assert paragraph == collapse_ws(paragraph)


def test_wire_story_menus_captions_newsletter_comments_and_reflow() -> None:
    source = (DATA / "harbour_wire.txt").read_text(encoding="utf-8")
    cleaned = clean_text(source, "Harbour strike enters second week")
    assert _reasons(cleaned) >= {
        "publication_line",
        "share_menu",
        "caption",
        "newsletter",
        "comments",
        "title",
    }
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("PORTSMOUTH, March 14, 2024 (Harbour Wire) - Dock workers")
    assert "eastern terminal extended their walkout" in paragraphs[0]  # hard wrap re-flowed
    for noise in ("Text Size", "(Getty)", "newsletter", "Leave a Reply", "Sign up", "Medium"):
        assert noise not in cleaned.text
    assert "Harbour strike enters second week" not in cleaned.text
    _assert_paragraphs_in_source(cleaned.text, source)


def test_duplicated_lede_truncated_copy_and_paywall() -> None:
    source = (DATA / "council_budget.txt").read_text(encoding="utf-8")
    cleaned = clean_text(source, "Council approves the new harbour budget")
    assert cleaned.text.count("The city council approved") == 1
    # the truncated copy ending in "…" gives way to the full paragraph
    assert "warned of rising…" not in cleaned.text
    assert "asked for an audit by next spring." in cleaned.text
    # near duplicate (extra space, "late night") is dropped too
    assert "late night session" not in cleaned.text
    duplicates = [r for r in cleaned.removed if r.reason == "duplicate"]
    assert len(duplicates) == 3
    assert "Continue reading" not in cleaned.text
    assert "paywall" in _reasons(cleaned)
    assert cleaned.text.endswith("the harbour master said.")
    _assert_paragraphs_in_source(cleaned.text, source)


def test_blog_navigation_reprint_footer_and_lists() -> None:
    source = (DATA / "valley_blog.txt").read_text(encoding="utf-8")
    cleaned = clean_text(source, "Why the valley dam keeps slipping")
    assert _reasons(cleaned) >= {"navigation", "reprint_notice", "related_posts", "title"}
    assert cleaned.notes == (
        "This post first appeared on the Riverside Ledger and is republished with permission.",
    )
    for noise in ("Skip to main content", "Older Posts", "Popular posts", "canal", "Labels:"):
        assert noise not in cleaned.text
    paragraphs = cleaned.text.split("\n\n")
    assert "Budget Questions" in paragraphs  # a heading stays its own paragraph
    assert sum(p.startswith("· ") for p in paragraphs) == 2  # list items stay separate
    # a lower-case continuation line joins its paragraph; a new sentence line does too when
    # the block is hard-wrapped
    assert any(p.startswith("The new dam upstream") and "two years late" in p for p in paragraphs)
    _assert_paragraphs_in_source(cleaned.text, source)


def test_one_paragraph_per_line_text_is_not_merged() -> None:
    text = (
        "The ferry service resumed on Monday after a two-day suspension.\n"
        "Operators said storms had damaged the northern pier.\n"
        "Repairs Under Way\n"
        "Engineers expect the pier to reopen within a fortnight."
    )
    cleaned = clean_text(text)
    assert cleaned.text.split("\n\n") == [
        "The ferry service resumed on Monday after a two-day suspension.",
        "Operators said storms had damaged the northern pier.",
        "Repairs Under Way",
        "Engineers expect the pier to reopen within a fortnight.",
    ]


def test_title_matches_despite_case_and_curly_quotes() -> None:
    text = "MAYOR’S PLAN FAILS\n\nThe mayor's housing plan was rejected by the council on Friday."
    cleaned = clean_text(text, "Mayor's plan fails")
    assert cleaned.text == "The mayor's housing plan was rejected by the council on Friday."
    assert cleaned.removed[-1].reason == "title"


def test_quotes_and_characters_are_kept_verbatim() -> None:
    text = "“We’re ready,” said Jo Ålund — the captain.\u00a0 It was 5°C."
    assert clean_text(text).text == "“We’re ready,” said Jo Ålund — the captain. It was 5°C."


def test_to_document_dates_ids_and_empty_result() -> None:
    raw = RawArticle(
        source="memo.txt",
        text="Budget talks\n\nThe talks resumed on 2 May 2024 and ended on 9 May 2024.",
        title="Budget talks",
        raw_sha256="ab" * 32,
    )
    doc = to_document(raw)
    assert doc.published is not None
    assert (doc.published.value, doc.published_origin) == ("2024-05-09", "inferred")
    assert doc.id.startswith("doc_")
    assert doc.text == "The talks resumed on 2 May 2024 and ended on 9 May 2024."
    with pytest.raises(ValueError, match=r"empty\.txt: no article text left"):
        to_document(RawArticle(source="empty.txt", text="Share\nText Size\nSmall\nLarge"))


def test_to_document_metadata_date_and_impossible_date() -> None:
    ok = to_document(
        RawArticle("a.txt", "Some text here.", published="2024-03", published_origin="manifest")
    )
    assert ok.published is not None
    assert (ok.published.value, ok.published.granularity, ok.published_origin) == (
        "2024-03",
        "month",
        "manifest",
    )
    bad = to_document(
        RawArticle(
            "b.txt", "No dates in here.", published="31 February 2024", published_origin="metadata"
        )
    )
    assert bad.published is None
    assert bad.published_origin == "unknown"
    assert any("31 February 2024" in note for note in bad.notes)


_TOKENS = [
    *"abcXY .,!?…“”’'\"-—:;·•1234",
    *("\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "Share", "Sign up", "Comments"),
    *("(Getty)", "Published 3 May 2024", "Home | A | B", " said. ", "31 February 2024"),
]
_TEXT = st.one_of(
    st.lists(st.sampled_from(_TOKENS), max_size=120).map("".join),
    st.text(max_size=300),
)


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.one_of(st.none(), st.text(max_size=20)))
def test_property_cleaning_never_crashes_and_keeps_text_verbatim(
    text: str, title: str | None
) -> None:
    cleaned = clean_text(text, title)
    flat = collapse_ws(text)
    if cleaned.text:
        for paragraph in cleaned.text.split("\n\n"):
            assert paragraph
            assert paragraph in flat
            assert not re.search(r"\s\s|\n", paragraph)
