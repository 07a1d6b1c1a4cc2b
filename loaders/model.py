"""The records of a dataset, after parsing, and the problems found in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from loaders.dates import PartialDate

EVENT_TYPES = (
    "ESTABLISH",
    "RENAME",
    "MERGE",
    "SPLIT",
    "ABOLISH",
    "TRANSFER",
    "DEVOLVE",
    "CO_LOCATE",
    "RESTRUCTURE",
)
AGENCY_KINDS = (
    "party",
    "government",
    "institution",
    "coordination",
    "dispatched",
    "branch",
    "task_force",
    "internal_unit",
    "plaque",
)
JURISDICTION_LEVELS = (
    "province",
    "prefecture",
    "county",
    "district",
    "town",
    "subdistrict",
    "zone",
)
FUNCTION_CATEGORIES = (
    "licensing",
    "penalty",
    "approval_service",
    "planning",
    "supervision",
    "coordination",
    "service",
    "other",
)
SCRIPTS = ("zh-Hans", "zh-Hant")

# Same-date events apply in this order, so that receivers exist before functions reach
# them and functions leave an agency before it ends.
SAME_DATE_RANK = {
    "ESTABLISH": 0,
    "RENAME": 1,
    "CO_LOCATE": 1,
    "RESTRUCTURE": 1,
    "TRANSFER": 2,
    "DEVOLVE": 2,
    "MERGE": 3,
    "SPLIT": 3,
    "ABOLISH": 4,
}
BEGINS_TO = frozenset({"ESTABLISH", "MERGE", "SPLIT"})
ENDS_FROM = frozenset({"MERGE", "SPLIT", "ABOLISH"})
SUCCESSION_TYPES = frozenset({"ESTABLISH", "MERGE", "SPLIT", "ABOLISH"})


def _pickled_as_arguments(cls: type) -> type:
    """Pickle a slotted record as its constructor's arguments: half the bytes and time of the
    default for slotted dataclasses, which matters for the records a large dataset sends back
    from the worker processes that parse it."""
    arguments = attrgetter(*cls.__slots__)

    def reduce(self: Any) -> tuple:
        return (type(self), arguments(self))

    cls.__reduce__ = reduce
    return cls


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    rule: str
    detail: str
    severity: str = "error"  # error or warning

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.rule}: {self.detail}"


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Citation:
    source_id: str
    locator: str | None


@_pickled_as_arguments
@dataclass(slots=True)
class Source:
    id: str
    title: str
    publisher: str
    published: PartialDate
    url: str | None
    script: str
    locators: str | None
    file: str


@_pickled_as_arguments
@dataclass(slots=True)
class Jurisdiction:
    id: str
    name: str
    level: str
    parent: str | None
    file: str


# Lists of ids are tuples: a large dataset holds millions of them, most empty, and every empty
# tuple is one shared object.


@_pickled_as_arguments
@dataclass(slots=True)
class Agency:
    id: str
    name: str
    jurisdiction: str
    kind: str
    aliases: tuple[str, ...]
    part_of: str | None
    note: str | None
    file: str
    citations: tuple[Citation, ...] = ()


@_pickled_as_arguments
@dataclass(slots=True)
class Function:
    id: str
    name: str
    category: str
    item_count: int | None
    aliases: tuple[str, ...]
    note: str | None
    file: str
    citations: tuple[Citation, ...] = ()


@_pickled_as_arguments
@dataclass(slots=True)
class Measure:
    name: str
    before: int | float | None
    after: int | float | None
    unit: str | None


@_pickled_as_arguments
@dataclass(slots=True)
class Reform:
    id: str
    name: str
    jurisdiction: str
    approved: PartialDate | None
    documents: tuple[str, ...]
    measures: list[Measure]
    note: str | None
    file: str
    citations: tuple[Citation, ...] = ()


@_pickled_as_arguments
@dataclass(slots=True)
class Event:
    id: str
    type: str
    date: PartialDate
    from_agencies: tuple[str, ...]
    to_agencies: tuple[str, ...]
    functions: tuple[str, ...]
    retires: tuple[str, ...]
    creates: tuple[str, ...]
    lapses: tuple[str, ...]
    old_name: str | None
    new_name: str | None
    item_count: int | None
    reform: str | None
    note: str | None
    file: str
    citations: tuple[Citation, ...] = ()

    def sort_key(self) -> tuple[Any, ...]:
        return (self.date.value, SAME_DATE_RANK[self.type], self.id)

    def comparable(self) -> tuple[Any, ...]:
        """The fields two files must agree on when both state this event."""
        return (
            self.type,
            self.date,
            self.from_agencies,
            self.to_agencies,
            self.functions,
            self.retires,
            self.creates,
            self.lapses,
            self.old_name,
            self.new_name,
            self.item_count,
            self.reform,
        )


@dataclass
class Dataset:
    sources: dict[str, Source] = field(default_factory=dict)
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    reforms: dict[str, Reform] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
