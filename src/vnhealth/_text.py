"""Folding Vietnamese text so that "Tô Lâm", "To Lam" and "TO LAM" match."""

from __future__ import annotations

import functools
import re
import unicodedata

from vnhealth._errors import InvalidInput

__all__ = ["fold", "slug"]

# NFD leaves đ/Đ alone: they are letters of their own, not d plus a mark.
_STROKED_D = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Fold text for matching: drop diacritics (đ→d too), casefold, squeeze white space.

    Anything but a string is an `InvalidInput` (a TypeError).

    >>> fold("  Đào   Hồng Lan ")
    'dao hong lan'
    """
    return _fold(_text("fold", text))


def slug(text: str) -> str:
    """An ASCII identifier made from text: ``"Tô Lâm"`` → ``"to-lam"``; anything but a string is an `InvalidInput`."""
    return _NON_SLUG.sub("-", _fold(_text("slug", text))).strip("-")


def _text(function: str, value: object) -> str:
    """``value`` if it is a string; callers from untyped code pass anything, and get a vnhealth error for it."""
    if isinstance(value, str):
        return value
    msg = f"{function}() takes a string, not {type(value).__name__}"
    raise InvalidInput(msg)


@functools.lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    # Casefold first: it can add combining marks ("İ" → "i̇") that must go too.
    decomposed = unicodedata.normalize("NFD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", bare.translate(_STROKED_D)).strip()
