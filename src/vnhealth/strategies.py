"""Hypothesis strategies for every vnhealth type, for your own property tests.

Each strategy draws valid values: records pass their validators, document
numbers are in canonical form, dates are `pendulum.Date`, and `datasets`
draws whole datasets that are *consistent*: every id it refers to exists and
every citation's quote is a verbatim span of its source's text, so
``Dataset.problems()`` is empty and `vnhealth.load` reads a dumped one back.

>>> from hypothesis import given
>>> from vnhealth import strategies as vs
>>> @given(vs.datasets())
... def test_consistent(data):
...     assert data.problems() == ()

Importing this module registers strategies with `hypothesis.strategies.from_type`
for `pendulum.Date`, `Period`, `DocumentNumber` and every record type.

Hypothesis is a test dependency, not one of vnhealth's: ``pip install hypothesis``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pendulum

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised in a test that hides hypothesis
    msg = "vnhealth.strategies needs Hypothesis, a test dependency: pip install hypothesis"
    raise ImportError(msg) from error

from vnhealth._dataset import Dataset
from vnhealth._dates import Period
from vnhealth._docnumber import DOCUMENT_TYPES, ISSUERS, DocumentNumber
from vnhealth._errors import Problem
from vnhealth._gaps import Gap, Status
from vnhealth._model import (
    NATION,
    Area,
    AreaLevel,
    Baseline,
    Citation,
    Comparator,
    Direction,
    Directive,
    Event,
    Indicator,
    InstrumentKind,
    Observation,
    Official,
    Qualifier,
    Resolution,
    Role,
    Series,
    Source,
    Target,
    Theme,
)
from vnhealth._records import KINDS
from vnhealth._text import slug
from vnhealth._units import Unit

__all__ = [
    "FAMILY_NAMES",
    "GIVEN_NAMES",
    "MIDDLE_NAMES",
    "TITLES",
    "area_levels",
    "areas",
    "baselines",
    "citations",
    "comparators",
    "datasets",
    "dates",
    "directions",
    "directives",
    "document_numbers",
    "events",
    "gaps",
    "indicators",
    "instrument_kinds",
    "observations",
    "officials",
    "periods",
    "problems",
    "qualifiers",
    "record_ids",
    "resolutions",
    "roles",
    "series",
    "source_texts",
    "sources",
    "statuses",
    "targets",
    "themes",
    "units",
    "vietnamese_names",
]

FAMILY_NAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Đào",
    "Tô",
)
"""Common Vietnamese family names, đ included."""
MIDDLE_NAMES = ("Văn", "Thị", "Hồng", "Minh", "Đức", "Thanh", "Quang", "Hữu", "Trọng", "Thị Kim")
"""Middle names; some people have none, some two."""
GIVEN_NAMES = ("Lâm", "Chính", "Lan", "Hùng", "Đạt", "Dũng", "Phương", "Long", "Trung", "Nghĩa", "Huệ", "Thưởng", "Ánh")
"""Given names: the last word, the one Vietnamese usage addresses a person by."""
TITLES = (
    "General Secretary",
    "Prime Minister",
    "Deputy Prime Minister",
    "Minister of Health",
    "Deputy Minister",
    "Tổng Bí thư",
    "Thủ tướng",
    "Bộ trưởng Bộ Y tế",
)
"""Titles of office, in English and Vietnamese."""

_WORDS = (
    "y tế",
    "sức khỏe",
    "nhân dân",
    "bác sĩ",
    "bệnh viện",
    "cơ sở",
    "đột phá",
    "chuyển đổi số",
    "health",
    "sector",
    "resolution",
    "doctors",
    "per",
    "10,000",
    "people",
    "by 2030",
    "72-NQ/TW",
    "282/NQ-CP",
    "“quoted”",
    "Đào Hồng Lan",
    "Tô Lâm",
    "42.5%",
)

# Dimensions of convertible units; a unit not listed converts only to itself.
_DIMENSIONS = (
    (Unit.PER_1K_PEOPLE, Unit.PER_10K_PEOPLE, Unit.PER_100K_PEOPLE),
    (Unit.PER_1K_LIVE_BIRTHS, Unit.PER_100K_LIVE_BIRTHS),
    (Unit.SHARE, Unit.PERCENT),
)

_PARTY_ISSUERS = ("TW", "BCĐTW", "VPTW", "BCSĐ", "ĐU", "TU")
_STATE_ISSUERS = tuple(code for code in ISSUERS if code not in _PARTY_ISSUERS)
# Sub-unit codes that follow an issuer: 5906/BYT-VPB1, 1234/BYT-KCB. None is a type or issuer code.
_SUB_UNITS = ("VPB1", "KCB", "KHTC", "TCCB", "DP", "VP")


def _non_blank(text: str) -> bool:
    return bool(text.strip())


def _text(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Free text, Vietnamese words mostly, any Unicode sometimes; never blank."""
    words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join)
    anything = st.text(min_size=min_size, max_size=max_size).filter(_non_blank)
    return st.one_of(words, words, anything)


# -- values -----------------------------------------------------------------------


def dates(
    min_value: dt.date = dt.date(1900, 1, 1),
    max_value: dt.date = dt.date(2100, 12, 31),
) -> st.SearchStrategy[pendulum.Date]:
    """`pendulum.Date` values between ``min_value`` and ``max_value`` (inclusive)."""
    return st.dates(min_value=min_value, max_value=max_value).map(lambda d: pendulum.Date(d.year, d.month, d.day))


@st.composite
def periods(
    draw: st.DrawFn,
    min_value: dt.date = dt.date(1900, 1, 1),
    max_value: dt.date = dt.date(2100, 12, 31),
) -> Period:
    """A `Period` of year, month or day precision, containing a date in the given range."""
    day = draw(st.dates(min_value=min_value, max_value=max_value))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return Period(year=day.year)
    if precision == "month":
        return Period(year=day.year, month=day.month)
    return Period(year=day.year, month=day.month, day=day.day)


def themes() -> st.SearchStrategy[Theme]:
    """A `Theme`."""
    return st.sampled_from(Theme)


def instrument_kinds() -> st.SearchStrategy[InstrumentKind]:
    """An `InstrumentKind`."""
    return st.sampled_from(InstrumentKind)


def directions() -> st.SearchStrategy[Direction]:
    """A `Direction`."""
    return st.sampled_from(Direction)


def qualifiers() -> st.SearchStrategy[Qualifier]:
    """A `Qualifier`."""
    return st.sampled_from(Qualifier)


def comparators() -> st.SearchStrategy[Comparator]:
    """A `Comparator`."""
    return st.sampled_from(Comparator)


def units() -> st.SearchStrategy[Unit]:
    """A `Unit`."""
    return st.sampled_from(Unit)


def statuses() -> st.SearchStrategy[Status]:
    """A gap `Status`."""
    return st.sampled_from(Status)


def compatible_units(unit: Unit) -> tuple[Unit, ...]:
    """The units values in ``unit`` can be converted to (``unit`` itself included)."""
    for dimension in _DIMENSIONS:
        if unit in dimension:
            return dimension
    return (unit,)


def record_ids() -> st.SearchStrategy[str]:
    """A record id as the data files write them: ``doctors-per-10k``, ``nq72_2025``."""
    return st.from_regex(r"[a-z][a-z0-9]{0,7}([-_][a-z0-9]{1,6}){0,2}", fullmatch=True)


def _number(
    number: int, issuer: Sequence[str], type_code: str | None = None, year: int | None = None
) -> DocumentNumber:
    # Keyword arguments through a dict: mypy's attrs plugin cannot type the issuer's tuple converter.
    fields: dict[str, Any] = {"number": number, "year": year, "type_code": type_code, "issuer": tuple(issuer)}
    return DocumentNumber(**fields)


@st.composite
def document_numbers(draw: st.DrawFn) -> DocumentNumber:
    """A `DocumentNumber` in canonical form: ``str(n)`` parses back to ``n``.

    Party documents (``72-NQ/TW``), state documents with and without a year
    (``282/NQ-CP``, ``30/2020/NĐ-CP``), laws (``114/2025/QH15``) and letters
    (``5906/BYT-VPB1``).
    """
    number = draw(st.integers(min_value=0, max_value=99_999))
    form = draw(st.sampled_from(("party", "state", "normative", "law", "letter")))
    type_code = draw(st.sampled_from(sorted(DOCUMENT_TYPES)))
    year = draw(st.integers(min_value=1900, max_value=2099))
    if form == "party":
        issuer = (draw(st.sampled_from(_PARTY_ISSUERS)),)
        return _number(number, issuer, type_code)
    first = draw(st.sampled_from(_STATE_ISSUERS))
    rest = tuple(draw(st.lists(st.sampled_from(_SUB_UNITS), max_size=2)))
    if form == "state":
        return _number(number, (first, *rest), type_code)
    if form == "normative":
        return _number(number, (first, *rest), type_code, year)
    if form == "law":
        assembly = draw(st.sampled_from(("QH", "UBTVQH")))
        term = draw(st.integers(min_value=1, max_value=20))
        return _number(number, (f"{assembly}{term}",), None, year)
    return _number(number, (first, *rest))


@st.composite
def vietnamese_names(draw: st.DrawFn) -> str:
    """A full name, family name first, with diacritics and đ: ``Đào Hồng Lan``."""
    middle = draw(st.lists(st.sampled_from(MIDDLE_NAMES), max_size=2))
    return " ".join([draw(st.sampled_from(FAMILY_NAMES)), *middle, draw(st.sampled_from(GIVEN_NAMES))])


def problems() -> st.SearchStrategy[Problem]:
    """A loading `Problem`: a file, a path inside it and a message."""
    return st.builds(
        Problem,
        file=st.sampled_from(("vnhealth/data/directives.toml", "<memory>", "mine.json")),
        path=st.from_regex(r"[a-z]+\[[0-9]{1,2}\](\.[a-z_]+)?", fullmatch=True),
        message=_text(),
    )


# -- records ----------------------------------------------------------------------


def source_texts() -> st.SearchStrategy[str]:
    """The text of a source: words joined by single spaces, so every run of words is a quote."""
    pieces = st.one_of(st.sampled_from(_WORDS), st.text(min_size=1, max_size=12).filter(_non_blank))
    return st.lists(pieces, min_size=1, max_size=30).map(" ".join)


@st.composite
def sources(draw: st.DrawFn, *, id: str | None = None, with_text: bool | None = None) -> Source:
    """A `Source`; ``with_text`` True/False forces shipped text or none (default: either)."""
    has_text = draw(st.booleans()) if with_text is None else with_text
    return Source(
        id=id if id is not None else draw(record_ids()),
        outlet=draw(st.sampled_from(("VnExpress", "Báo Chính phủ", "Vietnam News", "Nhân Dân", ""))),
        title=draw(_text()),
        url=draw(st.from_regex(r"https://[a-z]{2,10}\.vn/[a-z0-9-]{1,20}", fullmatch=True)),
        published=draw(dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
        language=draw(st.sampled_from(("vi", "en", "zh"))),
        text=draw(source_texts()) if has_text else None,
    )


_sources = sources  # `citations` and others take a parameter of the same name


@st.composite
def _quote(draw: st.DrawFn, text: str) -> str:
    """A verbatim span of ``text`` that does not start with white space (so is not blank)."""
    start = draw(st.sampled_from([index for index, char in enumerate(text) if char.strip()]))
    end = draw(st.integers(min_value=start + 1, max_value=min(len(text), start + 60)))
    return text[start:end]


@st.composite
def citations(draw: st.DrawFn, sources: Sequence[Source] | None = None) -> Citation:
    """A `Citation` of one of ``sources``, quoting its text verbatim (any quote for a source without text).

    Without ``sources``, one is drawn: the citation is then valid on its own
    but refers to a source that is not in any dataset.
    """
    source = draw(st.sampled_from(sources)) if sources else draw(_sources(with_text=True))
    quote = draw(_quote(source.text)) if source.text is not None else draw(_text())
    return Citation(source=source.id, quote=quote)


@st.composite
def roles(draw: st.DrawFn, sources: Sequence[Source] | None = None) -> Role:
    """A `Role`: a title attested on a date, citing one of ``sources``."""
    return Role(
        title=draw(st.one_of(st.sampled_from(TITLES), _text())),
        organization=draw(st.sampled_from(("Communist Party of Viet Nam", "Government", "Ministry of Health", ""))),
        as_of=draw(dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
        citation=draw(citations(sources)),
    )


@st.composite
def officials(draw: st.DrawFn, sources: Sequence[Source] | None = None, *, id: str | None = None) -> Official:
    """An `Official` with a Vietnamese name and zero or more cited roles; the id defaults to the name's slug."""
    name = draw(vietnamese_names())
    return Official(
        id=id if id is not None else slug(name),
        name=name,
        roles=tuple(draw(st.lists(roles(sources), max_size=3))),
    )


@st.composite
def resolutions(
    draw: st.DrawFn,
    sources: Sequence[Source] | None = None,
    *,
    id: str | None = None,
    number: DocumentNumber | bool | None = True,
    implements: Sequence[str] = (),
) -> Resolution:
    """A `Resolution`; ``implements`` lists the ids it may carry out (a subset is drawn).

    ``number`` is the number to give it, None for none, or True (the default) to draw one or none.
    """
    if number is True:
        number = draw(st.none() | document_numbers())
    return Resolution(
        id=id if id is not None else draw(record_ids()),
        number=number or None,
        title=draw(_text()),
        kind=draw(instrument_kinds()),
        issuer=draw(st.sampled_from(("Politburo", "Government", "Ministry of Health", "National Assembly"))),
        issued_on=draw(st.none() | dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
        implements=tuple(draw(st.lists(st.sampled_from(implements), unique=True, max_size=2))) if implements else (),
        citations=tuple(draw(st.lists(citations(sources), max_size=2))),
    )


@st.composite
def events(
    draw: st.DrawFn,
    sources: Sequence[Source] | None = None,
    *,
    id: str | None = None,
    officials: Sequence[str] = (),
) -> Event:
    """An `Event` attended by some of ``officials`` (ids)."""
    return Event(
        id=id if id is not None else draw(record_ids()),
        date=draw(dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
        title=draw(_text()),
        place=draw(st.sampled_from(("Hà Nội", "Government Headquarters", "Bệnh viện Hữu Nghị", ""))),
        officials=tuple(draw(st.lists(st.sampled_from(officials), unique=True, max_size=3))) if officials else (),
        citation=draw(citations(sources)),
    )


@st.composite
def directives(
    draw: st.DrawFn,
    sources: Sequence[Source] | None = None,
    *,
    id: str | None = None,
    officials: Sequence[str] = (),
    events: Sequence[str] = (),
    resolutions: Sequence[str] = (),
) -> Directive:
    """A `Directive` issued by one of ``officials`` (ids; one is drawn if none is given).

    Its event and instruments are drawn from ``events`` and ``resolutions`` (ids), if any.
    Dates fall in 2020-2030 so that queries by period find several at once.
    """
    return Directive(
        id=id if id is not None else draw(record_ids()),
        text=draw(_text()),
        issued_by=draw(st.sampled_from(officials)) if officials else draw(record_ids()),
        issued_on=draw(dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))),
        addressee=draw(st.sampled_from(("health sector", "Ministry of Health", "ngành y tế", ""))),
        themes=frozenset(draw(st.lists(themes(), max_size=3))),
        resolutions=tuple(draw(st.lists(st.sampled_from(resolutions), unique=True, max_size=2))) if resolutions else (),
        ordinal=draw(st.none() | st.integers(min_value=1, max_value=8)),
        event=draw(st.none() | st.sampled_from(events)) if events else None,
        citation=draw(citations(sources)),
    )


@st.composite
def indicators(draw: st.DrawFn, sources: Sequence[Source] | None = None, *, id: str | None = None) -> Indicator:
    """An `Indicator` with a unit, a direction and optional international codes."""
    return Indicator(
        id=id if id is not None else draw(record_ids()),
        name=draw(_text()),
        unit=draw(units()),
        direction=draw(directions()),
        who_gho=draw(st.none() | st.from_regex(r"[A-Z]{2,5}_[0-9]{4}", fullmatch=True)),
        wdi=draw(st.none() | st.from_regex(r"SH\.[A-Z]{3}\.[A-Z]{4}\.ZS", fullmatch=True)),
        citations=tuple(draw(st.lists(citations(sources), max_size=2))),
    )


def _values() -> st.SearchStrategy[float]:
    return st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def observations(
    draw: st.DrawFn,
    sources: Sequence[Source] | None = None,
    *,
    indicator: Indicator | None = None,
    values: st.SearchStrategy[float] | None = None,
    as_of: st.SearchStrategy[Period] | None = None,
    areas: Sequence[str] = (),
    series: Sequence[str] = (),
) -> Observation:
    """An `Observation` of ``indicator`` (in a unit convertible to its unit), or of a drawn id.

    Its area is one of ``areas`` (ids; the nation if none is given) and its series one of ``series`` or none.
    """
    unit = draw(st.sampled_from(compatible_units(indicator.unit))) if indicator is not None else draw(units())
    return Observation(
        indicator=indicator.id if indicator is not None else draw(record_ids()),
        value=draw(values if values is not None else _values()),
        unit=unit,
        as_of=draw(as_of if as_of is not None else periods(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
        qualifier=draw(qualifiers()),
        area=draw(st.sampled_from(areas)) if areas else NATION,
        series=draw(st.none() | st.sampled_from(series)) if series else None,
        citation=draw(citations(sources)),
    )


def area_levels() -> st.SearchStrategy[AreaLevel]:
    """An `AreaLevel`."""
    return st.sampled_from(AreaLevel)


@st.composite
def areas(
    draw: st.DrawFn, sources: Sequence[Source] | None = None, *, id: str | None = None, parent: str | None = None
) -> Area:
    """An `Area`: the nation with no ``parent``, else a province or commune lying in ``parent`` (an id)."""
    level = AreaLevel.NATION if parent is None and id == NATION else draw(area_levels())
    return Area(
        id=id if id is not None else draw(record_ids()),
        name=draw(st.sampled_from(("Việt Nam", "Thành phố Hà Nội", "Tỉnh Quảng Ngãi", "Xã Tân Phú", "Huế"))),
        level=level,
        code=draw(st.none() | st.from_regex(r"[0-9]{2,5}", fullmatch=True)),
        parent=parent,
        citations=tuple(draw(st.lists(citations(sources), max_size=1))),
    )


@st.composite
def series(draw: st.DrawFn, sources: Sequence[Source] | None = None, *, id: str | None = None) -> Series:
    """A `Series` of observations (a survey, an official statistic, a model estimate)."""
    return Series(
        id=id if id is not None else draw(record_ids()),
        description=draw(_text()),
        citations=tuple(draw(st.lists(citations(sources), max_size=1))),
    )


@st.composite
def baselines(draw: st.DrawFn, values: st.SearchStrategy[float] | None = None) -> Baseline:
    """A `Baseline` of a change target: a stated value, a stated period, both or neither."""
    return Baseline(
        value=draw(st.none() | (values if values is not None else _values())),
        period=draw(st.none() | periods(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
    )


@st.composite
def targets(
    draw: st.DrawFn,
    sources: Sequence[Source] | None = None,
    *,
    id: str | None = None,
    indicator: Indicator | None = None,
    set_by: Sequence[str] = (),
    values: st.SearchStrategy[float] | None = None,
    areas: Sequence[str] = (),
    series: Sequence[str] = (),
) -> Target:
    """A `Target` for ``indicator`` (in a unit convertible to its unit), set by one of ``set_by`` (ids).

    Every shape is drawn: a level or a range, a change from a baseline or not, due by a
    deadline, holding from a period on, or with no deadline; for a group, in one of
    ``areas`` (ids; the nation if none), measured in one of ``series`` or in none named.
    """
    unit = draw(st.sampled_from(compatible_units(indicator.unit))) if indicator is not None else draw(units())
    numbers = values if values is not None else _values()
    value = draw(numbers)
    comparator = draw(comparators())
    upper = None
    if comparator is Comparator.BETWEEN:
        upper = draw(numbers.filter(lambda number: number >= value) | st.just(value))
    timing = draw(st.sampled_from(("deadline", "deadline", "holds_from", "none")))
    when = periods(dt.date(2020, 1, 1), dt.date(2045, 12, 31))
    return Target(
        id=id if id is not None else draw(record_ids()),
        indicator=indicator.id if indicator is not None else draw(record_ids()),
        value=value,
        upper=upper,
        unit=unit,
        comparator=comparator,
        deadline=draw(when) if timing == "deadline" else None,
        holds_from=draw(when) if timing == "holds_from" else None,
        change_from=draw(st.none() | baselines(numbers)),
        group=draw(st.none() | st.sampled_from(("children aged 1-18", "people aged 75 and over", "women"))),
        area=draw(st.sampled_from(areas)) if areas else NATION,
        series=draw(st.none() | st.sampled_from(series)) if series else None,
        set_by=draw(st.sampled_from(set_by)) if set_by else draw(record_ids()),
        citation=draw(citations(sources)),
    )


# -- datasets ---------------------------------------------------------------------


def _unique_ids(size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(record_ids(), min_size=size, max_size=size, unique=True)


@st.composite
def datasets(
    draw: st.DrawFn,
    *,
    max_records: int = 5,
    values: st.SearchStrategy[float] | None = None,
) -> Dataset:
    """A consistent `Dataset`: unique ids and numbers, references that resolve, quotes found in their sources.

    ``max_records`` bounds each kind of record; ``values`` draws observation
    and target values (default: finite floats within ±1,000,000).
    """

    def count(minimum: int = 0) -> int:
        return draw(st.integers(min_value=minimum, max_value=max(minimum, max_records)))

    source_list = [
        draw(sources(id=source_id))
        for source_id in draw(st.lists(record_ids(), min_size=1, max_size=max(1, max_records), unique=True))
    ]
    source_list[0] = draw(sources(id=source_list[0].id, with_text=True))

    names = draw(st.lists(vietnamese_names(), max_size=max_records, unique_by=slug))
    official_list = [
        Official(id=slug(name), name=name, roles=tuple(draw(st.lists(roles(source_list), max_size=2))))
        for name in names
    ]
    official_ids = [official.id for official in official_list]

    numbers = draw(st.lists(document_numbers(), max_size=max_records, unique=True))
    resolution_list: list[Resolution] = []
    for position, resolution_id in enumerate(draw(_unique_ids(count()))):
        number = numbers[position] if position < len(numbers) else None
        earlier = [resolution.id for resolution in resolution_list]
        resolution_list.append(draw(resolutions(source_list, id=resolution_id, number=number, implements=earlier)))
    resolution_ids = [resolution.id for resolution in resolution_list]

    event_list = [
        draw(events(source_list, id=event_id, officials=official_ids)) for event_id in draw(_unique_ids(count()))
    ]
    event_ids = [event.id for event in event_list]

    directive_list = (
        [
            draw(
                directives(
                    source_list, id=directive_id, officials=official_ids, events=event_ids, resolutions=resolution_ids
                )
            )
            for directive_id in draw(_unique_ids(count() * 2))
        ]
        if official_ids
        else []
    )

    # The nation, sometimes stated, and provinces lying in it.
    area_list = [draw(areas(source_list, id=NATION))] if draw(st.booleans()) else []
    area_list += [
        draw(areas(source_list, id=area_id, parent=NATION))
        for area_id in draw(st.lists(record_ids().filter(lambda name: name != NATION), max_size=2, unique=True))
    ]
    area_ids = [NATION, *(area.id for area in area_list if area.id != NATION)]
    series_list = [draw(series(source_list, id=series_id)) for series_id in draw(_unique_ids(min(count(), 2)))]
    series_ids = [record.id for record in series_list]

    indicator_list = [draw(indicators(source_list, id=indicator_id)) for indicator_id in draw(_unique_ids(count()))]
    observation_list = (
        [
            draw(
                observations(
                    source_list,
                    indicator=draw(st.sampled_from(indicator_list)),
                    values=values,
                    areas=area_ids,
                    series=series_ids,
                )
            )
            for _ in range(count() * 2)
        ]
        if indicator_list
        else []
    )
    target_list = (
        [
            draw(
                targets(
                    source_list,
                    id=target_id,
                    indicator=draw(st.sampled_from(indicator_list)),
                    set_by=resolution_ids,
                    values=values,
                    areas=area_ids,
                    series=series_ids,
                )
            )
            for target_id in draw(_unique_ids(count()))
        ]
        if indicator_list and resolution_ids
        else []
    )
    drawn: dict[str, list[Any]] = {
        "sources": source_list,
        "areas": area_list,
        "series": series_list,
        "officials": official_list,
        "resolutions": resolution_list,
        "events": event_list,
        "directives": directive_list,
        "indicators": indicator_list,
        "observations": observation_list,
        "targets": target_list,
    }
    # Kind by kind as `Records` states them: a new kind with no strategy fails here, not silently.
    return Dataset(**{kind: tuple(drawn[kind]) for kind in KINDS})


@st.composite
def gaps(draw: st.DrawFn) -> Gap:
    """The `Gap` of a target in a drawn dataset, measured at a drawn date or at the latest data."""
    values = st.floats(min_value=0.5, max_value=1000, allow_nan=False)
    data = draw(datasets(values=values).filter(lambda data: len(data.targets) > 0))
    target = draw(st.sampled_from(data.targets))
    as_of = draw(st.none() | dates(dt.date(2000, 1, 1), dt.date(2045, 12, 31)))
    return data.indicator_gap(target, as_of=as_of)


# from_type(pendulum.Date), from_type(Source), ... give these strategies.
st.register_type_strategy(pendulum.Date, dates())
st.register_type_strategy(Period, periods())
st.register_type_strategy(DocumentNumber, document_numbers())
st.register_type_strategy(Source, sources())
st.register_type_strategy(Citation, citations())
st.register_type_strategy(Area, areas())
st.register_type_strategy(Series, series())
st.register_type_strategy(Baseline, baselines())
st.register_type_strategy(Role, roles())
st.register_type_strategy(Official, officials())
st.register_type_strategy(Resolution, resolutions())
st.register_type_strategy(Event, events())
st.register_type_strategy(Directive, directives())
st.register_type_strategy(Indicator, indicators())
st.register_type_strategy(Observation, observations())
st.register_type_strategy(Target, targets())
st.register_type_strategy(Problem, problems())
st.register_type_strategy(Dataset, datasets())
st.register_type_strategy(Gap, gaps())
