"""Quantities (first pass: none yet)."""

from __future__ import annotations

from typing import Any

from caseboard.extract.base import ParsedDoc, Stage

NAME, VERSION = "quantities", "0.0"


def _run(p: ParsedDoc) -> dict[str, Any]:
    return {"quantities": ()}


STAGE = Stage(NAME, VERSION, requires=("doc",), assigns=("quantities",), run=_run)
