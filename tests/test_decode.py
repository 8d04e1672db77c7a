"""Loading on msgspec: it builds exactly what the checked cattrs path builds, or both refuse."""

from __future__ import annotations

import datetime as dt
import json
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import msgspec
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import vnhealth
from vnhealth import (
    Citation,
    Directive,
    LoadError,
    Observation,
    _load,
    make_converter,
)
from vnhealth import strategies as _strategies  # noqa: F401 - registers the model types for st.from_type
from vnhealth._decode import make_hook, shape_of
from vnhealth._records import KIND_OF_RECORD_TYPE

CHECKED = make_converter()
KINDS_OF = dict(KIND_OF_RECORD_TYPE)  # every kind `Records` states, new ones included

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
field_values = (
    scalars
    | st.lists(scalars, max_size=3)
    | st.sampled_from(
        [
            "2025-02-24",
            "2025-02-30",
            "2030",
            "72-NQ/TW",
            "prevention",
            "per_10k_people",
            "nearly",
            " ",
            "\u2003",
            {"source": "s", "quote": "q"},
            {"source": " ", "quote": "q"},
        ]
    )
)


def _decoded(kind: str, plain: dict[str, Any], record_type: type) -> object:
    """What the msgspec path makes of one record: the record, or "refused"."""
    decoder = _load._decoding()[2]
    try:
        document = decoder.decode(json.dumps({kind: [plain]}).encode())
        records = getattr(document, kind)
        if kind == "sources":  # the loader turns a source's shape into fields (text files) before building
            records = [msgspec.structs.asdict(record) for record in records]
            records = [{k: v for k, v in record.items() if k != "text_file"} for record in records]
        built = msgspec.convert(records, tuple[record_type, ...], from_attributes=True, dec_hook=make_hook())
    except Exception:  # noqa: BLE001 - comparing which inputs each path refuses
        return "refused"
    return built[0]


def _checked(plain: dict[str, Any], record_type: type) -> object:
    try:
        return CHECKED.structure(plain, record_type)
    except Exception:  # noqa: BLE001 - comparing which inputs each path refuses
        return "refused"


def _dates_in(value: object) -> Iterator[object]:
    if isinstance(value, dt.date):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _dates_in(getattr(value, field.name))
    elif isinstance(value, tuple | frozenset):
        for item in value:
            yield from _dates_in(item)


@pytest.mark.parametrize("record_type", list(KINDS_OF), ids=lambda t: t.__name__)
def test_msgspec_builds_exactly_what_the_checked_path_builds(record_type: type) -> None:
    @given(st.from_type(record_type), st.data())
    def check(record: Any, data: st.DataObject) -> None:
        plain = json.loads(json.dumps(CHECKED.unstructure(record)))
        key = data.draw(st.sampled_from(sorted(plain)))
        how = data.draw(st.sampled_from(["replace", "drop", "add", "keep"]))
        if how == "replace":
            plain[key] = data.draw(field_values)
        elif how == "drop":
            del plain[key]
        elif how == "add":
            plain["unknown_" + key] = data.draw(field_values)
        fast, checked = _decoded(KINDS_OF[record_type], plain, record_type), _checked(plain, record_type)
        assert fast == checked
        if fast != "refused":
            assert all(type(day) is pendulum.Date for day in _dates_in(fast))

    check()


def test_every_record_type_of_the_model_decodes_straight_into_records() -> None:
    shapes, _, _ = _load._decoding()
    assert shapes.direct == frozenset(shapes.shapes)
    assert {Citation, Directive, Observation} <= shapes.direct


def _with_field(record_type: type, name: str, **changes: Any) -> type:
    """A copy of a record class whose field ``name`` is declared with ``changes`` (a new validator, ...)."""
    fields = {}
    hints = typing.get_type_hints(record_type)  # resolved types: attrs before 24 makes no annotations from strings
    for field in attrs.fields(record_type):
        kinds = {"validator": field.validator, "converter": field.converter, "type": hints[field.name]}
        arguments: dict[str, Any] = kinds
        if field.default is not attrs.NOTHING:
            arguments["default"] = field.default
        if field.name == name:
            arguments |= changes
        fields[field.name] = attrs.field(**arguments)
    made = attrs.make_class(record_type.__name__, fields, frozen=True, kw_only=True)
    made.__module__ = record_type.__module__
    return made


def _plain(data: vnhealth.Dataset) -> dict[str, Any]:
    plain = {kind: CHECKED.unstructure(tuple(getattr(data, kind)), tuple[t, ...]) for t, kind in KINDS_OF.items()}  # type: ignore[valid-type]
    for source in plain["sources"]:
        source.pop("text", None)  # the quotes of sources without text are not checked: keep the file small
    for kind, records in plain.items():
        plain[kind] = [{k: v for k, v in record.items() if v is not None} for record in records]
    return plain


@pytest.mark.parametrize(
    "validator",
    [attrs.validators.max_len(10), lambda _, __, value: None if len(value) <= 10 else 1 / 0],
    ids=["translatable", "untranslatable"],
)
def test_a_validator_added_to_the_model_is_never_bypassed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validator: Any
) -> None:
    strict = _with_field(
        Directive, "addressee", validator=attrs.validators.and_(attrs.validators.instance_of(str), validator)
    )
    plain = _plain(vnhealth.load())
    plain["directives"] = [
        record | {"addressee": "the Ministry of Health and every provincial people's committee"}
        for record in plain["directives"][:3]
    ]
    path = tmp_path / "data.json"
    path.write_text(json.dumps(plain, ensure_ascii=False), encoding="utf-8")
    assert len(vnhealth.load(path).directives) == 3  # the model as it is accepts the long addressee

    monkeypatch.setitem(_load.RECORD_TYPES, "directives", strict)
    _load._decoding.cache_clear()
    _load._converter.cache_clear()
    try:
        shapes, _, _ = _load._decoding()
        assert strict in shapes.direct  # built by msgspec, which runs the validators as attrs would
        with pytest.raises(LoadError) as caught:
            vnhealth.load(path)
        assert any(problem.path.startswith("directives[0]") for problem in caught.value.problems)
    finally:
        monkeypatch.undo()
        _load._decoding.cache_clear()
        _load._converter.cache_clear()


def test_a_converter_that_changes_values_makes_its_record_type_step_aside() -> None:
    shouting = _with_field(Citation, "quote", converter=str.upper)
    shapes = shape_of((shouting,))
    assert shouting not in shapes.direct
