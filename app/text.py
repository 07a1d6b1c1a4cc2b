"""Name normalisation for search: traditional and simplified Chinese fold to one form."""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def search_key(text: str) -> str:
    """Simplified, lower-case, whitespace-trimmed form used on both sides of a name match."""
    return _to_simplified().convert(text).strip().lower()


def fold_many(texts: list[str]) -> list[str]:
    """search_key of many texts at once: one conversion call instead of one per text."""
    if not texts:
        return []
    separator = "\x1e"  # a control character: kept as it is by the conversion, absent from names
    converted = _to_simplified().convert(separator.join(texts))
    return [part.strip().lower() for part in converted.split(separator)]
