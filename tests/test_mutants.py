"""Tests written to kill the mutants mutation testing found alive (docs/reliability.md lists them).

Each test pins a behaviour the other tests left open: an edge of a comparison,
a branch no example reached, the exact words of a message.
"""

from __future__ import annotations

import pytest

import vnhealth
from vnhealth import DocumentNumber, DocumentNumberError


@pytest.fixture(scope="module")
def data() -> vnhealth.Dataset:
    return vnhealth.load()


# -- document numbers ----------------------------------------------------------------


def test_a_type_code_alone_is_not_a_document_number() -> None:
    # "15/NQ" has a type code and no issuer: not a number (and not an IndexError on the missing issuer).
    with pytest.raises(DocumentNumberError, match="not a Vietnamese document number"):
        DocumentNumber.parse("15/NQ")


def test_digits_and_a_slash_need_a_type_or_a_known_issuer() -> None:
    with pytest.raises(DocumentNumberError):
        DocumentNumber.parse("3/3")
    # A known type code makes a number even when the issuer is not one we know.
    number = DocumentNumber.parse("5/NQ-XYZ")
    assert (number.type_code, number.issuer, number.type_name, number.issuer_name) == (
        "NQ",
        ("XYZ",),
        "resolution",
        None,
    )


def test_document_numbers_order_strictly() -> None:
    a, b = DocumentNumber.parse("72-NQ/TW"), DocumentNumber.parse("282/NQ-CP")
    same = DocumentNumber.parse("Nghị quyết số 72 - NQ/TW")
    assert (same, not a < same, not same < a) == (a, True, True)
    assert (a < b) != (b < a)
    assert sorted([b, a, b]) == sorted([a, b, b])


# -- gaps ----------------------------------------------------------------------------


def test_a_gap_without_data_says_so(data: vnhealth.Dataset) -> None:
    empty = [gap for gap in data.gaps() if gap.observation is None]
    assert empty, "the bundled data has a target with no observation yet"
    for gap in empty:
        assert repr(gap).startswith(f"<Gap {gap.target.id!r}: no data against ")
        assert repr(gap).endswith(": no data>")
        assert f"Gap of {gap.target.id}" in gap._repr_html_()


def test_rates_are_undefined_without_time_or_a_positive_start_and_end() -> None:
    from vnhealth._gaps import _rate

    assert _rate(1.0, 2.0, 1.0) == pytest.approx(1.0)
    assert _rate(2.0, 1.0, 1.0) == pytest.approx(-0.5)
    for start, end, years in [(1.0, 2.0, 0.0), (1.0, 2.0, -1.0), (0.0, 2.0, 1.0), (-1.0, 2.0, 1.0), (1.0, 0.0, 1.0)]:
        assert _rate(start, end, years) is None, (start, end, years)


@pytest.mark.parametrize(
    ("value", "label", "text"),
    [(1234.5, "%", "1,234.5%"), (3.0, "years", "3 years"), (0.1, "", "0.1"), (40.0, "%", "40%"), (2.25, "", "2.25")],
)
def test_numbers_in_words(value: float, label: str, text: str) -> None:
    from vnhealth._format import number

    assert number(value, label) == text


@pytest.mark.parametrize(
    ("value", "text"), [(0.0, "+0 years"), (0.5, "+0.5 years"), (-0.5, "−0.5 years"), (None, "an undefined change")]
)
def test_signed_changes(value: float | None, text: str) -> None:
    from vnhealth._gaps import _signed

    assert _signed(value, "years") == text


@pytest.mark.parametrize("as_of", [None, "2024-12-31", "2026-06-30", "2031-12-31"])
def test_every_explanation_says_what_the_gap_holds(data: vnhealth.Dataset, as_of: str | None) -> None:
    from vnhealth._format import number

    for gap in data.gaps(as_of=as_of):
        text = gap.explain()
        target, label, places = gap.target, gap.target.unit.label, gap.precision
        assert text.startswith(f"The target {target.id!r} set by {target.set_by!r} is {gap.indicator.name.lower()} ")
        assert "  " not in text
        observation = gap.observation
        if observation is None:
            assert text.endswith("so progress cannot be measured.")
            continue
        status = f"Status: {gap.status.value}."
        assert text.endswith(f" {status}")
        qualifier = observation.qualifier.value
        shown = "" if qualifier == "exact" else qualifier.replace("_", " ") + " "
        value = number(observation.value, label, decimals=places)
        assert f"The latest value, {shown}{value} for {observation.as_of} " in text
        points = "percentage points" if label == "%" else label
        series = f", series {gap.series!r}" if gap.series is not None else ""
        cited = f"(source {observation.citation.source!r}{series}), "
        if gap.met:
            assert cited + "meets it." in text
            assert "falls short" not in text
        else:
            assert cited + f"falls short by {number(abs(gap.difference or 0.0), points, decimals=places)}." in text
        late = {vnhealth.Status.OVERDUE, vnhealth.Status.NO_DEADLINE}
        needs = gap.status not in late and not gap.met and gap.years_left is not None
        assert ("years from that value to the deadline it needs" in text) == needs
        trend = gap.trend_per_year is not None and gap.baseline is not None
        assert (" it has changed by " in text) == trend


@pytest.mark.parametrize("qualifier", list(vnhealth.Qualifier))
def test_an_explanation_words_every_qualifier(data: vnhealth.Dataset, qualifier: vnhealth.Qualifier) -> None:
    import attrs

    gap = next(gap for gap in data.gaps() if gap.observation is not None)
    assert gap.observation is not None
    shown = attrs.evolve(gap, observation=attrs.evolve(gap.observation, qualifier=qualifier))
    words = {"exact": "", "at_least": "at least ", "at_most": "at most "}.get(qualifier.value, qualifier.value + " ")
    assert f"The latest value, {words}{gap.observation.value:g}" in shown.explain()


def test_a_target_missed_by_nothing_falls_short_by_nothing(data: vnhealth.Dataset) -> None:
    import attrs

    # A strict comparator ("more than 40") is missed by a value equal to the target: short by 0, not 1.
    gap = next(gap for gap in data.gaps() if gap.observation is not None and not gap.met)
    level = attrs.evolve(gap, difference=0.0)
    assert "falls short by 0 " in level.explain() or "falls short by 0%" in level.explain()


def test_the_growth_rate_compounds_to_the_trend(data: vnhealth.Dataset) -> None:
    checked = 0
    for as_of in (None, "2031-12-31"):
        for gap in data.gaps(as_of=as_of):
            if gap.baseline is None or gap.observation is None:
                assert gap.trend_growth_rate is None
                continue
            start, end = gap.baseline.value, gap.observation.value
            if start <= 0 or end <= 0 or not gap.trend_per_year:
                continue
            elapsed = (end - start) / gap.trend_per_year
            assert gap.trend_growth_rate is not None
            assert (1 + gap.trend_growth_rate) ** elapsed == pytest.approx(end / start)
            checked += 1
    assert checked, "the bundled data has indicators with a trend"


def test_a_met_target_has_nothing_remaining(data: vnhealth.Dataset) -> None:
    import attrs

    from vnhealth._gaps import compute_gap

    # "At most 100" of an indicator where higher is better is met by 99.5, though 0.5 below: nothing remains.
    gap = next(gap for gap in data.gaps() if gap.observation is not None and gap.indicator.direction.sign > 0)
    assert gap.observation is not None
    value = gap.observation.value
    target = attrs.evolve(gap.target, comparator=vnhealth.Comparator.AT_MOST, value=value * 1.005)
    met = compute_gap(target, gap.indicator, [gap.observation], None)
    assert met.met
    assert met.remaining == 0.0
    short = compute_gap(
        attrs.evolve(target, comparator=vnhealth.Comparator.AT_LEAST), gap.indicator, [gap.observation], None
    )
    assert not short.met
    assert short.remaining == pytest.approx(value * 0.005)


def _as_of_dates(data: vnhealth.Dataset) -> list[object]:
    """None, a few dates, and the last day of every deadline (where exactly no time is left)."""
    deadlines = {target.deadline.end for target in data.targets if target.deadline is not None}
    return [None, "2024-12-31", "2026-03-01", "2031-12-31", *sorted(deadlines)]


def test_a_gaps_figures_follow_from_its_values(data: vnhealth.Dataset) -> None:
    seen_statuses = set()
    for as_of in _as_of_dates(data):
        for gap in data.gaps(as_of=as_of):  # type: ignore[arg-type]
            target = gap.target
            plain = target.deadline is not None and target.change_from is None and target.upper is None
            if gap.observation is None or not plain or target.holds_from is not None:
                continue  # the arithmetic below is that of a level due by a deadline
            value, goal, sign = gap.observation.value, target.value, gap.indicator.direction.sign
            assert gap.years_left is not None
            seen_statuses.add(gap.status)
            # Overdue: a value from the deadline on that misses it (years_left counts from the value's own date).
            assert (gap.status is vnhealth.Status.OVERDUE) == (not gap.met and gap.years_left <= 0)
            assert gap.remaining == (0.0 if gap.met else pytest.approx(max(0.0, sign * (goal - value))))
            ahead = gap.years_left > 0 and not gap.met
            if ahead:
                assert gap.required_change_per_year == pytest.approx((goal - value) / gap.years_left)
            else:
                assert gap.required_change_per_year is None
            if ahead and value > 0 and goal > 0:
                assert gap.required_growth_rate is not None
                assert (1 + gap.required_growth_rate) ** gap.years_left == pytest.approx(goal / value)
            else:
                assert gap.required_growth_rate is None
            if gap.trend_per_year is not None:
                expected = value + gap.trend_per_year * max(gap.years_left, 0.0)
                assert gap.projection == pytest.approx(expected)
    assert {vnhealth.Status.MET, vnhealth.Status.OFF_TRACK, vnhealth.Status.ON_TRACK} <= seen_statuses


# -- the model's converters and validators ---------------------------------------------


def _directive(**changes: object) -> vnhealth.Directive:
    fields: dict[str, object] = {
        "id": "d1",
        "text": "Care for the people's health",
        "issued_by": "pham-minh-chinh",
        "issued_on": "2026-02-24",
        "addressee": "health sector",
        "citation": vnhealth.Citation(source="s1", quote="Care for the people's health"),
    }
    return vnhealth.Directive(**{**fields, **changes})  # type: ignore[arg-type]


def test_themes_named_by_their_strings_become_a_frozenset_of_themes() -> None:
    # Records built in code may name themes as data files do; the record still holds Theme members.
    themes = [vnhealth.Theme.FINANCING.value, vnhealth.Theme.PREVENTION.value]
    directive = _directive(themes=themes)
    assert type(directive.themes) is frozenset
    assert directive.themes == {vnhealth.Theme.FINANCING, vnhealth.Theme.PREVENTION}
    assert all(type(theme) is vnhealth.Theme for theme in directive.themes)
    assert _directive(themes=iter(themes)).themes == directive.themes  # any iterable, read once


def test_a_field_that_must_be_text_names_itself_and_what_it_was_given() -> None:
    with pytest.raises(TypeError, match=r"^outlet must be text, not int$"):
        vnhealth.Source(
            id="s1",
            outlet=5,  # type: ignore[arg-type]
            title="t",
            url="https://example.vn",
            published="2026-01-01",
            language="vi",
        )


def test_an_id_that_is_not_text_names_its_field_and_what_it_was_given() -> None:
    with pytest.raises(TypeError, match=r"^source must be text, not int$"):
        vnhealth.Citation(source=72, quote="x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^source must not be empty$"):
        vnhealth.Citation(source="  ", quote="x")


# -- document numbers and periods as value classes (survivors of the run after the loader rewrite) --


@pytest.mark.parametrize("written", ["72-NQ/TƯ", "72-nq/tư"])
def test_the_party_issuer_written_with_its_horn_is_tw(written: str) -> None:
    assert DocumentNumber.parse(written).issuer == ("TW",)


def test_a_type_code_written_without_its_diacritic_is_given_it() -> None:
    assert str(DocumentNumber.parse("388/qd-ttg")) == "388/QĐ-TTg"


def test_a_document_number_built_in_code_says_what_is_wrong_and_keeps_its_year() -> None:
    with pytest.raises(
        DocumentNumberError, match=r"^a document number's serial must be a whole number 0 or more, not -1$"
    ):
        DocumentNumber(number=-1, type_code="NQ", issuer=("TW",))
    with pytest.raises(DocumentNumberError, match=r"^a document number needs an issuer code$"):
        DocumentNumber(number=5, type_code="NQ", issuer=())
    assert DocumentNumber(number=5, year=2025, type_code="NQ", issuer=("TW",)).year == 2025


def test_a_period_spans_the_years_one_to_9999() -> None:
    assert (vnhealth.Period(year=1).year, vnhealth.Period(year=9999).year) == (1, 9999)
    for year in (0, 10000):
        with pytest.raises(vnhealth.InvalidDate):
            vnhealth.Period(year=year)
    with pytest.raises(vnhealth.InvalidDate, match=r"^a period with a day needs a month$"):
        vnhealth.Period(year=2024, day=3)


def test_days_of_one_month_order_by_their_day() -> None:
    early, late = vnhealth.Period(year=2024, month=1, day=5), vnhealth.Period(year=2024, month=1, day=20)
    assert early < late
    assert sorted([late, early]) == [early, late]


def test_a_date_as_a_decimal_year_counts_the_days_of_its_own_year() -> None:
    import pendulum

    from vnhealth._dates import year_fraction

    assert year_fraction(pendulum.Date(2023, 7, 2)) == 2023 + 182 / 365  # not a leap year
    assert year_fraction(pendulum.Date(2024, 7, 2)) == 2024 + 183 / 366
