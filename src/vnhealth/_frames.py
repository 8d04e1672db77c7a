"""Records as typed tables: pandas, polars and pyarrow, from one column spec per kind of record.

Each kind of record has one tuple of `Column` specs, built once at import:
a name, a logical type (the Frictionless Table Schema type, which the export
reuses), a description and a getter. The three libraries are each built
directly from the same column values, so none needs another installed, and
every column has the same type whatever the library:

========  =====================  ===============  ======================
type      pandas                 polars           pyarrow
========  =====================  ===============  ======================
string    ``string``             ``String``       ``string``
date      ``datetime64[s]``      ``Date``         ``date32``
number    ``float64`` (NaN)      ``Float64``      ``float64``
integer   ``Int64`` (nullable)   ``Int64``        ``int64``
boolean   ``boolean`` (nullable) ``Boolean``      ``bool``
array     lists of str (object)  ``List(String)`` ``list<string>``
========  =====================  ===============  ======================

pandas has no calendar-date dtype of its own (short of pyarrow's), so dates
there are ``datetime64[s]`` at midnight; ``df[col].dt.date`` gives dates.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from vnhealth._dates import Period
from vnhealth._errors import MissingExtra, NotFound
from vnhealth._gaps import Gap
from vnhealth._model import (
    Citation,
    Official,
    Role,
    Source,
)
from vnhealth._records import KIND_OF_RECORD_TYPE, Records

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa


__all__ = [
    "COLUMNS",
    "KIND_OF_TYPE",
    "Column",
    "FieldType",
    "arrow_schema",
    "arrow_table",
    "column_values",
    "to_arrow",
    "to_pandas",
    "to_polars",
]


class FieldType(enum.StrEnum):
    """The logical type of a column; the values are Frictionless Table Schema types."""

    STRING = "string"
    DATE = "date"
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    ARRAY = "array"
    """A list of strings."""


@attrs.frozen
class Column:
    """One column of a table: its name, type, meaning and how to read it off a row."""

    name: str
    type: FieldType
    description: str
    get: Callable[[Any], Any] = attrs.field(repr=False)
    urls: bool = False
    """The getter gives source ids (one, or a list) that become the sources' addresses."""


# -- getters ------------------------------------------------------------------------


def _day(value: dt.date | None) -> dt.date | None:
    # Plain dates: pendulum's subclass is not something every library should have to know.
    return None if value is None else dt.date(value.year, value.month, value.day)


def _str(value: object | None) -> str | None:
    return None if value is None else str(value)


def _latest_roles(official: Official) -> tuple[Role, ...]:
    if not official.roles:
        return ()
    return official.roles_on(max(role.as_of for role in official.roles))


def _joined(values: Iterable[str]) -> str | None:
    return "; ".join(dict.fromkeys(values)) or None


def _first_citation(official: Official) -> Citation | None:
    roles = _latest_roles(official)
    return roles[0].citation if roles else None


def _citation(name: str) -> tuple[Column, Column, Column]:
    """The three columns a single ``citation`` flattens into; ``name`` reads it off the row."""

    def citation(row: Any) -> Citation | None:
        found: Citation | None = getattr(row, name)
        return found

    return (
        Column(
            "citation_source",
            FieldType.STRING,
            "The id of the source cited (see the sources table).",
            lambda row: _attr(citation(row), "source"),
        ),
        Column(
            "citation_quote",
            FieldType.STRING,
            "The words of the source that support the record, verbatim.",
            lambda row: _attr(citation(row), "quote"),
        ),
        Column(
            "citation_url",
            FieldType.STRING,
            "The address of the source cited.",
            lambda row: _attr(citation(row), "source"),
            urls=True,
        ),
    )


def _citations() -> tuple[Column, Column, Column]:
    """The three list columns a ``citations`` tuple flattens into, one item per citation."""
    return (
        Column(
            "citation_sources",
            FieldType.ARRAY,
            "The ids of the sources cited, one per citation.",
            lambda row: [citation.source for citation in row.citations],
        ),
        Column(
            "citation_quotes",
            FieldType.ARRAY,
            "The words each source cited says, verbatim, in the order of citation_sources.",
            lambda row: [citation.quote for citation in row.citations],
        ),
        Column(
            "citation_urls",
            FieldType.ARRAY,
            "The addresses of the sources cited, in the order of citation_sources.",
            lambda row: [citation.source for citation in row.citations],
            urls=True,
        ),
    )


def _attr(value: object | None, name: str) -> Any:
    return None if value is None else getattr(value, name)


def _period(name: str, label: str) -> tuple[Column, Column, Column]:
    """A `Period` as its ISO string and its first and last days."""
    return (
        Column(name, FieldType.STRING, f"{label}: a year, month or day (YYYY, YYYY-MM or YYYY-MM-DD).", _getter(name)),
        Column(
            f"{name}_start",
            FieldType.DATE,
            f"The first day of {name}.",
            lambda row: _day(_attr(_period_of(row, name), "start")),
        ),
        Column(
            f"{name}_end",
            FieldType.DATE,
            f"The last day of {name}: when the value is known at the latest.",
            lambda row: _day(_attr(_period_of(row, name), "end")),
        ),
    )


def _period_of(row: Any, name: str) -> Period | None:
    # None for a period a source does not state (a target with no deadline).
    period: Period | None = getattr(row, name)
    return period


def _getter(name: str) -> Callable[[Any], Any]:
    """Read a field as a plain value: enums and document numbers as strings, dates as dates."""

    def get(row: Any) -> Any:
        value = getattr(row, name)
        if isinstance(value, dt.date):
            return _day(value)
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, tuple | frozenset):
            return sorted(str(item) for item in value) if isinstance(value, frozenset) else [str(v) for v in value]
        if value is None or isinstance(value, bool | int | float | str):
            return value
        return str(value)

    return get


def _via(columns: Iterable[Column], through: Callable[[Any], Any]) -> tuple[Column, ...]:
    """The same columns, read off what ``through`` gives for a row rather than off the row itself."""
    return tuple(attrs.evolve(column, get=_compose(column.get, through)) for column in columns)


def _compose(get: Callable[[Any], Any], through: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda row: get(through(row))


def _field(name: str, type_: FieldType, description: str) -> Column:
    return Column(name, type_, description, _getter(name))


_ID = "The record's unique id."

_SOURCES = (
    _field("id", FieldType.STRING, _ID),
    _field("outlet", FieldType.STRING, "Who published the source."),
    _field("title", FieldType.STRING, "The title of the article or document."),
    _field("url", FieldType.STRING, "Where the source can be read."),
    _field("published", FieldType.DATE, "When the source was published."),
    _field("language", FieldType.STRING, "The language of the source, an IETF tag (en, vi, ...)."),
    Column(
        "has_text",
        FieldType.BOOLEAN,
        "Whether vnhealth ships the source's text, against which quotes are checked.",
        lambda source: source.text is not None,
    ),
)

_OFFICIALS = (
    _field("id", FieldType.STRING, _ID),
    _field("name", FieldType.STRING, "The official's name, family name first, with diacritics."),
    Column(
        "title",
        FieldType.STRING,
        "The most recent title a source attests (titles of the same date joined by '; ').",
        lambda official: _joined(role.title for role in _latest_roles(official)),
    ),
    Column(
        "organization",
        FieldType.STRING,
        "The organization of the most recent title(s).",
        lambda official: _joined(role.organization for role in _latest_roles(official)),
    ),
    Column(
        "title_as_of",
        FieldType.DATE,
        "The date a source attests the most recent title on.",
        lambda official: _day(max((role.as_of for role in official.roles), default=None)),
    ),
    *_via(_citation("citation"), lambda official: _Cited(_first_citation(official))),
)

_ROLES = (
    Column("official", FieldType.STRING, "The id of the official.", lambda row: row[0].id),
    Column("title", FieldType.STRING, "The title the source attests.", lambda row: row[1].title),
    Column("organization", FieldType.STRING, "The organization of the title.", lambda row: row[1].organization),
    Column("as_of", FieldType.DATE, "The date the source attests the title on.", lambda row: _day(row[1].as_of)),
    *_via(_citation("citation"), lambda row: row[1]),
)
"""Every attested role, one row each: rows are ``(official, role)`` pairs (the export's roles table)."""

_RESOLUTIONS = (
    _field("id", FieldType.STRING, _ID),
    _field("number", FieldType.STRING, "The document number in canonical form (72-NQ/TW), if it has one."),
    _field("title", FieldType.STRING, "The instrument's title."),
    _field("kind", FieldType.STRING, "What kind of instrument it is (party_resolution, decision, law, ...)."),
    _field("issuer", FieldType.STRING, "Who issued it."),
    _field("issued_on", FieldType.DATE, "When it was issued, if known."),
    _field("implements", FieldType.ARRAY, "The ids of the instruments this one carries out."),
    *_citations(),
)

_EVENTS = (
    _field("id", FieldType.STRING, _ID),
    _field("date", FieldType.DATE, "When the event took place."),
    _field("title", FieldType.STRING, "What the event was."),
    _field("place", FieldType.STRING, "Where it took place."),
    _field("officials", FieldType.ARRAY, "The ids of the officials present."),
    *_citation("citation"),
)

_DIRECTIVES = (
    _field("id", FieldType.STRING, _ID),
    _field("text", FieldType.STRING, "What is directed, concisely."),
    _field("issued_by", FieldType.STRING, "The id of the official who gave the directive."),
    _field("issued_on", FieldType.DATE, "When it was given."),
    _field("addressee", FieldType.STRING, "To whom it was given."),
    _field("themes", FieldType.ARRAY, "The policy themes it is filed under, sorted."),
    _field("resolutions", FieldType.ARRAY, "The ids of the instruments it refers to."),
    _field("ordinal", FieldType.INTEGER, "Its place in an enumerated list (1, 2, ...), if it has one."),
    _field("event", FieldType.STRING, "The id of the event it was given at, if any."),
    *_citation("citation"),
)

_INDICATORS = (
    _field("id", FieldType.STRING, _ID),
    _field("name", FieldType.STRING, "What the indicator measures."),
    _field("unit", FieldType.STRING, "The unit its values are stated in."),
    _field("direction", FieldType.STRING, "Which way it improves: higher or lower."),
    _field("who_gho", FieldType.STRING, "The WHO Global Health Observatory code, if any."),
    _field("wdi", FieldType.STRING, "The World Bank WDI code, if any."),
    *_citations(),
)

_OBSERVATIONS = (
    _field("indicator", FieldType.STRING, "The id of the indicator observed."),
    _field("value", FieldType.NUMBER, "The value the source reports."),
    _field("unit", FieldType.STRING, "The unit of the value."),
    *_period("as_of", "The period the value is for"),
    _field("qualifier", FieldType.STRING, "How exactly the source states it (exact, about, nearly, ...)."),
    _field("area", FieldType.STRING, "The id of the area the value is about (vn: the nation)."),
    _field("series", FieldType.STRING, "The id of the series the value belongs to, if named."),
    *_citation("citation"),
)

_AREAS = (
    _field("id", FieldType.STRING, _ID),
    _field("name", FieldType.STRING, "The area's name, with diacritics."),
    _field("level", FieldType.STRING, "nation, province or commune."),
    _field("code", FieldType.STRING, "The official code, where one exists."),
    _field("parent", FieldType.STRING, "The id of the area it lies in, if any."),
    *_citations(),
)

_SERIES = (
    _field("id", FieldType.STRING, _ID),
    _field("description", FieldType.STRING, "What kind of figure the series holds, and who produces it."),
    *_citations(),
)

_TARGETS = (
    _field("id", FieldType.STRING, _ID),
    _field("indicator", FieldType.STRING, "The id of the indicator the target is for."),
    _field("value", FieldType.NUMBER, "The target value (a range's lower bound; a change target's change)."),
    _field("upper", FieldType.NUMBER, "A range's upper bound (comparator between), if any."),
    _field("unit", FieldType.STRING, "The unit of the target value."),
    _field("comparator", FieldType.STRING, "How the observed value must relate to it (at_least, ..., between)."),
    *_period("deadline", "When the target is due (empty where the source states no deadline)"),
    *_period("holds_from", "From when the level must hold, if the target is stated so"),
    Column(
        "change",
        FieldType.BOOLEAN,
        "Whether the value is a change from a baseline.",
        lambda row: row.change_from is not None,
    ),
    Column(
        "baseline_value",
        FieldType.NUMBER,
        "The baseline value the source states, if any.",
        lambda row: _attr(row.change_from, "value"),
    ),
    Column(
        "baseline_period",
        FieldType.STRING,
        "The baseline period the source states, if any.",
        lambda row: _str(_attr(row.change_from, "period")),
    ),
    _field("group", FieldType.STRING, "The population group the target is for, if the source names one."),
    _field("area", FieldType.STRING, "The id of the area the target is for (vn: the nation)."),
    _field("series", FieldType.STRING, "The series the target is measured in, if named."),
    _field("set_by", FieldType.STRING, "The id of the instrument that sets the target."),
    *_citation("citation"),
)


def _gap(name: str) -> Callable[[Gap], Any]:
    return lambda gap: getattr(gap, name)


def _observed(name: str) -> Callable[[Gap], Any]:
    return lambda gap: _attr(gap.observation, name)


_GAPS = (
    Column("target", FieldType.STRING, "The id of the target.", lambda gap: gap.target.id),
    Column("indicator", FieldType.STRING, "The id of the target's indicator.", lambda gap: gap.indicator.id),
    Column("set_by", FieldType.STRING, "The id of the instrument that sets the target.", lambda gap: gap.target.set_by),
    Column("unit", FieldType.STRING, "The unit of every value in the row.", lambda gap: gap.target.unit.value),
    Column("target_value", FieldType.NUMBER, "The target value.", lambda gap: gap.target.value),
    Column("level", FieldType.NUMBER, "The level asked for (a change target's baseline plus change).", _gap("level")),
    Column("upper_level", FieldType.NUMBER, "A range's upper bound, if any.", _gap("upper_level")),
    Column("comparator", FieldType.STRING, "How the value must relate to it.", lambda gap: gap.target.comparator.value),
    Column(
        "deadline",
        FieldType.STRING,
        "When the target is due (YYYY, YYYY-MM or YYYY-MM-DD).",
        lambda gap: _str(gap.target.deadline),
    ),
    Column(
        "deadline_end",
        FieldType.DATE,
        "The last day of the deadline.",
        lambda gap: _day(_attr(gap.target.deadline, "end")),
    ),
    Column(
        "holds_from", FieldType.STRING, "From when the level must hold, if so.", lambda g: _str(g.target.holds_from)
    ),
    _field("area", FieldType.STRING, "The id of the area whose observations were used."),
    _field("series", FieldType.STRING, "The series every observation used belongs to."),
    Column("baseline_value", FieldType.NUMBER, "The value the trend runs from.", lambda g: _attr(g.baseline, "value")),
    Column(
        "baseline_as_of",
        FieldType.STRING,
        "The period of the value the trend runs from.",
        lambda gap: _str(_attr(gap.baseline, "as_of")),
    ),
    Column("as_of", FieldType.DATE, "The date the gap is measured at.", lambda gap: _day(gap.as_of)),
    Column("observed_value", FieldType.NUMBER, "The latest value, in the target's unit.", _observed("value")),
    Column(
        "observed_as_of", FieldType.STRING, "The period of the latest value.", lambda gap: _str(_observed("as_of")(gap))
    ),
    Column(
        "observed_as_of_end",
        FieldType.DATE,
        "The last day of the latest value's period.",
        lambda gap: _day(gap.observation.as_of.end) if gap.observation is not None else None,
    ),
    _field("difference", FieldType.NUMBER, "Observed minus target value."),
    _field("relative_gap", FieldType.NUMBER, "(target - observed) / target."),
    _field("remaining", FieldType.NUMBER, "How far there is still to go in the direction of improvement."),
    _field("met", FieldType.BOOLEAN, "Whether the latest value meets the target."),
    _field("status", FieldType.STRING, "met, on track, off track, overdue, no trend, no deadline or no data."),
    _field("years_left", FieldType.NUMBER, "Years from the latest value to the deadline (negative once past)."),
    _field("required_change_per_year", FieldType.NUMBER, "The change per year needed to meet the target in time."),
    _field("required_growth_rate", FieldType.NUMBER, "The compound growth rate per year needed."),
    _field("trend_per_year", FieldType.NUMBER, "The observed change per year."),
    _field("trend_growth_rate", FieldType.NUMBER, "The observed compound growth rate per year."),
    _field("projection", FieldType.NUMBER, "The value at the deadline if the observed trend goes on."),
    *_via(_citation("citation"), lambda gap: _Cited(_attr(gap.observation, "citation"))),
)


@attrs.frozen
class _Cited:
    """Something with a ``citation`` attribute that may be None (a gap without data, an official without roles)."""

    citation: Citation | None


COLUMNS: Mapping[str, tuple[Column, ...]] = {
    "sources": _SOURCES,
    "areas": _AREAS,
    "series": _SERIES,
    "officials": _OFFICIALS,
    "roles": _ROLES,
    "resolutions": _RESOLUTIONS,
    "events": _EVENTS,
    "directives": _DIRECTIVES,
    "indicators": _INDICATORS,
    "observations": _OBSERVATIONS,
    "targets": _TARGETS,
    "gaps": _GAPS,
}
"""The columns of each kind of table, built once."""

KIND_OF_TYPE: Mapping[type, str] = {**KIND_OF_RECORD_TYPE, Gap: "gaps"}
"""Which kind of table each record type makes."""

_FRAME_KINDS = tuple(KIND_OF_TYPE.values())


# -- from records to column values ---------------------------------------------------


def _kind(records: Sequence[Any], kind: str | type | None) -> str | None:
    """The kind of table ``records`` make: as given, or from the records' type (None: empty and not given)."""
    if isinstance(kind, type):
        if kind not in KIND_OF_TYPE:
            known = ", ".join(record_type.__name__ for record_type in KIND_OF_TYPE)
            raise NotFound(f"no table for records of type {kind.__name__}; the types are {known}", query=kind.__name__)
        kind = KIND_OF_TYPE[kind]
    elif kind is not None and kind not in _FRAME_KINDS:
        raise NotFound(f"no kind of record {kind!r}; the kinds are {', '.join(_FRAME_KINDS)}", query=kind)
    types = {type(record) for record in records}
    if kind is None:
        if not types:
            return None
        if len(types) > 1:
            names = ", ".join(sorted(record_type.__name__ for record_type in types))
            msg = f"cannot make one table of mixed records ({names}); convert one kind of record at a time"
            raise TypeError(msg)
        record_type = types.pop()
        if record_type not in KIND_OF_TYPE:
            msg = f"cannot make a table of {record_type.__name__} values; expected vnhealth records or gaps"
            raise TypeError(msg)
        return KIND_OF_TYPE[record_type]
    wrong = sorted(record_type.__name__ for record_type in types if KIND_OF_TYPE.get(record_type) != kind)
    if wrong:
        msg = f"kind {kind!r} does not fit records of type {', '.join(wrong)}"
        raise TypeError(msg)
    return kind


def column_values(
    columns: Sequence[Column], rows: Sequence[Any], sources: Iterable[Source] = ()
) -> dict[str, list[Any]]:
    """Each column's values over ``rows``; source ids in url columns become the addresses of ``sources``.

    A source not among ``sources`` gives a missing address: the addresses
    come only from the records the caller passes, never from elsewhere.
    """
    urls = {source.id: source.url for source in sources} if rows and any(c.urls for c in columns) else {}
    values: dict[str, list[Any]] = {}
    for column in columns:
        got = [column.get(row) for row in rows]
        if column.urls:
            got = [
                [urls.get(source) for source in value] if isinstance(value, list) else urls.get(value) for value in got
            ]
        values[column.name] = got
    return values


def _table(
    records: Iterable[Any], kind: str | type | None, dataset: Records | None
) -> tuple[tuple[Column, ...], dict[str, list[Any]]]:
    rows = tuple(records)
    found = _kind(rows, kind)
    if found is None:
        return (), {}
    columns = COLUMNS[found]
    return columns, column_values(columns, rows, dataset.sources if dataset is not None else ())


# -- the three libraries ------------------------------------------------------------


def to_pandas(
    records: Iterable[Any], *, kind: str | type | None = None, dataset: Records | None = None
) -> pd.DataFrame:
    """Records (all of one kind) as a pandas DataFrame with typed columns (needs ``vnhealth[pandas]``).

    ``kind`` (``"directives"`` or `Directive`) fixes the columns, so that an
    empty result still gives an empty frame with the right columns and types;
    without it the kind is the records' own, and no records give a frame with
    no columns. Citation addresses (``citation_url``, ``citation_urls``) are
    looked up in ``dataset``'s sources; without ``dataset`` they are missing
    values (the ids are in ``citation_source``).
    """
    try:
        import pandas as pd  # noqa: PLC0415 - an optional extra
    except ImportError as error:
        raise MissingExtra("to_pandas", "pandas") from error
    columns, values = _table(records, kind, dataset)
    series = {}
    for column in columns:
        data = values[column.name]
        if column.type is FieldType.DATE:
            series[column.name] = pd.to_datetime(pd.Series(data, dtype=object)).astype("datetime64[s]")
        elif column.type is FieldType.ARRAY:
            series[column.name] = pd.Series(data, dtype=object)
        else:
            series[column.name] = pd.Series(data, dtype=_PANDAS_TYPES[column.type])
    return pd.DataFrame(series)


_PANDAS_TYPES = {
    FieldType.STRING: "string",
    FieldType.NUMBER: "float64",
    FieldType.INTEGER: "Int64",
    FieldType.BOOLEAN: "boolean",
}


def to_polars(
    records: Iterable[Any], *, kind: str | type | None = None, dataset: Records | None = None
) -> pl.DataFrame:
    """Records (all of one kind) as a polars DataFrame with typed columns (needs ``vnhealth[polars]``).

    ``kind`` and ``dataset`` are as for `to_pandas`.
    """
    try:
        import polars as pl  # noqa: PLC0415 - an optional extra
    except ImportError as error:
        raise MissingExtra("to_polars", "polars") from error
    types: dict[FieldType, Any] = {
        FieldType.STRING: pl.String,
        FieldType.DATE: pl.Date,
        FieldType.NUMBER: pl.Float64,
        FieldType.INTEGER: pl.Int64,
        FieldType.BOOLEAN: pl.Boolean,
        FieldType.ARRAY: pl.List(pl.String),
    }
    columns, values = _table(records, kind, dataset)
    return pl.DataFrame([pl.Series(column.name, values[column.name], dtype=types[column.type]) for column in columns])


def arrow_schema(columns: Sequence[Column]) -> pa.Schema:
    """The pyarrow schema of ``columns``, each field described in its metadata (needs ``vnhealth[arrow]``)."""
    pa = _pyarrow("to_arrow")
    types = {
        FieldType.STRING: pa.string(),
        FieldType.DATE: pa.date32(),
        FieldType.NUMBER: pa.float64(),
        FieldType.INTEGER: pa.int64(),
        FieldType.BOOLEAN: pa.bool_(),
        FieldType.ARRAY: pa.list_(pa.string()),
    }
    return pa.schema(
        [pa.field(column.name, types[column.type], metadata={"description": column.description}) for column in columns]
    )


def arrow_table(columns: Sequence[Column], values: Mapping[str, list[Any]]) -> pa.Table:
    """A pyarrow Table of column values as `column_values` gives them (needs ``vnhealth[arrow]``)."""
    pa = _pyarrow("to_arrow")
    schema = arrow_schema(columns)
    arrays = [pa.array(values[column.name], type=schema.field(column.name).type) for column in columns]
    return pa.Table.from_arrays(arrays, schema=schema)


def to_arrow(records: Iterable[Any], *, kind: str | type | None = None, dataset: Records | None = None) -> pa.Table:
    """Records (all of one kind) as a pyarrow Table with typed columns (needs ``vnhealth[arrow]``).

    ``kind`` and ``dataset`` are as for `to_pandas`; each field's description
    is in its metadata.
    """
    _pyarrow("to_arrow")
    columns, values = _table(records, kind, dataset)
    return arrow_table(columns, values)


def _pyarrow(feature: str) -> Any:
    try:
        import pyarrow as pa  # noqa: PLC0415 - an optional extra
    except ImportError as error:
        raise MissingExtra(feature, "arrow") from error
    return pa
