"""Observations that disagree: different values for the same indicator, period and place.

Sources disagree, and both observations are real (a survey and an official
statistic, or a user's figure and the bundled one). A `Conflict` puts them side
by side with their citations; nothing is dropped or averaged.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import attrs

from vnhealth._dates import Period
from vnhealth._display import HtmlRepr
from vnhealth._errors import IncompatibleUnits
from vnhealth._model import Observation

__all__ = ["Conflict", "find_conflicts"]


@attrs.frozen(kw_only=True)
class Conflict(HtmlRepr):
    """Two or more observations of one indicator, period and place (and series) that give different values."""

    indicator: str
    period: Period
    area: str | None
    """The place the values are for, where observations name one (None: the nation, by default)."""
    series: str | None
    """The series they claim to belong to, where they name one."""
    observations: tuple[Observation, ...]
    """The observations, in data order: `latest` takes the last of them."""

    @property
    def values(self) -> tuple[float, ...]:
        """The values, in data order."""
        return tuple(observation.value for observation in self.observations)


def find_conflicts(observations: Iterable[Observation]) -> tuple[Conflict, ...]:
    """Every group of observations of the same indicator, period and place whose values differ.

    Observations of two named series are two measures, not a disagreement
    (a survey and a model estimate); an observation that names no series is
    compared with every series of its indicator, period and place.
    """
    groups: dict[tuple[str, Period, str | None], list[Observation]] = {}
    for observation in observations:
        key = (observation.indicator, observation.as_of, observation.area)
        groups.setdefault(key, []).append(observation)
    conflicts = []
    for (indicator, period, area), group in groups.items():
        if len(group) < 2:
            continue
        named: list[str | None] = list(dict.fromkeys(o.series for o in group if o.series is not None))
        for series in named or [None]:
            members = tuple(o for o in group if o.series in {series, None})
            if len(members) > 1 and not _agree(members):
                conflicts.append(
                    Conflict(indicator=indicator, period=period, area=area, series=series, observations=members)
                )
    return tuple(conflicts)


def _agree(group: tuple[Observation, ...]) -> bool:
    first = group[0]
    for other in group[1:]:
        try:
            value = other.unit.convert(other.value, first.unit)
        except IncompatibleUnits:
            return False  # the checks report the unit; the values cannot be compared
        if not math.isclose(value, first.value, rel_tol=1e-9, abs_tol=1e-12):
            return False
    return True
