"""Plain-text tables and reports for people: aligned columns, no dependencies.

The command line prints these; a script that wants the records asks for
``--json`` instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from vnhealth._errors import Problem
from vnhealth._format import number
from vnhealth._gaps import Gap
from vnhealth._model import Directive, Observation, Official, Resolution, Source, Target

__all__ = [
    "describe",
    "directives_table",
    "gap_table",
    "kind_of",
    "officials_table",
    "problems_report",
    "resolution_report",
    "search_table",
    "table",
    "targets_table",
]


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Align ``rows`` under ``header`` in columns separated by two spaces.

    >>> print(table(["id", "name"], [["to-lam", "Tô Lâm"]]))
    id      name
    ------  ------
    to-lam  Tô Lâm
    """
    body = [list(map(str, row)) for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *body, strict=False)]
    lines = [header, ["-" * width for width in widths], *body]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)).rstrip() for line in lines
    )


def gap_table(gaps: Iterable[Gap]) -> str:
    """One line per target: indicator, target, latest value and when, difference, status."""
    rows = []
    for gap in gaps:
        target, observation = gap.target, gap.observation
        rows.append(
            [
                target.set_by,
                target.indicator,
                gap.wanted,
                gap.show(observation.value, unit=False) if observation else "-",
                str(observation.as_of) if observation else "-",
                gap.show(gap.difference, unit=False),
                gap.status.value,
            ]
        )
    return table(["set by", "indicator", "target", "latest", "as of", "difference", "status"], rows)


def officials_table(officials: Iterable[Official]) -> str:
    """One line per official: id, name, and the most recent title a source attests (and its date)."""
    rows = []
    for official in officials:
        latest = max((role.as_of for role in official.roles), default=None)
        title = official.title_on(latest) if latest is not None else None
        rows.append([official.id, official.name, title or "-", str(latest) if latest else "-"])
    return table(["id", "name", "latest title", "as of"], rows)


def directives_table(directives: Iterable[Directive]) -> str:
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
    return table(["issued on", "#", "id", "themes", "directive"], rows)


def targets_table(targets: Iterable[Target]) -> str:
    """One line per target: id, indicator, comparator, value and deadline."""
    rows = [
        [
            target.id,
            target.indicator,
            f"{target.comparator.symbol} {number(target.value)} {target.unit.label}".rstrip(),
            _due(target),
        ]
        for target in targets
    ]
    return table(["id", "indicator", "target", "by"], rows)


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


def search_table(records: Iterable[object]) -> str:
    """One line per record found: its kind, key and what it says."""
    return table(["kind", "id", "text"], ([kind_of(record), *describe(record)] for record in records))


def problems_report(problems: Sequence[Problem]) -> str:
    """Every problem on its own line, ``file: path: message``."""
    return "\n".join(map(str, problems))
