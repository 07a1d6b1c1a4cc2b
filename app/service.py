"""The core service: the questions researchers ask, answered from the graph with their sources.

HTTP routes and CLI commands are thin adapters over this class. Every answer is plain JSON-ready
data (dates as ISO text at the precision the source gives) and carries a `sources` list.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from typing import Any

import orjson

from app.catalog import Catalog, default_catalog
from app.errors import AmbiguousName, InvalidInput, NotFound
from app.name_index import Entry, NameIndex
from app.storage.base import GraphStore
from app.text import search_key
from loaders.dates import parse_query_date
from loaders.model import SAME_DATE_RANK

MAX_DEPTH = 10
DEFAULT_DEPTH = 3
MAX_LINEAGE_NODES = 200
MAX_SEARCH_LIMIT = 100
SEARCH_SCAN = 500
DIRECTIONS = ("predecessors", "successors", "both")
EVENT_ROLES = ("moves", "creates", "retires", "lapses")


def render_date(value: dt.date | None, precision: str | None) -> str | None:
    """A stored date as text at its precision: 2021, 2021-12 or 2021-12-17."""
    if value is None:
        return None
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def first_day(date: str | None) -> str:
    """A date as text at its precision (2021, 2021-12, 2021-12-17) as the ISO text of its first
    day, so that dates of mixed precision sort as the stored dates do; '' for none."""
    if date is None:
        return ""
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date


def links_of(row: dict[str, Any]) -> dict[str, Any]:
    """A node's `links` (see cypher/README.md), decoded; empty when it has none."""
    text = row.get("links")
    return orjson.loads(text) if text else {}


def as_date(value: str | dt.date | None, what: str = "date") -> dt.date | None:
    """A user-supplied date (YYYY, YYYY-MM or YYYY-MM-DD) as the first day of its period."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return parse_query_date(value)
    except ValueError as exc:
        raise InvalidInput(f"{what}: {exc}") from None


def _citation_order(source: dict[str, Any]) -> tuple:
    """Sources by date, then id, then locator in reading order (p4 before p16)."""
    locator = source["locator"] or ""
    digits = "".join(ch for ch in locator if ch.isdigit())
    return (source["published"] or "", source["id"], int(digits) if digits else -1, locator)


class LineageService:
    def __init__(self, store: GraphStore, catalog: Catalog | None = None) -> None:
        self.store = store
        self.catalog = catalog or default_catalog()
        self._name_index: NameIndex | None = None
        self._name_index_lock = threading.Lock()
        self._sources_by_id: dict[str, dict[str, Any]] | None = None
        self._jurisdiction_names: dict[str, str] | None = None

    # -- plumbing -------------------------------------------------------------------------

    def run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of one catalog query on this service's engine."""
        query = self.catalog.get(name)
        return self.store.read(query.text(self.store.engine), params)

    def _source_table(self) -> dict[str, dict[str, Any]]:
        """Every source document by id: few, cited everywhere, read once per process."""
        if self._sources_by_id is None:
            self._sources_by_id = {
                row["id"]: {
                    "id": row["id"],
                    "title": row["title"],
                    "publisher": row["publisher"],
                    "published": render_date(row["published"], "day"),
                    "url": row["url"],
                }
                for row in self.run("sources_all")
            }
        return self._sources_by_id

    def _jurisdiction_name(self, jurisdiction_id: str | None) -> str | None:
        """A jurisdiction's name: a few thousand at most, read once per process."""
        if self._jurisdiction_names is None:
            self._jurisdiction_names = {row["id"]: row["name"] for row in self.run("jurisdictions")}
        return self._jurisdiction_names.get(jurisdiction_id or "")

    def _cited(self, links: dict[str, Any]) -> list[dict[str, Any]]:
        """The citations listed in a node's `links`, as full source records."""
        table = self._source_table()
        citations = [
            {**table[source_id], "locator": locator or None}
            for source_id, locator in links.get("sources", ())
            if source_id in table
        ]
        return sorted(citations, key=_citation_order)

    def _sources(self, ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """Citations of records of any label, by id (the general, slower path)."""
        wanted = list(dict.fromkeys(i for i in ids if i))
        by_record: dict[str, list[dict[str, Any]]] = {i: [] for i in wanted}
        if not wanted:
            return by_record
        for row in self.run("citations", ids=wanted):
            by_record[row["record_id"]].append(
                {
                    "id": row["source_id"],
                    "title": row["title"],
                    "publisher": row["publisher"],
                    "published": render_date(row["published"], "day"),
                    "url": row["url"],
                    "locator": row["locator"],
                }
            )
        for citations in by_record.values():
            citations.sort(key=_citation_order)
        return by_record

    @staticmethod
    def _merge_sources(*groups: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        merged: dict[tuple, dict[str, Any]] = {}
        for group in groups:
            for source in group:
                merged.setdefault((source["id"], source["locator"]), source)
        located = {source_id for source_id, locator in merged if locator}
        for source_id, locator in list(merged):
            if locator is None and source_id in located:
                del merged[(source_id, locator)]
        return sorted(merged.values(), key=_citation_order)

    def events(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Full event records (sides, functions, sources) for `ids`, keyed by id."""
        wanted = list(dict.fromkeys(i for i in ids if i))
        if not wanted:
            return {}
        rows = self.run("events_by_id", ids=wanted)

        def named(pairs: list[list[str]] | None) -> list[dict[str, str]]:
            return [{"id": i, "name": name} for i, name in sorted(pairs or [])]

        events: dict[str, dict[str, Any]] = {}
        for row in rows:
            links = links_of(row)
            events[row["id"]] = {
                "id": row["id"],
                "type": row["type"],
                "date": render_date(row["date"], row["date_precision"]),
                "date_precision": row["date_precision"],
                "jurisdiction_id": row["jurisdiction_id"],
                "reform_id": row["reform_id"],
                "item_count": row["item_count"],
                "old_name": row["old_name"],
                "new_name": row["new_name"],
                "note": row["note"],
                "from": named(links.get("from")),
                "to": named(links.get("to")),
                "functions": {role: named(links.get(role)) for role in EVENT_ROLES},
                "sources": self._cited(links),
            }
        return events

    @staticmethod
    def _chronological(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(
            events, key=lambda e: (e["date"] or "", SAME_DATE_RANK.get(e["type"], 9), e["id"])
        )

    # -- search and name resolution ---------------------------------------------------------

    def search(self, text: str, kind: str | None = None, limit: int = 20) -> dict[str, Any]:
        """Agencies and functions by any name, former name or alias, best matches first."""
        if kind not in (None, "agency", "function"):
            raise InvalidInput(f"kind must be 'agency' or 'function', not {kind!r}")
        if not 1 <= limit <= MAX_SEARCH_LIMIT:
            raise InvalidInput(f"limit must be between 1 and {MAX_SEARCH_LIMIT}")
        folded = search_key(text or "")
        if not folded:
            raise InvalidInput("the search text is empty")
        entries = self.name_index().candidates(folded, kind, SEARCH_SCAN)
        ranked = sorted(((self._score(folded, e), e) for e in entries), key=lambda pair: pair[0])
        results = [
            {
                "id": entry.id,
                "kind": entry.kind,
                "name": entry.name,
                "matched_name": entry.names[score[3]],
                "jurisdiction": entry.jurisdiction,
            }
            for score, entry in ranked[:limit]
        ]
        return {"query": text, "results": results, "sources": []}

    def name_index(self) -> NameIndex:
        """The in-process name index, built from the graph on first use."""
        if self._name_index is None:
            with self._name_index_lock:
                if self._name_index is None:
                    self._name_index = NameIndex.from_rows(
                        self.run("name_index_agencies"), self.run("name_index_functions")
                    )
        return self._name_index

    @staticmethod
    def _score(folded: str, entry: Entry) -> tuple:
        """Exact before prefix before substring; the current name before others; short first."""
        best = (3, True, 0, 0)
        for position, key in enumerate(entry.folded):
            if folded in key:
                closeness = 0 if key == folded else 1 if key.startswith(folded) else 2
                best = min(best, (closeness, position > 0, len(key), position))
        return (*best, entry.id, entry.kind)

    def _resolve(self, ref: str, kind: str) -> tuple[str, dict[str, Any]]:
        """The id a reference (id or name) stands for, and its by-id row."""
        if not ref or not ref.strip():
            raise InvalidInput(f"an {kind} id or name is required")
        ref = ref.strip()
        lookup = "agencies_by_id" if kind == "agency" else "functions_by_id"
        rows = self.run(lookup, ids=[ref])
        if rows:
            return ref, rows[0]
        hits = self.search(ref, kind=kind, limit=MAX_SEARCH_LIMIT)["results"]
        folded = search_key(ref)
        exact = [h for h in hits if search_key(h["matched_name"]) == folded]
        candidates = exact or hits
        if len(candidates) == 1:
            found = candidates[0]["id"]
            return found, self.run(lookup, ids=[found])[0]
        if not candidates:
            raise NotFound(f"no {kind} with id or name {ref!r}", hint="try `lineage search`")
        raise AmbiguousName(ref, [{"id": c["id"], "name": c["name"]} for c in candidates[:10]])

    def resolve_agency(self, ref: str) -> str:
        return self._resolve(ref, "agency")[0]

    def resolve_function(self, ref: str) -> str:
        return self._resolve(ref, "function")[0]

    # -- functions --------------------------------------------------------------------------

    def function_trail(self, ref: str) -> dict[str, Any]:
        """Every holder of a function in order, with intervals, moving events and sources."""
        function_id, function = self._resolve(ref, "function")
        links = links_of(function)
        # An event with two roles for one function (it moves and retires it) shows the last.
        role_by_event = {event_id: role for event_id, role in links.get("events", ())}
        lineage_ids = [function["created_event"], function["retired_event"]]
        events = self.events([*role_by_event, *lineage_ids])
        function_sources = self._cited(links)

        # holders: agency id, name, jurisdiction, since, until, the event that moved it in and
        # the one that moved it out; those held since before the records begin first
        holders = sorted(
            links.get("holders", ()),
            key=lambda h: (h[3] is not None, first_day(h[3]), h[0]),
        )
        trail = [
            {
                "agency": {"id": agency, "name": name, "jurisdiction_id": jurisdiction},
                "since": since,
                "until": until,
                "event_in": event_in,
                "event_out": event_out,
            }
            for agency, name, jurisdiction, since, until, event_in, event_out in holders
        ]
        timeline = []
        for event in self._chronological(events.values()):
            timeline.append({**event, "role": role_by_event.get(event["id"], "CREATES")})
        created = events.get(function["created_event"] or "")
        retired = events.get(function["retired_event"] or "")
        return {
            "function": {
                "id": function["id"],
                "name": function["name"],
                "aliases": function["aliases"] or [],
                "category": function["category"],
                "item_count": function["item_count"],
                "note": function["note"],
            },
            "holders": trail,
            "current": [h["agency"] for h in trail if h["until"] is None],
            "events": timeline,
            "predecessors": [
                f
                for f in (created["functions"]["retires"] if created else [])
                if f["id"] != function_id
            ],
            "successors": [
                f
                for f in (retired["functions"]["creates"] if retired else [])
                if f["id"] != function_id
            ],
            "retired_by": function["retired_event"],
            "created_by": function["created_event"],
            "sources": self._merge_sources(function_sources, *(e["sources"] for e in timeline)),
        }

    # -- agencies ---------------------------------------------------------------------------

    def agency(self, ref: str) -> dict[str, Any]:
        """An agency's names over time, dates, events, functions now and before, and sources."""
        agency_id, row = self._resolve(ref, "agency")
        links = links_of(row)
        side_by_event: dict[str, list[str]] = {}
        for event_id, side in links.get("events", ()):
            side_by_event.setdefault(event_id, []).append(side)
        events = self.events(side_by_event)
        agency_sources = self._cited(links)
        renames = sorted(
            (
                e
                for e in events.values()
                if e["type"] == "RENAME" and "TO" in side_by_event.get(e["id"], ())
            ),
            key=lambda e: (e["date"] or "", e["id"]),
        )

        names = []
        since: str | None = render_date(row["established"], row["established_precision"])
        first = renames[0]["old_name"] if renames else row["name"]
        current_name, current_since, current_event = first, since, row["established_event"]
        for rename in renames:
            when = rename["date"]
            names.append(
                {
                    "name": current_name,
                    "since": current_since,
                    "until": when,
                    "event_id": current_event,
                }
            )
            current_name, current_since, current_event = (
                rename["new_name"],
                when,
                rename["id"],
            )
        names.append(
            {
                "name": current_name,
                "since": current_since,
                "until": render_date(row["dissolved"], row["dissolved_precision"]),
                "event_id": current_event,
            }
        )

        # functions: id, name, category, item count, since, until, the event that moved it in
        # and the one that moved it out; earliest first, those held since before the records
        # begin last
        held = sorted(
            links.get("functions", ()), key=lambda h: (h[4] is None, first_day(h[4]), h[0])
        )
        holdings = [
            {
                "id": function_id,
                "name": name,
                "category": category,
                "item_count": item_count,
                "since": since,
                "until": until,
                "event_in": event_in,
                "event_out": event_out,
            }
            for function_id, name, category, item_count, since, until, event_in, event_out in held
        ]

        timeline = [
            {**e, "sides": sorted(side_by_event.get(e["id"], []))}
            for e in self._chronological(events.values())
        ]
        return {
            "id": row["id"],
            "name": row["name"],
            "former_names": row["former_names"] or [],
            "aliases": row["aliases"] or [],
            "names": names,
            "kind": row["kind"],
            "jurisdiction": {
                "id": row["jurisdiction_id"],
                "name": self._jurisdiction_name(row["jurisdiction_id"]),
            },
            "part_of": row["part_of_id"],
            "parts": [
                {"id": part, "name": name, "kind": kind}
                for part, name, kind in sorted(links.get("parts", ()))
            ],
            "established": render_date(row["established"], row["established_precision"]),
            "established_by": row["established_event"],
            "dissolved": render_date(row["dissolved"], row["dissolved_precision"]),
            "dissolved_by": row["dissolved_event"],
            "note": row["note"],
            "events": timeline,
            "functions": {
                "current": [h for h in holdings if h["until"] is None],
                "former": [h for h in holdings if h["until"] is not None],
            },
            "predecessors": sorted({step[0] for step in links.get("predecessors", ())}),
            "successors": sorted({step[0] for step in links.get("successors", ())}),
            "sources": self._merge_sources(agency_sources, *(e["sources"] for e in timeline)),
        }

    def lineage(
        self,
        ref: str,
        direction: str = "both",
        depth: int = DEFAULT_DEPTH,
        at: str | dt.date | None = None,
        max_nodes: int = MAX_LINEAGE_NODES,
    ) -> dict[str, Any]:
        """Predecessors and successors through SUCCEEDED_BY, breadth first, bounded."""
        if direction not in DIRECTIONS:
            raise InvalidInput(f"direction must be one of {', '.join(DIRECTIONS)}")
        if not 1 <= depth <= MAX_DEPTH:
            raise InvalidInput(f"depth must be between 1 and {MAX_DEPTH}")
        on = as_date(at, "at")
        root, root_row = self._resolve(ref, "agency")
        on_day = on.isoformat() if on else None

        def succession(ids: list[str]) -> dict[str, dict[str, Any]]:
            rows = self.run("succession_by_id", ids=ids)
            return {a["id"]: {**a, "links": links_of(a)} for a in rows}

        agencies = {root: {**root_row, "links": links_of(root_row)}}
        depth_of = {root: 0}
        edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        truncated = False
        ways = ["successor", "predecessor"] if direction == "both" else [direction[:-1]]
        # Both directions advance a level at a time, so that each level is one lookup.
        frontiers = {way: [root] for way in ways}
        for level in range(1, depth + 2):
            next_frontiers: dict[str, list[str]] = {}
            for way, frontier in frontiers.items():
                next_frontier = []
                for node in frontier:
                    # each step: the agency, the event and its date (at its precision)
                    for other, event_id, date in agencies[node]["links"].get(f"{way}s", ()):
                        if on_day is not None and first_day(date) > on_day:
                            continue
                        if level > depth:
                            # more lies beyond the depth asked for
                            truncated = truncated or other not in depth_of
                            continue
                        if other not in depth_of:
                            if len(depth_of) >= max_nodes:
                                truncated = True
                                continue
                            depth_of[other] = level
                            next_frontier.append(other)
                        source, target = (node, other) if way == "successor" else (other, node)
                        edges[(source, target, event_id)] = {
                            "source": source,
                            "target": target,
                            "event_id": event_id,
                        }
                if next_frontier:
                    next_frontiers[way] = next_frontier
            if not next_frontiers:
                break
            agencies.update(succession([n for f in next_frontiers.values() for n in f]))
            frontiers = next_frontiers
        nodes = []
        for agency_id, level in sorted(depth_of.items(), key=lambda item: (item[1], item[0])):
            a = agencies[agency_id]
            nodes.append(
                {
                    "id": agency_id,
                    "name": a["name"],
                    "kind": a["kind"],
                    "jurisdiction_id": a["jurisdiction_id"],
                    "established": render_date(a["established"], a["established_precision"]),
                    "dissolved": render_date(a["dissolved"], a["dissolved_precision"]),
                    "depth": level,
                }
            )
        event_rows = {
            row["id"]: row
            for row in self.run("events_by_id", ids=sorted({e["event_id"] for e in edges.values()}))
        }
        for edge in edges.values():
            event = event_rows[edge["event_id"]]
            edge["type"] = event["type"]
            edge["date"] = render_date(event["date"], event["date_precision"])
        edge_list = sorted(
            edges.values(), key=lambda e: (e["date"] or "", e["source"], e["target"])
        )
        event_sources = {
            event_id: self._cited(links_of(row)) for event_id, row in event_rows.items()
        }
        return {
            "root": root,
            "direction": direction,
            "depth": depth,
            "at": on.isoformat() if on else None,
            "nodes": nodes,
            "edges": edge_list,
            "truncated": truncated,
            "sources": self._merge_sources(*event_sources.values()),
        }

    # -- jurisdictions ----------------------------------------------------------------------

    def jurisdiction(self, jurisdiction_id: str) -> dict[str, Any]:
        rows = self.run("jurisdiction_by_id", id=jurisdiction_id)
        if not rows:
            raise NotFound(f"no jurisdiction with id {jurisdiction_id!r}")
        return rows[0]

    def jurisdictions(self) -> list[dict[str, Any]]:
        return self.run("jurisdictions")

    def snapshot(self, jurisdiction_id: str, at: str | dt.date) -> dict[str, Any]:
        """The agencies alive in a jurisdiction on a date, with the names they bore then."""
        on = as_date(at, "at")
        if on is None:
            raise InvalidInput("at: a date is required")
        jurisdiction = self.jurisdiction(jurisdiction_id)
        alive = self.run("snapshot_agencies", jurisdiction=jurisdiction_id, at=on)
        name_then: dict[str, str] = {}
        for rename in self.run("snapshot_later_renames", jurisdiction=jurisdiction_id, at=on):
            name_then.setdefault(rename["agency_id"], rename["old_name"])
        functions: dict[str, list[dict[str, Any]]] = {}
        for h in self.run("snapshot_holdings", jurisdiction=jurisdiction_id, at=on):
            functions.setdefault(h["agency_id"], []).append(
                {"id": h["function_id"], "name": h["function_name"], "item_count": h["item_count"]}
            )
        sources = {a["id"]: self._cited(links_of(a)) for a in alive}
        agencies = [
            {
                "id": a["id"],
                "name": name_then.get(a["id"], a["name"]),
                "current_name": a["name"],
                "kind": a["kind"],
                "part_of": a["part_of_id"],
                "functions": functions.get(a["id"], []),
                "sources": sources.get(a["id"], []),
            }
            for a in alive
        ]
        return {
            "jurisdiction": jurisdiction,
            "at": on.isoformat(),
            "count": len(agencies),
            "agencies": agencies,
            "sources": self._merge_sources(*sources.values()),
        }

    def devolutions(self, jurisdiction_id: str) -> dict[str, Any]:
        """Functions and item counts devolved to a jurisdiction's agencies, by event."""
        jurisdiction = self.jurisdiction(jurisdiction_id)
        rows = self.run("devolved_items", jurisdiction=jurisdiction_id)
        events = self.events(r["event_id"] for r in rows)
        # One devolution per event and function: an event devolving to two bodies of the same
        # town (its government and its service centre) moves the items once.
        by_move: dict[tuple[str, str], dict[str, Any]] = {}
        for r in rows:
            item = by_move.setdefault(
                (r["event_id"], r["function_id"]),
                {
                    "event_id": r["event_id"],
                    "date": render_date(r["date"], r["date_precision"]),
                    "reform_id": r["reform_id"],
                    "agencies": [],
                    "function": {"id": r["function_id"], "name": r["function_name"]},
                    "category": r["category"],
                    "item_count": r["function_items"] or r["event_items"],
                    "sources": events[r["event_id"]]["sources"],
                },
            )
            item["agencies"].append({"id": r["agency_id"], "name": r["agency_name"]})
        items = list(by_move.values())
        return {
            "jurisdiction": jurisdiction,
            "devolutions": items,
            "total_items": sum(i["item_count"] or 0 for i in items),
            "sources": self._merge_sources(*(i["sources"] for i in items)),
        }

    # -- reads for the HTTP service: functions, events, timeline, diff, reforms, sources, catalog

    def function(self, ref: str) -> dict[str, Any]:
        """A function: its record, holders over time, current holders, lineage and sources."""
        trail = self.function_trail(ref)
        return {
            **trail["function"],
            "holders": trail["holders"],
            "current": trail["current"],
            "predecessors": trail["predecessors"],
            "successors": trail["successors"],
            "created_by": trail["created_by"],
            "retired_by": trail["retired_by"],
            "event_ids": [e["id"] for e in trail["events"]],
            "sources": trail["sources"],
        }

    def event(self, event_id: str) -> dict[str, Any]:
        """One event: type, date, both sides, the functions it touched, its sources."""
        if not event_id or not event_id.strip():
            raise InvalidInput("an event id is required")
        found = self.events([event_id.strip()]).get(event_id.strip())
        if found is None:
            raise NotFound(f"no event with id {event_id!r}", hint="list events on the timeline")
        return found

    def events_page(
        self,
        jurisdiction: str | None = None,
        type: str | None = None,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        """A page of the event timeline in (date, id) order, resumable from `next_cursor`.
        `date_to` of year or month precision includes its whole period."""
        from app.params import EARLIEST, LATEST, decode_cursor, encode_cursor, period_end
        from loaders.model import EVENT_TYPES

        if type is not None and type not in EVENT_TYPES:
            raise InvalidInput(f"type must be one of {', '.join(EVENT_TYPES)}, not {type!r}")
        if not 1 <= limit <= 500:
            raise InvalidInput("limit must be between 1 and 500")
        start = as_date(date_from, "from") or EARLIEST
        end = period_end(date_to, "to") or LATEST
        if start > end:
            raise InvalidInput("from: the range starts after it ends")
        if jurisdiction:
            self.jurisdiction(jurisdiction)
        after_date, after_id = decode_cursor(cursor) if cursor else (EARLIEST, "")
        rows = self.run(
            "events_page",
            jurisdiction=jurisdiction or "",
            type=type or "",
            date_from=start,
            date_to=end,
            after_date=after_date,
            after_id=after_id,
            limit=limit + 1,
        )
        more, rows = len(rows) > limit, rows[:limit]
        events = self.events(r["id"] for r in rows)
        page = [events[r["id"]] for r in rows if r["id"] in events]
        return {
            "events": page,
            "count": len(page),
            "limit": limit,
            "next_cursor": encode_cursor(rows[-1]["date"], rows[-1]["id"]) if more else None,
            "filters": {
                "jurisdiction": jurisdiction or None,
                "type": type,
                "from": start.isoformat() if date_from is not None else None,
                "to": end.isoformat() if date_to is not None else None,
            },
            "sources": self._merge_sources(*(e["sources"] for e in page)),
        }

    def diff(
        self, jurisdiction_id: str, date_from: str | dt.date, date_to: str | dt.date
    ) -> dict[str, Any]:
        """What changed in a jurisdiction between two dates (after `date_from`, up to and on
        `date_to`): agencies established, abolished, renamed, merged, split; functions moved,
        devolved, created and retired; with counts and the sources of every change."""
        start, end = as_date(date_from, "from"), as_date(date_to, "to")
        if start is None or end is None:
            raise InvalidInput("from and to: two dates are required")
        if start > end:
            raise InvalidInput("from: the range starts after it ends")
        jurisdiction = self.jurisdiction(jurisdiction_id)
        window = {"jurisdiction": jurisdiction_id, "date_from": start, "date_to": end}
        before = self.run("snapshot_agencies", jurisdiction=jurisdiction_id, at=start)
        after = self.run("snapshot_agencies", jurisdiction=jurisdiction_id, at=end)
        changed = self.run("diff_agencies", **window)
        event_ids = [r["event_id"] for r in self.run("diff_events", **window)]
        event_ids += [a["established_event"] for a in changed] + [
            a["dissolved_event"] for a in changed
        ]
        events = self.events(event_ids)
        timeline = self._chronological(events.values())

        def agency_change(a: dict[str, Any], when: str) -> dict[str, Any]:
            event_id = a[f"{when}_event"]
            return {
                "id": a["id"],
                "name": a["name"],
                "kind": a["kind"],
                "date": render_date(a[when], a[f"{when}_precision"]),
                "event_id": event_id,
                "event_type": events[event_id]["type"] if event_id in events else None,
                "sources": events[event_id]["sources"] if event_id in events else [],
            }

        def in_window(value: dt.date | None) -> bool:
            return value is not None and start < value <= end

        def event_change(e: dict[str, Any], functions: list[dict[str, Any]]) -> dict[str, Any]:
            return {
                "event_id": e["id"],
                "type": e["type"],
                "date": e["date"],
                "from": e["from"],
                "to": e["to"],
                "functions": functions,
                "item_count": e["item_count"],
                "reform_id": e["reform_id"],
                "sources": e["sources"],
            }

        renamed = [
            {
                "agency": agency,
                "old_name": e["old_name"],
                "new_name": e["new_name"],
                "date": e["date"],
                "event_id": e["id"],
                "sources": e["sources"],
            }
            for e in timeline
            if e["type"] == "RENAME"
            for agency in e["to"]
        ]

        def of_type(*types: str) -> list[dict[str, Any]]:
            return [
                event_change(e, e["functions"]["moves"]) for e in timeline if e["type"] in types
            ]

        moved = [
            event_change(e, e["functions"]["moves"])
            for e in timeline
            if e["type"] != "DEVOLVE" and e["functions"]["moves"]
        ]
        created = [
            event_change(e, e["functions"]["creates"])
            for e in timeline
            if e["functions"]["creates"]
        ]
        retired = [
            event_change(e, e["functions"]["retires"])
            for e in timeline
            if e["functions"]["retires"]
        ]
        devolved = of_type("DEVOLVE")
        changes = {
            "established": [
                agency_change(a, "established") for a in changed if in_window(a["established"])
            ],
            "abolished": [
                agency_change(a, "dissolved") for a in changed if in_window(a["dissolved"])
            ],
            "renamed": renamed,
            "merged": of_type("MERGE"),
            "split": of_type("SPLIT"),
            "functions_moved": moved,
            "functions_devolved": devolved,
            "functions_created": created,
            "functions_retired": retired,
        }
        counts = {key: len(value) for key, value in changes.items()}
        counts.update(
            {
                "agencies_before": len(before),
                "agencies_after": len(after),
                "events": len(timeline),
                "functions_moved": sum(len(c["functions"]) for c in moved),
                "functions_devolved": sum(len(c["functions"]) for c in devolved),
                "items_devolved": sum(c["item_count"] or 0 for c in devolved),
            }
        )
        return {
            "jurisdiction": jurisdiction,
            "from": start.isoformat(),
            "to": end.isoformat(),
            **changes,
            "counts": counts,
            "event_ids": [e["id"] for e in timeline],
            "sources": self._merge_sources(*(e["sources"] for e in timeline)),
        }

    def reform(self, reform_id: str) -> dict[str, Any]:
        """A reform: approval, documents, the measures it reports and its events, with sources."""
        rows = self.run("reforms_by_id", ids=[reform_id])
        if not rows:
            raise NotFound(f"no reform with id {reform_id!r}")
        row = rows[0]
        jurisdiction = self.run("jurisdiction_by_id", id=row["jurisdiction_id"] or "")

        def number(value: float | None) -> int | float | None:
            return int(value) if value is not None and float(value).is_integer() else value

        measures = [
            {
                "name": m["name"],
                "before": number(m["before"]),
                "after": number(m["after"]),
                "unit": m["unit"],
            }
            for m in self.run("reform_measures", id=reform_id)
        ]
        events = self.events(r["event_id"] for r in self.run("reform_events", id=reform_id))
        timeline = self._chronological(events.values())
        by_type: dict[str, int] = {}
        for e in timeline:
            by_type[e["type"]] = by_type.get(e["type"], 0) + 1
        return {
            "id": row["id"],
            "name": row["name"],
            "jurisdiction": {
                "id": row["jurisdiction_id"],
                "name": jurisdiction[0]["name"] if jurisdiction else None,
            },
            "approved": render_date(row["approved"], row["approved_precision"]),
            "documents": row["documents"] or [],
            "note": row["note"],
            "measures": measures,
            "events": timeline,
            "counts": {"events": len(timeline), "by_type": by_type},
            "sources": self._merge_sources(
                self._sources([reform_id])[reform_id], *(e["sources"] for e in timeline)
            ),
        }

    def source(self, source_id: str, cap: int = 1000) -> dict[str, Any]:
        """A source document and the records it supports (each with its locator), by kind."""
        rows = self.run("sources_by_id", ids=[source_id])
        if not rows:
            raise NotFound(f"no source with id {source_id!r}")
        row = rows[0]
        kinds = {
            "Event": "events",
            "Agency": "agencies",
            "Function": "functions",
            "Reform": "reforms",
        }
        supports: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds.values()}
        for r in self.run("source_records", id=source_id):
            field = "type" if r["label"] == "Event" else "name"
            supports[kinds[r["label"]]].append(
                {"id": r["record_id"], field: r["detail"], "locator": r["locator"]}
            )
        counts = {kind: len(records) for kind, records in supports.items()}
        for records in supports.values():
            records.sort(key=lambda r: (r["id"], r["locator"] or ""))
            del records[cap:]
        return {
            "id": row["id"],
            "title": row["title"],
            "publisher": row["publisher"],
            "published": render_date(row["published"], "day"),
            "url": row["url"],
            "script": row["script"],
            "locators": row["locators"],
            "supports": supports,
            "counts": counts,
            "truncated": any(n > cap for n in counts.values()),
        }

    def health(self) -> dict[str, Any]:
        """Whether the engine answers, which one it is and where the data lives."""
        rows = self.run("graph_health")
        engine = self.store.engine
        return {
            "status": "ok",
            "backend": {"ladybug": "embedded"}.get(engine, engine),
            "engine": engine,
            "database": self.store.describe(),
            "sources": rows[0]["sources"] if rows else 0,
        }

    def catalog_queries(self) -> list[dict[str, Any]]:
        """The read-only catalog queries: name, what each answers, typed parameters, Cypher."""
        from app.params import parameter_specs, read_only

        listing = []
        for query in self.catalog:
            if not all(read_only(text) for text in query.texts.values()):
                continue
            specs = parameter_specs(query.parameters, query.params_doc)
            listing.append(
                {
                    "name": query.name,
                    "answers": query.answers,
                    "parameters": [
                        {"name": s.name, "type": s.type, "description": s.description}
                        for s in specs
                    ],
                    "engines": sorted(e for e in query.texts if e != "portable"),
                    "cypher": query.text(self.store.engine),
                }
            )
        return listing

    def run_query(
        self, name: str, raw: dict[str, list[str]], max_rows: int = 10_000
    ) -> dict[str, Any]:
        """Rows of one read-only catalog query, its parameters given as text (a notebook's or a
        query string's); dates come back as ISO text. At most `max_rows` rows."""
        from app.params import coerce_parameters, json_value, parameter_specs, read_only

        query = self.catalog.get(name)
        if not all(read_only(text) for text in query.texts.values()):
            raise NotFound(f"no read-only catalog query named {name!r}")
        values = coerce_parameters(parameter_specs(query.parameters, query.params_doc), raw)
        rows = self.store.read(query.text(self.store.engine), values)
        return {
            "query": name,
            "parameters": json_value(values),
            "columns": list(rows[0]) if rows else [],
            "rows": [json_value(row) for row in rows[:max_rows]],
            "row_count": min(len(rows), max_rows),
            "truncated": len(rows) > max_rows,
        }
