"""Validate dataset files: every rule of the dataset format, in one report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from loaders.dataset import build_dataset
from loaders.files import dataset_files, parse_files
from loaders.history import History, replay
from loaders.model import Dataset, Problem


@dataclass
class Validated:
    dataset: Dataset
    history: History
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def validate_paths(paths: list[Path]) -> Validated:
    """Parse, check and replay the dataset at `paths` (files or directories)."""
    dataset, problems = build_dataset(parse_files(dataset_files(paths)))
    history, replay_problems = replay(dataset)
    return Validated(dataset, history, problems + replay_problems)
