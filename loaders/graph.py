"""Turn a validated dataset and its derived history into columnar node and relationship tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.text import fold_many
from loaders.dates import PartialDate
from loaders.history import History
from loaders.links import build_links
from loaders.model import Dataset


@dataclass
class NodeTable:
    label: str
    columns: dict[str, list[Any]]

    def __len__(self) -> int:
        return len(self.columns["id"])


@dataclass
class RelTable:
    type: str
    from_label: str
    to_label: str
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    columns: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, source: str, target: str, **properties: Any) -> None:
        self.sources.append(source)
        self.targets.append(target)
        for key, value in properties.items():
            self.columns.setdefault(key, []).append(value)

    def __len__(self) -> int:
        return len(self.sources)


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


def _value(date: PartialDate | None):
    return date.value if date else None


def _precision(date: PartialDate | None) -> str | None:
    return date.precision if date else None


def _columns(rows: list[dict[str, Any]], names: list[str]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in names}


def _event_rels(events: list, rel) -> None:
    """The relationships of every event, column by column (the bulk of a large graph)."""
    for type_, to_label, members in (
        ("FROM", "Agency", lambda e: e.from_agencies),
        ("TO", "Agency", lambda e: e.to_agencies),
        ("MOVES", "Function", lambda e: e.functions),
        ("RETIRES", "Function", lambda e: e.retires),
        ("CREATES", "Function", lambda e: e.creates),
        ("LAPSES", "Function", lambda e: e.lapses),
    ):
        table = rel(type_, "Event", to_label)
        for e in events:
            targets = members(e)
            if targets:
                table.sources.extend([e.id] * len(targets))
                table.targets.extend(targets)
    part_of = rel("PART_OF", "Event", "Reform")
    cites = rel("CITES", "Event", "Source")
    locators = cites.columns.setdefault("locator", [])
    for e in events:
        if e.reform:
            part_of.sources.append(e.id)
            part_of.targets.append(e.reform)
        for cite in e.citations:
            cites.sources.append(e.id)
            cites.targets.append(cite.source_id)
            locators.append(cite.locator)


def build_tables(dataset: Dataset, history: History) -> GraphTables:
    """Every node and relationship the graph holds, derived edges included."""
    rels: dict[tuple[str, str, str], RelTable] = {}

    def rel(type_: str, from_label: str, to_label: str) -> RelTable:
        key = (type_, from_label, to_label)
        if key not in rels:
            rels[key] = RelTable(type_, from_label, to_label)
        return rels[key]

    jurisdictions = [
        {"id": j.id, "name": j.name, "level": j.level, "parent_id": j.parent}
        for j in dataset.jurisdictions.values()
    ]
    for j in dataset.jurisdictions.values():
        if j.parent:
            rel("WITHIN", "Jurisdiction", "Jurisdiction").add(j.id, j.parent)

    links = build_links(dataset, history)
    agencies = []
    for a in dataset.agencies.values():
        spans = history.names[a.id]
        names = [span.name for span in spans]
        established = history.established.get(a.id)
        dissolved = history.dissolved.get(a.id)
        agencies.append(
            {
                "id": a.id,
                "name": names[-1],
                "former_names": list(dict.fromkeys(n for n in names[:-1] if n != names[-1])),
                "aliases": a.aliases,
                "jurisdiction_id": a.jurisdiction,
                "kind": a.kind,
                "part_of_id": a.part_of,
                "established": _value(established[0]) if established else None,
                "established_precision": established[0].precision if established else None,
                "established_event": established[1] if established else None,
                "dissolved": _value(dissolved[0]) if dissolved else None,
                "dissolved_precision": dissolved[0].precision if dissolved else None,
                "dissolved_event": dissolved[1] if dissolved else None,
                "note": a.note,
                "links": links.agencies[a.id],
                "search_text": "\n".join([*names, *a.aliases]),
            }
        )
        rel("IN", "Agency", "Jurisdiction").add(a.id, a.jurisdiction)
        if a.part_of:
            rel("PART_OF", "Agency", "Agency").add(a.id, a.part_of)
        for cite in a.citations:
            rel("CITES", "Agency", "Source").add(a.id, cite.source_id, locator=cite.locator)

    functions = []
    for f in dataset.functions.values():
        functions.append(
            {
                "id": f.id,
                "name": f.name,
                "category": f.category,
                "item_count": f.item_count,
                "aliases": f.aliases,
                "note": f.note,
                "created_event": history.created.get(f.id),
                "retired_event": history.retired.get(f.id),
                "links": links.functions[f.id],
                "search_text": "\n".join([f.name, *f.aliases]),
            }
        )
        for cite in f.citations:
            rel("CITES", "Function", "Source").add(f.id, cite.source_id, locator=cite.locator)

    reforms, measures = [], []
    for r in dataset.reforms.values():
        reforms.append(
            {
                "id": r.id,
                "name": r.name,
                "jurisdiction_id": r.jurisdiction,
                "approved": _value(r.approved),
                "approved_precision": _precision(r.approved),
                "documents": r.documents,
                "note": r.note,
            }
        )
        for index, m in enumerate(r.measures, start=1):
            measure_id = f"{r.id}.measure-{index}"
            measures.append(
                {
                    "id": measure_id,
                    "reform_id": r.id,
                    "name": m.name,
                    "before": None if m.before is None else float(m.before),
                    "after": None if m.after is None else float(m.after),
                    "unit": m.unit,
                }
            )
            rel("REPORTS", "Reform", "Measure").add(r.id, measure_id)
        for cite in r.citations:
            rel("CITES", "Reform", "Source").add(r.id, cite.source_id, locator=cite.locator)

    ordered = history.ordered_events
    event_columns = {
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
        "links": [links.events[e.id] for e in ordered],
    }
    _event_rels(history.ordered_events, rel)

    sources = [
        {
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "published": s.published.value,
            "url": s.url,
            "script": s.script,
            "locators": s.locators,
        }
        for s in dataset.sources.values()
    ]

    for s in history.succession:
        rel("SUCCEEDED_BY", "Agency", "Agency").add(
            s.predecessor,
            s.successor,
            event_id=s.event_id,
            date=s.date.value,
            date_precision=s.date.precision,
            type=s.type,
        )
    held = rel("HELD", "Agency", "Function")
    for h in history.holdings:
        held.add(
            h.agency,
            h.function,
            since=_value(h.since),
            since_precision=_precision(h.since),
            until=_value(h.until),
            until_precision=_precision(h.until),
            event_in=h.event_in,
            event_out=h.event_out,
        )

    # One conversion call for all names: folding them one by one dominates large loads.
    for rows in (agencies, functions):
        for row, folded in zip(rows, fold_many([r["search_text"] for r in rows]), strict=True):
            row["search_text"] = folded

    def table(label: str, rows: list[dict[str, Any]]) -> NodeTable:
        names = list(rows[0]) if rows else []
        return NodeTable(label, _columns(rows, names) if rows else {"id": []})

    nodes = [
        table("Jurisdiction", jurisdictions),
        table("Agency", agencies),
        table("Function", functions),
        table("Reform", reforms),
        table("Measure", measures),
        NodeTable("Event", event_columns),
        table("Source", sources),
    ]
    return GraphTables(nodes, list(rels.values()))
