"""Errors over HTTP: one JSON shape on every route, the right status for each cause, no 500 for
user input, a backend that is down answering 503 with a hint, CORS from the settings, and a
read-only surface."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from app.api import create_app
from app.service import LineageService
from app.settings import Settings

ERROR_KEYS = {"status", "code", "message", "hint", "candidates", "details"}
APPROVAL = "nanchang.administrative-approval"
PERMIT = "nanchang.building-planning-permit"
NANCHANG = "/jurisdictions/nanchang"
ATLANTIS = "/jurisdictions/atlantis"


@pytest.fixture(scope="module")
def client(service: LineageService) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), service=service)) as client:
        yield client


@pytest.fixture
def down(tmp_path: Path) -> Iterator[TestClient]:
    """An app whose embedded database does not exist: the backend is unavailable."""
    settings = Settings(LINEAGE_BACKEND="embedded", LINEAGE_DB_PATH=tmp_path / "missing.lbug")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == ERROR_KEYS, error
    assert error["status"] == status
    assert isinstance(error["message"], str) and error["message"]
    assert error["hint"] is None or isinstance(error["hint"], str)
    assert isinstance(error["candidates"], list) and isinstance(error["details"], list)
    if code:
        assert error["code"] == code, error
    return error


# One request per route and error status it can give for user input. Every route is listed:
# a new route without a line here fails test_the_table_covers_every_route.
CASES: list[tuple[str, str, int, str]] = [
    ("/search", "/search", 422, "invalid_input"),
    ("/search", "/search?q=%20", 422, "invalid_input"),
    ("/search", "/search?q=x&limit=0", 422, "invalid_input"),
    ("/search", "/search?q=x&kind=reform", 422, "invalid_input"),
    ("/agencies/{id}", "/agencies/no-such-agency", 404, "not_found"),
    ("/agencies/{id}", "/agencies/局", 409, "ambiguous_name"),
    ("/agencies/{id}", "/agencies/%20", 422, "invalid_input"),
    ("/agencies/{id}/lineage", "/agencies/no-such-agency/lineage", 404, "not_found"),
    ("/agencies/{id}/lineage", f"/agencies/{APPROVAL}/lineage?depth=11", 422, "invalid_input"),
    ("/agencies/{id}/lineage", f"/agencies/{APPROVAL}/lineage?depth=0", 422, "invalid_input"),
    ("/agencies/{id}/lineage", f"/agencies/{APPROVAL}/lineage?depth=x", 422, "invalid_input"),
    ("/agencies/{id}/lineage", f"/agencies/{APPROVAL}/lineage?at=2021-13", 422, "invalid_input"),
    ("/agencies/{id}/lineage", f"/agencies/{APPROVAL}/lineage?at=2021-02-30", 422, "invalid_input"),
    ("/agencies/{id}/lineage", f"/agencies/{APPROVAL}/lineage?direction=up", 422, "invalid_input"),
    ("/functions/{id}", "/functions/no-such-function", 404, "not_found"),
    ("/functions/{id}", "/functions/%20", 422, "invalid_input"),
    ("/functions/{id}/trail", "/functions/不存在的职能/trail", 404, "not_found"),
    ("/functions/{id}/trail", "/functions/%20/trail", 422, "invalid_input"),
    ("/jurisdictions/{id}", "/jurisdictions/atlantis", 404, "not_found"),
    ("/jurisdictions/{id}/snapshot", f"{ATLANTIS}/snapshot?at=2021", 404, "not_found"),
    ("/jurisdictions/{id}/snapshot", f"{NANCHANG}/snapshot?at=21", 422, "invalid_input"),
    ("/jurisdictions/{id}/diff", f"{ATLANTIS}/diff?from=2020&to=2021", 404, "not_found"),
    ("/jurisdictions/{id}/diff", f"{NANCHANG}/diff?from=2020", 422, "invalid_input"),
    ("/jurisdictions/{id}/diff", f"{NANCHANG}/diff?from=2022&to=2021", 422, "invalid_input"),
    ("/jurisdictions/{id}/diff", f"{NANCHANG}/diff?from=x&to=2021", 422, "invalid_input"),
    ("/jurisdictions/{id}/devolutions", f"{ATLANTIS}/devolutions", 404, "not_found"),
    ("/events", "/events?jurisdiction=atlantis", 404, "not_found"),
    ("/events", "/events?limit=0", 422, "invalid_input"),
    ("/events", "/events?limit=501", 422, "invalid_input"),
    ("/events", "/events?type=EXPLODE", 422, "invalid_input"),
    ("/events", "/events?from=2021-00", 422, "invalid_input"),
    ("/events", "/events?from=2022&to=2021", 422, "invalid_input"),
    ("/events", "/events?cursor=not-a-cursor", 422, "invalid_input"),
    ("/events/{id}", "/events/no-such-event", 404, "not_found"),
    ("/events/{id}", "/events/%20", 422, "invalid_input"),
    ("/reforms/{id}", "/reforms/no-such-reform", 404, "not_found"),
    ("/sources/{id}", "/sources/no-such-source", 404, "not_found"),
    ("/queries/{name}", "/queries/no_such_query", 404, "not_found"),
    ("/queries/{name}", "/queries/snapshot_agencies?jurisdiction=nanchang", 422, "invalid_input"),
    ("/queries/{name}", "/queries/snapshot_agencies?jurisdiction=n&at=x", 422, "invalid_input"),
    ("/queries/{name}", "/queries/jurisdictions?extra=1", 422, "invalid_input"),
    ("/queries/{name}", "/queries/search_agencies?q=x&limit=-1", 422, "invalid_input"),
    ("/queries/{name}", "/queries/agencies_by_id?ids=,", 422, "invalid_input"),
]
# Routes that take no user input: they can fail only with the backend.
NO_INPUT = {"/health", "/jurisdictions", "/queries"}
# A well-formed request on each route, for the backend-down and method checks.
GOOD = {
    "/health": "/health",
    "/search": "/search?q=局",
    "/agencies/{id}": f"/agencies/{APPROVAL}",
    "/agencies/{id}/lineage": f"/agencies/{APPROVAL}/lineage",
    "/functions/{id}": f"/functions/{PERMIT}",
    "/functions/{id}/trail": f"/functions/{PERMIT}/trail",
    "/jurisdictions": "/jurisdictions",
    "/jurisdictions/{id}": "/jurisdictions/nanchang",
    "/jurisdictions/{id}/snapshot": f"{NANCHANG}/snapshot?at=2021",
    "/jurisdictions/{id}/diff": f"{NANCHANG}/diff?from=2021&to=2022",
    "/jurisdictions/{id}/devolutions": "/jurisdictions/liyang.tianmuhu/devolutions",
    "/events": "/events",
    "/events/{id}": "/events/nanchang-2021-rename-natural-resources",
    "/reforms/{id}": "/reforms/nanchang-2021-government-agency-adjustment",
    "/sources/{id}": "/sources/nanchang-daily-2021-12-17",
    "/queries": "/queries",
    "/queries/{name}": "/queries/jurisdiction_by_id?id=nanchang",
}


def api_routes(client: TestClient) -> set[str]:
    return set(client.app.openapi()["paths"])


def test_the_table_covers_every_route(client: TestClient) -> None:
    routes = api_routes(client)
    assert routes == set(GOOD)
    assert {route for route, *_ in CASES} | NO_INPUT == routes


@pytest.mark.parametrize(("route", "url", "status", "code"), CASES, ids=[c[1] for c in CASES])
def test_error_shape_and_status(
    client: TestClient, route: str, url: str, status: int, code: str
) -> None:
    error = assert_error(client.get(url), status, code)
    if status == 422 and error["details"]:
        for detail in error["details"]:
            assert set(detail) == {"loc", "message", "type"}


def test_every_good_request_succeeds(client: TestClient) -> None:
    for route, url in GOOD.items():
        assert client.get(url).status_code == 200, route


def test_ambiguous_names_list_the_candidates(client: TestClient) -> None:
    error = assert_error(client.get("/agencies/局"), 409, "ambiguous_name")
    assert len(error["candidates"]) > 1
    assert all(set(c) == {"id", "name"} for c in error["candidates"])
    assert error["hint"]
    trail = assert_error(client.get("/functions/许可/trail"), 409, "ambiguous_name")
    assert trail["candidates"]


def test_unknown_routes_and_methods_keep_the_shape(client: TestClient) -> None:
    assert_error(client.get("/nowhere"), 404, "not_found")
    assert_error(client.get("/agencies"), 404, "not_found")
    for route, url in GOOD.items():
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            error = assert_error(client.request(method, url), 405, "method_not_allowed")
            assert "read-only" in error["message"], route


@pytest.mark.parametrize("route", sorted(GOOD))
def test_a_backend_that_is_down_answers_503_with_a_hint(down: TestClient, route: str) -> None:
    response = down.get(GOOD[route])
    if route == "/queries":  # the catalog is read from files, not from the engine
        assert response.status_code == 200
        return
    error = assert_error(response, 503, "backend_unavailable")
    assert "lineage load" in error["hint"]
    assert response.headers["retry-after"]


def test_a_failing_query_does_not_poison_later_ones(
    service: LineageService, tmp_path: Path
) -> None:
    from app.catalog import Catalog

    (tmp_path / "broken.cypher").write_text(
        "// answers: nothing: it refers to a label the schema lacks\n// params: none\n"
        "MATCH (n:NoSuchLabel) RETURN n.id AS id\n",
        encoding="utf-8",
    )
    (tmp_path / "sources_count.cypher").write_text(
        "// answers: how many sources\n// params: none\nMATCH (s:Source) RETURN count(s) AS n\n",
        encoding="utf-8",
    )
    broken = LineageService(service.store, catalog=Catalog(tmp_path))
    with (
        TestClient(create_app(Settings(), service=broken)) as bad,
        TestClient(create_app(Settings(), service=service)) as good,
    ):
        for _ in range(3):
            error = assert_error(bad.get("/queries/broken"), 503, "query_failed")
            assert error["hint"]
            assert "NoSuchLabel" not in error["message"]  # engine text goes to the log only
            assert bad.get("/queries/sources_count").json()["rows"] == [{"n": 5}]
            assert good.get(f"/agencies/{APPROVAL}").status_code == 200


def test_input_reaches_cypher_only_as_parameters(client: TestClient) -> None:
    hostile = [
        "x' OR 1=1 //",
        "') MATCH (n) DETACH DELETE n //",
        "}) RETURN 1 UNION MATCH (n) RETURN n //",
        "`IN`",
        "$ids",
    ]
    for text in hostile:
        assert client.get("/search", params={"q": text}).json()["results"] == []
        assert_error(client.get(f"/events/{text}"), 404, "not_found")
        assert_error(client.get("/jurisdictions/x/snapshot", params={"id": text}), 404)
        response = client.get("/queries/jurisdiction_by_id", params={"id": text})
        assert response.status_code == 200 and response.json()["rows"] == []
    assert client.get("/health").json()["sources"] == 5  # nothing was deleted


def test_odd_input_never_gives_a_500(client: TestClient) -> None:
    odd = ["\x00", "%", "../..", "🙂" * 50, "a" * 5000, "\u202e局", "null", "-1", "1e999"]
    for text in odd:
        for url in (
            "/search",
            "/agencies/{t}",
            "/agencies/{t}/lineage",
            "/functions/{t}/trail",
            "/events/{t}",
            "/reforms/{t}",
            "/sources/{t}",
            "/jurisdictions/{t}/snapshot",
            "/queries/{t}",
        ):
            response = client.get(url.replace("{t}", quote(text, safe="")), params={"q": text})
            assert response.status_code < 500, (url, text, response.text)
        for name in ("at", "from", "to", "cursor", "jurisdiction", "type", "limit", "depth"):
            for url in ("/events", f"/agencies/{APPROVAL}/lineage", f"{NANCHANG}/diff"):
                response = client.get(url, params={name: text})
                assert response.status_code < 500, (url, name, text, response.text)


def test_cors_allows_localhost_by_default_and_only_configured_origins(
    service: LineageService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LINEAGE_CORS_ORIGINS", raising=False)
    with TestClient(create_app(Settings(), service=service)) as default:
        local = default.get("/health", headers={"Origin": "http://localhost:5173"})
        assert local.headers["access-control-allow-origin"] == "http://localhost:5173"
        elsewhere = default.get("/health", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in elsewhere.headers
        preflight = default.options(
            "/search",
            headers={"Origin": "http://localhost:3000", "Access-Control-Request-Method": "GET"},
        )
        assert preflight.status_code == 200
        refused = default.options(
            "/search",
            headers={"Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST"},
        )
        assert refused.status_code == 400
    monkeypatch.setenv("LINEAGE_CORS_ORIGINS", '["https://lineage.example.org"]')
    with TestClient(create_app(Settings(), service=service)) as configured:
        allowed = configured.get("/health", headers={"Origin": "https://lineage.example.org"})
        assert allowed.headers["access-control-allow-origin"] == "https://lineage.example.org"
        local = configured.get("/health", headers={"Origin": "http://localhost:5173"})
        assert "access-control-allow-origin" not in local.headers
    monkeypatch.setenv("LINEAGE_CORS_ORIGINS", "[]")
    with TestClient(create_app(Settings(), service=service)) as off:
        local = off.get("/health", headers={"Origin": "http://localhost:5173"})
        assert "access-control-allow-origin" not in local.headers


def test_the_service_exposes_no_write_route(client: TestClient) -> None:
    for path, item in client.app.openapi()["paths"].items():
        assert set(item) == {"get"}, path
    from app.params import read_only

    listed = {q["name"] for q in client.get("/queries").json()["queries"]}
    service = client.app.state.services.get()
    for query in service.catalog:
        assert all(read_only(text) for text in query.texts.values()), query.name
        assert query.name in listed


def test_a_neo4j_server_that_is_down_answers_503_with_a_hint() -> None:
    settings = Settings(LINEAGE_BACKEND="neo4j", NEO4J_URI="bolt://127.0.0.1:1")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        error = assert_error(client.get("/health"), 503, "backend_unavailable")
        assert error["hint"]


def test_an_unexpected_failure_is_a_500_in_the_same_shape(service: LineageService) -> None:
    class Broken(LineageService):
        def health(self) -> dict:
            raise RuntimeError("secret internals")

    broken = Broken(service.store, service.catalog)
    with TestClient(create_app(Settings(), service=broken), raise_server_exceptions=False) as c:
        error = assert_error(c.get("/health"), 500, "internal_error")
        assert "secret" not in error["message"] and error["hint"]
