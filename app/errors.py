"""The one error hierarchy of the core; each edge (HTTP, CLI) translates it once.

LineageError
├── NotFound            an id or name that matches nothing
├── AmbiguousName       a name that matches several records; carries the candidates
├── InvalidInput        a malformed date, a depth out of range, an unknown direction
├── DatasetInvalid      dataset files that break a consistency rule; carries the problems
└── BackendError        the storage engine failed
    ├── BackendUnavailable   it cannot be reached or opened (missing database, server down)
    └── QueryFailed          a query failed inside a reachable engine
"""

from __future__ import annotations

from typing import Any


class LineageError(Exception):
    """Base of every error the core raises on purpose."""

    code = "lineage_error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.hint:
            body["hint"] = self.hint
        return body


class NotFound(LineageError):
    code = "not_found"


class AmbiguousName(LineageError):
    code = "ambiguous_name"

    def __init__(self, name: str, candidates: list[dict[str, Any]]) -> None:
        listing = ", ".join(f"{c['id']} ({c['name']})" for c in candidates)
        super().__init__(
            f"{name!r} matches {len(candidates)} records: {listing}",
            hint="pass one of the ids instead",
        )
        self.candidates = candidates

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "candidates": self.candidates}


class InvalidInput(LineageError):
    code = "invalid_input"


class DatasetInvalid(LineageError):
    code = "dataset_invalid"

    def __init__(self, problems: list[Any]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(
            f"the dataset breaks {len(errors)} rule(s); nothing was written",
            hint="run `lineage validate` for the full list",
        )
        self.problems = problems


class BackendError(LineageError):
    code = "backend_error"


class BackendUnavailable(BackendError):
    code = "backend_unavailable"


class QueryFailed(BackendError):
    code = "query_failed"
