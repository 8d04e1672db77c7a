"""Units: conversion within a dimension round-trips, across dimensions is refused."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnhealth import IncompatibleUnits, Unit, VnhealthError, convert
from vnhealth.strategies import compatible_units, units

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)


@given(finite, units(), units())
def test_conversion_round_trips(value: float, source: Unit, target: Unit) -> None:
    if target in compatible_units(source):
        there = convert(value, source, target)
        assert math.isclose(convert(there, target, source), value, rel_tol=1e-12, abs_tol=1e-300)
        assert source.compatible(target)
        assert target.compatible(source)
    else:
        assert not source.compatible(target)
        with pytest.raises(IncompatibleUnits, match="measure different things"):
            convert(value, source, target)


@given(finite, units())
def test_converting_to_the_same_unit_changes_nothing(value: float, unit: Unit) -> None:
    assert convert(value, unit, unit) == value
    assert unit.convert(value, unit) == value


@given(finite, st.sampled_from(compatible_units(Unit.PER_1K_PEOPLE)), st.data())
def test_conversion_is_transitive(value: float, first: Unit, data: st.DataObject) -> None:
    second = data.draw(st.sampled_from(compatible_units(first)))
    third = data.draw(st.sampled_from(compatible_units(first)))
    direct = convert(value, first, third)
    assert math.isclose(convert(convert(value, first, second), second, third), direct, rel_tol=1e-12, abs_tol=1e-300)


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (1.0, Unit.PER_1K_PEOPLE, Unit.PER_10K_PEOPLE, 10.0),
        (15.0, Unit.PER_10K_PEOPLE, Unit.PER_1K_PEOPLE, 1.5),
        (15.0, Unit.PER_10K_PEOPLE, Unit.PER_100K_PEOPLE, 150.0),
        (12.0, Unit.PER_1K_LIVE_BIRTHS, Unit.PER_100K_LIVE_BIRTHS, 1200.0),
        (0.95, Unit.SHARE, Unit.PERCENT, 95.0),
        (95.0, Unit.PERCENT, Unit.SHARE, 0.95),
    ],
)
def test_conversion_examples(value: float, source: Unit, target: Unit, expected: float) -> None:
    assert source.convert(value, target) == pytest.approx(expected)


def test_incompatible_units_is_a_value_error_of_vnhealth() -> None:
    with pytest.raises(IncompatibleUnits) as raised:
        convert(1.0, Unit.YEARS, Unit.CENTIMETRES)
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, VnhealthError)
    with pytest.raises(IncompatibleUnits):
        Unit.PERCENT.convert(1.0, Unit.PER_1K_PEOPLE)


def test_labels_read_after_a_number() -> None:
    assert Unit.PER_10K_PEOPLE.label == "per 10,000 people"
    assert Unit.PERCENT.label == "%"
    assert Unit.COUNT.label == ""
    assert all(isinstance(unit.label, str) for unit in Unit)


def test_units_are_their_data_file_strings() -> None:
    assert Unit("per_10k_people") is Unit.PER_10K_PEOPLE
    assert Unit.CENTIMETRES == "cm"
