"""Agencies over time and their succession graph."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from app.api.deps import AgencyId, Service, date_query, point_answer
from app.api.errors import error_responses
from app.api.models import Agency, Lineage
from app.service import DEFAULT_DEPTH, MAX_DEPTH

router = APIRouter(prefix="/agencies", tags=["agencies"])


@router.get(
    "/{id}",
    operation_id="getAgency",
    summary="An agency: names over time, dates, events, functions now and before",
    description="What was it called when, which plaques (牌子) and units are part of it, when it "
    "began and ended, every event it took part in, and the functions it holds now and held "
    "before, each with its sources.",
    response_model=Agency,
    responses=error_responses(404, 409, 422, 503),
)
async def get_agency(service: Service, id: AgencyId) -> Response:
    return await point_answer(service, service.agency, id)


@router.get(
    "/{id}/lineage",
    operation_id="getAgencyLineage",
    summary="What an agency came from and what became of it: a bounded succession graph",
    description=f"Breadth first along SUCCEEDED_BY (merges, splits, abolitions, establishments), "
    f"up to `depth` steps (default {DEFAULT_DEPTH}, at most {MAX_DEPTH}). A graph that would grow "
    f"past the size cap, or continues beyond `depth`, comes back with `truncated: true`. With "
    f"`at`, only succession that had happened by that date.",
    response_model=Lineage,
    responses=error_responses(404, 409, 422, 503),
)
async def get_agency_lineage(
    service: Service,
    id: AgencyId,
    direction: Annotated[
        Literal["predecessors", "successors", "both"], Query(description="Which way to follow")
    ] = "both",
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Steps to follow")] = DEFAULT_DEPTH,
    at: Annotated[
        str | None, date_query("Only what existed on this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    ] = None,
) -> Response:
    return await point_answer(service, service.lineage, id, direction, depth, at)
