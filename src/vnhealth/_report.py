"""Plain-text tables for people: aligned columns, no dependencies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from vnhealth._gaps import Gap

__all__ = ["gap_table", "table"]


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Align ``rows`` under ``header`` in columns separated by two spaces."""
    body = [list(map(str, row)) for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *body, strict=False)]
    lines = [header, ["-" * width for width in widths], *body]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False)).rstrip() for line in lines
    )


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def gap_table(gaps: Iterable[Gap]) -> str:
    """One line per target: indicator, target, latest value and when, difference, status."""
    rows = []
    for gap in gaps:
        target, observation = gap.target, gap.observation
        rows.append(
            [
                target.set_by,
                target.indicator,
                f"{target.comparator.symbol} {_number(target.value)} by {target.deadline}",
                _number(observation.value) if observation else "-",
                str(observation.as_of) if observation else "-",
                _number(gap.difference),
                gap.status.value,
            ]
        )
    return table(["set by", "indicator", "target", "latest", "as of", "difference", "status"], rows)
