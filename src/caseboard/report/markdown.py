"""Markdown rendering of a :class:`~caseboard.report.brief.Brief`.

Citations are numbered footnotes (``[^3]``) that quote the source sentence with outlet and date.
Article text is escaped so that a Markdown viewer shows it as text: HTML is neutralised
(``<`` ``>`` ``&`` become entities) and Markdown syntax characters are backslash-escaped.
"""

from __future__ import annotations

import re

from caseboard.report.brief import Brief, Cell, Line, Section

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")


def escape(text: str) -> str:
    """Text for Markdown: no raw HTML, no accidental emphasis, links or tables; one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _refs(cites: tuple[int, ...]) -> str:
    return "".join(f"[^{n}]" for n in cites)


def _line(line: Line) -> str:
    parts = []
    if line.label:
        parts.append(f"**{escape(line.label)}**: ")
    parts.append(escape(line.text))
    if line.note:
        parts.append(f" — {escape(line.note)}")
    return "- " + "".join(parts) + " " + _refs(line.cites)


def _cell(cell: Cell) -> str:
    return (escape(cell.text) + " " + _refs(cell.cites)).strip()


def _section(section: Section) -> list[str]:
    out = [f"## {escape(section.title)}", ""]
    if section.is_empty:
        return [*out, f"_{escape(section.empty)}_", ""]
    for group in section.groups:
        lines = [line for line in group.lines if line.cites]
        if group.heading:
            out.append(f"### {escape(group.heading)}")
            out.append("")
        if group.note:
            out.append(f"_{escape(group.note)}_")
            out.append("")
        out.extend(_line(line) for line in lines)
        if group.more:
            out.append(f"- … and {group.more} more")
        if lines or group.more:
            out.append("")
    if section.table is not None:
        t = section.table
        out.append("| " + " | ".join(_cell(c) for c in t.headers) + " |")
        out.append("|" + "---|" * len(t.headers))
        out.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in t.rows)
        out.append("")
    return out


def render_markdown(brief: Brief) -> str:
    out = [
        f"# Brief: {escape(brief.case)}",
        "",
        (
            f"_Generated {escape(brief.generated_at)} by caseboard from {brief.documents} "
            "source(s). Every statement cites its source sentence (footnotes)._"
        ),
        "",
    ]
    for section in brief.sections:
        out.extend(_section(section))
    if brief.citations:
        out.extend(["## Citations", ""])
        for c in brief.citations:
            title = f", {escape(c.title)}" if c.title else ""
            out.append(
                f"[^{c.n}]: {escape(c.outlet)}, {escape(c.published)}{title}: "
                f"“{escape(c.sentence)}”"
            )
        out.append("")
    return "\n".join(out)
