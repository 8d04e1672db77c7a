"""`Dataset`: the records, as one frozen value, and every query over them (the façade)."""

from __future__ import annotations

import functools
import os
from typing import Any

import attrs

from vnhealth._dates import DateLike
from vnhealth._docnumber import DocumentNumber
from vnhealth._errors import NotFound, Problem
from vnhealth._export import export
from vnhealth._frames import to_arrow, to_pandas, to_polars
from vnhealth._gaps import Gap
from vnhealth._index import BaselineArg, Index
from vnhealth._load import dump
from vnhealth._model import (
    Area,
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
from vnhealth._records import KINDS, Record, Records
from vnhealth._results import Results
from vnhealth._validate import find_problems

__all__ = ["Dataset", "Record"]


@attrs.frozen(kw_only=True, repr=False)
class Dataset(Records):
    """All the records, as one immutable value; two datasets with the same records are equal.

    Every query is a method here and, for the bundled data, a function of
    the `vnhealth` module: ``vnhealth.directives_by("To Lam")`` is
    ``vnhealth.load().directives_by("To Lam")``. Each kind of record is a
    plain tuple (``data.targets``); the queries that filter one are named for
    what they do (``data.targets_where(indicator=...)``).
    """

    @classmethod
    def of(cls, records: Records) -> Dataset:
        """``records`` as a dataset (the same tuples, not copies)."""
        return cls(**{kind: getattr(records, kind) for kind in KINDS})

    def records(self, kind: str) -> Results[Any]:
        """One collection by name (``"directives"``), as `Results`; ``"gaps"`` gives `gaps()`."""
        if kind == "gaps":
            return self.gaps()
        if kind not in KINDS:
            raise NotFound(f"no kind of record {kind!r}; the kinds are {', '.join(KINDS)}, gaps", query=kind)
        return self._results(self.of_kind(kind))

    # -- the index: each family built on its first use ---------------------------------

    @functools.cached_property
    def _index(self) -> Index:
        return Index(self)

    def _results(self, found: Any) -> Results[Any]:
        return Results.of(found, self)

    # -- lookups ----------------------------------------------------------------

    def source(self, source: str | Source) -> Source:
        """A source by id."""
        return self._index.source(source)

    def official(self, name: str | Official) -> Official:
        """An official by id or by name, with or without diacritics and titles, any case.

        >>> import vnhealth
        >>> vnhealth.official("General Secretary To Lam").name
        'Tô Lâm'
        """
        return self._index.official(name)

    def resolution(self, number_or_id: str | DocumentNumber | Resolution) -> Resolution:
        """An instrument by id, by document number in any form `DocumentNumber.parse` accepts, or by title."""
        return self._index.resolution(number_or_id)

    def implementing(self, resolution: str | DocumentNumber | Resolution) -> Results[Resolution]:
        """The instruments that carry out ``resolution`` (directly), in data order."""
        return self._results(self._index.implementing(resolution))

    def event(self, event: str | Event) -> Event:
        """An event by id."""
        return self._index.event(event)

    def indicator(self, indicator: str | Indicator) -> Indicator:
        """An indicator by id (``"doctors_per_10k"``) or by name."""
        return self._index.indicator(indicator)

    def target(self, target: str | Target) -> Target:
        """A target by id."""
        return self._index.target(target)

    def area(self, area: str | Area) -> Area:
        """An area by id (``"vn"``) or by name, diacritics and case ignored (``"Viet Nam"``)."""
        return self._index.area(area)

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
        return self._results(self._index.directives_by(official, since=since, until=until, theme=theme))

    def observations_of(self, indicator: str | Indicator, *, area: str | Area | None = None) -> Results[Observation]:
        """Every observation of an indicator (by id or name), oldest first; of one area if ``area`` is given."""
        return self._results(self._index.observations_of(indicator, area=area))

    def latest(
        self, indicator: str | Indicator, *, as_of: DateLike | None = None, area: str | Area | None = None
    ) -> Observation | None:
        """The most recent observation known at ``as_of`` (its period ended by then); None if there is none.

        ``as_of=None`` means the latest data, whatever its date; ``area`` the
        place (an id or name; the nation by default).
        """
        return self._index.latest(indicator, as_of=as_of, area=area)

    def targets_where(
        self,
        *,
        indicator: str | Indicator | None = None,
        set_by: str | DocumentNumber | Resolution | None = None,
        area: str | Area | None = None,
    ) -> Results[Target]:
        """Targets of one indicator, set by one instrument (any id, name or number), for one area; in data order."""
        return self._results(self._index.targets_where(indicator=indicator, set_by=set_by, area=area))

    def search(self, text: str) -> Results[Record]:
        """Records whose text contains every word of ``text``, diacritics and case ignored; best first."""
        return self._results(self._index.search(text))

    def indicator_gap(
        self,
        target: str | Target,
        *,
        as_of: DateLike | None = None,
        area: str | Area | None = None,
        baseline: BaselineArg | None = None,
    ) -> Gap:
        """How far ``target``'s indicator is from it with the data known at ``as_of`` (None: the latest data).

        ``area`` measures it with another area's observations (default: the
        target's own). ``baseline`` is where the trend runs from: a
        `BaselineRule` (``"adoption"``, the default, or ``"earliest"``) or a
        period (the latest value at or before its end). See docs/gaps.md.
        """
        return self._index.indicator_gap(target, as_of=as_of, area=area, baseline=baseline)

    def gaps(
        self,
        *,
        as_of: DateLike | None = None,
        area: str | Area | None = None,
        baseline: BaselineArg | None = None,
    ) -> Results[Gap]:
        """The gap of every target (of ``area``'s targets, if given), in data order."""
        return self._results(self._index.gaps(as_of=as_of, area=area, baseline=baseline))

    # -- checking, combining, writing ------------------------------------------

    def problems(self) -> tuple[Problem, ...]:
        """Everything wrong with the records: duplicate ids, dangling references, quotes not in their source."""
        return tuple(find_problems(self))

    def merge(self, *others: Records) -> Dataset:
        """One dataset holding the records of this one and then of ``others`` (not checked: see `problems`)."""
        return Dataset(**{kind: sum((getattr(d, kind) for d in others), getattr(self, kind)) for kind in KINDS})

    def dump(self, path: str | os.PathLike[str]) -> None:
        """Write the dataset to one ``.json`` or ``.toml`` file that `vnhealth.load` reads back equal."""
        dump(self, path)

    # -- tables and files (optional extras) -----------------------------------

    def to_pandas(self, kind: str) -> Any:
        """One collection (``"directives"``, ..., or ``"gaps"``) as a typed pandas DataFrame (``vnhealth[pandas]``)."""
        return to_pandas(self.records(kind), kind=kind, dataset=self)

    def to_polars(self, kind: str) -> Any:
        """One collection (``"directives"``, ..., or ``"gaps"``) as a typed polars DataFrame (``vnhealth[polars]``)."""
        return to_polars(self.records(kind), kind=kind, dataset=self)

    def to_arrow(self, kind: str) -> Any:
        """One collection (``"directives"``, ..., or ``"gaps"``) as a typed pyarrow Table (``vnhealth[arrow]``)."""
        return to_arrow(self.records(kind), kind=kind, dataset=self)

    def export(self, path: str | os.PathLike[str], format: str = "datapackage") -> None:
        """Write the dataset into the folder ``path`` for other tools (``"json"`` also takes a ``.json`` file name).

        ``format`` is ``"datapackage"`` (CSV tables and ``datapackage.json``),
        ``"csv"``, ``"parquet"`` (needs ``vnhealth[arrow]``) or ``"json"``.
        """
        export(self, path, format=format)
