"""Find and parse dataset files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml_rs

from app.errors import InvalidInput


def dataset_files(paths: list[Path]) -> list[Path]:
    """The YAML files named by `paths` (files, or directories searched one level deep)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        elif path.is_file():
            found.append(path)
        else:
            raise InvalidInput(f"{path}: no such file or directory")
    if not found:
        raise InvalidInput(f"no dataset files (*.yaml) in {', '.join(map(str, paths))}")
    return found


def parse_file(path: str) -> tuple[Any, str | None]:
    """(parsed document, None) or (None, what is wrong with the file)."""
    # YAML 1.2 (yaml-rs): eight times faster than libyaml's loader on large datasets, and
    # `yes`/`no` stay text, as names should.
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml_rs.loads(handle.read()), None
    except yaml_rs.YAMLDecodeError as exc:
        return None, f"not valid YAML: {' '.join(str(exc).split())}"
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8: {exc}"
