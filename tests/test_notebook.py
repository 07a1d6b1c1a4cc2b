"""Notebook use: `frame()` on every engine, and the example notebook executed end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from app.errors import NotFound
from app.notebook import find_query, frame
from app.settings import BUNDLED_DATA, PROJECT_ROOT
from app.storage.embedded import EmbeddedStore
from loaders.load import load_paths

NOTEBOOK = PROJECT_ROOT / "examples" / "seed-questions.ipynb"
PERMIT = "nanchang.building-planning-permit"


def test_frame_gives_a_catalog_query_as_a_dataframe(engine) -> None:
    table = frame("function_holders", engine.settings, id=PERMIT)
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns[:2]) == ["agency_id", "agency_name"]
    assert set(table["agency_id"]) == {
        "nanchang.administrative-approval",
        "nanchang.natural-resources",
    }
    store = engine.open_store()
    try:
        rows = store.read(find_query("function_holders").text(store.engine), {"id": PERMIT})
    finally:
        store.close()
    assert table.to_dict("records") == pd.DataFrame.from_records(rows).to_dict("records")


def test_frame_takes_cookbook_queries_and_dates_as_text(engine) -> None:
    as_text = frame("org_chart_on_date", engine.settings, jurisdiction="nanchang", at="2021-01")
    as_date = frame(
        "org_chart_on_date", engine.settings, jurisdiction="nanchang", at=dt.date(2021, 1, 1)
    )
    assert not as_text.empty and as_text.equals(as_date)


def test_frame_without_rows_and_with_an_unknown_name(engine) -> None:
    assert frame("function_holders", engine.settings, id="no-such-function").empty
    with pytest.raises(NotFound):
        frame("no_such_query", engine.settings)


@pytest.mark.engine("embedded")
def test_the_seed_questions_notebook_runs(tmp_path: Path, monkeypatch) -> None:
    database = tmp_path / "notebook.lbug"
    store = EmbeddedStore(database)
    load_paths(store, [BUNDLED_DATA])
    store.close()
    monkeypatch.setenv("LINEAGE_BACKEND", "embedded")
    monkeypatch.setenv("LINEAGE_DB_PATH", str(database))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    printed = "\n".join(
        str(output.get("text") or output.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert f"engine: embedded {database}" in printed
    assert "南昌市自然资源和规划局" in printed and "南昌日报" in printed
