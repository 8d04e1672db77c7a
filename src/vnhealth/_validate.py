"""The checks a dataset must pass: unique ids, references that resolve, quotes found in their sources."""

from __future__ import annotations

import functools
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from vnhealth._errors import Problem
from vnhealth._format import shorten
from vnhealth._model import NATION, Citation
from vnhealth._records import KINDS, RECORD_TYPES, Records

__all__ = ["MEMORY", "find_problems"]

MEMORY = "<memory>"
"""The file name problems carry for records that were not read from a file."""


def find_problems(data: Records) -> Iterator[Problem]:
    """Yield every problem in ``data``; paths are ``kind[index].field`` into the dataset."""
    yield from _duplicates(data)
    yield from _references(data)
    yield from _citations(data)
    yield from _units(data)


def _problem(path: str, message: str) -> Problem:
    return Problem(file=MEMORY, path=path, message=message)


def _duplicates(data: Records) -> Iterator[Problem]:
    for kind in KINDS:
        if "id" not in attrs.fields_dict(RECORD_TYPES[kind]):
            continue  # observations have no id
        records = getattr(data, kind)
        counts = Counter(record.id for record in records)
        if len(counts) == len(records):
            continue  # every id is different: nothing to report
        seen: set[str] = set()
        for index, record in enumerate(records):
            if counts[record.id] > 1 and record.id in seen:
                yield _problem(f"{kind}[{index}].id", f"duplicate id {record.id!r}")
            seen.add(record.id)
    numbers = Counter(r.number for r in data.resolutions if r.number is not None)
    seen_numbers: set[object] = set()
    for index, resolution in enumerate(data.resolutions):
        number = resolution.number
        if number is not None and numbers[number] > 1 and number in seen_numbers:
            yield _problem(f"resolutions[{index}].number", f"document number {str(number)!r} is used twice")
        seen_numbers.add(number)


def _references(data: Records) -> Iterator[Problem]:
    # Paths are only formatted for the references that do not resolve: most do, in their hundreds of thousands.
    officials = {o.id for o in data.officials}
    resolutions = {r.id for r in data.resolutions}
    events = {e.id for e in data.events}
    indicators = {i.id for i in data.indicators}
    # The nation is the default area: records that name no area stay valid in data with no areas file.
    areas = {a.id for a in data.areas} | {NATION}
    series = {s.id for s in data.series}
    yield from _area_parents(data, areas)

    for index, resolution in enumerate(data.resolutions):
        for position, parent in enumerate(resolution.implements):
            path = f"resolutions[{index}].implements[{position}]"
            if parent == resolution.id:
                yield _problem(path, f"{resolution.id!r} cannot implement itself")
            if parent not in resolutions:
                yield _missing(path, "instrument", parent)
    for index, event in enumerate(data.events):
        for position, official in enumerate(event.officials):
            if official not in officials:
                yield _missing(f"events[{index}].officials[{position}]", "official", official)
    yield from _directive_references(data, officials, events, resolutions)
    for index, observation in enumerate(data.observations):
        if observation.indicator not in indicators:
            yield _missing(f"observations[{index}].indicator", "indicator", observation.indicator)
        yield from _place_and_series(f"observations[{index}]", observation.area, observation.series, areas, series)
    for index, target in enumerate(data.targets):
        yield from _place_and_series(f"targets[{index}]", target.area, target.series, areas, series)
        if target.indicator not in indicators:
            yield _missing(f"targets[{index}].indicator", "indicator", target.indicator)
        if target.set_by not in resolutions:
            yield _missing(f"targets[{index}].set_by", "instrument", target.set_by)


def _area_parents(data: Records, areas: set[str]) -> Iterator[Problem]:
    for index, area in enumerate(data.areas):
        if area.parent is None:
            continue
        if area.parent == area.id:
            yield _problem(f"areas[{index}].parent", f"{area.id!r} cannot lie in itself")
        elif area.parent not in areas:
            yield _missing(f"areas[{index}].parent", "area", area.parent)


def _place_and_series(
    path: str, area: str, series_id: str | None, areas: set[str], series: set[str]
) -> Iterator[Problem]:
    if area not in areas:
        yield _missing(f"{path}.area", "area", area)
    if series_id is not None and series_id not in series:
        yield _missing(f"{path}.series", "series", series_id)


def _directive_references(
    data: Records, officials: set[str], events: set[str], resolutions: set[str]
) -> Iterator[Problem]:
    for index, directive in enumerate(data.directives):
        if directive.issued_by not in officials:
            yield _missing(f"directives[{index}].issued_by", "official", directive.issued_by)
        if directive.event is not None and directive.event not in events:
            yield _missing(f"directives[{index}].event", "event", directive.event)
        if directive.resolutions:
            for position, resolution_id in enumerate(directive.resolutions):
                if resolution_id not in resolutions:
                    yield _missing(f"directives[{index}].resolutions[{position}]", "instrument", resolution_id)


def _missing(path: str, what: str, value: str) -> Problem:
    return _problem(path, f"unknown {what} {value!r}")


_Walk = Callable[[Any], Iterator[tuple[str, Citation]]]
"""Every citation inside a value, with its path below the value (``.roles[0].citation``)."""


def _all_citations(data: Records) -> Iterator[tuple[str, int, str, Citation]]:
    """Every citation with where it is: the kind, the record's index and the rest of the path."""
    for kind in KINDS:
        walk = _walk(RECORD_TYPES[kind])
        if walk is None:
            continue  # this kind cites nothing
        for index, record in enumerate(getattr(data, kind)):
            for rest, citation in walk(record):
                yield kind, index, rest, citation


@functools.cache
def _walk(type_: Any) -> _Walk | None:
    """How to find the citations in a value of ``type_``, read off its fields' types once; None: it has none."""
    if type_ is Citation:
        return lambda value: iter((("", value),))
    if isinstance(type_, types.UnionType) or typing.get_origin(type_) is typing.Union:
        walks = [_walk(arm) for arm in typing.get_args(type_) if arm is not type(None)]
        inner = walks[0] if len(walks) == 1 else None
        return None if inner is None else lambda value: inner(value) if value is not None else iter(())
    if typing.get_origin(type_) is tuple:
        item = _walk(typing.get_args(type_)[0])
        if item is None:
            return None
        return lambda value: ((f"[{i}]{rest}", c) for i, member in enumerate(value) for rest, c in item(member))
    if isinstance(type_, type) and attrs.has(type_):
        hints = typing.get_type_hints(type_)
        fields = [(f.name, walk) for f in attrs.fields(type_) if (walk := _walk(hints[f.name])) is not None]
        if not fields:
            return None
        return lambda value: ((f".{name}{rest}", c) for name, walk in fields for rest, c in walk(getattr(value, name)))
    return None


def _citations(data: Records) -> Iterator[Problem]:
    known = {record.id: record.text for record in data.sources}
    # Each source's text, and the quotes already found in it: a quote cited many times is searched for once.
    texts = {source_id: (text, set[str]()) for source_id, text in known.items() if text is not None}
    for kind, index, rest, citation in _all_citations(data):
        source, quote = citation.source, citation.quote
        entry = texts.get(source)
        if entry is None:
            if source not in known:
                yield _problem(f"{kind}[{index}]{rest}.source", f"unknown source {source!r}")
            continue  # a source cited only by address has no text to check quotes against
        text, seen = entry
        if quote in seen:
            continue
        if quote in text:
            seen.add(quote)
        else:
            yield _problem(
                f"{kind}[{index}]{rest}.quote", f"quote not found verbatim in source {source!r}: {_short(quote)}"
            )


def _units(data: Records) -> Iterator[Problem]:
    units = {indicator.id: indicator.unit for indicator in data.indicators}
    for kind in _MEASURED:
        for index, record in enumerate(getattr(data, kind)):
            unit = units.get(record.indicator)
            if unit is not None and record.unit is not unit and not record.unit.compatible(unit):
                yield _problem(
                    f"{kind}[{index}].unit",
                    f"unit {record.unit.value!r} cannot be converted to {unit.value!r}, "
                    f"the unit of {record.indicator!r}",
                )


_MEASURED = tuple(kind for kind in KINDS if {"indicator", "unit"} <= set(attrs.fields_dict(RECORD_TYPES[kind])))
"""The kinds whose records state a value of an indicator in a unit (observations, targets)."""


def _short(text: str, limit: int = 80) -> str:
    return repr(shorten(text, limit))
