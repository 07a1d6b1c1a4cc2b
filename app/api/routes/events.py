"""The event timeline, and reforms."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from app.api.deps import Service, date_query, point_answer
from app.api.errors import error_responses
from app.api.models import Event, EventPage, Reform

router = APIRouter(tags=["events"])

EventType = Literal[
    "ESTABLISH", "RENAME", "MERGE", "SPLIT", "ABOLISH", "TRANSFER", "DEVOLVE", "CO_LOCATE",
    "RESTRUCTURE",
]  # fmt: skip


@router.get(
    "/events",
    operation_id="listEvents",
    summary="The timeline of events, filtered and paginated",
    description="Events in (date, id) order. Pass `next_cursor` as `cursor` for the next page; "
    "it is null on the last. `from` and `to` are inclusive; a year or month `to` includes its "
    "whole period. `jurisdiction` is the one an event is filed under (its reform's, else its "
    "first agency's).",
    response_model=EventPage,
    responses=error_responses(404, 422, 503),
)
def list_events(
    service: Service,
    jurisdiction: Annotated[str | None, Query(description="Jurisdiction id")] = None,
    type: Annotated[EventType | None, Query(description="Event type")] = None,
    date_from: Annotated[str | None, date_query("On or after this date", "2021", "from")] = None,
    date_to: Annotated[str | None, date_query("On or before this date", "2021-12", "to")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Events per page")] = 50,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> dict:
    return service.events_page(jurisdiction, type, date_from, date_to, limit, cursor)


@router.get(
    "/events/{id}",
    operation_id="getEvent",
    summary="One event: type, date, both sides, the functions it touched, its sources",
    response_model=Event,
    responses=error_responses(404, 422, 503),
)
async def get_event(
    service: Service,
    id: Annotated[
        str, Path(description="Event id", examples=["nanchang-2021-rename-natural-resources"])
    ],
) -> Response:
    return await point_answer(service, service.event, id)


@router.get(
    "/reforms/{id}",
    operation_id="getReform",
    summary="A reform: approval, documents, measures (党政机构 39 → 37) and its events",
    response_model=Reform,
    responses=error_responses(404, 422, 503),
    tags=["reforms"],
)
def get_reform(
    service: Service,
    id: Annotated[
        str, Path(description="Reform id", examples=["nanchang-2021-government-agency-adjustment"])
    ],
) -> dict:
    return service.reform(id)
