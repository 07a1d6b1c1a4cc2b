"""Storage engines behind one narrow interface. Only this package imports a database driver."""

from __future__ import annotations

from app.settings import Settings
from app.storage.base import GraphStore


def open_store(settings: Settings) -> GraphStore:
    """The store the settings name; drivers are imported only when chosen."""
    if settings.backend == "neo4j":
        from app.storage.neo4j import Neo4jStore

        return Neo4jStore(settings)
    from app.storage.embedded import EmbeddedStore

    store = EmbeddedStore(settings.db_path)
    store.write_buffer_pool = settings.write_buffer_mb * 1024 * 1024
    return store


__all__ = ["GraphStore", "open_store"]
