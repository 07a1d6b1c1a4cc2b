"""The point routes (agency, lineage, function, trail, event) send the service's answer as it is,
without validating it against their response model again: so every such answer must already
be exactly what the model would send. This holds them to it over the whole bundled dataset."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from app.api import create_app, models
from app.service import LineageService
from app.settings import Settings


def _ids(service: LineageService, label: str) -> list[str]:
    rows = service.store.read(f"MATCH (n:{label}) RETURN n.id AS id ORDER BY id", {})
    return [row["id"] for row in rows]


POINT_ANSWERS: list[tuple[str, type, str, Callable[[LineageService, str], Any]]] = [
    ("agency", models.Agency, "Agency", lambda s, i: s.agency(i)),
    ("lineage", models.Lineage, "Agency", lambda s, i: s.lineage(i, depth=10)),
    ("function", models.Function, "Function", lambda s, i: s.function(i)),
    ("trail", models.FunctionTrail, "Function", lambda s, i: s.function_trail(i)),
    ("event", models.Event, "Event", lambda s, i: s.event(i)),
]


@pytest.mark.parametrize(
    ("name", "model", "label", "answer"), POINT_ANSWERS, ids=[p[0] for p in POINT_ANSWERS]
)
def test_point_answers_are_their_response_model(
    service: LineageService, name: str, model: type, label: str, answer: Callable
) -> None:
    adapter = TypeAdapter(model)
    ids = _ids(service, label)
    assert ids, f"the bundled dataset has no {label}"
    for record_id in ids:
        raw = answer(service, record_id)
        through_model = json.loads(adapter.dump_json(adapter.validate_python(raw), by_alias=True))
        assert json.loads(json.dumps(raw)) == through_model, f"{name} {record_id}"


def test_point_routes_send_the_service_answer(service: LineageService) -> None:
    agency = "nanchang.natural-resources"
    with TestClient(create_app(Settings(), service=service)) as client:
        response = client.get(f"/agencies/{agency}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(json.dumps(service.agency(agency)))
