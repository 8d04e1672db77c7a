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
from typing import TYPE_CHECKING, Any

from vnhealth._errors import MissingExtra, NotFound
from vnhealth._format import shorten

try:
    import numpy as np
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
except ImportError as error:
    raise MissingExtra("vnhealth.plot", "plot") from error

from vnhealth._bundled import bundled
from vnhealth._dataset import Dataset
from vnhealth._dates import Period
from vnhealth._gaps import Gap, Status
from vnhealth._html import STATUS_COLOURS
from vnhealth._html import progress as progress_of
from vnhealth._lenient import Moment
from vnhealth._model import Indicator, Target
from vnhealth._units import Unit

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["STATUS_COLOURS", "Chart", "history", "progress"]

_LABEL_WIDTH = 38
_FONT = 8
# A label of two lines at the font size, as a share of an axes 3.3 inches high: the least room between two labels.
_LABEL_ROOM = 0.12


class Chart(Figure):
    """A matplotlib `Figure` that shows itself in a notebook, with or without pyplot's inline backend.

    ``savefig`` crops to what is drawn (``bbox_inches="tight"``) unless told
    otherwise, so that labels outside the axes are never cut off.
    """

    def savefig(self, fname: Any, *args: Any, **kwargs: Any) -> None:
        """`Figure.savefig`, cropped to what is drawn by default (``bbox_inches="tight"``)."""
        kwargs.setdefault("bbox_inches", "tight")
        super().savefig(fname, *args, **kwargs)

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png")
        return buffer.getvalue()


def progress(
    gaps: Iterable[Gap] | None = None,
    *,
    as_of: Moment | None = None,
    dataset: Dataset | None = None,
    ax: Axes | None = None,
    include_no_data: bool = True,
) -> Figure:
    """Every target in one chart: a bar per target, as far as its indicator has come toward it.

    A bar's length is the progress toward the target (100% at the target;
    see `vnhealth._html.progress`) and its colour the status: met, on track,
    off track, overdue, no trend. Each row is named by its indicator and the
    instrument that set the target; beside each bar is the observed value
    against the target. ``gaps`` defaults to every gap of ``dataset`` (the
    bundled data by default) at ``as_of`` (the latest data by default);
    ``include_no_data=False`` leaves out the targets with no value yet.
    """
    data = _data(dataset)
    if gaps is None:
        gaps = data.gaps(as_of=as_of)
    elif as_of is not None:
        msg = "give either gaps or as_of (the date to compute the gaps at), not both"
        raise ValueError(msg)
    shown = [gap for gap in gaps if include_no_data or gap.status is not Status.NO_DATA]
    figure, axes = _canvas(ax, (12, max(2.5, 0.36 * len(shown) + 1.4)))
    rows = list(range(len(shown)))
    shares = [progress_of(gap) for gap in shown]
    axes.barh(
        rows,
        [0.0 if share is None else share * 100 for share in shares],
        color=[STATUS_COLOURS[gap.status] for gap in shown],
        height=0.6,
    )
    for row, share in enumerate(shares):
        if share is None:
            axes.text(1, row, "no data", va="center", fontsize=_FONT, color="#757575")
    axes.axvline(100, color="#424242", linestyle="--", linewidth=1)
    # Row names on the left, and the values on the right as the labels of a second axis: the layout makes room
    # for tick labels, so neither side is ever clipped.
    axes.set_yticks(rows, [_row_name(gap, data) for gap in shown], fontsize=_FONT)
    axes.set_ylim(max(len(shown), 1) - 0.5, -0.5)  # the first target on top
    values = axes.secondary_yaxis("right")
    values.set_yticks(rows, [_against(gap) for gap in shown], fontsize=_FONT)
    values.tick_params(length=0)
    values.spines["right"].set_visible(False)
    axes.set_xlim(0, 104)
    axes.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "target"])
    axes.spines[["top", "right"]].set_visible(False)
    statuses = [status for status in Status if any(gap.status is status for gap in shown)]
    when = {gap.as_of for gap in shown if gap.as_of is not None}
    at = f" at {when.pop().isoformat()}" if len(when) == 1 else " at the latest data"
    # The legend sits on the top edge of the axes and the title above it: apart, whatever the width.
    axes.set_title(
        f"Progress toward {len(shown)} target{'s' if len(shown) != 1 else ''}{at}",
        loc="left",
        pad=22 if statuses else 6,
    )
    if statuses:
        handles = [Patch(color=STATUS_COLOURS[status], label=status.value) for status in statuses]
        axes.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0, 1),
            ncols=len(handles),
            fontsize=_FONT,
            frameon=False,
            handlelength=1,
            borderaxespad=0.2,
        )
    else:
        axes.text(50, 0, "no targets", ha="center", va="center", color="#757575")
    return figure


def history(indicator: str | Indicator, *, dataset: Dataset | None = None, ax: Axes | None = None) -> Figure:
    """One indicator over time: its observations, and its targets at their deadlines.

    Values are in the indicator's unit. An observation is drawn at the middle
    of its period (a value for 2024 at mid-2024), and so is a target's
    deadline (a target "by 2030" at mid-2030, on the 2030 of the axis), as a
    star in the colour of its status, with a dotted line from the latest
    value showing the way it has to go. The targets' labels stand in a column
    right of the chart, in the order of their values, each joined to its
    star, so that none covers another or a line. With no observation, the
    chart says so.
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
            f"{values[-1]:,.4g}",
            (when[-1], values[-1]),
            textcoords="offset points",
            xytext=(-4, 8),
            fontsize=_FONT,
            ha="right",
        )
    targets = data.targets_where(indicator=found)
    labels: list[tuple[float, np.datetime64, str, str]] = []
    for target in targets:
        gap = data.indicator_gap(target)
        due = _middle(target.deadline) if target.deadline is not None else _attr_start(target.holds_from)
        level = gap.level if gap.level is not None else (None if target.change_from is not None else target.value)
        if due is None or level is None:
            continue  # no date to place it at (no deadline), or no level known (a change with no baseline)
        deadline = _days([due])
        value = target.unit.convert(level, unit)
        colour = STATUS_COLOURS[gap.status]
        ink = "#616161" if gap.status is Status.NO_DATA else colour  # the pale grey of "no data" is too faint for text
        axes.scatter(deadline, [value], marker="*", s=220, color=colour, zorder=3, edgecolors="white")
        if observed and not gap.met:
            # The way still to go, from the latest value to the target.
            axes.plot(np.concatenate([when[-1:], deadline]), [values[-1], value], linestyle=":", color=colour)
        text = (
            f"{target.comparator.symbol} {value:,.4g} {_due_words(target)} · {gap.status.value}\n"
            f"set by {_instrument(target.set_by, data, 30)}"
        )
        labels.append((value, deadline[0], text, ink))
    axes.set_title(found.name, loc="left")
    axes.set_ylabel(unit.label or unit.value)
    axes.spines[["top", "right"]].set_visible(False)
    axes.margins(x=0.06, y=0.15)
    axes.grid(axis="y", color="#eeeeee")
    if not observed:
        message = "no observation yet" if targets else "no data"
        axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes, fontsize=11, color="#757575")
    if observed:
        axes.legend(loc="upper left", fontsize=_FONT, frameon=False)
    _label_column(axes, labels)
    return figure


def _label_column(axes: Axes, labels: list[tuple[float, np.datetime64, str, str]]) -> None:
    """Each target's label right of the axes at its value's height, moved apart so that none overlaps another."""
    if not labels:
        return
    axes.autoscale_view()
    low, high = axes.get_ylim()
    room = (high - low) * _LABEL_ROOM
    placed: list[float] = []
    for value, _, _, _ in sorted(labels, key=lambda label: label[0]):
        placed.append(max(value, placed[-1] + room) if placed else value)
    # Pushed above the top: shift the column down, keeping the spacing.
    overflow = placed[-1] - (high - room / 2)
    if overflow > 0:
        placed = [max(low + room / 2, height - overflow) for height in placed]
    for (value, day, text, colour), height in zip(sorted(labels, key=lambda label: label[0]), placed, strict=True):
        axes.annotate(
            text,
            (day, value),
            xytext=(1.02, height),
            textcoords=("axes fraction", "data"),
            fontsize=_FONT,
            color=colour,
            va="center",
            annotation_clip=False,
            # A faint grey leader, so that it does not read as a line of data.
            arrowprops={"arrowstyle": "-", "color": "#bdbdbd", "linewidth": 0.5, "shrinkA": 2, "shrinkB": 7},
        )
    axes.set_ylim(low, high)


def _row_name(gap: Gap, data: Dataset) -> str:
    """A row of the progress chart: the indicator's name and the instrument that set the target."""
    return f"{shorten(gap.indicator.name, _LABEL_WIDTH)} · {_instrument(gap.target.set_by, data, 22)}"


def _instrument(resolution_id: str, data: Dataset, width: int) -> str:
    """An instrument as people name it: its number, or its title (shortened) when it has none."""
    try:
        resolution = data.resolution(resolution_id)
    except NotFound:  # gaps of another dataset: the id is all there is
        return shorten(resolution_id, width)
    return str(resolution.number) if resolution.number is not None else shorten(resolution.title, width)


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


def _day(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, day.day)


def _days(days: Iterable[dt.date]) -> np.ndarray[tuple[int], np.dtype[np.datetime64]]:
    """Dates as numpy days, which matplotlib draws on a date axis."""
    return np.array([day.isoformat() for day in days], dtype="datetime64[D]")


def _middle(period: Period) -> dt.date:
    start, end = _day(period.start), _day(period.end)
    return start + (end - start) / 2
