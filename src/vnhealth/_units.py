"""Units of measure, and conversion between the ones that share a dimension."""

from __future__ import annotations

import enum

from vnhealth._errors import IncompatibleUnits

__all__ = ["Unit", "convert"]


class Unit(enum.StrEnum):
    """The unit a value is stated in. The string value is what data files hold."""

    PER_1K_PEOPLE = "per_1k_people"
    """Per 1,000 people (World Bank WDI's denominator)."""
    PER_10K_PEOPLE = "per_10k_people"
    """Per 10,000 people (WHO GHO and Vietnamese documents: "trên 10.000 dân")."""
    PER_100K_PEOPLE = "per_100k_people"
    """Per 100,000 people."""
    PER_1K_LIVE_BIRTHS = "per_1k_live_births"
    """Per 1,000 live births (‰), as child mortality is stated."""
    PER_100K_LIVE_BIRTHS = "per_100k_live_births"
    """Per 100,000 live births, as maternal mortality is stated."""
    PERCENT = "percent"
    """A share in percent (0-100)."""
    SHARE = "share"
    """A share as a fraction (0-1)."""
    YEARS = "years"
    """Years (of age, of life)."""
    CENTIMETRES = "cm"
    """Centimetres."""
    COUNT = "count"
    """A plain number of things: hospitals, accounts, provinces, vaccines."""

    @property
    def label(self) -> str:
        """How the unit reads after a number: ``"per 10,000 people"``."""
        return _LABELS[self]

    def convert(self, value: float, to: Unit) -> float:
        """Convert ``value`` from this unit to ``to``; IncompatibleUnits where no conversion exists."""
        return convert(value, self, to)

    def compatible(self, other: Unit) -> bool:
        """Whether values in the two units can be converted into one another."""
        return self is other or (self in _SCALE and other in _SCALE and _SCALE[self][0] == _SCALE[other][0])


_LABELS = {
    Unit.PER_1K_PEOPLE: "per 1,000 people",
    Unit.PER_10K_PEOPLE: "per 10,000 people",
    Unit.PER_100K_PEOPLE: "per 100,000 people",
    Unit.PER_1K_LIVE_BIRTHS: "per 1,000 live births",
    Unit.PER_100K_LIVE_BIRTHS: "per 100,000 live births",
    Unit.PERCENT: "%",
    Unit.SHARE: "(share)",
    Unit.YEARS: "years",
    Unit.CENTIMETRES: "cm",
    Unit.COUNT: "",
}

# Each convertible unit: its dimension and how many of the dimension's base
# unit one of it holds. A rate per 10,000 is ten times the same rate per 1,000.
_SCALE: dict[Unit, tuple[str, int]] = {
    Unit.PER_1K_PEOPLE: ("per person", 1),
    Unit.PER_10K_PEOPLE: ("per person", 10),
    Unit.PER_100K_PEOPLE: ("per person", 100),
    Unit.PER_1K_LIVE_BIRTHS: ("per live birth", 1),
    Unit.PER_100K_LIVE_BIRTHS: ("per live birth", 100),
    Unit.SHARE: ("share", 1),
    Unit.PERCENT: ("share", 100),
}


def convert(value: float, source: Unit, target: Unit) -> float:
    """Convert ``value`` stated in ``source`` units into ``target`` units.

    >>> convert(1.0, Unit.PER_1K_PEOPLE, Unit.PER_10K_PEOPLE)
    10.0
    """
    if source is target:
        return value
    if not source.compatible(target):
        msg = f"cannot convert {source.value!r} to {target.value!r}: they measure different things"
        raise IncompatibleUnits(msg)
    # Integer scale factors keep per-1k → per-10k → per-1k exact where it can be.
    source_scale, target_scale = _SCALE[source][1], _SCALE[target][1]
    return value * target_scale / source_scale
