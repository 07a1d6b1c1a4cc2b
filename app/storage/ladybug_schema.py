"""Read cypher/schema/ladybug.cypher, so the embedded column types have one definition."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from app.settings import PROJECT_ROOT

SCHEMA_FILE = PROJECT_ROOT / "cypher" / "schema" / "ladybug.cypher"
_ARROW_TYPES = {
    "STRING": pa.string(),
    "STRING[]": pa.list_(pa.string()),
    "INT64": pa.int64(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "DATE[]": pa.list_(pa.date32()),
}
_TABLE = re.compile(r"CREATE (NODE|REL) TABLE `?(\w+)`?\((.*)\);", re.S)


@dataclass(frozen=True)
class TableSpec:
    kind: str  # NODE or REL
    name: str
    properties: tuple[tuple[str, pa.DataType], ...]


def statements(path: Path = SCHEMA_FILE) -> list[str]:
    text = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("//")
    )
    return [s.strip() + ";" for s in text.split(";") if s.strip()]


@lru_cache(maxsize=1)
def table_specs() -> dict[str, TableSpec]:
    specs = {}
    for statement in statements():
        match = _TABLE.match(statement)
        if not match:
            continue
        kind, name, body = match.groups()
        properties = []
        for part in body.split(","):
            words = part.split()
            if not words or words[0] in ("FROM", "TO") or words[0].startswith("FROM"):
                continue
            properties.append((words[0], _ARROW_TYPES[words[1]]))
        specs[name] = TableSpec(kind, name, tuple(properties))
    return specs
