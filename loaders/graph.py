"""Turn a validated dataset and its derived history into columnar node and relationship tables.

The tables are Arrow tables typed as cypher/schema/ladybug.cypher types their properties. Each
column is converted as soon as it is built and its Python list dropped: a value then costs its
bytes instead of a Python object, which is what keeps a large load within a laptop's memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from app.text import fold_many
from loaders.dates import PartialDate
from loaders.history import History
from loaders.links import GraphLinks
from loaders.model import Citation, Dataset

Column = Sequence[Any] | pa.Array | pa.ChunkedArray


@dataclass
class NodeTable:
    """One label's nodes: a column per property of the schema, in the schema's order."""

    label: str
    data: pa.Table

    def __len__(self) -> int:
        return self.data.num_rows


@dataclass
class RelTable:
    """One relationship type between two labels: `from` and `to` node ids, then the properties
    of the schema, in its order."""

    type: str
    from_label: str
    to_label: str
    data: pa.Table

    def __len__(self) -> int:
        return self.data.num_rows


@dataclass
class GraphTables:
    nodes: list[NodeTable]
    rels: list[RelTable]

    def counts(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for table in self.nodes:
            totals[table.label] = totals.get(table.label, 0) + len(table)
        for rel in self.rels:
            totals[rel.type] = totals.get(rel.type, 0) + len(rel)
        return totals

    def drain(self) -> Iterator[NodeTable | RelTable]:
        """Every table, nodes first, each let go of as it is handed over: a writer that drops
        each table once written frees the graph's memory as the engine's grows."""
        while self.nodes:
            yield self.nodes.pop(0)
        while self.rels:
            yield self.rels.pop(0)


def properties(name: str) -> tuple[tuple[str, pa.DataType], ...]:
    """The properties of a node label or relationship type, with their Arrow types."""
    # Imported here: app.storage imports this module, for the GraphTables it writes.
    from app.storage.ladybug_schema import table_specs

    return table_specs()[name].properties


def _arrow_table(
    fields: Iterable[tuple[str, pa.DataType]], columns: dict[str, Column], length: int
) -> pa.Table:
    """Convert and take `columns` one at a time, so that only one is ever held twice; a property
    without a column is null throughout."""
    names, arrays = [], []
    for name, type_ in fields:
        values = columns.pop(name, None)
        if values is None:
            array = pa.nulls(length, type_)
        elif isinstance(values, (pa.Array, pa.ChunkedArray)):
            array = values if values.type == type_ else values.cast(type_)
        else:
            array = pa.array(values, type_)
        del values
        if len(array) != length:
            raise ValueError(f"column {name} has {len(array)} values, not {length}")
        names.append(name)
        arrays.append(array)
    if columns:
        raise ValueError(f"columns not in the schema: {', '.join(sorted(columns))}")
    return pa.Table.from_arrays(arrays, names=names)


def node_table(label: str, columns: dict[str, Column]) -> NodeTable:
    """A node table from columns (lists or Arrow arrays) keyed by property name; `columns` is
    emptied as they are converted."""
    return NodeTable(label, _arrow_table(properties(label), columns, len(columns["id"])))


def rel_table(
    type_: str, from_label: str, to_label: str, sources: Column, targets: Column, **columns: Column
) -> RelTable:
    """A relationship table from the ids at each end and property columns."""
    fields = (("from", pa.string()), ("to", pa.string()), *properties(type_))
    data = _arrow_table(fields, {"from": sources, "to": targets, **columns}, len(sources))
    return RelTable(type_, from_label, to_label, data)


def _column(table: NodeTable, name: str) -> pa.Array:
    return table.data.column(name).combine_chunks()


def _list_rel(
    type_: str, from_label: str, to_label: str, ids: pa.Array, members: Sequence[Sequence[str]]
) -> RelTable:
    """One relationship from each node to each id of its member list, in the nodes' order."""
    lengths = np.fromiter(map(len, members), np.int64, count=len(members))
    targets = pa.array(list(chain.from_iterable(members)), pa.string())
    sources = ids.take(pa.array(np.repeat(np.arange(len(members)), lengths)))
    return rel_table(type_, from_label, to_label, sources, targets)


def _optional_rel(type_: str, nodes: NodeTable, column: str, to_label: str) -> RelTable:
    """One relationship per node whose `column` names another node."""
    targets = _column(nodes, column)
    present = pc.is_valid(targets)
    return rel_table(
        type_, nodes.label, to_label, _column(nodes, "id").filter(present), targets.filter(present)
    )


def _cites(label: str, ids: pa.Array, citations: Iterable[tuple[Citation, ...]]) -> RelTable:
    """The CITES relationships of records, each to its sources in order, with their locators."""
    rows, source_ids, locators = [], [], []
    for row, cites in enumerate(citations):
        for cite in cites:
            rows.append(row)
            source_ids.append(cite.source_id)
            locators.append(cite.locator)
    sources = ids.take(pa.array(rows, pa.int64()))
    del rows
    return rel_table("CITES", label, "Source", sources, source_ids, locator=locators)


def _value(date: PartialDate | None):
    return date.value if date else None


def _precision(date: PartialDate | None) -> str | None:
    return date.precision if date else None


def _dates(dates: Sequence[PartialDate | None]) -> tuple[pa.Array, pa.Array]:
    """The value and precision columns of `dates`. A large dataset states a few thousand
    distinct dates a million times, each one shared object: each is converted once."""
    distinct = {id(date): date for date in dates}
    position = {key: index for index, key in enumerate(distinct)}
    rows = pa.array([position[id(date)] for date in dates], pa.int32())
    values = pa.array([_value(d) for d in distinct.values()], pa.date32())
    precisions = pa.array([_precision(d) for d in distinct.values()], pa.string())
    return values.take(rows), precisions.take(rows)


MANIFEST = "tables.json"
LINKED = ("Agency", "Function", "Event")


class _Collector:
    """The tables of a graph as they are built, in memory or spilled to a directory.

    Spilled tables are written by a thread while the next one is built (the write releases the
    interpreter), then kept as memory maps of their files."""

    def __init__(self, spill: Path | None) -> None:
        self.spill = spill
        self.nodes: list[NodeTable] = []
        self.rels: list[RelTable] = []
        self.files: dict[int, str] = {}
        self._writer = ThreadPoolExecutor(1) if spill is not None else None
        self._writes: list[Future[None]] = []

    def node(self, table: NodeTable) -> NodeTable:
        self._keep(table)
        self.nodes.append(table)
        return table

    def rel(self, table: RelTable) -> None:
        self._keep(table)
        self.rels.append(table)

    def _keep(self, table: NodeTable | RelTable) -> None:
        if self.spill is None or self._writer is None:
            return
        path = self.spill / f"{len(self.files)}.arrow"
        self.files[id(table)] = path.name

        def write() -> None:
            table.data = _spilled(path, table.data)

        self._writes.append(self._writer.submit(write))

    def finish(self) -> GraphTables:
        if self._writer is not None:
            self._writer.shutdown()
            for write in self._writes:
                write.result()
        tables = GraphTables(self.nodes, self.rels)
        if self.spill is not None:
            manifest = {
                "nodes": [[self.files[id(t)], t.label] for t in self.nodes],
                "rels": [[self.files[id(r)], r.type, r.from_label, r.to_label] for r in self.rels],
            }
            (self.spill / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        return tables


def _spilled(path: Path, data: pa.Table) -> pa.Table:
    """Write `data` to an Arrow file and return it memory-mapped."""
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, data.schema) as writer:
        writer.write_table(data)
    return _mapped(path)


def _mapped(path: Path) -> pa.Table:
    """The table of an Arrow file, read only when used and counted as the file's cache."""
    return pa.ipc.open_file(pa.memory_map(str(path))).read_all()


def open_spilled(spill: Path) -> GraphTables:
    """The tables `record_tables` and `pack_links` spilled to `spill`, possibly in another
    process."""
    manifest = json.loads((spill / MANIFEST).read_text(encoding="utf-8"))
    tables = GraphTables(
        [NodeTable(label, _mapped(spill / name)) for name, label in manifest["nodes"]],
        [RelTable(t, a, b, _mapped(spill / name)) for name, t, a, b in manifest["rels"]],
    )
    for table in tables.nodes:
        if table.label in manifest.get("links", {}):
            links = _mapped(spill / manifest["links"][table.label]).column("links")
            table.data = _with_links(table.data, links)
    return tables


def _with_links(data: pa.Table, links: pa.ChunkedArray) -> pa.Table:
    return data.set_column(data.schema.get_field_index("links"), "links", links)


def pack_links(tables: GraphTables, spill: Path | None = None) -> None:
    """Fill in the `links` of the Agency, Function and Event tables from the other tables.

    With `spill`, the directory `tables` were spilled to, each column is written there too, and
    `open_spilled` finds it."""
    nodes = {table.label: table for table in tables.nodes}
    rels = {(rel.type, rel.from_label): rel.data for rel in tables.rels}
    links = GraphLinks(*(nodes[label].data for label in LINKED), rels)
    files = {}
    for label in LINKED:
        column = links.column(label)
        if spill is not None:
            files[label] = f"links-{label}.arrow"
            column = _spilled(spill / files[label], pa.table({"links": column}))["links"]
        nodes[label].data = _with_links(nodes[label].data, column)
    if spill is not None:
        manifest = json.loads((spill / MANIFEST).read_text(encoding="utf-8"))
        manifest["links"] = files
        (spill / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def build_tables(dataset: Dataset, history: History) -> GraphTables:
    """Every node and relationship the graph holds, derived edges and `links` included."""
    tables = record_tables(dataset, history)
    pack_links(tables)
    return tables


def record_tables(dataset: Dataset, history: History, spill: Path | None = None) -> GraphTables:
    """Every node and relationship the graph holds, derived edges included, with the `links` of
    Agency, Function and Event nodes left null (see `pack_links`).

    With `spill`, a directory, each table is written there as soon as it is built and kept as a
    memory map of the file: a large graph then waits for its writer on disk, not in memory."""
    tables = _Collector(spill)

    jurisdictions = list(dataset.jurisdictions.values())
    jurisdiction_table = tables.node(
        node_table(
            "Jurisdiction",
            {
                "id": [j.id for j in jurisdictions],
                "name": [j.name for j in jurisdictions],
                "level": [j.level for j in jurisdictions],
                "parent_id": [j.parent for j in jurisdictions],
            },
        )
    )
    del jurisdictions
    tables.rel(_optional_rel("WITHIN", jurisdiction_table, "parent_id", "Jurisdiction"))

    agencies, agency_cites = _agencies(dataset, history)
    agencies = tables.node(agencies)
    ids = _column(agencies, "id")
    tables.rel(rel_table("IN", "Agency", "Jurisdiction", ids, _column(agencies, "jurisdiction_id")))
    tables.rel(agency_cites)
    tables.rel(_optional_rel("PART_OF", agencies, "part_of_id", "Agency"))

    functions, function_cites = _functions(dataset, history)
    tables.node(functions)
    tables.rel(function_cites)

    reforms, measures, reform_cites = _reforms(dataset)
    tables.node(reforms)
    measures = tables.node(measures)
    tables.rel(
        rel_table(
            "REPORTS", "Reform", "Measure", *(_column(measures, n) for n in ("reform_id", "id"))
        )
    )
    tables.rel(reform_cites)

    events = tables.node(_events(history))
    ordered = history.ordered_events
    ids = _column(events, "id")
    for type_, to_label, members in (
        ("FROM", "Agency", [e.from_agencies for e in ordered]),
        ("TO", "Agency", [e.to_agencies for e in ordered]),
        ("MOVES", "Function", [e.functions for e in ordered]),
        ("RETIRES", "Function", [e.retires for e in ordered]),
        ("CREATES", "Function", [e.creates for e in ordered]),
        ("LAPSES", "Function", [e.lapses for e in ordered]),
    ):
        tables.rel(_list_rel(type_, "Event", to_label, ids, members))
    tables.rel(_optional_rel("PART_OF", events, "reform_id", "Reform"))
    tables.rel(_cites("Event", ids, (e.citations for e in ordered)))

    sources = list(dataset.sources.values())
    tables.node(
        node_table(
            "Source",
            {
                "id": [s.id for s in sources],
                "title": [s.title for s in sources],
                "publisher": [s.publisher for s in sources],
                "published": [s.published.value for s in sources],
                "url": [s.url for s in sources],
                "script": [s.script for s in sources],
                "locators": [s.locators for s in sources],
            },
        )
    )

    succession = history.succession
    tables.rel(
        rel_table(
            "SUCCEEDED_BY",
            "Agency",
            "Agency",
            [s.predecessor for s in succession],
            [s.successor for s in succession],
            event_id=[s.event_id for s in succession],
            date=[s.date.value for s in succession],
            date_precision=[s.date.precision for s in succession],
            type=[s.type for s in succession],
        )
    )
    tables.rel(_held(history))
    return tables.finish()


def _agencies(dataset: Dataset, history: History) -> tuple[NodeTable, RelTable]:
    records = list(dataset.agencies.values())
    names, former, search = [], [], []
    for a in records:
        spans = history.names[a.id]
        current = spans[-1].name
        names.append(current)
        all_names = [span.name for span in spans]
        former.append(list(dict.fromkeys(n for n in all_names[:-1] if n != current)))
        search.append("\n".join([*all_names, *a.aliases]))
    ids = pa.array([a.id for a in records], pa.string())
    established = [history.established.get(a.id) for a in records]
    dissolved = [history.dissolved.get(a.id) for a in records]
    columns: dict[str, Column] = {
        "id": ids,
        "name": names,
        "former_names": former,
        "aliases": [a.aliases for a in records],
        "jurisdiction_id": [a.jurisdiction for a in records],
        "kind": [a.kind for a in records],
        "part_of_id": [a.part_of for a in records],
        "established": [e[0].value if e else None for e in established],
        "established_precision": [e[0].precision if e else None for e in established],
        "established_event": [e[1] if e else None for e in established],
        "dissolved": [d[0].value if d else None for d in dissolved],
        "dissolved_precision": [d[0].precision if d else None for d in dissolved],
        "dissolved_event": [d[1] if d else None for d in dissolved],
        "note": [a.note for a in records],
        # One conversion call for all names: folding them one by one dominates large loads.
        "search_text": fold_many(search),
    }
    del names, former, search, established, dissolved
    cites = _cites("Agency", ids, (a.citations for a in records))
    return node_table("Agency", columns), cites


def _functions(dataset: Dataset, history: History) -> tuple[NodeTable, RelTable]:
    records = list(dataset.functions.values())
    ids = pa.array([f.id for f in records], pa.string())
    columns: dict[str, Column] = {
        "id": ids,
        "name": [f.name for f in records],
        "category": [f.category for f in records],
        "item_count": [f.item_count for f in records],
        "aliases": [f.aliases for f in records],
        "note": [f.note for f in records],
        "created_event": [history.created.get(f.id) for f in records],
        "retired_event": [history.retired.get(f.id) for f in records],
        "search_text": fold_many(["\n".join([f.name, *f.aliases]) for f in records]),
    }
    cites = _cites("Function", ids, (f.citations for f in records))
    return node_table("Function", columns), cites


def _reforms(dataset: Dataset) -> tuple[NodeTable, NodeTable, RelTable]:
    records = list(dataset.reforms.values())
    ids = pa.array([r.id for r in records], pa.string())
    columns: dict[str, Column] = {
        "id": ids,
        "name": [r.name for r in records],
        "jurisdiction_id": [r.jurisdiction for r in records],
        "approved": [_value(r.approved) for r in records],
        "approved_precision": [_precision(r.approved) for r in records],
        "documents": [r.documents for r in records],
        "note": [r.note for r in records],
    }
    cites = _cites("Reform", ids, (r.citations for r in records))
    measures: dict[str, list[Any]] = {
        name: [] for name in ("id", "reform_id", "name", "before", "after", "unit")
    }
    for r in records:
        for index, m in enumerate(r.measures, start=1):
            measures["id"].append(f"{r.id}.measure-{index}")
            measures["reform_id"].append(r.id)
            measures["name"].append(m.name)
            measures["before"].append(None if m.before is None else float(m.before))
            measures["after"].append(None if m.after is None else float(m.after))
            measures["unit"].append(m.unit)
    return node_table("Reform", columns), node_table("Measure", measures), cites


def _events(history: History) -> NodeTable:
    ordered = history.ordered_events
    columns: dict[str, Column] = {
        "id": [e.id for e in ordered],
        "type": [e.type for e in ordered],
        "date": [e.date.value for e in ordered],
        "date_precision": [e.date.precision for e in ordered],
        "jurisdiction_id": [history.event_jurisdiction.get(e.id) for e in ordered],
        "reform_id": [e.reform for e in ordered],
        "item_count": [e.item_count for e in ordered],
        "old_name": [e.old_name for e in ordered],
        "new_name": [e.new_name for e in ordered],
        "note": [e.note for e in ordered],
    }
    return node_table("Event", columns)


def _held(history: History) -> RelTable:
    """Who held each function over which interval: the largest table of a large graph."""
    holdings = history.holdings
    since, since_precision = _dates([h.since for h in holdings])
    until, until_precision = _dates([h.until for h in holdings])
    return rel_table(
        "HELD",
        "Agency",
        "Function",
        [h.agency for h in holdings],
        [h.function for h in holdings],
        since=since,
        since_precision=since_precision,
        until=until,
        until_precision=until_precision,
        event_in=[h.event_in for h in holdings],
        event_out=[h.event_out for h in holdings],
    )
