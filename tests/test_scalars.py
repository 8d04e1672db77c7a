"""Period and DocumentNumber as the immutable scalar values they are: frozen, ordered, hashable, picklable."""

from __future__ import annotations

import copy
import operator
import pickle

import attrs
import pytest
from hypothesis import given

from vnhealth import DocumentNumber, DocumentNumberError, Period
from vnhealth import strategies as vs

COMPARISONS = (operator.lt, operator.le, operator.gt, operator.ge)


@given(vs.periods(), vs.periods())
def test_periods_order_by_their_sort_key(first: Period, second: Period) -> None:
    for compare in COMPARISONS:
        assert compare(first, second) is compare(first.sort_key, second.sort_key)
    assert (first == second) is ((first.year, first.month, first.day) == (second.year, second.month, second.day))
    if first == second:
        assert hash(first) == hash(second)


@given(vs.periods())
def test_a_period_is_a_frozen_value_that_survives_pickle_copy_and_repr(period: Period) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        period.year = 2000  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del period.month
    for again in (pickle.loads(pickle.dumps(period)), copy.deepcopy(period), eval(repr(period))):  # noqa: S301, S307
        assert again == period
        assert again.end == period.end


@given(vs.periods())
def test_a_period_is_not_ordered_against_other_things(period: Period) -> None:
    assert period != str(period)
    for compare in COMPARISONS:
        with pytest.raises(TypeError):
            compare(period, str(period))


@given(vs.document_numbers())
def test_a_document_number_is_a_frozen_value_that_survives_pickle_copy_and_repr(number: DocumentNumber) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        number.number = 1  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del number.issuer
    for again in (pickle.loads(pickle.dumps(number)), copy.deepcopy(number), eval(repr(number))):  # noqa: S301, S307
        assert again == number
        assert hash(again) == hash(number)
        assert str(again) == str(number)
    assert number != str(number)


@pytest.mark.parametrize(
    "fields",
    [{"number": -1, "issuer": ("TW",)}, {"number": 1.5, "issuer": ("TW",)}, {"number": 1, "issuer": ()}],
)
def test_a_document_number_refuses_what_no_document_carries(fields: dict[str, object]) -> None:
    with pytest.raises(DocumentNumberError):
        DocumentNumber(**fields)  # type: ignore[arg-type]
