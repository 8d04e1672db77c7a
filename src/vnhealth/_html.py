"""HTML for notebooks: records, query results, gaps and datasets as compact tables.

Standard library only: every value is escaped, styles are inline, and there
is no external CSS or JavaScript, so the output renders the same in Jupyter,
VS Code and a saved notebook on GitHub.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from vnhealth._display import register_html
from vnhealth._format import number, shorten
from vnhealth._frames import COLUMNS, KIND_OF_TYPE
from vnhealth._gaps import Gap, Status
from vnhealth._model import Citation, Role, Source
from vnhealth._records import KINDS, Records

__all__ = [
    "STATUS_COLOURS",
    "dataset_html",
    "gap_html",
    "progress",
    "progress_bar",
    "record_html",
    "render",
    "results_html",
]

MAX_ROWS = 50
"""Rows a results table shows before it says how many more there are."""
_MAX_TEXT = 300

STATUS_COLOURS: dict[Status, str] = {
    Status.MET: "#2e7d32",
    Status.ON_TRACK: "#1565c0",
    Status.OFF_TRACK: "#ef6c00",
    Status.OVERDUE: "#c62828",
    Status.NO_TREND: "#757575",
    Status.NO_DEADLINE: "#9e9e9e",
    Status.NO_DATA: "#bdbdbd",
}
"""The colour of each status, in tables and charts: green met, blue on track, orange off track, red overdue."""

_TABLE = "border-collapse:collapse;font-size:0.9em;text-align:left"
_CELL = "padding:2px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top"
_HEAD = _CELL + ";font-weight:bold"
_CAPTION = "caption-side:top;text-align:left;font-weight:bold;padding:2px 0"
_MUTED = "color:#757575"

_SUMMARY: dict[str, tuple[str, ...]] = {
    "sources": ("id", "outlet", "title", "published"),
    "areas": ("id", "name", "level", "code", "parent"),
    "officials": ("id", "name", "title"),
    "resolutions": ("id", "number", "title", "kind", "issued_on"),
    "events": ("id", "date", "title", "place"),
    "directives": ("issued_on", "issued_by", "text", "themes"),
    "indicators": ("id", "name", "unit", "direction"),
    "series": ("id", "description"),
    "observations": ("indicator", "value", "unit", "as_of", "qualifier", "area", "series", "citation_source"),
    "targets": ("id", "indicator", "comparator", "value", "upper", "unit", "deadline", "holds_from", "area", "set_by"),
}
"""The columns a results table shows for each kind of record (all are in the DataFrames)."""


def progress(gap: Gap) -> float | None:
    """How far the latest value has come toward the target, from 0 to 1; None without data.

    A met target is 1. Otherwise it is the value as a share of the target
    where higher is better (14.5 of 19 doctors is 0.76), and the target as a
    share of the value where lower is better (a rate of 20 against a target of
    15 is 0.75), kept within 0 and 1; None where a value is zero or negative.
    """
    if gap.observation is None or gap.met is None:
        return None
    if gap.met:
        return 1.0
    value = gap.observation.value
    target = gap.level if gap.level is not None else gap.target.value  # a change target's level, not its change
    if value <= 0 or target <= 0:
        return None
    share = value / target if gap.indicator.direction.sign > 0 else target / value
    return min(1.0, max(0.0, share))


# -- pieces ---------------------------------------------------------------------------


def _escape(value: object) -> str:
    return html.escape(str(value), quote=True)


def _text(value: object) -> str:
    """A value as short plain text (escaped by the caller)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Citation):
        return f"“{value.quote}” ({value.source})"
    if isinstance(value, Role):
        return f"{value.title}, {value.organization} (as of {value.as_of.isoformat()})"
    if isinstance(value, frozenset):
        return ", ".join(sorted(_text(item) for item in value)) or "—"
    if isinstance(value, tuple | list):
        return ", ".join(_text(item) for item in value) if value else "—"
    return str(value)


def _short(text: str) -> str:
    return shorten(text, _MAX_TEXT)


def _cell(content: str, *, head: bool = False, style: str = "") -> str:
    tag = "th" if head else "td"
    return f'<{tag} style="{_HEAD if head else _CELL}{";" + style if style else ""}">{content}</{tag}>'


def _table(caption: str, header: Sequence[str] | None, rows: Iterable[Sequence[str]], footer: str = "") -> str:
    """A table of already escaped cells."""
    parts = [f'<table style="{_TABLE}">', f'<caption style="{_CAPTION}">{caption}</caption>']
    if header is not None:
        parts.append("<thead><tr>" + "".join(_cell(name, head=True) for name in header) + "</tr></thead>")
    parts.append("<tbody>")
    parts.extend("<tr>" + "".join(row) + "</tr>" for row in rows)
    parts.append("</tbody></table>")
    if footer:
        parts.append(f'<div style="{_MUTED};font-size:0.85em">{footer}</div>')
    return "".join(parts)


def progress_bar(gap: Gap) -> str:
    """A bar as wide as the `progress` toward the target, in the colour of the gap's status."""
    share = progress(gap)
    colour = STATUS_COLOURS[gap.status]
    label = _escape(gap.status.value) if share is None else f"{share:.0%} · {_escape(gap.status.value)}"
    width = 0.0 if share is None else share * 100
    return (
        f'<div title="{label}" style="display:flex;align-items:center;gap:6px;min-width:180px">'
        f'<div style="width:120px;height:10px;background:#eee;border-radius:5px;overflow:hidden">'
        f'<div style="width:{width:.1f}%;height:100%;background:{colour}"></div></div>'
        f'<span style="color:{colour};white-space:nowrap">{label}</span></div>'
    )


# -- records --------------------------------------------------------------------------


def record_html(record: Any) -> str:
    """One record as a two-column table of its fields (a source's shipped text by its length)."""
    name = type(record).__name__
    identity = getattr(record, "id", None) or getattr(record, "indicator", "")
    rows = []
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if isinstance(record, Source) and field.name == "text":
            shown = f'<span style="{_MUTED}">not shipped</span>' if value is None else f"{len(value):,} characters"
        elif isinstance(record, Source) and field.name == "url" and value.startswith(("https://", "http://")):
            shown = f'<a href="{_escape(value)}" target="_blank" rel="noopener">{_escape(value)}</a>'
        elif isinstance(value, tuple) and value and isinstance(value[0], Citation | Role):
            shown = "<br>".join(_escape(_short(_text(item))) for item in value)
        else:
            shown = _escape(_short(_text(value)))
        rows.append((_cell(_escape(field.name), head=True), _cell(shown)))
    return _table(f"{_escape(name)} {_escape(identity)}", None, rows)


def results_html(results: Sequence[Any]) -> str:
    """Query results as one table, a row per record; gaps with their progress bars."""
    count = len(results)
    types = {type(record) for record in results}
    kind = KIND_OF_TYPE.get(types.pop()) if len(types) == 1 else None
    noun = kind if kind is not None else "records"
    caption = f"{count:,} {noun}" if count != 1 else f"1 {noun.removesuffix('s')}"
    shown = results[:MAX_ROWS]
    footer = f"… and {count - MAX_ROWS:,} more" if count > MAX_ROWS else ""
    if kind == "gaps":
        header, rows = _gap_rows(shown)
    elif kind is not None:
        columns = [column for column in COLUMNS[kind] if column.name in _SUMMARY[kind]]
        header = [column.name for column in columns]
        rows = [[_cell(_escape(_short(_text(column.get(record))))) for column in columns] for record in shown]
    else:
        header = ["type", "id", "summary"]
        rows = [
            [_cell(_escape(type(record).__name__)), _cell(_escape(_label(record))), _cell(_escape(_summary(record)))]
            for record in shown
        ]
    return _table(_escape(caption), [_escape(name) for name in header], rows, footer)


def _label(record: Any) -> str:
    return str(getattr(record, "id", None) or getattr(record, "indicator", "") or "—")


def _summary(record: Any) -> str:
    for name in ("title", "name", "text"):
        value = getattr(record, name, None)
        if isinstance(value, str) and not (isinstance(record, Source) and name == "text"):
            return _short(value)
    return _short(_text(getattr(record, "value", None)))


def _gap_rows(gaps: Sequence[Gap]) -> tuple[list[str], list[list[str]]]:
    header = ["target", "indicator", "observed", "target value", "deadline", "progress"]
    rows = []
    for gap in gaps:
        observed = gap.observation
        seen = "—" if observed is None else f"{gap.show(observed.value)} ({observed.as_of})"
        goal = gap.wanted
        rows.append(
            [
                _cell(_escape(gap.target.id)),
                _cell(_escape(gap.indicator.name)),
                _cell(_escape(seen)),
                _cell(_escape(goal)),
                _cell(_escape(gap.target.deadline or gap.target.holds_from or "—")),
                _cell(progress_bar(gap)),
            ]
        )
    return header, rows


def gap_html(gap: Gap) -> str:
    """One gap: the target, the latest value, a progress bar toward the target, and the explanation."""
    observed = gap.observation
    rows = [
        ("indicator", _escape(gap.indicator.name)),
        (
            "target",
            _escape(f"{gap.wanted} (set by {gap.target.set_by})"),
        ),
        (
            "latest value",
            "—" if observed is None else _escape(f"{gap.show(observed.value)} for {observed.as_of}"),
        ),
        ("progress", progress_bar(gap)),
        ("years left", "—" if gap.years_left is None else _escape(f"{gap.years_left:.1f}")),
    ]
    table = _table(
        f"Gap of {_escape(gap.target.id)}", None, [(_cell(name, head=True), _cell(value)) for name, value in rows]
    )
    return table + f'<p style="max-width:60em;font-size:0.9em">{_escape(gap.explain())}</p>'


def dataset_html(data: Records) -> str:
    """A dataset as a table of how many records of each kind it holds."""
    rows = [(_cell(_escape(kind)), _cell(f"{len(getattr(data, kind)):,}", style="text-align:right")) for kind in KINDS]
    rows.append((_cell("total", head=True), _cell(f"{len(data):,}", head=True, style="text-align:right")))
    return _table(_escape(type(data).__name__), ["records", "count"], rows)


def render(value: object) -> str:
    """Any vnhealth value as HTML: a dataset, query results, a gap or a record."""
    if isinstance(value, Records):
        return dataset_html(value)
    if isinstance(value, Gap):
        return gap_html(value)
    if isinstance(value, tuple):
        return results_html(value)
    return record_html(value)


# Records, gaps, results and datasets render through this (see `vnhealth._display`).
register_html(render)
