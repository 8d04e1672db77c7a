"""The records: frozen, keyword-only, validated; the vocabularies and their behaviour."""

from __future__ import annotations

import math
import operator

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnhealth import (
    Citation,
    Comparator,
    Direction,
    Directive,
    DocumentNumber,
    Event,
    Indicator,
    InstrumentKind,
    Observation,
    Official,
    Period,
    Qualifier,
    Resolution,
    Role,
    Source,
    Target,
    Theme,
    Unit,
)
from vnhealth import strategies as vs

CITATION = Citation(source="vnexpress-2025", quote="6 key contents")
RECORD_TYPES = (Source, Citation, Role, Official, Resolution, Event, Directive, Indicator, Observation, Target)


@pytest.mark.parametrize("record_type", RECORD_TYPES)
def test_strategies_draw_valid_records_of_every_type(record_type: type) -> None:
    @given(st.from_type(record_type))
    def check(record: object) -> None:
        assert type(record) is record_type
        # Validators run again on a copy: what the strategy drew is valid.
        assert attrs.evolve(record) == record  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            record.id = "changed"  # type: ignore[attr-defined]

    check()


@given(st.from_type(pendulum.Date), st.from_type(Period), st.from_type(DocumentNumber))
def test_value_strategies_are_registered(day: pendulum.Date, period: Period, number: DocumentNumber) -> None:
    assert type(day) is pendulum.Date
    assert isinstance(period, Period)
    assert isinstance(number, DocumentNumber)


def test_records_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        Citation("vnexpress-2025", "6 key contents")  # type: ignore[misc]


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_ids_and_quotes_must_not_be_blank(blank: str) -> None:
    with pytest.raises(ValueError, match="source must not be empty"):
        Citation(source=blank, quote="x")
    with pytest.raises(ValueError, match="quote must not be empty"):
        Citation(source="s", quote=blank)
    with pytest.raises(ValueError, match="name must not be empty"):
        Official(id="to-lam", name=blank)


def test_text_fields_must_be_text() -> None:
    with pytest.raises(TypeError):
        Citation(source=72, quote="x")  # type: ignore[arg-type]


def _observation(value: float) -> Observation:
    return Observation(
        indicator="doctors_per_10k", value=value, unit=Unit.PER_10K_PEOPLE, as_of=Period(year=2024), citation=CITATION
    )


def test_values_are_finite_floats() -> None:
    observation = _observation(15)
    assert observation.value == 15.0
    assert type(observation.value) is float
    assert observation.qualifier is Qualifier.EXACT
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError, match="finite"):
            _observation(bad)


def test_ordinals_start_at_one() -> None:
    fields = {
        "id": "d1",
        "text": "Care for the people's health",
        "issued_by": "pham-minh-chinh",
        "issued_on": pendulum.Date(2026, 2, 24),
        "addressee": "health sector",
        "citation": CITATION,
    }
    assert Directive(**fields, ordinal=1).ordinal == 1  # type: ignore[arg-type]
    assert Directive(**fields).ordinal is None  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ordinal must be 1 or more"):
        Directive(**fields, ordinal=0)  # type: ignore[arg-type]


def _oracle(comparator: Comparator, direction: Direction) -> object:
    if comparator is Comparator.BETWEEN:
        return lambda observed, lower: lower <= observed <= lower  # a range with no upper bound given is one point
    if comparator is Comparator.ABOUT:
        return operator.ge if direction is Direction.HIGHER else operator.le
    return {
        Comparator.AT_LEAST: operator.ge,
        Comparator.AT_MOST: operator.le,
        Comparator.MORE_THAN: operator.gt,
        Comparator.LESS_THAN: operator.lt,
    }[comparator]


finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)


@given(vs.comparators(), vs.directions(), finite, finite)
def test_satisfied_agrees_with_the_comparator(
    comparator: Comparator, direction: Direction, observed: float, target: float
) -> None:
    compare = _oracle(comparator, direction)
    assert comparator.satisfied(observed, target, direction) == compare(observed, target)  # type: ignore[operator]
    # Reaching the target exactly meets every comparator but the strict ones.
    assert comparator.satisfied(target, target, direction) == (
        comparator not in {Comparator.MORE_THAN, Comparator.LESS_THAN}
    )


@given(finite, finite, finite, vs.directions())
def test_a_range_is_met_between_its_ends_whatever_the_direction(
    observed: float, lower: float, width: float, direction: Direction
) -> None:
    upper = lower + abs(width)
    assert Comparator.BETWEEN.satisfied(observed, lower, direction, upper) == (lower <= observed <= upper)


def test_comparator_symbols_and_direction_signs() -> None:
    assert [c.symbol for c in Comparator] == ["≥", "≤", ">", "<", "≈", "∈"]
    assert Direction.HIGHER.sign == 1
    assert Direction.LOWER.sign == -1


def test_vocabularies_are_their_data_file_strings() -> None:
    assert Theme("digital_health") is Theme.DIGITAL_HEALTH
    assert InstrumentKind("party_resolution") is InstrumentKind.PARTY_RESOLUTION
    assert Qualifier.NEARLY == "nearly"
    assert Comparator.AT_LEAST == "at_least"


def _role(title: str, day: pendulum.Date) -> Role:
    return Role(title=title, organization="", as_of=day, citation=CITATION)


def test_an_officials_title_is_the_one_attested_most_recently() -> None:
    lan = Official(
        id="dao-hong-lan",
        name="Đào Hồng Lan",
        roles=(
            _role("Minister of Health", pendulum.Date(2025, 2, 24)),
            _role("Member of the Party Central Committee", pendulum.Date(2025, 2, 24)),
            _role("Minister of Health", pendulum.Date(2026, 1, 21)),
        ),
    )
    assert lan.given_name == "Lan"
    assert lan.title_on("2025-01-01") is None
    assert lan.roles_on("2025-01-01") == ()
    assert lan.title_on("2025-06-01") == "Minister of Health; Member of the Party Central Committee"
    assert lan.title_on(pendulum.Date(2026, 1, 21)) == "Minister of Health"
    assert len(lan.roles_on("2030-01-01")) == 1


def test_a_resolution_is_labelled_by_its_number_or_title() -> None:
    numbered = Resolution(
        id="nq-72",
        number=DocumentNumber.parse("72-NQ/TW"),
        title="On breakthrough solutions for people's health",
        kind=InstrumentKind.PARTY_RESOLUTION,
        issuer="Politburo",
    )
    congress = Resolution(
        id="congress-14", title="Resolution of the 14th Party Congress", kind=InstrumentKind.OTHER, issuer="Party"
    )
    assert numbered.label == "72-NQ/TW"
    assert congress.label == "Resolution of the 14th Party Congress"
    assert congress.implements == ()
    assert congress.issued_on is None


def test_records_with_equal_fields_are_equal_and_hash_alike() -> None:
    a = Event(id="e", date=pendulum.Date(2025, 2, 24), title="Visit", place="Hà Nội", citation=CITATION)
    b = Event(id="e", date=pendulum.Date(2025, 2, 24), title="Visit", place="Hà Nội", citation=CITATION)
    assert a == b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
