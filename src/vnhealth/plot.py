"""Charts of the targets: progress of every target in one figure, and one indicator's history.

Needs the ``plot`` extra (matplotlib): ``pip install "vnhealth[plot]"``.
Each function returns a `matplotlib.figure.Figure` made without pyplot, so
nothing is left open in pyplot's global state: a notebook shows the figure,
and ``figure.savefig("chart.png")`` writes it. Pass ``ax=`` to draw into an
axes of your own figure instead.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from vnhealth._errors import MissingExtra
from vnhealth._format import shorten

try:
    import numpy as np
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
except ImportError as error:
    raise MissingExtra("vnhealth.plot", "plot") from error

from vnhealth._bundled import bundled
from vnhealth._dataset import Dataset
from vnhealth._dates import DateLike, Period
from vnhealth._gaps import Gap, Status
from vnhealth._html import STATUS_COLOURS
from vnhealth._html import progress as progress_of
from vnhealth._model import Indicator, Target
from vnhealth._units import Unit

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["STATUS_COLOURS", "Chart", "history", "progress"]

_LABEL_WIDTH = 42


class Chart(Figure):
    """A matplotlib `Figure` that shows itself in a notebook, with or without pyplot's inline backend."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()


def progress(
    gaps: Iterable[Gap] | None = None,
    *,
    as_of: DateLike | None = None,
    dataset: Dataset | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Every target in one chart: a bar per target, as far as its indicator has come toward it.

    A bar's length is the progress toward the target (100% at the target;
    see `vnhealth._html.progress`) and its colour the status: met, on track,
    off track, overdue, no trend. Beside each bar is the observed value
    against the target. ``gaps`` defaults to every gap of ``dataset`` (the
    bundled data by default) at ``as_of`` (the latest data by default).
    """
    if gaps is None:
        gaps = _data(dataset).gaps(as_of=as_of)
    elif as_of is not None:
        msg = "give either gaps or as_of (the date to compute the gaps at), not both"
        raise ValueError(msg)
    shown = list(gaps)
    figure, axes = _canvas(ax, (10, max(2.5, 0.42 * len(shown) + 1.6)))
    rows = range(len(shown))
    shares = [progress_of(gap) for gap in shown]
    axes.barh(
        rows,
        [0.0 if share is None else share * 100 for share in shares],
        color=[STATUS_COLOURS[gap.status] for gap in shown],
        height=0.6,
    )
    for row, (gap, share) in enumerate(zip(shown, shares, strict=True)):
        if share is None:
            axes.text(1, row, "no data", va="center", fontsize=8, color=STATUS_COLOURS[Status.NO_DATA])
        axes.text(103, row, _against(gap), va="center", fontsize=8)
    axes.axvline(100, color="#424242", linestyle="--", linewidth=1)
    axes.set_yticks(list(rows), [_shorten(gap.target.id) for gap in shown], fontsize=8)
    axes.set_ylim(max(len(shown), 1) - 0.5, -0.5)  # the first target on top
    axes.set_xlim(0, 185)
    axes.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "target"])
    axes.spines[["top", "right"]].set_visible(False)
    statuses = [status for status in Status if any(gap.status is status for gap in shown)]
    if statuses:
        handles = [Patch(color=STATUS_COLOURS[status], label=status.value) for status in statuses]
        # Above the bars, right of the title, where it cannot cover a row.
        axes.legend(
            handles=handles,
            loc="lower right",
            bbox_to_anchor=(1, 1),
            ncols=len(handles),
            fontsize=8,
            frameon=False,
            handlelength=1,
        )
    else:
        axes.text(50, 0, "no targets", ha="center", va="center", color=STATUS_COLOURS[Status.NO_DATA])
    when = {gap.as_of for gap in shown if gap.as_of is not None}
    at = f" at {when.pop().isoformat()}" if len(when) == 1 else " at the latest data"
    axes.set_title(f"Progress toward {len(shown)} target{'s' if len(shown) != 1 else ''}{at}", loc="left")
    return figure


def history(indicator: str | Indicator, *, dataset: Dataset | None = None, ax: Axes | None = None) -> Figure:
    """One indicator over time: its observations, and its targets at their deadlines.

    Values are in the indicator's unit. An observation is drawn at the middle
    of its period (a value for 2024 at mid-2024); a target at the last day of
    its deadline, as a star in the colour of its status, with a dotted line
    from the latest value showing the way it has to go.
    """
    data = _data(dataset)
    found = data.indicator(indicator)
    unit = found.unit
    figure, axes = _canvas(ax, (9, 4.5))
    observed = data.observations_of(found)
    when = _days([_middle(observation.as_of) for observation in observed])
    values = [observation.unit.convert(observation.value, unit) for observation in observed]
    if observed:
        axes.plot(when, values, marker="o", color="#37474f", label="observed")
        axes.annotate(
            f"{values[-1]:,.4g}", (when[-1], values[-1]), textcoords="offset points", xytext=(4, 6), fontsize=8
        )
    for target in data.targets_where(indicator=found):
        gap = data.indicator_gap(target)
        due = target.deadline.end if target.deadline is not None else _attr_start(target.holds_from)
        level = gap.level if gap.level is not None else (None if target.change_from is not None else target.value)
        if due is None or level is None:
            continue  # no date to place it at (no deadline), or no level known (a change with no baseline)
        deadline = _days([due])
        value = target.unit.convert(level, unit)
        colour = STATUS_COLOURS[gap.status]
        axes.scatter(deadline, [value], marker="*", s=220, color=colour, zorder=3, edgecolors="white")
        if observed and not gap.met:
            # The way still to go, from the latest value to the target.
            axes.plot(np.concatenate([when[-1:], deadline]), [values[-1], value], linestyle=":", color=colour)
        axes.annotate(
            f"{target.comparator.symbol} {value:,.4g} {_due_words(target)} · {gap.status.value}\n"
            f"set by {_shorten(target.set_by, 28)}",
            (deadline[0], value),
            textcoords="offset points",
            xytext=(6, -4),
            fontsize=8,
            color=colour,
        )
    if not observed and not data.targets_where(indicator=found):
        axes.text(0.5, 0.5, "no data", ha="center", va="center", transform=axes.transAxes)
    axes.set_title(found.name, loc="left")
    axes.set_ylabel(unit.label or unit.value)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(x=0.25, y=0.2)
    axes.grid(axis="y", color="#eeeeee")
    if observed:
        axes.legend(loc="upper left", fontsize=8, frameon=False)
    return figure


def _data(dataset: Dataset | None) -> Dataset:
    # The charts' documented default: the bundled data, asked for here in the open.
    return dataset if dataset is not None else bundled()


def _canvas(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        figure = ax.get_figure(root=True)
        if figure is None:  # pragma: no cover - an Axes is always made in a figure
            msg = "the axes given belong to no figure"
            raise ValueError(msg)
        return figure, ax
    figure = Chart(figsize=size, layout="constrained")
    return figure, figure.add_subplot()


def _due_words(target: Target) -> str:
    if target.deadline is not None:
        return f"by {target.deadline}"
    return f"from {target.holds_from} on" if target.holds_from is not None else "(no stated deadline)"


def _attr_start(period: Period | None) -> dt.date | None:
    return period.start if period is not None else None


def _against(gap: Gap) -> str:
    target = f"{gap.target.comparator.symbol} {_amount(gap.target.value, gap.target.unit)} {_due_words(gap.target)}"
    if gap.observation is None:
        return f"no value yet / {target}"
    return f"{_amount(gap.observation.value, gap.target.unit)} ({gap.observation.as_of}) / {target}"


def _amount(value: float, unit: Unit) -> str:
    label = unit.label
    return f"{value:,.4g}{label}" if label in {"%", ""} else f"{value:,.4g} {label}"


def _shorten(text: str, width: int = _LABEL_WIDTH) -> str:
    return shorten(text, width)


def _day(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, day.day)


def _days(days: Iterable[dt.date]) -> np.ndarray[tuple[int], np.dtype[np.datetime64]]:
    """Dates as numpy days, which matplotlib draws on a date axis."""
    return np.array([day.isoformat() for day in days], dtype="datetime64[D]")


def _middle(period: Period) -> dt.date:
    start, end = _day(period.start), _day(period.end)
    return start + (end - start) / 2
