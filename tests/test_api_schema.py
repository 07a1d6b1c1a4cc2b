"""Property-based run of the OpenAPI schema (schemathesis): for generated requests to every
operation, no server error and every response matches its documented status, type and schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app.api import create_app
from app.service import LineageService
from app.settings import Settings
from app.storage.embedded import EmbeddedStore

EXAMPLES_PER_OPERATION = 30


@pytest.fixture(scope="module")
def api_schema(bundled_db: Path) -> Iterator[schemathesis.BaseSchema]:
    store = EmbeddedStore(bundled_db)
    app = create_app(Settings(LINEAGE_DB_PATH=bundled_db), service=LineageService(store))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    store.close()


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.engine("embedded")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_generated_requests_get_documented_answers(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    )
