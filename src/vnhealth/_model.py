"""The domain model: frozen, keyword-only records, each claim carrying its citation."""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable

import attrs
import pendulum

from vnhealth._dates import DateLike, Period, to_date
from vnhealth._display import HtmlRepr
from vnhealth._docnumber import DocumentNumber
from vnhealth._units import Unit

__all__ = [
    "NATION",
    "Area",
    "AreaLevel",
    "Baseline",
    "Citation",
    "Comparator",
    "Direction",
    "Directive",
    "Event",
    "Indicator",
    "InstrumentKind",
    "Observation",
    "Official",
    "Qualifier",
    "Resolution",
    "Role",
    "Series",
    "Source",
    "Target",
    "Theme",
]

# Each validator is one function, not an attrs.validators.and_ of several: loading runs them
# for every field of every record, and each call costs as much as the check it makes.


def _text(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    """An attrs validator: the value is text."""
    if not isinstance(value, str):
        msg = f"{attribute.name} must be text, not {type(value).__name__}"
        raise TypeError(msg)


def _id(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    """An attrs validator: text holding something other than white space."""
    if not isinstance(value, str):
        msg = f"{attribute.name} must be text, not {type(value).__name__}"
        raise TypeError(msg)
    if not value.strip():
        msg = f"{attribute.name} must not be empty"
        raise ValueError(msg)


def _finite(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    """An attrs validator: the number is neither infinite nor NaN."""
    if not math.isfinite(value):
        msg = f"{attribute.name} must be a finite number, not {value!r}"
        raise ValueError(msg)


def _positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    """An attrs validator: a whole number of 1 or more."""
    if value < 1:
        msg = f"{attribute.name} must be 1 or more, not {value}"
        raise ValueError(msg)


def _themes(values: Iterable[Theme | str]) -> frozenset[Theme]:
    # Records built in code may name themes by their string values, as data files do.
    return values if type(values) is frozenset else frozenset(map(Theme, values))


def _period(value: Period | DateLike | int) -> Period:
    return Period.of(value)


def _optional_period(value: Period | DateLike | int | None) -> Period | None:
    # Hands a decoded Period back unchanged, as the loader requires of converters.
    return None if value is None else Period.of(value)


def _optional_finite(_: object, attribute: attrs.Attribute[float | None], value: float | None) -> None:
    """An attrs validator: None, or a number that is neither infinite nor NaN."""
    if value is not None and not math.isfinite(value):
        msg = f"{attribute.name} must be a finite number, not {value!r}"
        raise ValueError(msg)


NATION = "vn"
"""The id of the area a record is about when it names none: the nation, Việt Nam."""


def _optional_date(value: DateLike | None) -> pendulum.Date | None:
    return None if value is None else to_date(value)


KEEPS_TYPE: frozenset[object] = frozenset({to_date, _optional_date, _period, _optional_period, _themes})
"""The converters above, each of which hands back a value already of its field's type unchanged.

Loading relies on it: msgspec builds records without running converters, so a
field whose converter is not one of these (or an enum, ``float`` or ``tuple``)
makes its record type go through ``__init__`` instead.
"""


class Theme(enum.StrEnum):
    """The closed vocabulary of policy themes a directive is filed under."""

    DIGITAL_HEALTH = "digital_health"
    HUMAN_RESOURCES = "human_resources"
    GRASSROOTS_CARE = "grassroots_care"
    PREVENTION = "prevention"
    INSTITUTIONS = "institutions"
    FINANCING = "financing"
    PRIVATE_SECTOR = "private_sector"
    PHARMA_AND_EQUIPMENT = "pharma_and_equipment"
    TRADITIONAL_MEDICINE = "traditional_medicine"
    SCIENCE_TECHNOLOGY = "science_technology"
    INTERNATIONAL_COOPERATION = "international_cooperation"
    ETHICS_AND_QUALITY = "ethics_and_quality"
    INFRASTRUCTURE = "infrastructure"
    ACCESS_AND_EQUITY = "access_and_equity"


class InstrumentKind(enum.StrEnum):
    """What kind of policy instrument a `Resolution` record is."""

    PARTY_RESOLUTION = "party_resolution"
    PARTY_CONCLUSION = "party_conclusion"
    PARTY_DIRECTIVE = "party_directive"
    GOVERNMENT_RESOLUTION = "government_resolution"
    NATIONAL_ASSEMBLY_RESOLUTION = "national_assembly_resolution"
    LAW = "law"
    DECREE = "decree"
    DECISION = "decision"
    DIRECTIVE = "directive"
    CIRCULAR = "circular"
    ACTION_PLAN = "action_plan"
    PROGRAMME = "programme"
    STRATEGY = "strategy"
    MASTER_PLAN = "master_plan"
    OTHER = "other"


class Direction(enum.StrEnum):
    """Which way an indicator improves."""

    HIGHER = "higher"
    LOWER = "lower"

    @property
    def sign(self) -> int:
        """+1 where higher is better, -1 where lower is better (the d of the SDG methods)."""
        return 1 if self is Direction.HIGHER else -1


class Qualifier(enum.StrEnum):
    """How exactly a source states a value: "nearly 21 million" is ``nearly``."""

    EXACT = "exact"
    ABOUT = "about"
    NEARLY = "nearly"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    OVER = "over"
    UNDER = "under"


class Comparator(enum.StrEnum):
    """How an observed value must relate to a target's value for the target to be met."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    ABOUT = "about"
    """Reach the value: met once the indicator is there or better, by its direction."""
    BETWEEN = "between"
    """Stay within a range: the target's value is its lower bound and ``upper`` its upper bound."""

    def satisfied(self, observed: float, target: float, direction: Direction, upper: float | None = None) -> bool:
        """Whether ``observed`` meets ``target`` (and ``upper``, for a range) under this comparator."""
        if self is Comparator.BETWEEN:
            return target <= observed <= (target if upper is None else upper)
        if self is Comparator.AT_LEAST:
            return observed >= target
        if self is Comparator.AT_MOST:
            return observed <= target
        if self is Comparator.MORE_THAN:
            return observed > target
        if self is Comparator.LESS_THAN:
            return observed < target
        return direction.sign * (observed - target) >= 0

    @property
    def symbol(self) -> str:
        """``≥``, ``≤``, ``>``, ``<``, ``≈`` or ``∈`` (a range)."""
        symbols = {"at_least": "≥", "at_most": "≤", "more_than": ">", "less_than": "<", "about": "≈", "between": "∈"}
        return symbols[self.value]


class AreaLevel(enum.StrEnum):
    """The administrative level of an `Area` (since 2025 Việt Nam has two below the nation)."""

    NATION = "nation"
    PROVINCE = "province"
    COMMUNE = "commune"


@attrs.frozen(kw_only=True)
class Source(HtmlRepr):
    """One article or document that records cite."""

    id: str = attrs.field(validator=_id)
    outlet: str = attrs.field(validator=_text)
    title: str = attrs.field(validator=_text)
    url: str = attrs.field(validator=_text)
    published: pendulum.Date = attrs.field(converter=to_date)
    language: str = attrs.field(validator=_text)
    """An IETF language tag: ``en``, ``vi``, ``zh``."""
    text: str | None = attrs.field(default=None, repr=False)
    """The shipped text that quotes are checked against, or None for a source cited only by address."""


@attrs.frozen(kw_only=True)
class Citation:
    """Where a claim comes from: a source id and a verbatim span of that source's text."""

    source: str = attrs.field(validator=_id)
    quote: str = attrs.field(validator=_id)


@attrs.frozen(kw_only=True)
class Area(HtmlRepr):
    """A place that observations and targets are about: the nation, a province or a commune."""

    id: str = attrs.field(validator=_id)
    name: str = attrs.field(validator=_id)
    """The name with Vietnamese diacritics: ``Việt Nam``, ``Thành phố Hà Nội``."""
    level: AreaLevel = attrs.field(converter=AreaLevel)
    code: str | None = None
    """The official code where one exists (the statistics office's unit code, ISO 3166 for the nation)."""
    parent: str | None = None
    """The id of the area this one lies in (a province's is the nation's); None for the nation."""
    citations: tuple[Citation, ...] = ()
    """Sources for the name and the code."""


@attrs.frozen(kw_only=True)
class Series(HtmlRepr):
    """A kind of figure an observation belongs to: one producer's statistic, survey or model estimate.

    Sources often disagree for the same indicator and year; a trend is read
    within one series, never across a mix of them.
    """

    id: str = attrs.field(validator=_id)
    description: str = attrs.field(validator=_id)
    citations: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class Baseline:
    """What a change target is measured from: a value and/or a period the source states.

    Both None: the source states neither, and the gap takes its baseline
    from the observations (see `vnhealth.indicator_gap`'s ``baseline=``).
    """

    value: float | None = attrs.field(default=None, validator=_optional_finite)
    period: Period | None = attrs.field(default=None, converter=_optional_period)


@attrs.frozen(kw_only=True)
class Role:
    """A title a source attests for an official on a date (not an assumed term of office)."""

    title: str = attrs.field(validator=_id)
    organization: str = attrs.field(validator=_text)
    as_of: pendulum.Date = attrs.field(converter=to_date)
    citation: Citation


@attrs.frozen(kw_only=True)
class Official(HtmlRepr):
    """A person who directs, signs or reports: ``Official(id="to-lam", name="Tô Lâm", ...)``."""

    id: str = attrs.field(validator=_id)
    name: str = attrs.field(validator=_id)
    """Family name first, with Vietnamese diacritics."""
    roles: tuple[Role, ...] = ()

    @property
    def given_name(self) -> str:
        """The name Vietnamese usage addresses a person by: the last word ("Lâm")."""
        return self.name.split()[-1]

    def roles_on(self, day: DateLike) -> tuple[Role, ...]:
        """The roles attested most recently on or before ``day`` (all of that date)."""
        when = to_date(day)
        attested = [role for role in self.roles if role.as_of <= when]
        if not attested:
            return ()
        latest = max(role.as_of for role in attested)
        return tuple(role for role in attested if role.as_of == latest)

    def title_on(self, day: DateLike) -> str | None:
        """The title(s) a source attests on or most recently before ``day``; None before any."""
        roles = self.roles_on(day)
        return "; ".join(dict.fromkeys(role.title for role in roles)) if roles else None


@attrs.frozen(kw_only=True)
class Resolution(HtmlRepr):
    """A policy instrument: a resolution, law, decision, action plan or programme."""

    id: str = attrs.field(validator=_id)
    number: DocumentNumber | None = None
    """None for an unnumbered instrument, such as the Resolution of the 14th Party Congress."""
    title: str = attrs.field(validator=_id)
    kind: InstrumentKind = attrs.field(converter=InstrumentKind)
    issuer: str = attrs.field(validator=_text)
    issued_on: pendulum.Date | None = attrs.field(default=None, converter=_optional_date)
    implements: tuple[str, ...] = ()
    """Ids of the instruments this one carries out (282/NQ-CP implements 72-NQ/TW)."""
    citations: tuple[Citation, ...] = ()

    @property
    def label(self) -> str:
        """The number where there is one, else the title."""
        return str(self.number) if self.number is not None else self.title


@attrs.frozen(kw_only=True)
class Event(HtmlRepr):
    """A meeting, visit or signing at which directives were given."""

    id: str = attrs.field(validator=_id)
    date: pendulum.Date = attrs.field(converter=to_date)
    title: str = attrs.field(validator=_id)
    place: str = attrs.field(validator=_text)
    officials: tuple[str, ...] = ()
    citation: Citation


@attrs.frozen(kw_only=True)
class Directive(HtmlRepr):
    """One instruction or commitment, attributed to the official who gave it."""

    id: str = attrs.field(validator=_id)
    text: str = attrs.field(validator=_id)
    """A concise statement of what is directed (the citation holds the source's words)."""
    issued_by: str = attrs.field(validator=_id)
    issued_on: pendulum.Date = attrs.field(converter=to_date)
    addressee: str = attrs.field(validator=_text)
    themes: frozenset[Theme] = attrs.field(default=frozenset(), converter=_themes)
    resolutions: tuple[str, ...] = ()
    ordinal: int | None = attrs.field(default=None, validator=attrs.validators.optional(_positive))
    """Its place in an enumerated list (the Prime Minister's "six key contents" are 1..6), or None."""
    event: str | None = None
    citation: Citation


@attrs.frozen(kw_only=True)
class Indicator(HtmlRepr):
    """A measured quantity of the health system, such as ``doctors_per_10k``."""

    id: str = attrs.field(validator=_id)
    name: str = attrs.field(validator=_id)
    unit: Unit = attrs.field(converter=Unit)
    direction: Direction = attrs.field(converter=Direction)
    who_gho: str | None = None
    """The WHO Global Health Observatory code, where one exists (``HWF_0001``)."""
    wdi: str | None = None
    """The World Bank WDI code, where one exists (``SH.MED.PHYS.ZS``, per 1,000 people)."""
    citations: tuple[Citation, ...] = ()
    """Sources for the international codes."""


@attrs.frozen(kw_only=True)
class Observation(HtmlRepr):
    """A value of an indicator, as a source reports it."""

    indicator: str = attrs.field(validator=_id)
    value: float = attrs.field(converter=float, validator=_finite)
    unit: Unit = attrs.field(converter=Unit)
    as_of: Period = attrs.field(converter=_period)
    """A year, a month or a day: the precision the source gives, never an invented day."""
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    area: str = attrs.field(default=NATION, validator=_id)
    """The id of the `Area` the value is about (the nation unless stated)."""
    series: str | None = None
    """The id of the `Series` the value belongs to (a survey, an official statistic, a model estimate)."""
    citation: Citation


def _upper(instance: Target, attribute: attrs.Attribute[float | None], value: float | None) -> None:
    """An attrs validator: a range target has a finite upper bound at or above its value; no other has one."""
    if (value is None) != (instance.comparator is not Comparator.BETWEEN):
        msg = f"{attribute.name} is given exactly when the comparator is 'between'"
        raise ValueError(msg)
    if value is not None and not (math.isfinite(value) and value >= instance.value):
        msg = f"{attribute.name} must be a finite number at or above value {instance.value!r}, not {value!r}"
        raise ValueError(msg)


@attrs.frozen(kw_only=True)
class Target(HtmlRepr):
    """A value an instrument sets for an indicator, in the shape the instrument states it.

    - a level by a deadline (``deadline="2030"``), or with none stated (``deadline=None``);
    - a range (``comparator="between"``, ``value`` the lower and ``upper`` the upper bound);
    - a change from a baseline (``change_from=Baseline(...)``: ``value`` is the signed change);
    - a level that must hold from a date on (``holds_from="2030"``);
    - for a population group (``group``) and a place (``area``).
    """

    id: str = attrs.field(validator=_id)
    indicator: str = attrs.field(validator=_id)
    value: float = attrs.field(converter=float, validator=_finite)
    """The level to reach, a range's lower bound, or the change to make from the baseline."""
    upper: float | None = attrs.field(default=None, validator=_upper)
    """A range's upper bound (comparator ``between``); None otherwise."""
    unit: Unit = attrs.field(converter=Unit)
    comparator: Comparator = attrs.field(converter=Comparator)
    deadline: Period | None = attrs.field(default=None, converter=_optional_period)
    """The period by whose end the target is due; None where the source states no deadline."""
    holds_from: Period | None = attrs.field(default=None, converter=_optional_period)
    """The period from whose start the level must hold ("from 2030 on"); None for a deadline target."""
    change_from: Baseline | None = None
    """For a target stated as a change ("up by 1.5 cm"): its baseline; None for a level."""
    group: str | None = None
    """The population group the target is for, in the source's words ("children aged 1-18")."""
    area: str = attrs.field(default=NATION, validator=_id)
    """The id of the `Area` the target is for (the nation unless stated)."""
    series: str | None = None
    """The series the target is measured in, where the instrument names one."""
    set_by: str = attrs.field(validator=_id)
    """The id of the `Resolution` that sets it."""
    citation: Citation

    @property
    def due(self) -> Period | None:
        """When the level must first be reached: the deadline, else the start of ``holds_from``; None if neither."""
        return self.deadline if self.deadline is not None else self.holds_from
