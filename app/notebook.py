"""Catalog queries as pandas DataFrames, from either engine, in one call (needs pandas:
`pip install -e ".[notebook]"`).

    from app.notebook import frame
    frame("function_holders", id="nanchang.building-planning-permit")
    frame("org_chart_on_date", jurisdiction="nanchang", at="2021-01-01")

`query_name` is a query of the catalog (cypher/queries) or of the cookbook (cypher/cookbook).
The engine is the one the environment names (LINEAGE_BACKEND, LINEAGE_DB_PATH, NEO4J_URI,
NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE), or the one `settings` names. Parameters a query
documents as dates may be given as text (YYYY, YYYY-MM or YYYY-MM-DD, the first day of the
period). Values come back as Python values (datetime.date for dates, lists for lists) whichever
engine answered. Each call opens the store and closes it again, so a notebook always reads the
graph as it is now, after a `lineage load` too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pandas as pd

from app.catalog import Catalog, CatalogQuery, default_catalog
from app.errors import NotFound
from app.service import as_date
from app.settings import PROJECT_ROOT, Settings
from app.storage import open_store

COOKBOOK_DIR = PROJECT_ROOT / "cypher" / "cookbook"
_DATE_PARAM = re.compile(r"(\w+)\s*\(\s*date\b")


@lru_cache(maxsize=1)
def cookbook() -> Catalog:
    return Catalog(COOKBOOK_DIR)


def find_query(name: str) -> CatalogQuery:
    """A query by name: the catalog's, else the cookbook's."""
    for catalog in (default_catalog(), cookbook()):
        if name in catalog.queries:
            return catalog.get(name)
    known = sorted([*default_catalog().queries, *cookbook().queries])
    raise NotFound(f"no catalog or cookbook query named {name!r}", hint=", ".join(known))


def frame(query_name: str, settings: Settings | None = None, **params: Any) -> pd.DataFrame:
    """The rows of one catalog or cookbook query as a DataFrame, one column per RETURN item."""
    query = find_query(query_name)
    for name in _DATE_PARAM.findall(query.params_doc):
        if isinstance(params.get(name), str):
            params[name] = as_date(params[name], name)
    store = open_store(settings or Settings())
    try:
        rows = store.read(query.text(store.engine), params)
    finally:
        store.close()
    return pd.DataFrame.from_records(rows, columns=list(rows[0]) if rows else None)
