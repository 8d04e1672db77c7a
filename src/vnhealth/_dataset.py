"""`Dataset`: the records, as one frozen value, and every query over them."""

from __future__ import annotations

import bisect
import functools
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, TypeAlias, TypeVar

import attrs
import pendulum

from vnhealth._dates import DateLike, Period, to_date
from vnhealth._docnumber import DocumentNumber
from vnhealth._errors import DocumentNumberError, NotFound, Problem
from vnhealth._gaps import Gap, compute_gap
from vnhealth._model import (
    Directive,
    Event,
    Indicator,
    Observation,
    Official,
    Resolution,
    Source,
    Target,
    Theme,
)
from vnhealth._names import find_official
from vnhealth._results import Results
from vnhealth._text import fold, slug

__all__ = ["Dataset", "Observations", "Record", "Targets"]

Record: TypeAlias = Source | Official | Resolution | Event | Directive | Indicator | Observation | Target
"""Any one record of a dataset."""

_R = TypeVar("_R", Source, Official, Resolution, Event, Indicator, Target)
_T = TypeVar("_T")

KINDS = ("sources", "officials", "resolutions", "events", "directives", "indicators", "observations", "targets")
"""The record collections of a dataset, in the order data files list them."""


class _Queryable(Results[_T]):
    """A collection field that is also the query of the same name, bound to its dataset."""

    _dataset: Dataset | None = None


class Observations(_Queryable[Observation]):
    """A dataset's observations: a tuple, and callable for one indicator's history.

    ``data.observations`` is the collection and ``data.observations("doctors_per_10k")``
    the query (oldest first), so the field and the query of the same name can both be had.
    """

    def __call__(self, indicator: str | Indicator) -> Results[Observation]:
        """Every observation of an indicator (by id or name), oldest first."""
        # Not bound (built outside a Dataset): answer from a dataset of just these records.
        data = self._dataset if self._dataset is not None else Dataset(observations=self)
        return data._observations_of(indicator)


class Targets(_Queryable[Target]):
    """A dataset's targets: a tuple, and callable to filter it.

    ``data.targets`` is the collection and ``data.targets(indicator=..., set_by=...)``
    the query, so the field and the query of the same name can both be had.
    """

    def __call__(
        self,
        *,
        indicator: str | Indicator | None = None,
        set_by: str | DocumentNumber | Resolution | None = None,
    ) -> Results[Target]:
        """Targets of one indicator and/or set by one instrument (any id, name or number form), in data order."""
        data = self._dataset if self._dataset is not None else Dataset(targets=self)
        return data._targets_where(indicator, set_by)


@attrs.frozen(kw_only=True, repr=False)
class Dataset:
    """All the records, as one immutable value; two datasets with the same records are equal.

    Every query is a method here and, for the bundled data, a function of
    the `vnhealth` module: ``vnhealth.directives_by("To Lam")`` is
    ``vnhealth.load().directives_by("To Lam")``.
    """

    sources: tuple[Source, ...] = attrs.field(default=(), converter=tuple)
    officials: tuple[Official, ...] = attrs.field(default=(), converter=tuple)
    resolutions: tuple[Resolution, ...] = attrs.field(default=(), converter=tuple)
    events: tuple[Event, ...] = attrs.field(default=(), converter=tuple)
    directives: tuple[Directive, ...] = attrs.field(default=(), converter=tuple)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=tuple)
    observations: Observations = attrs.field(factory=Observations, converter=Observations)
    """Every observation; also callable: ``data.observations("doctors_per_10k")``, oldest first."""
    targets: Targets = attrs.field(factory=Targets, converter=Targets)
    """Every target; also callable, to filter: ``data.targets(indicator="doctors_per_10k")``."""

    def __attrs_post_init__(self) -> None:
        # These two collections answer queries about this dataset's indicators and instruments.
        object.__setattr__(self.observations, "_dataset", self)
        object.__setattr__(self.targets, "_dataset", self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(getattr(self, kind))} {kind}" for kind in KINDS)
        return f"<Dataset: {counts}>"

    def __iter__(self) -> Iterator[Record]:
        """Every record, kind by kind."""
        for kind in KINDS:
            yield from getattr(self, kind)

    def __len__(self) -> int:
        return sum(len(getattr(self, kind)) for kind in KINDS)

    def _repr_html_(self) -> str:
        from vnhealth._html import dataset_html  # noqa: PLC0415 - only in notebooks

        return dataset_html(self)

    def records(self, kind: str) -> Results[Any]:
        """One collection by name (``"directives"``), as `Results`; ``"gaps"`` gives `gaps()`."""
        if kind == "gaps":
            return self.gaps()
        if kind not in KINDS:
            raise NotFound(f"no kind of record {kind!r}; the kinds are {', '.join(KINDS)}, gaps", query=kind)
        return Results(getattr(self, kind))

    # -- indexes, built once on first use -------------------------------------

    @functools.cached_property
    def _index(self) -> _Index:
        return _Index(self)

    # -- lookups ----------------------------------------------------------------

    def source(self, source: str | Source) -> Source:
        """A source by id."""
        return self._get("source", self._index.sources, source)

    def official(self, name: str | Official) -> Official:
        """An official by id or by name, with or without diacritics and titles, any case.

        >>> import vnhealth
        >>> vnhealth.official("General Secretary To Lam").name
        'Tô Lâm'
        """
        if isinstance(name, Official) or name in self._index.officials:
            return self._get("official", self._index.officials, name)
        return find_official(name, self.officials)

    def resolution(self, number_or_id: str | DocumentNumber | Resolution) -> Resolution:
        """An instrument by id, by document number in any form `DocumentNumber.parse` accepts, or by title."""
        if isinstance(number_or_id, Resolution):
            return self._get("resolution", self._index.resolutions, number_or_id)
        index = self._index
        if isinstance(number_or_id, str):
            if number_or_id in index.resolutions:
                return index.resolutions[number_or_id]
            by_title = index.resolution_titles.get(fold(number_or_id))
            if by_title is not None:
                return by_title
        try:
            number = DocumentNumber.parse(number_or_id)
        except DocumentNumberError:
            number = None
        if number is not None and number in index.resolution_numbers:
            return index.resolution_numbers[number]
        if isinstance(number_or_id, str) and slug(number_or_id) in index.resolutions:
            return index.resolutions[slug(number_or_id)]
        raise NotFound(
            f"no instrument numbered or named {str(number_or_id)!r}",
            query=str(number_or_id),
            suggestions=_suggest(str(number_or_id), index.resolution_names),
        )

    def implementing(self, resolution: str | DocumentNumber | Resolution) -> Results[Resolution]:
        """The instruments that carry out ``resolution`` (directly), in data order."""
        found = self.resolution(resolution)
        return Results(self._index.implementers.get(found.id, ()))

    def event(self, event: str | Event) -> Event:
        """An event by id."""
        return self._get("event", self._index.events, event)

    def indicator(self, indicator: str | Indicator) -> Indicator:
        """An indicator by id (``"doctors_per_10k"``) or by name."""
        if isinstance(indicator, str) and indicator not in self._index.indicators:
            by_name = self._index.indicator_names.get(fold(indicator))
            if by_name is not None:
                return by_name
        return self._get("indicator", self._index.indicators, indicator)

    def target(self, target: str | Target) -> Target:
        """A target by id."""
        return self._get("target", self._index.targets, target)

    # -- queries ----------------------------------------------------------------

    def directives_by(
        self,
        official: str | Official,
        *,
        since: DateLike | None = None,
        until: DateLike | None = None,
        theme: Theme | str | None = None,
    ) -> Results[Directive]:
        """What an official directed: chronological, then by ordinal.

        ``since`` and ``until`` are inclusive and take a date or an ISO period
        (``until="2025"`` runs to the end of 2025); ``theme`` a `Theme` or its value.
        """
        person = self.official(official)
        directives, dates = self._index.directives_by.get(person.id, ((), ()))
        start = bisect.bisect_left(dates, _bound(since, start=True)) if since is not None else 0
        stop = bisect.bisect_right(dates, _bound(until, start=False)) if until is not None else len(dates)
        chosen = directives[start:stop]
        if theme is not None:
            wanted = _theme(theme)
            chosen = tuple(directive for directive in chosen if wanted in directive.themes)
        return Results(chosen)

    def _observations_of(self, indicator: str | Indicator) -> Results[Observation]:
        found = self.indicator(indicator)
        return Results(self._index.observations.get(found.id, ((), ()))[0])

    def latest(self, indicator: str | Indicator, *, as_of: DateLike | None = None) -> Observation | None:
        """The most recent observation known at ``as_of`` (its period ended by then); None if there is none.

        ``as_of=None`` means the latest data, whatever its date.
        """
        found = self.indicator(indicator)
        history, ends = self._index.observations.get(found.id, ((), ()))
        stop = len(history) if as_of is None else bisect.bisect_right(ends, _bound(as_of, start=False))
        return history[stop - 1] if stop else None

    def _targets_where(
        self,
        indicator: str | Indicator | None,
        set_by: str | DocumentNumber | Resolution | None,
    ) -> Results[Target]:
        chosen: Iterable[Target] = self.targets
        if indicator is not None:
            indicator_id = self.indicator(indicator).id
            chosen = (target for target in chosen if target.indicator == indicator_id)
        if set_by is not None:
            resolution_id = self.resolution(set_by).id
            chosen = (target for target in chosen if target.set_by == resolution_id)
        return Results(chosen)

    def search(self, text: str) -> Results[Record]:
        """Records whose text contains every word of ``text``, diacritics and case ignored; best first."""
        words = fold(text).split()
        if not words:
            return Results()
        phrase = " ".join(words)
        scored = []
        for position, (record, haystack, title) in enumerate(self._index.search_entries):
            if all(word in haystack for word in words):
                score = (phrase == title) * 4 + (phrase in title) * 2 + (phrase in haystack)
                scored.append((-score, position, record))
        scored.sort(key=lambda item: item[:2])
        return Results(record for _, _, record in scored)

    def indicator_gap(self, target: str | Target, *, as_of: DateLike | None = None) -> Gap:
        """How far ``target``'s indicator is from it at ``as_of`` (None: the latest data)."""
        found = self.target(target)
        indicator = self.indicator(found.indicator)
        when = _bound(as_of, start=False) if as_of is not None else None
        history, ends = self._index.observations.get(indicator.id, ((), ()))
        stop = len(history) if when is None else bisect.bisect_right(ends, when)
        converted = tuple(_in_unit(observation, found) for observation in history[:stop])
        return compute_gap(found, indicator, converted, when)

    def gaps(self, *, as_of: DateLike | None = None) -> Results[Gap]:
        """The gap of every target, in data order."""
        return Results(self.indicator_gap(target, as_of=as_of) for target in self.targets)

    # -- checking, combining, writing ------------------------------------------

    def problems(self) -> tuple[Problem, ...]:
        """Everything wrong with the records: duplicate ids, dangling references, quotes not in their source."""
        from vnhealth._validate import find_problems  # noqa: PLC0415 - validate imports this module

        return tuple(find_problems(self))

    def merge(self, *others: Dataset) -> Dataset:
        """One dataset holding the records of this one and then of ``others`` (not checked: see `problems`)."""
        return Dataset(**{kind: sum((getattr(d, kind) for d in others), getattr(self, kind)) for kind in KINDS})

    def dump(self, path: str | os.PathLike[str]) -> None:
        """Write the dataset to one ``.json`` or ``.toml`` file that `vnhealth.load` reads back equal."""
        from vnhealth._load import dump  # noqa: PLC0415 - the loader imports this module

        dump(self, path)

    # -- tables and files (optional extras) -----------------------------------

    def to_pandas(self, kind: str) -> Any:
        """One collection (``"directives"``, ..., or ``"gaps"``) as a typed pandas DataFrame (``vnhealth[pandas]``)."""
        from vnhealth._frames import to_pandas  # noqa: PLC0415 - optional dependency

        return to_pandas(self.records(kind), kind=kind, dataset=self)

    def to_polars(self, kind: str) -> Any:
        """One collection (``"directives"``, ..., or ``"gaps"``) as a typed polars DataFrame (``vnhealth[polars]``)."""
        from vnhealth._frames import to_polars  # noqa: PLC0415 - optional dependency

        return to_polars(self.records(kind), kind=kind, dataset=self)

    def to_arrow(self, kind: str) -> Any:
        """One collection (``"directives"``, ..., or ``"gaps"``) as a typed pyarrow Table (``vnhealth[arrow]``)."""
        from vnhealth._frames import to_arrow  # noqa: PLC0415 - optional dependency

        return to_arrow(self.records(kind), kind=kind, dataset=self)

    def export(self, path: str | os.PathLike[str], format: str = "datapackage") -> None:
        """Write the dataset into the folder ``path`` for other tools (``"json"`` also takes a ``.json`` file name).

        ``format`` is ``"datapackage"`` (CSV tables and ``datapackage.json``),
        ``"csv"``, ``"parquet"`` (needs ``vnhealth[arrow]``) or ``"json"``.
        """
        from vnhealth._export import export  # noqa: PLC0415 - only needed for writing

        export(self, path, format=format)

    # -- helpers ---------------------------------------------------------------

    def _get(self, what: str, index: dict[str, _R], key: str | _R) -> _R:
        record_id = key if isinstance(key, str) else getattr(key, "id", None)
        if isinstance(record_id, str) and record_id in index:
            return index[record_id]
        query = str(record_id if record_id is not None else key)
        raise NotFound(f"no {what} with id {query!r}", query=query, suggestions=_suggest(query, list(index)))


class _Index:
    """Lookups over one dataset, built once."""

    def __init__(self, data: Dataset) -> None:
        self.sources = {record.id: record for record in data.sources}
        self.officials = {record.id: record for record in data.officials}
        self.resolutions = {record.id: record for record in data.resolutions}
        self.events = {record.id: record for record in data.events}
        self.indicators = {record.id: record for record in data.indicators}
        self.targets = {record.id: record for record in data.targets}
        self.resolution_numbers = {r.number: r for r in data.resolutions if r.number is not None}
        self.resolution_titles = {fold(r.title): r for r in data.resolutions}
        self.resolution_names = [r.id for r in data.resolutions] + [str(r.number) for r in data.resolutions if r.number]
        self.indicator_names = {fold(i.name): i for i in data.indicators}
        implementers: dict[str, list[Resolution]] = defaultdict(list)
        for resolution in data.resolutions:
            for parent in resolution.implements:
                implementers[parent].append(resolution)
        self.implementers = {key: tuple(value) for key, value in implementers.items()}
        by_official: dict[str, list[tuple[tuple[pendulum.Date, bool, int, int], Directive]]] = defaultdict(list)
        for position, directive in enumerate(data.directives):
            ordinal = directive.ordinal
            key = (directive.issued_on, ordinal is None, ordinal or 0, position)
            by_official[directive.issued_by].append((key, directive))
        self.directives_by: dict[str, tuple[tuple[Directive, ...], tuple[pendulum.Date, ...]]] = {}
        for official, keyed in by_official.items():
            keyed.sort(key=lambda item: item[0])
            self.directives_by[official] = (tuple(d for _, d in keyed), tuple(d.issued_on for _, d in keyed))
        # Sorted by a key computed once per observation: comparing Periods themselves
        # recomputes their last day at every comparison, which dominated building the index.
        by_indicator: dict[str, list[tuple[pendulum.Date, int, int, Observation]]] = defaultdict(list)
        for position, observation in enumerate(data.observations):
            end, precision = observation.as_of.sort_key
            by_indicator[observation.indicator].append((end, precision, position, observation))
        self.observations: dict[str, tuple[tuple[Observation, ...], tuple[pendulum.Date, ...]]] = {}
        for indicator, keyed_observations in by_indicator.items():
            keyed_observations.sort(key=lambda item: item[:3])
            history = tuple(item[3] for item in keyed_observations)
            self.observations[indicator] = (history, tuple(item[0] for item in keyed_observations))
        self._data = data

    @functools.cached_property
    def search_entries(self) -> list[tuple[Record, str, str]]:
        entries = []
        for record in self._data:
            title = fold(_title(record))
            entries.append((record, fold(" ".join(_texts(record))), title))
        return entries


def _title(record: Record) -> str:
    for field in ("name", "title", "text"):
        value = getattr(record, field, None)
        if isinstance(value, str):
            return value
    return getattr(record, "id", "")


def _texts(record: Record) -> Iterator[str]:
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if field.name == "text" and isinstance(record, Source):
            continue  # whole articles would match everything
        if isinstance(value, str):
            yield value
        elif isinstance(value, DocumentNumber):
            yield str(value)
        elif field.name == "roles":
            yield from (role.title for role in value)
        elif field.name in {"citation", "citations"}:
            citations = value if isinstance(value, tuple) else (value,)
            yield from (citation.quote for citation in citations)


def _bound(value: DateLike, *, start: bool) -> pendulum.Date:
    """A date argument as a day; an ISO period string stands for its first or last day."""
    if isinstance(value, str):
        period = Period.parse(value.strip())
        return period.start if start else period.end
    return to_date(value)


def _theme(value: Theme | str) -> Theme:
    try:
        return Theme(value)
    except ValueError:
        known = ", ".join(theme.value for theme in Theme)
        raise NotFound(f"no theme {value!r}; the themes are {known}", query=str(value)) from None


def _in_unit(observation: Observation, target: Target) -> Observation:
    if observation.unit is target.unit:
        return observation
    value = observation.unit.convert(observation.value, target.unit)
    return attrs.evolve(observation, value=value, unit=target.unit)


def _suggest(query: str, names: list[str]) -> list[str]:
    import difflib  # noqa: PLC0415 - only on the error path

    folded = {fold(name): name for name in names}
    return [folded[match] for match in difflib.get_close_matches(fold(query), list(folded), n=3, cutoff=0.5)]
