"""Decoding data files straight into the records with msgspec, checked exactly as the model checks.

The model's attrs classes say what a record is. From them, once per record
type, this module derives a msgspec ``Struct`` *shape*: the same fields, types
and defaults, with unknown keys forbidden (msgspec ignores unknown keys of
attrs classes). Decoding checks a whole file against the shapes in C; then
msgspec builds the frozen attrs records from them, running every attrs
validator of the model as it does so.

msgspec does not run attrs *converters*. So a record type is built here only
if every converter of its fields hands a decoded value back unchanged; a
record type with a converter that changes values steps aside and is built by
the cattrs converter, through ``__init__``. A check of the model can therefore
never be bypassed; it can only be slower.
"""

from __future__ import annotations

import enum
import functools
import operator
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import attrs
import msgspec
import pendulum

from vnhealth._dates import Period
from vnhealth._docnumber import DocumentNumber
from vnhealth._model import KEEPS_TYPE
from vnhealth._records import field_types
from vnhealth._scalars import read_date, read_number, read_period

__all__ = ["Shapes", "make_hook", "shape_of"]

_CACHE_LIMIT = 4096
"""Distinct dates or periods remembered while decoding (a bound on memory, not a tuning knob)."""

# -- validators as constraints ------------------------------------------------------------


class _Untranslatable(Exception):
    """A type msgspec cannot stand for: a converter that is given it is not known to be transparent."""


def _arms(field_type: Any) -> tuple[Any, ...]:
    if typing.get_origin(field_type) in (typing.Union, types.UnionType):
        return typing.get_args(field_type)
    return (field_type,)


# -- converters that change nothing ---------------------------------------------------------


def _sample(field_type: Any) -> object:
    """A decoded value of ``field_type``, to see whether a converter hands it back unchanged."""
    origin, args = typing.get_origin(field_type), typing.get_args(field_type)
    if origin in (typing.Union, types.UnionType):
        return _sample(next(arm for arm in args if arm is not type(None)))
    if origin is tuple:
        return (_sample(args[0]),)
    if origin is frozenset:
        return frozenset({_sample(args[0])})
    samples: dict[Any, object] = {
        pendulum.Date: pendulum.Date(2020, 1, 1),
        Period: Period(year=2020),
        float: 1.5,
        int: 1,
        str: "x",
    }
    if field_type in samples:
        return samples[field_type]
    if isinstance(field_type, type) and issubclass(field_type, enum.Enum):
        return next(iter(field_type))
    raise _Untranslatable(field_type)


def _transparent(converter: Any, field_type: Any) -> bool:
    """Whether skipping ``converter`` changes nothing for values msgspec decodes as ``field_type``.

    Only converters known to hand such values back unchanged qualify (a sample
    cannot prove it: ``str.strip`` returns ``"x"`` itself but not ``" x"``):
    the model's own (`KEEPS_TYPE`), enums, ``float`` and ``tuple``. Each is
    also tried on a sample, in case it is given a type it was not written for.
    """
    if converter is None:
        return True
    convert = getattr(converter, "converter", converter)  # attrs >= 24 wraps some converters
    known = convert in KEEPS_TYPE or convert in (float, tuple)
    known = known or (isinstance(convert, type) and issubclass(convert, enum.Enum))
    if not known:
        return False
    try:
        sample = _sample(field_type)
        if convert(sample) is not sample:
            return False
        return type(None) not in _arms(field_type) or convert(None) is None
    except Exception:  # noqa: BLE001 - a converter that cannot take its own type's values is not transparent
        return False


# -- shapes ---------------------------------------------------------------------------------


class Shapes(NamedTuple):
    """The msgspec shapes of a family of record types, and which of them decode straight into records."""

    shapes: Mapping[type, type[msgspec.Struct]]
    """The shape of every record type reachable from the roots, nested ones included."""
    direct: frozenset[type]
    """The record types whose records msgspec builds; the others go through ``__init__``."""


def shape_of(roots: tuple[type, ...], extra_fields: Mapping[type, Mapping[str, Any]] | None = None) -> Shapes:
    """Derive the shapes of ``roots`` (attrs classes) and of the attrs classes their fields hold.

    ``extra_fields`` adds fields a file may hold that the record does not
    (a source's ``text_file``), each ``{name: type}`` with default None.
    """
    extras = extra_fields or {}
    shapes: dict[type, type[msgspec.Struct]] = {}
    direct: set[type] = set()

    def build(cls: type) -> type[msgspec.Struct]:
        if cls in shapes:
            return shapes[cls]
        hints = field_types(cls)
        fields: list[tuple[str, Any, Any]] = []
        straight = True
        for field in attrs.fields(cls):
            declared = hints[field.name]
            shaped = _shape_type(declared, build)
            if not _transparent(field.converter, declared):
                straight = False
            if field.default is attrs.NOTHING:
                fields.append((field.name, shaped, msgspec.NODEFAULT))
            elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                factory = field.default.factory
                fields.append((field.name, shaped, msgspec.field(default_factory=factory)))
            else:
                fields.append((field.name, shaped, field.default))
        fields.extend((name, kind, None) for name, kind in extras.get(cls, {}).items())
        # Required fields first, as a Struct needs them (kw_only makes the order free).
        ordered = [f if f[2] is not msgspec.NODEFAULT else (f[0], f[1]) for f in fields]
        shape = msgspec.defstruct(
            f"{cls.__name__}Shape",
            ordered,
            kw_only=True,
            forbid_unknown_fields=True,
            frozen=True,
            gc=False,
        )
        shapes[cls] = shape
        if straight and all(nested in direct for nested in _nested(hints, cls)):
            direct.add(cls)
        return shape

    for root in roots:
        build(root)
    return Shapes(shapes=shapes, direct=frozenset(direct))


def _nested(hints: Mapping[str, Any], cls: type) -> list[type]:
    return [kind for field in attrs.fields(cls) for kind in _attrs_classes(hints[field.name])]


def _attrs_classes(field_type: Any) -> list[type]:
    if attrs.has(field_type):
        return [field_type]
    return [kind for arg in typing.get_args(field_type) for kind in _attrs_classes(arg)]


def _shape_type(field_type: Any, build: Callable[[type], type[msgspec.Struct]]) -> Any:
    """``field_type`` with every attrs class in it replaced by its shape."""
    if isinstance(field_type, type) and attrs.has(field_type):
        return build(field_type)
    origin, args = typing.get_origin(field_type), typing.get_args(field_type)
    if origin in (typing.Union, types.UnionType):
        return functools.reduce(operator.or_, (_shape_type(arg, build) for arg in args))
    if origin is tuple:
        return tuple[tuple(_shape_type(arg, build) if arg is not Ellipsis else arg for arg in args)]  # type: ignore[misc]
    return field_type


# -- scalars the data files write as strings -----------------------------------------------


def make_hook() -> Callable[[type, Any], Any]:
    """A msgspec ``dec_hook`` for dates, periods and document numbers, sharing repeated values.

    A dataset repeats the same few hundred dates over and over: one object per
    distinct value saves time and memory. Each call makes its own bounded caches.
    """
    dates: dict[object, pendulum.Date] = {}
    periods: dict[object, Period] = {}

    def hook(kind: type, value: Any) -> Any:
        if type(value) is kind:  # built when the file was decoded: building the record hands it on
            return value
        if kind is pendulum.Date:
            found = dates.get(value) if isinstance(value, str) else None
            if found is None:
                found = read_date(value)
                if isinstance(value, str):
                    if len(dates) >= _CACHE_LIMIT:
                        dates.clear()
                    dates[value] = found
            return found
        if kind is Period:
            cached = periods.get(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
            if cached is None:
                cached = read_period(value)
                if isinstance(value, str | int):
                    if len(periods) >= _CACHE_LIMIT:
                        periods.clear()
                    periods[value] = cached
            return cached
        if kind is DocumentNumber:
            return read_number(value)
        msg = f"cannot decode {kind!r}"  # pragma: no cover - the shapes hold no other custom type
        raise NotImplementedError(msg)

    return hook
