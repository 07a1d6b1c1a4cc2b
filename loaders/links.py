"""Each node's relationships, packed as one JSON text: the read model behind one-lookup answers.

The embedded engine answers a point lookup of one text property in a few hundredths of a
millisecond, but a join across a relationship table, or a list property, costs ten times that.
So every Agency, Function and Event also carries `links`, written from the same records as its
relationships (they cannot disagree) and holding what the service needs to answer about it
without another query: the ids and names it links to, the dates, and its citations.

The layouts (arrays, not objects, to keep 800,000 of them small) are documented in
cypher/README.md; keys with nothing to say are left out. Dates are ISO days with their precision
beside them, as in the node properties. Each text is encoded as its node's row is built, from
references grouped by node, so a large load holds the finished texts and little else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import orjson

from loaders.dates import PartialDate
from loaders.history import History, Holding
from loaders.model import Agency, Citation, Dataset, Event, Function

_ROLES = (("moves", "MOVES"), ("creates", "CREATES"), ("retires", "RETIRES"), ("lapses", "LAPSES"))


def _pack(fields: dict[str, Any]) -> str:
    return orjson.dumps({key: value for key, value in fields.items() if value}).decode()


def _sources(citations: list[Citation]) -> list[list[str | None]]:
    return [[c.source_id, c.locator] for c in citations]


class LinkBuilder:
    """Groups the history by node once, then packs any node's `links` on request."""

    def __init__(self, dataset: Dataset, history: History) -> None:
        self.dataset = dataset
        self.agency_name = {agency_id: spans[-1].name for agency_id, spans in history.names.items()}
        self._days: dict[PartialDate, str] = {}
        self.successors: dict[str, list] = defaultdict(list)
        self.predecessors: dict[str, list] = defaultdict(list)
        for s in history.succession:
            day = self._day(s.date)
            self.successors[s.predecessor].append([s.successor, s.event_id, day])
            self.predecessors[s.successor].append([s.predecessor, s.event_id, day])
        self.agency_events: dict[str, list[tuple[Event, str]]] = defaultdict(list)
        self.function_events: dict[str, list[tuple[Event, str]]] = defaultdict(list)
        for e in history.ordered_events:
            for agency in e.from_agencies:
                self.agency_events[agency].append((e, "FROM"))
            for agency in e.to_agencies:
                self.agency_events[agency].append((e, "TO"))
            for role, rel_type in _ROLES:
                for function in self._functions(e, role):
                    self.function_events[function].append((e, rel_type))
        self.held: dict[str, list[Holding]] = defaultdict(list)
        self.holders: dict[str, list[Holding]] = defaultdict(list)
        for h in history.holdings:
            self.held[h.agency].append(h)
            self.holders[h.function].append(h)
        self.parts: dict[str, list[Agency]] = defaultdict(list)
        for a in dataset.agencies.values():
            if a.part_of:
                self.parts[a.part_of].append(a)

    def _day(self, date: PartialDate | None) -> str | None:
        # A few thousand distinct dates stand behind millions of intervals: share their text.
        if date is None:
            return None
        day = self._days.get(date)
        if day is None:
            day = self._days[date] = date.value.isoformat()
        return day

    def _interval(self, h: Holding) -> list[str | None]:
        return [
            self._day(h.since),
            h.since.precision if h.since else None,
            self._day(h.until),
            h.until.precision if h.until else None,
        ]

    @staticmethod
    def _functions(e: Event, role: str) -> list[str]:
        return e.functions if role == "moves" else getattr(e, role)

    def agency(self, a: Agency) -> str:
        functions = self.dataset.functions
        return _pack(
            {
                "successors": self.successors.get(a.id),
                "predecessors": self.predecessors.get(a.id),
                "events": [[e.id, side] for e, side in self.agency_events.get(a.id, ())],
                "parts": [[p.id, self.agency_name[p.id], p.kind] for p in self.parts.get(a.id, ())],
                "functions": [
                    [
                        (f := functions[h.function]).id,
                        f.name,
                        f.category,
                        f.item_count,
                        *self._interval(h),
                        h.event_in,
                        h.event_out,
                    ]
                    for h in self.held.get(a.id, ())
                ],
                "sources": _sources(a.citations),
            }
        )

    def function(self, f: Function) -> str:
        agencies = self.dataset.agencies
        return _pack(
            {
                "events": [[e.id, role] for e, role in self.function_events.get(f.id, ())],
                "holders": [
                    [
                        h.agency,
                        self.agency_name[h.agency],
                        agencies[h.agency].jurisdiction,
                        *self._interval(h),
                        h.event_in,
                        h.event_out,
                    ]
                    for h in self.holders.get(f.id, ())
                ],
                "sources": _sources(f.citations),
            }
        )

    def event(self, e: Event) -> str:
        names = self.agency_name
        functions = self.dataset.functions

        def named_functions(ids: Iterable[str]) -> list[list[str]]:
            return [[f, functions[f].name] for f in ids]

        return _pack(
            {
                "from": [[a, names[a]] for a in e.from_agencies],
                "to": [[a, names[a]] for a in e.to_agencies],
                **{role: named_functions(self._functions(e, role)) for role, _ in _ROLES},
                "sources": _sources(e.citations),
            }
        )
