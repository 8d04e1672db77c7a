"""Only vnhealth's own errors escape: the public text and date functions on arbitrary input.

Each property gives a function any string (or any value at all) and accepts
exactly two outcomes: a result, or an error rooted in `vnhealth.VnhealthError`
that is also the builtin a caller would catch. A bare ValueError, TypeError or
AttributeError from inside is a failure.
"""

from __future__ import annotations

from collections.abc import Callable

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import vnhealth
from vnhealth import InvalidDate, InvalidInput, Period, VnhealthError
from vnhealth._dates import parse_date, to_date
from vnhealth._text import fold, slug

# Text as hostile as Hypothesis makes it: every code point, lone surrogates and NUL included.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
# ISO-looking text built from every kind of decimal digit, so non-ASCII digits are tried often.
any_digit = st.characters(categories=["Nd"])
iso_looking = st.builds(
    lambda parts, separators: "".join(p + s for p, s in zip(parts, separators, strict=False)),
    st.lists(st.text(any_digit, min_size=1, max_size=4), min_size=1, max_size=3),
    st.lists(st.sampled_from(["-", "", "/", " "]), min_size=3, max_size=3),
)
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**4300, max_value=10**4400),
    st.floats(),
    st.binary(max_size=8),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    any_text,
)


def only_vnhealth_errors(function: Callable[[object], object], value: object, *, short: bool = True) -> object:
    """Call ``function(value)``: a result, or a VnhealthError; anything else fails the test.

    With ``short``, the error's message must stay short whatever the input: it
    may quote an excerpt, never the whole of a huge argument.
    """
    try:
        return function(value)
    except VnhealthError as error:
        raised = error
    assert isinstance(raised, ValueError | TypeError | LookupError), type(raised).__mro__
    if short:
        assert len(str(raised)) < 1_000, "a message repeats at most a short excerpt of the input"
    return raised


# -- dates ---------------------------------------------------------------------------


@given(st.one_of(any_text, iso_looking))
@example("٢٠٢٥-٠١")
@example("２０２５")
@example("2025-0१-01")
@example("x" * 100_000)
def test_period_parse_takes_only_ascii_iso(text: str) -> None:
    outcome = only_vnhealth_errors(Period.parse, text)
    if isinstance(outcome, Period):
        assert text.isascii()
        assert str(outcome) == text
    else:
        assert isinstance(outcome, InvalidDate)


@given(st.one_of(any_text, iso_looking))
@example("٢٠٢٥-٠١-٠١")
def test_parse_date_takes_only_ascii_iso(text: str) -> None:
    outcome = only_vnhealth_errors(parse_date, text)
    if isinstance(outcome, pendulum.Date):
        assert text.isascii()
        assert outcome.isoformat() == text
    else:
        assert isinstance(outcome, InvalidDate)


@given(st.one_of(anything, iso_looking))
@example(0)
@example(-1)
@example(10_000)
@example(True)
@example(["x"])
def test_period_of_and_to_date_take_anything(value: object) -> None:
    for function in (Period.of, to_date, Period.parse, parse_date):
        outcome = only_vnhealth_errors(function, value)  # type: ignore[arg-type]
        assert isinstance(outcome, Period | pendulum.Date | InvalidDate)


def test_a_year_of_five_thousand_digits_is_an_invalid_date() -> None:
    # Not a Hypothesis example: older Hypothesis cannot print an int that str() refuses.
    for function in (Period.of, to_date, Period.parse, parse_date):
        assert isinstance(only_vnhealth_errors(function, 10**5000), InvalidDate)  # type: ignore[arg-type]


@given(year=anything, month=anything, day=anything)
def test_period_fields_are_checked_by_vnhealth(year: object, month: object, day: object) -> None:
    outcome = only_vnhealth_errors(lambda _: Period(year=year, month=month, day=day), None)  # type: ignore[arg-type]
    assert isinstance(outcome, Period | InvalidDate)


# -- text ----------------------------------------------------------------------------


@given(any_text)
@example("\ud800")
@example("\x00")
@example("\u202eabc")
@example("e\u0301\u0301\u0301")
def test_fold_and_slug_take_any_string(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert slug(text) == slug(folded)
    assert slug(text).isascii()


@given(anything.filter(lambda value: not isinstance(value, str)))
def test_fold_and_slug_reject_non_strings_with_invalid_input(value: object) -> None:
    for function in (fold, slug, vnhealth.fold):
        with pytest.raises(InvalidInput, match="takes a string"):
            function(value)  # type: ignore[arg-type]
    assert issubclass(InvalidInput, TypeError)


# -- lookups on the bundled data: any text is a result or a vnhealth error ------------


@pytest.mark.parametrize(
    "function",
    [
        vnhealth.official,
        vnhealth.resolution,
        vnhealth.indicator,
        vnhealth.source,
        vnhealth.event,
        vnhealth.target,
        vnhealth.search,
        vnhealth.DocumentNumber.parse,
    ],
    ids=lambda function: function.__qualname__,
)
@given(text=any_text)
@example(text="")
@example(text="\ud800")
@example(text="1" * 5000)
def test_text_lookups_take_any_string(function: Callable[[str], object], text: str) -> None:
    # A lookup that finds nothing names what was asked, in full: its message is not held short here.
    only_vnhealth_errors(function, text, short=False)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "lookup",
    [vnhealth.official, vnhealth.resolution, vnhealth.indicator, vnhealth.source, vnhealth.event, vnhealth.target],
)
@pytest.mark.parametrize("key", [["x"], {"x": 1}, None, 7, 1.5, b"to-lam"])
def test_lookups_given_what_is_not_a_name_raise_vnhealth_errors(
    lookup: Callable[[object], object], key: object
) -> None:
    with pytest.raises(vnhealth.VnhealthError):
        lookup(key)
