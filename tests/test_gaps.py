"""Gaps: how far each indicator is from its target, by the SDG progress methods."""

from __future__ import annotations

import math

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vnhealth
from vnhealth import Citation, Comparator, Direction, Gap, Indicator, Observation, Period, Status, Target, Unit
from vnhealth import strategies as vs
from vnhealth._dates import year_fraction
from vnhealth._gaps import compute_gap

CITE = Citation(source="s", quote="q")
DOCTORS = Indicator(
    id="doctors", name="Doctors per 10,000 people", unit=Unit.PER_10K_PEOPLE, direction=Direction.HIGHER
)
DEATHS = Indicator(id="u5", name="Under-5 mortality", unit=Unit.PER_1K_LIVE_BIRTHS, direction=Direction.LOWER)


def _target(
    value: float, comparator: Comparator = Comparator.AT_LEAST, deadline: int = 2030, indicator: str = "doctors"
) -> Target:
    unit = DOCTORS.unit if indicator == "doctors" else DEATHS.unit
    return Target(
        id="t", indicator=indicator, value=value, unit=unit, comparator=comparator,
        deadline=Period(year=deadline), set_by="plan", citation=CITE,
    )  # fmt: skip


def _seen(year: int, value: float, indicator: str = "doctors") -> Observation:
    unit = DOCTORS.unit if indicator == "doctors" else DEATHS.unit
    return Observation(indicator=indicator, value=value, unit=unit, as_of=Period(year=year), citation=CITE)


# -- properties --------------------------------------------------------------------------


def _bound(gap: Gap, value: float) -> float:
    """The level still to reach: for a range the nearer end (the value itself inside it)."""
    assert gap.level is not None
    if gap.upper_level is None or value < gap.level:
        return gap.level
    return min(value, gap.upper_level)


def _due(target: Target) -> pendulum.Date | None:
    if target.deadline is not None:
        return target.deadline.end
    return target.holds_from.start if target.holds_from is not None else None


@given(vs.gaps())
def test_met_agrees_with_the_comparator(gap: Gap) -> None:
    assert isinstance(gap, Gap)
    if gap.observation is None:
        assert (gap.status, gap.met, gap.difference) == (Status.NO_DATA, None, None)
        return
    target, value = gap.target, gap.observation.value
    assert gap.level is not None
    if target.change_from is None:
        assert (gap.level, gap.upper_level) == (target.value, target.upper)
    assert gap.met == target.comparator.satisfied(value, gap.level, gap.indicator.direction, gap.upper_level)
    assert (gap.status is Status.MET) == gap.met
    assert gap.observation.unit is target.unit  # converted to the target's unit
    assert gap.difference == pytest.approx(value - _bound(gap, value))
    assert gap.remaining is not None
    assert gap.remaining >= 0
    assert (gap.remaining == 0) or not gap.met


@given(vs.gaps())
def test_status_follows_the_deadline_and_the_trend(gap: Gap) -> None:
    if gap.observation is None or gap.met:
        return
    due = _due(gap.target)
    if due is None:
        assert gap.status is Status.NO_DEADLINE
        assert (gap.years_left, gap.projection, gap.required_change_per_year) == (None, None, None)
        assert "no stated deadline" in gap.explain()
        return
    assert gap.years_left is not None
    # Counted from the latest value's own date, never from the date asked about.
    assert gap.years_left == pytest.approx(year_fraction(due) - year_fraction(gap.observation.as_of.end))
    level, upper, direction = gap.level, gap.upper_level, gap.indicator.direction
    assert level is not None
    if gap.years_left <= 0:
        assert gap.status is Status.OVERDUE
    elif gap.projection is None:
        assert gap.status is Status.NO_TREND
        assert gap.baseline is None
    else:
        reaches = gap.target.comparator.satisfied(gap.projection, level, direction, upper)
        assert gap.status is (Status.ON_TRACK if reaches else Status.OFF_TRACK)
    bound = _bound(gap, gap.observation.value)
    if gap.years_left > 0:
        needed = gap.required_change_per_year
        assert needed is not None
        assert gap.observation.value + needed * gap.years_left == pytest.approx(bound)
        if gap.required_growth_rate is not None:
            grown = gap.observation.value * (1 + gap.required_growth_rate) ** gap.years_left
            assert grown == pytest.approx(bound, rel=1e-6)
    else:
        assert gap.required_change_per_year is None
        assert gap.required_growth_rate is None
    assert gap.explain().endswith(f"Status: {gap.status.value}.")


@given(vs.gaps())
def test_the_trend_runs_from_the_baseline_to_the_latest_value(gap: Gap) -> None:
    if gap.baseline is None:
        assert gap.trend_per_year is None
        assert gap.projection is None
        return
    assert gap.observation is not None
    assert gap.trend_per_year is not None
    assert gap.baseline.series == gap.observation.series == gap.series  # one series, never a mix
    elapsed = year_fraction(gap.observation.as_of.end) - year_fraction(gap.baseline.as_of.end)
    assert elapsed > 0
    assert gap.baseline.value + gap.trend_per_year * elapsed == pytest.approx(gap.observation.value)
    if gap.years_left is None:
        assert gap.projection is None
        return
    assert gap.projection is not None
    expected = gap.observation.value + gap.trend_per_year * max(gap.years_left, 0.0)
    assert gap.projection == pytest.approx(expected)


@given(vs.datasets(values=st.floats(min_value=0.5, max_value=1000)), vs.dates(), vs.dates())
def test_a_gap_never_drifts_with_the_date_alone(
    data: vnhealth.Dataset, first: pendulum.Date, second: pendulum.Date
) -> None:
    # Between two dates at which the same observations are known, only the date reported may differ.
    early, late = sorted((first, second))
    window = {o for o in data.observations if o.as_of.end <= early}
    if window != {o for o in data.observations if o.as_of.end <= late}:
        return
    for target in data.targets:
        before, after = data.indicator_gap(target, as_of=early), data.indicator_gap(target, as_of=late)
        assert attrs.evolve(before, as_of=None) == attrs.evolve(after, as_of=None)
        assert after.status is before.status


@given(vs.datasets(values=st.floats(min_value=0.5, max_value=1000)), vs.dates())
def test_gaps_are_the_gap_of_every_target(data: vnhealth.Dataset, as_of: pendulum.Date) -> None:
    assert data.gaps(as_of=as_of) == tuple(data.indicator_gap(t, as_of=as_of) for t in data.targets)
    assert data.gaps(as_of=as_of.isoformat()) == data.gaps(as_of=as_of)


def test_a_gap_is_frozen() -> None:
    gap = compute_gap(_target(19), DOCTORS, [_seen(2024, 15)], None)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        gap.status = Status.MET  # type: ignore[misc]


# -- examples ----------------------------------------------------------------------------


def test_no_data() -> None:
    gap = compute_gap(_target(19), DOCTORS, [], None)
    assert (gap.status, gap.as_of, gap.observation) == (Status.NO_DATA, None, None)
    assert "No value of the indicator is known, so progress cannot be measured." in gap.explain()
    dated = compute_gap(_target(19), DOCTORS, [], pendulum.Date(2026, 1, 1))
    assert "No value of the indicator is known at 2026-01-01" in dated.explain()


def test_met() -> None:
    gap = compute_gap(_target(10), DOCTORS, [_seen(2020, 8), _seen(2024, 15)], None)
    assert gap.status is Status.MET
    assert gap.met
    assert gap.remaining == 0.0
    assert gap.required_change_per_year is None
    assert gap.as_of == pendulum.Date(2024, 12, 31)  # the latest data, not today
    assert "meets it." in gap.explain()
    assert "which would reach" not in gap.explain()


def test_on_track_and_off_track() -> None:
    history = [_seen(2020, 10), _seen(2024, 14)]  # +1 a year
    on = compute_gap(_target(19), DOCTORS, history, pendulum.Date(2024, 12, 31), baseline=history[0])
    assert on.status is Status.ON_TRACK
    assert on.trend_per_year == pytest.approx(1.0, rel=1e-3)
    assert on.years_left == pytest.approx(6.0, rel=1e-3)
    assert on.projection == pytest.approx(20.0, rel=1e-3)
    assert on.required_change_per_year == pytest.approx(5 / 6, rel=1e-3)
    assert on.relative_gap == pytest.approx(5 / 19)
    off = compute_gap(_target(25), DOCTORS, history, pendulum.Date(2024, 12, 31), baseline=history[0])
    assert off.status is Status.OFF_TRACK
    text = off.explain()
    assert "falls short by 11 per 10,000 people" in text
    assert (
        "With 6.0 years from that value to the deadline it needs +1.8 per 10,000 people a year (+10.1% a year)." in text
    )
    assert (
        "Since 2020 (10 per 10,000 people) it has changed by +1 per 10,000 people a year, which would reach 20" in text
    )


def test_lower_is_better() -> None:
    history = [_seen(2020, 22, "u5"), _seen(2024, 20, "u5")]
    gap = compute_gap(_target(18.5, Comparator.AT_MOST, 2025, "u5"), DEATHS, history, None, baseline=history[0])
    assert gap.status is Status.OFF_TRACK  # -0.5 a year reaches 19.5, not 18.5
    assert gap.remaining == pytest.approx(1.5)
    assert "−0.5" in gap.explain()
    about = compute_gap(_target(21, Comparator.ABOUT, 2025, "u5"), DEATHS, history, None)
    assert about.met  # "about" is reached once the value is there or better
    assert "about 21" in about.explain()


def test_overdue_and_no_trend() -> None:
    overdue = compute_gap(_target(19, deadline=2020), DOCTORS, [_seen(2024, 15)], None)
    assert overdue.status is Status.OVERDUE
    assert overdue.years_left is not None
    assert overdue.years_left < 0
    assert "the target is missed (overdue)" in overdue.explain()
    single = compute_gap(_target(19), DOCTORS, [_seen(2024, 15)], None)
    assert single.status is Status.NO_TREND
    assert single.baseline is None
    # Two values for the same period show no trend either.
    same = compute_gap(_target(19), DOCTORS, [_seen(2024, 14), _seen(2024, 15)], None)
    assert same.status is Status.NO_TREND


def test_rates_are_undefined_where_they_would_divide_by_zero() -> None:
    history = [_seen(2020, -1), _seen(2024, -2)]
    zero = compute_gap(_target(0), DOCTORS, history, None, baseline=history[0])
    assert zero.relative_gap is None
    assert zero.required_growth_rate is None
    assert zero.trend_growth_rate is None
    assert "an undefined change" not in zero.explain()
    undefined = Gap(
        target=_target(19), indicator=DOCTORS, as_of=pendulum.Date(2024, 12, 31), observation=_seen(2024, 15),
        met=False, status=Status.NO_TREND, years_left=6.0,
    )  # fmt: skip
    assert "needs an undefined change a year." in undefined.explain()


def test_observations_in_other_units_are_converted() -> None:
    data = vnhealth.Dataset(
        indicators=(DOCTORS,),
        observations=(
            Observation(
                indicator="doctors", value=1.5, unit=Unit.PER_1K_PEOPLE, as_of=Period(year=2024), citation=CITE
            ),
        ),
        targets=(_target(19),),
    )
    gap = data.indicator_gap("t")
    assert gap.observation is not None
    assert gap.observation.unit is Unit.PER_10K_PEOPLE
    assert gap.observation.value == pytest.approx(15.0)
    assert gap.observation.qualifier is data.observations[0].qualifier


def test_bundled_gaps_read_the_clock_nowhere(monkeypatch: pytest.MonkeyPatch) -> None:
    def clock(*_: object, **__: object) -> None:
        raise AssertionError("read the clock")

    for name in ("now", "today", "yesterday", "tomorrow"):
        monkeypatch.setattr(pendulum, name, clock)
    at_latest = vnhealth.gaps()
    assert at_latest == vnhealth.gaps(as_of=None)
    doctors = vnhealth.indicator_gap("health-network-master-plan-doctors-2030")
    latest = vnhealth.latest("doctors_per_10k")
    assert latest is not None
    assert doctors.as_of == latest.as_of.end
    assert doctors.observation == latest
    earlier = vnhealth.indicator_gap("health-network-master-plan-doctors-2030", as_of="2024-06-30")
    assert earlier.as_of == pendulum.Date(2024, 6, 30)
    assert earlier.observation is not None
    assert earlier.observation.as_of.end <= pendulum.Date(2024, 6, 30)
    assert all(math.isfinite(g.difference) for g in at_latest if g.difference is not None)


def test_growth_rates_that_overflow_are_undefined() -> None:
    from vnhealth._gaps import _rate

    assert _rate(1e-300, 1e300, 0.001) is None
    assert _rate(1.0, 2.0, 1.0) == pytest.approx(1.0)


def test_a_gap_reads_at_a_glance() -> None:
    gap = vnhealth.indicator_gap("20-nq-tw-doctors-2025")
    assert (
        repr(gap)
        == "<Gap '20-nq-tw-doctors-2025': 15 per 10,000 people (2025) against ≥ 10 per 10,000 people by 2025: met>"
    )
