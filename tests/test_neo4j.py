"""The Neo4j store: schema, the graph it holds, atomic loading, errors, values.

Tests that need a server take `neo4j_engine` (NEO4J_URI, or neo4j:5-community through
testcontainers) and skip without one; they leave the bundled dataset loaded when they end. The
first tests need only the driver.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest
from neo4j.time import Date, DateTime

from app.errors import BackendUnavailable, QueryFailed
from app.settings import BUNDLED_DATA, Settings
from app.storage import open_store
from app.storage.base import GraphStore
from app.storage.ladybug_schema import table_specs
from app.storage.neo4j import RETIRED, STAGED, Neo4jStore, _native
from loaders.graph import GraphTables, build_tables
from loaders.validate import validate_paths

on_neo4j = pytest.mark.engine("neo4j")


# -- without a server ---------------------------------------------------------------------------


def test_driver_values_become_the_values_the_embedded_engine_returns() -> None:
    assert _native(Date(2021, 12, 1)) == dt.date(2021, 12, 1)
    assert type(_native(Date(2021, 12, 1))) is dt.date
    assert _native([Date(2019, 1, 1), None]) == [dt.date(2019, 1, 1), None]
    assert _native({"d": Date(2020, 2, 29)}) == {"d": dt.date(2020, 2, 29)}
    assert _native(DateTime(2021, 1, 2, 3, 4, 5)) == dt.datetime(2021, 1, 2, 3, 4, 5)
    assert _native(["a", 1, 2.5]) == ["a", 1, 2.5]


def test_open_store_picks_neo4j_without_connecting() -> None:
    store = open_store(Settings(LINEAGE_BACKEND="neo4j", NEO4J_URI="neo4j://example.invalid:7687"))
    assert isinstance(store, Neo4jStore) and store.engine == "neo4j"
    assert "neo4j://example.invalid:7687" in store.describe()
    store.close()


def test_an_unreachable_server_is_backend_unavailable() -> None:
    store = Neo4jStore(Settings(LINEAGE_BACKEND="neo4j", NEO4J_URI="bolt://127.0.0.1:9"))
    with pytest.raises(BackendUnavailable) as caught:
        store.read("RETURN 1 AS one", {})
    assert "NEO4J_URI" in (caught.value.hint or "")
    store.close()


# -- with a server ------------------------------------------------------------------------------


def bundled_tables() -> GraphTables:
    validated = validate_paths([BUNDLED_DATA])
    assert not validated.errors
    return build_tables(validated.dataset, validated.history)


def dump(store: GraphStore, tables: GraphTables) -> dict[str, list]:
    """Every node with every property, every relationship with its ends and properties, sorted."""
    specs = table_specs()
    graph: dict[str, list] = {}
    for table in tables.nodes:
        names = [name for name, _ in specs[table.label].properties]
        columns = ", ".join(f"n.{name} AS {name}" for name in names)
        rows = store.read(f"MATCH (n:{table.label}) RETURN {columns}", {})
        graph[table.label] = sorted(rows, key=lambda row: row["id"])
    for rel in tables.rels:
        names = [name for name, _ in specs[rel.type].properties]
        columns = "".join(f", r.{name} AS {name}" for name in names)
        rows = store.read(
            f"MATCH (a:{rel.from_label})-[r:`{rel.type}`]->(b:{rel.to_label}) "
            f"RETURN a.id AS source, b.id AS target{columns}",
            {},
        )
        key = f"{rel.type} {rel.from_label}->{rel.to_label}"
        graph[key] = sorted(rows, key=lambda row: sorted((k, str(v)) for k, v in row.items()))
    return graph


def leftovers(store: Neo4jStore) -> int:
    query = f"MATCH (n) WHERE n:`{STAGED}` OR n:`{RETIRED}` RETURN count(n) AS n"
    return store.read(query, {})[0]["n"]


@pytest.fixture
def neo4j_store(neo4j_engine) -> Iterator[Neo4jStore]:
    """A store on the session's server; the bundled dataset is put back afterwards."""
    store = Neo4jStore(neo4j_engine.settings)
    yield store
    store.close()
    neo4j_engine.reload_bundled()


@on_neo4j
def test_the_schema_is_constraints_and_indexes(neo4j_engine) -> None:
    store = neo4j_engine.open_store()
    try:
        constraints = store.read(
            "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
            "RETURN labelsOrTypes[0] AS label, properties, type",
            {},
        )
        indexes = store.read(
            "SHOW INDEXES YIELD labelsOrTypes, properties, state "
            "RETURN labelsOrTypes[0] AS label, properties, state",
            {},
        )
    finally:
        store.close()
    unique = {
        c["label"] for c in constraints if "UNIQUE" in c["type"] and c["properties"] == ["id"]
    }
    labels = {name for name, spec in table_specs().items() if spec.kind == "NODE"}
    assert labels <= unique
    indexed = {(i["label"], i["properties"][0]) for i in indexes if i["properties"]}
    for wanted in [
        ("Agency", "name"),
        ("Function", "name"),
        ("Jurisdiction", "name"),
        ("Event", "date"),
        ("Agency", "established"),
        ("Agency", "dissolved"),
        ("HELD", "since"),
        ("Agency", "search_text"),
    ]:
        assert wanted in indexed
    assert all(i["state"] == "ONLINE" for i in indexes)


@on_neo4j
def test_neo4j_holds_the_graph_the_embedded_engine_holds(neo4j_engine, embedded_engine) -> None:
    tables = bundled_tables()
    neo4j, embedded = neo4j_engine.open_store(), embedded_engine.open_store()
    try:
        assert (
            neo4j.counts()
            == embedded.counts()
            == {
                **dict.fromkeys(table_specs(), 0),
                **tables.counts(),
            }
        )
        assert dump(neo4j, tables) == dump(embedded, tables)
    finally:
        neo4j.close()
        embedded.close()


@on_neo4j
def test_values_are_python_values(neo4j_engine) -> None:
    store = neo4j_engine.open_store()
    try:
        agency = store.read(
            "MATCH (a:Agency {id: $id}) RETURN a.established AS established, "
            "a.former_names AS former_names, a.aliases AS aliases",
            {"id": "nanchang.government-services-data"},
        )[0]
        measure = store.read("MATCH (m:Measure) RETURN m.before AS before LIMIT 1", {})[0]
    finally:
        store.close()
    assert type(agency["established"]) is dt.date
    assert isinstance(agency["former_names"], list) and isinstance(agency["aliases"], list)
    assert isinstance(measure["before"], float)


@on_neo4j
def test_small_batches_load_the_same_graph(neo4j_engine, embedded_engine, neo4j_store) -> None:
    tables = bundled_tables()
    seen: list[tuple[str, int, int]] = []
    small = Neo4jStore(neo4j_engine.settings, batch_size=7)
    try:
        small.replace_graph(tables, lambda step, done, total: seen.append((step, done, total)))
        assert seen[-1][1] == seen[-1][2] == sum(tables.counts().values())
        assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)
        embedded = embedded_engine.open_store()
        try:
            assert dump(small, tables) == dump(embedded, tables)
        finally:
            embedded.close()
        assert leftovers(small) == 0
    finally:
        small.close()


@on_neo4j
def test_loading_twice_leaves_one_graph(neo4j_store: Neo4jStore) -> None:
    tables = bundled_tables()
    neo4j_store.replace_graph(tables)
    first = dump(neo4j_store, tables)
    neo4j_store.replace_graph(tables)
    assert dump(neo4j_store, tables) == first
    assert leftovers(neo4j_store) == 0


def _broken(kind: str) -> GraphTables:
    tables = copy.deepcopy(bundled_tables())
    if kind == "dangling relationship":
        held = next(r for r in tables.rels if r.type == "HELD")
        row = {"from": "no.such-agency", "to": held.data.column("to")[0].as_py()}
        held.data = pa.concat_tables([held.data, pa.Table.from_pylist([row], held.data.schema)])
    else:
        agencies = next(t for t in tables.nodes if t.label == "Agency")
        agencies.data = pa.concat_tables([agencies.data, agencies.data.slice(0, 1)])
        if kind == "duplicate id, caught by the switch":  # no relationship reaches the twins
            tables.rels = []
    return tables


@on_neo4j
@pytest.mark.parametrize(
    "kind", ["dangling relationship", "duplicate id", "duplicate id, caught by the switch"]
)
def test_a_failed_load_leaves_the_previous_graph(neo4j_store: Neo4jStore, kind: str) -> None:
    tables = bundled_tables()
    before = dump(neo4j_store, tables)
    with pytest.raises(QueryFailed):
        neo4j_store.replace_graph(_broken(kind))
    assert dump(neo4j_store, tables) == before
    assert leftovers(neo4j_store) == 0


@on_neo4j
def test_an_interrupted_load_leaves_the_previous_graph(neo4j_engine, neo4j_store) -> None:
    tables = bundled_tables()
    before = dump(neo4j_store, tables)

    class Interrupted(Exception):
        pass

    def interrupt(step: str, done: int, total: int) -> None:
        if done > total // 2:
            raise Interrupted

    small = Neo4jStore(neo4j_engine.settings, batch_size=10)
    try:
        with pytest.raises(Interrupted):
            small.replace_graph(tables, interrupt)
        assert dump(small, tables) == before
        assert leftovers(small) == 0
    finally:
        small.close()


@on_neo4j
def test_leftovers_of_a_crashed_load_are_cleared(neo4j_store: Neo4jStore) -> None:
    tables = bundled_tables()
    neo4j_store._run(
        f"CREATE (:`{STAGED}`:`{STAGED}_Agency` {{id: 'half-written'}})"
        f"-[:HELD]->(:`{RETIRED}` {{id: 'stale'}})",
        write=True,
    )
    assert leftovers(neo4j_store) == 2
    neo4j_store.replace_graph(tables)
    assert leftovers(neo4j_store) == 0
    assert neo4j_store.counts() == {**dict.fromkeys(table_specs(), 0), **tables.counts()}


@on_neo4j
def test_the_cli_loads_into_neo4j(neo4j_engine) -> None:
    env: dict[str, Any] = {**os.environ, **neo4j_engine.env}
    env.pop("LINEAGE_DB_PATH", None)
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "load"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Neo4j database" in result.stdout and "SUCCEEDED_BY" in result.stdout
