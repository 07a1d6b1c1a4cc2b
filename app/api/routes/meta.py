"""Health of the service and its engine."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import Service
from app.api.errors import error_responses
from app.api.models import Health

router = APIRouter(tags=["service"])


@router.get(
    "/health",
    operation_id="getHealth",
    summary="Service status and the backend in use",
    description="`200` when the engine answers a query; `503` with a hint when it does not.",
    response_model=Health,
    responses=error_responses(503),
)
def health(service: Service) -> dict:
    return service.health()
