"""Every node's `links` says what its relationships say: the service answers from `links`,
researchers query the relationships, and both must tell the same story. Checked over the whole
bundled dataset on each available engine, through catalog queries that walk relationships."""

from __future__ import annotations

from collections import Counter
from typing import Any

from app.service import LineageService, links_of, render_date


def _ids(service: LineageService, label: str) -> list[str]:
    rows = service.store.read(f"MATCH (n:{label}) RETURN n.id AS id ORDER BY id", {})
    return [row["id"] for row in rows]


def _links(service: LineageService, query: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    return {row["id"]: links_of(row) for row in service.run(query, ids=ids)}


def _citations(service: LineageService, ids: list[str]) -> dict[str, Counter]:
    found: dict[str, Counter] = {i: Counter() for i in ids}
    for row in service.run("citations", ids=ids):
        found[row["record_id"]][(row["source_id"], row["locator"])] += 1
    return found


def test_agency_links_agree_with_relationships(service: LineageService) -> None:
    ids = _ids(service, "Agency")
    links = _links(service, "agencies_by_id", ids)
    cited = _citations(service, ids)
    successors: dict[str, Counter] = {i: Counter() for i in ids}
    predecessors: dict[str, Counter] = {i: Counter() for i in ids}
    for row in service.store.read(
        "MATCH (a:Agency)-[s:SUCCEEDED_BY]->(b:Agency) "
        "RETURN a.id AS a, b.id AS b, s.event_id AS event_id, s.date AS date, "
        "s.date_precision AS date_precision",
        {},
    ):
        date = render_date(row["date"], row["date_precision"])
        successors[row["a"]][(row["b"], row["event_id"], date)] += 1
        predecessors[row["b"]][(row["a"], row["event_id"], date)] += 1
    for agency_id in ids:
        packed = links[agency_id]
        sides = Counter(
            (r["event_id"], r["side"]) for r in service.run("agency_events", id=agency_id)
        )
        assert Counter(map(tuple, packed.get("events", []))) == sides, agency_id
        parts = {(r["id"], r["name"], r["kind"]) for r in service.run("agency_parts", id=agency_id)}
        assert {tuple(p) for p in packed.get("parts", [])} == parts, agency_id
        held = Counter(
            (
                h["function_id"],
                h["function_name"],
                h["category"],
                h["item_count"],
                render_date(h["since"], h["since_precision"]),
                render_date(h["until"], h["until_precision"]),
                h["event_in"],
                h["event_out"],
            )
            for h in service.run("agency_holdings", id=agency_id)
        )
        assert Counter(map(tuple, packed.get("functions", []))) == held, agency_id
        assert Counter(map(tuple, packed.get("successors", []))) == successors[agency_id]
        assert Counter(map(tuple, packed.get("predecessors", []))) == predecessors[agency_id]
        assert Counter(map(tuple, packed.get("sources", []))) == cited[agency_id], agency_id


def test_function_links_agree_with_relationships(service: LineageService) -> None:
    ids = _ids(service, "Function")
    links = _links(service, "functions_by_id", ids)
    cited = _citations(service, ids)
    for function_id in ids:
        packed = links[function_id]
        roles = Counter(
            (r["event_id"], r["role"]) for r in service.run("function_events", id=function_id)
        )
        assert Counter(map(tuple, packed.get("events", []))) == roles, function_id
        holders = Counter(
            (
                h["agency_id"],
                h["agency_name"],
                h["jurisdiction_id"],
                render_date(h["since"], h["since_precision"]),
                render_date(h["until"], h["until_precision"]),
                h["event_in"],
                h["event_out"],
            )
            for h in service.run("function_holders", id=function_id)
        )
        assert Counter(map(tuple, packed.get("holders", []))) == holders, function_id
        assert Counter(map(tuple, packed.get("sources", []))) == cited[function_id], function_id


def test_event_links_agree_with_relationships(service: LineageService) -> None:
    ids = _ids(service, "Event")
    links = _links(service, "events_by_id", ids)
    cited = _citations(service, ids)
    sides: dict[str, Counter] = {i: Counter() for i in ids}
    for row in service.run("event_agencies", ids=ids):
        sides[row["event_id"]][(row["side"].lower(), row["agency_id"], row["agency_name"])] += 1
    for row in service.run("event_functions", ids=ids):
        role = row["role"].lower()
        sides[row["event_id"]][(role, row["function_id"], row["function_name"])] += 1
    for event_id in ids:
        packed = links[event_id]
        linked = Counter(
            (key, target, name)
            for key in ("from", "to", "moves", "creates", "retires", "lapses")
            for target, name in packed.get(key, [])
        )
        assert linked == sides[event_id], event_id
        assert Counter(map(tuple, packed.get("sources", []))) == cited[event_id], event_id
