"""Time expressions (first pass: none yet; the temporal tagger replaces this stage)."""

from __future__ import annotations

from typing import Any

from caseboard.extract.base import ParsedDoc, Stage

NAME, VERSION = "timexes", "0.0"


def _run(p: ParsedDoc) -> dict[str, Any]:
    return {"timexes": ()}


STAGE = Stage(NAME, VERSION, requires=("doc",), assigns=("timexes",), run=_run)
