"""Small datasets built in code, for tests that need a dataset broken in one precise way."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml


def base_dataset() -> dict[str, Any]:
    """A valid one-file dataset: a rename, a transfer, a merge, a devolution, a function merge."""
    return copy.deepcopy(
        {
            "source": {
                "id": "test-source",
                "title": "测试来源",
                "publisher": "测试出版者",
                "published": "2021-12-17",
                "script": "zh-Hans",
            },
            "jurisdictions": [
                {"id": "city", "name": "某市", "level": "prefecture", "parent": None},
                {"id": "city.town", "name": "某镇", "level": "town", "parent": "city"},
            ],
            "agencies": [
                {
                    "id": "city.resources",
                    "name": "某市自然资源局",
                    "jurisdiction": "city",
                    "kind": "government",
                    "aliases": ["市自然资源局"],
                },
                {
                    "id": "city.approval",
                    "name": "某市行政审批局",
                    "jurisdiction": "city",
                    "kind": "government",
                },
                {
                    "id": "city.data",
                    "name": "某市大数据局",
                    "jurisdiction": "city",
                    "kind": "government",
                },
                {
                    "id": "city.services",
                    "name": "某市政务服务数据管理局",
                    "jurisdiction": "city",
                    "kind": "government",
                },
                {
                    "id": "city.town.government",
                    "name": "某镇人民政府",
                    "jurisdiction": "city.town",
                    "kind": "government",
                },
            ],
            "functions": [
                {"id": "city.permit", "name": "建筑类建设工程规划许可", "category": "licensing"},
                {"id": "city.site", "name": "规划选址", "category": "licensing"},
                {"id": "city.land", "name": "用地预审", "category": "licensing"},
                {"id": "city.site-and-land", "name": "规划选址和用地预审", "category": "licensing"},
                {
                    "id": "city.town-items",
                    "name": "下放审批服务事项",
                    "category": "approval_service",
                    "item_count": 215,
                },
            ],
            "reforms": [
                {
                    "id": "city-2021-reform",
                    "name": "某市机构调整",
                    "jurisdiction": "city",
                    "approved": "2021-11-30",
                    "documents": ["某编〔2021〕1号"],
                    "measures": [{"name": "党政机构", "before": 39, "after": 37, "unit": "个"}],
                },
            ],
            "events": [
                {
                    "id": "rename-resources",
                    "type": "RENAME",
                    "date": "2021-12",
                    "from": ["city.resources"],
                    "to": ["city.resources"],
                    "old_name": "某市自然资源局",
                    "new_name": "某市自然资源和规划局",
                    "reform": "city-2021-reform",
                    "locator": "p3",
                },
                {
                    "id": "transfer-permit",
                    "type": "TRANSFER",
                    "date": "2021-12",
                    "from": ["city.approval"],
                    "to": ["city.resources"],
                    "functions": ["city.permit"],
                    "reform": "city-2021-reform",
                    "locator": "p3",
                },
                {
                    "id": "merge-services",
                    "type": "MERGE",
                    "date": "2021-12",
                    "from": ["city.approval", "city.data"],
                    "to": ["city.services"],
                    "reform": "city-2021-reform",
                    "locator": "p9",
                },
                {
                    "id": "merge-site-land",
                    "type": "RESTRUCTURE",
                    "date": "2019",
                    "from": ["city.resources"],
                    "to": ["city.resources"],
                    "retires": ["city.site", "city.land"],
                    "creates": ["city.site-and-land"],
                    "locator": "p5",
                },
                {
                    "id": "devolve-town",
                    "type": "DEVOLVE",
                    "date": "2021-10",
                    "to": ["city.town.government"],
                    "functions": ["city.town-items"],
                    "item_count": 215,
                    "locator": "p20",
                },
            ],
        }
    )


def write_dataset(directory: Path, *documents: dict[str, Any]) -> Path:
    """Write each document as one YAML file in `directory`; return the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    for index, document in enumerate(documents):
        path = directory / f"doc-{index}.yaml"
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return directory


def event(document: dict[str, Any], event_id: str) -> dict[str, Any]:
    return next(e for e in document["events"] if e["id"] == event_id)
