"""Shared pieces of the CLI: options, settings, error mapping to exit codes."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from caseboard.errors import CaseboardError, CaseBusyError, InputError, UsageError

CaseOpt = Annotated[
    str, typer.Option("--case", "-c", help="Case name (default store: ./<case>.caseboard.duckdb).")
]
DbOpt = Annotated[Path | None, typer.Option("--db", help="Path of the case store file.")]

F = TypeVar("F", bound=Callable[..., Any])


def err(message: str) -> None:
    """Print an error line to stderr; the message is shown as plain text (never as markup)."""
    from rich.console import Console  # noqa: PLC0415

    Console(stderr=True).print("error: " + message, markup=False, highlight=False, soft_wrap=True)


def handle_errors(fn: F) -> F:
    """Map typed errors to a one-line message and the documented exit code."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (UsageError, ValueError) as exc:
            err(str(exc))
            raise typer.Exit(2) from exc
        except (CaseBusyError, InputError, CaseboardError) as exc:
            err(str(exc))
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]


def settings_for(case: str, db: Path | None, **overrides: Any) -> Any:
    """Build Settings from CLI options; ``None`` overrides keep the default/environment value."""
    from pydantic import ValidationError  # noqa: PLC0415

    from caseboard.settings import Settings  # noqa: PLC0415

    try:
        return Settings(case=case, db=db, **{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise UsageError(f"invalid setting {first['loc']}: {first['msg']}") from exc


def warn_if_stale(settings: Any, store: Any = None) -> None:
    """Say on stderr when the stored analysis is older than the documents (add --no-analysis);
    ``store``: the case already open, else it is opened to look."""
    from rich.console import Console  # noqa: PLC0415

    from caseboard import service  # noqa: PLC0415
    from caseboard.store.db import open_case  # noqa: PLC0415

    if store is None:
        with open_case(settings, read_only=True) as opened:
            warning = service.stale_analysis_warning(opened)
    else:
        warning = service.stale_analysis_warning(store)
    if warning:
        Console(stderr=True).print("warning: " + warning, markup=False, highlight=False)
