"""Catalog queries added for the HTTP API, and the embedded-engine variants of the hot ones:
each variant answers exactly what its portable text answers, on every record of the bundled
dataset."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from app.catalog import Catalog
from app.storage.embedded import EmbeddedStore

pytestmark = pytest.mark.engine("embedded")


@pytest.fixture(scope="module")
def store(bundled_db: Path):
    store = EmbeddedStore(bundled_db)
    yield store
    store.close()


def _ids(store: EmbeddedStore, label: str) -> list[str]:
    return [r["id"] for r in store.read(f"MATCH (n:{label}) RETURN n.id AS id ORDER BY id", {})]


def _rows(store: EmbeddedStore, text: str, params: dict) -> Counter:
    return Counter(tuple(sorted(row.items())) for row in store.read(text, params))


def test_every_ladybug_variant_answers_like_its_portable_text(store: EmbeddedStore) -> None:
    catalog = Catalog()
    variants = [q for q in catalog if "ladybug" in q.texts and "portable" in q.texts]
    assert {q.name for q in variants} >= {
        "citations",
        "event_agencies",
        "event_functions",
        "successors_step",
        "predecessors_step",
    }
    ids = {
        "citations": sum(
            (_ids(store, label) for label in ("Event", "Agency", "Function", "Reform")), []
        ),
        "event_agencies": _ids(store, "Event"),
        "event_functions": _ids(store, "Event"),
        "successors_step": _ids(store, "Agency"),
        "predecessors_step": _ids(store, "Agency"),
    }
    for query in variants:
        wanted = ids[query.name] + ["no-such-record"]
        portable = _rows(store, query.texts["portable"], {"ids": wanted})
        ladybug = _rows(store, query.texts["ladybug"], {"ids": wanted})
        assert portable, query.name
        assert ladybug == portable, query.name
        # and one id at a time, the way the service asks for a single record
        for one in wanted[:: max(1, len(wanted) // 40)]:
            assert _rows(store, query.texts["ladybug"], {"ids": [one]}) == _rows(
                store, query.texts["portable"], {"ids": [one]}
            ), (query.name, one)


def test_catalog_headers_name_every_parameter() -> None:
    for query in Catalog():
        assert query.answers, query.name
        for name in query.parameters:
            assert name in query.params_doc, (query.name, name)
