"""The one cattrs converter that turns data files into records and back."""

from __future__ import annotations

import datetime as dt
import enum
import math
import sys
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
import pendulum

from vnhealth._dates import Period, parse_date
from vnhealth._docnumber import DocumentNumber
from vnhealth._model import (
    Citation,
    Comparator,
    Direction,
    Directive,
    InstrumentKind,
    Observation,
    Qualifier,
    Theme,
)
from vnhealth._units import Unit

__all__ = ["make_converter"]


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """Build the converter for vnhealth records.

    Dates are pendulum dates both ways (without an explicit hook a JSON round
    trip would quietly hand back `datetime.date`), periods and document
    numbers are their canonical strings, collections are tuples and
    frozensets, and unknown keys are errors so a typo in a data file fails
    loudly. ``detailed_validation=False`` is the fast path used for loading;
    a failed fast load is redone with details to report every problem.
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=detailed_validation,
        prefer_attrib_converters=False,
    )

    converter.register_structure_hook(pendulum.Date, _structure_date)
    converter.register_unstructure_hook(pendulum.Date, pendulum.Date.isoformat)
    converter.register_structure_hook(Period, _structure_period)
    converter.register_unstructure_hook(Period, str)
    converter.register_structure_hook(DocumentNumber, _structure_number)
    converter.register_unstructure_hook(DocumentNumber, str)
    converter.register_structure_hook(str, _structure_str)
    # Registered one by one: the enums are str subclasses, and the str hook would otherwise take them.
    for vocabulary in (Theme, Unit, InstrumentKind, Direction, Qualifier, Comparator):
        converter.register_structure_hook(vocabulary, _structure_enum)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(int, _structure_int)
    # Generic aliases are matched by equality: cattrs' class dispatch does not take them.
    converter.register_structure_hook_func(lambda type_: type_ == tuple[str, ...], _structure_str_tuple)
    converter.register_structure_hook_func(lambda type_: type_ == frozenset[Theme], _structure_themes)
    converter.register_unstructure_hook_func(lambda type_: type_ == frozenset[Theme], _unstructure_themes)
    if not detailed_validation:
        _register_fast_paths(converter)
    return converter


def _structure_date(value: Any, _: type) -> pendulum.Date:
    if isinstance(value, str):
        return parse_date(value)
    # TOML has a native date type; accept it as the same day.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return pendulum.Date(value.year, value.month, value.day)
    msg = f"expected an ISO date string (YYYY-MM-DD), not {type(value).__name__}"
    raise TypeError(msg)


def _structure_period(value: Any, _: type) -> Period:
    if isinstance(value, str):
        return Period.parse(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Period(year=value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Period(year=value.year, month=value.month, day=value.day)
    msg = f"expected a period string (YYYY, YYYY-MM or YYYY-MM-DD), not {type(value).__name__}"
    raise TypeError(msg)


def _structure_number(value: Any, _: type) -> DocumentNumber:
    if not isinstance(value, str):
        msg = f"expected a document number string, not {type(value).__name__}"
        raise TypeError(msg)
    return DocumentNumber.parse(value)


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


# -- the fast path ----------------------------------------------------------------
#
# Directives, observations and their citations are nearly every record of a large
# dataset. On the fast converter they are built by hand: the checks the generic
# hooks and the records' attrs validators make are done inline, and the frozen
# instance is filled through its slots rather than its __init__ (which would run
# the same checks again through attrs' validator objects, at three to five
# times the cost). Anything the inline checks do not accept (a wrong type, an
# unknown or missing key, a value out of range, an input that is not a plain
# dict) is handed to cattrs' generic hook for the class, which builds or rejects
# it exactly as before; a rejected load is then redone with the detailed
# converter to report every problem. So the fast path accepts exactly what the
# generic one accepts, and builds equal records.
#
# Repeated strings (official, indicator and source ids, addressees) are interned
# and repeated values (dates, periods, theme sets) shared: the records of a large
# dataset then take less memory than the parsed JSON they came from.

_CACHE_LIMIT = 4096
"""Entries kept in each cache of shared values before it is emptied (a bound, not a tuning knob)."""

# The fields the fast path builds, with the checks it makes inline. If the model
# changes, the fast path steps aside (see `_model_as_expected`) until this is updated.
_EXPECTED_FIELDS: dict[type, tuple[str, ...]] = {
    Citation: ("source", "quote"),
    Directive: (
        "id",
        "text",
        "issued_by",
        "issued_on",
        "addressee",
        "themes",
        "resolutions",
        "ordinal",
        "event",
        "citation",
    ),
    Observation: ("indicator", "value", "unit", "as_of", "qualifier", "citation"),
}


# What the fast path puts in each field that has a default or an attrs converter. The
# records' converters (which accept what records built in code are given: ISO strings,
# enum values) must hand these back unchanged, and the defaults must be these values.
_BUILT_VALUES: dict[tuple[type, str], object] = {
    (Directive, "issued_on"): pendulum.Date(2020, 1, 1),
    (Directive, "themes"): frozenset({Theme.PREVENTION}),
    (Observation, "value"): 1.5,
    (Observation, "unit"): Unit.PERCENT,
    (Observation, "as_of"): Period(year=2020),
    (Observation, "qualifier"): Qualifier.ABOUT,
}
_DEFAULTS: dict[tuple[type, str], object] = {
    (Directive, "themes"): frozenset(),
    (Directive, "resolutions"): (),
    (Directive, "ordinal"): None,
    (Directive, "event"): None,
    (Observation, "qualifier"): Qualifier.EXACT,
}


def _fast_path_fits(cls: type) -> bool:
    """Whether ``cls`` still has exactly the fields, defaults and converters its fast path was written for."""
    try:
        fields = attrs.fields(cls)
        if tuple(field.name for field in fields) != _EXPECTED_FIELDS[cls] or "__slots__" not in vars(cls):
            return False
        for field in fields:
            key = (cls, field.name)
            if field.default is not attrs.NOTHING and (key not in _DEFAULTS or field.default != _DEFAULTS[key]):
                return False
            if field.converter is not None:
                sample = _BUILT_VALUES.get(key)
                if sample is None or field.converter(sample) is not sample:
                    return False
    except Exception:  # noqa: BLE001 - a model this code does not understand gets the generic hooks
        return False
    return not hasattr(cls, "__attrs_post_init__") and not hasattr(cls, "__attrs_pre_init__")


def _slot_setters(cls: type) -> tuple[Callable[[object, object], None], ...]:
    """The slot descriptors' setters, which fill a frozen slotted instance without its __setattr__."""
    return tuple(vars(cls)[name].__set__ for name in _EXPECTED_FIELDS[cls])


def _register_fast_paths(converter: cattrs.Converter) -> None:  # noqa: PLR0915 - one closure per record type
    if not _fast_path_fits(Citation):  # pragma: no cover - guards against a model change the fast path does not know
        return
    intern = sys.intern
    isfinite = math.isfinite
    new = object.__new__
    set_source, set_quote = _slot_setters(Citation)
    citation_keys = {"source", "quote"}

    def citation(value: Any) -> Citation:
        if type(value) is not dict or value.keys() != citation_keys:
            msg = "expected a citation table with exactly the keys 'source' and 'quote'"
            raise TypeError(msg)
        source, quote = value["source"], value["quote"]
        if type(source) is str and type(quote) is str and source.strip() and quote.strip():
            made: Citation = new(Citation)
            set_source(made, intern(source))
            set_quote(made, quote)
            return made
        return Citation(source=source, quote=quote)  # the validators say what is wrong

    converter.register_structure_hook(Citation, lambda value, _: citation(value))

    dates: dict[str, pendulum.Date] = {}
    periods: dict[str, Period] = {}
    theme_sets: dict[tuple[Any, ...], frozenset[Theme]] = {}
    themes_by_value = {theme.value: theme for theme in Theme}
    units_by_value = {unit.value: unit for unit in Unit}
    qualifiers_by_value = {qualifier.value: qualifier for qualifier in Qualifier}

    def date(value: str) -> pendulum.Date:
        found = dates.get(value)
        if found is None:
            found = parse_date(value)
            if len(dates) >= _CACHE_LIMIT:
                dates.clear()
            dates[value] = found
        return found

    def period(value: str) -> Period:
        found = periods.get(value)
        if found is None:
            found = Period.parse(value)
            if len(periods) >= _CACHE_LIMIT:
                periods.clear()
            periods[value] = found
        return found

    def themes(value: list[Any]) -> frozenset[Theme]:
        key = tuple(value)
        found = theme_sets.get(key)
        if found is None:
            found = frozenset([themes_by_value[item] for item in value])
            if len(theme_sets) >= _CACHE_LIMIT:
                theme_sets.clear()
            theme_sets[key] = found
        return found

    directive_fields = attrs.fields(Directive)
    no_themes: frozenset[Theme] = frozenset()
    no_resolutions: tuple[str, ...] = ()
    directive_keys = frozenset(_EXPECTED_FIELDS[Directive])
    directive_required = frozenset(field.name for field in directive_fields if field.default is attrs.NOTHING)
    generic_directive = converter.gen_structure_attrs_fromdict(Directive)
    set_id, set_text, set_by, set_on, set_to, set_themes, set_resolutions, set_ordinal, set_event, set_cited = (
        _slot_setters(Directive)
    )

    def directive(value: Any) -> Directive:
        try:
            if type(value) is dict and directive_required <= value.keys() <= directive_keys:
                id_, text, by, to = value["id"], value["text"], value["issued_by"], value["addressee"]
                if not (
                    type(id_) is str
                    and type(text) is str
                    and type(by) is str
                    and type(to) is str
                    and id_.strip()
                    and text.strip()
                    and by.strip()
                ):
                    return generic_directive(value, Directive)
                on = value["issued_on"]
                listed = value.get("themes", None)
                resolutions: Any = value.get("resolutions", no_resolutions)
                ordinal = value.get("ordinal")
                event = value.get("event")
                if (
                    type(on) is str
                    and (listed is None or type(listed) is list)
                    and (type(resolutions) is list or resolutions is no_resolutions)
                    and (ordinal is None or (type(ordinal) is int and ordinal >= 1))
                    and (event is None or type(event) is str)
                ):
                    if listed is None:
                        if "themes" in value:  # an explicit null is an error, for the generic hook to report
                            return generic_directive(value, Directive)
                        listed_themes = no_themes
                    else:
                        listed_themes = theme_sets.get(tuple(listed)) or themes(listed)
                    if resolutions is not no_resolutions:
                        if not all(type(item) is str for item in resolutions):
                            return generic_directive(value, Directive)
                        resolutions = tuple(resolutions)
                    made: Directive = new(Directive)
                    set_id(made, id_)
                    set_text(made, text)
                    set_by(made, intern(by))
                    set_on(made, dates.get(on) or date(on))
                    set_to(made, intern(to))
                    set_themes(made, listed_themes)
                    set_resolutions(made, resolutions)
                    set_ordinal(made, ordinal)
                    set_event(made, None if event is None else intern(event))
                    set_cited(made, citation(value["citation"]))
                    return made
        except (KeyError, TypeError, ValueError):
            pass  # an unknown theme, an unhashable value, a bad date: the generic hook says which
        return generic_directive(value, Directive)

    exact = Qualifier.EXACT
    observation_keys = frozenset(_EXPECTED_FIELDS[Observation])
    observation_required = frozenset({"indicator", "value", "unit", "as_of", "citation"})
    generic_observation = converter.gen_structure_attrs_fromdict(Observation)
    set_indicator, set_value, set_unit, set_as_of, set_qualifier, set_citation = _slot_setters(Observation)

    def observation(value: Any) -> Observation:
        try:
            if type(value) is dict and observation_required <= value.keys() <= observation_keys:
                indicator, number, as_of = value["indicator"], value["value"], value["as_of"]
                qualifier: Any = value.get("qualifier", exact)
                if type(number) is int:
                    number = float(number)
                if (
                    type(indicator) is str
                    and indicator.strip()
                    and type(number) is float
                    and isfinite(number)
                    and type(as_of) is str
                    and (qualifier is exact or type(qualifier) is str)
                ):
                    unit, qualifier = units_by_value[value["unit"]], qualifiers_by_value[qualifier]
                    made: Observation = new(Observation)
                    set_indicator(made, intern(indicator))
                    set_value(made, number)
                    set_unit(made, unit)
                    set_as_of(made, periods.get(as_of) or period(as_of))
                    set_qualifier(made, qualifier)
                    set_citation(made, citation(value["citation"]))
                    return made
        except (KeyError, TypeError, ValueError, OverflowError):
            pass  # an unknown unit, an unhashable value, a bad period: the generic hook says which
        return generic_observation(value, Observation)

    for record, build in ((Directive, directive), (Observation, observation)):
        if _fast_path_fits(record):
            converter.register_structure_hook(record, lambda value, _, build=build: build(value))
            _register_records(converter, record, build)


def _register_records(converter: cattrs.Converter, record: type, build: Callable[[Any], Any]) -> None:
    """A list of records becomes a tuple without cattrs' per-item dispatch."""

    def records(value: Any, _: type) -> tuple[Any, ...]:
        return tuple(map(build, value)) if type(value) is list else tuple(build(item) for item in value)

    as_tuple = tuple[record, ...]  # type: ignore[valid-type]
    converter.register_structure_hook_func(lambda type_: type_ == as_tuple, records)
