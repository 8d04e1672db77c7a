"""The checks a dataset must pass: unique ids, references that resolve, quotes found in their sources."""

from __future__ import annotations

import functools
import operator
import re
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from vnhealth._errors import Problem
from vnhealth._format import shorten
from vnhealth._model import NATION, Citation
from vnhealth._records import KINDS, RECORD_TYPES, Records, field_types

__all__ = ["MEMORY", "find_problems"]

MEMORY = "<memory>"
"""The file name problems carry for records that were not read from a file."""


def find_problems(data: Records, *, also_known: Mapping[str, frozenset[str]] | None = None) -> Iterator[Problem]:
    """Yield every problem in ``data``; paths are ``kind[index].field`` into the dataset.

    ``also_known`` names ids, by kind, of records that exist but are not in
    ``data`` (they failed to build): references to them are not reported.
    """
    known = also_known or {}
    yield from _duplicates(data)
    yield from _references(data, known)
    yield from _citations(data, known.get("sources", frozenset()))
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


def _references(data: Records, also_known: Mapping[str, frozenset[str]]) -> Iterator[Problem]:
    # Paths are only formatted for the references that do not resolve: most do, in their hundreds of thousands.
    officials = {o.id for o in data.officials} | also_known.get("officials", frozenset())
    resolutions = {r.id for r in data.resolutions} | also_known.get("resolutions", frozenset())
    events = {e.id for e in data.events} | also_known.get("events", frozenset())
    indicators = {i.id for i in data.indicators} | also_known.get("indicators", frozenset())
    # The nation is the default area: records that name no area stay valid in data with no areas file.
    areas = {a.id for a in data.areas} | {NATION} | also_known.get("areas", frozenset())
    series = {s.id for s in data.series} | also_known.get("series", frozenset())
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
        hints = field_types(type_)
        fields = [(f.name, walk) for f in attrs.fields(type_) if (walk := _walk(hints[f.name])) is not None]
        if not fields:
            return None
        return lambda value: ((f".{name}{rest}", c) for name, walk in fields for rest, c in walk(getattr(value, name)))
    return None


def _citations(data: Records, broken: frozenset[str] = frozenset()) -> Iterator[Problem]:
    known: dict[str, str | None] = dict.fromkeys(broken) | {record.id: record.text for record in data.sources}
    # First every distinct quote of each source, gathered without building paths (most citations are
    # fine, in their hundreds of thousands); then each text is searched once per distinct quote.
    quotes: dict[str, set[str]] = {}
    for citation in _every_citation(data):
        quotes.setdefault(citation.source, set()).add(citation.quote)
    unknown = {source for source in quotes if source not in known}
    absent = {
        source: _absent(text, quotes[source]) for source, text in known.items() if text is not None and source in quotes
    }
    if not unknown and not any(absent.values()):
        return
    for kind, index, rest, citation in _all_citations(data):
        source, quote = citation.source, citation.quote
        if source in unknown:
            yield _problem(f"{kind}[{index}]{rest}.source", f"unknown source {source!r}")
        elif quote in absent.get(source, ()):
            yield _problem(
                f"{kind}[{index}]{rest}.quote", f"quote not found verbatim in source {source!r}: {_short(quote)}"
            )


def _every_citation(data: Records) -> Iterator[Citation]:
    """Every citation, kind by kind: straight off the field where a record holds one, else by walking it."""
    for kind in KINDS:
        records = getattr(data, kind)
        field = _single_citation_field(RECORD_TYPES[kind])
        if field is not None:
            yield from map(operator.attrgetter(field), records)
            continue
        walk = _walk(RECORD_TYPES[kind])
        if walk is not None:
            for record in records:
                for _, citation in walk(record):
                    yield citation


@functools.cache
def _single_citation_field(type_: type) -> str | None:
    """The field holding a record's one citation, if that is the only place it holds any."""
    hints = field_types(type_)
    cited = [field.name for field in attrs.fields(type_) if _walk(hints[field.name]) is not None]
    return cited[0] if len(cited) == 1 and hints[cited[0]] is Citation else None


_GRAM = 12
"""The length of the runs of characters a text is indexed by."""
_WORD_START = re.compile(r"(?<!\w)\w")
_INDEX_FROM = 64
"""How many distinct quotes make indexing a text cheaper than scanning it for each."""


def _absent(text: str, quotes: set[str]) -> set[str]:
    """The quotes that are not spans of ``text``."""
    if len(quotes) < _INDEX_FROM:
        return {quote for quote in quotes if quote not in text}
    # Where each run of _GRAM characters that begins a word starts: a quote that begins a word can
    # only start where its own first run does. Any other quote is looked for in the whole text.
    starts: dict[str, list[int]] = {}
    for match in _WORD_START.finditer(text):
        start = match.start()
        starts.setdefault(text[start : start + _GRAM], []).append(start)
    startswith = text.startswith
    absent = set()
    for quote in quotes:
        for start in starts.get(quote[:_GRAM], ()):
            if startswith(quote, start):
                break
        else:
            if quote not in text:
                absent.add(quote)
    return absent


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
