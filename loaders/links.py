"""Each node's relationships, packed as one JSON text: the read model behind one-lookup answers.

The embedded engine answers a point lookup of one text property in a few hundredths of a
millisecond, but a join across a relationship table, or a list property, costs ten times that.
So every Agency, Function and Event also carries `links`, packed from its relationship tables
(the two cannot disagree) and holding what the service needs to answer about it without another
query: the ids and names it links to, the dates, and its citations.

The layouts (arrays, not objects, to keep 800,000 of them small) are documented in
cypher/README.md; keys with nothing to say are left out. Dates are text at their precision
(2021, 2021-12 or 2021-12-17), as the service shows them.

The texts are assembled by Arrow kernels, a column at a time, rather than encoded record by
record: at 200,000 agencies that is 600 MB of JSON, which Python would take a quarter of a
minute to pack. Each relationship row becomes an entry text, the rows are grouped by the node
they belong to (keeping their order), and each node's groups are joined into its object. Ids
are validated slugs (`a-z 0-9 . _ -`) and dates are generated, so both are quoted as they are;
free text (names, locators) is quoted by the JSON encoder, once per distinct value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from json.encoder import encode_basestring

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Nodes packed per slice: bounds the memory the entry texts take while they are grouped.
SLICE = 32768

Rows = pa.Array  # row numbers into a relationship table


@dataclass(frozen=True)
class Slug:
    """Ids that are never null: quoted by the text around them, which costs no pass."""

    values: pa.Array


Piece = Slug | pa.Array  # an array: JSON text already
Entries = Callable[[Rows], list[Piece]]


def _flat(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One array; a column of one chunk (a spilled table's, memory-mapped) is not copied."""
    if not isinstance(values, pa.ChunkedArray):
        return values
    return values.chunk(0) if values.num_chunks == 1 else values.combine_chunks()


def slugs(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Ids as JSON strings; null as `null`."""
    return pc.fill_null(pc.binary_join_element_wise('"', _flat(values), '"', ""), "null")


def texts(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Free text as JSON strings, each distinct value encoded once; null as `null`."""
    encoded = _flat(values).dictionary_encode()
    quoted = pa.array(map(encode_basestring, encoded.dictionary.to_pylist()), pa.string())
    return pc.fill_null(quoted.take(encoded.indices), "null")


def numbers(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    return pc.fill_null(_flat(values).cast(pa.string()), "null")


def days(dates: pa.Array | pa.ChunkedArray, precisions: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Dates stored as their first day, as JSON text at their precision: "2021", "2021-12"."""
    full = _flat(dates).cast(pa.string())
    precisions = _flat(precisions)
    text = pc.case_when(
        pc.make_struct(pc.equal(precisions, "year"), pc.equal(precisions, "month")),
        pc.utf8_slice_codeunits(full, 0, 4),
        pc.utf8_slice_codeunits(full, 0, 7),
        full,
    )
    return slugs(text)


def _entry_arguments(pieces: list[Piece]) -> list[pa.Array | str]:
    """The arguments of one concatenation that writes `[piece,...]` per row."""
    arguments: list[pa.Array | str] = []
    text = "["
    for index, piece in enumerate(pieces):
        text += "," if index else ""
        if isinstance(piece, Slug):
            arguments += [text + '"', piece.values]
            text = '"'
        else:
            arguments += [text, piece]
            text = ""
    arguments.append(text + "]")
    return arguments


def positions(values: pa.Array | pa.ChunkedArray, ids: pa.Array) -> np.ndarray:
    """The row of `ids` each value names (every value is a known id)."""
    found = pc.index_in(values, value_set=ids)
    if found.null_count:
        missing = pc.filter(values, pc.is_null(found))[0]
        raise ValueError(f"{missing} names no node of the table it links to")
    return found.to_numpy(zero_copy_only=False)


@dataclass
class Field:
    """One key of a label's `links`: an entry per row, listed under the node `owners` names."""

    key: str
    owners: np.ndarray  # per row, the node it belongs to, rows in the order they are listed
    entries: Entries


class Packer:
    """Packs the `links` of one label's nodes from its fields, in the documented key order.

    Each relationship row becomes one entry text that already carries what goes around it in
    its node's object: the key and `[` before the first entry of a group (with a comma unless
    an earlier key of that node came first) and `]` after the last. A node's groups are then
    joined, and its keys concatenated: three passes over the texts in all."""

    def __init__(self, nodes: int) -> None:
        self.nodes = nodes
        self.fields: list[Field] = []

    def add(self, key: str, owners: np.ndarray, entries: Entries) -> None:
        self.fields.append(Field(key, owners, entries))

    def column(self, threads: int = 2) -> pa.ChunkedArray:
        """The packed texts, a slice of nodes at a time, `threads` slices at once (the kernels
        release the interpreter)."""
        earlier = np.zeros(self.nodes, dtype=bool)
        groups = []
        for field in self.fields:
            counts = np.bincount(field.owners, minlength=self.nodes)
            groups.append(_Groups(field, counts, first=~earlier))
            earlier = earlier | (counts > 0)

        def chunk(start: int) -> pa.Array:
            stop = min(start + SLICE, self.nodes)
            parts = [group.texts(start, stop) for group in groups]
            return pc.binary_join_element_wise("{", *parts, "}", "")

        with ThreadPoolExecutor(threads) as pool:
            chunks = list(pool.map(chunk, range(0, self.nodes, SLICE)))
        return pa.chunked_array(chunks, pa.string())


class _Groups:
    """One field's rows grouped by node, in their listed order."""

    def __init__(self, field: Field, counts: np.ndarray, first: np.ndarray) -> None:
        self.field = field
        self.counts = counts
        self.first = first  # per node: no earlier key of its object has entries
        self.order = np.argsort(field.owners, kind="stable")
        self.ends = np.cumsum(counts)
        key = field.key
        self.prefixes = pa.array(["", f'"{key}":[', f',"{key}":['], pa.string())
        self.suffixes = pa.array(["", "]"], pa.string())

    def texts(self, start: int, stop: int) -> pa.Array:
        """The field's text in the object of each node from `start` to `stop` ('' for none)."""
        counts = self.counts[start:stop]
        low = int(self.ends[start - 1]) if start else 0
        high = int(self.ends[stop - 1])
        offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)
        present = counts > 0
        prefix = np.zeros(high - low, dtype=np.int8)
        prefix[offsets[:-1][present]] = np.where(self.first[start:stop][present], 1, 2)
        suffix = np.zeros(high - low, dtype=np.int8)
        suffix[offsets[1:][present] - 1] = 1
        entries = pc.binary_join_element_wise(
            self.prefixes.take(pa.array(prefix)),
            *_entry_arguments(self.field.entries(pa.array(self.order[low:high]))),
            self.suffixes.take(pa.array(suffix)),
            "",
        )
        return pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets), entries), ",")


def concat(arrays: Sequence[pa.Array | pa.ChunkedArray]) -> pa.Array:
    return pa.concat_arrays([_flat(a) for a in arrays])


# The node rows each end of a relationship names, that the packing needs:
# (type, from label, side, label of that side).
_POSITIONS = (
    ("HELD", "Agency", "from", "Agency"),
    ("HELD", "Agency", "to", "Function"),
    ("SUCCEEDED_BY", "Agency", "from", "Agency"),
    ("SUCCEEDED_BY", "Agency", "to", "Agency"),
    ("PART_OF", "Agency", "from", "Agency"),
    ("PART_OF", "Agency", "to", "Agency"),
    ("CITES", "Agency", "from", "Agency"),
    ("CITES", "Function", "from", "Function"),
    ("CITES", "Event", "from", "Event"),
    ("FROM", "Event", "from", "Event"),
    ("FROM", "Event", "to", "Agency"),
    ("TO", "Event", "from", "Event"),
    ("TO", "Event", "to", "Agency"),
    *(
        (type_, "Event", side, "Event" if side == "from" else "Function")
        for type_ in ("MOVES", "CREATES", "RETIRES", "LAPSES")
        for side in ("from", "to")
    ),
)


def _column(table: pa.Table, name: str) -> pa.Array:
    return _flat(table.column(name))


class GraphLinks:
    """The `links` columns of the Agency, Function and Event tables, packed from the other
    columns of those tables and from the relationship tables, keyed by (type, from label)."""

    def __init__(
        self,
        agencies: pa.Table,
        functions: pa.Table,
        events: pa.Table,
        rels: dict[tuple[str, str], pa.Table],
    ) -> None:
        self.rels = {
            key: {name: _column(table, name) for name in table.column_names}
            for key, table in rels.items()
        }
        self.agency_ids = _column(agencies, "id")
        self.agency_jurisdictions = _column(agencies, "jurisdiction_id")
        self.function_ids = _column(functions, "id")
        self.event_ids = _column(events, "id")
        ids = {"Agency": self.agency_ids, "Function": self.function_ids, "Event": self.event_ids}
        held = self.rels[("HELD", "Agency")]
        # Independent kernels, each releasing the interpreter: run two at a time.
        with ThreadPoolExecutor(2) as pool:
            quoted = [
                pool.submit(encode, values)
                for encode, values in (
                    (texts, agencies.column("name")),
                    (texts, agencies.column("kind")),
                    (texts, functions.column("name")),
                    (texts, functions.column("category")),
                    (numbers, functions.column("item_count")),
                )
            ]
            found = {
                (type_, label, side): pool.submit(
                    positions, self.rels[(type_, label)][side], ids[end]
                )
                for type_, label, side, end in _POSITIONS
            }
            # Each held interval is listed twice, under its agency and under its function: its
            # dates and events are quoted once.
            interval = [
                pool.submit(days, held["since"], held["since_precision"]),
                pool.submit(days, held["until"], held["until_precision"]),
                pool.submit(slugs, held["event_in"]),
                pool.submit(slugs, held["event_out"]),
            ]
        (
            self.agency_names,
            self.agency_kinds,
            self.function_names,
            self.function_categories,
            self.function_counts,
        ) = (f.result() for f in quoted)
        self._positions = {key: f.result() for key, f in found.items()}
        self.held_interval = [f.result() for f in interval]

    def positions(self, rel: tuple[str, str], side: str) -> np.ndarray:
        """Per row of a relationship table, the node row its `side` end names."""
        return self._positions[(*rel, side)]

    def _sources(self, packer: Packer, label: str) -> None:
        cites = self.rels[("CITES", label)]
        sources, locators = cites["to"], texts(cites["locator"])
        packer.add(
            "sources",
            self.positions(("CITES", label), "from"),
            lambda rows: [Slug(sources.take(rows)), locators.take(rows)],
        )

    def _targets(self, rel: tuple[str, str], side: str) -> Callable:
        """Rows -> the node rows their `side` end names, as an Arrow array for `take`."""
        found = pa.array(self.positions(rel, side))
        return found.take

    def _roles(self, types: Sequence[str]) -> tuple[np.ndarray, pa.Array, pa.Array]:
        """The relationships of `types` from events, listed in event order and, within an event,
        by type in the order given: (node row of each row's target, event id, role text)."""
        keys = [(type_, "Event") for type_ in types]
        events = concat([self.rels[key]["from"] for key in keys])
        owners = np.concatenate([self.positions(key, "to") for key in keys])
        listed = np.concatenate([self.positions(key, "from") for key in keys])
        roles = np.repeat(np.arange(len(types)), [len(self.rels[key]["from"]) for key in keys])
        order = np.argsort(listed, kind="stable")  # event order; ties keep the type order
        owners = owners[order]
        role_texts = pa.array([f'"{type_}"' for type_ in types], pa.string())
        return owners, events.take(order), role_texts.take(roles[order])

    def column(self, label: str) -> pa.ChunkedArray:
        """The `links` of the nodes of `label`, in the order of its table."""
        packers = {"Agency": self.agency, "Function": self.function, "Event": self.event}
        return packers[label]()

    def agency(self) -> pa.ChunkedArray:
        packer = Packer(len(self.agency_ids))
        key = ("SUCCEEDED_BY", "Agency")
        succession = self.rels[key]
        when = days(succession["date"], succession["date_precision"])

        def step(other: str) -> Entries:
            column, event_ids = succession[other], succession["event_id"]
            return lambda rows: [
                Slug(column.take(rows)),
                Slug(event_ids.take(rows)),
                when.take(rows),
            ]

        packer.add("successors", self.positions(key, "from"), step("to"))
        packer.add("predecessors", self.positions(key, "to"), step("from"))

        owners, events, roles = self._roles(("FROM", "TO"))
        packer.add("events", owners, lambda rows: [Slug(events.take(rows)), roles.take(rows)])

        key = ("PART_OF", "Agency")
        part_ids, part = self.rels[key]["from"], self._targets(key, "from")
        packer.add(
            "parts",
            self.positions(key, "to"),
            lambda rows: [
                Slug(part_ids.take(rows)),
                self.agency_names.take(part(rows)),
                self.agency_kinds.take(part(rows)),
            ],
        )

        function_ids = self.rels[("HELD", "Agency")]["to"]
        function = self._targets(("HELD", "Agency"), "to")

        def held(rows: Rows) -> list[Piece]:
            rows_function = function(rows)
            return [
                Slug(function_ids.take(rows)),
                self.function_names.take(rows_function),
                self.function_categories.take(rows_function),
                self.function_counts.take(rows_function),
                *(column.take(rows) for column in self.held_interval),
            ]

        packer.add("functions", self.positions(("HELD", "Agency"), "from"), held)
        self._sources(packer, "Agency")
        return packer.column()

    def function(self) -> pa.ChunkedArray:
        packer = Packer(len(self.function_ids))
        owners, events, roles = self._roles(("MOVES", "CREATES", "RETIRES", "LAPSES"))
        packer.add("events", owners, lambda rows: [Slug(events.take(rows)), roles.take(rows)])

        agency_ids = self.rels[("HELD", "Agency")]["from"]
        agency = self._targets(("HELD", "Agency"), "from")

        def holder(rows: Rows) -> list[Piece]:
            rows_agency = agency(rows)
            return [
                Slug(agency_ids.take(rows)),
                self.agency_names.take(rows_agency),
                Slug(self.agency_jurisdictions.take(rows_agency)),
                *(column.take(rows) for column in self.held_interval),
            ]

        packer.add("holders", self.positions(("HELD", "Agency"), "to"), holder)
        self._sources(packer, "Function")
        return packer.column()

    def event(self) -> pa.ChunkedArray:
        packer = Packer(len(self.event_ids))
        for key, type_, names in (
            ("from", "FROM", self.agency_names),
            ("to", "TO", self.agency_names),
            ("moves", "MOVES", self.function_names),
            ("creates", "CREATES", self.function_names),
            ("retires", "RETIRES", self.function_names),
            ("lapses", "LAPSES", self.function_names),
        ):
            rel = (type_, "Event")
            packer.add(
                key,
                self.positions(rel, "from"),
                _named(self.rels[rel]["to"], self._targets(rel, "to"), names),
            )
        self._sources(packer, "Event")
        return packer.column()


def _named(ids: pa.Array, rows_of: Callable, names: pa.Array) -> Entries:
    """Entries `[id, name]` of the nodes a relationship's rows lead to."""
    return lambda rows: [Slug(ids.take(rows)), names.take(rows_of(rows))]
