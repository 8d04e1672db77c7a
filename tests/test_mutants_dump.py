"""Tests written to kill the mutants of the writing side of the loader (`dump`) that mutation testing found alive.

Each test pins a behaviour the other dump tests left open: the exact words of a
refusal, a folder made with its parents, a temporary that lies beside its
target, a failure while the temporary is written, a umask read without being
changed, and JSON files a person can read and compare.
"""

from __future__ import annotations

import difflib
import errno
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import vnhealth
from _documents import small_document
from vnhealth import Dataset, WriteError
from vnhealth._records import KINDS

# -- helpers ----------------------------------------------------------------------------------------


def _document(outlet: str = "O") -> dict[str, Any]:
    """A small dataset in ASCII alone, so that JSON writes it the same with and without escapes."""
    return small_document(name="Nguyen Van A", outlet=outlet)


def _small(folder: Path, outlet: str = "O") -> Dataset:
    # json.dumps escapes a lone surrogate as "\ud800", which load reads back as that character.
    path = folder / f"in-{len(outlet)}.json"
    path.write_text(json.dumps(_document(outlet)), encoding="utf-8")
    data = vnhealth.load(path)
    path.unlink()
    return data


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _message(call: Any) -> str:
    with pytest.raises(WriteError) as raised:
        call()
    return str(raised.value)


# -- where dump writes ------------------------------------------------------------------------------


def test_a_folder_is_made_with_its_missing_parents(tmp_path: Path) -> None:
    data = _small(tmp_path)
    folder = tmp_path / "not" / "yet" / "there"
    data.dump(folder)
    assert sorted(path.name for path in folder.iterdir()) == sorted(f"{kind}.toml" for kind in KINDS)
    assert vnhealth.load(folder) == data


def test_a_folder_can_be_dumped_again_and_may_hold_files_that_are_not_data(tmp_path: Path) -> None:
    data = _small(tmp_path)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes", encoding="utf-8")
    data.dump(folder)
    # The second dump replaces its own files: they are not "other data files".
    data.dump(folder, format="toml")
    assert vnhealth.load(folder) == data
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "my notes"


def test_a_folder_holding_other_data_files_is_refused_with_the_first_three_named(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("d.toml", "c.json", "b.toml", "a.json"):
        (folder / name).write_text("", encoding="utf-8")
    message = _message(lambda: _small(tmp_path).dump(folder))
    assert message == (
        f"cannot write into {str(folder)!r}: it holds other data files (a.json, b.toml, c.json) "
        "that load would read too; choose an empty folder"
    )
    assert sorted(path.name for path in folder.iterdir()) == ["a.json", "b.toml", "c.json", "d.toml"]


def test_a_folder_under_a_file_is_a_write_error_naming_the_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    message = _message(lambda: _small(tmp_path).dump(blocker / "inside"))
    assert message == f"cannot write into {str(blocker / 'inside')!r}: Not a directory"


def test_a_name_too_long_for_the_system_is_a_write_error_naming_it(tmp_path: Path) -> None:
    # The system refuses even to look the name up (ENAMETOOLONG), before anything is written.
    path = tmp_path / ("a" * 300 + ".json")
    message = _message(lambda: _small(tmp_path).dump(path))
    assert message == f"cannot write {str(path)!r}: the path is too long"


def test_a_file_in_a_missing_folder_is_a_write_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "data.json"
    message = _message(lambda: _small(tmp_path).dump(path))
    assert message == f"cannot write {str(path)!r}: No such file or directory"


def test_a_nul_in_the_path_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "a\x00b.json"
    message = _message(lambda: _small(tmp_path).dump(path))
    assert message == f"cannot write {str(path)!r}: the path holds a NUL character"


def test_a_path_the_system_cannot_encode_is_not_called_a_nul(tmp_path: Path) -> None:
    # A lone surrogate cannot become a file name: Python's own reason is the one to read, not "NUL".
    path = tmp_path / "a\ud800.json"
    message = _message(lambda: _small(tmp_path).dump(path))
    assert message.startswith(f"cannot write {str(path)!r}: ")
    assert "surrogates not allowed" in message
    assert "NUL" not in message
    assert _names(tmp_path) == []


# -- how dump writes --------------------------------------------------------------------------------


def test_the_temporary_lies_hidden_beside_its_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Beside it, so the rename stays on one file system; hidden, named after the target and ending
    # in .tmp, so that what a crash leaves says what it was, and load never reads it as data.
    data = _small(tmp_path)
    seen: list[list[str]] = []
    fsync = os.fsync

    def look(handle: int) -> None:
        seen.append(_names(tmp_path))
        fsync(handle)

    monkeypatch.setattr(os, "fsync", look)
    data.dump(tmp_path / "out.json")
    monkeypatch.undo()
    ((temporary,),) = seen
    assert temporary.startswith(".out.json.")
    assert temporary.endswith(".tmp")
    assert _names(tmp_path) == ["out.json"]


def test_a_failure_while_the_temporary_is_written_removes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _small(tmp_path)
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def broken_disk(_: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_disk)
    message = _message(lambda: data.dump(target))
    assert message == f"cannot write {str(target)!r}: Input/output error"
    assert target.read_text(encoding="utf-8") == "old"
    assert _names(tmp_path) == ["out.json"]


def test_a_temporary_already_gone_when_the_write_fails_is_still_a_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Someone else (a cleaner of temporary files) removed it: removing it again must not hide the error.
    data = _small(tmp_path)

    def removed_then_broken(_: int) -> None:
        for path in tmp_path.iterdir():
            path.unlink()
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", removed_then_broken)
    message = _message(lambda: data.dump(tmp_path / "out.json"))
    assert message.endswith(": Input/output error")


def test_a_file_that_cannot_take_its_place_leaves_a_write_error_and_no_temporary(tmp_path: Path) -> None:
    # The folder's third file is a folder: the first two are already renamed into place when the
    # third rename fails, so removing every temporary meets two that are gone, which is no error.
    data = _small(tmp_path)
    folder = tmp_path / "data"
    (folder / f"{KINDS[2]}.toml" / "inside").mkdir(parents=True)
    message = _message(lambda: data.dump(folder))
    assert message.endswith(": Is a directory")
    assert f"{KINDS[2]}.toml'" in message  # the file that failed, not the first of the folder
    assert not [name for name in _names(folder) if name.endswith(".tmp")]


@pytest.mark.usefixtures("umask_022")
def test_new_files_get_the_umask_read_without_changing_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Linux says the umask in /proc/self/status; setting it to read it would hand it, for a moment,
    # to every other thread of the program. Elsewhere setting it is the only way.
    status = Path("/proc/self/status")
    linux = status.is_file() and any(line.startswith("Umask:") for line in status.read_text().splitlines())
    data = _small(tmp_path)
    calls: list[int] = []
    umask = os.umask

    def watched(mask: int) -> int:
        calls.append(mask)
        return umask(mask)

    os.umask(0o027)
    monkeypatch.setattr(os, "umask", watched)
    data.dump(tmp_path / "new.json")
    monkeypatch.undo()
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
    assert (calls == []) is linux
    assert os.umask(0o022) == 0o027


@pytest.mark.usefixtures("umask_022")
def test_without_proc_the_umask_is_read_by_setting_it_and_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _small(tmp_path)
    read_text = Path.read_text

    def no_proc(path: Path, *args: Any, **kwargs: Any) -> str:
        if str(path).startswith("/proc/"):
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(path))
        return read_text(path, *args, **kwargs)

    os.umask(0o027)
    monkeypatch.setattr(Path, "read_text", no_proc)
    data.dump(tmp_path / "new.json")
    monkeypatch.undo()
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
    assert os.umask(0o022) == 0o027


# -- what dump writes -------------------------------------------------------------------------------


def test_dumped_json_holds_vietnamese_letters_as_they_are_one_field_a_line(tmp_path: Path) -> None:
    data = vnhealth.load()
    data.dump(tmp_path / "data.json")
    lines = {line.strip().rstrip(",") for line in (tmp_path / "data.json").read_text("utf-8").splitlines()}
    with_letters = [official for official in data.officials if not official.name.isascii()]
    assert with_letters, "the bundled data names officials in Vietnamese letters"
    for official in with_letters:
        assert f'"name": {json.dumps(official.name, ensure_ascii=False)}' in lines


def test_a_lone_surrogate_changes_only_its_own_line_of_a_json_dump(tmp_path: Path) -> None:
    # With a lone surrogate JSON is written with escapes; the layout stays, so a diff of the two
    # files shows the one value that changed.
    _small(tmp_path).dump(tmp_path / "plain.json")
    odd = _small(tmp_path, outlet="O\ud800")
    odd.dump(tmp_path / "odd.json")
    plain = (tmp_path / "plain.json").read_text("ascii").splitlines()
    escaped = (tmp_path / "odd.json").read_text("ascii").splitlines()
    assert len(plain) > len(KINDS)
    changed = [line for line in difflib.ndiff(plain, escaped) if line[:1] in "+-"]
    assert [line[2:].strip().rstrip(",") for line in changed] == ['"outlet": "O"', '"outlet": "O\\ud800"']
    assert vnhealth.load(tmp_path / "odd.json") == odd


def test_text_toml_cannot_hold_is_refused_in_words_that_say_what_to_do(tmp_path: Path) -> None:
    odd = _small(tmp_path, outlet="O\ud800")
    message = _message(lambda: odd.dump(tmp_path / "out.toml"))
    assert message == (
        "the data holds text that is not valid Unicode (a lone surrogate), which TOML cannot store: write JSON"
    )
    assert _names(tmp_path) == []
