"""Readable terminal tables for the CLI; the JSON form is the service's answer as it is."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _sources(console: Console, sources: list[dict[str, Any]]) -> None:
    if not sources:
        return
    console.print("Sources:")
    for s in sources:
        where = f" {s['locator']}" if s.get("locator") else ""
        url = f" <{s['url']}>" if s.get("url") else ""
        console.print(
            f"  [{s['id']}{where}] {s['title']} ({s['publisher']}, {s['published']}){url}"
        )


def _names(items: list[dict[str, Any]]) -> str:
    return ", ".join(i["name"] for i in items) or "-"


def counts(console: Console, totals: dict[str, int]) -> None:
    table = _table("Graph", "label or type", "count")
    for name, count in totals.items():
        table.add_row(name, str(count))
    console.print(table)


def search(console: Console, data: dict[str, Any]) -> None:
    table = _table(f"Search: {data['query']}", "kind", "id", "name", "matched", "jurisdiction")
    for hit in data["results"]:
        matched = hit["matched_name"] if hit["matched_name"] != hit["name"] else ""
        table.add_row(hit["kind"], hit["id"], hit["name"], matched, hit["jurisdiction"] or "")
    console.print(table if data["results"] else f"nothing matches {data['query']!r}")


def trail(console: Console, data: dict[str, Any]) -> None:
    f = data["function"]
    items = f" ({f['item_count']} items)" if f["item_count"] else ""
    console.print(f"{f['name']}{items}  [{f['id']}, {f['category']}]")
    table = _table("Holders", "agency", "since", "until", "moved in by", "moved out by")
    for h in data["holders"]:
        table.add_row(
            f"{h['agency']['name']} [{h['agency']['id']}]",
            h["since"] or "(before records)",
            h["until"] or "(still held)",
            h["event_in"] or "",
            h["event_out"] or "",
        )
    console.print(table)
    console.print(f"Held now by: {_names(data['current'])}")
    if data["predecessors"]:
        console.print(f"Formed from: {_names(data['predecessors'])}")
    if data["successors"]:
        console.print(f"Replaced by: {_names(data['successors'])}")
    _events(console, data["events"])
    _sources(console, data["sources"])


def _events(console: Console, events: list[dict[str, Any]]) -> None:
    table = _table("Events", "date", "type", "from", "to", "detail", "event")
    for e in events:
        detail = []
        if e.get("new_name"):
            detail.append(f"{e['old_name']} → {e['new_name']}")
        for role, functions in e["functions"].items():
            if functions:
                detail.append(f"{role}: {_names(functions)}")
        if e.get("item_count"):
            detail.append(f"{e['item_count']} items")
        if e.get("note"):
            detail.append(e["note"])
        table.add_row(
            e["date"], e["type"], _names(e["from"]), _names(e["to"]), "; ".join(detail), e["id"]
        )
    if events:
        console.print(table)


def agency(console: Console, data: dict[str, Any]) -> None:
    console.print(f"{data['name']}  [{data['id']}, {data['kind']}, {data['jurisdiction']['name']}]")
    if data["aliases"]:
        console.print(f"Also called: {', '.join(data['aliases'])}")
    console.print(
        f"Established: {data['established'] or '(before records)'}    "
        f"Dissolved: {data['dissolved'] or '-'}"
    )
    names = _table("Names", "name", "since", "until")
    for n in data["names"]:
        names.add_row(n["name"], n["since"] or "(before records)", n["until"] or "")
    console.print(names)
    if data["predecessors"] or data["successors"]:
        console.print(
            f"Came from: {', '.join(data['predecessors']) or '-'}    "
            f"Became: {', '.join(data['successors']) or '-'}"
        )
    for label in ("current", "former"):
        held = data["functions"][label]
        if held:
            table = _table(f"Functions ({label})", "function", "since", "until")
            for h in held:
                table.add_row(f"{h['name']} [{h['id']}]", h["since"] or "-", h["until"] or "")
            console.print(table)
    _events(console, data["events"])
    _sources(console, data["sources"])


def lineage(console: Console, data: dict[str, Any]) -> None:
    names = {n["id"]: n["name"] for n in data["nodes"]}
    console.print(f"Lineage of {names[data['root']]} [{data['root']}] ({data['direction']})")
    table = _table("Succession", "date", "type", "from", "to", "event")
    for e in data["edges"]:
        table.add_row(e["date"], e["type"], names[e["source"]], names[e["target"]], e["event_id"])
    console.print(table if data["edges"] else "no recorded predecessors or successors")
    if data["truncated"]:
        console.print("(truncated: raise --depth or narrow the question to see more)")
    _sources(console, data["sources"])


def snapshot(console: Console, data: dict[str, Any]) -> None:
    j = data["jurisdiction"]
    table = _table(
        f"{j['name']} on {data['at']}: {data['count']} agencies",
        "agency",
        "kind",
        "now called",
        "functions",
    )
    for a in data["agencies"]:
        now = a["current_name"] if a["current_name"] != a["name"] else ""
        table.add_row(f"{a['name']} [{a['id']}]", a["kind"], now, _names(a["functions"]))
    console.print(table)
    _sources(console, data["sources"])


def devolutions(console: Console, data: dict[str, Any]) -> None:
    j = data["jurisdiction"]
    table = _table(
        f"Devolved to {j['name']}: {data['total_items']} items",
        "date",
        "to",
        "function",
        "items",
        "event",
    )
    for d in data["devolutions"]:
        table.add_row(
            d["date"],
            _names(d["agencies"]),
            d["function"]["name"],
            str(d["item_count"] or "?"),
            d["event_id"],
        )
    console.print(table)
    _sources(console, data["sources"])
