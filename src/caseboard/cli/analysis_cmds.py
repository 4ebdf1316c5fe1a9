"""CLI commands for the cross-document analysis: timeline, contradictions, relations, ACH."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""
