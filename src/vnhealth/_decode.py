r"""Decoding data files straight into the records with msgspec, checked exactly as the model checks.

The model's attrs classes say what a record is. From them, once per record
type, this module derives a msgspec ``Struct`` *shape*: the same fields and
defaults, unknown keys forbidden, and each attrs validator turned into the
msgspec constraint that checks the same thing (``_non_empty`` becomes
``pattern=r"\\S"``, ``attrs.validators.ge(1)`` becomes ``ge=1``, ...).
Decoding checks a whole file against the shapes in C, then msgspec builds the
frozen attrs records from them.

msgspec sets the fields of attrs instances directly, without their
``__init__``: it runs neither validators nor converters. So a record type is
decoded here only if every validator of every field has a translation and
every converter hands a decoded value back unchanged; a record type with
anything else (a validator added tomorrow, a converter that changes values)
steps aside and is built by the cattrs converter, through ``__init__``. A
check of the model can therefore never be bypassed; it can only be slower.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import operator
import sys
import types
import typing
from collections.abc import Callable, Mapping
from typing import Annotated, Any

import attrs
import msgspec
import pendulum

from vnhealth._dates import Period, parse_date
from vnhealth._docnumber import DocumentNumber
from vnhealth._model import finite, positive

__all__ = ["Shapes", "make_hook", "shape_of"]

_CACHE_LIMIT = 4096
"""Distinct dates or periods remembered while decoding (a bound on memory, not a tuning knob)."""

_BOUNDS = {"ge": operator.ge, "gt": operator.gt, "le": operator.le, "lt": operator.lt}


# -- validators as constraints ------------------------------------------------------------

# Validators of vnhealth's own that a msgspec constraint checks as well, in C. (``non_empty``
# is not one: a ``pattern=r"\S"`` constraint costs more than the whole decode; it runs afterwards.)
_OWN_VALIDATORS: dict[Any, msgspec.Meta] = {
    finite: msgspec.Meta(ge=-sys.float_info.max, le=sys.float_info.max),  # NaN fails both bounds
    positive: msgspec.Meta(ge=1),
}


class _Untranslatable(Exception):  # noqa: N818 - internal signal, never escapes this module
    """A value msgspec cannot stand for: a converter that is given it is not known to be transparent."""


def _constraints(validator: Any, field_type: Any) -> tuple[list[msgspec.Meta], list[Any]]:
    """The msgspec constraints that check part of what ``validator`` checks, and the validators left to run."""
    if validator is None:
        return [], []
    if validator in _OWN_VALIDATORS:
        return [_OWN_VALIDATORS[validator]], []
    name = type(validator).__name__
    if name == "_AndValidator":
        metas: list[msgspec.Meta] = []
        rest: list[Any] = []
        for inner in validator._validators:
            inner_metas, inner_rest = _constraints(inner, field_type)
            metas += inner_metas
            rest += inner_rest
        return metas, rest
    if name == "_InstanceOfValidator" and _covers(validator.type, field_type):
        return [], []  # the shape's type already demands it
    if name == "_OptionalValidator":
        metas, rest = _constraints(validator.validator, field_type)
        return metas, [attrs.validators.optional(check) for check in rest]
    if name == "_NumberValidator":
        for keyword, compare in _BOUNDS.items():
            if validator.compare_func is compare:
                return [msgspec.Meta(**{keyword: validator.bound})], []
    if name == "_MaxLengthValidator":
        return [msgspec.Meta(max_length=validator.max_length)], []
    if name == "_MinLengthValidator":
        return [msgspec.Meta(min_length=validator.min_length)], []
    return [], [validator]


def _covers(checked: Any, field_type: Any) -> bool:
    wanted = checked if isinstance(checked, tuple) else (checked,)
    given = [arm for arm in _arms(field_type) if arm is not type(None)]
    return all(isinstance(arm, type) and issubclass(arm, wanted) for arm in given)


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
    """Whether ``converter`` returns a decoded value of ``field_type`` as it is (so skipping it changes nothing)."""
    if converter is None:
        return True
    convert = getattr(converter, "converter", converter)  # attrs >= 24 wraps some converters
    sample = _sample(field_type)
    try:
        if convert(sample) is not sample:
            return False
        return type(None) not in _arms(field_type) or convert(None) is None
    except Exception:  # noqa: BLE001 - a converter that cannot take its own type's values is not transparent
        return False


# -- shapes ---------------------------------------------------------------------------------


@attrs.frozen
class Shapes:
    """The msgspec shapes of a family of record types, and which of them decode straight into records."""

    shapes: Mapping[type, type[msgspec.Struct]]
    """The shape of every record type reachable from the roots, nested ones included."""
    direct: frozenset[type]
    """The record types whose records msgspec builds; the others go through ``__init__``."""
    checks: Mapping[type, Callable[[Any], None]]
    """For a record type whose validators are not all constraints: runs the rest on one record (and what it holds)."""


def shape_of(roots: tuple[type, ...], extra_fields: Mapping[type, Mapping[str, Any]] | None = None) -> Shapes:
    """Derive the shapes of ``roots`` (attrs classes) and of the attrs classes their fields hold.

    ``extra_fields`` adds fields a file may hold that the record does not
    (a source's ``text_file``), each ``{name: type}`` with default None.
    """
    extras = extra_fields or {}
    shapes: dict[type, type[msgspec.Struct]] = {}
    direct: set[type] = set()
    residue: dict[type, list[tuple[attrs.Attribute[Any], Any]]] = {}

    def build(cls: type) -> type[msgspec.Struct]:
        if cls in shapes:
            return shapes[cls]
        hints = typing.get_type_hints(cls)
        fields: list[tuple[str, Any, Any]] = []
        straight = True
        for field in attrs.fields(cls):
            declared = hints[field.name]
            shaped = _shape_type(declared, build)
            metas, rest = _constraints(field.validator, declared)
            residue.setdefault(cls, []).extend((field, check) for check in rest)
            if not _transparent(field.converter, declared):
                straight = False
            if metas:
                shaped = _annotate(shaped, metas)
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
    checks: dict[type, Callable[[Any], None]] = {}
    for cls in shapes:
        _compile_check(cls, residue, checks)
    return Shapes(shapes=shapes, direct=frozenset(direct), checks=checks)


def _compile_check(
    cls: type, residue: Mapping[type, list[tuple[attrs.Attribute[Any], Any]]], checks: dict[type, Callable[[Any], None]]
) -> Callable[[Any], None] | None:
    """The function that runs ``cls``'s validators msgspec did not check, and those of the records it holds."""
    if cls in checks:
        return checks[cls]
    own = tuple((field.name, field, check) for field, check in residue.get(cls, []))
    hints = typing.get_type_hints(cls)
    held = []
    for field in attrs.fields(cls):
        for nested in _attrs_classes(hints[field.name]):
            inner = _compile_check(nested, residue, checks)
            if inner is not None:
                held.append((field.name, inner))
    if not own and not held:
        return None
    nested_checks = tuple(held)

    def check(record: Any) -> None:
        for name, field, validator in own:
            validator(record, field, getattr(record, name))
        for name, inner in nested_checks:
            value = getattr(record, name)
            if type(value) is tuple:
                for item in value:
                    inner(item)
            elif value is not None:
                inner(value)

    checks[cls] = check
    return check


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


def _annotate(shaped: Any, metas: list[msgspec.Meta]) -> Any:
    """Put the constraints on the non-None arm(s) of a field's type."""
    arms = _arms(shaped)
    annotated = [arm if arm is type(None) else Annotated[(arm, *metas)] for arm in arms]
    return functools.reduce(operator.or_, annotated)


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
                found = _date(value)
                if isinstance(value, str):
                    if len(dates) >= _CACHE_LIMIT:
                        dates.clear()
                    dates[value] = found
            return found
        if kind is Period:
            cached = periods.get(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
            if cached is None:
                cached = _period(value)
                if isinstance(value, str | int):
                    if len(periods) >= _CACHE_LIMIT:
                        periods.clear()
                    periods[value] = cached
            return cached
        if kind is DocumentNumber:
            if not isinstance(value, str):
                msg = f"expected a document number string, not {type(value).__name__}"
                raise TypeError(msg)
            return DocumentNumber.parse(value)
        msg = f"cannot decode {kind!r}"  # pragma: no cover - the shapes hold no other custom type
        raise NotImplementedError(msg)

    return hook


def _date(value: object) -> pendulum.Date:
    if isinstance(value, pendulum.Date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    # TOML has a native date type; it is the same day.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return pendulum.Date(value.year, value.month, value.day)
    msg = f"expected an ISO date string (YYYY-MM-DD), not {type(value).__name__}"
    raise TypeError(msg)


def _period(value: object) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        return Period.parse(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Period(year=value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Period(year=value.year, month=value.month, day=value.day)
    msg = f"expected a period string (YYYY, YYYY-MM or YYYY-MM-DD), not {type(value).__name__}"
    raise TypeError(msg)
