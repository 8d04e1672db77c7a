"""How far an indicator is from its target, by the UN SDG progress methods.

The formulas follow Open SDG's ``ProgressMeasure`` and the UN Statistics
Division progress chart: level gap, what it takes per year from now, the
observed trend and a linear projection to the deadline. Every guard that
would divide by zero, or take a root of a negative ratio, gives None rather
than a crash.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence

import attrs
import pendulum

from vnhealth._dates import year_fraction
from vnhealth._display import HtmlRepr
from vnhealth._format import number
from vnhealth._model import Comparator, Indicator, Observation, Target

__all__ = ["Gap", "Status", "compute_gap"]


class Status(enum.StrEnum):
    """Where a target stands."""

    MET = "met"
    """The latest value meets the target, whatever the trend."""
    ON_TRACK = "on track"
    """Not met yet; the observed trend reaches the target by its deadline."""
    OFF_TRACK = "off track"
    """Not met yet; the observed trend does not reach the target by its deadline."""
    OVERDUE = "overdue"
    """The deadline has passed and the target is not met."""
    NO_TREND = "no trend"
    """Not met yet, before the deadline, and a single value cannot show a trend."""
    NO_DATA = "no data"
    """No value of the indicator is known at the date asked about."""


@attrs.frozen(kw_only=True, repr=False)
class Gap(HtmlRepr):
    """The distance between a target and the latest value of its indicator.

    Values are in the target's unit: ``observation`` is the latest observation
    at or before ``as_of``, converted where its unit differs.
    """

    target: Target
    indicator: Indicator
    as_of: pendulum.Date | None
    """The date the gap is measured at; None when no date was asked and no data is known."""
    observation: Observation | None
    """The observation used, in the target's unit."""
    baseline: Observation | None = None
    """The earliest observation, in the target's unit, where the trend uses two or more."""
    difference: float | None = None
    """Observed minus target value."""
    relative_gap: float | None = None
    """(target − observed) / target, the SDG relative gap."""
    remaining: float | None = None
    """How far there is still to go in the direction of improvement (0 once met)."""
    met: bool | None = None
    status: Status = Status.NO_DATA
    years_left: float | None = None
    """From ``as_of`` to the end of the deadline period; negative once it has passed."""
    required_change_per_year: float | None = None
    required_growth_rate: float | None = None
    trend_per_year: float | None = None
    """Observed change per year from the baseline to the latest value."""
    trend_growth_rate: float | None = None
    """Observed compound annual growth rate from the baseline to the latest value."""
    projection: float | None = None
    """The value at the deadline if the observed change per year goes on (linear)."""

    def __repr__(self) -> str:
        # The full records are a field away; the repr says what the gap is at a glance.
        target = self.target
        wanted = f"{target.comparator.symbol} {number(target.value, target.unit.label)} by {target.deadline}"
        seen = self.observation
        observed = f"{number(seen.value, seen.unit.label)} ({seen.as_of})" if seen is not None else "no data"
        return f"<Gap {target.id!r}: {observed} against {wanted}: {self.status.value}>"

    def explain(self) -> str:
        """A plain-English paragraph an analyst could paste into a report."""
        return _explain(self)


def compute_gap(
    target: Target,
    indicator: Indicator,
    history: Sequence[Observation],
    as_of: pendulum.Date | None,
) -> Gap:
    """The gap for ``target`` given its indicator's observations, oldest first, in the target's unit.

    ``history`` holds only observations known at ``as_of`` (their period ended
    by then); with ``as_of`` None the latest observation's date is used.
    """
    if not history:
        return Gap(target=target, indicator=indicator, as_of=as_of, observation=None)
    latest = history[-1]
    when = as_of if as_of is not None else latest.as_of.end
    x_t, x_star = latest.value, target.value
    direction = indicator.direction
    met = target.comparator.satisfied(x_t, x_star, direction)
    years_left = year_fraction(target.deadline.end) - year_fraction(when)
    # The trend needs two values at different times.
    baseline = history[0] if len(history) > 1 and history[0].as_of.end < latest.as_of.end else None
    trend = growth = projection = None
    if baseline is not None:
        elapsed = year_fraction(latest.as_of.end) - year_fraction(baseline.as_of.end)
        trend = (x_t - baseline.value) / elapsed
        growth = _rate(baseline.value, x_t, elapsed)
        projection = x_t + trend * max(years_left, 0.0)
    if met:
        status = Status.MET
    elif years_left < 0:
        status = Status.OVERDUE
    elif projection is None:
        status = Status.NO_TREND
    elif target.comparator.satisfied(projection, x_star, direction):
        status = Status.ON_TRACK
    else:
        status = Status.OFF_TRACK
    ahead = years_left > 0
    return Gap(
        target=target,
        indicator=indicator,
        as_of=when,
        observation=latest,
        baseline=baseline,
        difference=x_t - x_star,
        relative_gap=(x_star - x_t) / x_star if x_star else None,
        remaining=0.0 if met else max(0.0, direction.sign * (x_star - x_t)),
        met=met,
        status=status,
        years_left=years_left,
        required_change_per_year=(x_star - x_t) / years_left if ahead and not met else None,
        required_growth_rate=_rate(x_t, x_star, years_left) if ahead and not met else None,
        trend_per_year=trend,
        trend_growth_rate=growth,
        projection=projection,
    )


def _rate(start: float, end: float, years: float) -> float | None:
    """Compound annual rate from ``start`` to ``end`` over ``years``; None where undefined."""
    if years <= 0 or start <= 0 or end <= 0:
        return None
    try:
        rate = math.exp(math.log(end / start) / years) - 1
    except OverflowError:
        return None
    # A ratio so large over so short a time has no meaningful rate.
    return rate if math.isfinite(rate) else None


def _explain(gap: Gap) -> str:
    target, label = gap.target, gap.target.unit.label
    goal = (
        f"The target {target.id!r} set by {target.set_by!r} is {gap.indicator.name.lower()} "
        f"{_comparator_words(target.comparator)} {number(target.value, label)} "
        f"by {target.deadline}."
    )
    observation = gap.observation
    if observation is None:
        when = f" at {gap.as_of}" if gap.as_of is not None else ""
        return f"{goal} No value of the indicator is known{when}, so progress cannot be measured."
    qualifier = "" if observation.qualifier.value == "exact" else observation.qualifier.value.replace("_", " ") + " "
    parts = [
        goal,
        f"The latest value, {qualifier}{number(observation.value, label)} for {observation.as_of} "
        f"(source {observation.citation.source!r}), ",
    ]
    if gap.met:
        parts[-1] += "meets it."
    else:
        # A difference of percentages is in percentage points, not percent.
        points = "percentage points" if label == "%" else label
        parts[-1] += f"falls short by {number(abs(gap.difference or 0.0), points)}."
    if gap.status is Status.OVERDUE:
        parts.append(f"The deadline, the end of {target.deadline}, had passed by {gap.as_of}: the target is overdue.")
    elif not gap.met and gap.years_left is not None:
        needed = f"With {gap.years_left:.1f} years left it needs {_signed(gap.required_change_per_year, label)} a year"
        if gap.required_growth_rate is not None:
            needed += f" ({gap.required_growth_rate:+.1%} a year)"
        parts.append(needed + ".")
    if gap.trend_per_year is not None and gap.baseline is not None:
        parts.append(
            f"Since {gap.baseline.as_of} it has changed by {_signed(gap.trend_per_year, label)} a year"
            + (
                f", which would reach {number(gap.projection, label)} by the deadline"
                if gap.projection is not None and not gap.met
                else ""
            )
            + "."
        )
    parts.append(f"Status: {gap.status.value}.")
    return " ".join(parts)


def _signed(value: float | None, label: str) -> str:
    if value is None:
        return "an undefined change"
    return ("+" if value >= 0 else "−") + number(abs(value), label)


def _comparator_words(comparator: Comparator) -> str:
    return comparator.value.replace("_", " ")
