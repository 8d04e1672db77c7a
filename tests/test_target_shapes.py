"""Targets in the shapes instruments state them, places and series, and the baseline of a gap."""

from __future__ import annotations

from pathlib import Path

import attrs
import pendulum
import pytest

import vnhealth
from vnhealth import (
    Area,
    AreaLevel,
    Baseline,
    BaselineRule,
    Citation,
    Comparator,
    Direction,
    Indicator,
    LoadError,
    Observation,
    Period,
    Resolution,
    Series,
    Source,
    Status,
    Target,
    Unit,
)
from vnhealth._gaps import choose_baseline, compute_gap

CITE = Citation(source="s", quote="q")
COVERAGE = Indicator(id="cover", name="Insurance coverage", unit=Unit.PERCENT, direction=Direction.HIGHER)
DOCTORS = Indicator(id="doc", name="Doctors per station", unit=Unit.COUNT, direction=Direction.HIGHER)


def _seen(period: str, value: float, indicator: Indicator = COVERAGE, **fields: object) -> Observation:
    return Observation(
        indicator=indicator.id, value=value, unit=indicator.unit, as_of=Period.parse(period), citation=CITE, **fields
    )  # type: ignore[arg-type]


def _target(value: float, indicator: Indicator = COVERAGE, **fields: object) -> Target:
    shape: dict[str, object] = {"comparator": Comparator.AT_LEAST, "deadline": "2030", **fields}
    return Target(
        id="t", indicator=indicator.id, value=value, unit=indicator.unit, set_by="plan", citation=CITE, **shape
    )  # type: ignore[arg-type]


def test_a_range_is_met_inside_it_and_measured_to_its_nearer_end() -> None:
    target = _target(4, DOCTORS, comparator="between", upper=5, deadline="2027")
    inside = compute_gap(target, DOCTORS, [_seen("2025", 4.5, DOCTORS)], None)
    assert (inside.status, inside.difference, inside.remaining) == (Status.MET, 0.0, 0.0)
    below = compute_gap(target, DOCTORS, [_seen("2025", 3, DOCTORS)], None)
    assert (below.status, below.difference, below.remaining) == (Status.NO_TREND, -1.0, 1.0)
    above = compute_gap(target, DOCTORS, [_seen("2025", 7, DOCTORS)], None)
    assert (above.met, above.difference, above.remaining) == (False, 2.0, 2.0)
    assert "between 4 and 5" in above.explain()
    assert "∈ 4–5 by 2027" in repr(above)
    with pytest.raises(ValueError, match="exactly when the comparator is 'between'"):
        _target(4, DOCTORS, upper=5)
    with pytest.raises(ValueError, match="at or above value"):
        _target(4, DOCTORS, comparator="between", upper=3)


def test_a_change_target_asks_for_its_baseline_plus_the_change() -> None:
    stated = _target(10, change_from=Baseline(value=50))
    gap = compute_gap(stated, COVERAGE, [_seen("2025", 55)], None)
    assert gap.level == 60.0
    assert not gap.met
    text = gap.explain()
    assert "to rise by at least 10 percentage points from the baseline of 50%" in text
    assert "From its baseline that means reaching 60%." in text
    history = [_seen("2020", 40), _seen("2024", 48)]
    observed = compute_gap(_target(10, change_from=Baseline()), COVERAGE, history, None, baseline=history[0])
    assert observed.level == 50.0  # 40 observed at the baseline, plus 10 points
    assert observed.status is Status.ON_TRACK  # +2 points a year reach 60 by 2030
    alone = compute_gap(_target(1.5, change_from=Baseline()), COVERAGE, [_seen("2025", 40)], None)
    assert alone.level == 41.5  # with one value, that value is the baseline


def test_a_level_that_holds_from_a_year_is_due_at_its_start() -> None:
    target = _target(100, deadline=None, holds_from="2030")
    history = [_seen("2022", 60), _seen("2026", 80)]  # +5 a year reaches 100 at the start of 2030
    gap = compute_gap(target, COVERAGE, history, None, baseline=history[0])
    assert gap.years_left == pytest.approx(3.0, abs=0.01)
    assert gap.status is Status.OFF_TRACK  # 95 at the start of 2030
    assert "from 2030 on" in gap.explain()
    late = compute_gap(target, COVERAGE, [_seen("2031", 90)], None)
    assert late.status is Status.OVERDUE
    assert "the start of 2030" in late.explain()


def test_a_target_with_no_deadline_is_never_given_one() -> None:
    target = _target(95, deadline=None)
    assert target.due is None
    gap = compute_gap(target, COVERAGE, [_seen("2020", 10), _seen("2025", 16)], None)
    assert gap.status is Status.NO_DEADLINE
    assert (gap.years_left, gap.projection, gap.required_change_per_year) == (None, None, None)
    assert "(no stated deadline)" in gap.explain()
    assert "no stated deadline" in repr(gap)
    bundled = vnhealth.indicator_gap("moh-2025-plan-electronic-health-book")
    assert bundled.target.deadline is None
    assert bundled.status is Status.NO_DEADLINE


def test_percent_changes_are_in_points_and_numbers_keep_the_data_precision() -> None:
    history = [_seen("2020", 93.2), _seen("2024", 93.4)]
    gap = compute_gap(_target(95), COVERAGE, history, None, baseline=history[0])
    text = gap.explain()
    assert "falls short by 1.6 percentage points" in text
    assert "percentage points a year" in text
    assert "% a year (" not in text.replace("+", "")  # no change of a percentage is written in percent
    exact = compute_gap(_target(93.2), COVERAGE, history, None)
    assert exact.difference == pytest.approx(0.2)
    assert exact.difference != 0.2
    assert "93.4%" in repr(exact)
    assert "0.20000000000000284" not in exact.explain()


def test_the_baseline_is_the_value_at_adoption_else_the_earliest() -> None:
    history = [_seen("2010", 1), _seen("2016", 2), _seen("2018", 3), _seen("2024", 4)]
    adopted = pendulum.Date(2017, 10, 25)
    assert choose_baseline(history, adopted=adopted) == history[1]  # 2016: the latest by the end of 2017
    assert choose_baseline(history, adopted=None) == history[0]
    assert choose_baseline(history, adopted=pendulum.Date(2005, 1, 1)) == history[0]
    assert choose_baseline(history, rule=BaselineRule.EARLIEST, adopted=adopted) == history[0]
    assert choose_baseline(history, rule=Period(year=2018)) == history[2]
    assert choose_baseline(history, rule=Period(year=2000)) is None
    assert choose_baseline(history[-1:]) is None  # one date shows no trend
    # The latest value is never its own baseline, even when the instrument came after it.
    assert choose_baseline(history, adopted=pendulum.Date(2030, 1, 1)) == history[2]


def test_baseline_is_a_query_argument() -> None:
    target = "20-nq-tw-life-expectancy-2030"
    default = vnhealth.indicator_gap(target)
    earliest = vnhealth.indicator_gap(target, baseline="earliest")
    chosen = vnhealth.indicator_gap(target, baseline="2020")
    assert default.baseline is not None
    assert earliest.baseline is not None
    assert chosen.baseline is not None
    assert earliest.baseline.as_of.end <= default.baseline.as_of.end
    assert default.baseline.as_of.end <= pendulum.Date(2017, 12, 31)  # 20-NQ/TW was adopted in 2017
    assert chosen.baseline.as_of.end <= pendulum.Date(2020, 12, 31)
    assert vnhealth.gaps(baseline=BaselineRule.EARLIEST)[0] == vnhealth.indicator_gap(
        vnhealth.gaps()[0].target, baseline="earliest"
    )


def test_a_trend_stays_within_one_series() -> None:
    a, b = Series(id="survey", description="A survey"), Series(id="stat", description="A statistic")
    data = vnhealth.Dataset(
        series=(a, b),
        indicators=(COVERAGE,),
        resolutions=(Resolution(id="plan", title="Plan", kind="decision", issuer="Government"),),
        observations=(
            _seen("2010", 10, series="survey"),
            _seen("2012", 50, series="stat"),
            _seen("2020", 20, series="survey"),
            _seen("2022", 60, series="stat"),
        ),
        targets=(_target(90),),
    )
    latest = data.indicator_gap("t")
    assert latest.series == "stat"  # the series with the most recent value
    assert latest.baseline is not None
    assert latest.baseline.value == 50
    assert latest.trend_per_year == pytest.approx(1.0, rel=0.01)
    own = attrs.evolve(data, targets=(attrs.evolve(data.targets[0], series="survey"),)).indicator_gap("t")
    assert own.series == "survey"
    assert own.observation is not None
    assert own.observation.value == 20
    assert "series 'survey'" in own.explain()


def test_bundled_observations_name_their_series() -> None:
    data = vnhealth.load()
    assert all(observation.series is not None for observation in data.observations)
    assert {observation.series for observation in data.observations} <= {series.id for series in data.series}
    nation = data.areas[0]
    assert (nation.id, nation.name, nation.level, nation.code) == ("vn", "Việt Nam", AreaLevel.NATION, None)


def test_the_life_expectancy_gap_does_not_drift_with_the_calendar() -> None:
    gaps = [vnhealth.indicator_gap("72-nq-tw-life-expectancy-2030", as_of=day) for day in ("2026", "2028", "2029-12")]
    assert len({gap.status for gap in gaps}) == 1
    assert len({attrs.evolve(gap, as_of=None) for gap in gaps}) == 1


def test_a_stated_baseline_value_must_be_finite_and_an_area_cannot_lie_in_itself() -> None:
    with pytest.raises(ValueError, match="must be a finite number"):
        Baseline(value=float("nan"))
    looped = vnhealth.Dataset(areas=(Area(id="hn", name="Hà Nội", level="province", parent="hn"),))
    assert [(p.path, p.message) for p in looped.problems()] == [("areas[0].parent", "'hn' cannot lie in itself")]


def test_dangling_areas_and_series_are_problems() -> None:
    data = vnhealth.Dataset(
        areas=(Area(id="hn", name="Hà Nội", level="province", parent="nowhere"),),
        indicators=(COVERAGE,),
        observations=(_seen("2024", 90, area="hcm", series="nope"),),
    )
    messages = sorted(f"{p.path}: {p.message}" for p in data.problems() if "citation" not in p.path)
    assert messages == [
        "areas[0].parent: unknown area 'nowhere'",
        "observations[0].area: unknown area 'hcm'",
        "observations[0].series: unknown series 'nope'",
    ]


def test_a_province_publishes_its_own_areas_observations_and_targets(tmp_path: Path) -> None:
    text = "Tỉnh đạt 92% dân số tham gia bảo hiểm y tế năm 2024. Năm 2020 tỷ lệ là 84%. Kế hoạch: 96% vào năm 2030."
    report = Source(
        id="qn-report", outlet="Sở Y tế", title="Báo cáo", url="https://example.invalid/qn",
        published="2025-12-31", language="vi", text=text,
    )  # fmt: skip
    insurance = "health_insurance_coverage"
    province = vnhealth.Dataset(
        sources=(report,),
        areas=(Area(id="quang-ngai", name="Tỉnh Quảng Ngãi", level="province", code="51", parent="vn"),),
        resolutions=(Resolution(id="qn-plan", title="Kế hoạch của tỉnh", kind="action_plan", issuer="UBND tỉnh"),),
        observations=(
            Observation(indicator=insurance, value=84, unit="percent", as_of="2020", area="quang-ngai",
                        citation=Citation(source="qn-report", quote="Năm 2020 tỷ lệ là 84%")),
            Observation(indicator=insurance, value=92, unit="percent", as_of="2024", area="quang-ngai",
                        citation=Citation(source="qn-report", quote="Tỉnh đạt 92% dân số")),
        ),
        targets=(
            Target(id="qn-insurance-2030", indicator=insurance, value=96, unit="percent", comparator="at_least",
                   deadline="2030", set_by="qn-plan", area="quang-ngai",
                   citation=Citation(source="qn-report", quote="96% vào năm 2030")),
        ),
    )  # fmt: skip
    data = vnhealth.load().merge(province)
    assert data.problems() == ()
    data.dump(tmp_path / "with-province.json")
    assert vnhealth.load(tmp_path / "with-province.json") == data  # the same schema, read back
    assert data.area("Tinh Quang Ngai").code == "51"
    gap = data.indicator_gap("qn-insurance-2030")
    assert gap.area == "quang-ngai"
    assert gap.observation is not None
    assert gap.observation.value == 92
    assert gap.status is Status.ON_TRACK  # +2 points a year from 2020 reach 96 by 2026
    assert "in area 'quang-ngai'" in gap.explain()
    assert data.latest(insurance, area="quang-ngai") == gap.observation
    national = data.latest(insurance)
    assert national is not None
    assert national.area == "vn"
    assert len(data.observations_of(insurance, area="quang-ngai")) == 2
    assert [t.id for t in data.targets_where(area="quang-ngai")] == ["qn-insurance-2030"]
    assert [g.target.id for g in data.gaps(area="quang-ngai")] == ["qn-insurance-2030"]
    # The national target measured against the province's values.
    measured = data.indicator_gap("72-nq-tw-health-insurance-2026", area="quang-ngai")
    assert measured.area == "quang-ngai"
    assert measured.met is False
    with pytest.raises(vnhealth.NotFound):
        data.latest(insurance, area="atlantis")
    stray = province.merge(vnhealth.Dataset(observations=(attrs.evolve(province.observations[0], area="atlantis"),)))
    stray.dump(tmp_path / "stray.json")
    with pytest.raises(LoadError, match="unknown area 'atlantis'"):
        vnhealth.load(tmp_path / "stray.json")


def test_areas_and_series_are_records_of_the_dataset() -> None:
    assert isinstance(vnhealth.load().records("areas")[0], Area)
    assert isinstance(vnhealth.load().records("series")[0], Series)
    assert Source  # the public names resolve


def test_the_command_line_takes_an_area_and_a_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    from vnhealth._cli import main

    assert main(["gaps", "--area", "Viet Nam", "--baseline", "earliest"]) == 0
    out = capsys.readouterr().out
    assert "≥ 95% (no stated deadline)" in out  # the electronic health book's target, with no deadline
    assert "∈ 4–5 by 2027" in out
    assert main(["gaps", "--area", "nowhere"]) != 0
    assert "no area with id 'nowhere'" in capsys.readouterr().err


def test_the_gaps_table_of_the_data_package_is_rounded_to_the_data(tmp_path: Path) -> None:
    import csv

    vnhealth.load().export(tmp_path)
    with (tmp_path / "gaps.csv").open(encoding="utf-8") as stream:
        rows = {row["target"]: row for row in csv.DictReader(stream)}
    assert rows["20-nq-tw-life-expectancy-2025"]["difference"] == "0.3"  # 74.8 − 74.5, not 0.29999999999999716
    with (tmp_path / "areas.csv").open(encoding="utf-8") as stream:
        assert next(csv.DictReader(stream))["name"] == "Việt Nam"


def test_every_kind_of_record_renders_as_a_table() -> None:
    from vnhealth._records import KINDS

    data = vnhealth.load()
    for kind in KINDS:
        assert data.records(kind)._repr_html_().startswith("<table")


@pytest.mark.extras
def test_a_chart_places_targets_held_from_a_year_and_leaves_out_those_with_no_deadline() -> None:
    import vnhealth.plot

    chart = vnhealth.plot.history("electronic_health_book_coverage")
    texts = " ".join(text.get_text() for axes in chart.axes for text in axes.texts)
    assert "≥ 100 from 2030 on" in texts
    assert "no stated deadline" not in texts  # a target with no deadline has no place on a time axis
    progress = vnhealth.plot.progress()
    labels = " ".join(label.get_text() for axes in progress.axes for label in axes.get_yticklabels())
    assert labels
