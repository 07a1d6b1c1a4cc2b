"""Parity: every catalog query gives the same answer on both engines over the bundled dataset.

Each query is run with parameters drawn from the data (every id of the kind its header names,
dates around the reforms, search texts from real names), on the embedded engine and on Neo4j,
and the rows must be equal: in order where the query ends with ORDER BY on both engines, as
multisets otherwise. The Neo4j leg skips without a server; the check that every query gets
parameters, and answers something on the embedded engine, always runs.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal
from typing import Any

import pytest

from app.catalog import CatalogQuery, default_catalog
from app.text import search_key

DATES = [dt.date(2021, 1, 1), dt.date(2000, 1, 1), dt.date(2019, 6, 30), dt.date(2030, 1, 1)]
MOST_PARAMETER_SETS = 300
_PARAM_DOC = re.compile(r"(\w+)\s*\(([^()]*)\)")
_KINDS = {
    "agency": "Agency",
    "function": "Function",
    "jurisdiction": "Jurisdiction",
    "reform": "Reform",
    "source": "Source",
    "event": "Event",
}


# -- comparing answers --------------------------------------------------------------------------


def _sortable(value: Any) -> Any:
    """A total order over row values of mixed types (None, numbers, text, dates, lists)."""
    if value is None:
        return (0, "")
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, (int, float, Decimal)):
        return (1, float(value))
    if isinstance(value, (list, tuple)):
        return (3, tuple(_sortable(v) for v in value))
    if isinstance(value, dict):
        return (4, tuple(sorted((k, _sortable(v)) for k, v in value.items())))
    return (2, str(value))


def _ordered(text: str) -> bool:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return body.rfind("ORDER BY") > body.rfind("RETURN")


def assert_same_answers(
    name: str, params: dict[str, Any], texts: tuple[str, str], answers: tuple[list, list]
) -> None:
    """Equal rows from the two engines: in order if both texts sort their result, else as bags."""
    embedded, neo4j = answers
    if not all(_ordered(text) for text in texts):
        key = lambda row: tuple(sorted((k, _sortable(v)) for k, v in row.items()))  # noqa: E731
        embedded, neo4j = sorted(embedded, key=key), sorted(neo4j, key=key)
    assert neo4j == embedded, f"{name} answers differently on Neo4j with {params}"


# -- parameters from the data -------------------------------------------------------------------


def _ids(store, label: str) -> list[str]:
    return [r["id"] for r in store.read(f"MATCH (n:{label}) RETURN n.id AS id ORDER BY id", {})]


def _values(store, description: str) -> list[Any] | None:
    """Values for a parameter, from the description its query's header gives it."""
    text = description.lower()
    optional = [""] if "''" in text else []
    if text.startswith("list of"):
        if "record ids" in text:
            return [
                [
                    i
                    for label in ("Event", "Agency", "Function", "Reform")
                    for i in _ids(store, label)
                ]
            ]
        for word, label in _KINDS.items():
            if text.startswith(f"list of {word}"):
                return [_ids(store, label)]
        return None
    for word, label in _KINDS.items():
        if text.startswith(f"{word} id"):
            return optional + _ids(store, label)
    if text.startswith("event type"):
        types = store.read("MATCH (e:Event) RETURN DISTINCT e.type AS t ORDER BY t", {})
        return optional + [r["t"] for r in types]
    if text.startswith("date"):
        return DATES
    if "search text" in text:
        names = store.read("MATCH (a:Agency) RETURN a.name AS n ORDER BY a.id LIMIT 3", {})
        return [search_key(r["n"][:3]) for r in names] + ["局", "审批", "zz-no-such-name"]
    if text.startswith(("most ", "number of")):
        return [1000]
    return None


def parameter_sets(store, query: CatalogQuery) -> list[dict[str, Any]]:
    """Parameter sets covering a query: every combination, thinned evenly if there are many."""
    documented = dict(_PARAM_DOC.findall(query.params_doc))
    choices: dict[str, list[Any]] = {}
    for name in query.parameters:
        assert name in documented, f"{query.name}: ${name} is not described in its params header"
        values = _values(store, documented[name])
        assert values, f"{query.name}: no rule gives values for ${name} ({documented[name]})"
        choices[name] = values
    combinations = list(itertools.product(*choices.values()))
    stride = max(1, len(combinations) // MOST_PARAMETER_SETS)
    return [dict(zip(choices, combo, strict=True)) for combo in combinations[::stride]]


QUERIES = [query.name for query in default_catalog()]


@pytest.fixture(scope="module")
def embedded_store(embedded_engine):
    store = embedded_engine.open_store()
    yield store
    store.close()


@pytest.mark.engine("embedded")
@pytest.mark.parametrize("name", QUERIES)
def test_every_catalog_query_gets_parameters_and_answers(embedded_store, name: str) -> None:
    query = default_catalog().get(name)
    sets = parameter_sets(embedded_store, query)
    answered = [embedded_store.read(query.text("ladybug"), p) for p in sets]
    assert any(answered), f"{name} answers nothing for any of {len(sets)} parameter sets"


@pytest.mark.engine("embedded+neo4j")
@pytest.mark.parametrize("name", QUERIES)
def test_catalog_query_answers_alike_on_both_engines(
    embedded_store, neo4j_engine, name: str
) -> None:
    query = default_catalog().get(name)
    texts = (query.text("ladybug"), query.text("neo4j"))
    neo4j_store = neo4j_engine.open_store()
    try:
        for params in parameter_sets(embedded_store, query):
            answers = (embedded_store.read(texts[0], params), neo4j_store.read(texts[1], params))
            assert_same_answers(name, params, texts, answers)
    finally:
        neo4j_store.close()
