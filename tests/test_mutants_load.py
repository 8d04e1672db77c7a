"""Tests written to kill the mutants of the loading parts that mutation testing found alive.

The parts below the loader: the one rule for reading files (`_files`), the
msgspec shapes derived from the model (`_decode`) and the reading of dates,
periods and document numbers (`_scalars`). Each test pins a behaviour the other
tests left open: the exact words a user reads, a refusal no example reached,
a record type that must step aside from the fast path.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import tracemalloc
import types
from pathlib import Path

import attrs
import msgspec
import pendulum
import pytest

import vnhealth
from _documents import source_document as _source
from vnhealth import Citation, LoadError, Period, _dates, _decode, _files
from vnhealth._decode import make_hook, shape_of

# -- helpers ----------------------------------------------------------------------------------------


def _problems(path: Path) -> dict[str, str]:
    """Each problem's path (or file name, for a file-level problem) and message."""
    with pytest.raises(LoadError) as caught:
        vnhealth.load(path)
    return {problem.path or Path(problem.file).name: problem.message for problem in caught.value.problems}


def _data_file(folder: Path, document: object) -> Path:
    path = folder / "data.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _unreadable(path: Path, *, limit: int = 1024, inside: Path | None = None) -> str:
    """The message of the `Unreadable` reading ``path`` raises (the test fails if it reads)."""
    with pytest.raises(_files.Unreadable) as caught:
        _files.read_bytes(path, limit=limit, inside=inside)
    return str(caught.value)


# -- _files: what a refusal says ----------------------------------------------------------------------


def test_a_broken_link_a_loop_and_a_missing_text_are_said_exactly(tmp_path: Path) -> None:
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    _data_file(tmp_path, {"sources": [_source(text_file="missing.txt")]})
    assert _problems(tmp_path) == {
        "dangling.json": "cannot read the file: a link to a file that does not exist",
        "loop.toml": "cannot read the file: a loop of links",
        "sources[0].text_file": "cannot read 'missing.txt': no such file",
    }


def test_a_file_linked_out_of_the_folder_is_refused_in_full_words(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("private words")
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "article.txt").symlink_to(tmp_path / "secret.txt")
    _data_file(folder, {"sources": [_source(text_file="article.txt")]})
    assert _problems(folder) == {
        "sources[0].text_file": "cannot read 'article.txt': it is (or links to) a file outside the data folder: "
        "a data folder may only name files inside it"
    }


def test_a_path_through_a_file_is_refused_with_the_systems_reason(tmp_path: Path) -> None:
    # Resolving "data.json/article.txt" fails with ENOTDIR: an OSError that is neither "missing" nor a loop.
    _data_file(tmp_path, {"sources": [_source(text_file="data.json/article.txt")]})
    assert _problems(tmp_path) == {"sources[0].text_file": "cannot read 'data.json/article.txt': Not a directory"}
    assert _unreadable(tmp_path / "data.json" / "article.txt") == "Not a directory"


def test_an_error_without_a_system_message_keeps_its_own_words() -> None:
    assert _files.reason(OSError("the disk went away")) == "the disk went away"


def test_every_kind_of_file_that_is_not_read_is_named() -> None:
    kinds = {
        stat.S_IFDIR: "a folder",
        stat.S_IFIFO: "a named pipe",
        stat.S_IFCHR: "a character device",
        stat.S_IFBLK: "a block device",
        stat.S_IFSOCK: "a socket",
        stat.S_IFLNK: "not a file",  # no kind of its own: O_NOFOLLOW refuses links before they are looked at
    }
    assert {mode: _files._kind(mode) for mode in kinds} == kinds


def test_a_device_is_refused_by_its_kind() -> None:
    assert _unreadable(Path(os.devnull)) == "not a regular file (a character device)"


def test_a_socket_is_refused_with_the_systems_reason(tmp_path: Path) -> None:
    # open(2) refuses a Unix socket itself (ENXIO), before its kind can be looked at.
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        assert _unreadable(path) == "No such device or address"


def test_a_file_that_fails_while_read_is_refused_with_the_systems_reason() -> None:
    # /proc/self/mem is a regular file whose first bytes (address 0) cannot be read: EIO on read(2).
    assert _unreadable(Path("/proc/self/mem")) == "Input/output error"


# -- _files: how a file is opened ---------------------------------------------------------------------


def test_a_link_swapped_in_after_the_path_was_resolved_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private words")
    folder = tmp_path / "data"
    folder.mkdir()
    article = folder / "article.txt"
    article.write_text("public words")
    resolve = _files.real_path

    def resolve_then_swap(path: Path, *, inside: Path | None = None) -> Path:
        resolved = resolve(path, inside=inside)
        # Someone replaces the checked file with a link out of the folder between the check and the open.
        swapped = folder / "swap"
        swapped.symlink_to(secret)
        swapped.replace(resolved)
        return resolved

    monkeypatch.setattr(_files, "real_path", resolve_then_swap)
    assert _unreadable(article, inside=folder) == "a loop of links"  # O_NOFOLLOW: ELOOP on the link


def test_files_are_read_where_the_system_lacks_the_optional_open_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows has none of these flags: reading must do without them, not fail or open for writing.
    path = tmp_path / "article.txt"
    path.write_bytes(b"some words")
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_NOFOLLOW"):
        monkeypatch.delattr(os, name, raising=False)
    assert _files.read_bytes(path, limit=1024) == b"some words"
    assert path.read_bytes() == b"some words"


_OPEN_A_TERMINAL = """
import os, sys
from pathlib import Path
from vnhealth import _files

master, follower = os.openpty()  # openpty opens both ends with O_NOCTTY
name = os.ttyname(follower)
os.close(follower)
try:
    _files.read_bytes(Path(name), limit=16)
except _files.Unreadable as error:
    print(error)
try:
    os.close(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
    print("has a controlling terminal")
except OSError:
    print("has no controlling terminal")
"""


def test_a_terminal_named_as_a_file_never_becomes_the_controlling_terminal() -> None:
    # Opening a terminal without O_NOCTTY makes it the controlling terminal of a session leader with none,
    # so a data file naming one could hand the terminal's signals (^C, hang-up) to the loading process.
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    ran = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", _OPEN_A_TERMINAL],
        start_new_session=True,  # a session leader with no controlling terminal
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    assert ran.stdout.splitlines() == ["not a regular file (a character device)", "has no controlling terminal"]


# -- _files: sizes ------------------------------------------------------------------------------------


def test_a_text_too_large_is_refused_with_the_limit_and_its_size(tmp_path: Path) -> None:
    with (tmp_path / "article.txt").open("wb") as article:
        article.truncate(_files.MAX_TEXT_FILE + 1)  # sparse: no 16 MiB written
    _data_file(tmp_path, {"sources": [_source(text_file="article.txt")]})
    assert _problems(tmp_path) == {
        "sources[0].text_file": "cannot read 'article.txt': larger than the 16 MiB a file may be (16,777,217 bytes)"
    }


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = 2**20
    path = tmp_path / "growing.json"
    path.write_bytes(b"x" * limit)  # within the limit when its size is looked at
    status_of = os.fstat

    def status_then_grow(descriptor: int) -> os.stat_result:
        status = status_of(descriptor)
        with path.open("ab") as appending:  # a writer adds one byte after the size was checked
            appending.write(b"x")
        return status

    monkeypatch.setattr(os, "fstat", status_then_grow)
    assert _unreadable(path, limit=limit) == "larger than the 1 MiB a file may be"


def test_a_file_of_several_chunks_is_read_whole(tmp_path: Path) -> None:
    content = bytes(range(256)) * (2**12 + 1)  # a little over 1 MiB: read in two chunks
    path = tmp_path / "data.json"
    path.write_bytes(content)
    assert _files.read_bytes(path, limit=len(content)) == content


def test_reading_a_small_file_does_not_reserve_its_limit_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(b"{}")
    tracemalloc.start()
    try:
        assert _files.read_bytes(path, limit=_files.MAX_DATA_FILE) == b"{}"
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < _files.MAX_DATA_FILE // 64  # a bounded chunk, not a buffer the size of the largest file


# -- _decode: which record types msgspec builds ----------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Reading:
    value: float | None = attrs.field(default=None, converter=float)  # float(None) fails: not transparent


@attrs.frozen(kw_only=True)
class _Count:
    count: int = attrs.field(converter=float)  # 1 becomes 1.0: not transparent


@attrs.frozen(kw_only=True)
class _Tagged:
    tags: tuple[str, ...] = attrs.field(factory=tuple, converter=tuple)  # a tuple comes back itself


def _shout(word: str) -> str:
    return word.upper()


@attrs.frozen(kw_only=True)
class _Shouted:
    word: str = attrs.field(converter=_shout)


@attrs.frozen(kw_only=True)
class _HoldsShouted:
    one: _Shouted


@attrs.frozen(kw_only=True)
class _MaybeShouted:
    one: _Shouted | None = None


@attrs.frozen(kw_only=True)
class _ManyShouted:
    many: tuple[_Shouted, ...] = ()


@attrs.frozen(kw_only=True)
class _Cited:
    citations: tuple[Citation, ...] = ()


def test_a_known_converter_that_refuses_none_makes_an_optional_field_step_aside() -> None:
    assert not _decode._transparent(float, float | None)
    assert _decode._transparent(float, float)
    assert _Reading not in shape_of((_Reading,)).direct
    with pytest.raises(TypeError):
        _Reading(value=None)  # type: ignore[arg-type] # what msgspec, which skips converters, would have let through


def test_a_known_converter_that_changes_the_value_makes_its_record_type_step_aside() -> None:
    assert not _decode._transparent(float, int)
    assert _Count not in shape_of((_Count,)).direct
    assert type(_Count(count=1).count) is float  # through __init__ the converter runs, as it must


def test_a_tuple_converter_on_a_tuple_field_is_transparent() -> None:
    assert _decode._transparent(tuple, tuple[str, ...])
    assert _Tagged in shape_of((_Tagged,)).direct


def test_a_wrapped_converter_is_judged_by_what_it_wraps() -> None:
    # attrs >= 24 holds a converter declared as attrs.Converter(f) as an object whose `.converter` is f.
    wrapped = types.SimpleNamespace(converter=float)
    assert _decode._transparent(wrapped, float)
    assert not _decode._transparent(types.SimpleNamespace(converter=str.upper), str)


@pytest.mark.parametrize("holder", [_HoldsShouted, _MaybeShouted, _ManyShouted], ids=lambda t: t.__name__)
def test_a_record_type_holding_one_that_steps_aside_steps_aside_too(holder: type) -> None:
    # msgspec would build the nested record too, skipping its converter ("a" would stay lower case).
    shapes = shape_of((holder,))
    assert set(shapes.shapes) == {holder, _Shouted}
    assert shapes.direct == frozenset()


def test_a_record_inside_a_tuple_is_decoded_through_its_shape() -> None:
    shapes = shape_of((_Cited,))
    assert set(shapes.shapes) == {_Cited, Citation}
    assert shapes.direct == frozenset({_Cited, Citation})
    shape = shapes.shapes[_Cited]
    made = msgspec.json.decode(b'{"citations": [{"source": "s", "quote": "q"}]}', type=shape)
    assert type(msgspec.structs.asdict(made)["citations"][0]) is shapes.shapes[Citation]
    with pytest.raises(msgspec.ValidationError, match="unknown field `page`"):
        msgspec.json.decode(b'{"citations": [{"source": "s", "quote": "q", "page": 3}]}', type=shape)


def test_an_unknown_key_in_a_nested_record_is_a_problem_at_its_path(tmp_path: Path) -> None:
    citation = {"source": "s", "quote": "q", "page": 3}
    resolution = {"id": "r", "title": "R", "kind": "law", "issuer": "", "citations": [citation]}
    problems = _problems(_data_file(tmp_path, {"sources": [_source()], "resolutions": [resolution]}))
    assert problems == {"resolutions[0].citations[0]": "unknown field(s) 'page'"}


def test_a_shape_is_as_unchangeable_as_its_record() -> None:
    shape = shape_of((Citation,)).shapes[Citation]
    made = shape(source="s", quote="q")
    with pytest.raises(AttributeError):
        made.quote = "another"  # type: ignore[attr-defined]
    assert hash(made) == hash(shape(source="s", quote="q"))


# -- _decode: the decode hook ----------------------------------------------------------------------------


def test_the_hook_shares_a_repeated_date_even_when_the_parse_cache_let_go_of_it() -> None:
    hook = make_hook()
    first = hook(pendulum.Date, "2025-02-24")
    _dates._parse_date.cache_clear()  # the process-wide cache is shared and may have dropped it
    assert hook(pendulum.Date, "2025-02-24") is first


def test_the_hook_shares_a_repeated_toml_year() -> None:
    hook = make_hook()
    assert hook(Period, 2024) is hook(Period, 2024)
    assert hook(Period, 2024) is not hook(Period, 2025)


def test_the_hooks_caches_hold_no_more_than_their_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_decode, "_CACHE_LIMIT", 1)
    hook = make_hook()
    first_day = hook(pendulum.Date, "2025-02-24")
    hook(pendulum.Date, "2025-02-25")  # the second value makes the cache forget the first
    _dates._parse_date.cache_clear()
    assert hook(pendulum.Date, "2025-02-24") is not first_day
    first_year = hook(Period, 2023)
    hook(Period, 2024)
    assert hook(Period, 2023) is not first_year


def test_a_list_where_a_date_or_period_belongs_is_named_as_a_list(tmp_path: Path) -> None:
    observation = {"indicator": "i", "value": 1.0, "unit": "percent", "as_of": [2024]}
    observation["citation"] = {"source": "s", "quote": "q"}
    problems = _problems(_data_file(tmp_path, {"sources": [_source(published=[])], "observations": [observation]}))
    assert problems == {
        "sources[0].published": "invalid value for Date: expected an ISO date string (YYYY-MM-DD), not list",
        "observations[0].as_of": "invalid value for Period: "
        "expected a period string (YYYY, YYYY-MM or YYYY-MM-DD), not list",
    }
    # The loader reports what its checked path finds; the decode hook itself names the type as well.
    hook = make_hook()
    for kind, value in ((pendulum.Date, []), (Period, []), (Period, {})):
        with pytest.raises(TypeError, match=f"not {type(value).__name__}$"):
            hook(kind, value)


def test_the_hook_names_a_type_it_cannot_decode() -> None:
    with pytest.raises(NotImplementedError, match="cannot decode <class 'complex'>"):
        make_hook()(complex, 1)


# -- _scalars: what a wrong type is called ---------------------------------------------------------------


def test_a_value_of_the_wrong_type_is_named_by_its_type(tmp_path: Path) -> None:
    observation = {"indicator": "i", "value": 1.0, "unit": "percent", "as_of": True}
    observation["citation"] = {"source": "s", "quote": "q"}
    resolution = {"id": "r", "title": "R", "kind": "law", "issuer": "", "number": 72, "citations": []}
    document = {"sources": [_source(published=5)], "observations": [observation], "resolutions": [resolution]}
    assert _problems(_data_file(tmp_path, document)) == {
        "sources[0].published": "invalid value for Date: expected an ISO date string (YYYY-MM-DD), not int",
        "observations[0].as_of": "invalid value for Period: "
        "expected a period string (YYYY, YYYY-MM or YYYY-MM-DD), not bool",
        "resolutions[0].number": "expected a document number string, not int",
    }
