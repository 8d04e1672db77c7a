"""The one lenient reading of query arguments, shared by Python and the command line.

A user of wbgapi writes ``since=2025``, a user of the CLI ``--theme "Digital
Health"``, a reader of the World Bank's tables ``"SH.MED.PHYS.ZS"``, a
journalist ``"Resolution 72"``. Each rule lives here once; `vnhealth._index`
applies it to every query and the command line passes the user's text
straight through, so the two can never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TypeAlias

import pendulum

from vnhealth._dates import DateLike, Period, to_date
from vnhealth._errors import InvalidDate, NotFound
from vnhealth._gaps import Status
from vnhealth._model import Indicator, InstrumentKind, Resolution, Theme
from vnhealth._text import fold

__all__ = ["Moment", "bound", "find_indicator", "short_reference", "status", "theme", "theme_label"]

Moment: TypeAlias = "DateLike | int"
"""What a date filter accepts: a date, an ISO date or period string (``"2025"``, ``"2025-03"``) or a year."""


def bound(value: Moment, *, start: bool) -> pendulum.Date:
    """A date filter as a day: a year or an ISO period stands for its first (``start``) or last day.

    >>> bound(2025, start=True), bound("2025-02", start=False)
    (Date(2025, 1, 1), Date(2025, 2, 28))
    """
    given: object = value  # callers from untyped code pass anything
    if isinstance(given, bool):
        msg = "expected a date, an ISO date or period, or a year, not bool"
        raise InvalidDate(msg)
    if isinstance(given, int | str):
        period = Period.of(given)
        return period.start if start else period.end
    if isinstance(given, dt.date):
        return to_date(given)
    msg = f"expected a date, an ISO date or period, or a year, not {type(given).__name__}"
    raise InvalidDate(msg)


def theme_label(value: Theme) -> str:
    """A theme as people write it: ``"Digital health"``."""
    return value.value.replace("_", " ").capitalize()


def theme(value: Theme | str) -> Theme:
    """A theme by its value (``"digital_health"``), label (``"Digital Health"``) or slug (``"digital-health"``).

    >>> theme("Digital Health") is theme("digital-health") is Theme.DIGITAL_HEALTH
    True
    """
    if isinstance(value, Theme):
        return value
    given: object = value
    if isinstance(given, str):
        key = "_".join(re.findall(r"[a-z0-9]+", fold(given.replace("&", " and "))))
        if key in Theme._value2member_map_:
            return Theme(key)
    known = ", ".join(item.value for item in Theme)
    raise NotFound(f"no theme {value!r}; the themes are {known}", query=str(value))


def status(value: Status | str) -> Status:
    """A status by its value, any case, with spaces, hyphens or underscores: ``"off track"``, ``"OFF_TRACK"``.

    >>> status("off-track") is status("Off Track") is Status.OFF_TRACK
    True
    """
    if isinstance(value, Status):
        return value
    given: object = value
    if isinstance(given, str):
        key = " ".join(re.findall(r"[a-z0-9]+", fold(given)))
        if key in Status._value2member_map_:
            return Status(key)
    known = ", ".join(item.value for item in Status)
    raise NotFound(f"no status {value!r}; the statuses are {known}", query=str(value))


def find_indicator(query: str, indicators: Sequence[Indicator]) -> Indicator | None:
    """The indicator ``query`` names by id, name (diacritics and case ignored), WDI or WHO GHO code; else None.

    Codes compare without case: ``"sh.med.phys.zs"`` is the World Bank's ``SH.MED.PHYS.ZS``.
    """
    folded = fold(query)
    for indicator in indicators:
        if query == indicator.id or folded == fold(indicator.name):
            return indicator
    for indicator in indicators:
        codes = (indicator.wdi, indicator.who_gho)
        if any(code is not None and fold(code) == folded for code in codes):
            return indicator
    return None


# The words that name a kind of instrument before a bare number ("Resolution 72", "Nghị quyết 72").
_KIND_WORDS: dict[str, frozenset[InstrumentKind]] = {
    "resolution": frozenset(
        {
            InstrumentKind.PARTY_RESOLUTION,
            InstrumentKind.GOVERNMENT_RESOLUTION,
            InstrumentKind.NATIONAL_ASSEMBLY_RESOLUTION,
        }
    ),
    "decision": frozenset({InstrumentKind.DECISION}),
    "directive": frozenset({InstrumentKind.DIRECTIVE, InstrumentKind.PARTY_DIRECTIVE}),
    "conclusion": frozenset({InstrumentKind.PARTY_CONCLUSION}),
    "decree": frozenset({InstrumentKind.DECREE}),
    "circular": frozenset({InstrumentKind.CIRCULAR}),
    "law": frozenset({InstrumentKind.LAW}),
    "plan": frozenset({InstrumentKind.ACTION_PLAN, InstrumentKind.MASTER_PLAN}),
}
_KIND_SYNONYMS = {
    "nghi quyet": "resolution",
    "nq": "resolution",
    "quyet dinh": "decision",
    "qd": "decision",
    "chi thi": "directive",
    "ct": "directive",
    "ket luan": "conclusion",
    "kl": "conclusion",
    "nghi dinh": "decree",
    "nd": "decree",
    "thong tu": "circular",
    "tt": "circular",
    "luat": "law",
    "ke hoach": "plan",
    "kh": "plan",
    "action plan": "plan",
}
_SHORT = re.compile(r"(?:(?P<kind>[a-z ]+?)\s+)?(?:(?:no|so|number)\s+)?(?P<number>[0-9]{1,9})")


def short_reference(query: str, resolutions: Sequence[Resolution]) -> Resolution | None:
    """The one instrument a short reference names: ``"Resolution 72"``, ``"Nghị quyết 72"``, ``"NQ 72"``, ``"72"``.

    None when ``query`` is not a short reference; NotFound listing the
    candidates when several instruments carry that number.
    """
    match = _SHORT.fullmatch(" ".join(fold(query).replace(".", " ").split()))
    if match is None:
        return None
    word = (match["kind"] or "").strip()
    if word in {"no", "so", "number"}:  # "No. 72", "số 72": a bare number
        word = ""
    word = _KIND_SYNONYMS.get(word, word)
    if word and word not in _KIND_WORDS:
        return None
    serial = int(match["number"])
    candidates = [
        resolution
        for resolution in resolutions
        if resolution.number is not None
        and resolution.number.number == serial
        and (not word or resolution.kind in _KIND_WORDS[word])
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        return None
    numbers = [str(candidate.number) for candidate in candidates]
    msg = f"{query!r} could be any of {', '.join(numbers)}: give the full number"
    raise NotFound(msg, query=query, suggestions=numbers)
