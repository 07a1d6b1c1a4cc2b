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
