"""The queries as module functions over the bundled data: ``vnhealth.directives_by("To Lam")``.

Each is the `Dataset` method of the same name on `vnhealth.load()`; for a
dataset of your own, call the method on it.
"""

from __future__ import annotations

from vnhealth._bundled import bundled
from vnhealth._conflicts import Conflict
from vnhealth._dataset import Dataset
from vnhealth._docnumber import DocumentNumber
from vnhealth._gaps import Gap, Status
from vnhealth._index import BaselineArg
from vnhealth._lenient import Moment
from vnhealth._model import Area, Directive, Event, Indicator, Observation, Official, Resolution, Source, Target, Theme
from vnhealth._records import Record
from vnhealth._results import Results

__all__ = [
    "area",
    "conflicts",
    "directives",
    "directives_by",
    "event",
    "gaps",
    "implementing",
    "indicator",
    "indicator_gap",
    "latest",
    "observations",
    "official",
    "resolution",
    "search",
    "source",
    "target",
    "targets",
]


def _data() -> Dataset:
    return bundled()


def official(name: str | Official) -> Official:
    """An official by id or name: ``official("PM Chinh")``. See `Dataset.official`."""
    return _data().official(name)


def directives_by(
    official: str | Official,
    *,
    since: Moment | None = None,
    until: Moment | None = None,
    theme: Theme | str | None = None,
) -> Results[Directive]:
    """What an official directed, chronologically. See `Dataset.directives_by`."""
    return _data().directives_by(official, since=since, until=until, theme=theme)


def directives(
    *,
    by: str | Official | None = None,
    addressee: str | None = None,
    theme: Theme | str | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    resolution: str | DocumentNumber | Resolution | None = None,
) -> Results[Directive]:
    """Directives across every official, filtered. See `Dataset.directives_where`."""
    return _data().directives_where(
        by=by, addressee=addressee, theme=theme, since=since, until=until, resolution=resolution
    )


def resolution(number_or_id: str | DocumentNumber | Resolution) -> Resolution:
    """An instrument by id, number (any written form) or title. See `Dataset.resolution`."""
    return _data().resolution(number_or_id)


def implementing(resolution: str | DocumentNumber | Resolution) -> Results[Resolution]:
    """The instruments that carry out ``resolution``. See `Dataset.implementing`."""
    return _data().implementing(resolution)


def source(source: str | Source) -> Source:
    """A source by id. See `Dataset.source`."""
    return _data().source(source)


def event(event: str | Event) -> Event:
    """An event by id. See `Dataset.event`."""
    return _data().event(event)


def indicator(indicator: str | Indicator) -> Indicator:
    """An indicator by id or name. See `Dataset.indicator`."""
    return _data().indicator(indicator)


def target(target: str | Target) -> Target:
    """A target by id. See `Dataset.target`."""
    return _data().target(target)


def area(area: str | Area) -> Area:
    """An area by id or name. See `Dataset.area`."""
    return _data().area(area)


def observations(indicator: str | Indicator, *, area: str | Area | None = None) -> Results[Observation]:
    """An indicator's observations, oldest first. See `Dataset.observations_of`."""
    return _data().observations_of(indicator, area=area)


def latest(
    indicator: str | Indicator, *, as_of: Moment | None = None, area: str | Area | None = None
) -> Observation | None:
    """The latest observation known at ``as_of``. See `Dataset.latest`."""
    return _data().latest(indicator, as_of=as_of, area=area)


def targets(
    *,
    indicator: str | Indicator | None = None,
    set_by: str | DocumentNumber | Resolution | None = None,
    area: str | Area | None = None,
) -> Results[Target]:
    """Targets, filtered by indicator, instrument and/or area. See `Dataset.targets_where`."""
    return _data().targets_where(indicator=indicator, set_by=set_by, area=area)


def search(text: str) -> Results[Record]:
    """Records holding every word of ``text``, whole words, diacritics ignored, best first. See `Dataset.search`."""
    return _data().search(text)


def indicator_gap(
    target: str | Target,
    *,
    as_of: Moment | None = None,
    area: str | Area | None = None,
    baseline: BaselineArg | None = None,
) -> Gap:
    """How far a target's indicator is from it. See `Dataset.indicator_gap`."""
    return _data().indicator_gap(target, as_of=as_of, area=area, baseline=baseline)


def gaps(
    *,
    set_by: str | DocumentNumber | Resolution | None = None,
    indicator: str | Indicator | None = None,
    status: Status | str | None = None,
    as_of: Moment | None = None,
    area: str | Area | None = None,
    baseline: BaselineArg | None = None,
) -> Results[Gap]:
    """The gap of every target, or of those chosen. See `Dataset.gaps`."""
    return _data().gaps(set_by=set_by, indicator=indicator, status=status, as_of=as_of, area=area, baseline=baseline)


def conflicts() -> Results[Conflict]:
    """Bundled observations that disagree for the same indicator, period and place. See `Dataset.conflicts`."""
    return _data().conflicts()
