"""The HTTP API: a read-only FastAPI application, thin over the core service.

    uvicorn --factory app.api:create_app        # or: lineage serve

Settings are read when the application is created, never at import. One store (one engine
connection or pool) per process, opened on first use and shared by all requests.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api import errors
from app.api.routes import ROUTERS
from app.service import LineageService
from app.settings import Settings
from app.storage import GraphStore, open_store

API_VERSION = "1.0.0"

DESCRIPTION = """\
Institutional lineage of Chinese government agencies: where functions went, what became of
agencies, what a jurisdiction's organisation chart looked like on a date, which reform did it,
and which source document says so.

* Read-only: every route is a `GET`.
* Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; answers give them at the precision the source does.
* Ids are stable, URL-safe slugs. Agency and function routes also accept a name (简体 or 繁體);
  a name that matches several records answers `409` with the candidates.
* Every answer about agencies, functions or events carries `sources`: title, publisher,
  publication date, address (`url`) and locator (`pN`: the N-th paragraph).
* Every error has one shape: `{"error": {"status", "code", "message", "hint", "candidates",
  "details"}}`.
"""

TAGS = [
    {"name": "service", "description": "Health of the service and its engine"},
    {"name": "search", "description": "Find agencies and functions by any name"},
    {"name": "agencies", "description": "Agencies over time and their succession"},
    {"name": "functions", "description": "Functions (职能, 事项) and who held them"},
    {"name": "jurisdictions", "description": "Organisation charts on a date and what changed"},
    {"name": "events", "description": "The timeline of reform events"},
    {"name": "reforms", "description": "Reforms and the measures they report"},
    {"name": "sources", "description": "Source documents and what they support"},
    {"name": "catalog", "description": "The read-only Cypher catalog, by name, as rows"},
]


# Concurrent requests share one engine per process: for the embedded engine, one read-only
# Database with a pool of connections, each running its query on one thread. Scans run in
# request threads; point answers run on the event loop (app/api/deps.py), which gets the one
# connection more than there are threads, so it never waits for a thread's query to end.
REQUEST_THREADS = 8
EMBEDDED_CONNECTIONS = REQUEST_THREADS + 1


def open_api_store(settings: Settings) -> GraphStore:
    """The store the settings name, set up for many small concurrent reads."""
    if settings.backend == "embedded":
        from app.storage.embedded import EmbeddedStore

        return EmbeddedStore(
            settings.db_path, connections=EMBEDDED_CONNECTIONS, threads_per_query=1
        )
    return open_store(settings)


class ServiceHolder:
    """The process's one service; opened on first use so that a backend that is down at start
    answers 503 per request (and is retried) instead of stopping the server."""

    def __init__(self, settings: Settings, service: LineageService | None) -> None:
        self.settings = settings
        self._service = service
        self._owned = service is None
        self._lock = threading.Lock()

    def get(self) -> LineageService:
        if self._service is None:
            with self._lock:
                if self._service is None:
                    self._service = LineageService(open_api_store(self.settings))
        return self._service

    def close(self) -> None:
        if self._owned and self._service is not None:
            self._service.store.close()
            self._service = None


class HeadAsGet:
    """Answer HEAD as GET without the body: the routes are all GETs, and `curl -I` should work."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


def create_app(settings: Settings | None = None, service: LineageService | None = None) -> FastAPI:
    """The application over `service`, or over the store `settings` name (read from the
    environment when not given)."""
    settings = settings if settings is not None else Settings()
    holder = ServiceHolder(settings, service)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Requests run the service in worker threads; more of them than engine connections only
        # queue on the pool while contending for the GIL (measured: a 40-thread pool answers 16
        # concurrent clients with a third higher p99 than 8 threads).
        anyio.to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
        yield
        holder.close()

    app = FastAPI(
        title="Institutional lineage API",
        version=API_VERSION,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        license_info={"name": "Apache-2.0", "identifier": "Apache-2.0"},
    )
    app.state.services = holder
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET"],
            allow_headers=["*"],
            max_age=600,
        )
    app.add_middleware(HeadAsGet)
    return app


__all__ = ["create_app"]
