"""Tests written to kill the `_gaps.py` mutants a mutation run left alive (docs/reliability.md).

Each test checks what a reader of a gap relies on: the area and the level it
is measured against, the status at the edge of a deadline, and the words and
numbers of `Gap.explain()` — its units, its rounding to the data, the order
of its sentences.
"""

from __future__ import annotations

import re
from typing import Any

import pendulum
import pytest

from vnhealth import (
    Baseline,
    Citation,
    Comparator,
    Direction,
    Gap,
    Indicator,
    Observation,
    Period,
    Status,
    Target,
    Unit,
)
from vnhealth._gaps import compute_gap

CITE = Citation(source="s", quote="q")
COVERAGE = Indicator(id="cover", name="Insurance coverage", unit=Unit.PERCENT, direction=Direction.HIGHER)
DOCTORS = Indicator(id="doc", name="Doctors", unit=Unit.PER_10K_PEOPLE, direction=Direction.HIGHER)
# Data written with three decimals, the most a gap shows.
NURSES = Indicator(id="nurse", name="Nurses", unit=Unit.PER_1K_PEOPLE, direction=Direction.HIGHER)
STUNTING = Indicator(id="stunt", name="Stunting", unit=Unit.PERCENT, direction=Direction.LOWER)


def _seen(period: str, value: float, indicator: Indicator = COVERAGE, **fields: Any) -> Observation:
    return Observation(
        indicator=indicator.id, value=value, unit=indicator.unit, as_of=Period.parse(period), citation=CITE, **fields
    )


def _target(value: float, indicator: Indicator = COVERAGE, **fields: Any) -> Target:
    shape: dict[str, Any] = {"comparator": Comparator.AT_LEAST, "deadline": "2030", **fields}
    return Target(
        id="t", indicator=indicator.id, value=value, unit=indicator.unit, set_by="plan", citation=CITE, **shape
    )


# -- what a gap measures -------------------------------------------------------------


def test_a_gap_is_measured_in_the_area_of_its_target_unless_asked_for_another() -> None:
    local = _target(96, area="quang-ngai")
    gap = compute_gap(local, COVERAGE, [_seen("2024", 92, area="quang-ngai")], None)
    assert gap.area == "quang-ngai"
    assert "insurance coverage at least 96% in area 'quang-ngai' by 2030." in gap.explain()
    empty = compute_gap(local, COVERAGE, [], None)  # no data yet: still the target's own area
    assert empty.area == "quang-ngai"
    assert "in area 'quang-ngai'" in empty.explain()
    national = compute_gap(_target(96), COVERAGE, [_seen("2024", 92)], None)
    assert national.area == "vn"
    assert " in area " not in national.explain()
    asked = compute_gap(_target(96), COVERAGE, [], None, area="quang-ngai")
    assert asked.area == "quang-ngai"


def test_a_change_to_a_range_shifts_both_of_its_ends() -> None:
    target = _target(4, DOCTORS, comparator="between", upper=5, deadline="2027", change_from=Baseline(value=10))
    gap = compute_gap(target, DOCTORS, [_seen("2025", 14.5, DOCTORS)], None)
    assert (gap.level, gap.upper_level) == (14.0, 15.0)
    assert gap.met
    assert gap.status is Status.MET
    assert gap.wanted == "∈ 14–15 per 10,000 people by 2027"


def test_a_range_is_on_track_when_the_trend_lands_inside_it() -> None:
    target = _target(4, DOCTORS, comparator="between", upper=5, deadline="2027")
    history = [_seen("2024", 2.25, DOCTORS), _seen("2025", 3, DOCTORS)]  # +0.75 a year: 4.5 by the end of 2027
    gap = compute_gap(target, DOCTORS, history, None, baseline=history[0])
    assert gap.projection == pytest.approx(4.5, abs=0.01)
    assert gap.status is Status.ON_TRACK
    overshoot = [_seen("2024", 1, DOCTORS), _seen("2025", 3, DOCTORS)]  # +2 a year: 7, past the range
    assert compute_gap(target, DOCTORS, overshoot, None, baseline=overshoot[0]).status is Status.OFF_TRACK


def test_a_value_from_the_deadline_itself_that_misses_it_is_overdue() -> None:
    history = [_seen("2020", 80), _seen("2030", 90)]
    gap = compute_gap(_target(95), COVERAGE, history, None, baseline=history[0])
    assert gap.years_left == pytest.approx(0.0, abs=1e-9)
    assert gap.status is Status.OVERDUE
    assert (gap.required_change_per_year, gap.required_growth_rate) == (None, None)
    assert "That value is from the end of 2030 or later: the target is missed (overdue)." in gap.explain()
    alone = compute_gap(_target(95), COVERAGE, [_seen("2030", 90)], None)
    assert alone.status is Status.OVERDUE  # not "no trend": the deadline has come


def test_what_remains_counts_only_the_way_the_indicator_improves() -> None:
    # A cap on an indicator where higher is better, exceeded: missed, but nothing is left to improve.
    capped = compute_gap(_target(30, DOCTORS, comparator="at_most"), DOCTORS, [_seen("2024", 32, DOCTORS)], None)
    assert capped.met is False
    assert capped.difference == 2.0
    assert capped.remaining == 0.0
    below = compute_gap(_target(30, DOCTORS), DOCTORS, [_seen("2024", 26, DOCTORS)], None)
    assert below.remaining == 4.0


# -- what explain() says -------------------------------------------------------------


def test_an_explanation_names_a_series_only_when_the_data_name_one() -> None:
    gap = compute_gap(_target(95), COVERAGE, [_seen("2024", 90)], None)
    assert gap.series is None
    assert "The latest value, 90% for 2024 (source 's'), falls short by 5 percentage points." in gap.explain()
    named = compute_gap(_target(95), COVERAGE, [_seen("2024", 90, series="survey")], None)
    assert "(source 's', series 'survey'), falls short" in named.explain()


def test_an_explanation_reads_a_level_target_in_its_unit() -> None:
    gap = compute_gap(_target(19, DOCTORS), DOCTORS, [_seen("2024", 15, DOCTORS)], None)
    text = gap.explain()
    assert text.startswith("The target 't' set by 'plan' is doctors at least 19 per 10,000 people by 2030. ")
    assert "From its baseline" not in text  # a level has no baseline to reach from
    grouped = compute_gap(_target(96, group="children under 5"), COVERAGE, [_seen("2024", 90)], None)
    assert "insurance coverage at least 96% for children under 5 by 2030." in grouped.explain()


def test_an_explanation_keeps_three_decimals_of_the_data() -> None:
    history = [_seen("2020", 0.875, NURSES), _seen("2024", 1.004, NURSES)]
    gap = compute_gap(_target(1.125, NURSES), NURSES, history, None, baseline=history[0])
    assert gap.precision == 3
    text = gap.explain()
    assert "is nurses at least 1.125 per 1,000 people by 2030." in text
    assert "The latest value, 1.004 per 1,000 people for 2024" in text
    assert "falls short by 0.121 per 1,000 people." in text
    assert "Since 2020 (0.875 per 1,000 people) it has changed by" in text
    assert gap.projection is not None
    assert f"which would reach {gap.show(gap.projection)} by then." in text
    assert re.search(r"which would reach 1\.19\d per 1,000 people by then\.", text)
    assert gap.wanted == "≥ 1.125 per 1,000 people by 2030"
    assert gap.show(gap.projection, unit=False) == gap.show(gap.projection).removesuffix(" per 1,000 people")
    assert gap.show(15.0, unit=False) == "15"


def test_an_explanation_reads_a_range_with_its_unit_and_decimals() -> None:
    target = _target(0.875, NURSES, comparator="between", upper=1.125)
    gap = compute_gap(target, NURSES, [_seen("2024", 0.5, NURSES)], None)
    assert "is nurses between 0.875 and 1.125 per 1,000 people by 2030." in gap.explain()
    assert gap.wanted == "∈ 0.875–1.125 per 1,000 people by 2030"


def test_a_trend_is_written_one_decimal_finer_than_the_data() -> None:
    # Whole numbers: a trend of 4/3 a year reads +1.3, and its projection (14 + 4/3 × 7) reads 23.
    history = [_seen("2020", 10, DOCTORS), _seen("2023", 14, DOCTORS)]
    gap = compute_gap(_target(25, DOCTORS), DOCTORS, history, None, baseline=history[0])
    assert gap.precision == 0
    assert gap.trend_per_year == pytest.approx(4 / 3, rel=1e-3)
    text = gap.explain()
    assert (
        "Since 2020 (10 per 10,000 people) it has changed by +1.3 per 10,000 people a year, "
        "which would reach 23 per 10,000 people by then." in text
    )


def test_a_met_or_overdue_target_projects_nothing() -> None:
    history = [_seen("2020", 8, DOCTORS), _seen("2024", 15, DOCTORS)]
    met = compute_gap(_target(10, DOCTORS), DOCTORS, history, None, baseline=history[0])
    assert met.projection is not None  # computed, but a target already met needs no projection in words
    assert "it has changed by +1.8 per 10,000 people a year. Status: met." in met.explain()
    late = compute_gap(_target(19, DOCTORS, deadline="2022"), DOCTORS, history, None, baseline=history[0])
    assert late.status is Status.OVERDUE
    assert late.projection is not None
    assert "it has changed by +1.8 per 10,000 people a year. Status: overdue." in late.explain()


def test_an_explanation_of_a_hand_built_gap_says_no_more_than_it_holds() -> None:
    # Gap is a public record: one built with a baseline but no trend (or a trend but no baseline) still explains.
    def built(baseline: Observation | None, trend: float | None) -> Gap:
        return Gap(
            target=_target(19, DOCTORS), indicator=DOCTORS, as_of=pendulum.Date(2024, 12, 31),
            observation=_seen("2024", 15, DOCTORS), baseline=baseline, trend_per_year=trend,
            met=False, status=Status.NO_TREND, years_left=6.0,
        )  # fmt: skip

    assert "it has changed" not in built(_seen("2020", 10, DOCTORS), None).explain()
    assert "it has changed" not in built(None, 1.0).explain()
    assert "it has changed by +1.3 per 10,000 people a year" in built(_seen("2020", 10, DOCTORS), 4 / 3).explain()


def test_a_change_target_reads_its_baseline_before_the_latest_value() -> None:
    gap = compute_gap(_target(10, change_from=Baseline(value=50)), COVERAGE, [_seen("2025", 55)], None)
    text = gap.explain()
    assert "From its baseline that means reaching 60%. The latest value, 55% for 2025 (source 's'), falls short" in text
    met = compute_gap(_target(10, change_from=Baseline(value=50)), COVERAGE, [_seen("2025", 61)], None)
    assert "From its baseline that means reaching 60%. The latest value, 61% for 2025 (source 's'), meets it." in (
        met.explain()
    )


@pytest.mark.parametrize(
    ("baseline", "words"),
    [
        (Baseline(), "from the baseline by 2030."),
        (Baseline(value=50), "from the baseline of 50% by 2030."),
        (Baseline(value=50, period="2020"), "from the baseline of 50% in 2020 by 2030."),
    ],
)
def test_a_change_target_names_the_baseline_the_source_states(baseline: Baseline, words: str) -> None:
    gap = compute_gap(_target(10, change_from=baseline), COVERAGE, [_seen("2025", 55)], None)
    assert f"insurance coverage to rise by at least 10 percentage points {words}" in gap.explain()


def test_a_baseline_stated_by_its_period_alone_reads_no_value() -> None:
    gap = compute_gap(_target(10, change_from=Baseline(period="2020")), COVERAGE, [_seen("2025", 55)], None)
    # The words between "the baseline" and the deadline name the period and nothing else.
    assert "10 percentage points from the baseline in 2020 by 2030." in gap.explain()


def test_a_change_target_rises_or_falls_with_the_sign_of_its_change() -> None:
    rise = compute_gap(_target(0.5, change_from=Baseline(value=50)), COVERAGE, [_seen("2025", 55)], None)
    assert "insurance coverage to rise by at least 0.5 percentage points from the baseline of 50%" in rise.explain()
    fall = _target(-2, STUNTING, comparator="at_most", change_from=Baseline(value=20))
    gap = compute_gap(fall, STUNTING, [_seen("2025", 17, STUNTING)], None)
    assert "stunting to fall by " in gap.explain()
    assert "2 percentage points from the baseline of 20%" in gap.explain()


def test_a_change_target_keeps_three_decimals_of_its_data() -> None:
    target = _target(0.125, NURSES, change_from=Baseline(value=0.875))
    gap = compute_gap(target, NURSES, [_seen("2024", 0.9, NURSES)], None)
    assert "to rise by at least 0.125 per 1,000 people from the baseline of 0.875 per 1,000 people" in gap.explain()
    empty = compute_gap(target, NURSES, [], None)
    assert empty.level is None
    assert empty.wanted == "≥ +0.125 per 1,000 people from the baseline by 2030"


def test_a_target_with_no_data_reads_the_level_it_asks_for() -> None:
    assert compute_gap(_target(96), COVERAGE, [], None).wanted == "≥ 96% by 2030"
    change = compute_gap(_target(1.5, change_from=Baseline()), COVERAGE, [], None)
    assert change.wanted == "≥ +1.5% from the baseline by 2030"


def test_a_target_to_hold_at_least_the_baseline_does_not_read_as_a_fall() -> None:
    # A change of 0, at least: coverage must not drop below its baseline (a rise of at least nothing).
    hold = compute_gap(_target(0, change_from=Baseline(value=90)), COVERAGE, [_seen("2025", 89)], None)
    text = hold.explain()
    assert "insurance coverage to rise by at least 0 percentage points from the baseline of 90%" in text
    assert "to fall" not in text


@pytest.mark.parametrize(
    ("comparator", "words"),
    [
        ("at_most", "to fall by at least 2 percentage points"),
        ("at_least", "to fall by at most 2 percentage points"),
        ("less_than", "to fall by more than 2 percentage points"),
        ("more_than", "to fall by less than 2 percentage points"),
    ],
)
def test_a_fall_reads_the_bound_its_level_stands_for(comparator: str, words: str) -> None:
    # The comparator bounds the level reached: at most 20 - 2 is a fall of at least 2, and so on.
    fall = _target(-2, STUNTING, comparator=comparator, change_from=Baseline(value=20))
    assert (
        words + " from the baseline of 20%"
        in compute_gap(fall, STUNTING, [_seen("2025", 19, STUNTING)], None).explain()
    )


def test_a_change_to_a_range_reads_both_of_its_ends() -> None:
    target = _target(4, comparator="between", upper=5, change_from=Baseline(value=10))
    text = compute_gap(target, COVERAGE, [_seen("2025", 12)], None).explain()
    assert "to rise by between 4 and 5 percentage points from the baseline of 10%" in text
