"""The converter: records to plain data and back, exactly, with dates that stay pendulum dates."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import cattrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnhealth import (
    Citation,
    Dataset,
    Directive,
    DocumentNumber,
    Event,
    Indicator,
    Observation,
    Official,
    Period,
    Resolution,
    Role,
    Source,
    Target,
    Theme,
    Unit,
    make_converter,
)
from vnhealth import strategies as vs

RECORD_TYPES = (Source, Citation, Role, Official, Resolution, Event, Directive, Indicator, Observation, Target)
DETAILED = make_converter()


def _dates_in(value: object) -> list[object]:
    """Every date-valued field, however deeply nested in records and tuples."""
    if isinstance(value, dt.date):
        return [value]
    if attrs.has(type(value)):
        return [day for field in attrs.fields(type(value)) for day in _dates_in(getattr(value, field.name))]
    if isinstance(value, tuple | frozenset):
        return [day for item in value for day in _dates_in(item)]
    return []


@pytest.mark.parametrize("record_type", RECORD_TYPES)
def test_round_trip_preserves_values_and_types(record_type: type) -> None:
    converter = DETAILED

    @given(st.from_type(record_type))
    def check(record: Any) -> None:
        plain = converter.unstructure(record)
        # Through JSON too: what a data file holds is strings, numbers, lists and tables.
        for data in (plain, json.loads(json.dumps(plain))):
            back = converter.structure(data, record_type)
            assert back == record
            assert all(type(day) is pendulum.Date for day in _dates_in(back))

    check()


@given(vs.datasets())
def test_datasets_round_trip(data: Dataset) -> None:
    plain = DETAILED.unstructure(data)
    back = DETAILED.structure(json.loads(json.dumps(plain)), Dataset)
    assert back == data
    assert type(back.targets) is tuple
    assert all(type(day) is pendulum.Date for record in back for day in _dates_in(record))


def test_plain_forms_are_what_data_files_hold() -> None:
    directive = Directive(
        id="d1",
        text="Invest in grassroots health care",
        issued_by="pham-minh-chinh",
        issued_on=pendulum.Date(2026, 2, 24),
        addressee="health sector",
        themes=frozenset({Theme.PREVENTION, Theme.GRASSROOTS_CARE}),
        citation=Citation(source="s", quote="q"),
    )
    plain = DETAILED.unstructure(directive)
    assert plain["issued_on"] == "2026-02-24"
    assert plain["themes"] == ["grassroots_care", "prevention"]  # sorted: stable files
    assert list(plain["resolutions"]) == []
    assert DETAILED.unstructure(Period(year=2030, month=6)) == "2030-06"
    assert DETAILED.unstructure(DocumentNumber.parse("Nghị quyết 72 NQ/TW")) == "72-NQ/TW"


def test_toml_native_dates_and_bare_years_are_accepted() -> None:
    assert DETAILED.structure(dt.date(2025, 2, 24), pendulum.Date) == pendulum.Date(2025, 2, 24)
    assert type(DETAILED.structure(dt.date(2025, 2, 24), pendulum.Date)) is pendulum.Date
    assert DETAILED.structure(dt.date(2025, 2, 24), Period) == Period(year=2025, month=2, day=24)
    assert DETAILED.structure(2030, Period) == Period(year=2030)
    assert DETAILED.structure("388/QD-TTg", DocumentNumber) == DocumentNumber.parse("388/QĐ-TTg")


@pytest.mark.parametrize(
    ("value", "type_", "message"),
    [
        (20250224, pendulum.Date, "ISO date string"),
        (dt.datetime(2025, 2, 24, 9, 0, tzinfo=dt.UTC), pendulum.Date, "ISO date string"),
        (True, Period, "period string"),
        (dt.datetime(2025, 2, 24, 9, 0, tzinfo=dt.UTC), Period, "period string"),
        (72, DocumentNumber, "document number string"),
        (12, str, "expected a string, not int"),
        (None, str, "expected a string, not NoneType"),
        (5, Unit, "Unit strings"),
        (True, float, "expected a number, not bool"),
        ("1.5", float, "expected a number, not str"),
        (1.0, int, "whole number"),
        (False, int, "whole number"),
        ("doctors", tuple[str, ...], "list of strings"),
        ([1, 2], tuple[str, ...], "list of strings"),
        ("prevention", frozenset[Theme], "list of themes"),
    ],
)
def test_wrong_types_are_refused(value: object, type_: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        DETAILED.structure(value, type_)


def test_unknown_vocabulary_names_the_known_values() -> None:
    with pytest.raises(ValueError, match="'per_million' is not a Unit; expected one of 'per_1k_people'"):
        DETAILED.structure("per_million", Unit)
    assert DETAILED.structure(["prevention", "prevention"], frozenset[Theme]) == frozenset({Theme.PREVENTION})


def test_unknown_keys_are_errors() -> None:
    with pytest.raises(cattrs.ClassValidationError) as raised:
        DETAILED.structure({"source": "s", "quote": "q", "page": 3}, Citation)
    assert "page" in str(cattrs.transform_error(raised.value))


@given(vs.targets())
def test_targets_structure_to_a_plain_tuple(target: Target) -> None:
    structured = DETAILED.structure([DETAILED.unstructure(target)], tuple[Target, ...])
    assert type(structured) is tuple
    assert tuple(structured) == (target,)
    assert DETAILED.unstructure(structured) == [DETAILED.unstructure(target)]


def _vocabularies() -> list[type]:
    """Every enum a record field of the model holds (in unions and collections too)."""
    import enum
    import typing

    from vnhealth._records import RECORD_TYPES, field_types

    found: set[type] = set()

    def walk(kind: object) -> None:
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            found.add(kind)
        elif isinstance(kind, type) and attrs.has(kind):
            for field_kind in field_types(kind).values():
                walk(field_kind)
        for argument in typing.get_args(kind):
            walk(argument)

    for record_type in RECORD_TYPES.values():
        walk(record_type)
    return sorted(found, key=lambda vocabulary: vocabulary.__name__)


@pytest.mark.parametrize("vocabulary", _vocabularies(), ids=lambda vocabulary: vocabulary.__name__)
def test_every_vocabulary_of_the_model_says_which_strings_it_takes(vocabulary: type) -> None:
    # Derived from the model, so a vocabulary added later cannot miss the clear message (AreaLevel once did).
    converter = make_converter()
    member = next(iter(vocabulary))  # type: ignore[call-overload]
    assert converter.structure(member.value, vocabulary) is member
    with pytest.raises(ValueError, match="expected one of") as error:
        converter.structure("galaxy", vocabulary)
    assert repr(member.value) in str(error.value)
    with pytest.raises(TypeError, match=f"expected one of the {vocabulary.__name__} strings, not int"):
        converter.structure(5, vocabulary)
