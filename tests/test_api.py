"""The HTTP API over the bundled dataset: every endpoint, and the seed questions of the design
answered over HTTP, on each available engine."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api import create_app
from app.service import LineageService
from app.settings import Settings

PERMIT = "nanchang.building-planning-permit"
APPROVAL = "nanchang.administrative-approval"
RESOURCES = "nanchang.natural-resources"
SERVICES_DATA = "nanchang.government-services-data"
HOUSING = "nanchang.housing-urban-rural-development"
NANCHANG_DAILY = "nanchang-daily-2021-12-17"
SOURCE_KEYS = {"id", "title", "publisher", "published", "url", "locator"}


@pytest.fixture(scope="module")
def client(service: LineageService) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), service=service)) as client:
        yield client


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    response = client.get(url, params=params or None)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def assert_sourced(sources: list[dict]) -> None:
    assert sources, "an answer about agencies, functions or events must cite its sources"
    for source in sources:
        assert set(source) >= SOURCE_KEYS
        assert source["title"] and source["publisher"] and source["published"]


# -- the seed questions ---------------------------------------------------------------------


def test_where_did_the_planning_permit_function_go(client: TestClient) -> None:
    hits = get(client, "/search", q="建筑类建设工程规划许可", kind="function")["results"]
    assert hits[0]["id"] == PERMIT
    trail = get(client, f"/functions/{PERMIT}/trail")
    assert [h["agency"]["id"] for h in trail["holders"]] == [APPROVAL, RESOURCES]
    assert trail["holders"][0]["until"] == trail["holders"][1]["since"]
    assert ids(trail["current"]) == [RESOURCES]
    moved = next(e for e in trail["events"] if e["id"] == trail["holders"][1]["event_in"])
    assert moved["type"] == "TRANSFER" and moved["role"] == "MOVES"
    assert ids(moved["from"]) == [APPROVAL] and ids(moved["to"]) == [RESOURCES]
    assert NANCHANG_DAILY in ids(moved["sources"])
    assert_sourced(trail["sources"])


def test_who_held_the_permit_function_on_a_date(client: TestClient) -> None:
    before = get(client, "/jurisdictions/nanchang/snapshot", at="2021-11-30")
    after = get(client, "/jurisdictions/nanchang/snapshot", at="2022-01-01")

    def holders(snapshot: dict) -> list[str]:
        return [a["id"] for a in snapshot["agencies"] if PERMIT in ids(a["functions"])]

    assert holders(before) == [APPROVAL]
    assert holders(after) == [RESOURCES]


def test_what_became_of_the_administrative_approval_bureau(client: TestClient) -> None:
    agency = get(client, "/agencies/市行政审批局")  # by its short name
    assert agency["id"] == APPROVAL
    assert agency["dissolved"] and agency["dissolved_by"]
    assert agency["successors"] == [SERVICES_DATA]
    assert PERMIT in ids(agency["functions"]["former"])
    assert agency["functions"]["current"] == []
    assert {"TRANSFER", "MERGE"} <= {e["type"] for e in agency["events"]}
    for event in agency["events"]:
        assert_sourced(event["sources"])
        assert set(event["sides"]) <= {"FROM", "TO"}
    lineage = get(client, f"/agencies/{APPROVAL}/lineage", direction="successors")
    assert lineage["root"] == APPROVAL and lineage["truncated"] is False
    assert [(e["source"], e["target"], e["type"]) for e in lineage["edges"]] == [
        (APPROVAL, SERVICES_DATA, "MERGE")
    ]
    assert lineage["edges"][0]["event_id"] and lineage["edges"][0]["date"]
    assert {n["id"]: n["depth"] for n in lineage["nodes"]} == {APPROVAL: 0, SERVICES_DATA: 1}
    assert_sourced(lineage["sources"])


def test_what_did_housing_and_construction_come_from(client: TestClient) -> None:
    lineage = get(client, f"/agencies/{HOUSING}/lineage", direction="predecessors", depth=1)
    assert {e["target"] for e in lineage["edges"]} == {HOUSING}
    names = {n["name"] for n in lineage["nodes"]}
    assert {"南昌市城乡建设局", "南昌市住房保障和房产管理局"} <= names
    assert all(e["type"] == "MERGE" for e in lineage["edges"])


def test_what_was_an_agency_called_before(client: TestClient) -> None:
    agency = get(client, "/agencies/市自然资源和规划局")
    assert agency["id"] == RESOURCES
    assert [n["name"] for n in agency["names"]] == ["南昌市自然资源局", "南昌市自然资源和规划局"]
    assert agency["names"][0]["until"] == agency["names"][1]["since"]
    assert agency["former_names"] == ["南昌市自然资源局"]
    assert agency["jurisdiction"] == {"id": "nanchang", "name": "南昌市"}
    assert_sourced(agency["sources"])
    on_date = get(client, "/jurisdictions/nanchang/snapshot", at="2021-11-30")
    bore = {a["id"]: a for a in on_date["agencies"]}[RESOURCES]
    assert bore["name"] == "南昌市自然资源局"
    assert bore["current_name"] == "南昌市自然资源和规划局"


def test_organisation_chart_and_what_changed(client: TestClient) -> None:
    start = get(client, "/jurisdictions/nanchang/snapshot", at="2021-01-01")
    end = get(client, "/jurisdictions/nanchang/snapshot", at="2022-01-01")
    diff = get(client, "/jurisdictions/nanchang/diff", **{"from": "2021-01-01", "to": "2022-01-01"})
    counts = diff["counts"]
    assert counts["agencies_before"] == start["count"] == len(start["agencies"])
    assert counts["agencies_after"] == end["count"]
    assert start["count"] + counts["established"] - counts["abolished"] == end["count"]
    assert set(ids(start["agencies"])) - set(ids(end["agencies"])) == set(ids(diff["abolished"]))
    assert set(ids(end["agencies"])) - set(ids(start["agencies"])) == set(ids(diff["established"]))
    assert APPROVAL in ids(diff["abolished"]) and SERVICES_DATA in ids(diff["established"])
    renamed = {r["agency"]["id"]: (r["old_name"], r["new_name"]) for r in diff["renamed"]}
    assert renamed[RESOURCES] == ("南昌市自然资源局", "南昌市自然资源和规划局")
    assert counts["renamed"] == len(diff["renamed"])
    merged_into = {a["id"] for change in diff["merged"] for a in change["to"]}
    assert {SERVICES_DATA, HOUSING} <= merged_into
    assert counts["merged"] == len(diff["merged"])
    moved = {f["id"] for change in diff["functions_moved"] for f in change["functions"]}
    assert PERMIT in moved
    assert counts["functions_moved"] == sum(len(c["functions"]) for c in diff["functions_moved"])
    for change in diff["established"] + diff["abolished"] + diff["merged"] + diff["renamed"]:
        assert_sourced(change["sources"])
    assert_sourced(diff["sources"])
    assert diff["from"] == "2021-01-01" and diff["to"] == "2022-01-01"


def test_how_many_items_were_devolved_to_each_town(client: TestClient) -> None:
    devolved = get(client, "/jurisdictions/liyang.tianmuhu/devolutions")
    assert sorted(d["item_count"] for d in devolved["devolutions"]) == [215, 727]
    assert devolved["total_items"] == 942
    reforms = {d["reform_id"] for d in devolved["devolutions"]}
    assert len(reforms) == 1 and None not in reforms
    for item in devolved["devolutions"]:
        assert_sourced(item["sources"])
    reform = get(client, f"/reforms/{reforms.pop()}")
    assert reform["counts"]["by_type"].get("DEVOLVE", 0) >= 2
    diff = get(client, "/jurisdictions/liyang.tianmuhu/diff", **{"from": "2000", "to": "2030"})
    assert diff["counts"]["items_devolved"] == 942
    assert diff["counts"]["functions_devolved"] == 2


# -- every endpoint -------------------------------------------------------------------------


def test_health_names_the_backend(client: TestClient) -> None:
    health = get(client, "/health")
    assert health["status"] == "ok"
    assert health["backend"] in ("embedded", "neo4j")
    assert health["sources"] == 5


def test_search_matches_simplified_and_traditional(client: TestClient) -> None:
    traditional = get(client, "/search", q="新經濟發展委員會")["results"]
    simplified = get(client, "/search", q="新经济发展委员会")["results"]
    assert traditional and ids(traditional) == ids(simplified)
    assert set(traditional[0]) == {"id", "kind", "name", "matched_name", "jurisdiction"}
    assert "經" in traditional[0]["name"]
    reverse = get(client, "/search", q="南昌市自然資源和規劃局")["results"]
    assert reverse[0]["id"] == RESOURCES and reverse[0]["jurisdiction"] == "nanchang"
    bounded = get(client, "/search", q="局", limit=3, kind="agency")["results"]
    assert len(bounded) == 3 and {r["kind"] for r in bounded} == {"agency"}
    assert get(client, "/search", q="没有这样的机构")["results"] == []


def test_function_record_links_lineage(client: TestClient) -> None:
    function = get(client, f"/functions/{PERMIT}")
    assert function["id"] == PERMIT and function["category"] == "licensing"
    assert ids(function["current"]) == [RESOURCES]
    assert [h["agency"]["id"] for h in function["holders"]] == [APPROVAL, RESOURCES]
    assert function["event_ids"]
    assert_sourced(function["sources"])
    # a function created from others links back to them, and they forward to it
    events = get(client, "/events", limit=500)["events"]
    creating = [e for e in events if e["functions"]["creates"] and e["functions"]["retires"]]
    assert creating, "the bundled dataset merges approval items into one"
    event = creating[0]
    created = get(client, f"/functions/{event['functions']['creates'][0]['id']}")
    retired = get(client, f"/functions/{event['functions']['retires'][0]['id']}/trail")
    assert event["functions"]["retires"][0]["id"] in ids(created["predecessors"])
    assert created["id"] in ids(retired["successors"])
    assert created["created_by"] == event["id"] == retired["retired_by"]
    assert retired["current"] == []


def test_jurisdictions(client: TestClient) -> None:
    listing = get(client, "/jurisdictions")["jurisdictions"]
    by_id = {j["id"]: j for j in listing}
    assert by_id["liyang.tianmuhu"] == {
        "id": "liyang.tianmuhu",
        "name": "天目湖镇",
        "level": "town",
        "parent_id": "liyang",
    }
    assert get(client, "/jurisdictions/nanchang")["name"] == "南昌市"
    snapshot = get(client, "/jurisdictions/nanchang/snapshot", at="2021-12")
    assert snapshot["at"] == "2021-12-01"
    assert snapshot["jurisdiction"]["id"] == "nanchang"
    for agency in snapshot["agencies"]:
        assert {"id", "name", "current_name", "kind", "part_of", "functions", "sources"} <= set(
            agency
        )
    assert_sourced(snapshot["sources"])
    today = get(client, "/jurisdictions/nanchang/snapshot")
    assert APPROVAL not in ids(today["agencies"])  # `at` defaults to today


def test_events_timeline_pages_with_a_cursor(client: TestClient) -> None:
    everything = get(client, "/events", limit=500)
    assert everything["next_cursor"] is None
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 7}
        if cursor:
            params["cursor"] = cursor
        page = get(client, "/events", **params)
        assert page["count"] == len(page["events"]) <= 7
        seen += ids(page["events"])
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ids(everything["events"])
    assert len(seen) == len(set(seen)) and pages == -(-len(seen) // 7)
    dates = [e["date"][:10] for e in everything["events"]]
    assert dates == sorted(dates)
    for event in everything["events"]:
        assert_sourced(event["sources"])


def test_events_filters(client: TestClient) -> None:
    renames = get(client, "/events", type="RENAME", jurisdiction="nanchang", limit=100)
    assert renames["count"] >= 3
    assert {e["type"] for e in renames["events"]} == {"RENAME"}
    assert {e["jurisdiction_id"] for e in renames["events"]} == {"nanchang"}
    assert renames["filters"] == {
        "jurisdiction": "nanchang",
        "type": "RENAME",
        "from": None,
        "to": None,
    }
    in_2021 = get(client, "/events", **{"from": "2021", "to": "2021", "limit": 500})
    assert in_2021["events"] and all(e["date"].startswith("2021") for e in in_2021["events"])
    assert in_2021["filters"]["to"] == "2021-12-31"  # a year `to` includes the whole year
    nothing = get(client, "/events", **{"from": "1900", "to": "1901"})
    assert nothing == {**nothing, "events": [], "count": 0, "next_cursor": None, "sources": []}


def test_one_event(client: TestClient) -> None:
    first = get(client, "/events", type="RENAME", jurisdiction="nanchang")["events"][0]
    event = get(client, f"/events/{first['id']}")
    assert event == first
    assert event["old_name"] and event["new_name"]
    assert ids(event["from"]) == ids(event["to"])
    assert_sourced(event["sources"])


def test_reform_with_measures_and_events(client: TestClient) -> None:
    events = get(client, "/events", jurisdiction="liyang", limit=500)["events"]
    reform_ids = {e["reform_id"] for e in events if e["reform_id"]}
    reforms = [get(client, f"/reforms/{r}") for r in sorted(reform_ids)]
    measures = [m for r in reforms for m in r["measures"]]
    assert {"name": "党政机构", "before": 39, "after": 37, "unit": "家"} in measures
    for reform in reforms:
        assert reform["counts"]["events"] == len(reform["events"])
        assert sum(reform["counts"]["by_type"].values()) == len(reform["events"])
        assert reform["jurisdiction"]["id"]
        assert_sourced(reform["sources"])


def test_source_and_what_it_supports(client: TestClient) -> None:
    source = get(client, f"/sources/{NANCHANG_DAILY}")
    assert source["publisher"] == "南昌日报" and source["published"] == "2021-12-17"
    assert source["script"] == "zh-Hans" and source["url"]
    assert PERMIT in ids(source["supports"]["functions"])
    assert APPROVAL in ids(source["supports"]["agencies"])
    assert source["counts"]["events"] == len(source["supports"]["events"]) > 0
    assert all(r["locator"] for r in source["supports"]["events"])
    assert source["truncated"] is False


def test_catalog_lists_and_runs_queries_by_name(client: TestClient) -> None:
    queries = {q["name"]: q for q in get(client, "/queries")["queries"]}
    assert {"snapshot_agencies", "successors_step", "function_holders", "events_page"} <= set(
        queries
    )
    snapshot = queries["snapshot_agencies"]
    assert snapshot["answers"] and "MATCH" in snapshot["cypher"]
    assert [(p["name"], p["type"]) for p in snapshot["parameters"]] == [
        ("jurisdiction", "string"),
        ("at", "date"),
    ]
    rows = get(client, "/queries/snapshot_agencies", jurisdiction="nanchang", at="2021-11-30")
    assert rows["query"] == "snapshot_agencies" and rows["truncated"] is False
    assert rows["parameters"] == {"jurisdiction": "nanchang", "at": "2021-11-30"}
    assert rows["row_count"] == len(rows["rows"]) and "id" in rows["columns"]
    assert APPROVAL in [r["id"] for r in rows["rows"]]
    # list parameters: repeated, or separated by commas
    repeated = client.get("/queries/agencies_by_id", params=[("ids", APPROVAL), ("ids", RESOURCES)])
    commas = get(client, "/queries/agencies_by_id", ids=f"{APPROVAL},{RESOURCES}")
    assert repeated.status_code == 200
    assert sorted(r["id"] for r in repeated.json()["rows"]) == sorted(
        r["id"] for r in commas["rows"]
    )
    assert {r["id"] for r in commas["rows"]} == {APPROVAL, RESOURCES}
    dated = get(client, "/queries/successors_step", ids=APPROVAL)["rows"][0]
    assert dated["date"].startswith("2021-")  # dates come back as ISO text
    for query in queries.values():
        for parameter in query["parameters"]:
            assert parameter["type"] in ("string", "list", "date", "integer")


def test_openapi_is_documented_and_stable(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    operations = {
        (path, method): op for path, item in schema["paths"].items() for method, op in item.items()
    }
    assert {(path, op["operationId"]) for (path, _), op in operations.items()} == {
        ("/health", "getHealth"),
        ("/search", "search"),
        ("/agencies/{id}", "getAgency"),
        ("/agencies/{id}/lineage", "getAgencyLineage"),
        ("/functions/{id}", "getFunction"),
        ("/functions/{id}/trail", "getFunctionTrail"),
        ("/jurisdictions", "listJurisdictions"),
        ("/jurisdictions/{id}", "getJurisdiction"),
        ("/jurisdictions/{id}/snapshot", "getJurisdictionSnapshot"),
        ("/jurisdictions/{id}/diff", "getJurisdictionDiff"),
        ("/jurisdictions/{id}/devolutions", "getJurisdictionDevolutions"),
        ("/events", "listEvents"),
        ("/events/{id}", "getEvent"),
        ("/reforms/{id}", "getReform"),
        ("/sources/{id}", "getSource"),
        ("/queries", "listQueries"),
        ("/queries/{name}", "runQuery"),
    }
    for (path, method), op in operations.items():
        assert method == "get", f"{path} is not read-only"
        assert op["summary"], path
        ok = op["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in ok, f"{path} has no response model"
        for status, response in op["responses"].items():
            if status not in ("200",):
                assert response["content"]["application/json"]["schema"]["$ref"].endswith(
                    "/ErrorResponse"
                ), (path, status)
    components = schema["components"]["schemas"]
    assert components["ErrorResponse"].get("examples")
    assert components["Lineage"].get("examples")


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    response = client.head("/health")
    assert response.status_code == 200 and response.content == b""


def test_the_committed_openapi_document_is_current() -> None:
    from app.api.openapi import COMMITTED, render

    assert COMMITTED.read_text(encoding="utf-8") == render(), (
        "the API changed: review the change, then run `python -m app.api.openapi "
        "docs/openapi.json` and commit it"
    )
