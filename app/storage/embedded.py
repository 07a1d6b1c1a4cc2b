"""The embedded engine: a LadybugDB database file, written whole by bulk COPY from Arrow tables."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa

from app.errors import BackendUnavailable, QueryFailed
from app.storage.base import Progress
from app.storage.ladybug_schema import statements, table_specs
from loaders.graph import GraphTables, NodeTable, RelTable

# The engine's default buffer pool takes most of the machine's memory; these bounds keep a
# server or a 200,000-agency load well inside a laptop's (LINEAGE_WRITE_BUFFER_MB sets the
# second). A bulk COPY of a relationship table must fit in the write buffer.
READ_BUFFER_POOL = 1024 * 1024 * 1024
WRITE_BUFFER_POOL = 1024 * 1024 * 1024


def _companions(path: Path) -> list[Path]:
    """The database file and the files the engine keeps beside it."""
    return [path, Path(f"{path}.wal"), Path(f"{path}.shadow"), Path(f"{path}.tmp")]


class EmbeddedStore:
    engine = "ladybug"
    write_buffer_pool = WRITE_BUFFER_POOL  # bytes; open_store sets it from the settings
    in_process = True

    def __init__(self, path: Path, connections: int = 1, threads_per_query: int = 0) -> None:
        """`connections` readers share one read-only Database and run queries concurrently (the
        engine releases the GIL while it executes); a server under concurrent requests wants a
        few, each with `threads_per_query=1`: small queries then run twice as fast as with the
        engine's default of a thread per core, which suits one long scan at a time instead."""
        self.path = Path(path)
        self.connections = max(1, connections)
        self.threads_per_query = max(0, threads_per_query)
        self._lock = threading.Condition(threading.RLock())
        self._database: Any = None
        self._idle: list[Any] = []
        self._busy = 0

    def describe(self) -> str:
        return f"embedded database {self.path}"

    def exists(self) -> bool:
        return self.path.exists()

    def _open(self) -> None:
        """Open the database and its connections, once (callers hold the lock)."""
        if self._database is not None:
            return
        if not self.path.exists():
            raise BackendUnavailable(
                f"no database at {self.path}",
                hint="run `lineage load` first, or set LINEAGE_DB_PATH",
            )
        try:
            self._database = ladybug.Database(
                str(self.path), read_only=True, buffer_pool_size=READ_BUFFER_POOL
            )
            self._idle = [
                ladybug.Connection(self._database, num_threads=self.threads_per_query)
                for _ in range(self.connections)
            ]
        except RuntimeError as exc:
            self._database = None
            self._idle = []
            raise BackendUnavailable(f"cannot open {self.path}: {exc}") from exc

    def read(self, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        with self._lock:
            # Re-checked after every wait: close() may have run meanwhile, and then the
            # database is reopened rather than waited on forever.
            self._open()
            while not self._idle:
                self._lock.wait()
                self._open()
            connection = self._idle.pop()
            self._busy += 1
        try:
            result = connection.execute(query, dict(params))
            columns = result.get_column_names()
            rows = [dict(zip(columns, row, strict=True)) for row in result.get_all()]
            result.close()
            return rows
        except RuntimeError as exc:
            raise QueryFailed(f"the embedded engine rejected a query: {exc}") from exc
        finally:
            with self._lock:
                self._idle.append(connection)
                self._busy -= 1
                self._lock.notify_all()

    def counts(self) -> dict[str, int]:
        totals = {}
        for name, spec in table_specs().items():
            if spec.kind == "NODE":
                query = f"MATCH (n:{name}) RETURN count(n) AS n"
            else:
                query = f"MATCH ()-[r:`{name}`]->() RETURN count(r) AS n"
            totals[name] = self.read(query, {})[0]["n"]
        return totals

    def close(self) -> None:
        """Close the connections and the database, after the reads in flight finish."""
        with self._lock:
            while self._busy:
                self._lock.wait()
            for connection in self._idle:
                connection.close()
            if self._database is not None:
                self._database.close()
            self._idle = []
            self._database = None
            self._lock.notify_all()

    def replace_graph(self, tables: GraphTables, progress: Progress | None = None) -> None:
        """Build a new database file beside the old one and swap it in only when complete.

        `tables` is emptied as it is written: a large graph's memory is given back table by
        table while the engine's write buffer fills."""
        staging = self.path.with_name(f".{self.path.name}.loading-{os.getpid()}")
        for leftover in _companions(staging):
            leftover.unlink(missing_ok=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            _write_database(staging, tables, progress, self.write_buffer_pool)
        except BaseException:
            for leftover in _companions(staging):
                leftover.unlink(missing_ok=True)
            raise
        with self._lock:
            self.close()
            for stale in _companions(self.path)[1:]:
                stale.unlink(missing_ok=True)
            os.replace(staging, self.path)
            for leftover in _companions(staging):
                leftover.unlink(missing_ok=True)


def _write_database(
    path: Path, tables: GraphTables, progress: Progress | None, buffer_pool: int
) -> None:
    specs = table_specs()
    total = sum(len(t) for t in tables.nodes) + sum(len(r) for r in tables.rels)
    done = 0
    # Uncompressed columns copy about a third faster; the file is written once, read often.
    database = ladybug.Database(str(path), buffer_pool_size=buffer_pool, compression=False)
    try:
        with _connection(database) as connection:
            for statement in statements():
                connection.execute(statement)
        # Each table is let go of once copied, so the graph's memory shrinks as the engine's
        # grows. A connection keeps the Arrow data of every COPY it ran until it is closed:
        # hence one connection per table.
        for step in tables.drain():
            if not len(step):
                continue
            with _connection(database) as connection:
                if isinstance(step, NodeTable):
                    arrow = _node_arrow(step, specs[step.label].properties)
                    connection.execute(f"COPY {step.label} FROM arrow")
                    name = step.label
                else:
                    arrow = _rel_arrow(step, specs[step.type].properties)
                    connection.execute(
                        f"COPY `{step.type}` FROM arrow "
                        f"(from='{step.from_label}', to='{step.to_label}')"
                    )
                    name = f"{step.type} ({step.from_label}→{step.to_label})"
            done += len(step)
            del arrow, step
            if progress:
                progress(name, done, total)
        with _connection(database) as connection:
            connection.execute("CHECKPOINT")
    except (RuntimeError, pa.ArrowException) as exc:
        raise QueryFailed(f"writing {path} failed: {exc}") from exc
    finally:
        database.close()


@contextmanager
def _connection(database: Any) -> Iterator[Any]:
    connection = ladybug.Connection(database)
    try:
        yield connection
    finally:
        connection.close()


def _node_arrow(table: NodeTable, properties: tuple[tuple[str, pa.DataType], ...]) -> pa.Table:
    return _typed(table.data, properties)


def _rel_arrow(rel: RelTable, properties: tuple[tuple[str, pa.DataType], ...]) -> pa.Table:
    return _typed(rel.data, (("from", pa.string()), ("to", pa.string()), *properties))


def _typed(data: pa.Table, fields: tuple[tuple[str, pa.DataType], ...]) -> pa.Table:
    """The columns in the order COPY takes them, typed as the schema types them."""
    schema = pa.schema(fields)
    data = data.select(schema.names)
    return data if data.schema == schema else data.cast(schema)
