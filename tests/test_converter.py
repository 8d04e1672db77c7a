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
DETAILED, FAST = make_converter(), make_converter(detailed_validation=False)


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
@pytest.mark.parametrize("converter", [DETAILED, FAST], ids=["detailed", "fast"])
def test_round_trip_preserves_values_and_types(record_type: type, converter: cattrs.Converter) -> None:
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
    plain = FAST.unstructure(data)
    back = FAST.structure(json.loads(json.dumps(plain)), Dataset)
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


def test_the_fast_citation_hook_is_as_strict() -> None:
    assert FAST.structure({"source": "s", "quote": "q"}, Citation) == Citation(source="s", quote="q")
    for bad in ({"source": "s"}, {"source": "s", "quote": "q", "page": 3}, ["s", "q"]):
        with pytest.raises(TypeError, match="exactly the keys"):
            FAST.structure(bad, Citation)


@given(vs.targets())
def test_targets_structure_to_a_plain_tuple(target: Target) -> None:
    structured = DETAILED.structure([DETAILED.unstructure(target)], tuple[Target, ...])
    assert type(structured) is tuple
    assert tuple(structured) == (target,)
    assert DETAILED.unstructure(structured) == [DETAILED.unstructure(target)]


scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
field_values = (
    scalars
    | st.lists(scalars, max_size=3)
    | st.sampled_from(
        [
            "2025-02-24",
            "2025-02-30",
            "2030",
            "prevention",
            "per_10k_people",
            "nearly",
            " ",
            {"source": "s", "quote": "q"},
        ]
    )
)


def _outcome(converter: cattrs.Converter, value: Any, type_: type) -> object:
    try:
        return converter.structure(value, type_)
    except Exception:  # noqa: BLE001 - comparing which inputs each path refuses
        return "refused"


@pytest.mark.parametrize("record_type", [Directive, Observation, Citation])
def test_the_fast_path_builds_exactly_what_the_checked_path_builds(record_type: type) -> None:
    # Loading builds directives, observations and citations by hand; they must agree with the validators.
    @given(st.from_type(record_type), st.data())
    def check(record: Any, data: st.DataObject) -> None:
        plain = json.loads(json.dumps(DETAILED.unstructure(record)))
        key = data.draw(st.sampled_from(sorted(plain)))
        how = data.draw(st.sampled_from(["replace", "drop", "keep"]))
        if how == "replace":
            plain[key] = data.draw(field_values)
        elif how == "drop":
            del plain[key]
        fast, checked = _outcome(FAST, plain, record_type), _outcome(DETAILED, plain, record_type)
        assert fast == checked
        if fast != "refused":
            assert all(type(day) is pendulum.Date for day in _dates_in(fast))

    check()


def test_the_fast_path_stands_aside_for_records_it_was_not_written_for() -> None:
    from vnhealth import _converter

    assert _converter._fast_path_fits(Directive)
    assert not _converter._fast_path_fits(Source)  # not one it knows

    @attrs.define(slots=False)
    class Lookalike:  # the fields of a citation, without slots
        source: str
        quote: str

    _converter._EXPECTED_FIELDS[Lookalike] = ("source", "quote")
    try:
        assert not _converter._fast_path_fits(Lookalike)
    finally:
        del _converter._EXPECTED_FIELDS[Lookalike]


def test_the_fast_path_hands_odd_directives_to_the_checked_hooks() -> None:
    record = DETAILED.unstructure(
        Directive(
            id="d",
            text="t",
            issued_by="o",
            issued_on=pendulum.Date(2025, 2, 24),
            addressee="",
            citation=Citation(source="s", quote="q"),
        )
    )
    assert FAST.structure(record, Directive) == DETAILED.structure(record, Directive)
    for change in ({"themes": None}, {"resolutions": [1]}, {"id": " "}, {"issued_on": "24/02/2025"}):
        with pytest.raises(Exception):  # noqa: B017, PT011 - the same refusal as the checked path, whatever its type
            FAST.structure(record | change, Directive)


def test_the_fast_path_caches_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from vnhealth import _converter

    monkeypatch.setattr(_converter, "_CACHE_LIMIT", 1)
    fast = make_converter(detailed_validation=False)
    cite = {"source": "s", "quote": "q"}
    for day, period, themes in (("2025-02-24", "2024", ["prevention"]), ("2026-02-24", "2025", ["financing"])):
        directive = {"id": "d", "text": "t", "issued_by": "o", "issued_on": day, "addressee": "", "citation": cite}
        assert fast.structure(directive | {"themes": themes}, Directive).issued_on == pendulum.parse(day).date()
        observation = {"indicator": "i", "value": 1, "unit": "count", "as_of": period, "citation": cite}
        assert str(fast.structure(observation, Observation).as_of) == period
