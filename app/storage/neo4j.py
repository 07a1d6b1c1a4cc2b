"""The Neo4j engine, on the official `neo4j` Python driver.

A load writes the new graph beside the old one and switches it in with one transaction, so a
load that fails at any point leaves the previous graph as it was:

1. the schema (cypher/schema/neo4j.cypher) is applied; it is idempotent;
2. nodes are written in batched `UNWIND` transactions under the labels `_Loading` and
   `_Loading_<Label>` (invisible to every query that names a label of the schema), then their
   relationships, between those staged nodes only;
3. one transaction takes the schema labels off the old nodes (they become `_Retired`) and puts
   them on the staged ones; the unique-id constraints are checked here, so duplicate ids abort
   the switch and the old graph stays;
4. the retired graph is deleted in batches.

Queries that name a label (every catalog and cookbook query does) see the old graph until the
switch commits and the new one after it; only a pattern with no label at all, such as
`MATCH ()-[r:HELD]->()`, can meet staged or retired relationships while a load runs.

Leftovers of a load that died half way (`_Loading` or `_Retired` nodes) are removed by the next
load. One load at a time per database: two concurrent loads would share the staging labels.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import neo4j
import pyarrow as pa
from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Time

from app.errors import BackendError, BackendUnavailable, QueryFailed
from app.settings import PROJECT_ROOT, Settings
from app.storage.base import Progress
from app.storage.ladybug_schema import TableSpec, statements, table_specs
from loaders.graph import GraphTables, NodeTable, RelTable

SCHEMA_FILE = PROJECT_ROOT / "cypher" / "schema" / "neo4j.cypher"
DEFAULT_URI = "neo4j://localhost:7687"
BATCH_SIZE = 5000
# Give up on an unreachable server in seconds, not the driver's default half minute.
DRIVER_CONFIG = {"connection_timeout": 5.0, "max_transaction_retry_time": 5.0}
STAGED = "_Loading"
RETIRED = "_Retired"


# The driver logs each retry at WARNING; the error that ends them reaches the caller as a
# BackendError, so the retries need not reach stderr where logging is not configured.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def _staged(label: str) -> str:
    return f"{STAGED}_{label}"


# -- the Cypher this store sends, besides the catalog's (tests/test_neo4j_syntax.py checks it) ----


def count_query(name: str, kind: str) -> str:
    """Nodes of a label or relationships of a type; only between live nodes, as a load may be
    under way."""
    if kind == "NODE":
        return f"MATCH (n:`{name}`) RETURN count(n) AS n"
    return (
        f"MATCH (a)-[r:`{name}`]->() WHERE NOT a:`{STAGED}` AND NOT a:`{RETIRED}` "
        "RETURN count(r) AS n"
    )


def delete_batch_query(label: str) -> str:
    return f"MATCH (n:`{label}`) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted"


def stage_nodes_query(label: str) -> str:
    return f"UNWIND $rows AS row CREATE (n:`{STAGED}`:`{_staged(label)}`) SET n = row"


def stage_relationships_query(type_: str, from_label: str, to_label: str) -> str:
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:`{STAGED}`:`{_staged(from_label)}` {{id: row.source}}) "
        f"MATCH (b:`{STAGED}`:`{_staged(to_label)}` {{id: row.target}}) "
        f"CREATE (a)-[r:`{type_}`]->(b) SET r = row.properties "
        "RETURN count(r) AS created"
    )


def retire_query(label: str) -> str:
    return f"MATCH (n:`{label}`) SET n:`{RETIRED}` REMOVE n:`{label}`"


def promote_query(label: str) -> str:
    return f"MATCH (n:`{_staged(label)}`) SET n:`{label}` REMOVE n:`{STAGED}`:`{_staged(label)}`"


AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


def _native(value: Any) -> Any:
    """A driver value as the Python value the embedded engine returns for the same data."""
    if isinstance(value, list):
        return [_native(v) for v in value]
    if isinstance(value, dict):
        return {k: _native(v) for k, v in value.items()}
    if isinstance(value, Path):
        return {
            "_NODES": [_native(n) for n in value.nodes],
            "_RELS": [_native(r) for r in value.relationships],
        }
    if isinstance(value, Node):
        labels = sorted(value.labels)
        return {"_LABEL": labels[0] if labels else None, **_native(dict(value.items()))}
    if isinstance(value, Relationship):
        return {"_LABEL": value.type, **_native(dict(value.items()))}
    if isinstance(value, (Date, DateTime, Time)):
        return value.to_native()
    return value


def _rows(table: pa.Table, names: list[str]) -> list[dict[str, Any]]:
    """Columnar data as one property map per row; nulls are left out, as Neo4j stores no null."""
    columns = [(name, table.column(name).to_pylist()) for name in names]
    return [
        {name: value for name, values in columns if (value := values[index]) is not None}
        for index in range(table.num_rows)
    ]


def _batches(table: pa.Table, size: int) -> Iterator[pa.Table]:
    """Slices of `size` rows: only one batch at a time becomes Python values."""
    for start in range(0, table.num_rows, size):
        yield table.slice(start, size)


def _translate(exc: Exception, doing: str) -> BackendError:
    """A driver error as the core's error: unreachable servers and bad queries apart."""
    if isinstance(exc, AuthError):
        return BackendUnavailable(
            f"Neo4j refused the credentials while {doing}: {exc}",
            hint="check NEO4J_USER and NEO4J_PASSWORD",
        )
    if isinstance(exc, (ServiceUnavailable, SessionExpired)):
        return BackendUnavailable(
            f"cannot reach Neo4j while {doing}: {exc}",
            hint="is the server up? check NEO4J_URI (docker compose up starts one)",
        )
    code = getattr(exc, "code", None) or ""
    if isinstance(exc, ClientError) and code.endswith("DatabaseNotFound"):
        return BackendUnavailable(
            f"Neo4j has no such database while {doing}: {exc}", hint="check NEO4J_DATABASE"
        )
    if isinstance(exc, Neo4jError):
        return QueryFailed(f"Neo4j rejected a query while {doing}: {exc}")
    return BackendUnavailable(f"the Neo4j driver failed while {doing}: {exc}")


class Neo4jStore:
    engine = "neo4j"
    in_process = False

    def __init__(self, settings: Settings, batch_size: int = BATCH_SIZE) -> None:
        self.uri = settings.neo4j_uri or DEFAULT_URI
        self.database = settings.neo4j_database
        self.batch_size = batch_size
        self._auth = (settings.neo4j_user, settings.neo4j_password)
        self._driver: neo4j.Driver | None = None
        self._lock = threading.Lock()

    def describe(self) -> str:
        return f"Neo4j database {self.database!r} at {self.uri}"

    def _connect(self) -> neo4j.Driver:
        with self._lock:
            if self._driver is None:
                try:
                    self._driver = GraphDatabase.driver(self.uri, auth=self._auth, **DRIVER_CONFIG)
                except (DriverError, ValueError) as exc:
                    raise BackendUnavailable(
                        f"cannot use NEO4J_URI {self.uri!r}: {exc}",
                        hint="e.g. neo4j://localhost:7687",
                    ) from exc
            return self._driver

    def _run(
        self, query: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> list[dict[str, Any]]:
        driver = self._connect()
        try:
            records, _, keys = driver.execute_query(
                query,
                dict(params or {}),
                database_=self.database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ,
            )
        except (Neo4jError, DriverError) as exc:
            raise _translate(exc, "writing" if write else "reading") from exc
        return [{key: _native(record[key]) for key in keys} for record in records]

    def read(self, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        return self._run(query, params)

    def counts(self) -> dict[str, int]:
        return {
            name: self._run(count_query(name, spec.kind))[0]["n"]
            for name, spec in table_specs().items()
        }

    def close(self) -> None:
        with self._lock:
            if self._driver is not None:
                self._driver.close()
            self._driver = None

    # -- loading ----------------------------------------------------------------------------

    def apply_schema(self) -> None:
        """Create the constraints and indexes of cypher/schema/neo4j.cypher and wait for them."""
        for statement in statements(SCHEMA_FILE):
            self._run(statement.rstrip(";"), write=True)
        self._run(AWAIT_INDEXES, write=True)

    def _delete_labelled(self, label: str) -> None:
        """Delete every node carrying `label`, with its relationships, a batch at a time."""
        query = delete_batch_query(label)
        while self._run(query, {"batch": self.batch_size}, write=True)[0]["deleted"]:
            pass

    def replace_graph(self, tables: GraphTables, progress: Progress | None = None) -> None:
        """Stage the new graph, switch it in with one transaction, then drop the old one."""
        specs = table_specs()
        labels = [name for name, spec in specs.items() if spec.kind == "NODE"]
        self.apply_schema()
        self._delete_labelled(STAGED)
        self._delete_labelled(RETIRED)
        steps = [t for t in tables.nodes if len(t)] + [r for r in tables.rels if len(r)]
        total = sum(len(step) for step in steps)
        done = 0
        try:
            for step in steps:
                for written in self._stage(step, specs):
                    done += written
                    if progress:
                        progress(_step_name(step), done, total)
            self._switch(labels)
        except BaseException:
            # The next load removes whatever is left; the old graph is untouched either way.
            with contextlib.suppress(BackendError):
                self._delete_labelled(STAGED)
            raise
        self._delete_labelled(RETIRED)

    def _stage(self, step: NodeTable | RelTable, specs: dict[str, TableSpec]) -> Iterator[int]:
        """Write one table under the staging labels; yield the rows written per batch."""
        if isinstance(step, NodeTable):
            query = stage_nodes_query(step.label)
            names = [name for name, _ in specs[step.label].properties]
            for batch in _batches(step.data, self.batch_size):
                self._run(query, {"rows": _rows(batch, names)}, write=True)
                yield batch.num_rows
            return
        query = stage_relationships_query(step.type, step.from_label, step.to_label)
        names = [name for name, _ in specs[step.type].properties]
        for batch in _batches(step.data, self.batch_size):
            rows = [
                {"source": s, "target": t, "properties": p}
                for s, t, p in zip(
                    batch.column("from").to_pylist(),
                    batch.column("to").to_pylist(),
                    _rows(batch, names),
                    strict=True,
                )
            ]
            created = self._run(query, {"rows": rows}, write=True)[0]["created"]
            if created != len(rows):
                problem = (
                    "name a node that is not in the graph"
                    if created < len(rows)
                    else "name an id that two nodes share"
                )
                raise QueryFailed(
                    f"writing {_step_name(step)}: {len(rows)} relationship(s) became {created}: "
                    f"some {problem}; the previous graph is unchanged"
                )
            yield len(rows)

    def _switch(self, labels: list[str]) -> None:
        """Retire the old graph and promote the staged one, in one transaction."""

        def switch(tx: neo4j.ManagedTransaction) -> None:
            for label in labels:
                tx.run(retire_query(label)).consume()
            for label in labels:
                tx.run(promote_query(label)).consume()

        self._write_transaction(switch, "switching in the new graph")

    def _write_transaction(
        self, work: Callable[[neo4j.ManagedTransaction], None], doing: str
    ) -> None:
        driver = self._connect()
        try:
            with driver.session(database=self.database) as session:
                session.execute_write(work)
        except (Neo4jError, DriverError) as exc:
            raise _translate(exc, doing) from exc


def _step_name(step: NodeTable | RelTable) -> str:
    if isinstance(step, NodeTable):
        return step.label
    return f"{step.type} ({step.from_label}→{step.to_label})"
