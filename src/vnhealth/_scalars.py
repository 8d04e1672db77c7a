"""The values data files write as one scalar: dates, periods and document numbers, from what JSON and TOML hold.

One reading for both ways into the model (msgspec's decode hook and the
cattrs converter), so the fast path and the checked path cannot disagree.
JSON writes them as strings; TOML may also write a date as its own date type
and a year as a bare integer.
"""

from __future__ import annotations

import datetime as dt

import pendulum

from vnhealth._dates import Period, parse_date
from vnhealth._docnumber import DocumentNumber

__all__ = ["read_date", "read_number", "read_period"]


def read_date(value: object) -> pendulum.Date:
    """A `pendulum.Date` from an ISO string or a TOML date; TypeError for anything else."""
    if isinstance(value, pendulum.Date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return pendulum.Date(value.year, value.month, value.day)
    msg = f"expected an ISO date string (YYYY-MM-DD), not {type(value).__name__}"
    raise TypeError(msg)


def read_period(value: object) -> Period:
    """A `Period` from an ISO string (any precision), a bare year or a TOML date; TypeError for anything else."""
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        return Period.parse(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Period(year=value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Period(year=value.year, month=value.month, day=value.day)
    msg = f"expected a period string (YYYY, YYYY-MM or YYYY-MM-DD), not {type(value).__name__}"
    raise TypeError(msg)


def read_number(value: object) -> DocumentNumber:
    """A `DocumentNumber` from its written form; TypeError for anything but a string."""
    if isinstance(value, DocumentNumber):
        return value
    if not isinstance(value, str):
        msg = f"expected a document number string, not {type(value).__name__}"
        raise TypeError(msg)
    return DocumentNumber.parse(value)
