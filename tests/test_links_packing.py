"""How `links` texts are packed: valid JSON whatever the names hold, entries grouped under their
node in order, and the same texts whatever the slice of nodes packed at a time."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from loaders import links
from loaders.graph import build_tables
from loaders.links import Packer, Slug, texts
from loaders.validate import validate_paths
from tests.datasets import base_dataset, write_dataset


def _links(tables, label: str) -> dict[str, dict]:
    table = next(t for t in tables.nodes if t.label == label).data
    ids = table.column("id").to_pylist()
    return dict(zip(ids, map(json.loads, table.column("links").to_pylist()), strict=True))


def _tables(directory: Path, document: dict):
    validated = validate_paths([write_dataset(directory, document)])
    assert not validated.errors
    return build_tables(validated.dataset, validated.history)


def test_names_with_quotes_backslashes_and_line_breaks_stay_json(tmp_path: Path) -> None:
    document = base_dataset()
    awkward = '某市"数据"局\\分局\n（二）\t总'
    document["agencies"][2]["name"] = awkward
    document["functions"][0]["name"] = 'permit "A"\\B'
    tables = _tables(tmp_path / "data", document)
    merge = _links(tables, "Event")["merge-services"]
    assert ["city.data", awkward] in merge["from"]
    transfer = _links(tables, "Event")["transfer-permit"]
    assert transfer["moves"] == [["city.permit", 'permit "A"\\B']]
    held = _links(tables, "Agency")["city.resources"]["functions"]
    assert ["city.permit", 'permit "A"\\B'] in [entry[:2] for entry in held]


def test_the_texts_do_not_depend_on_the_slice_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = {label: _links(_tables(tmp_path / "a", base_dataset()), label) for label in LABELS}
    monkeypatch.setattr(links, "SLICE", 2)
    sliced = {label: _links(_tables(tmp_path / "b", base_dataset()), label) for label in LABELS}
    assert sliced == whole


LABELS = ("Agency", "Function", "Event")


def test_entries_are_grouped_under_their_node_in_listed_order() -> None:
    packer = Packer(4)
    ids = pa.array(["a", "b", "c", "d"])
    owners = np.array([2, 0, 2, 0])
    packer.add("first", owners, lambda rows: [Slug(ids.take(rows))])
    names = texts(pa.array(['"x"', None, "y", "z"]))
    packer.add(
        "second", np.array([1, 0, 3, 3]), lambda rows: [names.take(rows), Slug(ids.take(rows))]
    )
    packed = [json.loads(text) for text in packer.column().to_pylist()]
    assert packed == [
        {"first": [["b"], ["d"]], "second": [[None, "b"]]},
        {"second": [['"x"', "a"]]},
        {"first": [["a"], ["c"]]},
        {"second": [["y", "c"], ["z", "d"]]},
    ]


def test_a_node_with_nothing_linked_packs_an_empty_object() -> None:
    packer = Packer(2)
    packer.add("only", np.array([1]), lambda rows: [Slug(pa.array(["x"]).take(rows))])
    assert packer.column().to_pylist() == ["{}", '{"only":[["x"]]}']
