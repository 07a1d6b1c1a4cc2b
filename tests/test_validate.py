"""Every consistency rule of the dataset format, each broken on purpose, through the validator
and through `lineage validate`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from loaders.validate import validate_paths
from tests.datasets import base_dataset, event, write_dataset


def _validate(tmp_path: Path, *documents: dict[str, Any]):
    return validate_paths([write_dataset(tmp_path / "data", *documents)])


def test_base_dataset_is_valid(tmp_path: Path) -> None:
    validated = _validate(tmp_path, base_dataset())
    assert validated.problems == []
    assert len(validated.dataset.events) == 5


def _unknown_key(d):
    d["agencies"][0]["colour"] = "red"


def _missing_name(d):
    del d["functions"][0]["name"]


def _bad_id(d):
    d["agencies"][0]["id"] = "City Resources"


def _duplicate_id(d):
    d["functions"].append(dict(d["functions"][0]))


def _unknown_agency(d):
    event(d, "transfer-permit")["to"] = ["city.nowhere"]


def _unknown_function(d):
    event(d, "transfer-permit")["functions"] = ["city.no-such-function"]


def _bad_date(d):
    event(d, "transfer-permit")["date"] = "2021-13"


def _bad_type(d):
    event(d, "transfer-permit")["type"] = "TELEPORT"


def _bad_kind(d):
    d["agencies"][0]["kind"] = "ministry"


def _rename_without_new_name(d):
    del event(d, "rename-resources")["new_name"]


def _merge_without_from(d):
    event(d, "merge-services")["from"] = []


def _after_dissolution(d):
    d["events"].append(
        {
            "id": "late-transfer",
            "type": "TRANSFER",
            "date": "2022-03",
            "from": ["city.data"],
            "to": ["city.resources"],
            "functions": ["city.permit"],
            "locator": "p4",
        }
    )


def _before_establishment(d):
    d["agencies"].append(
        {"id": "city.new", "name": "某市新局", "jurisdiction": "city", "kind": "government"}
    )
    d["events"].append(
        {
            "id": "early-co-locate",
            "type": "CO_LOCATE",
            "date": "2020",
            "from": ["city.data"],
            "to": ["city.new"],
            "locator": "p4",
        }
    )
    d["events"].append(
        {
            "id": "establish-new",
            "type": "ESTABLISH",
            "date": "2021",
            "to": ["city.new"],
            "locator": "p4",
        }
    )


def _wrong_holder(d):
    d["events"].append(
        {
            "id": "second-transfer",
            "type": "TRANSFER",
            "date": "2022-01",
            "from": ["city.services"],
            "to": ["city.town.government"],
            "functions": ["city.permit"],
            "locator": "p4",
        }
    )


def _retired_moved(d):
    d["events"].append(
        {
            "id": "move-retired",
            "type": "TRANSFER",
            "date": "2020",
            "from": ["city.resources"],
            "to": ["city.services"],
            "functions": ["city.site"],
            "locator": "p4",
        }
    )


def _wrong_old_name(d):
    event(d, "rename-resources")["old_name"] = "某市国土资源局"


def _no_locator(d):
    del event(d, "transfer-permit")["locator"]


def _jurisdiction_cycle(d):
    d["jurisdictions"][0]["parent"] = "city.town"


RULES: list[tuple[str, Callable[[dict], None], str, str]] = [
    ("schema", _unknown_key, "city.resources", "unknown key 'colour'"),
    ("schema", _missing_name, "city.permit", "missing required key 'name'"),
    ("id-format", _bad_id, "City Resources", "slug"),
    ("unique-id", _duplicate_id, "city.permit", "declared twice"),
    ("reference", _unknown_agency, "transfer-permit", "city.nowhere"),
    ("reference", _unknown_function, "transfer-permit", "city.no-such-function"),
    ("date", _bad_date, "transfer-permit", "2021-13"),
    ("vocabulary", _bad_type, "transfer-permit", "TELEPORT"),
    ("vocabulary", _bad_kind, "city.resources", "ministry"),
    ("event-shape", _rename_without_new_name, "rename-resources", "new_name"),
    ("event-shape", _merge_without_from, "merge-services", "FROM"),
    ("dissolved-agency", _after_dissolution, "late-transfer", "city.data"),
    ("not-yet-established", _before_establishment, "establish-new", "city.new"),
    ("function-holder", _wrong_holder, "second-transfer", "city.permit"),
    ("retired-function", _retired_moved, "move-retired", "city.site"),
    ("rename-old-name", _wrong_old_name, "rename-resources", "某市国土资源局"),
    ("citation", _no_locator, "transfer-permit", "locator"),
    ("jurisdiction-cycle", _jurisdiction_cycle, "city", "city"),
]


@pytest.mark.parametrize(
    ("rule", "breaker", "record", "detail"), RULES, ids=[r[1].__name__ for r in RULES]
)
def test_each_rule_is_enforced(
    tmp_path: Path, rule: str, breaker: Callable, record: str, detail: str
) -> None:
    document = base_dataset()
    breaker(document)
    validated = _validate(tmp_path, document)
    matching = [p for p in validated.errors if p.rule == rule and p.record == record]
    assert matching, f"expected {rule} on {record}, got {[str(p) for p in validated.problems]}"
    assert detail in matching[0].detail
    assert matching[0].file.endswith("doc-0.yaml")
    assert str(matching[0]).startswith(f"{matching[0].file}: {record}: {rule}: ")


def _abolish_resources(document: dict, lapses: list[str] | None = None) -> None:
    """Abolish the resources bureau, which still holds two functions then."""
    abolish = {"id": "abolish-resources", "type": "ABOLISH", "date": "2023",
               "from": ["city.resources"], "locator": "p8"}  # fmt: skip
    if lapses:
        abolish["lapses"] = lapses
    document["events"].append(abolish)


def test_unaccounted_functions_warn_without_failing(tmp_path: Path) -> None:
    document = base_dataset()
    _abolish_resources(document)
    validated = _validate(tmp_path, document)
    assert validated.errors == []
    [warning] = validated.warnings
    assert warning.rule == "unaccounted-functions"
    assert "city.permit" in warning.detail and "city.site-and-land" in warning.detail


def test_lapsing_functions_are_accounted_for(tmp_path: Path) -> None:
    document = base_dataset()
    _abolish_resources(document, lapses=["city.permit", "city.site-and-land"])
    assert _validate(tmp_path, document).problems == []


def test_shared_records_must_agree_across_files(tmp_path: Path) -> None:
    first = base_dataset()
    second = base_dataset()
    second["source"]["id"] = "second-source"
    second["agencies"][1]["kind"] = "institution"
    validated = _validate(tmp_path, first, second)
    [problem] = [p for p in validated.errors if p.rule == "consistent-declaration"]
    assert problem.record == "city.approval" and problem.file.endswith("doc-1.yaml")


def test_an_event_in_two_files_cites_both(tmp_path: Path) -> None:
    first = base_dataset()
    second = base_dataset()
    second["source"]["id"] = "second-source"
    event(second, "transfer-permit")["locator"] = "p12"
    validated = _validate(tmp_path, first, second)
    assert validated.errors == []
    citations = validated.dataset.events["transfer-permit"].citations
    assert [(c.source_id, c.locator) for c in citations] == [
        ("test-source", "p3"),
        ("second-source", "p12"),
    ]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, check=False
    )


def test_cli_reports_each_failure_and_exits_1(tmp_path: Path) -> None:
    document = base_dataset()
    _wrong_holder(document)
    _jurisdiction_cycle(document)
    directory = write_dataset(tmp_path / "data", document)
    result = _cli("validate", str(directory))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("error: ") and ": second-transfer: function-holder: " in line
        for line in lines
    )
    assert any(": city: jurisdiction-cycle: " in line for line in lines)
    assert "Traceback" not in result.stderr


def test_cli_passes_a_valid_dataset_with_warnings(tmp_path: Path) -> None:
    document = base_dataset()
    _abolish_resources(document)
    result = _cli("validate", str(write_dataset(tmp_path / "data", document)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning: " in result.stdout and "unaccounted-functions" in result.stdout


def test_bundled_dataset_is_valid() -> None:
    result = _cli("validate", "data")
    assert result.returncode == 0, result.stdout
    assert " 0 error(s)" in result.stdout


def test_files_read_in_worker_processes_give_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import loaders.dataset

    first = base_dataset()
    second = base_dataset()
    second["source"]["id"] = "second-source"
    second["agencies"][1]["kind"] = "institution"  # disagrees with the first file
    event(second, "transfer-permit")["locator"] = "p12"
    directory = write_dataset(tmp_path / "data", first, second)
    serial = validate_paths([directory])
    monkeypatch.setattr(loaders.dataset, "PARALLEL_THRESHOLD_BYTES", 0)
    parallel = validate_paths([directory])
    assert [str(p) for p in parallel.problems] == [str(p) for p in serial.problems]
    assert any(p.rule == "consistent-declaration" for p in parallel.problems)
    citations = parallel.dataset.events["transfer-permit"].citations
    assert [(c.source_id, c.locator) for c in citations] == [
        ("test-source", "p3"),
        ("second-source", "p12"),
    ]
    assert parallel.dataset.agencies.keys() == serial.dataset.agencies.keys()
