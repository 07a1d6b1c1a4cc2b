"""Source documents and what they support."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.api.deps import Service
from app.api.errors import error_responses
from app.api.models import SourceDocument

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get(
    "/{id}",
    operation_id="getSource",
    summary="A source document and the records it supports, with locators",
    response_model=SourceDocument,
    responses=error_responses(404, 422, 503),
)
def get_source(
    service: Service,
    id: Annotated[str, Path(description="Source id", examples=["nanchang-daily-2021-12-17"])],
) -> dict:
    return service.source(id)
