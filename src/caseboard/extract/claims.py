"""Claims with certainty (first pass: none yet)."""

from __future__ import annotations

from typing import Any

from caseboard.extract.base import ParsedDoc, Stage

NAME, VERSION = "claims", "0.0"


def _run(p: ParsedDoc) -> dict[str, Any]:
    return {"claims": ()}


STAGE = Stage(NAME, VERSION, requires=("doc", "entities", "quotes"), assigns=("claims",), run=_run)
