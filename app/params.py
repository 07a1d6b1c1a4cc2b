"""Typed parameters from text: date ranges, timeline cursors and catalog query parameters.

Edges (HTTP query strings, notebook calls) hand over text; the core needs dates, integers and
lists, and the engines need a value of one type for every parameter (no nulls: an embedded
engine types a null parameter as a boolean), so "any" is spelled with sentinels here.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.errors import InvalidInput
from loaders.dates import parse_partial_date

EARLIEST = dt.date(1, 1, 1)
LATEST = dt.date(9999, 12, 31)


def period_start(raw: str | dt.date | None, what: str) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as the first day of its period."""
    if raw is None or isinstance(raw, dt.date):
        return raw
    try:
        return parse_partial_date(raw).value
    except ValueError as exc:
        raise InvalidInput(f"{what}: {exc}") from None


def period_end(raw: str | dt.date | None, what: str) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as the last day of its period (`2021` ends on 2021-12-31)."""
    if raw is None or isinstance(raw, dt.date):
        return raw
    try:
        date = parse_partial_date(raw)
    except ValueError as exc:
        raise InvalidInput(f"{what}: {exc}") from None
    value = date.value
    if date.precision == "year":
        return dt.date(value.year, 12, 31)
    if date.precision == "month":
        return dt.date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value


# -- timeline cursors ------------------------------------------------------------------------


def encode_cursor(date: dt.date, event_id: str) -> str:
    """An opaque, URL-safe token for the position after (date, event id)."""
    raw = json.dumps([date.isoformat(), event_id], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(token: str) -> tuple[dt.date, str]:
    """The (date, event id) a cursor stands for; InvalidInput if it is not one we issued."""
    try:
        padded = token + "=" * (-len(token) % 4)
        date_text, event_id = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        if not isinstance(date_text, str) or not isinstance(event_id, str):
            raise ValueError("wrong types")
        return dt.date.fromisoformat(date_text), event_id
    except (ValueError, TypeError, UnicodeError, binascii.Error):
        raise InvalidInput(
            "cursor: not a cursor this service issued",
            hint="pass the next_cursor of the previous page unchanged, or omit it",
        ) from None


# -- catalog query parameters ----------------------------------------------------------------

PARAM_TYPES = ("string", "list", "date", "integer")
_INTEGER_NAMES = {"limit", "depth", "skip"}
MAX_INTEGER = 1_000_000


@dataclass(frozen=True)
class ParamSpec:
    name: str
    type: str  # one of PARAM_TYPES
    description: str


def parameter_specs(names: Sequence[str], params_doc: str) -> list[ParamSpec]:
    """Each parameter's type, read from the catalog header: `ids (list of ...)`, `at (date)`,
    `limit (number of rows)`; anything else is a string."""
    specs = []
    for name in names:
        match = re.search(rf"\b{re.escape(name)}\s*\(([^)]*)\)", params_doc)
        description = match.group(1).strip() if match else ""
        lowered = description.lower()
        if lowered.startswith("list"):
            kind = "list"
        elif lowered.startswith("date") or re.fullmatch(r"date|at|since|until", name):
            kind = "date"
        elif name in _INTEGER_NAMES or lowered.startswith("number"):
            kind = "integer"
        else:
            kind = "string"
        specs.append(ParamSpec(name, kind, description))
    return specs


def coerce_parameters(
    specs: Sequence[ParamSpec], raw: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """Typed values for a catalog query from text values (several per name for lists; a list
    value may also be comma-separated). Every parameter is required; unknown names are refused."""
    known = {s.name for s in specs}
    unknown = sorted(set(raw) - known)
    if unknown:
        expected = ", ".join(sorted(known)) or "none"
        raise InvalidInput(
            f"unknown parameter(s): {', '.join(unknown)}", hint=f"this query takes: {expected}"
        )
    missing = [s.name for s in specs if not raw.get(s.name)]
    if missing:
        raise InvalidInput(
            f"missing parameter(s): {', '.join(missing)}",
            hint="every parameter of a catalog query is required",
        )
    values: dict[str, Any] = {}
    for spec in specs:
        texts = list(raw[spec.name])
        if spec.type == "list":
            items = [part.strip() for text in texts for part in text.split(",") if part.strip()]
            if not items:
                raise InvalidInput(f"{spec.name}: give at least one value")
            values[spec.name] = items
            continue
        if len(texts) > 1:
            raise InvalidInput(f"{spec.name}: give one value, not {len(texts)}")
        text = texts[0].strip()
        if spec.type == "date":
            values[spec.name] = period_start(text, spec.name)
        elif spec.type == "integer":
            if not re.fullmatch(r"\d{1,7}", text) or int(text) > MAX_INTEGER:
                raise InvalidInput(
                    f"{spec.name}: expected a whole number from 0 to {MAX_INTEGER}, got {text!r}"
                )
            values[spec.name] = int(text)
        else:
            values[spec.name] = text
    return values


def json_value(value: Any) -> Any:
    """A value from the engine as JSON data (dates as ISO text)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return value


_WRITE_CLAUSE = re.compile(
    r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|DROP|ALTER|COPY|LOAD|INSTALL|ATTACH|IMPORT|EXPORT"
    r"|CHECKPOINT|CALL|FOREACH)\b",
    re.IGNORECASE,
)
_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")


def read_only(text: str) -> bool:
    """Whether a Cypher text only reads: no clause that writes, loads or calls procedures
    (string literals, quoted names and comments aside)."""
    code = [
        _LITERAL.sub("''", line).split("//", 1)[0]
        for line in text.splitlines()
        if not line.lstrip().startswith("//")
    ]
    return not _WRITE_CLAUSE.search("\n".join(code))
