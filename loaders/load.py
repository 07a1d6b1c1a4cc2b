"""Validate, derive and write a dataset: the whole of `lineage load`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.errors import DatasetInvalid
from app.storage.base import GraphStore, Progress
from loaders.graph import build_tables
from loaders.model import Problem
from loaders.validate import collector_paused, validate_paths


@dataclass
class LoadReport:
    files: list[str]
    counts: dict[str, int]
    warnings: list[Problem]


def load_paths(
    store: GraphStore, paths: list[Path], progress: Progress | None = None
) -> LoadReport:
    """Replace the store's graph with the dataset at `paths`; an invalid one writes nothing."""
    with collector_paused():  # for the whole load: re-enabling it midway costs a full pass
        validated = validate_paths(paths)
        if validated.errors:
            raise DatasetInvalid(validated.problems)
        tables = build_tables(validated.dataset, validated.history)
        report = LoadReport(validated.dataset.files, tables.counts(), validated.warnings)
        del validated  # the tables hold all that is written; free the records before writing
        store.replace_graph(tables, progress)
    return report
