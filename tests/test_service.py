"""The seed questions of the design, answered by the core service over the bundled dataset."""

from __future__ import annotations

import pytest

from app.errors import AmbiguousName, InvalidInput, NotFound
from app.service import LineageService

PERMIT = "nanchang.building-planning-permit"
APPROVAL = "nanchang.administrative-approval"
RESOURCES = "nanchang.natural-resources"


def _ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def test_where_did_the_planning_permit_function_go(service: LineageService) -> None:
    trail = service.function_trail("建筑类建设工程规划许可")
    assert trail["function"]["id"] == PERMIT
    holders = [h["agency"]["id"] for h in trail["holders"]]
    assert holders == [APPROVAL, RESOURCES]
    assert trail["holders"][0]["until"] == trail["holders"][1]["since"]
    assert _ids(trail["current"]) == [RESOURCES]
    assert trail["current"][0]["name"] == "南昌市自然资源和规划局"
    moved = next(e for e in trail["events"] if e["id"] == trail["holders"][1]["event_in"])
    assert moved["type"] == "TRANSFER"
    assert moved["sources"] and moved["sources"][0]["id"] == "nanchang-daily-2021-12-17"
    assert moved["sources"][0]["locator"]
    assert trail["sources"]


def test_what_became_of_the_administrative_approval_bureau(service: LineageService) -> None:
    agency = service.agency("市行政审批局")
    assert agency["id"] == APPROVAL
    assert agency["dissolved"] is not None
    assert agency["successors"] == ["nanchang.government-services-data"]
    assert PERMIT in _ids(agency["functions"]["former"])
    assert agency["functions"]["current"] == []
    types = {e["type"] for e in agency["events"]}
    assert {"TRANSFER", "MERGE"} <= types
    assert all(e["sources"] for e in agency["events"])
    lineage = service.lineage(APPROVAL, direction="successors")
    assert [e["target"] for e in lineage["edges"]] == ["nanchang.government-services-data"]
    assert lineage["edges"][0]["type"] == "MERGE"
    assert lineage["sources"]


def test_what_was_the_natural_resources_and_planning_bureau_called_before(
    service: LineageService,
) -> None:
    agency = service.agency("市自然资源和规划局")
    assert agency["id"] == RESOURCES
    assert agency["name"] == "南昌市自然资源和规划局"
    assert agency["former_names"] == ["南昌市自然资源局"]
    assert [n["name"] for n in agency["names"]] == ["南昌市自然资源局", "南昌市自然资源和规划局"]
    assert agency["names"][0]["until"] == agency["names"][1]["since"]
    assert agency["sources"]


def test_what_did_housing_and_construction_come_from(service: LineageService) -> None:
    lineage = service.lineage("nanchang.housing-urban-rural-development", direction="predecessors")
    sources = {e["source"] for e in lineage["edges"]}
    assert len(sources) == 2
    names = {n["name"] for n in lineage["nodes"]}
    assert "南昌市城乡建设局" in names and "南昌市住房保障和房产管理局" in names


def test_how_many_items_were_devolved_to_tianmuhu(service: LineageService) -> None:
    devolved = service.devolutions("liyang.tianmuhu")
    counts = sorted(d["item_count"] for d in devolved["devolutions"])
    assert counts == [215, 727]
    assert devolved["total_items"] == 942
    assert all(d["sources"] for d in devolved["devolutions"])


def test_snapshot_uses_the_names_agencies_bore_then(service: LineageService) -> None:
    before = service.snapshot("nanchang", "2021-11-30")
    after = service.snapshot("nanchang", "2022-01-01")
    names_before = {a["id"]: a["name"] for a in before["agencies"]}
    names_after = {a["id"]: a["name"] for a in after["agencies"]}
    assert names_before[RESOURCES] == "南昌市自然资源局"
    assert names_after[RESOURCES] == "南昌市自然资源和规划局"
    assert APPROVAL in names_before and APPROVAL not in names_after
    assert "nanchang.government-services-data" in names_after
    held_before = {
        f["id"] for a in before["agencies"] if a["id"] == APPROVAL for f in a["functions"]
    }
    assert PERMIT in held_before
    assert before["sources"] and after["sources"]


def test_search_matches_simplified_and_traditional(service: LineageService) -> None:
    traditional = service.search("新經濟發展委員會")["results"]
    simplified = service.search("新经济发展委员会")["results"]
    assert traditional and _ids(traditional) == _ids(simplified)
    assert "經" in traditional[0]["name"]  # the record keeps its document's script
    reverse = service.search("南昌市自然資源和規劃局")["results"]
    assert reverse[0]["id"] == RESOURCES


def test_search_ranks_exact_names_first_and_is_bounded(service: LineageService) -> None:
    results = service.search("行政审批局", limit=3)["results"]
    assert len(results) <= 3
    exact = service.search("南昌市行政审批局")["results"]
    assert exact[0]["id"] == APPROVAL and exact[0]["matched_name"] == "南昌市行政审批局"
    by_former = service.search("南昌市自然资源局")["results"][0]
    assert by_former["id"] == RESOURCES and by_former["matched_name"] == "南昌市自然资源局"
    functions = service.search("规划许可", kind="function")["results"]
    assert functions and all(r["kind"] == "function" for r in functions)


def test_lineage_is_bounded_and_checks_its_input(service: LineageService) -> None:
    with pytest.raises(InvalidInput):
        service.lineage(APPROVAL, depth=11)
    with pytest.raises(InvalidInput):
        service.lineage(APPROVAL, direction="sideways")
    with pytest.raises(InvalidInput):
        service.lineage(APPROVAL, at="2021-13")
    before = service.lineage(APPROVAL, at="2021-01-01")
    assert before["edges"] == [] and _ids(before["nodes"]) == [APPROVAL]
    capped = service.lineage(APPROVAL, max_nodes=1)
    assert capped["truncated"] is True and len(capped["nodes"]) == 1


def test_unknown_and_ambiguous_references(service: LineageService) -> None:
    with pytest.raises(NotFound):
        service.agency("no-such-agency")
    with pytest.raises(NotFound):
        service.function_trail("不存在的职能")
    with pytest.raises(AmbiguousName) as caught:
        service.agency("局")
    assert len(caught.value.candidates) > 1
    with pytest.raises(NotFound):
        service.snapshot("atlantis", "2021-01-01")


def test_lineage_marks_what_lies_beyond_the_depth(tmp_path) -> None:
    from app.storage.embedded import EmbeddedStore
    from loaders.load import load_paths
    from tests.datasets import base_dataset, write_dataset

    document = base_dataset()
    document["agencies"].append(
        {"id": "city.bureau", "name": "某市数据局", "jurisdiction": "city", "kind": "government"}
    )
    document["events"].append(
        {"id": "merge-bureau", "type": "MERGE", "date": "2023-10", "from": ["city.services"],
         "to": ["city.bureau"], "locator": "p30"}
    )  # fmt: skip
    store = EmbeddedStore(tmp_path / "chain.lbug")
    load_paths(store, [write_dataset(tmp_path / "data", document)])
    service = LineageService(store)
    shallow = service.lineage("city.approval", direction="successors", depth=1)
    assert [n["id"] for n in shallow["nodes"]] == ["city.approval", "city.services"]
    assert shallow["truncated"] is True
    deep = service.lineage("city.approval", direction="successors", depth=2)
    assert [n["id"] for n in deep["nodes"]] == ["city.approval", "city.services", "city.bureau"]
    assert deep["truncated"] is False
    assert [(e["source"], e["target"], e["type"]) for e in deep["edges"]] == [
        ("city.approval", "city.services", "MERGE"),
        ("city.services", "city.bureau", "MERGE"),
    ]
    back = service.lineage("city.bureau", direction="predecessors", depth=2, at="2022-01-01")
    assert [n["id"] for n in back["nodes"]] == ["city.bureau"]
    store.close()
