"""``create_app(settings)``: the FastAPI workbench (server-rendered pages plus a JSON API)."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import ExitStack, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from caseboard.errors import CaseBusyError, StoreError, UsageError
from caseboard.settings import Settings
from caseboard.store.db import open_case
from caseboard.web.state import Workbench

log = logging.getLogger("caseboard.web")
HERE = Path(__file__).parent

# No inline script or style: article text can never execute, even if escaping failed somewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(HERE / "templates"))
    t.env.autoescape = True  # every template, whatever its extension
    return t


def create_app(settings: Settings) -> FastAPI:
    """The workbench for the case in ``settings`` (the store is opened at startup)."""
    from caseboard.web import api, pages  # noqa: PLC0415

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with ExitStack() as stack:
            store = stack.enter_context(open_case(settings))
            upload_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cb-web-")))
            wb = Workbench(settings, store, upload_dir)
            app.state.wb = wb
            wb.ensure_quote_index()
            wb.view()  # read the case before serving: no request pays for it
            try:
                yield
            finally:
                for t in wb.threads:
                    t.join(timeout=120)

    app = FastAPI(
        title=f"caseboard workbench: {settings.case}",
        version="1",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.templates = templates()

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": message}, status_code=status)
        return app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
            request, "error.html", {"status": status, "message": message}, status_code=status
        )

    @app.exception_handler(UsageError)
    async def usage_error(request: Request, exc: UsageError) -> Response:
        return error(request, 422, str(exc))

    @app.exception_handler(CaseBusyError)
    async def busy_error(request: Request, exc: CaseBusyError) -> Response:
        return error(request, 409, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error(request, 503, str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": _plain(exc.errors())}, status_code=422)
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return error(request, 422, f"{where}: {first.get('msg', 'invalid value')}")

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204)

    return app


def _plain(errors: object) -> object:
    """Validation errors without the raw input echoed back (it may be huge or hostile)."""
    if not isinstance(errors, list | tuple):
        return errors
    return [
        {"loc": e.get("loc"), "msg": e.get("msg"), "type": e.get("type")}
        for e in errors
        if isinstance(e, dict)
    ]
