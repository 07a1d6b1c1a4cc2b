"""Shared fixtures: the bundled dataset loaded into every available engine, once per session.

`engine` is parametrised over the engines (embedded, neo4j); a behavioural test that takes it,
or takes `service`, runs once on each. The embedded engine is always there. The Neo4j leg uses
the server named by NEO4J_URI (its NEO4J_DATABASE is replaced by the bundled dataset), or else
starts neo4j:5-community with testcontainers; with neither it skips, with one line saying why.
The terminal summary ends with the engines each test ran on.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.service import LineageService
from app.settings import BUNDLED_DATA, Settings
from app.storage import GraphStore, open_store
from app.storage.embedded import EmbeddedStore
from loaders.load import load_paths

ENGINES = ("embedded", "neo4j")
NEO4J_IMAGE = "neo4j:5-community"
NEO4J_TEST_PASSWORD = "lineage-graph"
NEO4J_SKIP = "Neo4j leg skipped"


@dataclass(frozen=True)
class Engine:
    """One engine holding the bundled dataset: how to open it, in process or in a subprocess."""

    name: str  # embedded or neo4j
    settings: Settings

    @property
    def env(self) -> dict[str, str]:
        """Environment variables that point the CLI or the API at this engine."""
        if self.name == "embedded":
            return {"LINEAGE_BACKEND": "embedded", "LINEAGE_DB_PATH": str(self.settings.db_path)}
        return {
            "LINEAGE_BACKEND": "neo4j",
            "NEO4J_URI": self.settings.neo4j_uri or "",
            "NEO4J_USER": self.settings.neo4j_user,
            "NEO4J_PASSWORD": self.settings.neo4j_password,
            "NEO4J_DATABASE": self.settings.neo4j_database,
        }

    def open_store(self) -> GraphStore:
        return open_store(self.settings)

    def reload_bundled(self) -> None:
        """Put the bundled dataset back, for tests that load something else into the engine."""
        store = self.open_store()
        try:
            load_paths(store, [BUNDLED_DATA])
        finally:
            store.close()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "engine(name): the engine a test that does not take the `engine` fixture uses"
    )


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of an embedded database holding the bundled dataset."""
    path = tmp_path_factory.mktemp("bundled") / "lineage.lbug"
    store = EmbeddedStore(path)
    load_paths(store, [BUNDLED_DATA])
    store.close()
    return path


@pytest.fixture(scope="session")
def embedded_engine(bundled_db: Path) -> Engine:
    return Engine("embedded", Settings(LINEAGE_BACKEND="embedded", LINEAGE_DB_PATH=bundled_db))


def _docker_unavailable() -> str | None:
    """Why testcontainers cannot start a container here, or None if it can."""
    try:
        import docker

        client = docker.from_env(timeout=5)
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:  # any failure means the same: no engine to run containers on
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return detail[:120]
    return None


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    """Settings for a Neo4j server: NEO4J_URI's, or a neo4j:5-community container's."""
    if os.environ.get("NEO4J_URI"):
        yield Settings(LINEAGE_BACKEND="neo4j")
        return
    problem = _docker_unavailable()
    if problem:
        pytest.skip(f"{NEO4J_SKIP}: NEO4J_URI is unset and there is no Docker engine ({problem})")
    try:
        from testcontainers.community.neo4j import Neo4jContainer
    except ImportError:  # testcontainers before the community namespace
        from testcontainers.neo4j import Neo4jContainer

    container = Neo4jContainer(NEO4J_IMAGE, password=NEO4J_TEST_PASSWORD)
    container.start()
    try:
        yield Settings(
            LINEAGE_BACKEND="neo4j",
            NEO4J_URI=container.get_connection_url(),
            NEO4J_USER="neo4j",
            NEO4J_PASSWORD=NEO4J_TEST_PASSWORD,
            NEO4J_DATABASE="neo4j",
        )
    finally:
        container.stop()


@pytest.fixture(scope="session")
def neo4j_engine(neo4j_settings: Settings) -> Engine:
    """The Neo4j server of this session, holding the bundled dataset."""
    engine = Engine("neo4j", neo4j_settings)
    engine.reload_bundled()
    return engine


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Engine:
    """Each available engine in turn, holding the bundled dataset."""
    return request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture(scope="session")
def service(engine: Engine) -> Iterator[LineageService]:
    """The core service over the bundled dataset, on each available engine."""
    store = engine.open_store()
    yield LineageService(store)
    store.close()


# -- which engine each test ran on ------------------------------------------------------------


def _engine_of(item: pytest.Item) -> str | None:
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "engine" in callspec.params:
        return callspec.params["engine"]
    marker = item.get_closest_marker("engine")
    if marker:
        return marker.args[0]
    return "embedded" if "bundled_db" in getattr(item, "fixturenames", ()) else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        name = _engine_of(item)
        if name:
            item.user_properties.append(("engine", name))  # lands in --junitxml reports


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Report the Neo4j leg's skips at the fixture that decided them, so that `-ra` folds them
    into one line instead of one per test."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple):
        _, _, reason = report.longrepr
        if NEO4J_SKIP in reason:
            line = neo4j_settings.__wrapped__.__code__.co_firstlineno
            report.longrepr = (__file__, line, reason)
    return report


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    tally: dict[str, Counter] = {}
    for outcome in ("passed", "failed", "error", "skipped", "xfailed", "xpassed"):
        for report in terminalreporter.stats.get(outcome, []):
            if report.when != "call" and outcome == "passed":
                continue
            engine = dict(getattr(report, "user_properties", ())).get("engine")
            if engine:
                tally.setdefault(engine, Counter())[outcome] += 1
    if not tally:
        return
    terminalreporter.section("engines")
    for engine, counts in sorted(tally.items()):
        summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
        terminalreporter.write_line(f"{engine}: {summary}")
