"""vnhealth: Vietnam's health policy as typed, immutable, cited records.

>>> import vnhealth
>>> vnhealth.official("PM Chinh").name
'Phạm Minh Chính'

``import vnhealth`` reads no data: the bundled dataset is parsed on the first
query and cached.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# _html and _report first: they register the renderers behind every value's ``_repr_html_`` and ``__str__``.
from vnhealth import _html, _report  # noqa: F401
from vnhealth._bundled import data_version, load
from vnhealth._conflicts import Conflict
from vnhealth._converter import make_converter
from vnhealth._dataset import Dataset
from vnhealth._dates import Period
from vnhealth._docnumber import DocumentNumber
from vnhealth._errors import (
    DocumentNumberError,
    IncompatibleUnits,
    InvalidDate,
    InvalidInput,
    LoadError,
    MissingExtra,
    NotFound,
    Problem,
    UnsupportedFormat,
    VnhealthError,
    WriteError,
)
from vnhealth._frames import to_arrow, to_pandas, to_polars
from vnhealth._gaps import BaselineRule, Gap, Status
from vnhealth._model import (
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
from vnhealth._queries import (
    area,
    conflicts,
    directives,
    directives_by,
    event,
    gaps,
    implementing,
    indicator,
    indicator_gap,
    latest,
    observations,
    official,
    resolution,
    search,
    source,
    target,
    targets,
)
from vnhealth._records import Record
from vnhealth._results import Results
from vnhealth._text import fold
from vnhealth._units import Unit, convert

if TYPE_CHECKING:
    from vnhealth._schema import json_schema

# Loaded on first use: most scripts never ask for the schema.
_LAZY = {"json_schema": "vnhealth._schema"}

__all__ = [
    "Area",
    "AreaLevel",
    "Baseline",
    "BaselineRule",
    "Citation",
    "Comparator",
    "Conflict",
    "Dataset",
    "Direction",
    "Directive",
    "DocumentNumber",
    "DocumentNumberError",
    "Event",
    "Gap",
    "IncompatibleUnits",
    "Indicator",
    "InstrumentKind",
    "InvalidDate",
    "InvalidInput",
    "LoadError",
    "MissingExtra",
    "NotFound",
    "Observation",
    "Official",
    "Period",
    "Problem",
    "Qualifier",
    "Record",
    "Resolution",
    "Results",
    "Role",
    "Series",
    "Source",
    "Status",
    "Target",
    "Theme",
    "Unit",
    "UnsupportedFormat",
    "VnhealthError",
    "WriteError",
    "area",
    "conflicts",
    "convert",
    "data_version",
    "directives",
    "directives_by",
    "event",
    "fold",
    "gaps",
    "implementing",
    "indicator",
    "indicator_gap",
    "json_schema",
    "latest",
    "load",
    "make_converter",
    "observations",
    "official",
    "resolution",
    "search",
    "source",
    "target",
    "targets",
    "to_arrow",
    "to_pandas",
    "to_polars",
]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    # importlib.metadata costs more to import than all of vnhealth: read the version only when asked.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("vnhealth")
        except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
            return "0+unknown"
    msg = f"module 'vnhealth' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    # Tab completion in a notebook shows the public names, not the private modules.
    return [*__all__, "__version__"]
