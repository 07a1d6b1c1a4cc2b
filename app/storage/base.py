"""The storage interface: run a read query, replace the whole graph, count what is there."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from loaders.graph import GraphTables

# Called as progress(step, done, total) while a graph is written.
Progress = Callable[[str, int, int], None]


class GraphStore(Protocol):
    """What the core needs of an engine. Errors surface as app.errors.BackendError subclasses."""

    engine: str  # the catalog variant this engine runs: "ladybug" or "neo4j"
    # True when reads run in this process without waiting on I/O: a point lookup then costs
    # less than a thread hop, and callers may run short reads on the event loop.
    in_process: bool

    def read(self, query: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Rows of a read-only query, as dicts keyed by the RETURN column names."""
        ...

    def replace_graph(self, tables: GraphTables, progress: Progress | None = None) -> None:
        """Write `tables` as the whole graph, atomically: on failure the old graph stays."""
        ...

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type."""
        ...

    def describe(self) -> str:
        """Where the data lives, for messages (a file path, a server address)."""
        ...

    def close(self) -> None: ...
