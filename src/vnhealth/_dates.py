"""Strict ISO dates, and periods known only to the year or the month.

Vietnamese writing puts the day first (``05/01/2024`` is 5 January), so
nothing here guesses: a date is ``YYYY-MM-DD`` and a period is ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import TypeAlias

import attrs
import pendulum

from vnhealth._errors import InvalidDate

__all__ = ["DateLike", "Period", "parse_date", "to_date", "year_fraction"]

DateLike: TypeAlias = "pendulum.Date | dt.date | str"
"""What a date argument accepts: a pendulum or datetime date, or an ISO string."""

# ASCII digits only: `\d` would take "٢٠٢٥" (Arabic-Indic digits), and int() would then read it as 2025.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def parse_date(text: str) -> pendulum.Date:
    """Parse ``YYYY-MM-DD`` into a `pendulum.Date`; anything else is an `InvalidDate` (a ValueError)."""
    given: object = text  # callers from untyped code pass anything
    if not isinstance(given, str):
        msg = f"expected an ISO date string (YYYY-MM-DD), not {type(given).__name__}"
        raise InvalidDate(msg)
    return _parse_date(text)


# Cached: a dataset repeats the same few hundred dates many times over, and
# sharing one object per date saves both time and memory.
@functools.lru_cache(maxsize=8192)
def _parse_date(text: str) -> pendulum.Date:
    if not _ISO_DATE.fullmatch(text):
        msg = f"{_shown(text)} is not an ISO date (YYYY-MM-DD)"
        raise InvalidDate(msg)
    try:
        return pendulum.Date.fromisoformat(text)
    except ValueError as error:  # 2025-02-30
        raise InvalidDate(f"{_shown(text)} is not a date: {error}") from None


def to_date(value: DateLike) -> pendulum.Date:
    """Accept a pendulum date, a datetime date (or datetime) or an ISO string."""
    if isinstance(value, pendulum.Date):
        return value
    given: object = value  # callers from untyped code pass anything
    if isinstance(given, dt.datetime):
        given = given.date()
    if isinstance(given, dt.date):
        return pendulum.Date(given.year, given.month, given.day)
    if isinstance(given, str):
        return parse_date(given.strip())
    msg = f"expected a date or an ISO date string, not {type(given).__name__}"
    raise InvalidDate(msg)


def year_fraction(day: dt.date) -> float:
    """A date as a decimal year: the end of 2024 is about 2024.997."""
    days = 366 if calendar.isleap(day.year) else 365
    return day.year + (day.timetuple().tm_yday - 1) / days


class Period:
    """A year, a month or a day: the precision a source actually gives.

    A value reported "in 2024" is ``Period(year=2024)``; it is never given an
    invented day. Periods order by their last day, then by precision.

    Like `pendulum.Date`, a period is a scalar: data files write it as one
    string (``"2024"``, ``"2024-05"``), so it is an immutable value class of its
    own rather than an attrs record (a loader decodes it from that string).
    """

    __slots__ = ("_end", "_sort_key", "day", "month", "year")

    year: int
    month: int | None
    day: int | None

    def __init__(self, *, year: int, month: int | None = None, day: int | None = None) -> None:
        # Every check raises InvalidDate (a ValueError), never a bare ValueError or a TypeError.
        if not 1 <= _whole_number("year", year) <= 9999:
            msg = f"year {_shown(year)} is not 1..9999"
            raise InvalidDate(msg)
        if month is not None and not 1 <= _whole_number("month", month) <= 12:
            msg = f"month {_shown(month)} is not 1..12"
            raise InvalidDate(msg)
        if day is not None:
            if month is None:
                msg = "a period with a day needs a month"
                raise InvalidDate(msg)
            if not 1 <= _whole_number("day", day) <= calendar.monthrange(year, month)[1]:
                msg = f"{year}-{month:02d} has no day {_shown(day)}"
                raise InvalidDate(msg)
        _set = object.__setattr__
        _set(self, "year", year)
        _set(self, "month", month)
        _set(self, "day", day)
        # The last day and the sort key are asked for often (indexes, gaps): computed once.
        if day is not None and month is not None:
            end = pendulum.Date(year, month, day)
        else:
            last_month = month or 12
            end = pendulum.Date(year, last_month, calendar.monthrange(year, last_month)[1])
        _set(self, "_end", end)
        _set(self, "_sort_key", (end, 0 if month is None else 1 if day is None else 2))

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __reduce__(self) -> tuple[object, ...]:
        return (_period_from_text, (str(self),))

    def __repr__(self) -> str:
        return f"Period(year={self.year!r}, month={self.month!r}, day={self.day!r})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not Period:
            return NotImplemented
        return (self.year, self.month, self.day) == (other.year, other.month, other.day)

    def __hash__(self) -> int:
        return hash((Period, self.year, self.month, self.day))

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; anything else is an `InvalidDate`."""
        given: object = text  # callers from untyped code pass anything
        if not isinstance(given, str):
            msg = f"expected an ISO period string (YYYY, YYYY-MM or YYYY-MM-DD), not {type(given).__name__}"
            raise InvalidDate(msg)
        return _parse_period(text)

    @classmethod
    def of(cls, value: Period | DateLike | int) -> Period:
        """A period from a Period, a date, an ISO string (any precision) or a year."""
        if isinstance(value, Period):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(year=value)
        if isinstance(value, str):
            return _parse_period(value.strip())
        if isinstance(value, bool):
            msg = "expected a period, a date, an ISO string or a year, not bool"
            raise InvalidDate(msg)
        day = to_date(value)
        return cls(year=day.year, month=day.month, day=day.day)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    @property
    def start(self) -> pendulum.Date:
        """The first day of the period."""
        return pendulum.Date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> pendulum.Date:
        """The last day of the period: when a value for it is known at the latest."""
        end: pendulum.Date = self._end  # type: ignore[attr-defined]
        return end

    def contains(self, day: DateLike) -> bool:
        """Whether a date falls inside the period."""
        return self.start <= to_date(day) <= self.end

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def sort_key(self) -> tuple[pendulum.Date, int]:
        """How periods order: by their last day, then the less precise first (2024 before 2024-12-31)."""
        key: tuple[pendulum.Date, int] = self._sort_key  # type: ignore[attr-defined]
        return key

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key < other.sort_key

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key <= other.sort_key

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key > other.sort_key

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key >= other.sort_key


def _period_from_text(text: str) -> Period:
    return _parse_period(text)


_SHOWN = 40


def _shown(value: str | int) -> str:
    """``value`` for a message, kept short: a megabyte of text or a 5,000-digit year is not repeated back."""
    if isinstance(value, int):
        # str() of an int of more than 4,300 digits is itself a ValueError, so huge ones are described instead.
        return str(value) if abs(value) < 10**_SHOWN else f"<a {value.bit_length()}-bit number>"
    if len(value) <= _SHOWN:
        return repr(value)
    return f"{value[:_SHOWN]!r}... ({len(value):,} characters)"


def _whole_number(part: str, value: object) -> int:
    """``value`` if it is an int (not a bool), else an `InvalidDate` naming the part of the period."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    msg = f"a period's {part} must be a whole number, not {type(value).__name__}"
    raise InvalidDate(msg)


@functools.lru_cache(maxsize=4096)
def _parse_period(text: str) -> Period:
    match = _ISO_PERIOD.fullmatch(text)
    if match is None:
        msg = f"{_shown(text)} is not an ISO period (YYYY, YYYY-MM or YYYY-MM-DD)"
        raise InvalidDate(msg)
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # noqa: S101 - the pattern requires it
    try:
        return Period(year=year, month=month, day=day)
    except InvalidDate as error:  # 0000, 2025-13, 2025-02-30
        raise InvalidDate(f"{_shown(text)} is not a period: {error}") from None
