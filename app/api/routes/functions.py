"""Functions and who held them."""

from __future__ import annotations

from fastapi import APIRouter, Response

from app.api.deps import FunctionId, Service, point_answer
from app.api.errors import error_responses
from app.api.models import Function, FunctionTrail

router = APIRouter(prefix="/functions", tags=["functions"])


@router.get(
    "/{id}",
    operation_id="getFunction",
    summary="A function: its holders over time, who holds it now, where it came from and went",
    description="`current` lists the holders now (empty for a retired function); `predecessors` "
    "and `successors` link functions merged into or split from it.",
    response_model=Function,
    responses=error_responses(404, 409, 422, 503),
)
async def get_function(service: Service, id: FunctionId) -> Response:
    return await point_answer(service, service.function, id)


@router.get(
    "/{id}/trail",
    operation_id="getFunctionTrail",
    summary="Where a function went: every holder in order, with the events and their sources",
    description="Holders ordered by when they began to hold it (`since` null: before the records "
    "begin; `until` null: still held), and every event that moved, created or retired it.",
    response_model=FunctionTrail,
    responses=error_responses(404, 409, 422, 503),
)
async def get_function_trail(service: Service, id: FunctionId) -> Response:
    return await point_answer(service, service.function_trail, id)
