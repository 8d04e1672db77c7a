"""The parts of loading below the loader: the decode hook, converter transparency, the file rule, conflicts."""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path

import attrs
import pendulum
import pytest

from vnhealth import Citation, DocumentNumber, Observation, Period, Unit, _decode, _files
from vnhealth._conflicts import find_conflicts
from vnhealth._decode import make_hook, shape_of


def test_the_hook_reads_what_json_and_toml_hold() -> None:
    hook = make_hook()
    assert hook(pendulum.Date, "2025-02-24") == pendulum.Date(2025, 2, 24)
    assert type(hook(pendulum.Date, dt.date(2025, 2, 24))) is pendulum.Date  # TOML's own dates
    assert hook(Period, "2024-05") == Period(year=2024, month=5)
    assert hook(Period, 2024) == Period(year=2024)  # a bare TOML year
    assert hook(Period, dt.date(2024, 5, 1)) == Period(year=2024, month=5, day=1)
    assert hook(DocumentNumber, "72-NQ/TW") == DocumentNumber.parse("72-NQ/TW")
    number = DocumentNumber.parse("282/NQ-CP")
    assert hook(DocumentNumber, number) is number  # built when the file was decoded: handed on
    for kind, value in ((pendulum.Date, 5), (Period, True), (Period, 1.5), (DocumentNumber, 72)):
        with pytest.raises(TypeError):
            hook(kind, value)


def test_the_hook_shares_repeated_values_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    hook = make_hook()
    assert hook(pendulum.Date, "2025-02-24") is hook(pendulum.Date, "2025-02-24")
    assert hook(Period, "2024") is hook(Period, "2024")
    monkeypatch.setattr(_decode, "_CACHE_LIMIT", 1)
    bounded = make_hook()
    for day in ("2025-02-24", "2025-02-25", "2025-02-24"):
        assert str(bounded(pendulum.Date, day)) == day
    for year in ("2023", "2024", 2025):
        assert str(bounded(Period, year)) == str(year)


def test_converters_that_hand_values_back_unchanged_are_transparent() -> None:
    assert _decode._transparent(None, str)
    assert _decode._transparent(float, float)
    assert _decode._transparent(Unit, Unit)
    assert not _decode._transparent(attrs.converters.optional(float), float | None)  # not known to keep its type
    assert not _decode._transparent(str.strip, str)  # "x" comes back itself; " x" would not
    assert not _decode._transparent(str.upper, str)
    assert not _decode._transparent(int, float)  # 1.5 becomes 1
    assert not _decode._transparent(lambda _: 1 / 0, int)
    assert not _decode._transparent(lambda value: value, complex)  # a type with no decoded sample


def test_shapes_keep_defaults_factories_and_extra_fields() -> None:
    @attrs.frozen(kw_only=True)
    class Note:
        text: str
        tags: tuple[str, ...] = attrs.field(factory=tuple)
        cited: Citation | None = None

    shapes = shape_of((Note,), extra_fields={Note: {"text_file": str | None}})
    assert set(shapes.shapes) == {Note, Citation}
    assert shapes.direct == frozenset({Note, Citation})
    shape = shapes.shapes[Note]
    made = shape(text="x")
    assert (made.tags, made.cited, made.text_file) == ((), None, None)


def test_a_file_too_large_or_of_the_wrong_kind_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    assert _files.read_bytes(big, limit=2048) == b"x" * 2048
    with pytest.raises(_files.Unreadable, match="larger than"):
        _files.read_bytes(big, limit=1024)
    with pytest.raises(_files.Unreadable, match=r"not a regular file \(a folder\)"):
        _files.read_bytes(tmp_path, limit=1024)
    with pytest.raises(_files.Unreadable, match="no such file"):
        _files.read_bytes(tmp_path / "missing.txt", limit=1024)
    with pytest.raises(_files.Unreadable, match="data folder cannot be resolved"):
        _files.read_bytes(big, limit=4096, inside=tmp_path / "missing")


def test_os_errors_are_said_in_words() -> None:
    assert _files.reason(PermissionError(errno.EACCES, "Permission denied")) == "permission denied"
    assert _files.reason(OSError(errno.ENAMETOOLONG, "File name too long")) == "the path is too long"
    assert _files.reason(OSError(errno.ELOOP, "Too many levels")) == "a loop of links"
    assert _files.reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"


def _observation(value: float, unit: str = "per_10k_people", as_of: str = "2024") -> Observation:
    return Observation(
        indicator="doctors_per_10k",
        value=value,
        unit=unit,
        as_of=as_of,
        citation=Citation(source="s", quote=f"{value}"),
    )


def test_conflicts_compare_values_in_one_unit() -> None:
    same = [_observation(15.0), _observation(1.5, unit="per_1k_people")]
    assert find_conflicts(same) == ()
    different = [_observation(15.0), _observation(14.0), _observation(9.0, as_of="2023")]
    (conflict,) = find_conflicts(different)
    assert (conflict.indicator, str(conflict.period), conflict.values) == ("doctors_per_10k", "2024", (15.0, 14.0))
    incomparable = [_observation(15.0), _observation(15.0, unit="percent")]
    assert len(find_conflicts(incomparable)) == 1
