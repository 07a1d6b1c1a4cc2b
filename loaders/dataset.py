"""Build a Dataset from parsed files, checking shape, vocabulary, ids and agreement across files."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from loaders.dates import PartialDate, parse_partial_date
from loaders.files import parse_file
from loaders.model import (
    AGENCY_KINDS,
    EVENT_TYPES,
    FUNCTION_CATEGORIES,
    JURISDICTION_LEVELS,
    SCRIPTS,
    Agency,
    Citation,
    Dataset,
    Event,
    Function,
    Jurisdiction,
    Measure,
    Problem,
    Reform,
    Source,
)

# Below this many bytes, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD_BYTES = 8_000_000
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
SECTIONS = ("source", "jurisdictions", "agencies", "functions", "reforms", "events")

# Field specs: name -> (required, kind). Kinds: str, int, number, date, list, measures.
SOURCE_FIELDS = {
    "id": (True, "str"),
    "title": (True, "str"),
    "publisher": (True, "str"),
    "published": (True, "date"),
    "url": (False, "str"),
    "script": (True, "str"),
    "locators": (False, "str"),
}
JURISDICTION_FIELDS = {
    "id": (True, "str"),
    "name": (True, "str"),
    "level": (True, "str"),
    "parent": (False, "str"),
}
AGENCY_FIELDS = {
    "id": (True, "str"),
    "name": (True, "str"),
    "jurisdiction": (True, "str"),
    "kind": (True, "str"),
    "aliases": (False, "list"),
    "part_of": (False, "str"),
    "locator": (False, "str"),
    "note": (False, "str"),
}
FUNCTION_FIELDS = {
    "id": (True, "str"),
    "name": (True, "str"),
    "category": (True, "str"),
    "item_count": (False, "int"),
    "aliases": (False, "list"),
    "locator": (False, "str"),
    "note": (False, "str"),
}
REFORM_FIELDS = {
    "id": (True, "str"),
    "name": (True, "str"),
    "jurisdiction": (True, "str"),
    "approved": (False, "date"),
    "documents": (False, "list"),
    "measures": (False, "measures"),
    "locator": (False, "str"),
    "note": (False, "str"),
}
MEASURE_FIELDS = {
    "name": (True, "str"),
    "before": (False, "number"),
    "after": (False, "number"),
    "unit": (False, "str"),
}
EVENT_FIELDS = {
    "id": (True, "str"),
    "type": (True, "str"),
    "date": (True, "date"),
    "from": (False, "list"),
    "to": (False, "list"),
    "functions": (False, "list"),
    "retires": (False, "list"),
    "creates": (False, "list"),
    "lapses": (False, "list"),
    "old_name": (False, "str"),
    "new_name": (False, "str"),
    "item_count": (False, "int"),
    "reform": (False, "str"),
    "locator": (False, "str"),
    "note": (False, "str"),
}


class _FileReader:
    """Checks one file's records against their field specs, collecting problems."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        # A file names each id many times (an agency in every event it takes part in): its
        # records share one string per distinct value, which also keeps the file's records
        # small when they are pickled back from a worker process.
        self.share = {}.setdefault
        self._citations: dict[tuple[str, str | None], tuple[Citation]] = {}

    def citations(self, source_id: str, locator: str | None) -> tuple[Citation]:
        """A record's citations of this file's source, shared by the records citing alike."""
        key = (source_id, locator)
        found = self._citations.get(key)
        if found is None:
            found = self._citations[key] = (Citation(source_id, locator),)
        return found

    def problem(self, record: str, rule: str, detail: str) -> None:
        self.problems.append(Problem(self.file, record, rule, detail))

    def record(self, raw: Any, spec: dict[str, tuple[bool, str]], label: str) -> dict | None:
        """A checked copy of `raw` with dates parsed, or None if it is unusable."""
        if not isinstance(raw, dict):
            self.problem(label, "schema", f"expected a mapping, got {type(raw).__name__}")
            return None
        record_id = raw.get("id") if isinstance(raw.get("id"), str) else label
        clean: dict[str, Any] = {}
        ok = True
        if not raw.keys() <= spec.keys():
            for key in raw.keys() - spec.keys():
                allowed = ", ".join(spec)
                self.problem(record_id, "schema", f"unknown key {key!r} (allowed: {allowed})")
            ok = False
        share = self.share
        for key, (required, kind) in spec.items():
            value = raw.get(key)
            # The common cases first, kept fast for large datasets.
            if value is None and not required:
                clean[key] = () if kind == "list" else [] if kind == "measures" else None
                continue
            if type(value) is str and kind == "str" and value:
                value = value.strip()
                clean[key] = share(value, value)
                continue
            if type(value) is list and kind == "list":
                try:
                    clean[key] = tuple([share(text, text) for text in map(str.strip, value)])
                    continue
                except TypeError:  # not all text: checked below
                    pass
            if value is None or value == "":
                if required:
                    self.problem(record_id, "schema", f"missing required key {key!r}")
                    ok = False
                clean[key] = () if kind == "list" else [] if kind == "measures" else None
                continue
            checked = self._check(record_id, key, kind, value)
            if checked is _INVALID:
                ok = False
            clean[key] = checked
        if ok and "id" in spec and not ID_PATTERN.match(clean["id"]):
            self.problem(
                record_id, "id-format", f"{clean['id']!r} is not a lowercase URL-safe slug"
            )
            ok = False
        return clean if ok else None

    def _check(self, record_id: str, key: str, kind: str, value: Any) -> Any:
        if kind == "str":
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                self.problem(record_id, "schema", f"{key!r} must be text, got {value!r}")
                return _INVALID
            text = str(value).strip()
            return self.share(text, text)
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self.problem(record_id, "schema", f"{key!r} must be a whole number >= 0")
                return _INVALID
            return value
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.problem(record_id, "schema", f"{key!r} must be a number, got {value!r}")
                return _INVALID
            return value
        if kind == "date":
            try:
                return parse_partial_date(value)
            except ValueError as exc:
                self.problem(record_id, "date", f"{key!r}: {exc}")
                return _INVALID
        if kind == "list":
            if not isinstance(value, list) or not all(
                isinstance(v, (str, int)) and not isinstance(v, bool) for v in value
            ):
                self.problem(record_id, "schema", f"{key!r} must be a list of text values")
                return _INVALID
            share = self.share
            return tuple([share(text, text) for text in (str(v).strip() for v in value)])
        if kind == "measures":
            if not isinstance(value, list):
                self.problem(record_id, "schema", f"{key!r} must be a list of measures")
                return _INVALID
            measures = [self.record(m, MEASURE_FIELDS, f"{record_id} measure") for m in value]
            if any(m is None for m in measures):
                return _INVALID
            return [Measure(**m) for m in measures]
        raise AssertionError(kind)

    def vocabulary(self, record: str, key: str, value: str, allowed: tuple[str, ...]) -> bool:
        if value in allowed:
            return True
        self.problem(record, "vocabulary", f"{key} {value!r} is not one of {', '.join(allowed)}")
        return False


_INVALID = object()


def build_dataset(files: list[Path]) -> tuple[Dataset, list[Problem]]:
    """Parse and check each file, then merge them in order into one Dataset; records that fail
    a check are left out. Large datasets are read on every core, a file per task."""
    names = [str(f) for f in files]
    workers = min(len(names), os.cpu_count() or 1)
    dataset = Dataset()
    problems: list[Problem] = []
    if workers > 1 and sum(f.stat().st_size for f in files) > PARALLEL_THRESHOLD_BYTES:
        with ProcessPoolExecutor(workers, initializer=gc.disable) as pool:
            for part, file_problems in pool.map(read_file, names):
                problems.extend(file_problems)
                _merge(dataset, part, problems)
    else:
        for name in names:
            part, file_problems = read_file(name)
            problems.extend(file_problems)
            _merge(dataset, part, problems)
    return dataset, problems


def read_file(file: str) -> tuple[Dataset, list[Problem]]:
    """One file's records, checked on their own (agreement across files is checked on merge)."""
    part = Dataset(files=[file])
    problems: list[Problem] = []
    reader = _FileReader(file, problems)
    document, parse_error = parse_file(file)
    if parse_error:
        reader.problem("(file)", "schema", parse_error)
    elif not isinstance(document, dict):
        reader.problem("(file)", "schema", "expected a mapping with key 'source' at the top")
    else:
        _read_file(reader, document, part)
    return part, problems


def _merge(dataset: Dataset, part: Dataset, problems: list[Problem]) -> None:
    dataset.files.extend(part.files)
    reader = _FileReader(part.files[0], problems)
    for source in part.sources.values():
        if source.id in dataset.sources:
            first = dataset.sources[source.id].file
            reader.problem(source.id, "unique-id", f"source already declared in {first}")
            return
        dataset.sources[source.id] = source
    for name in ("jurisdictions", "agencies", "functions", "reforms", "events"):
        table = getattr(dataset, name)
        for record in getattr(part, name).values():
            _declare(reader, table, record)


def _read_file(reader: _FileReader, document: dict, dataset: Dataset) -> None:
    for key in document:
        if key not in SECTIONS:
            reader.problem("(file)", "schema", f"unknown top-level key {key!r}")
    source = reader.record(document.get("source"), SOURCE_FIELDS, "source")
    if source is None:
        return
    if not reader.vocabulary(source["id"], "script", source["script"], SCRIPTS):
        return
    dataset.sources[source["id"]] = Source(**source, file=reader.file)
    seen: dict[str, set[str]] = {}

    def records(section: str, spec: dict) -> list[dict]:
        raw = document.get(section) or []
        if not isinstance(raw, list):
            reader.problem(section, "schema", f"{section!r} must be a list")
            return []
        out = []
        ids = seen.setdefault(section, set())
        for index, item in enumerate(raw):
            record = reader.record(item, spec, f"{section}[{index}]")
            if record is None:
                continue
            if record["id"] in ids:
                reader.problem(record["id"], "unique-id", f"declared twice in {section}")
                continue
            ids.add(record["id"])
            out.append(record)
        return out

    source_id = source["id"]
    for r in records("jurisdictions", JURISDICTION_FIELDS):
        if reader.vocabulary(r["id"], "level", r["level"], JURISDICTION_LEVELS):
            _declare(reader, dataset.jurisdictions, Jurisdiction(**r, file=reader.file))
    for r in records("agencies", AGENCY_FIELDS):
        if reader.vocabulary(r["id"], "kind", r["kind"], AGENCY_KINDS):
            cites = reader.citations(source_id, r.pop("locator"))
            _declare(reader, dataset.agencies, Agency(**r, file=reader.file, citations=cites))
    for r in records("functions", FUNCTION_FIELDS):
        if reader.vocabulary(r["id"], "category", r["category"], FUNCTION_CATEGORIES):
            cites = reader.citations(source_id, r.pop("locator"))
            _declare(reader, dataset.functions, Function(**r, file=reader.file, citations=cites))
    for r in records("reforms", REFORM_FIELDS):
        cites = reader.citations(source_id, r.pop("locator"))
        _declare(reader, dataset.reforms, Reform(**r, file=reader.file, citations=cites))
    for r in records("events", EVENT_FIELDS):
        if not reader.vocabulary(r["id"], "type", r["type"], EVENT_TYPES):
            continue
        if not r["locator"]:
            reader.problem(r["id"], "citation", "an event needs a locator to cite its source")
            continue
        cites = reader.citations(source_id, r.pop("locator"))
        event = Event(
            from_agencies=r.pop("from"),
            to_agencies=r.pop("to"),
            **r,
            file=reader.file,
            citations=cites,
        )
        _declare(reader, dataset.events, event)


_AGREEMENT: dict[type, Callable[[Any], tuple]] = {
    Jurisdiction: lambda j: (j.name, j.level, j.parent),
    Agency: lambda a: (a.name, a.jurisdiction, a.kind, a.part_of),
    Function: lambda f: (f.name, f.category, f.item_count),
    Reform: lambda r: (r.name, r.jurisdiction, r.approved, r.documents),
    Event: lambda e: e.comparable(),
}


def _declare(reader: _FileReader, table: dict, record: Any) -> None:
    """Add a record, or check it agrees with the same id declared in an earlier file."""
    existing = table.get(record.id)
    if existing is None:
        table[record.id] = record
    else:
        key = _AGREEMENT[type(record)]
        if key(existing) != key(record):
            reader.problem(
                record.id,
                "consistent-declaration",
                f"differs from its declaration in {existing.file}: "
                f"{_describe(key(existing))} here {_describe(key(record))}",
            )
            return
        for alias in getattr(record, "aliases", ()):
            if alias not in existing.aliases:
                existing.aliases = (*existing.aliases, alias)
        if getattr(existing, "note", None) is None and getattr(record, "note", None):
            existing.note = record.note
        if hasattr(existing, "citations"):
            existing.citations = existing.citations + record.citations


def _describe(values: tuple) -> str:
    return (
        "(" + ", ".join(str(v) if not isinstance(v, PartialDate) else str(v) for v in values) + ")"
    )
