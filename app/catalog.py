"""The query catalog: the Cypher files under cypher/queries, each with a header saying what it
answers and its parameters. `name.cypher` is portable; `name.<engine>.cypher` beside it, where
present, is the variant for one engine (ladybug or neo4j)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from app.errors import NotFound
from app.settings import PROJECT_ROOT

QUERY_DIR = PROJECT_ROOT / "cypher" / "queries"
ENGINES = ("ladybug", "neo4j")
_PARAM = re.compile(r"\$(\w+)")


@dataclass(frozen=True)
class CatalogQuery:
    name: str
    answers: str
    params_doc: str
    texts: dict[str, str] = field(hash=False)  # engine -> text; "portable" for the shared one

    def text(self, engine: str) -> str:
        return self.texts.get(engine) or self.texts["portable"]

    @property
    def parameters(self) -> list[str]:
        names: dict[str, None] = {}
        for text in self.texts.values():
            names.update(dict.fromkeys(_PARAM.findall(_strip_comments(text))))
        return list(names)


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def _header(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        match = re.match(r"(\w+):\s*(.*)", body)
        if match and match.group(1) in ("answers", "params"):
            current = match.group(1)
            fields[current] = match.group(2)
        elif current:
            fields[current] += " " + body
    return fields


class Catalog:
    def __init__(self, directory: Path = QUERY_DIR) -> None:
        self.directory = directory
        self.queries: dict[str, CatalogQuery] = {}
        texts: dict[str, dict[str, str]] = {}
        for path in sorted(directory.glob("*.cypher")):
            stem, _, engine = path.stem.partition(".")
            texts.setdefault(stem, {})[engine or "portable"] = path.read_text(encoding="utf-8")
        for name, variants in texts.items():
            portable = variants.get("portable") or next(iter(variants.values()))
            header = _header(portable)
            self.queries[name] = CatalogQuery(
                name, header.get("answers", ""), header.get("params", ""), variants
            )

    def get(self, name: str) -> CatalogQuery:
        try:
            return self.queries[name]
        except KeyError:
            raise NotFound(f"no catalog query named {name!r}") from None

    def __iter__(self):
        return iter(self.queries.values())


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    return Catalog()
