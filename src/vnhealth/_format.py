"""The one way vnhealth writes a number or shortens a text for people to read (tables, reprs, messages)."""

from __future__ import annotations

__all__ = ["number", "shorten"]


def number(value: float | None, unit: str = "") -> str:
    """``value`` with thousands separators and at most two decimals, then its unit; ``"-"`` for None.

    >>> number(1234.5), number(0.5, "%"), number(19, "per 10k people"), number(None), number(-0.001)
    ('1,234.5', '0.5%', '19 per 10k people', '-', '0')
    """
    if value is None:
        return "-"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if text == "-0":  # a tiny negative value rounds to zero, not to "-0"
        text = "0"
    if unit in {"%", ""}:
        return f"{text}{unit}"
    return f"{text} {unit}"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the last an ellipsis when something was cut.

    >>> shorten("Resolution 72-NQ/TW", 10)
    'Resolutio…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"
