"""Search agencies and functions by any name."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from app.api.deps import Service
from app.api.errors import error_responses
from app.api.models import SearchResults
from app.service import MAX_SEARCH_LIMIT

router = APIRouter(tags=["search"])


@router.get(
    "/search",
    operation_id="search",
    summary="Find agencies and functions by name, former name or alias",
    description="Simplified and traditional forms match each other (行政审批局 finds 行政審批局 "
    "and back). Best matches first: exact, then prefix, then substring; current names before "
    "former names and aliases.",
    response_model=SearchResults,
    responses=error_responses(422, 503),
)
def search(
    service: Service,
    q: Annotated[str, Query(min_length=1, description="Text to find", examples=["行政审批局"])],
    kind: Annotated[
        Literal["agency", "function"] | None, Query(description="Only this kind of record")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_SEARCH_LIMIT, description="Most results")] = 20,
) -> dict:
    return service.search(q, kind=kind, limit=limit)
