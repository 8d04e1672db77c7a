"""Plain-text tables and reports for people: aligned columns fitted to the terminal, no dependencies.

The command line prints these, and so does ``print(value)`` for every
vnhealth value (records, gaps, query results, datasets): this module
registers `render_text` as their ``__str__`` (see `vnhealth._display`). A
script that wants the records asks for ``--json`` instead.
"""

from __future__ import annotations

import datetime as dt
import enum
import shutil
from collections.abc import Iterable, Sequence

import attrs

from vnhealth._conflicts import Conflict
from vnhealth._display import register_text
from vnhealth._docnumber import DocumentNumber
from vnhealth._errors import Problem
from vnhealth._format import number, shorten
from vnhealth._gaps import Gap
from vnhealth._model import Citation, Directive, Observation, Official, Resolution, Role, Source, Target
from vnhealth._records import KINDS, Records

__all__ = [
    "conflicts_report",
    "describe",
    "directives_table",
    "gap_table",
    "kind_of",
    "officials_table",
    "problems_report",
    "render_text",
    "resolution_report",
    "roles_in_order",
    "search_table",
    "table",
    "targets_table",
    "terminal_width",
]

MAX_ROWS = 50
"""Rows ``print(results)`` shows before it says how many more there are (as pandas does)."""
_MIN_CELL = 12


def terminal_width() -> int:
    """The width of the terminal (``COLUMNS`` if set); 120 when the output is not a terminal."""
    return shutil.get_terminal_size((120, 24)).columns


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    width: int | None = None,
    shrink: Sequence[int] = (),
    drop: Sequence[int] = (),
) -> str:
    """Align ``rows`` under ``header`` in columns separated by two spaces, at most ``width`` characters wide.

    When the table is wider than ``width``, the columns named in ``drop``
    (by position) are left out, then those in ``shrink`` (the first shrunk
    first) are cut, each down to 12 characters at least, their cells ending
    in an ellipsis; the others keep their width, so ids and numbers are cut
    only when nothing else is left to cut.

    >>> print(table(["id", "name"], [["to-lam", "Tô Lâm"]]))
    id      name
    ------  ------
    to-lam  Tô Lâm
    >>> row = ["d1", "Speed up the digital transformation of hospitals"]
    >>> print(table(["id", "directive"], [row], width=30, shrink=[1]))
    id  directive
    --  --------------------------
    d1  Speed up the digital tran…
    """
    body = [list(map(str, row)) for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *body, strict=False)]
    if width is not None and drop and (excess := sum(widths) + 2 * (len(widths) - 1) - width) > 0:
        spare = sum(max(0, widths[column] - max(_MIN_CELL, len(header[column]))) for column in drop if column in shrink)
        # Leave out the first droppable column only when cutting the droppable ones cannot make room.
        if excess > spare:
            keep = [column for column in range(len(header)) if column != drop[0]]
            return table(
                [header[column] for column in keep],
                [[row[column] for column in keep] for row in body],
                width=width,
                shrink=[keep.index(column) for column in shrink if column in keep],
                drop=[keep.index(column) for column in drop[1:]],
            )
    if width is not None:
        excess = sum(widths) + 2 * (len(widths) - 1) - width
        for column in shrink:
            if excess <= 0:
                break
            floor = max(_MIN_CELL, len(header[column]))
            cut = min(excess, max(0, widths[column] - floor))
            widths[column] -= cut
            excess -= cut
        body = [[shorten(cell, size) for cell, size in zip(row, widths, strict=False)] for row in body]
    lines = [header, ["-" * size for size in widths], *body]
    return "\n".join(
        "  ".join(cell.ljust(size) for cell, size in zip(line, widths, strict=False)).rstrip() for line in lines
    )


def gap_table(gaps: Iterable[Gap], *, width: int | None = None) -> str:
    """One line per target: its id, the goal, the latest value and when, the difference, the status.

    The target's id names the instrument and the indicator; the indicator's
    name is shown when there is room (``width``: the terminal's by default).
    """
    rows = []
    for gap in gaps:
        target, observation = gap.target, gap.observation
        rows.append(
            [
                target.id,
                gap.wanted,
                gap.show(observation.value, unit=False) if observation else "-",
                str(observation.as_of) if observation else "-",
                gap.show(gap.difference, unit=False),
                gap.status.value,
                gap.indicator.name,
            ]
        )
    header = ["target", "goal", "latest", "as of", "difference", "status", "indicator"]
    return table(header, rows, width=_width(width), shrink=[6, 1, 0], drop=[6, 4])


def roles_in_order(official: Official) -> tuple[Role, ...]:
    """An official's roles in the order of the dates sources attest them (data order for the same date)."""
    return tuple(sorted(official.roles, key=lambda role: role.as_of))


def officials_table(officials: Iterable[Official], *, width: int | None = None) -> str:
    """One line per official: id, name, and the most recent title a source attests (and its date)."""
    rows = []
    for official in officials:
        latest = max((role.as_of for role in official.roles), default=None)
        title = official.title_on(latest) if latest is not None else None
        rows.append([official.id, official.name, str(latest) if latest else "-", title or "-"])
    return table(["id", "name", "as of", "latest title"], rows, width=_width(width), shrink=[3])


def directives_table(directives: Iterable[Directive], *, width: int | None = None) -> str:
    """One line per directive: date, place in its list, id, themes and what is directed."""
    rows = [
        [
            str(directive.issued_on),
            str(directive.ordinal) if directive.ordinal is not None else "",
            directive.id,
            ",".join(sorted(theme.value for theme in directive.themes)) or "-",
            directive.text,
        ]
        for directive in directives
    ]
    header = ["issued on", "#", "id", "themes", "directive"]
    return table(header, rows, width=_width(width), shrink=[4, 3, 2], drop=[3])


def targets_table(targets: Iterable[Target], *, width: int | None = None) -> str:
    """One line per target: id, indicator, comparator, value and deadline."""
    rows = [
        [
            target.id,
            f"{target.comparator.symbol} {number(target.value)} {target.unit.label}".rstrip(),
            _due(target),
            target.indicator,
        ]
        for target in targets
    ]
    return table(["id", "target", "by", "indicator"], rows, width=_width(width), shrink=[3, 0])


def resolution_report(resolution: Resolution, implementing: Sequence[Resolution], targets: Sequence[Target]) -> str:
    """An instrument: what it is, what it carries out, what carries it out, the targets it sets, its sources."""
    fields = [
        ("number", str(resolution.number) if resolution.number is not None else "(unnumbered)"),
        ("title", resolution.title),
        ("kind", resolution.kind.value.replace("_", " ")),
        ("issuer", resolution.issuer),
        ("issued on", str(resolution.issued_on) if resolution.issued_on else "-"),
        ("id", resolution.id),
        ("implements", ", ".join(resolution.implements) or "-"),
        ("implemented by", ", ".join(record.label for record in implementing) or "-"),
    ]
    width = max(len(name) for name, _ in fields)
    lines = [f"{name.ljust(width)}  {value}" for name, value in fields]
    if targets:
        lines += ["", f"targets it sets ({len(targets)}):", targets_table(targets)]
    if resolution.citations:
        lines += ["", "sources:"]
        lines += [f"  [{citation.source}] “{citation.quote}”" for citation in resolution.citations]
    return "\n".join(lines)


def _due(target: Target) -> str:
    """When a target is due, in words: ``by 2030``, ``from 2030 on`` or ``no deadline``."""
    if target.deadline is not None:
        return f"by {target.deadline}"
    return f"from {target.holds_from} on" if target.holds_from is not None else "no deadline"


def kind_of(record: object) -> str:
    """The kind of a record in words: ``"directive"``, ``"official"``, ``"observation"``."""
    return type(record).__name__.lower()


def describe(record: object) -> tuple[str, str]:
    """A record's key and a one-line description of it, for search results."""
    if isinstance(record, Observation):
        return f"{record.indicator}@{record.as_of}", f"{number(record.value)} {record.unit.label}".rstrip()
    if isinstance(record, Target):
        return record.id, f"{record.indicator} {record.comparator.symbol} {number(record.value)} {_due(record)}"
    if isinstance(record, Resolution):
        return record.id, f"{record.label}: {record.title}" if record.number is not None else record.title
    if isinstance(record, Source):
        return record.id, f"{record.outlet}: {record.title}"
    for field in ("name", "title", "text", "description"):
        value = getattr(record, field, None)
        if isinstance(value, str):
            return str(getattr(record, "id", "")), value
    return str(getattr(record, "id", "")), ""  # pragma: no cover - every kind has a name, title, text or description


def search_table(records: Iterable[object], *, width: int | None = None) -> str:
    """One line per record found: its kind, key and what it says."""
    rows = ([kind_of(record), *describe(record)] for record in records)
    return table(["kind", "id", "text"], rows, width=_width(width), shrink=[2, 1])


def conflicts_report(conflicts: Sequence[Conflict]) -> str:
    """Observations that disagree, one group a paragraph: each value with its source; the last is `latest`'s."""
    count = len(conflicts)
    lines = [f"{count} set{'s' if count != 1 else ''} of observations disagree (all kept; latest takes the last):"]
    for conflict in conflicts:
        place = f" in {conflict.area}" if conflict.area else ""
        lines.append(f"  {conflict.indicator} {conflict.period}{place}:")
        lines.extend(f"    {number(o.value)} {o.unit.label} ({o.citation.source})" for o in conflict.observations)
    return "\n".join(lines)


def problems_report(problems: Sequence[Problem]) -> str:
    """Every problem on its own line, ``file: path: message``."""
    return "\n".join(map(str, problems))


def _width(width: int | None) -> int:
    return terminal_width() if width is None else width


# -- print(value): the plain text of every vnhealth value ------------------------------


def render_text(value: object, *, width: int | None = None) -> str:
    """Any vnhealth value as text for people: a table for results, fields for a record, a summary for a dataset.

    >>> import vnhealth
    >>> print(vnhealth.official("To Lam"))  # doctest: +ELLIPSIS
    Official to-lam
    name   Tô Lâm
    roles  ...
    """
    size = _width(width)
    if isinstance(value, Records):
        counts = ", ".join(f"{len(getattr(value, kind))} {kind}" for kind in KINDS)
        return f"{type(value).__name__} of {len(value)} records: {counts}"
    if isinstance(value, tuple) and not attrs.has(type(value)):
        return _results_text(value, size)
    if isinstance(value, Gap):
        return _gap_text(value, size)
    if attrs.has(type(value)):
        return _record_text(value, size)
    return repr(value)  # pragma: no cover - only vnhealth's values are registered


def _results_text(found: tuple[object, ...], width: int) -> str:
    if not found:
        return "(no records)"
    shown = found[:MAX_ROWS]
    if all(isinstance(item, Gap) for item in shown):
        text = gap_table(shown, width=width)  # type: ignore[arg-type]
    elif all(isinstance(item, Directive) for item in shown):
        text = directives_table(shown, width=width)  # type: ignore[arg-type]
    elif all(isinstance(item, Official) for item in shown):
        text = officials_table(shown, width=width)  # type: ignore[arg-type]
    elif all(isinstance(item, Target) for item in shown):
        text = targets_table(shown, width=width)  # type: ignore[arg-type]
    elif all(isinstance(item, Conflict) for item in shown):
        text = conflicts_report(shown)  # type: ignore[arg-type]
    else:
        text = search_table(shown, width=width)
    more = len(found) - len(shown)
    return text + (f"\n… {more} more ({len(found)} in all)" if more else "")


def _gap_text(gap: Gap, width: int) -> str:
    target, observation = gap.target, gap.observation
    latest = f"{number(observation.value, target.unit.label)} ({observation.as_of})" if observation else "no value yet"
    fields = [
        ("target", target.id),
        ("indicator", f"{gap.indicator.name} ({gap.indicator.id})"),
        ("goal", f"{target.comparator.symbol} {number(target.value, target.unit.label)} by {target.deadline}"),
        ("set by", target.set_by),
        ("latest", latest),
        ("difference", number(gap.difference)),
        ("status", gap.status.value),
    ]
    return f"Gap of {target.id}\n" + _fields_text(fields, width)


def _record_text(record: object, width: int) -> str:
    fields: list[tuple[str, str]] = []
    key = getattr(record, "id", None)
    for field in attrs.fields(type(record)):  # type: ignore[arg-type]  # every record is an attrs class
        value = getattr(record, field.name)
        if field.name == "id" or value is None or (isinstance(value, tuple | frozenset) and not value):
            continue
        if field.name == "roles" and isinstance(record, Official):
            value = roles_in_order(record)
        fields.append((field.name, _value_text(value)))
    heading = f"{type(record).__name__} {key}" if isinstance(key, str) else type(record).__name__
    return heading + "\n" + _fields_text(fields, width)


def _value_text(value: object) -> str:
    if isinstance(value, Role):
        return f"{value.as_of}  {value.title}, {value.organization}"
    if isinstance(value, Citation):
        return f"[{value.source}] “{value.quote}”"
    if isinstance(value, frozenset):
        return ", ".join(sorted(map(_value_text, value)))
    if isinstance(value, tuple):
        return "\n".join(map(_value_text, value)) if value and attrs.has(type(value[0])) else ", ".join(map(str, value))
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, dt.date | DocumentNumber):
        return str(value)
    return str(value)


def _fields_text(fields: Sequence[tuple[str, str]], width: int) -> str:
    """``name  value`` lines; a value of several lines continues under itself; each line cut to ``width``."""
    pad = max((len(name) for name, _ in fields), default=0)
    lines = []
    for name, value in fields:
        for number_, line in enumerate(value.splitlines() or [""]):
            label = name if number_ == 0 else ""
            lines.append(shorten(f"{label.ljust(pad)}  {line}", max(width, pad + 2 + _MIN_CELL)))
    return "\n".join(lines)


register_text(render_text)
