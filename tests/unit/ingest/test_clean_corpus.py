"""The cleaner on the shared reference corpus (read from ../shared at run time; skipped if absent).

Only labels, names and counts are written here, never the corpus sentences.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from caseboard.ingest.clean import clean_text, collapse_ws

pytestmark = pytest.mark.corpus

# file prefix -> boilerplate reasons that must be found (and the marker words that must be gone)
EXPECTED: dict[str, tuple[set[str], tuple[str, ...]]] = {
    "000": (
        {"title", "caption", "share_menu", "comments", "duplicate"},
        ("Leave a Reply", "Text Size", "Line Spacing", "(Getty)", "will not be published"),
    ),
    "001": ({"reprint_notice"}, ("reprinted with permission",)),
    "002": ({"title", "comments", "related_posts"}, ("Popular posts from this blog",)),
    "003": (set(), ()),
    "004": (
        {"title", "caption", "newsletter", "paywall"},
        ("Subscribe to", "Sign up", "Newsletter", "Image credit", "Continue reading"),
    ),
}


def _load(venezuela_dir: Path) -> dict[str, tuple[str, str]]:
    with (venezuela_dir / "manifest.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["file"][:3]: ((venezuela_dir / row["file"]).read_text(encoding="utf-8"), row["title"])
        for row in rows
    }


@pytest.fixture(scope="module")
def corpus(venezuela_dir: Path) -> dict[str, tuple[str, str]]:
    return _load(venezuela_dir)


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_boilerplate_removed_and_text_verbatim(
    corpus: dict[str, tuple[str, str]], prefix: str
) -> None:
    source, title = corpus[prefix]
    cleaned = clean_text(source, title)
    reasons, markers = EXPECTED[prefix]
    assert reasons <= {r.reason for r in cleaned.removed}
    for marker in markers:
        assert marker not in cleaned.text
        assert any(marker in r.text for r in cleaned.removed)
    flat = collapse_ws(source)
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) >= 10
    for paragraph in paragraphs:
        assert paragraph
        assert paragraph in flat
        assert "\n" not in paragraph


def test_000_lede_once_and_full_version_kept(corpus: dict[str, tuple[str, str]]) -> None:
    source, title = corpus["000"]
    cleaned = clean_text(source, title)
    paragraphs = cleaned.text.split("\n\n")
    assert len(set(paragraphs)) == len(paragraphs)
    # paragraphs the source repeats (the duplicated lede) occur exactly once
    blocks = [collapse_ws(b) for b in source.split("\n\n") if b.strip()]
    repeated = {b for b in blocks if blocks.count(b) > 1}
    assert len(repeated) == 2
    for paragraph in repeated:
        assert cleaned.text.count(paragraph) == 1
    # the truncated copy (ends with an ellipsis) is gone, its full version kept
    truncated = [
        r.text for r in cleaned.removed if r.reason == "duplicate" and r.text.endswith("…")
    ]
    assert len(truncated) == 1
    assert cleaned.text.count(truncated[0][:-1]) == 1
    assert [r.reason for r in cleaned.removed].count("duplicate") == 3


def test_001_reprint_notice_kept_as_note(corpus: dict[str, tuple[str, str]]) -> None:
    source, title = corpus["001"]
    cleaned = clean_text(source, title)
    assert len(cleaned.notes) == 1
    assert "Radio Free Europe" in cleaned.notes[0]
    # one paragraph per line: headings stay separate, nothing is merged
    assert (
        len(cleaned.text.split("\n\n")) == len([ln for ln in source.splitlines() if ln.strip()]) - 1
    )


def test_003_hard_wraps_reflowed(corpus: dict[str, tuple[str, str]]) -> None:
    source, title = corpus["003"]
    cleaned = clean_text(source, title)
    paragraphs = cleaned.text.split("\n\n")
    wrapped = [
        collapse_ws(block)
        for block in source.split("\n\n")
        if block.strip().count("\n") >= 1 and block.strip().split("\n")[0][-1] not in ".?!”"
    ]
    assert len(wrapped) >= 20
    for block in wrapped:  # a sentence broken over lines is one paragraph again
        assert block in paragraphs
    assert all("\n" not in p for p in paragraphs)
