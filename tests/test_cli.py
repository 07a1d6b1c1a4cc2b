"""The `lineage` command line, run as a real process against a real embedded database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LINEAGE_DB_PATH": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_load_prints_counts_and_is_repeatable(tmp_path: Path) -> None:
    db = tmp_path / "cli.lbug"
    first = run(db, "load")
    assert first.returncode == 0, first.stderr
    assert "Agency" in first.stdout and "HELD" in first.stdout and "SUCCEEDED_BY" in first.stdout
    second = run(db, "load")
    assert second.returncode == 0
    table = lambda out: [line for line in out.splitlines() if "│" in line]  # noqa: E731
    assert table(first.stdout) == table(second.stdout)


def test_trail_names_the_current_holder_and_the_one_before(bundled_db: Path) -> None:
    result = run(bundled_db, "trail", "建筑类建设工程规划许可")
    assert result.returncode == 0, result.stderr
    assert "南昌市自然资源和规划局" in result.stdout
    assert "南昌市行政审批局" in result.stdout
    assert "Held now by: 南昌市自然资源和规划局" in result.stdout
    assert "nanchang-daily-2021-12-17" in result.stdout  # the source


def test_trail_json(bundled_db: Path) -> None:
    result = run(bundled_db, "trail", "nanchang.building-planning-permit", "--json")
    data = json.loads(result.stdout)
    assert [h["agency"]["id"] for h in data["holders"]] == [
        "nanchang.administrative-approval",
        "nanchang.natural-resources",
    ]
    assert data["sources"]


def test_agency_lineage_snapshot_search_devolved(bundled_db: Path) -> None:
    agency = run(bundled_db, "agency", "市自然资源和规划局", "--json")
    assert json.loads(agency.stdout)["former_names"] == ["南昌市自然资源局"]
    lineage = run(bundled_db, "lineage", "市行政审批局", "--direction", "successors")
    assert lineage.returncode == 0 and "南昌市政务服务数据管理局" in lineage.stdout
    snapshot = run(bundled_db, "snapshot", "nanchang", "2021-11-30")
    assert snapshot.returncode == 0 and "南昌市自然资源局" in snapshot.stdout
    search = run(bundled_db, "search", "新經濟", "--json")
    assert json.loads(search.stdout)["results"]
    devolved = run(bundled_db, "devolved", "liyang.tianmuhu", "--json")
    assert json.loads(devolved.stdout)["total_items"] == 942


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("agency", "no-such-agency"), "no agency with id or name"),
        (("agency", "局"), "matches"),
        (("lineage", "市行政审批局", "--depth", "50"), "depth must be between 1 and 10"),
        (("snapshot", "nanchang", "2021-13-01"), "at:"),
        (("trail", "不存在的职能"), "no function"),
    ],
)
def test_errors_are_one_line_and_non_zero(bundled_db: Path, args: tuple, message: str) -> None:
    result = run(bundled_db, *args)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = run(tmp_path / "absent.lbug", "trail", "建筑类建设工程规划许可")
    assert result.returncode == 1
    assert result.stderr.startswith("error: no database at") and "lineage load" in result.stderr


def test_an_invalid_dataset_names_file_record_and_rule(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "source: {id: s, title: t, publisher: p, published: 2021-01-01, script: zh-Hans}\n"
        "events:\n  - {id: e1, type: MERGE, date: 2021, from: [ghost], to: [ghost2],"
        " locator: p1}\n",
        encoding="utf-8",
    )
    db = tmp_path / "x.lbug"
    result = run(db, "load", str(bad))
    assert result.returncode == 1
    assert f"{bad}: e1: reference: unknown agency 'ghost'" in result.stderr
    assert not db.exists()
