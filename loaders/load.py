"""Validate, derive and write a dataset: the whole of `lineage load`."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from app.errors import DatasetInvalid
from app.storage.base import GraphStore, Progress
from loaders.files import dataset_files
from loaders.graph import open_spilled, pack_links, record_tables
from loaders.model import Problem
from loaders.validate import collector_paused, validate_paths

T = TypeVar("T")

# Above this many bytes of dataset files, the records are built in a child process.
ISOLATE_THRESHOLD_BYTES = 8_000_000


@dataclass
class LoadReport:
    files: list[str]
    counts: dict[str, int]
    warnings: list[Problem]


@dataclass
class _Derived:
    files: list[str]
    problems: list[Problem]
    counts: dict[str, int]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def load_paths(
    store: GraphStore,
    paths: list[Path],
    progress: Progress | None = None,
    isolate: bool | None = None,
) -> LoadReport:
    """Replace the store's graph with the dataset at `paths`; an invalid one writes nothing.

    The tables are built into a temporary directory, then the `links` of Agency, Function and
    Event nodes are packed from them there, and the store writes them from there. The records
    the tables are built from take several times their memory, and packing takes some too; with
    `isolate` (by default, for a large dataset) each step runs in a child process of its own,
    whose memory goes back to the system whole when it ends, before the engine's write buffer
    fills. Freed in this process, much of it would stay."""
    if isolate is None:
        size = sum(f.stat().st_size for f in dataset_files(paths))
        isolate = size > ISOLATE_THRESHOLD_BYTES
    with tempfile.TemporaryDirectory(prefix="lineage-load-") as directory:
        spill = Path(directory)
        run = _in_child if isolate else _here
        derived = run(_derive, paths, spill)
        if derived.errors:
            raise DatasetInvalid(derived.problems)
        run(_link, spill)
        tables = open_spilled(spill)
        with collector_paused():
            store.replace_graph(tables, progress)
    warnings = [p for p in derived.problems if p.severity == "warning"]
    return LoadReport(derived.files, derived.counts, warnings)


def _in_child(work: Callable[..., T], *args: Any) -> T:
    """Run `work` in a child process, whose memory is given back whole when it ends."""
    with ProcessPoolExecutor(1) as child:
        return child.submit(work, *args).result()


def _here(work: Callable[..., T], *args: Any) -> T:
    return work(*args)


def _derive(paths: list[Path], spill: Path) -> _Derived:
    """Validate the dataset and, if it has no errors, spill its tables to `spill`."""
    with collector_paused():  # for the whole load: re-enabling it midway costs a full pass
        validated = validate_paths(paths)
        if validated.errors:
            return _Derived(validated.dataset.files, validated.problems, {})
        tables = record_tables(validated.dataset, validated.history, spill)
        return _Derived(validated.dataset.files, validated.problems, tables.counts())


def _link(spill: Path) -> None:
    """Pack the `links` of the tables spilled to `spill`, and spill them there too."""
    with collector_paused():
        pack_links(open_spilled(spill), spill)
