"""Loading into the embedded engine: atomic, repeatable, and deriving SUCCEEDED_BY and HELD."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from app.errors import DatasetInvalid, QueryFailed
from app.storage.embedded import EmbeddedStore
from loaders.graph import build_tables
from loaders.load import load_paths
from loaders.validate import validate_paths
from tests.datasets import base_dataset, event, write_dataset

HELD_ROWS = "MATCH (a:Agency)-[h:HELD]->(f:Function) RETURN a.id, f.id, h.since ORDER BY a.id, f.id"


@pytest.fixture
def store(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "graph.lbug")
    yield store
    store.close()


@pytest.fixture
def dataset_dir(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "data", base_dataset())


def test_counts_per_label_and_type(store: EmbeddedStore, dataset_dir: Path) -> None:
    report = load_paths(store, [dataset_dir])
    counts = store.counts()
    assert counts["Agency"] == 5 and counts["Event"] == 5 and counts["Function"] == 5
    assert counts["Measure"] == 1 and counts["REPORTS"] == 1 and counts["PART_OF"] == 3
    assert counts["SUCCEEDED_BY"] == 2
    assert all(counts[name] == n for name, n in report.counts.items())


def test_loading_twice_gives_identical_graphs(store: EmbeddedStore, dataset_dir: Path) -> None:
    load_paths(store, [dataset_dir])
    first = store.counts()
    rows = store.read(HELD_ROWS, {})
    load_paths(store, [dataset_dir])
    assert store.counts() == first
    assert store.read(HELD_ROWS, {}) == rows


def test_an_invalid_dataset_leaves_the_old_graph(
    store: EmbeddedStore, dataset_dir: Path, tmp_path: Path
) -> None:
    load_paths(store, [dataset_dir])
    before = store.counts()
    broken = base_dataset()
    event(broken, "transfer-permit")["to"] = ["city.nowhere"]
    with pytest.raises(DatasetInvalid) as caught:
        load_paths(store, [write_dataset(tmp_path / "broken", broken)])
    assert any(p.rule == "reference" for p in caught.value.problems)
    assert store.counts() == before


def test_a_failed_write_leaves_the_old_graph(store: EmbeddedStore, dataset_dir: Path) -> None:
    load_paths(store, [dataset_dir])
    before = store.counts()
    validated = validate_paths([dataset_dir])
    tables = build_tables(validated.dataset, validated.history)
    # A relationship to a node that does not exist makes the engine's COPY fail midway.
    held = next(r for r in tables.rels if r.type == "HELD")
    ghost = pa.Table.from_pylist([{"from": "city.ghost", "to": "city.permit"}], held.data.schema)
    held.data = pa.concat_tables([held.data, ghost])
    with pytest.raises(QueryFailed):
        store.replace_graph(tables)
    assert store.counts() == before
    leftovers = [p.name for p in store.path.parent.iterdir() if "loading" in p.name]
    assert leftovers == []


def test_first_load_creates_the_database_file(store: EmbeddedStore, dataset_dir: Path) -> None:
    assert not store.path.exists()
    load_paths(store, [dataset_dir])
    assert store.path.exists()


def test_derived_succession(store: EmbeddedStore, dataset_dir: Path) -> None:
    load_paths(store, [dataset_dir])
    rows = store.read(
        "MATCH (a:Agency)-[s:SUCCEEDED_BY]->(b:Agency) "
        "RETURN a.id AS a_id, b.id AS b_id, s.type AS type, s.event_id AS event, s.date AS date "
        "ORDER BY a_id",
        {},
    )
    assert rows == [
        {
            "a_id": "city.approval",
            "b_id": "city.services",
            "type": "MERGE",
            "event": "merge-services",
            "date": dt.date(2021, 12, 1),
        },
        {
            "a_id": "city.data",
            "b_id": "city.services",
            "type": "MERGE",
            "event": "merge-services",
            "date": dt.date(2021, 12, 1),
        },
    ]


def test_derived_holdings(store: EmbeddedStore, dataset_dir: Path) -> None:
    load_paths(store, [dataset_dir])
    rows = store.read(
        "MATCH (a:Agency)-[h:HELD]->(f:Function) RETURN f.id AS function_id, a.id AS agency_id, "
        "h.since AS since, h.until AS until, h.event_in AS event_in, h.event_out AS event_out "
        "ORDER BY function_id, since",
        {},
    )
    by_function: dict[str, list[tuple]] = {}
    for r in rows:
        by_function.setdefault(r["function_id"], []).append(
            (r["agency_id"], r["since"], r["until"], r["event_in"], r["event_out"])
        )
    december = dt.date(2021, 12, 1)
    assert sorted(by_function["city.permit"], key=str) == sorted(
        [
            ("city.approval", None, december, None, "transfer-permit"),
            ("city.resources", december, None, "transfer-permit", None),
        ],
        key=str,
    )
    # two approval items merged into one: the old ones end, the new one begins
    assert by_function["city.site"] == [
        ("city.resources", None, dt.date(2019, 1, 1), None, "merge-site-land")
    ]
    assert by_function["city.site-and-land"] == [
        ("city.resources", dt.date(2019, 1, 1), None, "merge-site-land", None)
    ]
    assert by_function["city.town-items"] == [
        ("city.town.government", dt.date(2021, 10, 1), None, "devolve-town", None)
    ]


def test_agency_dates_and_names(store: EmbeddedStore, dataset_dir: Path) -> None:
    load_paths(store, [dataset_dir])
    rows = {
        r["id"]: r
        for r in store.read(
            "MATCH (a:Agency) RETURN a.id AS id, a.name AS name, a.former_names AS former, "
            "a.established AS established, a.dissolved AS dissolved, a.dissolved_precision AS p",
            {},
        )
    }
    assert rows["city.resources"]["name"] == "某市自然资源和规划局"
    assert rows["city.resources"]["former"] == ["某市自然资源局"]
    assert rows["city.approval"]["dissolved"] == dt.date(2021, 12, 1)
    assert rows["city.approval"]["p"] == "month"
    assert rows["city.services"]["established"] == dt.date(2021, 12, 1)
    assert rows["city.resources"]["dissolved"] is None


def test_a_merge_begins_its_agency_after_same_date_transfers_into_it(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    document = base_dataset()
    document["functions"].append(
        {"id": "city.data-sharing", "name": "数据共享", "category": "other"}
    )
    document["events"].append(
        {"id": "transfer-sharing", "type": "TRANSFER", "date": "2021-12", "from": ["city.data"],
         "to": ["city.services"], "functions": ["city.data-sharing"], "locator": "p9"}
    )  # fmt: skip
    load_paths(store, [write_dataset(tmp_path / "data", document)])
    [row] = store.read(
        "MATCH (a:Agency {id: 'city.services'}) RETURN a.established AS established, "
        "a.established_event AS event",
        {},
    )
    assert row == {"established": dt.date(2021, 12, 1), "event": "merge-services"}


def test_a_load_in_a_child_process_writes_the_same_graph(
    store: EmbeddedStore, dataset_dir: Path
) -> None:
    load_paths(store, [dataset_dir], isolate=False)
    counts, rows = store.counts(), store.read(HELD_ROWS, {})
    report = load_paths(store, [dataset_dir], isolate=True)
    assert store.counts() == counts and report.counts == {k: counts[k] for k in report.counts}
    assert store.read(HELD_ROWS, {}) == rows


def test_an_invalid_dataset_checked_in_a_child_process_names_its_problems(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    broken = base_dataset()
    event(broken, "transfer-permit")["to"] = ["city.nowhere"]
    with pytest.raises(DatasetInvalid) as caught:
        load_paths(store, [write_dataset(tmp_path / "broken", broken)], isolate=True)
    assert any(
        p.rule == "reference" and p.record == "transfer-permit" for p in caught.value.problems
    )
    assert not store.path.exists()
