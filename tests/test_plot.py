"""Charts: rendered to PNG with Agg, and checked to hold what they should."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import vnhealth
from test_frames import sample
from vnhealth import Status
from vnhealth._html import STATUS_COLOURS

# Optional extras: the core-only CI run (.ci/matrix.sh) has none of them and deselects `-m extras`.
try:
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.dates as mdates
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgb
    from matplotlib.figure import Figure
    from matplotlib.image import imread
    from matplotlib.text import Text

    from vnhealth import plot as vplot
except ImportError:
    pass

pytestmark = pytest.mark.extras

PNG = b"\x89PNG\r\n\x1a\n"


def render(figure: Figure, path: Path) -> np.ndarray:
    figure.savefig(path, dpi=80)
    assert path.read_bytes()[:8] == PNG
    assert path.stat().st_size > 8_000
    pixels = imread(path)[..., :3]
    assert pixels.shape[0] > 150
    assert pixels.shape[1] > 400
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 20  # not blank
    return pixels


def has_colour(pixels: np.ndarray, colour: str) -> bool:
    return bool(np.any(np.all(np.abs(pixels - np.array(to_rgb(colour))) < 0.02, axis=-1)))


def texts(figure: Figure) -> str:
    return "\n".join(text.get_text() for text in figure.findobj(lambda artist: hasattr(artist, "get_text")))


def test_progress_draws_every_target_in_its_status_colour(tmp_path: Path) -> None:
    figure = vplot.progress(dataset=sample())
    pixels = render(figure, tmp_path / "progress.png")
    for status in (Status.MET, Status.ON_TRACK, Status.OFF_TRACK):
        assert has_colour(pixels, STATUS_COLOURS[status]), status
    assert not has_colour(pixels, STATUS_COLOURS[Status.OVERDUE])
    words = texts(figure)
    data = sample()
    for target in data.targets:
        # Rows are named by the indicator and the instrument's number, not by ids cut short.
        assert f"{data.indicator(target.indicator).name} · {data.resolution(target.set_by).number}" in words
    assert "14.5 per 10,000 people (2024) / ≥ 19 per 10,000 people by 2030" in words
    assert "no value yet / < 15% by 2030-12-31" in words
    assert "Progress toward 4 targets at the latest data" in words
    (axes,) = figure.axes
    widths = [patch.get_width() for patch in axes.patches]
    assert widths == pytest.approx([14.5 / 19 * 100, 14.5 / 30 * 100, 100, 0])


def test_progress_of_given_gaps_at_a_date_into_given_axes(tmp_path: Path) -> None:
    data = sample()
    gaps = data.gaps(as_of="2023-01-01")
    outer = Figure(figsize=(12, 4))
    left, right = outer.subplots(1, 2)
    assert vplot.progress(gaps, ax=left) is outer
    assert vplot.progress(as_of="2026-06-30", dataset=data, ax=right) is outer
    assert "at 2023-01-01" in texts(outer)
    assert "at 2026-06-30" in texts(outer)
    render(outer, tmp_path / "two.png")
    with pytest.raises(ValueError, match="not both"):
        vplot.progress(gaps, as_of="2024")


def test_progress_of_nothing_says_so(tmp_path: Path) -> None:
    figure = vplot.progress([])
    assert "no targets" in texts(figure)
    assert "Progress toward 0 targets" in texts(figure)
    figure.savefig(tmp_path / "empty.png")
    assert "1 target at" in texts(vplot.progress(sample().gaps()[:1]))


def test_history_draws_observations_and_targets(tmp_path: Path) -> None:
    figure = vplot.history("doctors_per_10k", dataset=sample())
    pixels = render(figure, tmp_path / "history.png")
    assert has_colour(pixels, STATUS_COLOURS[Status.ON_TRACK])
    assert has_colour(pixels, STATUS_COLOURS[Status.OFF_TRACK])
    words = texts(figure)
    assert "Doctors per 10,000 people" in words
    assert "per 10,000 people" in words
    assert "≥ 19 by 2030 · on track\nset by 72-NQ/TW" in words
    (axes,) = figure.axes
    line = axes.get_lines()[0]
    # The 2020 value, 1.0 per 1,000, drawn as 10 per 10,000.
    assert list(line.get_ydata()) == pytest.approx([10, 14.5])
    # A target "by 2030" stands on 2030, at the middle of its year as the observations do, not on 2031.
    stars = [collection.get_offsets()[0][0] for collection in axes.collections]
    assert any(abs(x - mdates.date2num(dt.date(2030, 7, 2))) < 1 for x in stars)


def _drawn(figure: Figure) -> object:
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def _boxes(figure: Figure, artists: list) -> list:  # type: ignore[type-arg]
    renderer = _drawn(figure)
    return [artist.get_window_extent(renderer) for artist in artists]


def test_the_labels_of_targets_do_not_overlap() -> None:
    figure = vplot.history("life_expectancy")  # four targets close together, on the bundled data
    (axes,) = figure.axes
    labels = [text for text in axes.texts if "set by" in text.get_text()]
    assert len(labels) >= 3
    renderer = _drawn(figure)
    # The words only: an annotation's own extent takes in the leader line to its star.
    boxes = [Text.get_window_extent(label, renderer) for label in labels]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            assert not first.overlaps(second)


def test_the_title_and_the_legend_stand_apart() -> None:
    figure = vplot.progress()
    (axes, *_) = figure.axes
    title, legend = _boxes(figure, [axes.title, axes.get_legend()])
    assert not title.overlaps(legend)
    assert title.y0 >= legend.y1 - 1


def test_nothing_is_clipped_when_saved(tmp_path: Path) -> None:
    figure = vplot.progress()
    drawn = figure.get_tightbbox(_drawn(figure))
    figure.savefig(tmp_path / "progress.png", dpi=50)
    height, width = imread(tmp_path / "progress.png").shape[:2]
    # Cropped to what is drawn (bbox_inches="tight" by default), right-hand labels included.
    assert width == pytest.approx(drawn.width * 50, abs=20)
    assert height == pytest.approx(drawn.height * 50, abs=20)
    assert "≤ 18.5 per 1,000 live births by 2025" in texts(figure)


def test_gaps_of_another_dataset_are_named_by_their_instruments_ids() -> None:
    gaps = sample().gaps()
    figure = vplot.progress(gaps, dataset=vnhealth.Dataset())  # a dataset that knows none of the instruments
    words = texts(figure)
    assert all(f"· {gap.target.set_by}" in words for gap in gaps)


def test_progress_can_leave_out_targets_without_data() -> None:
    every = vplot.progress()
    some = vplot.progress(include_no_data=False)
    no_data = [gap for gap in vnhealth.gaps() if gap.status is Status.NO_DATA]
    assert no_data
    assert f"Progress toward {len(vnhealth.gaps()) - len(no_data)} targets" in texts(some)
    assert "no data" in texts(every)
    assert "no data\n" not in texts(some).replace("no data\nno data", "")  # only a legend could say it; it does not


def test_history_of_a_met_target_and_of_an_indicator_without_values(tmp_path: Path) -> None:
    data = sample()
    met = vplot.history(data.indicator("insurance_coverage"), dataset=data)
    assert "met" in texts(met)
    assert len(met.axes[0].get_lines()) == 1  # no way to go for a met target
    render(met, tmp_path / "met.png")
    empty = vplot.history("stunting", dataset=data)
    assert texts(empty).count("no data") == 1  # the target's status
    assert "no observation yet" in texts(empty)  # and the chart says why there is no line
    assert "< 15 by 2030-12-31 · no data" in texts(empty)
    bare = vplot.history("stunting", dataset=vnhealth.Dataset(indicators=data.indicators))
    assert texts(bare).count("no data") == 1
    assert "by 2030" not in texts(bare)
    render(bare, tmp_path / "bare.png")


def test_the_bundled_data_charts(tmp_path: Path) -> None:
    data = vnhealth.load()
    render(vplot.progress(), tmp_path / "bundled.png")
    observed = next(gap.indicator for gap in data.gaps() if gap.trend_per_year is not None)
    render(vplot.history(observed.id), tmp_path / "bundled-history.png")


def test_importing_the_charts_without_matplotlib_names_the_extra() -> None:
    code = """
import sys
sys.modules["matplotlib"] = None
import vnhealth
try:
    import vnhealth.plot
except vnhealth.MissingExtra as error:
    assert isinstance(error, ImportError)
    print(error)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert 'pip install "vnhealth[plot]"' in done.stdout


def test_a_chart_shows_itself_in_a_notebook_without_pyplot() -> None:
    figure = vplot.history("doctors_per_10k", dataset=sample())
    assert isinstance(figure, vplot.Chart)
    assert figure._repr_png_()[:8] == PNG
