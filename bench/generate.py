#!/usr/bin/env python3
"""Generate synthetic reform histories in the dataset format of data/README.md.

    python bench/generate.py OUT_DIR --agencies 200000 --events 400000 [--seed 1]

Writes one file per prefecture, and one per province for the province's own agencies, each
with its own source block. Every region is simulated on its own state (live agencies, who
holds each function, current names), updated exactly as `lineage validate` replays events,
so the output validates without errors and without unaccounted-functions warnings. The same
seed gives the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import heapq
import itertools
import json
import math
import multiprocessing
import os
import random
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vocabulary import (  # noqa: E402
    ABOLISH_NOTES,
    BUNDLES,
    CO_LOCATE_NOTES,
    COORDINATION_DOMAINS,
    COORDINATION_SUFFIXES,
    DISTRICT_BUNDLE,
    ESTABLISH_NOTES,
    FAMILIES_OF,
    FUNCTION_VARIANTS,
    GOVERNMENT_DOMAINS,
    INSTITUTION_DOMAINS,
    INSTITUTION_SUFFIXES,
    INTERNAL_UNITS,
    PARTY_DOMAINS,
    PLACE_CHARS,
    PLAQUES,
    PROTECTED_ROLES,
    PROVINCE_PREFIXES,
    RENAME_ADDITIONS,
    TASK_FORCE_DOMAINS,
    TASK_FORCE_SUFFIXES,
    TOWN_GOVERNMENT_NAMES,
    TOWN_ROLES,
    WAVES,
    ZONE_BUNDLE,
    ZONE_KINDS,
    ZONE_ROLES,
    Domain,
    Role,
    Wave,
    category_of,
)

from loaders.model import (  # noqa: E402
    BEGINS_TO,
    ENDS_FROM,
    SAME_DATE_RANK,
    SUCCESSION_TYPES,
)

FIRST_DAY = dt.date(2000, 1, 1).toordinal()
LAST_DAY = dt.date(2024, 12, 31).toordinal()

# The validator's own rules: same-date order, and which types begin, end or succeed agencies.
RANK = SAME_DATE_RANK
SUCCESSION = SUCCESSION_TYPES

BASE_MIX = {
    "TRANSFER": 22.0,
    "DEVOLVE": 7.0,
    "RENAME": 14.0,
    "RESTRUCTURE": 9.0,
    "CO_LOCATE": 4.0,
    "ESTABLISH": 11.0,
    "MERGE": 9.0,
    "SPLIT": 3.0,
    "ABOLISH": 7.0,
}
# Expected new agencies per event under BASE_MIX; the mix is tilted to meet the budget.
CREATIONS_PER_EVENT = 0.2
SELECTABLE_KINDS = frozenset(
    {"party", "government", "institution", "coordination", "dispatched", "branch", "task_force"}
)
MERGEABLE_KINDS = frozenset({"government", "institution", "coordination", "task_force"})
RECEIVING_KINDS = MERGEABLE_KINDS | {"dispatched", "party"}
PROTECTED_SLUGS = frozenset({"government-office", "party-office", "discipline"}) | PROTECTED_ROLES
NEVER_RENAMED = frozenset(
    {"gov", "government-office", "party-office", "discipline", "justice-office"}
)
# Fewest live selectable agencies a jurisdiction keeps before merges and abolitions stop.
MIN_LIVE = {0: 24, 1: 12, 2: 2}
# How much more often, per live agency, an event touches each tier: the prefecture's own
# bodies are reorganised more often than a county's, and towns' least.
ALL_TIERS = {0: 2.0, 1: 1.0, 2: 0.5}
UPPER_TIERS = {0: 2.0, 1: 1.0}
TOWNS = {2: 1.0}
# Lines of work whose approvals and enforcement are devolved to towns and districts.
DEVOLVING_FAMILIES = frozenset(
    {
        "land",
        "agri",
        "market",
        "services",
        "labour",
        "health",
        "environment",
        "transport",
        "culture",
        "safety",
        "economy",
    }
)
# Chance that bodies of unrelated lines of work merge or trade functions anyway.
UNRELATED_MERGE = 0.03
UNRELATED_TRANSFER = 0.3
LEVEL_CHAR = {"province": "省", "prefecture": "市", "county": "县", "district": "区", "zone": "区"}
# What a short form ends with for each suffix, stripped when the short form goes into a name.
ALIAS_ENDINGS = {"委员会": "委", "办公室": "办", "支队": "支队", "中心": "中心"}
# A province's own agencies see fewer events than a prefecture's of the same size.
PROVINCE_EVENT_WEIGHT = 0.6
SIMPLIFIED_TO_TRADITIONAL_SHARE = 0.12

_PLAIN = re.compile(r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+")


def text(value: str) -> str:
    """A YAML scalar for free text: plain when safe in block and flow context, else quoted."""
    return value if _PLAIN.fullmatch(value) else json.dumps(value, ensure_ascii=False)


class LiveSet:
    """Agencies that can be drawn at random, with O(1) add, remove and draw."""

    __slots__ = ("items", "index")

    def __init__(self) -> None:
        self.items: list[Agency] = []
        self.index: dict[Agency, int] = {}

    def __len__(self) -> int:
        return len(self.items)

    def add(self, agency: Agency) -> None:
        self.index[agency] = len(self.items)
        self.items.append(agency)

    def discard(self, agency: Agency) -> None:
        position = self.index.pop(agency, None)
        if position is None:
            return
        last = self.items.pop()
        if position < len(self.items):
            self.items[position] = last
            self.index[last] = position

    def draw(self, rng: random.Random) -> Agency | None:
        return self.items[int(rng.random() * len(self.items))] if self.items else None


@dataclass(eq=False, slots=True)
class Jurisdiction:
    id: str
    name: str
    short: str
    level: str
    parent: Jurisdiction | None
    tier: int  # 0 the region's root, 1 counties, districts and zones, 2 towns
    children: list[Jurisdiction] = field(default_factory=list)
    live: LiveSet = field(default_factory=LiveSet)
    by_family: dict[str, LiveSet] = field(default_factory=dict)
    by_slug: dict[str, Agency] = field(default_factory=dict)
    kind_counts: dict[str, int] = field(default_factory=dict)

    def record(self) -> str:
        parent = f", parent: {self.parent.id}" if self.parent else ""
        return f"- {{id: {self.id}, name: {text(self.name)}, level: {self.level}{parent}}}\n"


@dataclass(eq=False, slots=True)
class Function:
    id: str
    name: str
    category: str
    item_count: int | None
    holders: list[Agency] = field(default_factory=list)
    origin: Agency | None = None  # who devolved a bundle, and takes it back if it returns
    ended: bool = False
    created: bool = True  # False for a function declared for a `creates` not yet emitted

    def record(self) -> str:
        count = f", item_count: {self.item_count}" if self.item_count is not None else ""
        return f"- {{id: {self.id}, name: {text(self.name)}, category: {self.category}{count}}}\n"


@dataclass(eq=False, slots=True)
class Agency:
    id: str
    slug: str
    jurisdiction: Jurisdiction
    kind: str
    prefix: str
    core: str
    suffix: str
    bases: tuple[Domain, ...] = ()
    role: Role | None = None
    part_of: Agency | None = None
    aliases: tuple[str, ...] = ()
    locator: str | None = None
    note: str | None = None
    families: frozenset[str] = frozenset()
    first_name: str = ""
    name: str = ""
    begun: bool = True
    alive: bool = True
    successor: Agency | None = None
    depth: int = 0
    functions: dict[Function, None] = field(default_factory=dict)
    children: list[Agency] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = self.first_name = self.prefix + self.core + self.suffix
        families = FAMILIES_OF.get(self.slug, frozenset())
        for base in self.bases:
            families |= FAMILIES_OF.get(base.slug, frozenset())
        self.families = families

    def related(self, other: Agency) -> bool:
        return not self.families.isdisjoint(other.families)

    @property
    def selectable(self) -> bool:
        return self.kind in SELECTABLE_KINDS

    @property
    def protected(self) -> bool:
        return self.slug in PROTECTED_SLUGS

    def record(self) -> str:
        parts = [
            f"- {{id: {self.id}, name: {text(self.first_name)}, "
            f"jurisdiction: {self.jurisdiction.id}, kind: {self.kind}"
        ]
        if self.aliases:
            parts.append(f", aliases: [{', '.join(text(a) for a in self.aliases)}]")
        if self.part_of is not None:
            parts.append(f", part_of: {self.part_of.id}")
        if self.locator:
            parts.append(f", locator: {self.locator}")
        if self.note:
            parts.append(f", note: {text(self.note)}")
        parts.append("}\n")
        return "".join(parts)


@dataclass(eq=False, slots=True)
class Reform:
    id: str
    name: str
    jurisdiction: Jurisdiction
    approved: dt.date
    document: str
    locator: str
    before: tuple[int, int]
    after: tuple[int, int] | None = None
    devolved_items: int = 0

    def record(self) -> str:
        after = self.after or self.before
        measures = [
            f"{{name: 党政机构, before: {self.before[0]}, after: {after[0]}, unit: 个}}",
            f"{{name: 事业单位, before: {self.before[1]}, after: {after[1]}, unit: 个}}",
        ]
        if self.devolved_items:
            measures.append(
                f"{{name: 下放审批服务事项, before: 0, after: {self.devolved_items}, unit: 项}}"
            )
        return (
            f"- id: {self.id}\n  name: {text(self.name)}\n  jurisdiction: {self.jurisdiction.id}\n"
            f"  approved: {self.approved.isoformat()}\n  documents: [{text(self.document)}]\n"
            f"  measures: [{', '.join(measures)}]\n  locator: {self.locator}\n"
        )


@dataclass
class Chain:
    """A line of agencies reorganised every year or two, so lineage runs ten or more deep."""

    head: Agency
    jurisdiction: Jurisdiction


@dataclass
class RegionStats:
    agencies: int = 0
    functions: int = 0
    events: int = 0
    reforms: int = 0
    bytes: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    max_depth: int = 0
    deep_agencies: int = 0  # at the end of a succession chain ten or more long


class NameBook:
    """Two-character place names with pinyin slugs, unique within a scope."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: set[str] = set()
        self.slugs: set[str] = set()

    def draw(self, suffix: str, slug_suffix: str = "") -> tuple[str, str, str]:
        """(full name, two-character short name, slug), none used before in this book."""
        for attempt in itertools.count():
            (c1, p1), (c2, p2) = self.rng.sample(PLACE_CHARS, 2)
            short = c1 + c2
            if short + suffix in self.names:
                continue
            slug = p1 + p2 + slug_suffix
            if slug in self.slugs:
                slug = f"{slug}{attempt % 9 + 2}"
                if slug in self.slugs:
                    continue
            self.names.add(short + suffix)
            self.slugs.add(slug)
            return short + suffix, short, slug
        raise AssertionError("unreachable")


# --- calendar -------------------------------------------------------------------------------


def _wave_at(day: int) -> Wave | None:
    for wave in WAVES:
        if wave.start.toordinal() <= day <= wave.end.toordinal():
            return wave
    return None


def _day_weights(rng: random.Random) -> list[float]:
    """How likely each day from 2000 to 2024 is to carry an event in one region."""
    weights = [1.0] * (LAST_DAY - FIRST_DAY + 1)
    for wave in WAVES:
        start, end = wave.start.toordinal(), wave.end.toordinal()
        for day in range(start, end + 1):
            weights[day - FIRST_DAY] = wave.intensity
        # Announcement days: a reform plan takes effect on the first of a month.
        months = (wave.end.year - wave.start.year) * 12 + wave.end.month - wave.start.month + 1
        for offset in rng.sample(range(months), min(months, 6)):
            year = wave.start.year + (wave.start.month - 1 + offset) // 12
            month = (wave.start.month - 1 + offset) % 12 + 1
            weights[dt.date(year, month, 1).toordinal() - FIRST_DAY] += 40.0 * wave.intensity
    for year in range(2000, 2025):
        weights[dt.date(year, 1, 1).toordinal() - FIRST_DAY] += 15.0
    return weights


# --- one region (a prefecture or a province's own agencies) --------------------------------


class Region:
    """One dataset file: a jurisdiction subtree, its agencies, functions and their history."""

    def __init__(
        self,
        rng: random.Random,
        province: Jurisdiction,
        root: Jurisdiction,
        doc_prefix: str,
        traditional: bool,
    ) -> None:
        self.rng = rng
        self.province = province
        self.root = root
        self.doc_prefix = doc_prefix
        self.traditional = traditional
        self.jurisdictions: list[Jurisdiction] = [root]
        self.agencies: list[Agency] = []
        self.functions: list[Function] = []
        self.reforms: list[Reform] = []
        self.events: list[str] = []
        self.used_ids: set[str] = set()
        self.function_counter: dict[str, int] = {}
        self.live_by_tier: dict[int, LiveSet] = {0: LiveSet(), 1: LiveSet(), 2: LiveSet()}
        self.chains: list[Chain] = []
        self.stats = RegionStats()
        self.initial_agencies = 0
        # simulation state
        self.year = 2000
        self.day = FIRST_DAY
        self.wave: Wave | None = None
        self.open_reforms: dict[Jurisdiction, Reform] = {}
        self.paragraph = 1
        self.sequence = 0
        self.last_key: tuple[int, int, str] = (0, 0, "")
        self.current_rank = 0
        self.event_target = 0
        self.emitted = 0
        self.reserved = 0
        self.creations_left = 0
        self.heap: list[tuple[int, int, Callable[[], bool]]] = []
        self.heap_counter = itertools.count()
        # follow-ups for later planned days, by day index: (rank, task)
        self.deferred: dict[int, list[tuple[int, Callable[[], bool]]]] = {}
        self.days: list[int] = []
        self.day_index = 0

    # ids and declarations

    def unique_id(self, base: str) -> str:
        candidate = base
        for n in itertools.count(2):
            if candidate not in self.used_ids:
                self.used_ids.add(candidate)
                return candidate
            candidate = f"{base}-{self.year}" if n == 2 else f"{base}-{self.year}-{n}"
        raise AssertionError("unreachable")

    def add_jurisdiction(self, jurisdiction: Jurisdiction) -> Jurisdiction:
        self.jurisdictions.append(jurisdiction)
        if jurisdiction.parent is not None:
            jurisdiction.parent.children.append(jurisdiction)
        return jurisdiction

    def new_function(
        self,
        jurisdiction: Jurisdiction,
        name: str,
        category: str | None = None,
        item_count: int | None = None,
        holder: Agency | None = None,
    ) -> Function:
        number = self.function_counter.get(jurisdiction.id, 0) + 1
        self.function_counter[jurisdiction.id] = number
        function = Function(
            f"{jurisdiction.id}.fn{number}", name, category or category_of(name), item_count
        )
        self.functions.append(function)
        if holder is not None:
            self.hold(holder, function)
        else:
            function.created = False
        return function

    def new_agency(
        self,
        jurisdiction: Jurisdiction,
        slug: str,
        kind: str,
        prefix: str,
        core: str,
        suffix: str,
        *,
        bases: tuple[Domain, ...] = (),
        role: Role | None = None,
        part_of: Agency | None = None,
        aliases: tuple[str, ...] = (),
        begun: bool = True,
        id_base: str | None = None,
        declare: bool = True,
    ) -> Agency:
        """A new agency; with declare=False a throwaway probe that is never written."""
        agency = Agency(
            id=self.unique_id(id_base or f"{jurisdiction.id}.{slug}") if declare else "",
            slug=slug,
            jurisdiction=jurisdiction,
            kind=kind,
            prefix=prefix,
            core=core,
            suffix=suffix,
            bases=bases,
            role=role,
            part_of=part_of,
            aliases=aliases,
            begun=begun,
            alive=begun,
        )
        if not declare:
            return agency
        self.agencies.append(agency)
        if begun:
            agency.locator = "p1"
            self.activate(agency)
        return agency

    def domain_agency(
        self,
        jurisdiction: Jurisdiction,
        domain: Domain,
        begun: bool = True,
        bases: tuple[Domain, ...] | None = None,
        declare: bool = True,
    ) -> Agency:
        suffix = domain.suffix
        if jurisdiction.tier > 0 and suffix == "支队":
            suffix = "大队"
        prefix = jurisdiction.name + ("委" if domain.party else "")
        aliases: tuple[str, ...] = ()
        level_char = LEVEL_CHAR.get(jurisdiction.level)
        if level_char and domain.kind == "government" and self.rng.random() < 0.5:
            aliases = (level_char + domain.short,)
        return self.new_agency(
            jurisdiction,
            domain.slug,
            domain.kind,
            prefix,
            domain.core,
            suffix,
            bases=bases or (domain,),
            aliases=aliases,
            begun=begun,
            declare=declare,
        )

    def role_agency(self, place: Jurisdiction, role: Role, begun: bool = True) -> Agency:
        core = role.names[0]
        if role.slug == "gov":
            core = TOWN_GOVERNMENT_NAMES[place.level]
        kind = role.kind
        if role.slug == "gov" and place.level == "subdistrict":
            kind = "dispatched"
        return self.new_agency(place, role.slug, kind, place.name, core, "", role=role, begun=begun)

    def can_create(self, count: int = 1) -> bool:
        return self.creations_left >= count

    # state changes, mirroring loaders/history.py

    def activate(self, agency: Agency) -> None:
        agency.begun = agency.alive = True
        place = agency.jurisdiction
        place.kind_counts[agency.kind] = place.kind_counts.get(agency.kind, 0) + 1
        if agency.selectable:
            place.live.add(agency)
            self.live_by_tier[place.tier].add(agency)
            for family in agency.families:
                place.by_family.setdefault(family, LiveSet()).add(agency)
        if agency.selectable or agency.kind == "plaque":
            place.by_slug[agency.slug] = agency
        if agency.part_of is not None and agency.kind in ("plaque", "internal_unit"):
            agency.part_of.children.append(agency)

    def deactivate(self, agency: Agency, successor: Agency | None) -> None:
        assert not agency.functions, f"{agency.id} ends holding functions"
        agency.alive = False
        agency.successor = successor
        place = agency.jurisdiction
        place.kind_counts[agency.kind] -= 1
        place.live.discard(agency)
        self.live_by_tier[place.tier].discard(agency)
        for family in agency.families:
            place.by_family[family].discard(agency)
        if place.by_slug.get(agency.slug) is agency:
            del place.by_slug[agency.slug]
        if agency.part_of is not None and agency in agency.part_of.children:
            agency.part_of.children.remove(agency)

    def hold(self, agency: Agency, function: Function) -> None:
        if agency not in function.holders:
            function.holders.append(agency)
            agency.functions[function] = None

    def drop(self, agency: Agency, function: Function) -> None:
        function.holders.remove(agency)
        del agency.functions[function]

    def end_function(self, function: Function) -> None:
        for agency in function.holders:
            del agency.functions[function]
        function.holders.clear()
        function.ended = True

    def resolve(self, agency: Agency | None) -> Agency | None:
        """The live agency that carries on `agency`'s work, following successions."""
        while agency is not None and not agency.alive:
            agency = agency.successor
        return agency

    # emitting events

    def room(self) -> int:
        return self.event_target - self.emitted - self.reserved

    def emit(
        self,
        etype: str,
        frm: Sequence[Agency],
        to: Sequence[Agency],
        *,
        functions: Sequence[Function] = (),
        retires: Sequence[Function] = (),
        creates: Sequence[Function] = (),
        lapses: Sequence[Function] = (),
        new_name: str | None = None,
        old_name: str | None = None,
        item_count: int | None = None,
        note: str | None = None,
    ) -> None:
        assert RANK[etype] >= self.current_rank, (etype, self.current_rank)
        begins = etype in BEGINS_TO
        prefix = self.root.id + "."
        assert all(a.id.startswith(prefix) for a in (*frm, *to)), "agency of another region"
        for agency in frm:
            assert agency.alive and agency.begun, f"{agency.id} not live for {etype}"
        for agency in to:
            assert agency.alive if agency.begun else begins, f"{agency.id} not live for {etype}"
        assert len(set(frm)) == len(frm) and len(set(to)) == len(to)
        reform = self._reform_for(to or frm)  # before the change, so `before` counts predate it
        from_set, to_set = set(frm), set(to)
        for function in functions:
            givers = [a for a in frm if a in function.holders]
            assert givers and not function.ended, f"{function.id} not held by FROM"
            for agency in givers:
                if agency not in to_set:
                    self.drop(agency, function)
            for agency in to:
                self.hold(agency, function)
        for function in lapses:
            assert function.holders and set(function.holders) & from_set
            for agency in [a for a in function.holders if a in from_set]:
                self.drop(agency, function)
            if not function.holders:
                function.ended = True
        for function in retires:
            assert not function.ended
            self.end_function(function)
        for function in creates:
            assert not function.created and to
            function.created = True
            for agency in to:
                self.hold(agency, function)
        if begins:
            for agency in to:
                if not agency.begun:
                    self.creations_left -= 1
                    self.activate(agency)
        if etype in SUCCESSION:
            # As the loader derives SUCCEEDED_BY: every FROM agency precedes every other TO.
            for agency in to:
                before = [a.depth for a in frm if a is not agency]
                if before:
                    agency.depth = max(agency.depth, max(before) + 1)
        if etype in ENDS_FROM:
            successor = to[0] if to else None
            for agency in frm:
                if agency not in to_set:
                    self.deactivate(agency, successor)
        if etype == "RENAME":
            agency = to[0]
            assert old_name in (None, agency.name) and new_name and new_name != agency.name
            agency.name = new_name
        self._write_event(
            etype,
            frm,
            to,
            functions,
            retires,
            creates,
            lapses,
            new_name,
            old_name,
            item_count,
            reform,
            note,
        )

    def _write_event(
        self,
        etype: str,
        frm: Sequence[Agency],
        to: Sequence[Agency],
        functions: Sequence[Function],
        retires: Sequence[Function],
        creates: Sequence[Function],
        lapses: Sequence[Function],
        new_name: str | None,
        old_name: str | None,
        item_count: int | None,
        reform: Reform | None,
        note: str | None,
    ) -> None:
        rng = self.rng
        day = dt.date.fromordinal(self.day)
        self.sequence += 1
        event_id = f"{self.root.id}.{day.year}-{self.sequence:06d}-{etype.lower()}"
        key = (self.day, RANK[etype], event_id)
        assert key > self.last_key, "events would replay out of order"
        self.last_key = key
        if day.day == 1 and rng.random() < 0.55:
            date = f"{day.year}" if day.month == 1 and rng.random() < 0.2 else day.isoformat()[:7]
        else:
            date = day.isoformat()
        if rng.random() < 0.6:
            self.paragraph += 1
        locator = f"p{self.paragraph}"
        lines = [f"- id: {event_id}\n  type: {etype}\n  date: {date}\n"]
        if frm:
            lines.append(f"  from: [{', '.join(a.id for a in frm)}]\n")
        if to:
            lines.append(f"  to: [{', '.join(a.id for a in to)}]\n")
            for agency in to:
                if agency.locator is None:
                    agency.locator = locator
        if old_name:
            lines.append(f"  old_name: {text(old_name)}\n")
        if new_name:
            lines.append(f"  new_name: {text(new_name)}\n")
        for key_name, items in (
            ("functions", functions),
            ("retires", retires),
            ("creates", creates),
            ("lapses", lapses),
        ):
            if items:
                lines.append(f"  {key_name}: [{', '.join(f.id for f in items)}]\n")
        if item_count is not None:
            lines.append(f"  item_count: {item_count}\n")
        if reform is not None:
            lines.append(f"  reform: {reform.id}\n")
            if etype == "DEVOLVE" and item_count:
                reform.devolved_items += item_count
        lines.append(f"  locator: {locator}\n")
        if note:
            lines.append(f"  note: {text(note)}\n")
        self.events.append("".join(lines))
        self.emitted += 1
        self.stats.by_type[etype] = self.stats.by_type.get(etype, 0) + 1

    def _reform_for(self, agencies: Sequence[Agency]) -> Reform | None:
        if self.wave is None or self.rng.random() >= 0.85:
            return None
        place = agencies[0].jurisdiction
        if place.tier == 2 and place.parent is not None:
            place = place.parent
        reform = self.open_reforms.get(place)
        if reform is None:
            wave = self.wave
            self.paragraph += 1
            number = self.rng.randint(1, 60)
            reform = Reform(
                id=f"{place.id}.reform-{wave.year}",
                name=wave.name.format(j=place.name),
                jurisdiction=place,
                approved=wave.start,
                document=wave.document.format(p=self.doc_prefix, y=wave.year, n=number),
                locator=f"p{self.paragraph}",
                before=self._measure(place),
            )
            self.open_reforms[place] = reform
            self.reforms.append(reform)
        return reform

    def _measure(self, place: Jurisdiction) -> tuple[int, int]:
        counts = place.kind_counts
        return counts.get("party", 0) + counts.get("government", 0), counts.get("institution", 0)

    def _close_reforms(self) -> None:
        for place, reform in self.open_reforms.items():
            reform.after = self._measure(place)
        self.open_reforms.clear()

    # the timeline

    def run(self, event_target: int, creation_budget: int) -> None:
        """Simulate 2000-2024 until exactly `event_target` events are written."""
        rng = self.rng
        self.event_target = event_target
        self.creations_left = creation_budget
        chain_days = self._plan_chains()
        weights = _day_weights(rng)
        random_slots = max(0, event_target - len(chain_days))
        cumulative = list(itertools.accumulate(weights))
        sampled = rng.choices(range(len(weights)), cum_weights=cumulative, k=random_slots)
        per_day: dict[int, int] = {}
        for offset in sampled:
            per_day[FIRST_DAY + offset] = per_day.get(FIRST_DAY + offset, 0) + 1
        chains_on: dict[int, list[Chain]] = {}
        for day, chain in chain_days:
            chains_on.setdefault(day, []).append(chain)
            per_day.setdefault(day, 0)
        self.days = sorted(per_day)
        carry = 0
        index = 0
        idle_days = 0
        while self.emitted < event_target:
            if index < len(self.days):
                day = self.days[index]
                slots = per_day[day]
            else:
                # Short of the target after the last planned day: keep going, a day at a time.
                day = self.days[-1] + 1 + index - len(self.days) if self.days else LAST_DAY
                slots = 0
                idle_days += 1
                if idle_days > 100_000:
                    raise RuntimeError(f"{self.root.id}: cannot place all events")
            before = self.emitted
            carry = self._run_day(day, slots + carry, chains_on.get(day, ()), index)
            if self.emitted > before:
                idle_days = 0
            index += 1
        self._close_reforms()
        assert self.emitted == event_target and self.reserved == 0, (self.emitted, event_target)
        assert all(a.begun for a in self.agencies), "an agency was declared but never begun"

    def _run_day(self, day: int, slots: int, chains: Iterable[Chain], index: int) -> int:
        """Emit one day's events in replay order; return how many slots failed."""
        self.day = day
        self.year = dt.date.fromordinal(day).year
        wave = _wave_at(day)
        if wave is not self.wave:
            self._close_reforms()
            self.wave = wave
        self.day_index = index
        self.current_rank = 0
        heap = self.heap
        for rank, task in self.deferred.pop(index, ()):
            self.push(rank, task, reserve=False)
        if slots:
            mix = self._mix()
            cumulative = list(itertools.accumulate(mix.values()))
            for etype in self.rng.choices(list(mix), cum_weights=cumulative, k=slots):
                heapq.heappush(heap, (RANK[etype], next(self.heap_counter), self._slot(etype)))
        for chain in chains:
            heapq.heappush(heap, (RANK["MERGE"], next(self.heap_counter), self._chain_step(chain)))
        failed = 0
        while heap:
            rank, _, task = heapq.heappop(heap)
            self.current_rank = rank
            if getattr(task, "follow_up", False):
                self.reserved -= 1  # its room was kept for it; a stale follow-up just lapses
                task()
            elif self.room() <= 0 or not task():
                failed += 1
        return failed

    def push(self, rank: int, task: Callable[[], bool], reserve: bool = True) -> None:
        """Queue a follow-up event for later today (its room is reserved now)."""
        assert rank >= self.current_rank
        task.follow_up = True  # type: ignore[attr-defined]
        if reserve:
            self.reserved += 1
        heapq.heappush(self.heap, (rank, next(self.heap_counter), task))

    def defer(self, days_ahead: int, rank: int, task: Callable[[], bool]) -> None:
        """Queue a follow-up for a later planned day (dropped past the last one)."""
        target = self.day_index + days_ahead
        if target >= len(self.days):
            return
        self.reserved += 1
        self.deferred.setdefault(target, []).append((rank, task))

    def _mix(self) -> dict[str, float]:
        mix = dict(BASE_MIX)
        if self.wave is not None:
            for etype, factor in (
                ("MERGE", 1.6),
                ("ABOLISH", 1.2),
                ("ESTABLISH", 1.3),
                ("RENAME", 1.5),
                ("SPLIT", 1.3),
            ):
                mix[etype] *= factor
        if self.year < 2010:
            mix["DEVOLVE"] *= 0.3
        elif self.year >= 2014:
            mix["DEVOLVE"] *= 2.0
        if not self.live_by_tier[1] and not self.live_by_tier[2]:
            mix["DEVOLVE"] = 0.0
        events_left = max(1, self.event_target - self.emitted)
        wanted = max(0.0, self.creations_left) / events_left
        tilt = min(3.0, wanted / CREATIONS_PER_EVENT)
        if self.creations_left <= 3:
            tilt = 0.0
        mix["ESTABLISH"] *= tilt
        mix["SPLIT"] *= tilt
        return mix

    def _slot(self, etype: str) -> Callable[[], bool]:
        generator = getattr(self, f"_gen_{etype.lower()}")
        return generator

    # choosing agencies

    def pick(
        self, accept: Callable[[Agency], bool], tiers: dict[int, float] = ALL_TIERS, tries: int = 12
    ) -> Agency | None:
        """A live agency that `accept`s, drawn from `tiers` in proportion to their size."""
        rng = self.rng
        available = [
            (self.live_by_tier[t], boost * len(self.live_by_tier[t]))
            for t, boost in tiers.items()
            if self.live_by_tier[t]
        ]
        if not available:
            return None
        total = sum(w for _, w in available)
        for _ in range(tries):
            roll = rng.random() * total
            live = available[-1][0]
            for candidates, weight in available:
                roll -= weight
                if roll <= 0:
                    live = candidates
                    break
            agency = live.draw(rng)
            if agency is not None and accept(agency):
                return agency
        return None

    def pick_in(
        self, place: Jurisdiction, accept: Callable[[Agency], bool], tries: int = 12
    ) -> Agency | None:
        for _ in range(tries):
            agency = place.live.draw(self.rng)
            if agency is not None and accept(agency):
                return agency
        return None

    def can_shrink(self, place: Jurisdiction) -> bool:
        return len(place.live) > MIN_LIVE[place.tier]

    def pick_related(
        self,
        place: Jurisdiction,
        agency: Agency,
        accept: Callable[[Agency], bool],
        unrelated_chance: float,
    ) -> Agency | None:
        """A live agency of `place` in a line of work related to `agency`'s, mostly."""
        rng = self.rng
        found = None
        related = [place.by_family[f] for f in sorted(agency.families) if place.by_family.get(f)]
        if related:
            weights = list(itertools.accumulate(len(live) for live in related))
            for _ in range(8):
                live = rng.choices(related, cum_weights=weights)[0]
                candidate = live.draw(rng)
                if candidate is not agency and candidate is not None and accept(candidate):
                    found = candidate
                    break
        if found is None and rng.random() < unrelated_chance:
            found = self.pick_in(place, lambda a: a is not agency and accept(a))
        return found

    # event generators: each returns whether it wrote an event

    def _gen_rename(self) -> bool:
        agency = self.pick(lambda a: a.slug not in NEVER_RENAMED and a.kind != "party")
        if agency is None:
            return False
        renamed = self._renamed(agency)
        if renamed is None:
            return False
        prefix, core, suffix = renamed
        new_name = prefix + core + suffix
        if new_name == agency.name:
            return False
        old_name = agency.name if self.rng.random() < 0.6 else None
        agency.prefix, agency.core, agency.suffix = prefix, core, suffix
        self.emit("RENAME", [agency], [agency], new_name=new_name, old_name=old_name)
        return True

    def _renamed(self, agency: Agency) -> tuple[str, str, str] | None:
        """(prefix, core, suffix) of a plausible next name, or None."""
        rng = self.rng
        prefix, core, suffix = agency.prefix, agency.core, agency.suffix
        if agency.role is not None:
            names = agency.role.names
            if agency.role.slug == "committee":
                names = tuple(f"{kind}管理委员会" for kind in ZONE_KINDS)
            options = [n for n in names[1:] if n != core]
            return (prefix, rng.choice(options), "") if options else None
        if agency.kind == "branch" and agency.part_of is not None:
            host = self.resolve(agency.part_of) or agency.part_of
            return host.name, core, suffix
        if agency.kind == "coordination":
            return prefix, core, rng.choice([s for s in COORDINATION_SUFFIXES if s != suffix])
        if agency.kind == "task_force":
            return prefix, core, rng.choice([s for s in TASK_FORCE_SUFFIXES if s != suffix])
        if agency.kind == "institution" and rng.random() < 0.5:
            return prefix, core, rng.choice([s for s in INSTITUTION_SUFFIXES if s != suffix])
        if "和" in core and rng.random() < 0.35:
            return prefix, core.rsplit("和", 1)[0], suffix
        additions = [
            word
            for family in sorted(agency.families)
            for word in RENAME_ADDITIONS.get(family, ())
            if word[0] not in core
        ]
        if additions and "和" not in core and len(core) <= 8:
            return prefix, f"{core}和{rng.choice(additions)}", suffix
        if agency.kind == "government" and suffix in ("局", "委员会"):
            return prefix, core, "委员会" if suffix == "局" else "局"
        return None

    def _gen_co_locate(self) -> bool:
        rng = self.rng
        host = self.pick(
            lambda a: a.kind in ("party", "government", "institution") and bool(a.families),
            UPPER_TIERS,
        )
        if host is None:
            return False
        partner = self.pick_related(
            host.jurisdiction, host, lambda a: a.kind in ("party", "government", "institution"), 0.0
        )
        if partner is None:
            return False
        self.emit("CO_LOCATE", [partner], [host], note=rng.choice(CO_LOCATE_NOTES))
        return True

    def _gen_establish(self) -> bool:
        rng = self.rng
        if not self.can_create():
            return False
        roll = rng.random()
        if roll < 0.12:
            return self._establish_plaque()
        if roll < 0.35 and self.live_by_tier[2]:
            return self._establish_town_body()
        place = self._pick_place(UPPER_TIERS)
        if place is None or place.level == "zone":
            return False
        domain = self._fresh_domain(place)
        if domain is None:
            return False
        agency = self.domain_agency(place, domain, begun=False)
        source = None
        moved: list[Function] = []
        if rng.random() < 0.4:
            probe = self.domain_agency(place, domain, begun=False, declare=False)
            source = self.pick_related(
                place, probe, lambda a: a.kind in MERGEABLE_KINDS and bool(a.functions), 0.0
            )
            if source is not None:
                moved = self.some_functions(source, 2)
        creates = []
        if not moved or rng.random() < 0.3:
            creates = [self.new_function(place, name) for name in self._function_names(domain, 2)]
        self.emit(
            "ESTABLISH",
            [source] if source else [],
            [agency],
            functions=moved,
            creates=creates,
            note=rng.choice(ESTABLISH_NOTES[domain.kind])
            if domain.kind in ESTABLISH_NOTES and rng.random() < 0.3
            else None,
        )
        return True

    def _pick_place(self, tiers: dict[int, float]) -> Jurisdiction | None:
        agency = self.pick(lambda a: True, tiers)
        return agency.jurisdiction if agency is not None else None

    def _fresh_domain(
        self, place: Jurisdiction, families: frozenset[str] | None = None, kind: str | None = None
    ) -> Domain | None:
        """A kind of body `place` lacks, in one of `families` if given, recent kinds first."""
        rng = self.rng
        year = self.year
        pools: list[Sequence[Domain]] = [
            GOVERNMENT_DOMAINS,
            INSTITUTION_DOMAINS,
            COORDINATION_DOMAINS,
            TASK_FORCE_DOMAINS,
            PARTY_DOMAINS,
        ]
        for _ in range(3):
            pool = rng.choices(pools, weights=(42, 30, 14, 9, 5))[0]
            if kind is not None:
                pool = [d for pools_of_kind in pools for d in pools_of_kind if d.kind == kind]
            fresh = [
                d
                for d in pool
                if d.since <= year
                and d.slug not in place.by_slug
                and (d.since > 0 or d.kind != "government")
                and (families is None or not families.isdisjoint(FAMILIES_OF.get(d.slug, ())))
            ]
            if fresh:
                # Recent domains first: new bodies are mostly of the new kinds.
                fresh.sort(key=lambda d: -d.since)
                return fresh[min(len(fresh) - 1, int(rng.expovariate(0.6)))]
        return None

    def _establish_plaque(self) -> bool:
        rng = self.rng
        host = self.pick(
            lambda a: a.kind in ("party", "government") and bool(a.families), UPPER_TIERS
        )
        if host is None or self.room() < 2:
            return False
        place = host.jurisdiction
        fitting = _plaques_for(host)
        if not fitting:
            return False
        name, slug = rng.choice(fitting)
        plaque = self.new_agency(
            place, slug, "plaque", place.name, name, "", part_of=host, begun=False
        )
        plaque.note = f"加挂{plaque.name}牌子"
        self.emit("ESTABLISH", [], [plaque], note=f"在{host.name}加挂牌子")

        def co_locate() -> bool:
            if not (host.alive and plaque.alive):
                return False
            self.emit("CO_LOCATE", [host], [plaque], note="加挂牌子")
            return True

        self.push(RANK["CO_LOCATE"], co_locate)
        return True

    def _establish_town_body(self) -> bool:
        rng = self.rng
        town_agency = self.pick(lambda a: a.slug == "gov", TOWNS)
        if town_agency is None:
            return False
        town = town_agency.jurisdiction
        roles = [
            r
            for r in TOWN_ROLES
            if r.since <= self.year
            and r.slug not in town.by_slug
            and r.slug not in ("party", "gov")
            and (r.since > 0 or self.year < 2010)
        ]
        if not roles:
            return False
        role = rng.choice(roles)
        agency = self.role_agency(town, role, begun=False)
        creates = []
        if role.objects and rng.random() < 0.5:
            creates = [self.new_function(town, rng.choice(role.objects))]
        self.emit("ESTABLISH", [], [agency], creates=creates)
        return True

    def some_functions(self, agency: Agency, most: int) -> list[Function]:
        held = list(agency.functions)
        if not held:
            return []
        count = min(len(held), self.rng.randint(1, most))
        return self.rng.sample(held, count)

    def _function_names(self, domain: Domain | None, most: int) -> list[str]:
        rng = self.rng
        objects = domain.objects if domain and domain.objects else ("综合事务",)
        count = rng.randint(1, most)
        names = []
        for _ in range(count):
            base = rng.choice(objects)
            names.append(rng.choice(FUNCTION_VARIANTS).format(base) if rng.random() < 0.6 else base)
        return names

    def _gen_restructure(self) -> bool:
        rng = self.rng
        agency = self.pick(lambda a: a.kind in ("government", "institution", "party", "dispatched"))
        if agency is None:
            return False
        place = agency.jurisdiction
        roll = rng.random()
        singles = [f for f in agency.functions if f.holders == [agency] and f.item_count is None]
        if roll < 0.3 and len(singles) >= 2:
            first, second = rng.sample(singles, 2)
            name = f"{first.name}与{second.name}合并办理"
            if len(name) > 40:
                name = f"{first.name}等两项合并事项"
            merged = self.new_function(place, name, first.category)
            self.emit(
                "RESTRUCTURE",
                [agency],
                [agency],
                retires=[first, second],
                creates=[merged],
                note="两个事项合并为一个事项办理",
            )
            return True
        if roll < 0.55:
            donor = self.pick_related(place, agency, lambda a: bool(a.functions), 0.2)
            if donor is not None:
                self.emit(
                    "RESTRUCTURE",
                    [donor],
                    [agency],
                    functions=self.some_functions(donor, 2),
                    note="职责调整",
                )
                return True
        if roll < 0.7 and singles:
            self.emit(
                "RESTRUCTURE", [agency], [agency], retires=[rng.choice(singles)], note="取消该事项"
            )
            return True
        domain = agency.bases[0] if agency.bases else None
        objects = domain.objects if domain else (agency.role.objects if agency.role else ())
        base_names = list(objects) or [f.name for f in agency.functions] or ["综合事务"]
        names = [
            rng.choice(FUNCTION_VARIANTS).format(rng.choice(base_names))
            for _ in range(rng.randint(1, 2))
        ]
        creates = [self.new_function(place, name) for name in dict.fromkeys(names)]
        self.emit("RESTRUCTURE", [], [agency], creates=creates, note="职能强化")
        return True

    def _gen_transfer(self) -> bool:
        rng = self.rng
        giver = self.pick(lambda a: bool(a.functions) and a.kind != "plaque")
        if giver is None:
            return False
        place = giver.jurisdiction
        roll = rng.random()
        receiver = None
        moved = self.some_functions(giver, 3)
        if place.tier == 2 and place.parent is not None:
            # 上收: a town hands devolved work back to the department that devolved it.
            origins = [self.resolve(f.origin) for f in moved if f.origin is not None]
            receiver = next((o for o in origins if o is not None and o is not giver), None)
            if receiver is None:
                receiver = self.pick_in(place, lambda a: a is not giver and a.kind != "party")
        elif place.tier == 1 and place.level != "zone" and roll < 0.15:
            receiver = (
                self.pick_related(place.parent, giver, lambda a: a.kind in MERGEABLE_KINDS, 0.0)
                if place.parent is not None
                else None
            )
        elif place.tier == 0 and place.children and roll < 0.2:
            child = rng.choice(place.children)
            receiver = child.by_slug.get(giver.slug) or self.pick_related(
                child, giver, lambda a: a.kind == "government", 0.0
            )
        if receiver is None:
            receiver = self.pick_related(
                place, giver, lambda a: a.kind in RECEIVING_KINDS, UNRELATED_TRANSFER
            )
        if receiver is None or receiver is giver:
            return False
        counts = [f.item_count for f in moved if f.item_count]
        self.emit(
            "TRANSFER",
            [giver],
            [receiver],
            functions=moved,
            item_count=sum(counts) if counts else None,
        )
        return True

    def _gen_devolve(self) -> bool:
        rng = self.rng
        giver = self.pick(
            lambda a: (
                a.kind in ("government", "institution")
                and bool(a.jurisdiction.children)
                and a.jurisdiction.level != "zone"
                and not a.families.isdisjoint(DEVOLVING_FAMILIES)
            ),
            UPPER_TIERS,
        )
        if giver is None:
            return False
        place = giver.jurisdiction
        year = self.year
        if place.tier == 1:
            towns = [t for t in place.children if "gov" in t.by_slug]
            if not towns:
                return False
            if rng.random() < 0.4:
                chosen = towns
            else:
                chosen = rng.sample(towns, rng.randint(1, min(len(towns), 12)))
            template, category = rng.choice(BUNDLES)
            receivers = [self._town_receiver(t, category) for t in chosen]
        else:
            pairs = []
            for child in place.children:
                target = (
                    child.by_slug.get("committee")
                    if child.level == "zone"
                    else (child.by_slug.get(giver.slug))
                )
                if target is not None:
                    pairs.append((child, target))
            if not pairs:
                return False
            chosen_pairs = rng.sample(pairs, rng.randint(1, min(len(pairs), 6)))
            receivers = [target for _, target in chosen_pairs]
            zones = all(child.level == "zone" for child, _ in chosen_pairs)
            template, category = ZONE_BUNDLE if zones else DISTRICT_BUNDLE
        if rng.random() < 0.7 or not giver.functions:
            count = max(3, int(rng.lognormvariate(3.3, 0.8)))
            name = template.format(j=place.name, y=year, n=rng.randint(1, 4))
            bundle = self.new_function(place, name, category, count, holder=giver)
            bundle.origin = giver
            moved = [bundle]
            item_count: int | None = count
        else:
            moved = self.some_functions(giver, 2)
            item_count = None
        receivers = list(dict.fromkeys(receivers))
        self.emit("DEVOLVE", [giver], receivers, functions=moved, item_count=item_count)
        return True

    def _town_receiver(self, town: Jurisdiction, category: str) -> Agency:
        preferred = {
            "approval_service": "service-center",
            "service": "service-center",
            "penalty": "enforcement",
        }.get(category)
        return town.by_slug.get(preferred or "gov") or town.by_slug["gov"]

    def _gen_merge(self) -> bool:
        rng = self.rng
        consolidation = 0.08 if self.year < 2006 else 0.03
        if rng.random() < consolidation and self.live_by_tier[2]:
            return self._consolidate_towns()
        first = self.pick(
            lambda a: (
                a.kind in MERGEABLE_KINDS and not a.protected and self.can_shrink(a.jurisdiction)
            ),
            UPPER_TIERS,
        )
        if first is None:
            return False
        place = first.jurisdiction
        partners: list[Agency] = []
        for _ in range(2 if rng.random() < 0.3 else 1):
            partner = self.pick_related(
                place,
                first,
                lambda a: a.kind in MERGEABLE_KINDS and not a.protected and a not in partners,
                UNRELATED_MERGE,
            )
            if partner is not None:
                partners.append(partner)
        if not partners:
            return False
        merging = [first, *partners]
        # Offices, task forces and centres fold into a department rather than forming one.
        kinds = {a.kind for a in merging}
        if "government" in kinds and len(kinds) > 1:
            department = next(a for a in merging if a.kind == "government")
            return self._merge_into(merging, department)
        if self.creations_left > 0 and rng.random() < 0.6:
            return self._merge_into_new(merging)
        return self._merge_into(merging, merging[0])

    def _merge_into_new(self, merging: list[Agency]) -> bool:
        rng = self.rng
        place = merging[0].jurisdiction
        domain = None
        if self.wave is not None and rng.random() < 0.6:
            domain = self._fresh_domain(place, merging[0].families, merging[0].kind)
        if domain is not None:
            agency = self.domain_agency(place, domain, begun=False)
        else:
            agency = self._combined_agency(place, merging)
        return self._merge_into(merging, agency)

    def _combined_agency(self, place: Jurisdiction, merging: Sequence[Agency]) -> Agency:
        bases = list(dict.fromkeys(b for a in merging for b in a.bases[:1]))[:2]
        bases.sort(key=lambda b: b.kind != "government")
        lead = merging[0]
        if len(bases) < 2:
            return self.new_agency(
                place,
                lead.slug,
                lead.kind,
                lead.prefix,
                lead.core,
                lead.suffix,
                bases=lead.bases,
                begun=False,
            )
        first, second = bases
        core = f"{_name_part(first)}和{_name_part(second)}"
        suffix = first.suffix
        if place.tier > 0 and suffix == "支队":
            suffix = "大队"
        prefix = place.name + ("委" if first.party else "")
        return self.new_agency(
            place,
            f"{first.slug}-{second.slug}",
            first.kind if first.kind in MERGEABLE_KINDS else lead.kind,
            prefix,
            core,
            suffix,
            bases=(first, second),
            begun=False,
        )

    def _merge_into(self, merging: list[Agency], target: Agency) -> bool:
        """MERGE `merging` into `target` (new, or one of them); everything held is accounted."""
        rng = self.rng
        ending = [a for a in merging if a is not target]
        frm = list(dict.fromkeys([*merging, *(c for a in ending for c in a.children)]))
        moved, lapses = self._account(ending, allow_lapse=True)
        to = [target]
        retires: list[Function] = []
        if lapses and rng.random() < 0.3:
            retires = [f for f in lapses if all(h in ending for h in f.holders)]
            lapses = [f for f in lapses if f not in retires]
        self.emit("MERGE", frm, to, functions=moved, lapses=lapses, retires=retires)
        return True

    def _account(
        self, ending: Sequence[Agency], allow_lapse: bool
    ) -> tuple[list[Function], list[Function]]:
        """Split what `ending` agencies hold into functions to move and functions to lapse."""
        held = list(dict.fromkeys(f for a in ending for f in a.functions))
        if not allow_lapse:
            return held, []
        moved, lapses = [], []
        for function in held:
            (lapses if self.rng.random() < 0.06 else moved).append(function)
        return moved, lapses

    def _consolidate_towns(self) -> bool:
        """撤并乡镇: every body of one town merges into its counterpart in a neighbour."""
        rng = self.rng
        town_gov = self.pick(lambda a: a.slug == "gov", TOWNS)
        if town_gov is None or town_gov.jurisdiction.parent is None:
            return False
        county = town_gov.jurisdiction.parent
        towns = [t for t in county.children if "gov" in t.by_slug]
        if len(towns) < 4:
            return False
        keeper, absorbed = rng.sample(towns, 2)
        bodies = list(absorbed.live.items)
        if self.room() < len(bodies):
            return False
        # Government and party last, so the town's other bodies merge while they stand.
        bodies.sort(key=lambda a: a.slug in ("gov", "party"))
        for body in bodies:
            target = keeper.by_slug.get(body.slug) or keeper.by_slug["gov"]
            moved, _ = self._account([body], allow_lapse=False)
            self.emit(
                "MERGE",
                [body, target],
                [target],
                functions=moved,
                note=f"撤销{absorbed.name}，并入{keeper.name}",
            )
        return True

    def _gen_split(self) -> bool:
        rng = self.rng
        # Mostly a department that once absorbed another splits back into its lines of work.
        agency = self.pick(
            lambda a: (
                a.kind == "government"
                and not a.protected
                and a.role is None
                and (len(a.bases) > 1 or rng.random() < 0.3)
            ),
            UPPER_TIERS,
        )
        if agency is None:
            return False
        return self._split(agency, keep_original=rng.random() < 0.3) is not None

    def _split(self, agency: Agency, keep_original: bool) -> Agency | None:
        """SPLIT `agency`; return the part that carries on its main line of work."""
        rng = self.rng
        parts = 1 if keep_original else (3 if rng.random() < 0.2 else 2)
        children = [] if keep_original else list(agency.children)
        held = len(agency.functions)
        follow_ups = (1 if held else 0) if keep_original else (min(parts, held) if held >= 2 else 0)
        if not self.can_create(parts) or self.room() < 1 + len(children) + follow_ups:
            return None
        new_parts = self._split_parts(agency, parts, keep_original)
        if keep_original:
            to = [new_parts[0], agency]
            moved: list[Function] = []
        else:
            # Every part receives what moved; the three-determinations plan divides it later.
            to = new_parts
            moved = list(agency.functions)
        self.emit(
            "SPLIT", [agency], to, functions=moved, note="拆分设立" if keep_original else None
        )
        for child in children:
            self.push(RANK["ABOLISH"], self._abolish_child(child, to[0]))
        if keep_original and held:
            handed = self.some_functions(agency, 2)
            self.defer(
                rng.randint(2, 12), RANK["TRANSFER"], self._hand_over(agency, new_parts[0], handed)
            )
        elif len(moved) >= 2:
            self._plan_division(new_parts, moved)
        return to[0]

    def _split_parts(self, agency: Agency, parts: int, keep_original: bool) -> list[Agency]:
        place = agency.jurisdiction
        bases = agency.bases[1:] if keep_original else agency.bases
        result = []
        if len(bases) >= (1 if keep_original else 2):
            for base in bases[:parts]:
                result.append(self.domain_agency(place, base, begun=False))
        if not result and not keep_original:
            result.append(
                self.new_agency(
                    place,
                    agency.slug,
                    agency.kind,
                    agency.prefix,
                    agency.core,
                    agency.suffix,
                    bases=agency.bases,
                    begun=False,
                )
            )
        while len(result) < parts:
            # 政事分开: the service side becomes a centre, the enforcement side a team.
            if len(result) == 1 or (keep_original and not result):
                slug, core = f"{agency.slug}-center", agency.core
                suffix = self.rng.choice(INSTITUTION_SUFFIXES[1:])
            else:
                slug, core, suffix = f"{agency.slug}-team", agency.core + "综合行政执法", "大队"
            result.append(
                self.new_agency(
                    place,
                    slug,
                    "institution",
                    place.name,
                    core,
                    suffix,
                    bases=agency.bases,
                    begun=False,
                )
            )
        return result

    def _plan_division(self, parts: list[Agency], moved: list[Function]) -> None:
        rng = self.rng
        shares: list[list[Function]] = [[] for _ in parts]
        for position, function in enumerate(rng.sample(moved, len(moved))):
            shares[position % len(parts)].append(function)
        for part, share in zip(parts, shares, strict=True):
            if share:
                self.defer(
                    rng.randint(2, 12), RANK["RESTRUCTURE"], self._divide(part, share, parts)
                )

    def _hand_over(
        self, giver: Agency, receiver: Agency, share: list[Function]
    ) -> Callable[[], bool]:
        def task() -> bool:
            keep = [f for f in share if not f.ended and giver in f.holders]
            if not (giver.alive and receiver.alive and keep):
                return False
            self.emit("TRANSFER", [giver], [receiver], functions=keep, note="划转至新设机构")
            return True

        return task

    def _divide(
        self, part: Agency, share: list[Function], parts: list[Agency]
    ) -> Callable[[], bool]:
        def task() -> bool:
            if not part.alive:
                return False
            others = [p for p in parts if p is not part and p.alive]
            keep = [
                f
                for f in share
                if not f.ended and part in f.holders and any(o in f.holders for o in others)
            ]
            givers = [o for o in others if any(o in f.holders for f in keep)]
            if not keep or not givers:
                return False
            self.emit("RESTRUCTURE", givers, [part], functions=keep, note="三定规定明确职责分工")
            return True

        return task

    def _abolish_child(self, child: Agency, successor: Agency) -> Callable[[], bool]:
        def task() -> bool:
            if not child.alive:
                return False
            target = self.resolve(successor)
            self.emit("ABOLISH", [child], [target] if target else [], note="随原机构撤销")
            return True

        return task

    def _gen_abolish(self) -> bool:
        rng = self.rng
        # Task forces, offices and centres are abolished; departments mostly merge instead.
        kinds = ("task_force", "coordination") if rng.random() < 0.4 else MERGEABLE_KINDS
        departments_too = rng.random() < 0.2
        agency = self.pick(
            lambda a: (
                a.kind in kinds
                and (departments_too or a.kind != "government")
                and not a.protected
                and a.role is None
                and self.can_shrink(a.jurisdiction)
            ),
            UPPER_TIERS,
        )
        if agency is None:
            return False
        place = agency.jurisdiction
        frm = [agency, *agency.children]
        target = None
        if agency.functions and (
            rng.random() < 0.7
            or agency.kind == "government"
            or any(len(f.holders) > 1 for f in agency.functions)
        ):
            target = self.pick_related(place, agency, lambda a: a.kind in MERGEABLE_KINDS, 0.5)
            if target is None and place.tier > 0 and place.parent is not None:
                target = self.pick_related(
                    place.parent, agency, lambda a: a.kind in MERGEABLE_KINDS, 0.0
                )
        if target is not None:
            self.emit(
                "ABOLISH",
                frm,
                [target],
                functions=list(agency.functions),
                note=rng.choice(ABOLISH_NOTES),
            )
            return True
        held = list(agency.functions)
        retires = [f for f in held if f.holders == [agency] and rng.random() < 0.3]
        lapses = [f for f in held if f not in retires]
        self.emit(
            "ABOLISH", frm, [], lapses=lapses, retires=retires, note=rng.choice(ABOLISH_NOTES)
        )
        return True

    # succession chains

    def _plan_chains(self) -> list[tuple[int, Chain]]:
        rng = self.rng
        count = 2 + len([j for j in self.jurisdictions if j.tier == 1]) // 3
        planned: list[tuple[int, Chain]] = []
        for _ in range(count):
            head = self.pick(
                lambda a: a.kind == "government" and not a.protected, UPPER_TIERS, tries=30
            )
            if head is None:
                break
            chain = Chain(head, head.jurisdiction)
            self.chains.append(chain)
            day = FIRST_DAY + rng.randint(30, 400)
            while day <= LAST_DAY - 30:
                planned.append((day, chain))
                day += rng.randint(420, 760)
        return planned

    def _chain_step(self, chain: Chain) -> Callable[[], bool]:
        def task() -> bool:
            rng = self.rng
            head = self.resolve(chain.head)
            if head is None or head.protected or head.kind not in MERGEABLE_KINDS:
                head = self.pick_in(
                    chain.jurisdiction, lambda a: a.kind == "government" and not a.protected
                )
                if head is None:
                    return False
            chain.head = head
            place = head.jurisdiction
            partner = self.pick_related(
                place, head, lambda a: a.kind in MERGEABLE_KINDS and not a.protected, 0.3
            )
            roll = rng.random()
            if roll < 0.3 and self.creations_left >= 2:
                successor = self._split(head, keep_original=False)
                if successor is not None:
                    chain.head = successor
                    return True
            if partner is None:
                return False
            if roll < 0.75 and self.creations_left >= 1:
                merged = self._combined_agency(place, [head, partner])
                if self._merge_into([head, partner], merged):
                    chain.head = merged
                    return True
                return False
            if self._merge_into([head, partner], partner):
                chain.head = partner
                return True
            return False

        return task

    # output

    def fill(self, count: int) -> None:
        """Declare `count` internal units no event mentions, to meet the agency total exactly."""
        rng = self.rng
        hosts = [a for a in self.agencies if a.kind in ("government", "party", "institution")]
        for _ in range(count):
            host = rng.choice(hosts)
            unit = rng.choice(INTERNAL_UNITS)
            self.new_agency(
                host.jurisdiction,
                "unit",
                "internal_unit",
                host.first_name,
                unit,
                "",
                part_of=host,
                id_base=f"{host.id}.unit",
            )

    def render(self, published: dt.date) -> str:
        title = f"{self.root.name}党政机构沿革资料汇编（2000—2024）"
        if self.root.level == "province":
            title = f"{self.root.name}省级机构沿革资料汇编（2000—2024）"
        parts = [
            "source:\n",
            f"  id: synthetic-{self.root.id}\n",
            f"  title: {text(title)}\n",
            f"  publisher: {text(self.root.name + '机构编制委员会办公室')}\n",
            f"  published: {published.isoformat()}\n",
            f"  url: {text(f'https://example.org/lineage/{self.root.id}.html')}\n",
            f"  script: {'zh-Hant' if self.traditional else 'zh-Hans'}\n",
            "  locators: paragraph\n",
            "jurisdictions:\n",
        ]
        if self.province is not self.root:
            parts.append(self.province.record())
        parts.extend(j.record() for j in self.jurisdictions)
        parts.append("agencies:\n")
        parts.extend(a.record() for a in self.agencies)
        parts.append("functions:\n")
        parts.extend(f.record() for f in self.functions if f.created)
        parts.append("reforms:\n")
        parts.extend(r.record() for r in self.reforms)
        parts.append("events:\n")
        parts.extend(self.events)
        document = "".join(parts)
        self.stats.agencies = len(self.agencies)
        self.stats.functions = sum(1 for f in self.functions if f.created)
        self.stats.events = self.emitted
        self.stats.reforms = len(self.reforms)
        self.stats.max_depth = max((a.depth for a in self.agencies), default=0)
        self.stats.deep_agencies = sum(1 for a in self.agencies if a.depth >= 10)
        return document


def _plaques_for(host: Agency) -> list[tuple[str, str]]:
    """Plaques that fit `host`'s line of work and its jurisdiction does not carry yet."""
    taken = host.jurisdiction.by_slug
    return [
        (name, slug)
        for name, slug, families in PLAQUES
        if slug not in taken and not host.families.isdisjoint(families)
    ]


def _name_part(domain: Domain) -> str:
    """The part of a domain's name that reads well inside a merged name: 文化 + 旅游."""
    if "和" not in domain.core and len(domain.core) <= 6:
        return domain.core
    return domain.short.removesuffix(domain.suffix).removesuffix(
        ALIAS_ENDINGS.get(domain.suffix, "")
    )


# --- building the jurisdiction tree and the agencies present in 2000 ------------------------


def _initial_government(region: Region, place: Jurisdiction, share: float) -> None:
    rng = region.rng
    for domain in PARTY_DOMAINS:
        if domain.since == 0 and (place.tier == 0 or rng.random() < 0.8):
            agency = region.domain_agency(place, domain)
            _initial_functions(region, agency, domain.objects, 1)
    for domain in GOVERNMENT_DOMAINS:
        if domain.since == 0 and (domain.slug == "government-office" or rng.random() < share):
            agency = region.domain_agency(place, domain)
            _initial_functions(region, agency, domain.objects, 4 if place.tier == 0 else 3)
            if rng.random() < 0.15:
                for unit in rng.sample(INTERNAL_UNITS, rng.randint(1, 2)):
                    region.new_agency(
                        place,
                        "unit",
                        "internal_unit",
                        agency.name,
                        unit,
                        "",
                        part_of=agency,
                        id_base=f"{agency.id}.unit",
                    )
    for domain in INSTITUTION_DOMAINS:
        if domain.since == 0 and rng.random() < share * 0.7:
            agency = region.domain_agency(place, domain)
            _initial_functions(region, agency, domain.objects, 2)
    for domain in rng.sample([d for d in COORDINATION_DOMAINS if d.since == 0], 2):
        agency = region.domain_agency(place, domain)
        _initial_functions(region, agency, domain.objects, 1)
    hosts = [a for a in place.live.items if a.kind in ("party", "government") and a.families]
    for host in rng.sample(hosts, min(len(hosts), rng.randint(1, 3))):
        fitting = _plaques_for(host)
        if fitting:
            name, slug = rng.choice(fitting)
            plaque = region.new_agency(place, slug, "plaque", place.name, name, "", part_of=host)
            plaque.note = f"在{host.name}加挂牌子"


def _initial_functions(region: Region, agency: Agency, objects: Sequence[str], most: int) -> None:
    if not objects:
        return
    rng = region.rng
    count = min(len(objects), rng.randint(1, most))
    for name in rng.sample(objects, count):
        region.new_function(agency.jurisdiction, name, holder=agency)


def _build_town(region: Region, county: Jurisdiction, book: NameBook) -> None:
    rng = region.rng
    roll = rng.random()
    level = "subdistrict" if (county.level == "district" and roll < 0.7) or roll < 0.1 else "town"
    suffix = "街道" if level == "subdistrict" else ("镇" if rng.random() < 0.8 else "乡")
    name, short, slug = book.draw(suffix)
    town = region.add_jurisdiction(
        Jurisdiction(f"{county.id}.{slug}", name, short, level, county, 2)
    )
    justice = county.by_slug.get("justice")
    for role in TOWN_ROLES:
        if role.since == 0 and (role.share >= 1.0 or rng.random() < role.share):
            agency = region.role_agency(town, role)
            _initial_functions(region, agency, role.objects, 1)
    if justice is not None and rng.random() < 0.7:
        region.new_agency(
            town, "justice-office", "branch", town.name, "司法所", "", part_of=justice
        )


def _build_zone(region: Region, parent: Jurisdiction, book: NameBook) -> None:
    rng = region.rng
    kind = rng.choice(ZONE_KINDS)
    name, short, slug = book.draw(kind, "-zone")
    zone = region.add_jurisdiction(
        Jurisdiction(f"{parent.id}.{slug}", name, short, "zone", parent, 1)
    )
    for role in ZONE_ROLES:
        agency = region.role_agency(zone, role)
        if role.slug == "committee":
            agency.prefix, agency.core = zone.short, f"{kind}管理委员会"
            agency.name = agency.first_name = agency.prefix + agency.core
        _initial_functions(region, agency, role.objects, 1)


def build_prefecture(
    rng: random.Random, province: Jurisdiction, book: NameBook, traditional: bool, agency_cap: int
) -> Region:
    """A prefecture with its counties, districts, zones and towns, as of 2000."""
    name, short, slug = book.draw("市")
    root = Jurisdiction(slug, name, short, "prefecture", province, 0)
    region = Region(rng, province, root, short[0], traditional)
    _initial_government(region, root, 0.9)
    local = NameBook(rng)
    for _ in range(rng.randint(1, 2)):
        _build_zone(region, root, local)
    for _ in range(rng.randint(3, 10)):
        if len(region.agencies) >= agency_cap:
            break
        district = rng.random() < 0.35
        county_name, county_short, county_slug = local.draw("区" if district else "县")
        county = region.add_jurisdiction(
            Jurisdiction(
                f"{root.id}.{county_slug}",
                county_name,
                county_short,
                "district" if district else "county",
                root,
                1,
            )
        )
        _initial_government(region, county, 0.62)
        if district:
            for host_slug in ("land-resources", "planning", "public-security"):
                host = root.by_slug.get(host_slug)
                if host is not None and rng.random() < 0.7:
                    region.new_agency(
                        county,
                        f"{host_slug}-branch",
                        "branch",
                        host.name,
                        county.short,
                        "分局",
                        bases=host.bases,
                        part_of=host,
                    )
        town_book = NameBook(rng)
        for _ in range(rng.randint(5, 15)):
            _build_town(region, county, town_book)
    region.initial_agencies = len(region.agencies)
    return region


def build_province_region(
    rng: random.Random, province: Jurisdiction, doc_prefix: str, traditional: bool
) -> Region:
    """The province's own agencies (its prefectures are regions of their own)."""
    region = Region(rng, province, province, doc_prefix, traditional)
    _initial_government(region, province, 0.95)
    region.initial_agencies = len(region.agencies)
    return region


# --- the whole dataset ----------------------------------------------------------------------


@dataclass
class Summary:
    files: int
    agencies: int
    functions: int
    events: int
    reforms: int
    bytes: int
    by_type: dict[str, int]
    max_depth: int
    deep_agencies: int
    seconds: float


def plan_regions(agencies: int, events: int, seed: int) -> list[Region]:
    """Provinces and prefectures, as of 2000, enough to leave room for the events' creations."""
    rng = random.Random(f"{seed}:plan")
    initial_target = int(
        min(0.9 * agencies, max(0.35 * agencies, agencies - CREATIONS_PER_EVENT * events))
    )
    book = NameBook(rng)
    province_book = NameBook(rng)
    regions: list[Region] = []
    total = 0
    while total < initial_target:
        pname, pshort, pslug = province_book.draw("省", "-prov")
        province = Jurisdiction(pslug, pname, pshort, "province", None, 0)
        doc_prefix = rng.choice(PROVINCE_PREFIXES)
        traditional = rng.random() < SIMPLIFIED_TO_TRADITIONAL_SHARE
        region = build_province_region(
            random.Random(f"{seed}:{pslug}"), province, doc_prefix, traditional
        )
        regions.append(region)
        total += region.initial_agencies
        for _ in range(rng.randint(8, 14)):
            if total >= initial_target:
                break
            region = build_prefecture(
                random.Random(f"{seed}:{pslug}:{len(regions)}"),
                province,
                book,
                traditional,
                initial_target - total,
            )
            regions.append(region)
            total += region.initial_agencies
    if total > agencies:
        raise SystemExit(
            f"--agencies {agencies} is too small for one province and prefecture "
            f"({total} agencies before any event)"
        )
    return regions


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Integers proportional to `weights` summing exactly to `total` (largest remainder)."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    shares = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: shares[i] - raw[i])
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


# Regions planned in the parent; forked workers inherit them, so nothing is pickled.
_PLANNED: list[Region] = []


@functools.cache
def _traditional_converter() -> Callable[[str], str]:
    import opencc  # a project dependency; only traditional-script files need it

    return opencc.OpenCC("s2t").convert


def _to_traditional(document: str) -> str:
    return _traditional_converter()(document)


def _finish_region(
    index: int, event_target: int, creation_budget: int, path: Path, published: dt.date
) -> RegionStats:
    """Simulate one planned region and write its file."""
    region = _PLANNED[index]
    region.run(event_target, creation_budget)
    region.fill(region.creations_left)
    document = region.render(published)
    if region.traditional:
        document = _to_traditional(document)
    data = document.encode("utf-8")
    path.write_bytes(data)
    region.stats.bytes = len(data)
    return region.stats


def generate(out_dir: Path, agencies: int, events: int, seed: int, jobs: int = 0) -> Summary:
    """Write the dataset into `out_dir` and return what was written."""
    started = time.perf_counter()
    regions = plan_regions(agencies, events, seed)
    weights = [
        r.initial_agencies * (PROVINCE_EVENT_WEIGHT if r.root.level == "province" else 1)
        for r in regions
    ]
    event_targets = _apportion(events, weights)
    initial = sum(r.initial_agencies for r in regions)
    budgets = _apportion(agencies - initial, [r.initial_agencies for r in regions])
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.yaml"):
        stale.unlink()
    tasks = [
        (
            index,
            target,
            budget,
            out_dir / f"{index:04d}-{region.root.id}.yaml",
            dt.date(2025, 1, 1) + dt.timedelta(days=index % 300),
        )
        for index, (region, target, budget) in enumerate(
            zip(regions, event_targets, budgets, strict=True)
        )
    ]
    _PLANNED[:] = regions
    jobs = jobs or os.cpu_count() or 1
    try:
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                # Largest regions first, so no worker is left with a big one at the end.
                order = sorted(range(len(tasks)), key=lambda i: -event_targets[i])
                futures = {i: pool.submit(_finish_region, *tasks[i]) for i in order}
                results = [futures[i].result() for i in range(len(tasks))]
        else:
            results = [_finish_region(*task) for task in tasks]
    finally:
        _PLANNED.clear()
    totals = Summary(len(regions), 0, 0, 0, 0, 0, {}, 0, 0, 0.0)
    for stats in results:
        totals.agencies += stats.agencies
        totals.functions += stats.functions
        totals.events += stats.events
        totals.reforms += stats.reforms
        totals.bytes += stats.bytes
        for etype, count in stats.by_type.items():
            totals.by_type[etype] = totals.by_type.get(etype, 0) + count
        totals.max_depth = max(totals.max_depth, stats.max_depth)
        totals.deep_agencies += stats.deep_agencies
    totals.seconds = time.perf_counter() - started
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="directory for the YAML files (replaced)")
    parser.add_argument("--agencies", type=int, default=200_000, help="agencies in total")
    parser.add_argument("--events", type=int, default=400_000, help="events in total")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same files")
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        help="worker processes (default: one per core); output does not depend on it",
    )
    args = parser.parse_args(argv)
    summary = generate(args.out_dir, args.agencies, args.events, args.seed, args.jobs)
    by_type = ", ".join(f"{t} {n}" for t, n in sorted(summary.by_type.items()))
    print(
        f"wrote {summary.files} files, {summary.bytes / 1e6:.1f} MB to {args.out_dir} in "
        f"{summary.seconds:.1f}s: {summary.agencies} agencies, {summary.functions} functions, "
        f"{summary.events} events, {summary.reforms} reforms\n"
        f"events by type: {by_type}\n"
        f"succession depth: max {summary.max_depth}, "
        f"{summary.deep_agencies} agencies at 10 or more",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
