"""Folding Vietnamese text so that "Tô Lâm", "To Lam" and "TO LAM" match."""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["fold", "slug"]

# NFD leaves đ/Đ alone: they are letters of their own, not d plus a mark.
_STROKED_D = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Fold text for matching: drop diacritics (đ→d too), casefold, squeeze white space.

    >>> fold("  Đào   Hồng Lan ")
    'dao hong lan'
    """
    # Casefold first: it can add combining marks ("İ" → "i̇") that must go too.
    decomposed = unicodedata.normalize("NFD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", bare.translate(_STROKED_D)).strip()


def slug(text: str) -> str:
    """An ASCII identifier made from text: ``"Tô Lâm"`` → ``"to-lam"``."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")
