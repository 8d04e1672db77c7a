"""Strict ISO dates and periods of year, month or day precision."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnhealth import InvalidDate, Period
from vnhealth._dates import parse_date, to_date, year_fraction
from vnhealth.strategies import dates, periods


def test_parse_date_reads_iso_only() -> None:
    assert parse_date("2025-02-24") == pendulum.Date(2025, 2, 24)
    assert type(parse_date("2025-02-24")) is pendulum.Date
    # Vietnamese writing puts the day first; nothing here guesses.
    for text in ["24/02/2025", "2025-2-24", "20250224", "2025-02-24T00:00", "2025-02-30"]:
        with pytest.raises(ValueError, match=r"ISO date|day is out of range"):
            parse_date(text)


def test_parse_date_shares_one_object_per_date() -> None:
    assert parse_date("2026-02-27") is parse_date("2026-02-27")


@given(st.dates())
def test_to_date_accepts_dates_datetimes_and_iso_strings(day: dt.date) -> None:
    expected = pendulum.Date(day.year, day.month, day.day)
    moment = dt.datetime(day.year, day.month, day.day, 13, 5, tzinfo=dt.UTC)
    for value in (day, moment, day.isoformat(), f"  {day.isoformat()} "):
        converted = to_date(value)
        assert converted == expected
        assert type(converted) is pendulum.Date


@given(dates())
def test_to_date_passes_pendulum_dates_through(day: pendulum.Date) -> None:
    assert to_date(day) is day


def test_to_date_rejects_other_types() -> None:
    with pytest.raises(InvalidDate, match="not int"):
        to_date(2025)  # type: ignore[arg-type]


def test_year_fraction() -> None:
    assert year_fraction(dt.date(2024, 1, 1)) == 2024.0
    assert year_fraction(dt.date(2024, 12, 31)) == pytest.approx(2024 + 365 / 366)
    assert year_fraction(dt.date(2025, 7, 2)) == pytest.approx(2025 + 182 / 365)


@given(st.dates(), st.dates())
def test_year_fraction_is_monotonic(a: dt.date, b: dt.date) -> None:
    if a < b:
        assert year_fraction(a) < year_fraction(b)
    assert int(year_fraction(a)) == a.year


@given(periods())
def test_period_str_then_parse_is_the_identity(period: Period) -> None:
    assert Period.parse(str(period)) == period
    assert Period.of(str(period)) == period


@given(periods())
def test_a_period_runs_from_its_start_to_its_end(period: Period) -> None:
    assert period.start <= period.end
    assert period.contains(period.start)
    assert period.contains(period.end)
    assert not period.contains(period.end.add(days=1))
    assert not period.contains(period.start.subtract(days=1))
    assert type(period.start) is pendulum.Date
    assert type(period.end) is pendulum.Date


@given(periods(), periods())
def test_periods_order_by_their_last_day_then_precision(a: Period, b: Period) -> None:
    rank = {"year": 0, "month": 1, "day": 2}
    assert (a < b) == ((a.end, rank[a.precision]) < (b.end, rank[b.precision]))
    assert (a <= b) or (b <= a)


def test_period_precision_start_and_end() -> None:
    year, month, day = Period(year=2024), Period(year=2024, month=2), Period(year=2024, month=2, day=29)
    assert [p.precision for p in (year, month, day)] == ["year", "month", "day"]
    assert (year.start, year.end) == (pendulum.Date(2024, 1, 1), pendulum.Date(2024, 12, 31))
    assert (month.start, month.end) == (pendulum.Date(2024, 2, 1), pendulum.Date(2024, 2, 29))
    assert day.start == day.end == pendulum.Date(2024, 2, 29)
    assert [str(p) for p in (year, month, day)] == ["2024", "2024-02", "2024-02-29"]
    assert sorted([day, year, month]) == [month, day, year]
    assert month < day  # same last day: the coarser period first


def test_period_of_takes_periods_years_strings_and_dates() -> None:
    period = Period(year=2030)
    assert Period.of(period) is period
    assert Period.of(2030) == period
    assert Period.of(" 2030-06 ") == Period(year=2030, month=6)
    assert Period.of(dt.date(2030, 6, 1)) == Period(year=2030, month=6, day=1)
    assert Period.of(pendulum.Date(2030, 6, 1)) == Period(year=2030, month=6, day=1)
    with pytest.raises(InvalidDate):
        Period.of(True)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"year": 0}, "year"),
        ({"year": 10000}, "year"),
        ({"year": 2024, "month": 13}, "month 13"),
        ({"year": 2024, "month": 0}, "month 0"),
        ({"year": 2024, "day": 1}, "needs a month"),
        ({"year": 2025, "month": 2, "day": 29}, "no day 29"),
    ],
)
def test_period_rejects_impossible_periods(fields: dict[str, int], message: str) -> None:
    # InvalidDate, a vnhealth error, and never attrs' bare ValueError.
    with pytest.raises(InvalidDate, match=message):
        Period(**fields)
    if set(fields) == {"year"}:
        with pytest.raises(InvalidDate, match=message):
            Period.of(fields["year"])
    elif "month" in fields:  # a day without a month has no ISO form
        with pytest.raises(InvalidDate, match=message):
            Period.parse(_iso(fields))


def _iso(fields: dict[str, int]) -> str:
    return "-".join(
        f"{fields[part]:0{width}d}" for part, width in (("year", 4), ("month", 2), ("day", 2)) if part in fields
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"year": "2024"},
        {"year": 2024.0},
        {"year": True},
        {"year": 2024, "month": "1"},
        {"year": 2024, "month": 1, "day": 1.5},
    ],
)
def test_period_fields_must_be_whole_numbers(fields: dict[str, object]) -> None:
    part, value = next((part, value) for part, value in fields.items() if not isinstance(value, int) or value is True)
    message = f"^a period's {part} must be a whole number, not {type(value).__name__}$"
    with pytest.raises(InvalidDate, match=message):
        Period(**fields)  # type: ignore[arg-type]


def test_a_bool_is_not_a_year() -> None:
    # bool is an int to Python; True is not the year 1.
    with pytest.raises(InvalidDate, match=r"^expected a period, a date, an ISO string or a year, not bool$"):
        Period.of(True)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["٢٠٢٥", "٢٠٢٥-٠١", "２０２５-０１-０１", "2025-0١", "2025-01-0१", "𝟐𝟎𝟐𝟓"])
def test_only_ascii_digits_make_a_period_or_a_date(text: str) -> None:
    # int() reads any decimal digits ("٢٠٢٥" is 2025), so the patterns must not let them through.
    with pytest.raises(InvalidDate, match="ISO"):
        Period.parse(text)
    with pytest.raises(InvalidDate, match="ISO"):
        Period.of(text)
    with pytest.raises(InvalidDate, match="ISO"):
        parse_date(text)
    with pytest.raises(InvalidDate, match="ISO"):
        to_date(text)


@pytest.mark.parametrize("value", [None, 2025, 20.25, b"2025", ["2025"], {"year": 2025}])
def test_parsers_given_no_string_raise_invalid_date(value: object) -> None:
    # The message names the type that was given.
    with pytest.raises(InvalidDate, match=rf"^expected an ISO period string .*, not {type(value).__name__}$"):
        Period.parse(value)  # type: ignore[arg-type]
    with pytest.raises(InvalidDate, match=rf"^expected an ISO date string \(YYYY-MM-DD\), not {type(value).__name__}$"):
        parse_date(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("year", "shown"),
    [
        (10**5000, "<a 16610-bit number>"),
        (-(10**50), "<a 167-bit number>"),
        (10**40, "<a 133-bit number>"),
        (10**40 - 1, "9" * 40),
        (10_001, "10001"),
        (-7, "-7"),
    ],
    ids=["5001-digits", "minus-51-digits", "41-digits", "40-digits", "10001", "minus-7"],
)
def test_huge_years_are_described_not_printed(year: int, shown: str) -> None:
    # str() of an int of more than 4,300 digits raises ValueError itself.
    with pytest.raises(InvalidDate, match=f"^year {shown} is not 1..9999$"):
        Period.of(year)


def test_messages_quote_only_an_excerpt_of_huge_text() -> None:
    text = "9" * 1_000_000
    with pytest.raises(InvalidDate) as caught:
        Period.parse(text)
    assert (
        str(caught.value)
        == f"{'9' * 40!r}... (1,000,000 characters) is not an ISO period (YYYY, YYYY-MM or YYYY-MM-DD)"
    )
    with pytest.raises(InvalidDate, match=r"^'x' is not an ISO date"):
        parse_date("x")
    forty = "y" * 40
    with pytest.raises(InvalidDate, match=rf"^'{forty}' is not an ISO date"):
        parse_date(forty)


@pytest.mark.parametrize("text", ["24", "2024-1", "2024/01", "2024-01-01-01", "năm 2024", ""])
def test_period_parse_rejects_other_forms(text: str) -> None:
    with pytest.raises(ValueError, match="ISO period"):
        Period.parse(text)


def test_periods_compare_only_with_periods() -> None:
    with pytest.raises(TypeError):
        _ = Period(year=2024) < pendulum.Date(2024, 1, 1)  # type: ignore[operator]
