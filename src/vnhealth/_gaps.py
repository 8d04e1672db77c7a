"""How far an indicator is from its target, by the UN SDG progress methods.

The formulas follow Open SDG's ``ProgressMeasure`` and the UN Statistics
Division progress chart: level gap, the change per year still needed, the
observed trend since a baseline and a linear projection to the deadline.
Everything is measured from the latest observation's own date, never from
the date asked about: the gap of a target changes only when an observation
enters or leaves the window, not with the calendar. Every guard that would
divide by zero, or take a root of a negative ratio, gives None rather than a
crash.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence

import attrs
import pendulum

from vnhealth._dates import Period, year_fraction
from vnhealth._display import HtmlRepr
from vnhealth._format import decimals_of, number
from vnhealth._model import NATION, Comparator, Indicator, Observation, Target

__all__ = ["BaselineRule", "Gap", "Status", "choose_baseline", "compute_gap"]


class BaselineRule(enum.StrEnum):
    """How a gap picks the observation its trend (and a change target) is measured from."""

    ADOPTION = "adoption"
    """The latest value at or before the year the target's instrument was adopted, else the earliest."""
    EARLIEST = "earliest"
    """The earliest value of the series."""


class Status(enum.StrEnum):
    """Where a target stands."""

    MET = "met"
    """The latest value meets the target, whatever the trend."""
    ON_TRACK = "on track"
    """Not met yet; the observed trend reaches the target by its deadline."""
    OFF_TRACK = "off track"
    """Not met yet; the observed trend does not reach the target by its deadline."""
    OVERDUE = "overdue"
    """The latest value is from the deadline or later (or from when the level had to hold) and misses it."""
    NO_TREND = "no trend"
    """Not met yet, before the deadline, and a single value cannot show a trend."""
    NO_DEADLINE = "no deadline"
    """Not met yet, and the source states no deadline (none is invented)."""
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
    """The observation the trend runs from (see `BaselineRule`), in the target's unit; None with one date."""
    series: str | None = None
    """The series every observation used belongs to (the target's own, else the latest value's)."""
    area: str = NATION
    """The area whose observations were used."""
    level: float | None = None
    """The level the target asks for: its value, or for a change target the baseline plus the change."""
    upper_level: float | None = None
    """A range target's upper bound (shifted like ``level`` for a change target); None otherwise."""
    difference: float | None = None
    """Observed minus the level (for a range, minus the nearest bound; 0 inside it)."""
    relative_gap: float | None = None
    """(level − observed) / level, the SDG relative gap."""
    remaining: float | None = None
    """How far there is still to go in the direction of improvement (0 once met)."""
    met: bool | None = None
    status: Status = Status.NO_DATA
    years_left: float | None = None
    """From the latest observation's date to the deadline (or the start of ``holds_from``); negative once past."""
    required_change_per_year: float | None = None
    """The change per year from the latest value that would meet the target when due."""
    required_growth_rate: float | None = None
    trend_per_year: float | None = None
    """Observed change per year from the baseline to the latest value."""
    trend_growth_rate: float | None = None
    """Observed compound annual growth rate from the baseline to the latest value."""
    projection: float | None = None
    """The value when due if the observed change per year goes on (linear, from the latest value's date)."""

    @property
    def precision(self) -> int:
        """The decimals the data are written with: what a person reads is rounded to it (the fields stay exact)."""
        target, observed = self.target, (self.observation, self.baseline)
        stated = target.change_from.value if target.change_from is not None else None
        values = (target.value, target.upper, stated, *(o.value for o in observed if o is not None))
        return decimals_of(*values, most=3)

    @property
    def wanted(self) -> str:
        """The target at a glance: ``≥ 95% by 2030``, ``∈ 4–5 by 2027``, ``> 20% (no stated deadline)``."""
        return f"{self.target.comparator.symbol} {_wanted(self, self.precision)}{_when(self.target)}"

    def show(self, value: float | None, *, unit: bool = True) -> str:
        """``value`` as a person reads it: rounded to the precision of the data, with the target's unit."""
        return number(value, self.target.unit.label if unit else "", decimals=self.precision)

    def __repr__(self) -> str:
        # The full records are a field away; the repr says what the gap is at a glance.
        seen = self.observation
        observed = f"{self.show(seen.value)} ({seen.as_of})" if seen is not None else "no data"
        return f"<Gap {self.target.id!r}: {observed} against {self.wanted}: {self.status.value}>"

    def explain(self) -> str:
        """A plain-English paragraph an analyst could paste into a report."""
        return _explain(self)


def choose_baseline(
    history: Sequence[Observation],
    *,
    rule: BaselineRule | Period = BaselineRule.ADOPTION,
    adopted: pendulum.Date | None = None,
) -> Observation | None:
    """The observation of ``history`` (one series, oldest first) that a trend runs from; None with one date.

    Only values dated before the latest can be a baseline. ``rule`` is a
    `BaselineRule` or a period: the latest value at or before that period's
    end. By default, the latest value at or before the end of the year the
    instrument was ``adopted`` (progress since adoption, as the SDG methods
    measure from their base year), else the earliest.
    """
    if not history:
        return None
    latest_end = history[-1].as_of.end
    earlier = [observation for observation in history if observation.as_of.end < latest_end]
    if not earlier:
        return None
    if isinstance(rule, Period):
        limit: pendulum.Date = rule.end
    elif rule is BaselineRule.ADOPTION and adopted is not None:
        limit = pendulum.Date(adopted.year, 12, 31)
    else:
        return earlier[0]
    before = [observation for observation in earlier if observation.as_of.end <= limit]
    if before:
        return before[-1]
    return None if isinstance(rule, Period) else earlier[0]


def compute_gap(
    target: Target,
    indicator: Indicator,
    history: Sequence[Observation],
    as_of: pendulum.Date | None,
    *,
    baseline: Observation | None = None,
    area: str | None = None,
) -> Gap:
    """The gap for ``target`` given one series of its indicator's observations, oldest first, in its unit.

    ``history`` holds only observations known at ``as_of`` (their period ended
    by then); ``baseline`` is one of them, earlier than the last (see
    `choose_baseline`). Nothing but the date reported depends on ``as_of``.
    """
    where = area if area is not None else target.area
    if not history:
        return Gap(target=target, indicator=indicator, as_of=as_of, observation=None, area=where)
    latest = history[-1]
    when = as_of if as_of is not None else latest.as_of.end
    x_t = latest.value
    direction = indicator.direction
    # A change target asks for its baseline plus the change; with one date the latest value is the baseline.
    shift = 0.0
    if target.change_from is not None:
        stated = target.change_from.value
        shift = stated if stated is not None else (baseline or latest).value
    level = target.value + shift
    upper = target.upper + shift if target.upper is not None else None
    met = target.comparator.satisfied(x_t, level, direction, upper)
    # The bound still to reach: for a range the nearer end, else the level.
    bound = upper if upper is not None and x_t > upper else level
    if upper is not None and met:
        bound = x_t
    due = _due_day(target)
    years_left = year_fraction(due) - year_fraction(latest.as_of.end) if due is not None else None
    trend = growth = projection = None
    if baseline is not None:
        elapsed = year_fraction(latest.as_of.end) - year_fraction(baseline.as_of.end)
        trend = (x_t - baseline.value) / elapsed
        growth = _rate(baseline.value, x_t, elapsed)
        if years_left is not None:
            projection = x_t + trend * max(years_left, 0.0)
    if met:
        status = Status.MET
    elif years_left is None:
        status = Status.NO_DEADLINE
    elif years_left <= 0:
        status = Status.OVERDUE
    elif projection is None:
        status = Status.NO_TREND
    elif target.comparator.satisfied(projection, level, direction, upper):
        status = Status.ON_TRACK
    else:
        status = Status.OFF_TRACK
    ahead = years_left is not None and years_left > 0 and not met
    return Gap(
        target=target,
        indicator=indicator,
        as_of=when,
        observation=latest,
        baseline=baseline,
        series=latest.series,
        area=where,
        level=level,
        upper_level=upper,
        difference=x_t - bound,
        relative_gap=(bound - x_t) / bound if bound else None,
        remaining=0.0 if met else _remaining(x_t, bound, direction.sign, ranged=upper is not None),
        met=met,
        status=status,
        years_left=years_left,
        required_change_per_year=(bound - x_t) / years_left if ahead and years_left else None,
        required_growth_rate=_rate(x_t, bound, years_left) if ahead and years_left else None,
        trend_per_year=trend,
        trend_growth_rate=growth,
        projection=projection,
    )


def _due_day(target: Target) -> pendulum.Date | None:
    """The day by which the level must be reached: the deadline's last day, or the first day it must hold."""
    if target.deadline is not None:
        return target.deadline.end
    if target.holds_from is not None:
        return target.holds_from.start
    return None


def _remaining(observed: float, bound: float, sign: int, *, ranged: bool) -> float:
    # Into a range is either way; otherwise only the direction of improvement counts.
    return abs(bound - observed) if ranged else max(0.0, sign * (bound - observed))


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
    target, label, places = gap.target, gap.target.unit.label, gap.precision
    # A change of a percentage is in percentage points, not percent.
    change_label = "percentage points" if label == "%" else label
    goal = f"The target {target.id!r} set by {target.set_by!r} is {_goal(gap, places, change_label)}{_when(target)}."
    observation = gap.observation
    if observation is None:
        when = f" at {gap.as_of}" if gap.as_of is not None else ""
        return f"{goal} No value of the indicator is known{when}, so progress cannot be measured."
    qualifier = "" if observation.qualifier.value == "exact" else observation.qualifier.value.replace("_", " ") + " "
    series = f", series {gap.series!r}" if gap.series is not None else ""
    parts = [
        goal,
        f"The latest value, {qualifier}{number(observation.value, label, decimals=places)} for {observation.as_of} "
        f"(source {observation.citation.source!r}{series}), ",
    ]
    if target.change_from is not None and gap.level is not None:
        parts.insert(1, f"From its baseline that means reaching {_wanted(gap, places)}.")
    if gap.met:
        parts[-1] += "meets it."
    else:
        parts[-1] += f"falls short by {number(abs(gap.difference or 0.0), change_label, decimals=places)}."
    if gap.status is Status.OVERDUE:
        due = f"the end of {target.deadline}" if target.deadline is not None else f"the start of {target.holds_from}"
        parts.append(f"That value is from {due} or later: the target is missed (overdue).")
    elif gap.status is Status.NO_DEADLINE:
        parts.append("The source states no deadline, so it cannot be late or on track.")
    elif not gap.met and gap.years_left is not None:
        needed = (
            f"With {gap.years_left:.1f} years from that value to the deadline it needs "
            f"{_signed(gap.required_change_per_year, change_label, places + 1)} a year"
        )
        if gap.required_growth_rate is not None:
            needed += f" ({gap.required_growth_rate:+.1%} a year)"
        parts.append(needed + ".")
    if gap.trend_per_year is not None and gap.baseline is not None:
        parts.append(
            f"Since {gap.baseline.as_of} ({number(gap.baseline.value, label, decimals=places)}) it has changed by "
            f"{_signed(gap.trend_per_year, change_label, places + 1)} a year"
            + (
                f", which would reach {number(gap.projection, label, decimals=places)} by then"
                if gap.projection is not None and not gap.met and gap.status is not Status.OVERDUE
                else ""
            )
            + "."
        )
    parts.append(f"Status: {gap.status.value}.")
    return " ".join(parts)


def _goal(gap: Gap, places: int, change_label: str) -> str:
    """What the target asks for, in plain words: a level, a range or a change, for whom and where."""
    target, label = gap.target, gap.target.unit.label
    name = gap.indicator.name.lower()
    if target.change_from is not None:
        falls = target.value < 0
        verb = "to fall" if falls else "to rise"
        stated = target.change_from
        base = "the baseline"
        if stated.value is not None:
            base += f" of {number(stated.value, label, decimals=places)}"
        if stated.period is not None:
            base += f" in {stated.period}"
        if target.comparator is Comparator.BETWEEN:
            ends = sorted((abs(target.value), abs(target.upper if target.upper is not None else target.value)))
            size = f"between {number(ends[0], decimals=places)} and {number(ends[1], change_label, decimals=places)}"
        else:
            # The comparator bounds the level reached: a level of at least "baseline - 2" is a fall of at most 2.
            comparator = _MIRRORED.get(target.comparator, target.comparator) if falls else target.comparator
            size = f"{_comparator_words(comparator)} {number(abs(target.value), change_label, decimals=places)}"
        words = f"{name} {verb} by {size} from {base}"
    elif target.comparator is Comparator.BETWEEN:
        words = (
            f"{name} between {number(target.value, decimals=places)} and {number(target.upper, label, decimals=places)}"
        )
    else:
        words = f"{name} {_comparator_words(target.comparator)} {number(target.value, label, decimals=places)}"
    if target.group is not None:
        words += f" for {target.group}"
    if gap.area != NATION:
        words += f" in area {gap.area!r}"
    return words


def _wanted(gap: Gap, places: int) -> str:
    """The level asked for, as a number (a range as two): ``95%``, ``4–5``."""
    label = gap.target.unit.label
    level = gap.level if gap.level is not None else gap.target.value
    if gap.target.comparator is Comparator.BETWEEN:
        upper = gap.upper_level if gap.upper_level is not None else gap.target.upper
        return f"{number(level, decimals=places)}–{number(upper, label, decimals=places)}"
    if gap.target.change_from is not None and gap.level is None:
        return f"{_signed(gap.target.value, label, places)} from the baseline"
    return number(level, label, decimals=places)


def _when(target: Target) -> str:
    if target.deadline is not None:
        return f" by {target.deadline}"
    if target.holds_from is not None:
        return f" from {target.holds_from} on"
    return " (no stated deadline)"


def _signed(value: float | None, label: str, places: int = 2) -> str:
    if value is None:
        return "an undefined change"
    return ("+" if value >= 0 else "−") + number(abs(value), label, decimals=places)


_MIRRORED = {
    Comparator.AT_LEAST: Comparator.AT_MOST,
    Comparator.AT_MOST: Comparator.AT_LEAST,
    Comparator.MORE_THAN: Comparator.LESS_THAN,
    Comparator.LESS_THAN: Comparator.MORE_THAN,
}
"""The bound on the size of a fall that a bound on the level reached stands for."""


def _comparator_words(comparator: Comparator) -> str:
    return comparator.value.replace("_", " ")
