"""Replay the events in date order: check the temporal rules and derive what follows from them.

One pass yields both the consistency problems and the derived facts (who held each function
over which interval, organisation-level succession, when agencies began and ended, their names
over time), so the validator and the loader can never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain

from loaders.dates import PartialDate
from loaders.model import BEGINS_TO, ENDS_FROM, SUCCESSION_TYPES, Dataset, Event, Problem


@dataclass(slots=True)
class Holding:
    agency: str
    function: str
    since: PartialDate | None
    event_in: str | None
    until: PartialDate | None = None
    event_out: str | None = None


@dataclass(frozen=True, slots=True)
class Succession:
    predecessor: str
    successor: str
    event_id: str
    date: PartialDate
    type: str


@dataclass(frozen=True, slots=True)
class NameSpan:
    name: str
    since: PartialDate | None
    event_id: str | None


@dataclass
class History:
    ordered_events: list[Event] = field(default_factory=list)
    established: dict[str, tuple[PartialDate, str]] = field(default_factory=dict)
    dissolved: dict[str, tuple[PartialDate, str]] = field(default_factory=dict)
    names: dict[str, list[NameSpan]] = field(default_factory=dict)
    holdings: list[Holding] = field(default_factory=list)
    succession: list[Succession] = field(default_factory=list)
    event_jurisdiction: dict[str, str | None] = field(default_factory=dict)
    created: dict[str, str] = field(default_factory=dict)
    retired: dict[str, str] = field(default_factory=dict)

    def current_name(self, agency_id: str) -> str:
        return self.names[agency_id][-1].name


_SHAPES: dict[str, tuple[str, str, bool]] = {
    # type: (FROM rule, TO rule, needs functions); a rule is "any", "1+", "1" or "same"
    "ESTABLISH": ("any", "1+", False),
    "RENAME": ("same", "1", False),
    "MERGE": ("1+", "1+", False),
    "SPLIT": ("1", "1+", False),
    "ABOLISH": ("1+", "any", False),
    "TRANSFER": ("any", "1+", True),
    "DEVOLVE": ("any", "1+", True),
    "CO_LOCATE": ("1+", "1+", False),
    "RESTRUCTURE": ("any", "1+", False),
}


_COUNT_RULES = {"1+": lambda n: n >= 1, "1": lambda n: n == 1, "any": lambda n: True}


def _shape_problems(event: Event) -> list[str]:
    from_rule, to_rule, needs_functions = _SHAPES[event.type]
    found = []
    counts = _COUNT_RULES
    if not counts[to_rule](len(event.to_agencies)):
        found.append(f"{event.type} needs {to_rule.replace('+', ' or more')} TO agency")
    if from_rule == "same":
        if event.from_agencies and event.from_agencies != event.to_agencies:
            found.append("a RENAME names one agency, the same in from and to")
    elif not counts[from_rule](len(event.from_agencies)):
        found.append(f"{event.type} needs {from_rule.replace('+', ' or more')} FROM agency")
    if needs_functions and not event.functions:
        found.append(f"{event.type} needs at least one function in 'functions'")
    if event.type == "RENAME":
        if not event.new_name:
            found.append("a RENAME needs new_name")
    elif event.new_name or event.old_name:
        found.append("old_name and new_name belong to RENAME events only")
    if event.creates and not event.to_agencies:
        found.append("created functions need a TO agency to hold them")
    if (
        len(event.from_agencies) > 1 and len(set(event.from_agencies)) != len(event.from_agencies)
    ) or (len(event.to_agencies) > 1 and len(set(event.to_agencies)) != len(event.to_agencies)):
        found.append("an agency is listed twice on one side")
    return found


def _reference_problems(dataset: Dataset) -> list[Problem]:
    problems: list[Problem] = []

    def check(file: str, record: str, what: str, ref: str | None, table: dict) -> bool:
        if ref is None or ref in table:
            return True
        problems.append(Problem(file, record, "reference", f"unknown {what} {ref!r}"))
        return False

    for j in dataset.jurisdictions.values():
        check(j.file, j.id, "parent jurisdiction", j.parent, dataset.jurisdictions)
    for a in dataset.agencies.values():
        check(a.file, a.id, "jurisdiction", a.jurisdiction, dataset.jurisdictions)
        check(a.file, a.id, "part_of agency", a.part_of, dataset.agencies)
    for r in dataset.reforms.values():
        check(r.file, r.id, "jurisdiction", r.jurisdiction, dataset.jurisdictions)
    events = dataset.events.values()
    # Most datasets name no unknown id: find that out with set operations, and look event by
    # event only when one does.
    agencies = set(chain.from_iterable(e.from_agencies + e.to_agencies for e in events))
    functions = set(
        chain.from_iterable(e.functions + e.retires + e.creates + e.lapses for e in events)
    )
    reforms = {e.reform for e in events} - {None}
    if (
        agencies <= dataset.agencies.keys()
        and functions <= dataset.functions.keys()
        and reforms <= dataset.reforms.keys()
    ):
        return problems
    for e in events:
        check(e.file, e.id, "reform", e.reform, dataset.reforms)
        for ref in e.from_agencies + e.to_agencies:
            check(e.file, e.id, "agency", ref, dataset.agencies)
        for ref in e.functions + e.retires + e.creates + e.lapses:
            check(e.file, e.id, "function", ref, dataset.functions)
    return problems


def _cycle_problems(dataset: Dataset) -> list[Problem]:
    problems = []
    for j in dataset.jurisdictions.values():
        seen = {j.id}
        parent = j.parent
        while parent is not None and parent in dataset.jurisdictions:
            if parent in seen:
                problems.append(
                    Problem(
                        j.file, j.id, "jurisdiction-cycle", f"its parents lead back to {parent}"
                    )
                )
                break
            seen.add(parent)
            parent = dataset.jurisdictions[parent].parent
    return problems


def replay(dataset: Dataset) -> tuple[History, list[Problem]]:
    """Check the temporal rules over all events and derive the history they imply."""
    problems = _reference_problems(dataset) + _cycle_problems(dataset)
    broken = {p.record for p in problems if p.rule == "reference"}
    history = History()
    history.names = {a.id: [NameSpan(a.name, None, None)] for a in dataset.agencies.values()}
    events = sorted((e for e in dataset.events.values() if e.id not in broken), key=Event.sort_key)
    history.ordered_events = events

    # Agencies begun by an event may receive functions earlier on the same date (same-date
    # order puts transfers before merges), so beginnings are judged by date, not by order.
    first_seen: dict[str, object] = {}
    ended: dict[str, str] = {}
    open_holdings = _OpenHoldings()
    function_seen: set[str] = set()

    def fail(event: Event, rule: str, detail: str) -> None:
        problems.append(Problem(event.file, event.id, rule, detail))

    for event in events:
        shape = _shape_problems(event)
        for detail in shape:
            fail(event, "event-shape", detail)
        if shape:
            continue
        participants = dict.fromkeys(event.from_agencies + event.to_agencies)
        for agency in participants:
            if agency in ended:
                fail(
                    event,
                    "dissolved-agency",
                    f"{agency} takes part on {event.date} but ended with {ended[agency]}",
                )
            elif (
                event.type == "ESTABLISH"
                and agency in event.to_agencies
                and agency not in event.from_agencies
                and first_seen.get(agency, event.date.value) < event.date.value
            ):
                fail(
                    event,
                    "not-yet-established",
                    f"{agency} takes part in events before this ESTABLISH on {event.date}",
                )
        for agency in participants:
            first_seen.setdefault(agency, event.date.value)
        for agency in event.to_agencies:
            begins = event.type in BEGINS_TO and agency not in event.from_agencies
            if (
                begins
                and agency not in history.established
                and first_seen[agency] == event.date.value
            ):
                history.established[agency] = (event.date, event.id)
        if event.reform:
            jurisdiction = dataset.reforms[event.reform].jurisdiction
        else:
            jurisdiction = dataset.agencies[
                (event.to_agencies or event.from_agencies)[0]
            ].jurisdiction
        history.event_jurisdiction[event.id] = jurisdiction

        if event.type == "RENAME":
            agency = event.to_agencies[0]
            current = history.names[agency][-1].name
            if event.old_name and event.old_name != current:
                fail(
                    event,
                    "rename-old-name",
                    f"old_name {event.old_name!r} but {agency} was called {current!r} then",
                )
            event.old_name = event.old_name or current
            history.names[agency].append(NameSpan(event.new_name or current, event.date, event.id))

        for function in event.functions + event.retires + event.creates + event.lapses:
            if function in history.retired:
                fail(
                    event,
                    "retired-function",
                    f"{function} was retired by {history.retired[function]}",
                )
        _move_functions(event, open_holdings, function_seen, history, fail)

        if event.type in SUCCESSION_TYPES:
            for predecessor in event.from_agencies:
                for successor in event.to_agencies:
                    if predecessor != successor:
                        history.succession.append(
                            Succession(predecessor, successor, event.id, event.date, event.type)
                        )
        if event.type in ENDS_FROM:
            for agency in event.from_agencies:
                if agency in event.to_agencies or agency in ended:
                    continue
                ended[agency] = event.id
                history.dissolved[agency] = (event.date, event.id)
                leftovers = sorted(open_holdings.functions_of(agency))
                if leftovers:
                    problems.append(
                        Problem(
                            event.file,
                            event.id,
                            "unaccounted-functions",
                            f"{agency} ends holding {', '.join(leftovers)}, which no event "
                            "moves, retires or marks as lapsing",
                            severity="warning",
                        )
                    )
                for function in leftovers:
                    history.holdings.append(open_holdings.close(function, agency, event))
    history.holdings.extend(open_holdings.remaining())
    return history, problems


class _OpenHoldings:
    """Intervals not yet closed, indexed both ways: by function and by agency."""

    def __init__(self) -> None:
        self.by_function: dict[str, dict[str, Holding]] = defaultdict(dict)
        self.by_agency: dict[str, set[str]] = defaultdict(set)

    def holders(self, function: str) -> dict[str, Holding]:
        return self.by_function[function]

    def functions_of(self, agency: str) -> set[str]:
        return self.by_agency.get(agency, set())

    def open(self, function: str, agency: str, event: Event | None) -> None:
        holders = self.by_function[function]
        if agency in holders:
            return
        if event is None:
            holders[agency] = Holding(agency, function, None, None)
        else:
            holders[agency] = Holding(agency, function, event.date, event.id)
        self.by_agency[agency].add(function)

    def close(self, function: str, agency: str, event: Event) -> Holding:
        holding = self.by_function[function].pop(agency)
        self.by_agency[agency].discard(function)
        holding.until = event.date
        holding.event_out = event.id
        return holding

    def remaining(self) -> list[Holding]:
        return [h for holders in self.by_function.values() for h in holders.values()]


def _move_functions(
    event: Event,
    open_holdings: _OpenHoldings,
    function_seen: set[str],
    history: History,
    fail,
) -> None:
    closed: list[Holding] = []

    def first_mention(function: str) -> bool:
        if function in function_seen:
            return False
        function_seen.add(function)
        for agency in event.from_agencies:
            open_holdings.open(function, agency, None)
        return True

    for function in event.functions:
        first_mention(function)
        holders = open_holdings.holders(function)
        givers = (
            [a for a in event.from_agencies if a in holders]
            if event.from_agencies
            else list(holders)
        )
        if event.from_agencies and not givers:
            held_by = ", ".join(sorted(holders)) or "no agency"
            fail(
                event,
                "function-holder",
                f"{function} is held by {held_by} on {event.date}, not by "
                f"{', '.join(event.from_agencies)}",
            )
            continue
        for agency in givers:
            if agency not in event.to_agencies:
                closed.append(open_holdings.close(function, agency, event))
        for agency in event.to_agencies:
            open_holdings.open(function, agency, event)
    for function in event.lapses:
        first_mention(function)
        holders = open_holdings.holders(function)
        givers = [a for a in event.from_agencies if a in holders]
        if not givers:
            fail(
                event,
                "function-holder",
                f"{function} lapses but none of {', '.join(event.from_agencies) or '(no FROM)'} "
                f"holds it on {event.date}",
            )
        for agency in givers:
            closed.append(open_holdings.close(function, agency, event))
    for function in event.retires:
        if function not in history.retired:
            first_mention(function)
            for agency in list(open_holdings.holders(function)):
                closed.append(open_holdings.close(function, agency, event))
            history.retired[function] = event.id
    for function in event.creates:
        if function in function_seen:
            fail(event, "retired-function", f"{function} is created here but already existed")
            continue
        function_seen.add(function)
        history.created[function] = event.id
        for agency in event.to_agencies:
            open_holdings.open(function, agency, event)
    history.holdings.extend(closed)
