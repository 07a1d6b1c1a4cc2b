"""Each node's relationships, packed as one JSON text: the read model behind one-lookup answers.

The embedded engine answers a point lookup of one text property in a few hundredths of a
millisecond, but a join across a relationship table, or a list property, costs ten times that.
So every Agency, Function and Event also carries `links`, written from the same records as its
relationships (they cannot disagree) and holding what the service needs to answer about it
without another query: the ids and names it links to, the dates, and its citations.

The layouts (arrays, not objects, to keep 800,000 of them small) are documented in
cypher/README.md; keys with nothing to say are left out. Dates are text at their precision
(2021, 2021-12 or 2021-12-17), as the service shows them. Each text is encoded as its node's row
is built, from references grouped by node, so a large load holds the finished texts and little
else; they are UTF-8 bytes, which Arrow takes as they are for a text column.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import orjson

from loaders.dates import PartialDate
from loaders.history import History, Holding
from loaders.model import Agency, Citation, Dataset, Event, Function

Interval = tuple[str | None, str | None]


class LinkBuilder:
    """Groups the history by node once, then packs any node's `links` on request.

    These run once per node of a large load (800,000 at 200,000 agencies), so they build
    tuples and dicts directly rather than through helpers."""

    def __init__(self, dataset: Dataset, history: History) -> None:
        self.agencies = dataset.agencies
        self.functions = dataset.functions
        self.agency_name = {agency_id: spans[-1].name for agency_id, spans in history.names.items()}
        self.function_name = {f.id: f.name for f in dataset.functions.values()}
        # A few thousand distinct dates stand behind millions of intervals, each one object
        # shared by the records (loaders/dates.py): their texts are cached by identity, which
        # is far cheaper than hashing the dataclass, and safe while the history holds them.
        days: dict[int, str] = {}

        def day(date: PartialDate | None) -> str | None:
            if date is None:
                return None
            text = days.get(id(date))
            if text is None:
                text = days[id(date)] = str(date)
            return text

        self.successors: dict[str, list] = defaultdict(list)
        self.predecessors: dict[str, list] = defaultdict(list)
        for s in history.succession:
            when = day(s.date)
            self.successors[s.predecessor].append((s.successor, s.event_id, when))
            self.predecessors[s.successor].append((s.predecessor, s.event_id, when))

        self.agency_events: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.function_events: dict[str, list[tuple[str, str]]] = defaultdict(list)
        agency_events, function_events = self.agency_events, self.function_events
        for e in history.ordered_events:
            for agency in e.from_agencies:
                agency_events[agency].append((e.id, "FROM"))
            for agency in e.to_agencies:
                agency_events[agency].append((e.id, "TO"))
            for functions, role in (
                (e.functions, "MOVES"),
                (e.creates, "CREATES"),
                (e.retires, "RETIRES"),
                (e.lapses, "LAPSES"),
            ):
                for function in functions:
                    function_events[function].append((e.id, role))

        self.held: dict[str, list[tuple[Holding, Interval]]] = defaultdict(list)
        self.holders: dict[str, list[tuple[Holding, Interval]]] = defaultdict(list)
        for h in history.holdings:
            interval = (day(h.since), day(h.until))
            self.held[h.agency].append((h, interval))
            self.holders[h.function].append((h, interval))

        # Records citing the same passage share one tuple of citations: pack each tuple once,
        # keyed by identity as the dates are (the records hold the tuples for as long).
        self._packed_sources: dict[int, list[tuple[str, str | None]]] = {}

        self.parts: dict[str, list[Agency]] = defaultdict(list)
        for a in dataset.agencies.values():
            if a.part_of:
                self.parts[a.part_of].append(a)

    def _sources(self, citations: tuple[Citation, ...]) -> list[tuple[str, str | None]]:
        packed = self._packed_sources.get(id(citations))
        if packed is None:
            packed = [(c.source_id, c.locator) for c in citations]
            self._packed_sources[id(citations)] = packed
        return packed

    def agency(self, a: Agency) -> bytes:
        fields: dict[str, Any] = {}
        agency_id = a.id
        if agency_id in self.successors:
            fields["successors"] = self.successors[agency_id]
        if agency_id in self.predecessors:
            fields["predecessors"] = self.predecessors[agency_id]
        if agency_id in self.agency_events:
            fields["events"] = self.agency_events[agency_id]
        if agency_id in self.parts:
            names = self.agency_name
            fields["parts"] = [(p.id, names[p.id], p.kind) for p in self.parts[agency_id]]
        if agency_id in self.held:
            functions = self.functions
            entries = []
            for h, interval in self.held[agency_id]:
                f = functions[h.function]
                entries.append(
                    (f.id, f.name, f.category, f.item_count, *interval, h.event_in, h.event_out)
                )
            fields["functions"] = entries
        if a.citations:
            fields["sources"] = self._sources(a.citations)
        return orjson.dumps(fields)

    def function(self, f: Function) -> bytes:
        fields: dict[str, Any] = {}
        function_id = f.id
        if function_id in self.function_events:
            fields["events"] = self.function_events[function_id]
        if function_id in self.holders:
            agencies, names = self.agencies, self.agency_name
            fields["holders"] = [
                (
                    h.agency,
                    names[h.agency],
                    agencies[h.agency].jurisdiction,
                    *interval,
                    h.event_in,
                    h.event_out,
                )
                for h, interval in self.holders[function_id]
            ]
        if f.citations:
            fields["sources"] = self._sources(f.citations)
        return orjson.dumps(fields)

    def event(self, e: Event) -> bytes:
        fields: dict[str, Any] = {}
        agency_name = self.agency_name.__getitem__
        function_name = self.function_name.__getitem__
        for key, ids, name in (
            ("from", e.from_agencies, agency_name),
            ("to", e.to_agencies, agency_name),
            ("moves", e.functions, function_name),
            ("creates", e.creates, function_name),
            ("retires", e.retires, function_name),
            ("lapses", e.lapses, function_name),
        ):
            if ids:
                fields[key] = list(zip(ids, map(name, ids), strict=True))
        if e.citations:
            fields["sources"] = self._sources(e.citations)
        return orjson.dumps(fields)
