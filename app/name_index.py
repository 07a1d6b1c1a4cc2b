"""An in-process name index: substring search over every name, former name and alias.

A scan of the engine's name column costs tens of milliseconds at 400,000 names; one string
holding every folded name, searched with str.find, costs a few. The index is built once per
process from two catalog queries, on the first search.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from app.text import fold_many

_RECORD_END = "\x00"
_NAME_END = "\x01"


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str  # agency or function
    name: str  # the current name
    names: tuple[str, ...]  # current first, then former names and aliases
    folded: tuple[str, ...]  # the same, folded for matching
    jurisdiction: str | None


class NameIndex:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.starts: list[int] = []
        self.exact: dict[str, list[int]] = {}
        parts = []
        position = 0
        for index, entry in enumerate(entries):
            self.starts.append(position)
            chunk = _NAME_END.join(entry.folded) + _RECORD_END
            parts.append(chunk)
            position += len(chunk)
            for key in set(entry.folded):
                self.exact.setdefault(key, []).append(index)
        self.text = "".join(parts)

    @classmethod
    def from_rows(cls, agencies: list[dict], functions: list[dict]) -> NameIndex:
        raw: list[tuple[str, str, str, tuple[str, ...], str | None]] = []
        for row in agencies:
            names = (row["name"], *(row["former_names"] or ()), *(row["aliases"] or ()))
            raw.append(("agency", row["id"], row["name"], names, row["jurisdiction_id"]))
        for row in functions:
            names = (row["name"], *(row["aliases"] or ()))
            raw.append(("function", row["id"], row["name"], names, None))
        folded = iter(fold_many([name for entry in raw for name in entry[3]]))
        entries = [
            Entry(id_, kind, name, names, tuple(next(folded) for _ in names), jurisdiction)
            for kind, id_, name, names, jurisdiction in raw
        ]
        return cls(entries)

    def candidates(self, key: str, kind: str | None, cap: int) -> list[Entry]:
        """Entries with a name containing `key` (folded): exact names first, then in id order."""
        found: dict[int, None] = {}
        for index in self.exact.get(key, ()):
            if kind in (None, self.entries[index].kind):
                found[index] = None
        if _RECORD_END in key or _NAME_END in key:
            return [self.entries[i] for i in found]
        position = self.text.find(key)
        while position != -1 and len(found) < cap:
            index = bisect_right(self.starts, position) - 1
            if kind in (None, self.entries[index].kind):
                found[index] = None
            following = index + 1
            if following >= len(self.starts):
                break
            position = self.text.find(key, self.starts[following])
        return [self.entries[i] for i in found]
