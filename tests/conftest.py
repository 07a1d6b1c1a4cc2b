"""Shared fixtures: a real embedded database loaded with the bundled dataset, once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.service import LineageService
from app.settings import BUNDLED_DATA
from app.storage.embedded import EmbeddedStore
from loaders.load import load_paths


@pytest.fixture(scope="session")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of an embedded database holding the bundled dataset."""
    path = tmp_path_factory.mktemp("bundled") / "lineage.lbug"
    store = EmbeddedStore(path)
    load_paths(store, [BUNDLED_DATA])
    store.close()
    return path


@pytest.fixture(scope="session")
def service(bundled_db: Path) -> LineageService:
    """The core service over the bundled dataset on the embedded engine."""
    store = EmbeddedStore(bundled_db)
    yield LineageService(store)
    store.close()
