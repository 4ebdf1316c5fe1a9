"""HTML rendering of a brief: one self-contained file that works offline.

The page is readable without JavaScript (every section, and a numbered list of citations with
their source sentences). With JavaScript, a citation shows its source sentence highlighted inside
its paragraph, and the timeline and the relation graph become interactive with vis-timeline and
vis-network. Those libraries are npm packages installed by ``scripts/setup.sh`` into
``<venv>/frontend/node_modules`` and inlined at generation time; they are never committed.

Safety: Jinja2 autoescaping is on; the citation data is JSON embedded in a
``<script type="application/json">`` with ``<``, ``>``, ``&`` and line separators escaped, and the
page script renders article text with ``textContent`` only.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caseboard.report.brief import Brief

# npm package -> file inside it (the standalone UMD builds bundle their peer dependencies).
VIS_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("vis-timeline", "standalone/umd/vis-timeline-graph2d.min.js"),
    ("vis-network", "standalone/umd/vis-network.min.js"),
)


@dataclass(frozen=True, slots=True)
class Asset:
    name: str
    version: str
    code: str


def default_asset_dirs() -> tuple[Path, ...]:
    """Where setup installs the front-end packages (the venv), then a local npm install."""
    here = Path(__file__).resolve()
    return (
        Path(sys.prefix) / "frontend" / "node_modules",
        here.parents[3] / "frontend" / "node_modules",
    )


def find_assets(dirs: tuple[Path, ...] | None = None) -> list[Asset]:
    """The visualisation libraries that are installed, ready to inline (empty if none)."""
    found: list[Asset] = []
    for name, rel in VIS_LIBRARIES:
        for base in dirs if dirs is not None else default_asset_dirs():
            path = base / name / rel
            if path.is_file():
                meta = json.loads((base / name / "package.json").read_text(encoding="utf-8"))
                found.append(Asset(name, str(meta.get("version", "")), _inline_js(path)))
                break
    return found


def _inline_js(path: Path) -> str:
    """Library code made safe to sit inside a <script> element."""
    code = path.read_text(encoding="utf-8")
    code = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", code)
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


def json_for_script(data: Any) -> str:
    """JSON that cannot end or confuse a <script type="application/json"> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def page_data(brief: Brief) -> dict[str, Any]:
    """What the page script needs: citations with their paragraphs, timeline and graph."""
    return {
        "citations": {
            str(c.n): {
                "outlet": c.outlet,
                "published": c.published,
                "title": c.title,
                "paragraph": c.paragraph,
                "sentence": list(c.sentence_in_paragraph),
                "span": list(c.span_in_paragraph),
            }
            for c in brief.citations
        },
        "timeline": list(brief.timeline),
        "graph": brief.graph,
    }


def render_html(brief: Brief, assets: list[Asset] | None = None) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape  # noqa: PLC0415

    env = Environment(
        loader=PackageLoader("caseboard.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    template = env.get_template("brief.html.j2")
    libs = find_assets() if assets is None else assets
    return template.render(
        brief=brief,
        data_json=json_for_script(page_data(brief)),
        libs=libs,
    )
