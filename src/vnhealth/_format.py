"""The one way vnhealth writes a number or shortens a text for people to read (tables, reprs, messages)."""

from __future__ import annotations

__all__ = ["decimals_of", "number", "shorten"]


def number(value: float | None, unit: str = "", *, decimals: int = 2) -> str:
    """``value`` with thousands separators and at most ``decimals`` decimals, then its unit; ``"-"`` for None.

    >>> number(1234.5), number(0.5, "%"), number(19, "per 10k people"), number(None), number(-0.001)
    ('1,234.5', '0.5%', '19 per 10k people', '-', '0')
    >>> number(0.20000000000000284, decimals=1), number(2 / 3, "cm", decimals=3)
    ('0.2', '0.667 cm')
    """
    if value is None:
        return "-"
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":  # a tiny negative value rounds to zero, not to "-0"
        text = "0"
    if unit in {"%", ""}:
        return f"{text}{unit}"
    return f"{text} {unit}"


def decimals_of(*values: float | None, most: int = 4) -> int:
    """The precision of data: the most decimals any of ``values`` is written with (at most ``most``).

    A difference of 93.4 and 93.2 is 0.20000000000000284 as a float; written
    to the precision of the data it came from, it is 0.2.

    >>> decimals_of(93.4, 93.2), decimals_of(19, None, 2.25), decimals_of(1 / 3), decimals_of(1e-7)
    (1, 2, 4, 4)
    """
    found = 0
    for value in values:
        if value is None:
            continue
        text = repr(float(value))
        if "e" in text or "E" in text:
            return most  # too small or too large for plain decimals: show as much as allowed
        found = max(found, len(text.partition(".")[2].rstrip("0")))
    return min(found, most)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the last an ellipsis when something was cut.

    >>> shorten("Resolution 72-NQ/TW", 10)
    'Resolutio…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"
