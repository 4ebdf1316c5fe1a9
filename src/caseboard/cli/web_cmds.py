"""CLI commands for the workbench (registered on the main app)."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from caseboard.cli.common import CaseOpt, DbOpt, handle_errors, settings_for
from caseboard.errors import UsageError

LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: the only hosts served without ``--public``."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, public: bool) -> None:
    if not public and not is_loopback(host):
        raise UsageError(
            f"refusing to serve on {host}: the workbench has no authentication and would expose "
            "the case to the network; bind to 127.0.0.1 or pass --public if you really mean it"
        )


def register(app: typer.Typer) -> None:
    """Add this area's commands to ``app``."""

    @app.command()
    @handle_errors
    def serve(
        case: CaseOpt = "case",
        db: DbOpt = None,
        port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
        host: Annotated[str, typer.Option(help="Interface to bind (loopback by default).")] = (
            "127.0.0.1"
        ),
        public: Annotated[
            bool, typer.Option("--public", help="Allow a non-loopback --host (no auth!).")
        ] = False,
    ) -> None:
        """Open the workbench: a local web app to explore the case (Ctrl-C to stop)."""
        check_host(host, public)
        import uvicorn  # noqa: PLC0415 (heavy)

        from caseboard.store.db import open_case  # noqa: PLC0415
        from caseboard.web import create_app  # noqa: PLC0415

        settings = settings_for(case, db)
        with open_case(settings):
            pass  # a busy or foreign file fails here with one clear line, before uvicorn starts
        app_ = create_app(settings)
        typer.echo(f"caseboard workbench for case {settings.case}: http://{host}:{port}/", err=True)
        uvicorn.run(app_, host=host, port=port, log_level="info")
