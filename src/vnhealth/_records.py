"""`Records`: the kinds of record a dataset holds, stated once.

Every table that goes kind by kind (the loader's files, the checks, the
DataFrame columns, the HTML summary, the test strategies) derives from the
fields of `Records`, so a new kind of record is added here and nowhere else
is a list of kinds to keep in step.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any, TypeAlias

import attrs

from vnhealth._display import HtmlRepr
from vnhealth._model import (
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
)

__all__ = ["KINDS", "KIND_OF_RECORD_TYPE", "RECORD_TYPES", "Record", "Records", "field_types"]

Record: TypeAlias = (
    Source | Area | Official | Resolution | Event | Directive | Indicator | Series | Observation | Target
)
"""Any one record of a dataset."""


@attrs.frozen(kw_only=True, repr=False)
class Records(HtmlRepr):
    """Records of every kind, as one immutable value: a tuple per kind, in the order data files list them."""

    sources: tuple[Source, ...] = attrs.field(default=(), converter=tuple)
    areas: tuple[Area, ...] = attrs.field(default=(), converter=tuple)
    officials: tuple[Official, ...] = attrs.field(default=(), converter=tuple)
    resolutions: tuple[Resolution, ...] = attrs.field(default=(), converter=tuple)
    events: tuple[Event, ...] = attrs.field(default=(), converter=tuple)
    directives: tuple[Directive, ...] = attrs.field(default=(), converter=tuple)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=tuple)
    series: tuple[Series, ...] = attrs.field(default=(), converter=tuple)
    observations: tuple[Observation, ...] = attrs.field(default=(), converter=tuple)
    targets: tuple[Target, ...] = attrs.field(default=(), converter=tuple)

    def __repr__(self) -> str:
        # Counts, not records: a repr of 100,000 records helps no one.
        counts = ", ".join(f"{len(getattr(self, kind))} {kind}" for kind in KINDS)
        return f"<{type(self).__name__}: {counts}>"

    def __iter__(self) -> Iterator[Record]:
        """Every record, kind by kind."""
        for kind in KINDS:
            yield from getattr(self, kind)

    def __len__(self) -> int:
        return sum(len(getattr(self, kind)) for kind in KINDS)

    def of_kind(self, kind: str) -> tuple[Record, ...]:
        """The records of one kind, by its name (``"directives"``)."""
        records: tuple[Record, ...] = getattr(self, kind)
        return records


KINDS: tuple[str, ...] = tuple(field.name for field in attrs.fields(Records))
"""The kinds of record, in the order data files list them."""

_HINTS = typing.get_type_hints(Records)
RECORD_TYPES: dict[str, type] = {kind: typing.get_args(_HINTS[kind])[0] for kind in KINDS}
"""The record type of each kind: ``RECORD_TYPES["directives"] is Directive``."""

KIND_OF_RECORD_TYPE: dict[type, str] = {record_type: kind for kind, record_type in RECORD_TYPES.items()}
"""The kind each record type belongs to: ``KIND_OF_RECORD_TYPE[Directive] == "directives"``."""


def field_types(cls: type) -> dict[str, Any]:
    """The resolved type of each field of an attrs class, by name.

    From the class's annotations; for a class made by ``attrs.make_class``
    (which, before attrs 24, writes no annotations), from the fields themselves.
    """
    hints = typing.get_type_hints(cls)
    return {field.name: hints.get(field.name, field.type) for field in attrs.fields(cls)}
