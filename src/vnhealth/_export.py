"""Writing a dataset for tools outside Python: a Frictionless Data Package, CSV, Excel, Parquet or JSON.

The tables are the DataFrame tables of `vnhealth._frames`, normalised for a
database: every attested role gets a row of ``roles``, and the several
citations of an instrument or an indicator rows of ``resolution_citations``
and ``indicator_citations``, so that every reference to another table is a
plain column that a foreign key can name. ``gaps`` is derived: each target's
gap at the latest data, computed when the package is written.

Lists (a directive's themes, an instrument's parents) follow one
convention: in CSV and Excel, their items joined by ``"; "`` in one cell
(Table Schema's ``list`` type, delimiter ``"; "``), the way a spreadsheet
user reads them; in DataFrames, Arrow and Parquet, real lists. A CSV
written for a spreadsheet (``format="csv"``) starts with a UTF-8 byte-order
mark, without which Excel reads Vietnamese as Latin-1.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs

from vnhealth._errors import MissingExtra, UnsupportedFormat, WriteError
from vnhealth._frames import COLUMNS, Column, FieldType, _pyarrow, arrow_table, column_values
from vnhealth._gaps import Gap
from vnhealth._load import dump
from vnhealth._model import (
    NATION,
    Area,
    AreaLevel,
    Directive,
    Event,
    Indicator,
    Observation,
    Official,
    Resolution,
    Series,
    Source,
    Target,
)
from vnhealth._records import KINDS, Records


class Exportable(Protocol):
    """What `export` writes: records of every kind and their gaps (a `vnhealth.Exportable` is one)."""

    @property
    def sources(self) -> tuple[Source, ...]: ...
    @property
    def areas(self) -> tuple[Area, ...]: ...
    @property
    def series(self) -> tuple[Series, ...]: ...
    @property
    def officials(self) -> tuple[Official, ...]: ...
    @property
    def resolutions(self) -> tuple[Resolution, ...]: ...
    @property
    def events(self) -> tuple[Event, ...]: ...
    @property
    def directives(self) -> tuple[Directive, ...]: ...
    @property
    def indicators(self) -> tuple[Indicator, ...]: ...
    @property
    def observations(self) -> tuple[Observation, ...]: ...
    @property
    def targets(self) -> tuple[Target, ...]: ...
    def gaps(self) -> Sequence[Gap]:
        """The gap of every target."""
        ...


__all__ = ["FORMATS", "LIST_SEPARATOR", "TABLES", "Table", "datapackage", "export"]

FORMATS = ("datapackage", "csv", "xlsx", "parquet", "json")
"""The formats `export` writes."""

LIST_SEPARATOR = "; "
"""What joins the items of a list in one CSV or Excel cell."""

_JSON_FILE = "vnhealth.json"
_XLSX_FILE = "vnhealth.xlsx"
_ARRAY_NOTE = f" In CSV and Excel, the items joined by {LIST_SEPARATOR!r}."
_XLSX_MAX_CELL = 32_767  # Excel's limit on the characters of one cell


@attrs.frozen
class Table:
    """One table of the export: its columns, its rows in a dataset and its keys."""

    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Exportable], Sequence[Any]] = attrs.field(repr=False)
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str], ...] = ()
    """``(column, table)`` pairs: the column holds ids of that table's ``id`` column."""


def _without_citations(kind: str) -> tuple[Column, ...]:
    return tuple(column for column in COLUMNS[kind] if not column.name.startswith("citation_"))


def _citation_links(owner: str) -> tuple[Column, ...]:
    return (
        Column(owner, FieldType.STRING, f"The id of the {owner}.", lambda row: row[0]),
        Column("position", FieldType.INTEGER, "The citation's place in the record's list, from 1.", lambda row: row[1]),
        Column("citation_source", FieldType.STRING, "The id of the source cited.", lambda row: row[2].source),
        Column("citation_quote", FieldType.STRING, "The words of the source, verbatim.", lambda row: row[2].quote),
        Column("citation_url", FieldType.STRING, "The address of the source.", lambda row: row[2].source, urls=True),
    )


def _cited(records: Sequence[Any]) -> list[tuple[str, int, Any]]:
    return [
        (record.id, position, citation) for record in records for position, citation in enumerate(record.citations, 1)
    ]


_CITED = ("citation_source", "sources")

# The gaps table is derived for people to read: its computed numbers are rounded to the precision of
# the data (a difference of 93.4 and 93.2 is 0.2, not 0.20000000000000284); observed and target
# values are written as the sources give them. Decimals beyond the data's: per-year rates one more,
# ratios four, years two.
_EXTRA_DECIMALS = {
    "level": 0,
    "upper_level": 0,
    "difference": 0,
    "remaining": 0,
    "projection": 0,
    "required_change_per_year": 1,
    "trend_per_year": 1,
}
_FIXED_DECIMALS = {"relative_gap": 4, "required_growth_rate": 4, "trend_growth_rate": 4, "years_left": 2}


def _readable(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    return tuple(
        attrs.evolve(column, get=_rounded(column.get, column.name))
        if column.name in _EXTRA_DECIMALS or column.name in _FIXED_DECIMALS
        else column
        for column in columns
    )


def _rounded(get: Callable[[Any], Any], name: str) -> Callable[[Gap], Any]:
    def read(gap: Gap) -> Any:
        value = get(gap)
        if value is None:
            return None
        places = _FIXED_DECIMALS.get(name)
        return round(value, places if places is not None else gap.precision + _EXTRA_DECIMALS[name])

    return read


_NATION = Area(id=NATION, name="Việt Nam", level=AreaLevel.NATION)
"""The default area, written where a dataset names none, so that every area a row names resolves."""


def _areas(data: Exportable) -> tuple[Area, ...]:
    return data.areas if any(area.id == NATION for area in data.areas) else (_NATION, *data.areas)


TABLES: tuple[Table, ...] = (
    Table("sources", "The articles and documents the records cite.", COLUMNS["sources"], lambda d: d.sources, ("id",)),
    Table(
        "areas",
        "Places observations and targets are about: the nation, provinces, communes (citations: area_citations).",
        _without_citations("areas"),
        _areas,
        ("id",),
        (("parent", "areas"),),
    ),
    Table(
        "area_citations",
        "The citations of each area's name and code, one row each.",
        _citation_links("area"),
        lambda d: _cited(d.areas),
        ("area", "position"),
        (("area", "areas"), _CITED),
    ),
    Table(
        "series",
        "Kinds of figure observations belong to: a producer's statistic, survey or model estimate.",
        _without_citations("series"),
        lambda d: d.series,
        ("id",),
    ),
    Table(
        "officials",
        "People who direct, sign or report, with their most recent attested title.",
        COLUMNS["officials"],
        lambda d: d.officials,
        ("id",),
        (_CITED,),
    ),
    Table(
        "roles",
        "Every title a source attests for an official, on the date it attests it.",
        COLUMNS["roles"],
        lambda d: [(official, role) for official in d.officials for role in official.roles],
        (),
        (("official", "officials"), _CITED),
    ),
    Table(
        "resolutions",
        "Policy instruments: resolutions, laws, decisions, plans and programmes (citations: resolution_citations).",
        _without_citations("resolutions"),
        lambda d: d.resolutions,
        ("id",),
    ),
    Table(
        "resolution_citations",
        "The citations of each instrument, one row each.",
        _citation_links("resolution"),
        lambda d: _cited(d.resolutions),
        ("resolution", "position"),
        (("resolution", "resolutions"), _CITED),
    ),
    Table(
        "events",
        "Meetings, visits and signings at which directives were given.",
        COLUMNS["events"],
        lambda d: d.events,
        ("id",),
        (_CITED,),
    ),
    Table(
        "directives",
        "Instructions and commitments, each attributed to the official who gave it.",
        COLUMNS["directives"],
        lambda d: d.directives,
        ("id",),
        (("issued_by", "officials"), ("event", "events"), _CITED),
    ),
    Table(
        "indicators",
        "Measured quantities of the health system (citations of their codes: indicator_citations).",
        _without_citations("indicators"),
        lambda d: d.indicators,
        ("id",),
    ),
    Table(
        "indicator_citations",
        "The citations of each indicator's international codes, one row each.",
        _citation_links("indicator"),
        lambda d: _cited(d.indicators),
        ("indicator", "position"),
        (("indicator", "indicators"), _CITED),
    ),
    Table(
        "observations",
        "Values of the indicators, as sources report them.",
        COLUMNS["observations"],
        lambda d: d.observations,
        (),
        (("indicator", "indicators"), ("area", "areas"), ("series", "series"), _CITED),
    ),
    Table(
        "targets",
        "Values that instruments set for indicators, in the shape they state them (a level, a range, a change).",
        COLUMNS["targets"],
        lambda d: d.targets,
        ("id",),
        (("indicator", "indicators"), ("area", "areas"), ("series", "series"), ("set_by", "resolutions"), _CITED),
    ),
    Table(
        "gaps",
        "Derived: how far each target is from the latest value of its indicator, when the package was written.",
        _readable(COLUMNS["gaps"]),
        lambda d: d.gaps(),
        ("target",),
        (("target", "targets"), ("indicator", "indicators"), ("set_by", "resolutions"), _CITED),
    ),
)
"""The tables every tabular export writes, in order."""


def export(
    data: Exportable, path: str | os.PathLike[str], *, format: str = "datapackage", bom: bool | None = None
) -> None:
    """Write ``data`` into the folder ``path`` (made if missing) in ``format``; see `Dataset.export`.

    ``bom``: start each CSV file with a UTF-8 byte-order mark, which Excel
    needs to read Vietnamese; by default on for ``"csv"`` (for spreadsheets)
    and off for ``"datapackage"`` (for data tools, which expect plain UTF-8).
    """
    if format not in FORMATS:
        msg = f"cannot export as {format!r}; the formats are {', '.join(FORMATS)}"
        raise UnsupportedFormat(msg)
    target = Path(path)
    if format == "json":
        dump(_records(data), target if target.suffix == ".json" else _folder(target) / _JSON_FILE)
        return
    if format == "xlsx":
        _write_xlsx(data, target if target.suffix == ".xlsx" else _folder(target) / _XLSX_FILE)
        return
    folder = _folder(target)
    if format == "parquet":
        _write_parquet(data, folder)
        return
    encoding = "utf-8-sig" if (format == "csv" if bom is None else bom) else "utf-8"
    for table in TABLES:
        _write(folder / f"{table.name}.csv", functools.partial(_write_csv, table=table, data=data), encoding)
    if format == "datapackage":
        descriptor = json.dumps(datapackage(data), ensure_ascii=False, indent=2) + "\n"
        _write(folder / "datapackage.json", lambda stream: stream.write(descriptor))


def _records(data: Exportable) -> Records:
    return data if isinstance(data, Records) else Records(**{kind: getattr(data, kind) for kind in KINDS})


def _folder(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        msg = f"cannot write into {str(path)!r}: {error.strerror or error}"
        raise WriteError(msg) from error
    return path


def _write(path: Path, write: Callable[[Any], object], encoding: str = "utf-8") -> None:
    try:
        with path.open("w", encoding=encoding, newline="") as stream:
            write(stream)
    except OSError as error:
        msg = f"cannot write {str(path)!r}: {error.strerror or error}"
        raise WriteError(msg) from error


def _write_csv(stream: Any, table: Table, data: Exportable) -> None:
    values = column_values(table.columns, table.rows(data), data.sources)
    writer = csv.writer(stream)  # RFC 4180: CRLF between records, fields with line breaks quoted
    writer.writerow([column.name for column in table.columns])
    cells = [[_cell(column.type, value) for value in values[column.name]] for column in table.columns]
    writer.writerows(zip(*cells, strict=True))


def _cell(type_: FieldType, value: Any) -> str:
    """A value as Table Schema reads it from CSV; a missing value is the empty string."""
    if value is None:
        return ""
    if type_ is FieldType.ARRAY:
        return LIST_SEPARATOR.join(value)
    if type_ is FieldType.BOOLEAN:
        return "true" if value else "false"
    if type_ is FieldType.DATE:
        return str(value.isoformat())
    return str(value) if type_ is not FieldType.NUMBER else repr(float(value))


def _write_xlsx(data: Exportable, path: Path) -> None:
    """Every table as a sheet of one workbook: numbers, dates and booleans typed, lists joined by ``"; "``."""
    try:
        from openpyxl import Workbook  # noqa: PLC0415 - an optional extra
    except ImportError as error:
        raise MissingExtra("Excel export", "xlsx") from error
    book = Workbook(write_only=True)
    for table in TABLES:
        sheet = book.create_sheet(table.name)
        values = column_values(table.columns, table.rows(data), data.sources)
        sheet.append([column.name for column in table.columns])
        cells = [[_excel(column.type, value) for value in values[column.name]] for column in table.columns]
        for row in zip(*cells, strict=True):
            sheet.append(list(row))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        book.save(path)
    except OSError as error:
        msg = f"cannot write {str(path)!r}: {error.strerror or error}"
        raise WriteError(msg) from error


def _excel(type_: FieldType, value: Any) -> Any:
    """A value as a typed Excel cell; text longer than a cell holds is cut (Excel refuses it otherwise)."""
    if value is None:
        return None
    if type_ is FieldType.ARRAY:
        value = LIST_SEPARATOR.join(value)
    elif type_ is FieldType.DATE:
        return dt.date(value.year, value.month, value.day)
    elif type_ in {FieldType.NUMBER, FieldType.INTEGER, FieldType.BOOLEAN}:
        return value
    text = str(value)
    return text if len(text) <= _XLSX_MAX_CELL else text[: _XLSX_MAX_CELL - 1] + "…"


def _write_parquet(data: Exportable, folder: Path) -> None:
    _pyarrow("Parquet export")
    import pyarrow.parquet as pq  # noqa: PLC0415 - an optional extra

    for table in TABLES:
        arrow = arrow_table(table.columns, column_values(table.columns, table.rows(data), data.sources))
        try:
            pq.write_table(arrow, folder / f"{table.name}.parquet")
        except OSError as error:
            msg = f"cannot write {str(folder / table.name)!r}.parquet: {error}"
            raise WriteError(msg) from error


def datapackage(data: Exportable) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor of ``data``'s tables (Frictionless tabular data package)."""
    return {
        "profile": "tabular-data-package",
        "name": "vnhealth",
        "title": "vnhealth: Vietnam's health policy as cited records",
        "description": (
            "Who directed what, which instrument set which target, and how far each indicator is from it; "
            "every claim cites a source and quotes it. Missing values are empty cells."
        ),
        "homepage": "https://github.com/vnhealth/vnhealth",
        "sources": [{"title": source.title or source.id, "path": source.url} for source in data.sources],
        "resources": [_resource(table) for table in TABLES],
    }


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(column) for column in table.columns], "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": other, "fields": ["id"]}}
            for column, other in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": table.description,
        "schema": schema,
    }


def _field(column: Column) -> dict[str, Any]:
    if column.type is FieldType.ARRAY:
        # Table Schema's list: items in one cell, split on the delimiter.
        description = column.description + _ARRAY_NOTE
        return {
            "name": column.name,
            "type": "list",
            "delimiter": LIST_SEPARATOR,
            "itemType": "string",
            "description": description,
        }
    return {"name": column.name, "type": column.type.value, "description": column.description}
