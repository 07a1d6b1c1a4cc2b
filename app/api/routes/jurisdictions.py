"""Jurisdictions: organisation charts on a date, what changed between two, devolutions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter

from app.api.deps import JurisdictionId, Service, date_query
from app.api.errors import error_responses
from app.api.models import Devolutions, Diff, Jurisdiction, Jurisdictions, Snapshot

router = APIRouter(prefix="/jurisdictions", tags=["jurisdictions"])


@router.get(
    "",
    operation_id="listJurisdictions",
    summary="Every jurisdiction, with its level and parent",
    response_model=Jurisdictions,
    responses=error_responses(503),
)
def list_jurisdictions(service: Service) -> dict:
    return {"jurisdictions": service.jurisdictions()}


@router.get(
    "/{id}",
    operation_id="getJurisdiction",
    summary="One jurisdiction, with its level and parent",
    response_model=Jurisdiction,
    responses=error_responses(404, 422, 503),
)
def get_jurisdiction(service: Service, id: JurisdictionId) -> dict:
    return service.jurisdiction(id)


@router.get(
    "/{id}/snapshot",
    operation_id="getJurisdictionSnapshot",
    summary="The organisation chart on a date: agencies alive, their names then, their functions",
    description="An agency is alive on a date if it began on or before it and had not ended. "
    "`at` defaults to today; a month or year stands for its first day.",
    response_model=Snapshot,
    responses=error_responses(404, 422, 503),
)
def get_snapshot(
    service: Service,
    id: JurisdictionId,
    at: Annotated[str | None, date_query("The date (default: today)", "2021-01-01")] = None,
) -> dict:
    return service.snapshot(id, at or dt.date.today().isoformat())


@router.get(
    "/{id}/diff",
    operation_id="getJurisdictionDiff",
    summary="What changed between two dates: agencies and functions, with counts",
    description="Changes after `from`, up to and on `to` (so that the snapshot on `from` plus "
    "these changes gives the snapshot on `to`): agencies established, abolished, renamed, "
    "merged, split; functions moved, devolved, created, retired.",
    response_model=Diff,
    responses=error_responses(404, 422, 503),
)
def get_diff(
    service: Service,
    id: JurisdictionId,
    date_from: Annotated[str, date_query("Start date (exclusive)", "2021-01-01", "from")],
    date_to: Annotated[str, date_query("End date (inclusive)", "2022-01-01", "to")],
) -> dict:
    return service.diff(id, date_from, date_to)


@router.get(
    "/{id}/devolutions",
    operation_id="getJurisdictionDevolutions",
    summary="Functions and approval items devolved to a jurisdiction's agencies, by event",
    response_model=Devolutions,
    responses=error_responses(404, 422, 503),
)
def get_devolutions(service: Service, id: JurisdictionId) -> dict:
    return service.devolutions(id)
