"""The one cattrs converter that turns data files into records and back."""

from __future__ import annotations

import enum
import functools
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
import pendulum

from vnhealth._dates import Period
from vnhealth._docnumber import DocumentNumber
from vnhealth._model import (
    Theme,
)
from vnhealth._scalars import read_date, read_number, read_period

__all__ = ["configure_converter", "make_converter"]


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """Build the converter for vnhealth records.

    Dates are pendulum dates both ways (without an explicit hook a JSON round
    trip would quietly hand back `datetime.date`), periods and document
    numbers are their canonical strings, collections are tuples and
    frozensets, and unknown keys are errors so a typo in a data file fails
    loudly. Records are built through their ``__init__``, so every attrs
    validator and converter of the model runs. (Loading decodes with msgspec
    first, see ``_decode``; this converter is the checked path that reports
    every problem, and the one that writes records back out.)
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=detailed_validation,
        prefer_attrib_converters=False,
    )
    configure_converter(converter)
    return converter


def configure_converter(converter: cattrs.BaseConverter) -> None:
    """Register vnhealth's hooks on any cattrs converter (as ``cattrs.preconf`` modules do)."""
    converter.register_structure_hook(pendulum.Date, lambda value, _: read_date(value))
    converter.register_unstructure_hook(pendulum.Date, pendulum.Date.isoformat)
    converter.register_structure_hook(Period, lambda value, _: read_period(value))
    converter.register_unstructure_hook(Period, str)
    converter.register_structure_hook(DocumentNumber, lambda value, _: read_number(value))
    converter.register_unstructure_hook(DocumentNumber, str)
    converter.register_structure_hook(str, _structure_str)
    # Every vocabulary of the model is a StrEnum, which comes before str in its method resolution
    # order: registered on StrEnum, the hook takes each of them (and any added later) from the str hook.
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(int, _structure_int)
    # Generic aliases are matched by equality: cattrs' class dispatch does not take them.
    converter.register_structure_hook_func(lambda type_: type_ == tuple[str, ...], _structure_str_tuple)
    converter.register_structure_hook_func(lambda type_: type_ == frozenset[Theme], _structure_themes)
    converter.register_unstructure_hook_func(lambda type_: type_ == frozenset[Theme], _unstructure_themes)
    # A string is iterable: left to cattrs, "citations": "x" * n would be n records to report on.
    converter.register_structure_hook_factory(_is_record_tuple, functools.partial(_record_tuple_hook, converter))


def _is_record_tuple(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis and attrs.has(args[0])


def _record_tuple_hook(converter: cattrs.BaseConverter, type_: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    record_type = typing.get_args(type_)[0]
    # cattrs' own tuple hook, which reports a bad item at its index when validation is detailed.
    items = converter._structure_tuple

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            msg = f"expected a list of {record_type.__name__} records, not {type(value).__name__}"
            raise TypeError(msg)
        return items(value, type_)

    return structure


def _structure_str(value: Any, _: type) -> str:
    # The default hook calls str() on anything, turning a mistaken 12 or null into text.
    if not isinstance(value, str):
        msg = f"expected a string, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def _structure_enum(value: Any, vocabulary: type[enum.Enum]) -> enum.Enum:
    if not isinstance(value, str):
        msg = f"expected one of the {vocabulary.__name__} strings, not {type(value).__name__}"
        raise TypeError(msg)
    try:
        return vocabulary(value)
    except ValueError:
        known = ", ".join(repr(member.value) for member in vocabulary)
        msg = f"{value!r} is not a {vocabulary.__name__}; expected one of {known}"
        raise ValueError(msg) from None


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"expected a number, not {type(value).__name__}"
        raise TypeError(msg)
    return float(value)


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected a whole number, not {type(value).__name__}"
        raise TypeError(msg)
    return value


def _structure_str_tuple(value: Any, _: type) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        msg = "expected a list of strings"
        raise TypeError(msg)
    return tuple(value)


def _structure_themes(value: Any, _: type) -> frozenset[Theme]:
    if not isinstance(value, list | tuple):
        msg = f"expected a list of themes, not {type(value).__name__}"
        raise TypeError(msg)
    return frozenset(_structure_enum(item, Theme) for item in value)  # type: ignore[misc]


def _unstructure_themes(value: frozenset[Theme]) -> list[str]:
    # Sorted, so that dumped files are stable and diff cleanly.
    return sorted(theme.value for theme in value)
