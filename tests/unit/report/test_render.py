"""Brief assembly and the Markdown / HTML renderers on hand-built records."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from caseboard.report.brief import Brief, build_brief, main_pair
from caseboard.report.html import json_for_script, page_data, render_html
from caseboard.report.markdown import escape, render_markdown
from tests.unit.report import records

T1 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 3, 6, 17, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def brief() -> Brief:
    docs, exs, analysis = records.build()
    return build_brief("tarn", docs, exs, analysis, generated_at=T1)


def section(brief: Brief, key: str) -> str:
    """All text of a section's lines, for assertions."""
    s = next(s for s in brief.sections if s.key == key)
    return "\n".join(line.text for g in s.groups for line in g.lines)


def test_every_line_cites_a_sentence_that_contains_its_evidence(brief: Brief) -> None:
    docs, _, _ = records.build()
    texts = {d.id: d.text for d in docs}
    numbers = {c.n for c in brief.citations}
    assert numbers == set(range(1, len(brief.citations) + 1))
    for c in brief.citations:
        assert texts[c.span.doc][c.span.start : c.span.end] == c.span.text
        assert c.span.text.strip() in c.sentence or c.sentence in c.span.text
        s0, s1 = c.sentence_in_paragraph
        assert c.paragraph[s0:s1].strip() == c.sentence
        a0, a1 = c.span_in_paragraph
        assert c.paragraph[a0:a1] == c.span.text
    for s in brief.sections:
        for g in s.groups:
            for line in g.lines:
                assert line.cites, (s.key, line.text)
                assert set(line.cites) <= numbers


def test_sections_are_computed_from_the_records(brief: Brief) -> None:
    keys = [s.key for s in brief.sections]
    assert keys == [
        "findings", "actors", "relations", "timeline", "quotes", "numbers", "status",
        "contradictions", "hypotheses", "vulnerabilities", "third", "changes", "sources",
    ]  # fmt: skip
    findings = next(s for s in brief.sections if s.key == "findings")
    labels = [line.label for g in findings.groups for line in g.lines]
    # the corroborated figure and event (2 sources) come first, then the contested denial
    assert labels[:3] == ["2 sources", "2 sources", "contested: denial"]
    assert "Osterholm" in section(brief, "third")
    assert "Main pair: Dalmark and Fennland" in section(brief, "third")
    status = next(s for s in brief.sections if s.key == "status")
    by_group = {g.heading: [line.text for line in g.lines] for g in status.groups}
    assert by_group["Corroborated"] == ["9 frigates"]
    assert by_group["Contested"] == ["any letter had been sent"]
    quotes = next(s for s in brief.sections if s.key == "quotes")
    assert quotes.groups[0].heading == "Ada Quist"
    assert quotes.groups[0].lines[0].note is not None
    assert "Foreign Minister" in quotes.groups[0].lines[0].note
    ach = next(s for s in brief.sections if s.key == "hypotheses").table
    assert ach is not None
    assert [c.text for c in ach.rows[0][1:]] == ["C", "I*"]
    changes = next(s for s in brief.sections if s.key == "changes")
    assert changes.is_empty
    assert changes.empty == "This is the first brief of this case."


def test_main_pair_is_the_two_most_mentioned_states() -> None:
    _, _, analysis = records.build()
    pair = main_pair(analysis.entities)
    assert pair is not None
    assert [e.name for e in pair] == ["Dalmark", "Fennland"]


def test_what_changed_lists_new_sources_with_citations() -> None:
    docs, exs, analysis = records.build()
    previous = {"kind": "brief", "documents": [docs[0].id], "entities": [], "events": []}
    b = build_brief("tarn", docs, exs, analysis, previous=previous, generated_at=T1)
    text = section(b, "changes")
    assert "New source: Fennland denies sending a letter" in text
    assert "New event: Dalmark moves 9 frigates to the Tarn Strait" in text
    assert "New source: Harbour talks" not in text


def test_markdown_footnotes_quote_the_source_sentence(brief: Brief) -> None:
    md = render_markdown(brief)
    refs = [int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", md)]
    defs = [int(n) for n in re.findall(r"^\[\^(\d+)\]:", md, flags=re.MULTILINE)]
    assert defs == list(range(1, len(brief.citations) + 1))
    assert set(refs) == set(defs)
    quote_cite = next(c for c in brief.citations if c.span.text.startswith("We will not"))
    line = next(x for x in md.splitlines() if x.startswith(f"[^{quote_cite.n}]:"))
    assert "Harbour Times, 2026-03-03" in line
    assert "said Foreign Minister Ada Quist on Tuesday." in line


def test_markdown_escapes_markup_quotes_and_ampersands(brief: Brief) -> None:
    md = render_markdown(brief)
    assert "<script" not in md
    assert "<img" not in md
    assert "&lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt;" in md
    assert "Dalmark &amp; Fennland" in md
    assert escape('a "b" *c* [d](e)') == 'a "b" \\*c\\* \\[d\\](e)'


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_escapes_article_text(brief: Brief) -> None:
    page = render_html(brief, assets=[])
    parser = _Collect()
    parser.feed(page)
    assert not [t for t, a in parser.tags if t == "img"]
    hrefs = [a.get("href") or "" for t, a in parser.tags if t == "a"]
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    assert "&lt;a href=&#34;javascript:window.__pwned=3&#34;&gt;read more&lt;/a&gt;" in page
    scripts = [a for t, a in parser.tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "brief-data"}, {}]
    assert "A banner reading &lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x" in page
    assert "Dalmark &amp; Fennland trade blame" in page
    assert "&#34;We will not bargain under threat,&#34;" in page
    assert "http://" not in page.replace('"http://www.w3.org', "")
    assert "https://" not in page


def test_embedded_json_cannot_break_out_of_its_script(brief: Brief) -> None:
    page = render_html(brief, assets=[])
    body = page.split('<script type="application/json" id="brief-data">', 1)[1]
    body = body.split("</script>", 1)[0]
    assert "<" not in body
    assert ">" not in body
    assert "&" not in body
    data = json.loads(body)
    assert data == json.loads(json.dumps(page_data(brief)))
    para = "".join(c["paragraph"] for c in data["citations"].values())
    assert "<script>window.__pwned=1</script>" in para
    assert json_for_script({"x": "</script>\u2028"}) == '{"x":"\\u003c/script\\u003e\\u2028"}'


def test_render_twice_is_identical_apart_from_the_timestamp() -> None:
    docs, exs, analysis = records.build()
    one = build_brief("tarn", docs, exs, analysis, generated_at=T1)
    docs2, exs2, analysis2 = records.build()
    two = build_brief(
        "tarn", list(reversed(docs2)), list(reversed(exs2)), analysis2, generated_at=T2
    )
    for render in (render_markdown, lambda b: render_html(b, assets=[])):
        a, b = render(one), render(two)
        assert a != b
        assert a.replace("2026-03-05T09:00:00Z", "T") == b.replace("2026-03-06T17:30:00Z", "T")


def test_empty_case_says_so_briefly() -> None:
    b = build_brief("empty", [], [], records.Analysis(), generated_at=T1)
    md = render_markdown(b)
    assert "_No relations found yet._" in md
    assert "_No hypotheses yet._" in md
    assert "## Citations" not in md
    page = render_html(b, assets=[])
    assert "No contradictions found." in page
