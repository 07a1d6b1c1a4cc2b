"""Each node's relationships, packed as one JSON text: the read model behind one-lookup answers.

The embedded engine answers a point lookup of one text property in a few hundredths of a
millisecond, but a join across a relationship table, or a list property, costs ten times that.
So every Agency, Function and Event also carries `links`, written from the same records
as its relationships (they cannot disagree) and holding what the service needs to answer about
it without another query: the ids and names it links to, the dates, and its citations.

The layouts (arrays, not objects, to keep 800,000 of them small) are documented in
cypher/README.md; keys with nothing to say are left out. Dates are ISO days with their precision
beside them, as in the node properties.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import orjson

from loaders.dates import PartialDate
from loaders.history import History
from loaders.model import Citation, Dataset

EVENT_ROLES = (
    ("moves", "MOVES"),
    ("creates", "CREATES"),
    ("retires", "RETIRES"),
    ("lapses", "LAPSES"),
)


@dataclass
class Links:
    """`links` text by node id, for each label that carries it."""

    agencies: dict[str, str]
    functions: dict[str, str]
    events: dict[str, str]


def _day(date: PartialDate | None) -> str | None:
    return date.value.isoformat() if date else None


def _precision(date: PartialDate | None) -> str | None:
    return date.precision if date else None


def _sources(citations: list[Citation]) -> list[list[str | None]]:
    return [[c.source_id, c.locator] for c in citations]


def _pack(fields: dict[str, Any]) -> str:
    return orjson.dumps({key: value for key, value in fields.items() if value}).decode()


def build_links(dataset: Dataset, history: History) -> Links:
    agency_name = {agency_id: spans[-1].name for agency_id, spans in history.names.items()}
    function_name = {f.id: f.name for f in dataset.functions.values()}

    successors: dict[str, list] = defaultdict(list)
    predecessors: dict[str, list] = defaultdict(list)
    for s in history.succession:
        day = _day(s.date)
        successors[s.predecessor].append([s.successor, s.event_id, day])
        predecessors[s.successor].append([s.predecessor, s.event_id, day])

    agency_events: dict[str, list] = defaultdict(list)
    function_events: dict[str, list] = defaultdict(list)
    events: dict[str, str] = {}
    for e in history.ordered_events:
        for agency in e.from_agencies:
            agency_events[agency].append([e.id, "FROM"])
        for agency in e.to_agencies:
            agency_events[agency].append([e.id, "TO"])
        for role, rel_type in EVENT_ROLES:
            for function in getattr(e, "functions" if role == "moves" else role):
                function_events[function].append([e.id, rel_type])
        events[e.id] = _pack(
            {
                "from": [[a, agency_name[a]] for a in e.from_agencies],
                "to": [[a, agency_name[a]] for a in e.to_agencies],
                "moves": [[f, function_name[f]] for f in e.functions],
                "creates": [[f, function_name[f]] for f in e.creates],
                "retires": [[f, function_name[f]] for f in e.retires],
                "lapses": [[f, function_name[f]] for f in e.lapses],
                "sources": _sources(e.citations),
            }
        )

    held: dict[str, list] = defaultdict(list)
    holders: dict[str, list] = defaultdict(list)
    for h in history.holdings:
        interval = [_day(h.since), _precision(h.since), _day(h.until), _precision(h.until)]
        f = dataset.functions[h.function]
        held[h.agency].append(
            [f.id, f.name, f.category, f.item_count, *interval, h.event_in, h.event_out]
        )
        agency = dataset.agencies[h.agency]
        holders[h.function].append(
            [
                agency.id,
                agency_name[agency.id],
                agency.jurisdiction,
                *interval,
                h.event_in,
                h.event_out,
            ]
        )

    parts: dict[str, list] = defaultdict(list)
    for a in dataset.agencies.values():
        if a.part_of:
            parts[a.part_of].append([a.id, agency_name[a.id], a.kind])

    agencies = {
        a.id: _pack(
            {
                "successors": successors.get(a.id),
                "predecessors": predecessors.get(a.id),
                "events": agency_events.get(a.id),
                "parts": parts.get(a.id),
                "functions": held.get(a.id),
                "sources": _sources(a.citations),
            }
        )
        for a in dataset.agencies.values()
    }
    functions = {
        f.id: _pack(
            {
                "events": function_events.get(f.id),
                "holders": holders.get(f.id),
                "sources": _sources(f.citations),
            }
        )
        for f in dataset.functions.values()
    }
    return Links(agencies, functions, events)
