"""`Index`: the lookups and queries over one set of records, each family of index built on its first use.

As pycountry's databases index themselves on the first lookup, an `Index`
builds nothing when it is made: the ids of a kind, the resolution numbers,
the directives by official, the observations by indicator (a sort) and the
search entries are each built the first time a query needs them. The first
``directives_by`` on a large dataset therefore does not pay for sorting its
observations. Queries here return plain tuples; the `vnhealth.Dataset`
façade wraps them in `vnhealth.Results`.
"""

from __future__ import annotations

import bisect
import functools
from collections import defaultdict
from collections.abc import Iterable
from typing import TypeAlias, TypeVar

import attrs
import pendulum

from vnhealth._dates import DateLike, Period
from vnhealth._docnumber import DocumentNumber
from vnhealth._errors import DocumentNumberError, InvalidInput, NotFound
from vnhealth._gaps import BaselineRule, Gap, Status, choose_baseline, compute_gap
from vnhealth._lenient import Moment, find_indicator, short_reference
from vnhealth._lenient import bound as _bound
from vnhealth._lenient import status as _status
from vnhealth._lenient import theme as _theme
from vnhealth._model import (
    NATION,
    Area,
    Directive,
    Event,
    Indicator,
    Observation,
    Official,
    Resolution,
    Series,
    Source,
    Target,
    Theme,
)
from vnhealth._names import find_official
from vnhealth._records import Record, Records
from vnhealth._search import Entry, entries, holds_phrase, rank
from vnhealth._text import fold, slug

__all__ = ["Index"]

_R = TypeVar("_R", Source, Area, Official, Resolution, Event, Indicator, Series, Target)

BaselineArg: TypeAlias = "BaselineRule | Period | DateLike | int"
"""What ``baseline=`` takes: a `BaselineRule` (or its value) or a period (any form `Period.of` takes)."""

_History = tuple[tuple[Observation, ...], tuple[pendulum.Date, ...]]
"""An indicator's observations, oldest first, and the last day of each one's period (for bisecting)."""


class Index:
    """Lookups and queries over ``records``; each index family is built the first time it is needed."""

    def __init__(self, records: Records) -> None:
        self._records = records

    # -- index families, each built on first use ---------------------------------------

    @functools.cached_property
    def sources(self) -> dict[str, Source]:
        return {record.id: record for record in self._records.sources}

    @functools.cached_property
    def areas(self) -> dict[str, Area]:
        return {record.id: record for record in self._records.areas}

    @functools.cached_property
    def officials(self) -> dict[str, Official]:
        return {record.id: record for record in self._records.officials}

    @functools.cached_property
    def resolutions(self) -> dict[str, Resolution]:
        return {record.id: record for record in self._records.resolutions}

    @functools.cached_property
    def events(self) -> dict[str, Event]:
        return {record.id: record for record in self._records.events}

    @functools.cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {record.id: record for record in self._records.indicators}

    @functools.cached_property
    def targets(self) -> dict[str, Target]:
        return {record.id: record for record in self._records.targets}

    @functools.cached_property
    def resolution_numbers(self) -> dict[DocumentNumber, Resolution]:
        return {r.number: r for r in self._records.resolutions if r.number is not None}

    @functools.cached_property
    def resolution_titles(self) -> dict[str, Resolution]:
        return {fold(r.title): r for r in self._records.resolutions}

    @functools.cached_property
    def indicator_names(self) -> dict[str, Indicator]:
        return {fold(i.name): i for i in self._records.indicators}

    @functools.cached_property
    def implementers(self) -> dict[str, tuple[Resolution, ...]]:
        found: dict[str, list[Resolution]] = defaultdict(list)
        for resolution in self._records.resolutions:
            for parent in resolution.implements:
                found[parent].append(resolution)
        return {key: tuple(value) for key, value in found.items()}

    @functools.cached_property
    def directives_by_official(self) -> dict[str, list[Directive]]:
        """Each official's directives, in data order (one pass; each official's are sorted when first asked for)."""
        found: dict[str, list[Directive]] = defaultdict(list)
        for directive in self._records.directives:
            found[directive.issued_by].append(directive)
        return found

    @functools.cached_property
    def observations_by_indicator(self) -> dict[str, list[Observation]]:
        """Each indicator's observations, in data order (one pass; each indicator's are sorted when first asked for)."""
        found: dict[str, list[Observation]] = defaultdict(list)
        for observation in self._records.observations:
            found[observation.indicator].append(observation)
        return found

    @functools.cached_property
    def _chronologies(self) -> dict[str, tuple[tuple[Directive, ...], tuple[pendulum.Date, ...]]]:
        return {}

    @functools.cached_property
    def _histories(self) -> dict[str, _History]:
        return {}

    def chronology(self, official_id: str) -> tuple[tuple[Directive, ...], tuple[pendulum.Date, ...]]:
        """An official's directives, chronological then by ordinal (data order for ties), and their dates."""
        found = self._chronologies.get(official_id)
        if found is None:
            # Sorting one official's directives, not everyone's: the first query stays cheap on large data.
            ordered = sorted(self.directives_by_official.get(official_id, ()), key=_chronological)
            found = self._chronologies[official_id] = (tuple(ordered), tuple(d.issued_on for d in ordered))
        return found

    def history(self, indicator: str | Indicator) -> _History:
        """An indicator's observations, oldest first, and the last day of each one's period."""
        indicator_id = self.indicator(indicator).id
        found = self._histories.get(indicator_id)
        if found is None:
            # Sorted by a key computed once per observation (a stable sort keeps data order for ties):
            # comparing Periods themselves recomputes their last day at every comparison.
            keyed = sorted(
                (
                    (observation.as_of.sort_key, observation)
                    for observation in self.observations_by_indicator.get(indicator_id, ())
                ),
                key=_first,
            )
            found = self._histories[indicator_id] = (tuple(o for _, o in keyed), tuple(key[0] for key, _ in keyed))
        return found

    @functools.cached_property
    def search_entries(self) -> list[Entry]:
        """Every record's words, title and keys, for search."""
        return entries(self._records)

    @functools.cached_property
    def all_directives(self) -> tuple[Directive, ...]:
        """Every directive, chronological then by ordinal (data order for ties)."""
        return tuple(sorted(self._records.directives, key=_chronological))

    # -- lookups ------------------------------------------------------------------------

    def source(self, source: str | Source) -> Source:
        return _get("source", self.sources, source)

    def official(self, name: str | Official) -> Official:
        given: object = name  # callers from untyped code pass anything
        if not isinstance(given, str | Official):
            msg = f"an official is named by text (an id or a name), not {type(given).__name__}"
            raise InvalidInput(msg)
        if isinstance(name, Official) or name in self.officials:
            return _get("official", self.officials, name)
        return find_official(name, self._records.officials)

    def resolution(self, number_or_id: str | DocumentNumber | Resolution) -> Resolution:
        if isinstance(number_or_id, Resolution):
            return _get("resolution", self.resolutions, number_or_id)
        if isinstance(number_or_id, str):
            if number_or_id in self.resolutions:
                return self.resolutions[number_or_id]
            by_title = self.resolution_titles.get(fold(number_or_id))
            if by_title is not None:
                return by_title
        try:
            number = DocumentNumber.parse(number_or_id)
        except DocumentNumberError:
            number = None
        if number is not None and number in self.resolution_numbers:
            return self.resolution_numbers[number]
        if isinstance(number_or_id, str) and slug(number_or_id) in self.resolutions:
            return self.resolutions[slug(number_or_id)]
        if isinstance(number_or_id, str):
            # "Resolution 72", "Nghị quyết 72": the one instrument with that serial number.
            short = short_reference(number_or_id, self._records.resolutions)
            if short is not None:
                return short
        names = [r.id for r in self._records.resolutions] + [
            str(r.number) for r in self._records.resolutions if r.number
        ]
        raise NotFound(
            f"no instrument numbered or named {str(number_or_id)!r}",
            query=str(number_or_id),
            suggestions=_suggest(str(number_or_id), names),
        )

    def event(self, event: str | Event) -> Event:
        return _get("event", self.events, event)

    def indicator(self, indicator: str | Indicator) -> Indicator:
        if isinstance(indicator, str) and indicator not in self.indicators:
            by_name = self.indicator_names.get(fold(indicator)) or find_indicator(indicator, self._records.indicators)
            if by_name is not None:
                return by_name
        return _get("indicator", self.indicators, indicator)

    def target(self, target: str | Target) -> Target:
        return _get("target", self.targets, target)

    def area(self, area: str | Area) -> Area:
        """An area by id or by name (diacritics and case ignored)."""
        if isinstance(area, str) and area not in self.areas:
            folded = fold(area)
            for record in self._records.areas:
                if fold(record.name) == folded:
                    return record
        return _get("area", self.areas, area)

    def area_id(self, area: str | Area | None, default: str | None) -> str | None:
        """The id an ``area=`` argument stands for; the nation's id is known even where no record states it."""
        if area is None:
            return default
        if isinstance(area, str) and area == NATION and NATION not in self.areas:
            return NATION
        return self.area(area).id

    # -- queries ------------------------------------------------------------------------

    def implementing(self, resolution: str | DocumentNumber | Resolution) -> tuple[Resolution, ...]:
        return self.implementers.get(self.resolution(resolution).id, ())

    def directives_by(
        self,
        official: str | Official,
        *,
        since: Moment | None = None,
        until: Moment | None = None,
        theme: Theme | str | None = None,
    ) -> tuple[Directive, ...]:
        person = self.official(official)
        directives, dates = self.chronology(person.id)
        start = bisect.bisect_left(dates, bound(since, start=True)) if since is not None else 0
        stop = bisect.bisect_right(dates, bound(until, start=False)) if until is not None else len(dates)
        chosen = directives[start:stop]
        if theme is not None:
            wanted = _theme(theme)
            chosen = tuple(directive for directive in chosen if wanted in directive.themes)
        return chosen

    def directives(
        self,
        *,
        by: str | Official | None = None,
        addressee: str | None = None,
        theme: Theme | str | None = None,
        since: Moment | None = None,
        until: Moment | None = None,
        resolution: str | DocumentNumber | Resolution | None = None,
    ) -> tuple[Directive, ...]:
        """Directives of every official, or of ``by``, filtered; chronological, then by ordinal."""
        # Every argument is read (and a bad one refused) before any filtering.
        wanted_theme = _theme(theme) if theme is not None else None
        first = bound(since, start=True) if since is not None else None
        last = bound(until, start=False) if until is not None else None
        instrument = self.resolution(resolution).id if resolution is not None else None
        if addressee is not None and not fold(addressee):
            raise NotFound("an addressee to look for needs a word", query=addressee)
        chosen: Iterable[Directive] = self.all_directives if by is None else self.directives_by(by)
        if first is not None:
            chosen = (d for d in chosen if d.issued_on >= first)
        if last is not None:
            chosen = (d for d in chosen if d.issued_on <= last)
        if wanted_theme is not None:
            chosen = (d for d in chosen if wanted_theme in d.themes)
        if instrument is not None:
            chosen = (d for d in chosen if instrument in d.resolutions)
        if addressee is not None:
            chosen = (d for d in chosen if holds_phrase(d.addressee, addressee))
        return tuple(chosen)

    def observations_of(self, indicator: str | Indicator, *, area: str | Area | None = None) -> tuple[Observation, ...]:
        history = self.history(indicator)[0]
        where = self.area_id(area, None)
        return history if where is None else tuple(o for o in history if o.area == where)

    def latest(
        self, indicator: str | Indicator, *, as_of: Moment | None = None, area: str | Area | None = None
    ) -> Observation | None:
        history, ends = self.history(indicator)
        stop = len(history) if as_of is None else bisect.bisect_right(ends, bound(as_of, start=False))
        where = self.area_id(area, NATION)
        for observation in reversed(history[:stop]):
            if observation.area == where:
                return observation
        return None

    def targets_where(
        self,
        *,
        indicator: str | Indicator | None = None,
        set_by: str | DocumentNumber | Resolution | None = None,
        area: str | Area | None = None,
    ) -> tuple[Target, ...]:
        chosen: Iterable[Target] = self._records.targets
        where = self.area_id(area, None)
        if where is not None:
            chosen = (target for target in chosen if target.area == where)
        if indicator is not None:
            indicator_id = self.indicator(indicator).id
            chosen = (target for target in chosen if target.indicator == indicator_id)
        if set_by is not None:
            resolution_id = self.resolution(set_by).id
            chosen = (target for target in chosen if target.set_by == resolution_id)
        return tuple(chosen)

    def search(self, text: str) -> tuple[Record, ...]:
        found: tuple[Record, ...] = rank(text, self.search_entries)  # type: ignore[assignment]
        return found

    def indicator_gap(
        self,
        target: str | Target,
        *,
        as_of: Moment | None = None,
        area: str | Area | None = None,
        baseline: BaselineArg | None = None,
    ) -> Gap:
        found = self.target(target)
        indicator = self.indicator(found.indicator)
        where = self.area_id(area, found.area) or found.area
        rule = _baseline_rule(baseline, found)
        when = bound(as_of, start=False) if as_of is not None else None
        history, ends = self.history(indicator)
        stop = len(history) if when is None else bisect.bisect_right(ends, when)
        window = [observation for observation in history[:stop] if observation.area == where]
        # One series at a time: the target's own, else the one with the most recent value.
        if window:
            series = found.series if found.series is not None else window[-1].series
            window = [observation for observation in window if observation.series == series]
        converted = tuple(_in_unit(observation, found) for observation in window)
        resolution = self.resolutions.get(found.set_by)
        adopted = resolution.issued_on if resolution is not None else None
        start = choose_baseline(converted, rule=rule, adopted=adopted)
        return compute_gap(found, indicator, converted, when, baseline=start, area=where)

    def gaps(
        self,
        *,
        set_by: str | DocumentNumber | Resolution | None = None,
        indicator: str | Indicator | None = None,
        status: Status | str | None = None,
        as_of: Moment | None = None,
        area: str | Area | None = None,
        baseline: BaselineArg | None = None,
    ) -> tuple[Gap, ...]:
        wanted = _status(status) if status is not None else None
        if as_of is not None:
            bound(as_of, start=False)  # a bad date is refused even when no target is chosen
        targets = self.targets_where(indicator=indicator, set_by=set_by, area=area)
        found = (self.indicator_gap(target, as_of=as_of, baseline=baseline) for target in targets)
        return tuple(gap for gap in found if wanted is None or gap.status is wanted)


def _baseline_rule(value: BaselineArg | None, target: Target) -> BaselineRule | Period:
    """What ``baseline=`` asks for; by default the period a change target states, else the adoption rule."""
    if value is None:
        stated = target.change_from.period if target.change_from is not None else None
        return stated if stated is not None else BaselineRule.ADOPTION
    if isinstance(value, BaselineRule):
        return value
    if isinstance(value, str) and value.strip() in {rule.value for rule in BaselineRule}:
        return BaselineRule(value.strip())
    return Period.of(value)


def _chronological(directive: Directive) -> tuple[pendulum.Date, bool, int]:
    ordinal = directive.ordinal
    return directive.issued_on, ordinal is None, ordinal or 0


def _first(item: tuple[tuple[pendulum.Date, int], Observation]) -> tuple[pendulum.Date, int]:
    return item[0]


def _get(what: str, index: dict[str, _R], key: str | _R) -> _R:
    record_id = key if isinstance(key, str) else getattr(key, "id", None)
    if isinstance(record_id, str) and record_id in index:
        return index[record_id]
    query = str(record_id if record_id is not None else key)
    raise NotFound(f"no {what} with id {query!r}", query=query, suggestions=_suggest(query, list(index)))


def bound(value: Moment, *, start: bool) -> pendulum.Date:
    """A date argument as a day; a year or an ISO period stands for its first or last day (see `_lenient`)."""
    return _bound(value, start=start)


def _in_unit(observation: Observation, target: Target) -> Observation:
    if observation.unit is target.unit:
        return observation
    value = observation.unit.convert(observation.value, target.unit)
    return attrs.evolve(observation, value=value, unit=target.unit)


def _suggest(query: str, names: list[str]) -> list[str]:
    import difflib  # noqa: PLC0415 - only on the error path

    folded = {fold(name): name for name in names}
    return [folded[match] for match in difflib.get_close_matches(fold(query), list(folded), n=3, cutoff=0.5)]
