"""Every Cypher text Neo4j is sent, checked by Neo4j's own parser and semantic analysis (the
npm package @neo4j-cypher/language-support, Cypher 5) without a server: the catalog and
cookbook queries in their Neo4j form, the schema statements, and what the store writes to load.
Errors and warnings (deprecations included) fail the test. Skips without node and the package:
`npm install -g @neo4j-cypher/language-support`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.catalog import Catalog, default_catalog
from app.settings import PROJECT_ROOT
from app.storage import neo4j as store
from app.storage.ladybug_schema import statements

CHECKER = Path(__file__).with_name("neo4j_syntax.cjs")
PACKAGE = "@neo4j-cypher/language-support"


def _node_environment() -> dict[str, str] | None:
    """An environment in which node finds the package (global installs included), or None."""
    node = shutil.which("node")
    if node is None:
        return None
    paths = [os.environ.get("NODE_PATH", ""), str(PROJECT_ROOT / "node_modules")]
    npm = shutil.which("npm")
    if npm:
        root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False)
        paths.append(root.stdout.strip())
    env = {**os.environ, "NODE_PATH": os.pathsep.join(p for p in paths if p)}
    probe = subprocess.run(
        [node, "-e", f"require.resolve('{PACKAGE}')"], env=env, capture_output=True, check=False
    )
    return env if probe.returncode == 0 else None


def neo4j_texts() -> dict[str, str]:
    texts = {}
    cookbook = Catalog(PROJECT_ROOT / "cypher" / "cookbook")
    for kind, catalog in (("query", default_catalog()), ("cookbook", cookbook)):
        for query in catalog:
            texts[f"{kind} {query.name}"] = query.text("neo4j")
    for index, statement in enumerate(statements(store.SCHEMA_FILE)):
        texts[f"schema statement {index + 1}"] = statement.rstrip(";")
    texts["await indexes"] = store.AWAIT_INDEXES
    # The store's own statements differ per label and type only in a backticked name: one of
    # each, with the keyword-named types, stands for all.
    texts["count nodes"] = store.count_query("Agency", "NODE")
    texts["count relationships"] = store.count_query("IN", "REL")
    texts["stage nodes"] = store.stage_nodes_query("Agency")
    texts["stage IN"] = store.stage_relationships_query("IN", "Agency", "Jurisdiction")
    texts["stage FROM"] = store.stage_relationships_query("FROM", "Event", "Agency")
    texts["retire"] = store.retire_query("Agency")
    texts["promote"] = store.promote_query("Agency")
    for label in (store.STAGED, store.RETIRED):
        texts[f"delete {label}"] = store.delete_batch_query(label)
    return texts


def test_neo4j_accepts_every_text_it_is_sent() -> None:
    env = _node_environment()
    if env is None:
        pytest.skip(f"Neo4j syntax check skipped: no node, or no npm package {PACKAGE}")
    texts = neo4j_texts()
    payload = json.dumps([{"name": n, "text": t} for n, t in texts.items()])
    result = subprocess.run(
        ["node", str(CHECKER)], input=payload, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    problems = json.loads(result.stdout)
    assert problems == [], "\n".join(
        f"{p['name']}: {p['severity']}: {p['message']} at {p['at']!r}" for p in problems
    )
    assert len(texts) > 50


def test_a_dialect_mistake_would_be_caught() -> None:
    """The checker is not vacuous: the embedded engine's syntax is an error for Neo4j."""
    env = _node_environment()
    if env is None:
        pytest.skip(f"Neo4j syntax check skipped: no node, or no npm package {PACKAGE}")
    wrong = "MATCH p = (a:Agency)-[:SUCCEEDED_BY* SHORTEST 1..3]->(b) RETURN CAST(1 AS INT64)"
    payload = json.dumps([{"name": "embedded syntax", "text": wrong}])
    result = subprocess.run(
        ["node", str(CHECKER)], input=payload, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert any(p["severity"] == "error" for p in json.loads(result.stdout))
