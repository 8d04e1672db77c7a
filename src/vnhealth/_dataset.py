"""`Dataset`: the records, as one frozen value, and every query over them (the façade)."""

from __future__ import annotations

import functools
import os
from typing import Any

import attrs

from vnhealth._conflicts import Conflict, find_conflicts
from vnhealth._docnumber import DocumentNumber
from vnhealth._errors import NotFound, Problem
from vnhealth._export import export
from vnhealth._frames import to_arrow, to_pandas, to_polars
from vnhealth._gaps import Gap, Status
from vnhealth._index import BaselineArg, Index
from vnhealth._lenient import Moment
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
        """An instrument by id, by number in any form `DocumentNumber.parse` accepts, by title, or by short reference.

        A short reference is a kind and a serial number, in English or
        Vietnamese (``"Resolution 72"``, ``"Nghị quyết 72"``, ``"NQ 72"``) or
        the bare number (``"72"``); when several instruments carry that
        number, NotFound lists them.

        >>> import vnhealth
        >>> str(vnhealth.resolution("Nghị quyết 72").number)
        '72-NQ/TW'
        """
        return self._index.resolution(number_or_id)

    def implementing(self, resolution: str | DocumentNumber | Resolution) -> Results[Resolution]:
        """The instruments that carry out ``resolution`` (directly), in data order."""
        return self._results(self._index.implementing(resolution))

    def event(self, event: str | Event) -> Event:
        """An event by id."""
        return self._index.event(event)

    def indicator(self, indicator: str | Indicator) -> Indicator:
        """An indicator by id (``"doctors_per_10k"``), by name, or by its World Bank WDI or WHO GHO code.

        >>> import vnhealth
        >>> vnhealth.indicator("SH.MED.PHYS.ZS").id
        'doctors_per_10k'
        """
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
        since: Moment | None = None,
        until: Moment | None = None,
        theme: Theme | str | None = None,
    ) -> Results[Directive]:
        """What an official directed: chronological, then by ordinal.

        ``since`` and ``until`` are inclusive and take a date, an ISO period
        or a year (``until=2025`` runs to the end of 2025); ``theme`` a `Theme`,
        its value, its label or its slug (``"Digital Health"``, ``"digital-health"``).
        """
        return self._results(self._index.directives_by(official, since=since, until=until, theme=theme))

    def directives_where(
        self,
        *,
        by: str | Official | None = None,
        addressee: str | None = None,
        theme: Theme | str | None = None,
        since: Moment | None = None,
        until: Moment | None = None,
        resolution: str | DocumentNumber | Resolution | None = None,
    ) -> Results[Directive]:
        """Directives across every official (or of ``by``), chronological, then by ordinal.

        (``data.directives`` is the tuple of every directive in data order;
        the module function ``vnhealth.directives(...)`` is this query.)

        ``addressee`` matches the words of whom a directive is addressed to,
        diacritics and case ignored, as a whole phrase (``"Ministry of Health"``
        finds "units under the Ministry of Health", ``"health"`` does not find
        "healthcare"); ``resolution`` takes any form `resolution` accepts;
        ``theme``, ``since`` and ``until`` are read as in `directives_by`.

        >>> import vnhealth
        >>> found = vnhealth.directives(addressee="Ministry of Health", since=2025)
        >>> all("ministry of health" in vnhealth.fold(d.addressee) for d in found)
        True
        """
        return self._results(
            self._index.directives(
                by=by, addressee=addressee, theme=theme, since=since, until=until, resolution=resolution
            )
        )

    def observations_of(self, indicator: str | Indicator, *, area: str | Area | None = None) -> Results[Observation]:
        """Every observation of an indicator (by id or name), oldest first; of one area if ``area`` is given."""
        return self._results(self._index.observations_of(indicator, area=area))

    def latest(
        self, indicator: str | Indicator, *, as_of: Moment | None = None, area: str | Area | None = None
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
        """Records holding every word of ``text`` as whole words (diacritics and case ignored), best first.

        First the records whose id, document number or name is ``text``, then
        those whose name or title holds it as a phrase, then those whose text
        does, then those holding all its words anywhere; data order within each.
        """
        return self._results(self._index.search(text))

    def indicator_gap(
        self,
        target: str | Target,
        *,
        as_of: Moment | None = None,
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
        set_by: str | DocumentNumber | Resolution | None = None,
        indicator: str | Indicator | None = None,
        status: Status | str | None = None,
        as_of: Moment | None = None,
        area: str | Area | None = None,
        baseline: BaselineArg | None = None,
    ) -> Results[Gap]:
        """The gap of every target, in data order; or of the targets ``set_by`` an instrument, of an ``indicator``.

        ``set_by`` takes any form `resolution` accepts (``"72-NQ/TW"``,
        ``"Resolution 72"``); ``status`` a `Status` or its words
        (``"off track"``); ``as_of`` a date, ISO period or year (None: the latest
        data); ``area`` keeps that area's targets; ``baseline`` as in `indicator_gap`.

        >>> import vnhealth
        >>> gaps = vnhealth.gaps(set_by="72-NQ/TW")
        >>> {gap.target.set_by for gap in gaps}
        {'72-nq-tw'}
        """
        return self._results(
            self._index.gaps(
                set_by=set_by, indicator=indicator, status=status, as_of=as_of, area=area, baseline=baseline
            )
        )

    # -- checking, combining, writing ------------------------------------------

    def problems(self) -> tuple[Problem, ...]:
        """Everything wrong with the records: duplicate ids, dangling references, quotes not in their source."""
        return tuple(find_problems(self))

    def merge(self, *others: Records) -> Dataset:
        """One dataset holding the records of this one and then of ``others`` (not checked: see `problems`)."""
        return Dataset(**{kind: sum((getattr(d, kind) for d in others), getattr(self, kind)) for kind in KINDS})

    def conflicts(self) -> Results[Conflict]:
        """Observations that give different values for the same indicator, period and place, side by side.

        Both are kept, each with its citation; `latest` takes the one that comes
        last in data order (with ``load(path, include_bundled=True)``, yours).
        """
        return Results(find_conflicts(self.observations))

    def dump(self, path: str | os.PathLike[str], *, format: str | None = None) -> None:
        """Write the dataset where `vnhealth.load` reads it back equal.

        A path ending in ``.json`` or ``.toml`` is one file; a path with no suffix
        is a folder that gets one file per kind (TOML, or ``format="json"``). Each
        file is replaced whole or not at all.
        """
        dump(self, path, format=format)

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

    def export(self, path: str | os.PathLike[str], format: str = "datapackage", *, bom: bool | None = None) -> None:
        """Write the dataset into the folder ``path`` for other tools (``"json"`` and ``"xlsx"`` also take a file name).

        ``format`` is ``"datapackage"`` (CSV tables and ``datapackage.json``),
        ``"csv"`` (for spreadsheets: with a UTF-8 byte-order mark unless
        ``bom=False``), ``"xlsx"`` (one workbook, a sheet per table; needs
        ``vnhealth[xlsx]``), ``"parquet"`` (needs ``vnhealth[arrow]``) or
        ``"json"``. In CSV and Excel a list is one cell, its items joined by ``"; "``.
        """
        export(self, path, format=format, bom=bom)
