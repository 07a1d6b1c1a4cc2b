"""The read-only Cypher catalog by name, as rows for notebooks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from app.api.deps import Service
from app.api.errors import error_responses
from app.api.models import CatalogListing, QueryRows

router = APIRouter(prefix="/queries", tags=["catalog"])


@router.get(
    "",
    operation_id="listQueries",
    summary="The catalog queries: what each answers, its parameters and its Cypher",
    response_model=CatalogListing,
    responses=error_responses(503),
)
def list_queries(service: Service) -> dict:
    return {"queries": service.catalog_queries()}


@router.get(
    "/{name}",
    operation_id="runQuery",
    summary="Rows of one catalog query, its parameters given in the query string",
    description="Every parameter the query lists is required; unknown ones are refused. Types: "
    "`list` (repeat the parameter, or separate values by commas), `date` (YYYY, YYYY-MM or "
    "YYYY-MM-DD), `integer`, `string`. Example: "
    "`/queries/snapshot_agencies?jurisdiction=nanchang&at=2021-01-01`. At most 10,000 rows.",
    response_model=QueryRows,
    responses=error_responses(404, 422, 503),
)
def run_query(
    service: Service,
    request: Request,
    name: Annotated[str, Path(description="Query name", examples=["snapshot_agencies"])],
) -> dict:
    raw: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        raw.setdefault(key, []).append(value)
    return service.run_query(name, raw)
