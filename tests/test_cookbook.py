"""The researcher's cookbook (cypher/cookbook): every query runs, with the example parameters its
header gives for the Browser, on every engine, answers what the bundled dataset says, and answers
alike on both engines."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from app.catalog import Catalog, CatalogQuery
from app.service import LineageService
from app.settings import PROJECT_ROOT
from app.storage.embedded import EmbeddedStore
from loaders.load import load_paths
from loaders.validate import validate_paths
from tests.datasets import base_dataset, write_dataset
from tests.test_parity import assert_same_answers

COOKBOOK = Catalog(PROJECT_ROOT / "cypher" / "cookbook")
NAMES = [query.name for query in COOKBOOK]
_EXAMPLE = re.compile(r"^//\s*example:\s*:param\s+(\w+)\s*=>\s*(.+?)\s*$", re.M)
_DATE = re.compile(r"date\('(\d{4}-\d{2}-\d{2})'\)")

PERMIT = "nanchang.building-planning-permit"
APPROVAL = "nanchang.administrative-approval"
RESOURCES = "nanchang.natural-resources"
SERVICES = "nanchang.government-services-data"


def example_params(query: CatalogQuery) -> dict[str, Any]:
    """The parameters a header's `:param` lines set, as the Browser would send them."""
    params: dict[str, Any] = {}
    for name, value in _EXAMPLE.findall(next(iter(query.texts.values()))):
        date = _DATE.fullmatch(value)
        params[name] = dt.date.fromisoformat(date.group(1)) if date else ast.literal_eval(value)
    return params


def run(service: LineageService, name: str, **overrides: Any) -> list[dict[str, Any]]:
    query = COOKBOOK.get(name)
    return service.store.read(query.text(service.store.engine), example_params(query) | overrides)


def test_the_cookbook_answers_the_questions_of_its_readme() -> None:
    assert set(NAMES) == {
        "function_trail",
        "function_holder_on_date",
        "agency_ancestry",
        "succession_path",
        "reform_changes",
        "org_chart_on_date",
        "diff_between_dates",
        "devolved_items_by_town",
        "unaccounted_functions",
    }
    readme = (PROJECT_ROOT / "cypher" / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"cookbook/{name}.cypher" in readme, f"cypher/README.md does not present {name}"


@pytest.mark.parametrize("name", NAMES)
def test_every_example_sets_every_parameter(name: str) -> None:
    query = COOKBOOK.get(name)
    assert set(example_params(query)) == set(query.parameters)
    assert query.answers


def test_where_did_the_planning_permit_go(service: LineageService) -> None:
    rows = run(service, "function_trail")
    assert [r["agency_id"] for r in rows] == [APPROVAL, RESOURCES]
    assert rows[0]["since"] is None and rows[0]["until"] == rows[1]["since"]
    assert rows[1]["until"] is None
    assert all(r["source"] and r["locator"] for r in rows)
    by_name = run(service, "function_trail", function="建筑类建设工程规划许可")
    assert by_name == rows


def test_who_held_the_permit_on_a_date(service: LineageService) -> None:
    before = run(service, "function_holder_on_date")
    assert [(r["agency_id"], r["agency_then"]) for r in before] == [(APPROVAL, "南昌市行政审批局")]
    assert before[0]["source"]
    after = run(service, "function_holder_on_date", at=dt.date(2022, 1, 1))
    assert [(r["agency_id"], r["agency_now"]) for r in after] == [
        (RESOURCES, "南昌市自然资源和规划局")
    ]


def test_ancestry_paths(service: LineageService) -> None:
    rows = run(service, "agency_ancestry")
    assert {r["origin_id"] for r in rows} == {APPROVAL, "nanchang.big-data-development"}
    for row in rows:
        assert row["ids"][0] == row["origin_id"] and row["ids"][-1] == SERVICES
        assert len(row["names"]) == row["steps"] + 1 == len(row["how"]) + 1
        assert row["how"] == ["MERGE"]
        assert all(isinstance(d, dt.date) for d in row["dates"])


def test_succession_path(service: LineageService) -> None:
    rows = run(service, "succession_path")
    assert [(r["ids"], r["how"], r["steps"]) for r in rows] == [
        ([APPROVAL, SERVICES], ["MERGE"], 1)
    ]
    assert rows[0]["events"] == ["nanchang-2021-merge-government-services-data"]
    assert run(service, "succession_path", earlier=SERVICES, later=APPROVAL) == []


def test_everything_a_reform_changed(service: LineageService) -> None:
    rows = run(service, "reform_changes")
    touched = {(r["event_id"], r["role"], r["id"]) for r in rows}
    assert ("nanchang-2021-transfer-building-licensing", "MOVES", PERMIT) in touched
    assert ("nanchang-2021-merge-government-services-data", "TO", SERVICES) in touched
    assert {r["role"] for r in rows} <= {"FROM", "TO", "MOVES", "CREATES", "RETIRES", "LAPSES"}
    assert {r["kind"] for r in rows} <= {"Agency", "Function"}
    assert all(r["source"] for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_org_chart_on_a_date(service: LineageService) -> None:
    rows = run(service, "org_chart_on_date")
    by_id = {r["agency_id"]: r for r in rows}
    assert by_id[RESOURCES]["name_then"] == "南昌市自然资源局"
    assert by_id[RESOURCES]["name_now"] == "南昌市自然资源和规划局"
    assert APPROVAL in by_id and SERVICES not in by_id
    for row in rows:
        assert row["unit"] == (row["part_of"] or row["agency_id"])
    later = {r["agency_id"] for r in run(service, "org_chart_on_date", at=dt.date(2022, 6, 30))}
    assert SERVICES in later and APPROVAL not in later


def test_diff_between_two_dates(service: LineageService) -> None:
    rows = run(service, "diff_between_dates")
    changes = {(r["change"], r["agency_id"]) for r in rows}
    assert {("renamed", RESOURCES), ("ended", APPROVAL), ("began", SERVICES)} <= changes
    assert ("lost function", APPROVAL) in changes and ("gained function", RESOURCES) in changes
    assert all(r["event_id"] for r in rows)
    assert all(dt.date(2021, 1, 1) < r["date"] <= dt.date(2022, 1, 1) for r in rows)


def test_devolved_items_by_town_agree_with_the_service(service: LineageService) -> None:
    rows = run(service, "devolved_items_by_town")
    totals: dict[str, int] = {}
    for row in rows:
        assert isinstance(row["items"], int) and isinstance(row["moves_without_count"], int)
        totals[row["town_id"]] = totals.get(row["town_id"], 0) + row["items"]
    for town, total in totals.items():
        assert total == service.devolutions(town)["total_items"], town
    tianmuhu = {r["category"]: r for r in rows if r["town_id"] == "liyang.tianmuhu"}
    assert tianmuhu["approval_service"]["items"] == 215
    assert tianmuhu["approval_service"]["level"] == "town"


def _validator_view(dataset: Path) -> tuple[set[tuple[str, str]], set[str]]:
    """What the validator says went unaccounted for, and which ended agencies held nothing."""
    validated = validate_paths([dataset])
    unaccounted = set()
    for warning in validated.warnings:
        match = re.match(r"(\S+) ends holding (.+), which no event", warning.detail)
        assert warning.rule == "unaccounted-functions" and match
        unaccounted |= {(match.group(1), f) for f in match.group(2).split(", ")}
    history = validated.history
    holders = {h.agency for h in history.holdings}
    return unaccounted, {a for a in history.dissolved if a not in holders}


def _unaccounted(service: LineageService) -> tuple[set[tuple[str, str]], set[str]]:
    rows = run(service, "unaccounted_functions")
    assert all(r["source"] and r["event_id"] for r in rows)
    held = {(r["agency_id"], r["function_id"]) for r in rows if r["function_id"]}
    return held, {r["agency_id"] for r in rows if r["function_id"] is None}


def test_unaccounted_functions_on_the_bundled_dataset(service: LineageService) -> None:
    from app.settings import BUNDLED_DATA

    assert _unaccounted(service) == _validator_view(BUNDLED_DATA)


def test_unaccounted_functions_match_the_validator_warnings(engine, tmp_path: Path) -> None:
    """A dataset where a merged-away agency leaves a function behind, loaded into the engine."""
    document = base_dataset()
    document["functions"].append({"id": "city.open-data", "name": "数据开放", "category": "other"})
    document["events"].append(
        {
            "id": "transfer-open-data",
            "type": "TRANSFER",
            "date": "2021-06",
            "to": ["city.data"],
            "functions": ["city.open-data"],
            "locator": "p7",
        }
    )
    dataset = write_dataset(tmp_path / "data", document)
    expected = _validator_view(dataset)
    assert ("city.data", "city.open-data") in expected[0]
    if engine.name == "embedded":
        store = EmbeddedStore(tmp_path / "warned.lbug")
        try:
            load_paths(store, [dataset])
            assert _unaccounted(LineageService(store)) == expected
        finally:
            store.close()
        return
    store = engine.open_store()
    try:
        load_paths(store, [dataset])
        assert _unaccounted(LineageService(store)) == expected
    finally:
        store.close()
        engine.reload_bundled()


@pytest.mark.engine("embedded+neo4j")
@pytest.mark.parametrize("name", NAMES)
def test_cookbook_answers_alike_on_both_engines(embedded_engine, neo4j_engine, name: str) -> None:
    query = COOKBOOK.get(name)
    params = example_params(query)
    texts = (query.text("ladybug"), query.text("neo4j"))
    stores = (embedded_engine.open_store(), neo4j_engine.open_store())
    try:
        answers = (stores[0].read(texts[0], params), stores[1].read(texts[1], params))
    finally:
        for store in stores:
            store.close()
    assert answers[0], f"{name} answers nothing with its example parameters"
    assert_same_answers(name, params, texts, answers)
