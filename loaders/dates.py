"""Dates of known precision: YYYY, YYYY-MM or YYYY-MM-DD, sorting as their first day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    value: dt.date
    precision: str  # day, month or year

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def __reduce__(self) -> tuple:
        # Unpickled through the shared cache: records parsed in worker processes come back
        # holding one object per date, as if they had been parsed here.
        return (_partial_date, (self.value, self.precision))


def parse_partial_date(raw: object) -> PartialDate:
    """Parse what YAML hands over for a date; raise ValueError naming what is wrong."""
    if isinstance(raw, dt.datetime):
        return _partial_date(raw.date(), "day")
    if isinstance(raw, dt.date):
        return _partial_date(raw, "day")
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {raw!r}")
    return _parse_text(raw)


# A large dataset states a few thousand distinct dates hundreds of thousands of times: records
# share one immutable object per date instead of holding a copy each.
@lru_cache(maxsize=65536)
def _partial_date(value: dt.date, precision: str) -> PartialDate:
    return PartialDate(value, precision)


@lru_cache(maxsize=65536)
def _parse_text(raw: str) -> PartialDate:
    match = _PATTERN.match(raw.strip())
    if not match:
        raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {raw!r}")
    year, month, day = match.groups()
    precision = "day" if day else "month" if month else "year"
    try:
        value = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{raw!r} is not a calendar date: {exc}") from None
    return _partial_date(value, precision)


def parse_query_date(raw: str) -> dt.date:
    """A date given by a user (CLI option, query string): the first day of its period."""
    return parse_partial_date(raw).value
