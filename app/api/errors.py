"""Errors as one JSON shape, translated once: core errors, request validation, unknown routes.

{"error": {"status", "code", "message", "hint", "candidates", "details"}}
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.models import ErrorResponse
from app.errors import (
    AmbiguousName,
    BackendError,
    BackendUnavailable,
    InvalidInput,
    LineageError,
    NotFound,
    QueryFailed,
)

log = logging.getLogger("lineage.api")

# Most specific first.
STATUS: list[tuple[type[LineageError], int]] = [
    (NotFound, 404),
    (AmbiguousName, 409),
    (InvalidInput, 422),
    (BackendUnavailable, 503),
    (QueryFailed, 503),
    (BackendError, 503),
]

QUERY_FAILED_HINT = (
    "the graph engine failed while answering; try again shortly, and if it persists check "
    "`GET /health` and the server log"
)

# The error statuses a route may answer with, for the OpenAPI document.
_DESCRIPTIONS = {
    404: "Unknown id (or name), or unknown route",
    409: "A name matched several records; `candidates` lists them",
    422: "Malformed input: a bad date, a number out of range, an unknown value",
    503: "The graph engine is down or failed; `hint` says what to do",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    wanted = statuses or (404, 422, 503)
    return {s: {"model": ErrorResponse, "description": _DESCRIPTIONS[s]} for s in wanted}


def error_body(
    status: int,
    code: str,
    message: str,
    hint: str | None = None,
    candidates: list[dict[str, Any]] | None = None,
    details: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "error": {
            "status": status,
            "code": code,
            "message": message,
            "hint": hint,
            "candidates": candidates or [],
            "details": details or [],
        }
    }


def error_response(status: int, body: dict[str, Any], **headers: str) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=headers or None)


def status_of(exc: LineageError) -> int:
    for kind, status in STATUS:
        if isinstance(exc, kind):
            return status
    return 500


def lineage_error_body(exc: LineageError) -> tuple[int, dict[str, Any]]:
    status = status_of(exc)
    hint = exc.hint
    if isinstance(exc, QueryFailed) and not hint:
        hint = QUERY_FAILED_HINT
    candidates = getattr(exc, "candidates", None)
    if status >= 500:
        log.warning("%s: %s", exc.code, exc.message)
    message = exc.message
    if isinstance(exc, QueryFailed):
        # The engine's own text may quote the query; it goes to the log, not to the client.
        message = "the graph engine failed to answer this request"
    return status, error_body(status, exc.code, message, hint, candidates)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    details = []
    for error in exc.errors():
        loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
        details.append(
            {"loc": loc, "message": str(error.get("msg", "")), "type": error.get("type", "")}
        )
    return details


_HTTP_CODES = {404: "not_found", 405: "method_not_allowed"}


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    @app.exception_handler(LineageError)
    async def _lineage(request: Request, exc: LineageError) -> JSONResponse:
        status, body = lineage_error_body(exc)
        headers = {"Retry-After": "5"} if status == 503 else {}
        return error_response(status, body, **headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc)
        where = ", ".join(".".join(map(str, d["loc"][1:] or d["loc"])) for d in details)
        message = f"invalid request: {where}" if where else "invalid request"
        return error_response(422, error_body(422, "invalid_input", message, details=details))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code
        code = _HTTP_CODES.get(status, "http_error")
        if status == 404:
            message = f"no route {request.url.path}"
            hint = "see /docs for the routes"
        elif status == 405:
            message = f"{request.method} is not allowed here: this service is read-only"
            hint = "use GET"
        else:
            message, hint = str(exc.detail), None
        return error_response(
            status, error_body(status, code, message, hint), **(exc.headers or {})
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(
            500,
            error_body(
                500,
                "internal_error",
                "an unexpected error occurred",
                "this is a bug in the service; the server log has the details",
            ),
        )
