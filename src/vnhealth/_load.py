"""Reading data files into a checked `Records`, all or nothing, and writing them back."""

from __future__ import annotations

import bisect
import collections
import contextlib
import functools
import gc
import importlib.resources
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import attrs
import cattrs
import msgspec

from vnhealth._converter import make_converter
from vnhealth._decode import Shapes, make_hook, shape_of
from vnhealth._errors import LoadError, Problem, UnsupportedFormat, WriteError
from vnhealth._files import MAX_DATA_FILE, MAX_TEXT_FILE, Unreadable, read_bytes, reason
from vnhealth._format import shorten
from vnhealth._records import KINDS, RECORD_TYPES, Records, field_types
from vnhealth._toml import dumps as toml_dumps
from vnhealth._validate import find_problems

__all__ = ["data_version", "dump", "load", "load_bundled"]

_SUFFIXES = (".json", ".toml")
_TEXT_FILE = "text_file"
_PATH = re.compile(r"(?P<kind>\w+)\[(?P<index>\d+)\](?P<rest>.*)")


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter()


@functools.cache
def _decoding() -> tuple[Shapes, type[msgspec.Struct], msgspec.json.Decoder[Any]]:
    """The record shapes, the shape of a whole data file, and a JSON decoder for it (built once)."""
    shapes = shape_of(tuple(RECORD_TYPES.values()), extra_fields={RECORD_TYPES["sources"]: {_TEXT_FILE: str | None}})
    document = msgspec.defstruct(
        "DataFileShape",
        [
            (kind, tuple.__class_getitem__((shapes.shapes[record_type], ...)), ())
            for kind, record_type in RECORD_TYPES.items()
        ],
        kw_only=True,
        forbid_unknown_fields=True,
    )
    return shapes, document, msgspec.json.Decoder(document, dec_hook=make_hook())


def load(path: str | os.PathLike[str] | None = None, *, include_bundled: bool = False) -> Records:
    """Load records: the bundled ones, or a user's file or folder of ``.json``/``.toml`` files.

    Loading is all or nothing: every problem found (unreadable files, unknown
    keys, wrong types, bad dates, duplicate keys or ids, dangling references,
    quotes not in their source) is reported in one `LoadError`, and no partial
    dataset is returned. With ``include_bundled``, the bundled records are
    loaded first and the user's join them: references resolve across both,
    and a duplicate id is still an error.
    """
    if path is None:
        return load_bundled()
    inputs = _user_inputs(path)
    if include_bundled:
        inputs = [*_bundled_inputs(), *inputs]
    return _load_inputs(inputs)


def load_bundled() -> Records:
    """The records that ship with vnhealth, read afresh (`vnhealth.load` caches them)."""
    return _load_inputs(_bundled_inputs())


def data_version() -> str:
    """The version of the bundled data, separate from the package's version."""
    return (importlib.resources.files("vnhealth") / "data" / "DATA_VERSION").read_text("utf-8").strip()


# -- the files to read ------------------------------------------------------------------------


class _Input(NamedTuple):
    """One data file: how problems name it, and how to read it and the source texts it names."""

    label: str
    toml: bool
    read: Callable[[], bytes]
    """The file's bytes; `Unreadable` if it cannot be read."""
    read_text_file: Callable[[str], bytes]
    """The bytes of a ``text_file`` the file names (a relative path); `Unreadable` if not allowed or not read."""


def _bundled_inputs() -> list[_Input]:
    root = importlib.resources.files("vnhealth") / "data"
    files = sorted((child for child in root.iterdir() if child.name.endswith(_SUFFIXES)), key=lambda c: c.name)

    def text_file(name: str) -> bytes:
        return root.joinpath(*_relative_parts(name)).read_bytes()

    return [
        _Input(
            label=f"vnhealth/data/{file.name}",
            toml=file.name.endswith(".toml"),
            read=file.read_bytes,
            read_text_file=text_file,
        )
        for file in files
    ]


def _user_inputs(path: str | os.PathLike[str]) -> list[_Input]:
    """The data files at ``path`` (a file, or a folder of them); a LoadError if there are none to read."""
    label = os.fspath(path)
    try:
        target = Path(path)
        mode = target.stat().st_mode
    except FileNotFoundError:
        raise LoadError([Problem(file=label, path="", message="no such file or folder")]) from None
    except OSError as error:
        raise LoadError([Problem(file=label, path="", message=reason(error))]) from None
    except ValueError:  # a NUL in the path
        raise LoadError([Problem(file=repr(label), path="", message="a path cannot hold a NUL character")]) from None
    if not stat.S_ISDIR(mode):
        return [_user_input(target, target, inside=None)]
    try:
        names = sorted(entry.name for entry in os.scandir(target) if entry.name.endswith(_SUFFIXES))
    except OSError as error:
        raise LoadError([Problem(file=label, path="", message=f"cannot list the folder: {reason(error)}")]) from None
    if not names:
        raise LoadError([Problem(file=label, path="", message="no .json or .toml data files in this folder")])
    # Every name that looks like a data file is read, or reported: a broken link is never skipped.
    return [_user_input(target / name, target, inside=target) for name in names]


def _user_input(file: Path, folder: Path, *, inside: Path | None) -> _Input:
    base = folder if inside is not None else file.parent

    def read() -> bytes:
        return read_bytes(file, limit=MAX_DATA_FILE, inside=inside)

    def text_file(name: str) -> bytes:
        return read_bytes(base.joinpath(*_relative_parts(name)), limit=MAX_TEXT_FILE, inside=base)

    return _Input(label=str(file), toml=file.name.endswith(".toml"), read=read, read_text_file=text_file)


def _relative_parts(name: str) -> tuple[str, ...]:
    # A data file names texts beside it; it must not reach into the rest of the disk.
    parts = Path(name).parts
    if not name or Path(name).is_absolute() or ".." in parts or "\x00" in name:
        msg = f"{_short_repr(name)} is outside the data file's folder: name a file in it or below it"
        raise Unreadable(msg)
    return parts


# -- loading: decode fast, or check in detail ---------------------------------------------------


class _Origins(Protocol):
    """Where the record at a position of the merged dataset came from: ``(file label, index in that file)``."""

    def __getitem__(self, position: int, /) -> tuple[str, int]: ...


class _Runs:
    """The origins of one kind of record, kept as one run per file rather than one pair per record."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._labels: list[str] = []
        self._length = 0

    def add(self, label: str, count: int) -> None:
        self._starts.append(self._length)
        self._labels.append(label)
        self._length += count

    def __getitem__(self, position: int, /) -> tuple[str, int]:
        if not 0 <= position < self._length:
            raise IndexError(position)
        run = bisect.bisect_right(self._starts, position) - 1
        return self._labels[run], position - self._starts[run]


def _load_inputs(inputs: list[_Input]) -> Records:
    # Parsing and building create hundreds of thousands of objects, none of them garbage: left
    # running, the collector would scan them over and over (it dominates the time of a large load).
    # The caller's setting is restored whatever happens; nothing is frozen or left changed.
    enabled = gc.isenabled()
    gc.disable()
    try:
        decoded = _decode_all(inputs)
        if decoded is not None:
            data = Records(**decoded)
            if next(find_problems(data), None) is None:
                return data
        return _load_checked(inputs)  # which says what is wrong, and where
    finally:
        if enabled:
            gc.enable()


def _decode_all(inputs: list[_Input]) -> dict[str, tuple[Any, ...]] | None:
    """The records of every file, decoded by msgspec; None if anything is wrong (the checked path says what)."""
    shapes, document_shape, decoder = _decoding()
    if shapes.direct != frozenset(shapes.shapes):
        return None  # a record type msgspec cannot build as its __init__ would: build them all through cattrs
    hook = make_hook()
    gathered: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    try:
        for source in inputs:
            raw = source.read()
            if source.toml:
                import tomli  # noqa: PLC0415 - only loading needs it, and only for TOML files

                document = msgspec.convert(tomli.loads(raw.decode("utf-8")), document_shape, dec_hook=hook)
            else:
                document = decoder.decode(raw)
                if _has_duplicate_keys(raw):
                    return None
            for kind in KINDS:
                records = getattr(document, kind)
                if kind == "sources":
                    records = [_source_with_text(record, source) for record in records]
                gathered[kind].extend(records)
        # msgspec builds each record as attrs would, running the model's validators (not its converters).
        return {
            kind: msgspec.convert(gathered[kind], tuple[record_type, ...], from_attributes=True, dec_hook=hook)  # type: ignore[valid-type]
            for kind, record_type in RECORD_TYPES.items()
        }
    except Exception:  # noqa: BLE001 - any failure is redone by the checked path, which reports every problem
        return None


def _source_with_text(shape: Any, source: _Input) -> Any:
    """A source's fields, with its text read from its ``text_file`` (any problem raises)."""
    fields = msgspec.structs.asdict(shape)
    name = fields.pop(_TEXT_FILE)
    if name is None:
        return fields
    if fields["text"] is not None:
        raise ValueError(name)
    fields["text"] = source.read_text_file(name).decode("utf-8")
    return fields


def _has_duplicate_keys(raw: bytes) -> bool:
    """Whether any JSON object in ``raw`` repeats a key (msgspec, like json, would keep the last silently)."""
    import json  # noqa: PLC0415 - only loading JSON needs it

    try:
        json.loads(raw, object_pairs_hook=_check_pairs)
    except _DuplicateKey:
        return True
    return False


class _DuplicateKey(ValueError):
    pass


def _check_pairs(pairs: list[tuple[str, Any]]) -> None:
    # Only asks; builds nothing (the records come from msgspec).
    if len(pairs) > 1 and len(dict(pairs)) != len(pairs):
        raise _DuplicateKey


class _Table(dict[str, Any]):
    """A JSON object, remembering the keys it was given more than once (JSON keeps the last)."""

    repeated: tuple[str, ...] = ()


def _table(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table = dict(pairs)
    if len(table) == len(pairs):
        return table
    counts = collections.Counter(key for key, _ in pairs)
    repeated = _Table(table)
    repeated.repeated = tuple(key for key, count in counts.items() if count > 1)
    return repeated


class _Digits:
    """An integer of more digits than Python converts, kept so that the problem is reported at its field."""

    __slots__ = ("count",)

    def __init__(self, digits: str) -> None:
        self.count = len(digits.lstrip("-"))

    def __repr__(self) -> str:
        return f"<an integer of {self.count:,} digits>"


# What the converter's messages call it: "expected a number, not an integer of over 4,000 digits".
_Digits.__name__ = "an integer of over 4,000 digits"


def _integer(digits: str) -> int | _Digits:
    return int(digits) if len(digits) <= 4000 else _Digits(digits)


def _repeated_keys(value: Any, path: str) -> Iterator[str]:
    """The paths of the keys some JSON object in ``value`` was given more than once."""
    if isinstance(value, dict):
        for key in getattr(value, "repeated", ()):
            yield f"{path}.{key}" if path else key
        for key, item in value.items():
            yield from _repeated_keys(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _repeated_keys(item, f"{path}[{index}]")


def _load_checked(inputs: list[_Input]) -> Records:
    problems: list[Problem] = []
    unreadable = False
    merged: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    origins: dict[str, _Runs] = {kind: _Runs() for kind in KINDS}
    for source in inputs:
        document = _read(source, problems)
        if document is None:
            unreadable = True
            continue
        for kind, records in document.items():
            if kind == "sources":
                records = [  # noqa: PLW2901 - the same records, with their text files read
                    _with_text(source, index, record, problems)
                    if isinstance(record, dict) and _TEXT_FILE in record
                    else record
                    for index, record in enumerate(records)
                ]
            merged[kind].extend(records)
            origins[kind].add(source.label, len(records))
    if unreadable:
        # Checking references against a file that could not be read would only add noise.
        raise LoadError(_bounded(problems))
    data = _structure(merged, origins, problems)
    problems.extend(_locate(problem, origins) for problem in find_problems(data))
    if problems:
        raise LoadError(_bounded(problems))
    return data


def _read(source: _Input, problems: list[Problem]) -> dict[str, list[Any]] | None:
    label = source.label
    try:
        text = source.read().decode("utf-8")
    except Unreadable as error:
        problems.append(Problem(file=label, path="", message=f"cannot read the file: {error}"))
        return None
    except UnicodeDecodeError as error:
        problems.append(
            Problem(
                file=label,
                path="",
                message=f"cannot read the file: not UTF-8 text ({error.reason} at byte {error.start})",
            )
        )
        return None
    document = _parse(source, text, problems)
    if document is _UNPARSED:
        return None
    if not isinstance(document, dict):
        problems.append(Problem(file=label, path="", message="expected a table of record lists at the top"))
        return None
    usable = {}
    for key, value in document.items():
        if key not in RECORD_TYPES:
            expected = ", ".join(KINDS)
            problems.append(
                Problem(file=label, path=shorten(str(key), 80), message=f"unknown key (expected {expected})")
            )
        elif not isinstance(value, list):
            problems.append(Problem(file=label, path=key, message=f"expected a list of records, not {_kind_of(value)}"))
        else:
            usable[key] = value
    return usable


_UNPARSED = object()
"""What `_parse` gives for text it could not parse (None is JSON's null)."""


def _parse(source: _Input, text: str, problems: list[Problem]) -> Any:
    """The document in ``text``, or `_UNPARSED` with the reason in ``problems``."""
    # Imported here: json and tomli are a tenth of vnhealth's own import time, and only loading needs them.
    import json  # noqa: PLC0415

    import tomli  # noqa: PLC0415

    label = source.label
    try:
        if source.toml:
            return tomli.loads(text)
        document = json.loads(text, object_pairs_hook=_table, parse_int=_integer)
    except json.JSONDecodeError as error:
        problems.append(Problem(file=label, path=f"line {error.lineno}", message=f"not valid JSON: {error.msg}"))
        return _UNPARSED
    except tomli.TOMLDecodeError as error:
        problems.append(Problem(file=label, path="", message=f"not valid TOML: {shorten(str(error), 300)}"))
        return _UNPARSED
    except ValueError as error:  # in TOML, a number of more digits than Python converts
        path = _where_in_toml(text) if source.toml else ""
        detail = "a number of more than 4,300 digits" if "digits" in str(error) else shorten(str(error), 300)
        problems.append(Problem(file=label, path=path, message=f"cannot read a value: {detail}"))
        return _UNPARSED
    except RecursionError:
        problems.append(Problem(file=label, path="", message="nested too deeply to read"))
        return _UNPARSED
    problems.extend(
        Problem(file=label, path=path, message="given twice in one table (JSON would keep only the last)")
        for path in _repeated_keys(document, "")
    )
    return document


def _where_in_toml(text: str) -> str:
    """Where a number too long to convert stands in a TOML file of record tables: ``kind[index].key``.

    The TOML parser converts numbers as it parses, so the file cannot be read at all;
    this finds the value's record and key from the ``[[kind]]`` headers before
    it, or its line, so the problem still says where to look.
    """
    found = re.search(r"[0-9_]{4000,}", text)
    if found is None:
        return ""
    start = text.rfind("\n", 0, found.start()) + 1
    line = text[start : text.find("\n", found.start()) % (len(text) + 1)]
    key = re.match(r"\s*([A-Za-z0-9_-]+)\s*=", line)
    headers = re.findall(r"^\s*\[\[\s*([A-Za-z_]+)\s*\]\]", text[:start], re.MULTILINE)
    if key is None or not headers:
        return f"line {text.count(chr(10), 0, start) + 1}"
    kind = headers[-1]
    return f"{kind}[{headers.count(kind) - 1}].{key[1]}"


def _with_text(source: _Input, index: int, record: dict[str, Any], problems: list[Problem]) -> dict[str, Any]:
    label = source.label
    path = f"sources[{index}].{_TEXT_FILE}"
    name = record[_TEXT_FILE]
    # Without its text_file key, a record that failed here is not reported again as having an unknown field.
    rest = {key: value for key, value in record.items() if key != _TEXT_FILE}
    if "text" in record:
        problems.append(Problem(file=label, path=path, message="give either text or text_file, not both"))
        return rest
    if not isinstance(name, str):
        problems.append(Problem(file=label, path=path, message=f"expected a file name, not {_kind_of(name)}"))
        return rest
    try:
        text = source.read_text_file(name).decode("utf-8")
    except Unreadable as error:
        problems.append(Problem(file=label, path=path, message=f"cannot read {_short_repr(name)}: {error}"))
        return rest
    except (OSError, ValueError) as error:  # the bundled data's files; undecodable bytes
        problems.append(Problem(file=label, path=path, message=f"cannot read {_short_repr(name)}: {error}"))
        return rest
    return {**rest, "text": text}


def _structure(merged: dict[str, list[Any]], origins: Mapping[str, _Origins], problems: list[Problem]) -> Records:
    built: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    kept: dict[str, list[tuple[str, int]]] = {kind: [] for kind in KINDS}
    found = list(_detailed_problems(_converter(), merged, origins, built, kept))
    if not found and not problems:
        return Records(**{kind: tuple(records) for kind, records in built.items()})
    # Check what did build as well, so that one run reports every kind of problem. A record that
    # failed to build still exists: what cites it is not "unknown", and says its own problems.
    partial = Records(**{kind: tuple(records) for kind, records in built.items()})
    broken = {
        kind: frozenset(
            record["id"] for record in records if isinstance(record, dict) and isinstance(record.get("id"), str)
        )
        - {getattr(record, "id", None) for record in built[kind]}
        for kind, records in merged.items()
    }
    found.extend(_locate(problem, kept) for problem in find_problems(partial, also_known=broken))
    raise LoadError(_bounded([*problems, *found]))


def _detailed_problems(
    converter: cattrs.Converter,
    merged: dict[str, list[Any]],
    origins: Mapping[str, _Origins],
    built: dict[str, list[Any]],
    kept: dict[str, list[tuple[str, int]]],
) -> Iterator[Problem]:
    """Problems record by record; the records that do build go to ``built``, their origins to ``kept``."""
    for kind, records in merged.items():
        record_type = RECORD_TYPES[kind]
        for position, record in enumerate(records):
            label, index = origins[kind][position]
            where = f"{kind}[{index}]"
            try:
                built[kind].append(converter.structure(record, record_type))
                kept[kind].append(origins[kind][position])
            except cattrs.BaseValidationError as error:
                found = []
                for message in cattrs.transform_error(error, path=where, format_exception=_describe):
                    text, _, path = message.rpartition(" @ ")
                    found.append(Problem(file=label, path=path, message=text))
                yield from _placed(converter, record, record_type, found, where)
            except Exception as error:  # noqa: BLE001 - validators raise what they raise; report it
                found = [Problem(file=label, path=where, message=_describe(error, None))]
                yield from _placed(converter, record, record_type, found, where)


def _placed(
    converter: cattrs.Converter, record: Any, record_type: type, found: list[Problem], where: str
) -> Iterator[Problem]:
    """A record's problems, each once and at the deepest place that can be named.

    A problem cattrs could only place at the record itself (a validator that
    ran in ``__init__``) is placed at the fields whose own checks fail. Those
    checks run even when cattrs stopped before ``__init__`` (a bad nested
    record), so a record's blank name is reported with its bad role, each at
    its own path; a field cattrs already reported is not reported again.
    """
    placed = [problem for problem in found if problem.path != where]
    reported = {problem.path for problem in placed}
    label = found[0].file
    for name, field_error in _failing_fields(converter, record, record_type):
        path = f"{where}.{name}"
        if not any(seen == path or seen.startswith((f"{path}.", f"{path}[")) for seen in reported):
            placed.append(Problem(file=label, path=path, message=_describe(field_error, None)))
    if not placed:
        placed = [problem for problem in found if problem.path == where]
    yield from dict.fromkeys(placed)  # each once, in the order found


def _failing_fields(converter: cattrs.Converter, record: Any, record_type: type) -> Iterator[tuple[str, Exception]]:
    """The fields whose own validator refuses their value, so a problem can name the field, not the record."""
    if not isinstance(record, dict):
        return
    hints = field_types(record_type)
    for field in attrs.fields(record_type):
        if field.validator is None or field.name not in record:
            continue
        try:
            value = converter.structure(record[field.name], hints[field.name])
            if field.converter is not None:
                value = getattr(field.converter, "converter", field.converter)(value)
            field.validator(None, field, value)
        except Exception as error:  # noqa: BLE001 - the field's own check, whatever it raises
            yield field.name, error


def _describe(error: BaseException, type_: Any) -> str:
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(map(repr, error.extra_fields)))}"
    name = getattr(type_, "__name__", None)
    # Bounded: a 200 MB value must not make a 200 MB message.
    detail = shorten(str(error), _MESSAGE_LIMIT) or type(error).__name__
    return f"invalid value for {name}: {detail}" if name else detail


_MESSAGE_LIMIT = 300
"""The longest message a problem carries (values in it are cut short with an ellipsis)."""
_PROBLEM_LIMIT = 1000
"""The most problems one LoadError lists; the rest are counted."""


def _bounded(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= _PROBLEM_LIMIT:
        return problems
    rest = len(problems) - _PROBLEM_LIMIT
    more = Problem(file=problems[_PROBLEM_LIMIT].file, path="", message=f"… and {rest:,} more problems")
    return [*problems[:_PROBLEM_LIMIT], more]


def _short_repr(value: str) -> str:
    return repr(shorten(value, 80))


def _locate(problem: Problem, origins: Mapping[str, _Origins]) -> Problem:
    """Turn a path into the merged dataset into the file and the record's place in that file."""
    match = _PATH.match(problem.path)
    if match is None or match["kind"] not in origins:  # pragma: no cover - every check names a record
        return problem
    label, index = origins[match["kind"]][int(match["index"])]
    return Problem(file=label, path=f"{match['kind']}[{index}]{match['rest']}", message=problem.message)


def _kind_of(value: object) -> str:
    names: dict[type, str] = {dict: "a table", list: "a list", str: "a string"}
    return names.get(type(value), type(value).__name__)


def dump(data: Records, path: str | os.PathLike[str], *, format: str | None = None) -> None:
    """Write ``data`` where `load` reads it back equal: one file, or a folder with one file per kind.

    A path ending in ``.json`` or ``.toml`` is one file. A path with no suffix
    (or an existing folder) is a folder (made if need be) that gets ``sources.toml``, ``officials.toml``, ...
    (``format="json"`` for JSON). Each file is replaced whole or not at all:
    it is written beside its target and renamed over it, and a failed write
    leaves nothing behind. New files get the permissions the user's umask
    gives; a replaced file keeps its own.
    """
    target = Path(path)
    try:
        folder = target.is_dir() or not target.suffix
    except (OSError, ValueError) as error:
        raise WriteError(f"cannot write {str(target)!r}: {_write_reason(error)}") from error
    if not folder and target.suffix not in _SUFFIXES:
        msg = f"cannot write {target.name!r}: give a file name ending in .json or .toml, or a folder"
        raise UnsupportedFormat(msg)
    if not folder:
        if format is not None and f".{format}" != target.suffix:
            msg = f"cannot write {target.name!r} as {format}: the name says {target.suffix[1:]}"
            raise UnsupportedFormat(msg)
        _write_all({target: _serialise(_plain(data, KINDS), target.suffix)})
        return
    suffix = f".{format or 'toml'}"
    if suffix not in _SUFFIXES:
        msg = f"cannot write the format {format!r}: give 'toml' or 'json'"
        raise UnsupportedFormat(msg)
    files = {target / f"{kind}{suffix}": kind for kind in KINDS}
    try:
        target.mkdir(parents=True, exist_ok=True)
        others = sorted(
            entry.name
            for entry in os.scandir(target)
            if entry.name.endswith(_SUFFIXES) and target / entry.name not in files
        )
    except (OSError, ValueError) as error:
        raise WriteError(f"cannot write into {str(target)!r}: {_write_reason(error)}") from error
    if others:
        msg = (
            f"cannot write into {str(target)!r}: it holds other data files ({', '.join(others[:3])}) "
            "that load would read too; choose an empty folder"
        )
        raise WriteError(msg)
    _write_all({file: _serialise(_plain(data, (kind,)), suffix) for file, kind in files.items()})


def _plain(data: Records, kinds: tuple[str, ...]) -> dict[str, list[dict[str, Any]]]:
    converter = _converter()
    return {
        kind: [
            _without_none(record)
            for record in converter.unstructure(getattr(data, kind), tuple.__class_getitem__((RECORD_TYPES[kind], ...)))
        ]
        for kind in kinds
    }


def _serialise(raw: dict[str, Any], suffix: str) -> bytes:
    import json  # noqa: PLC0415 - only reading and writing need it

    if suffix == ".toml":
        try:
            return toml_dumps(raw).encode("utf-8")
        except UnicodeEncodeError as error:
            msg = (
                "the data holds text that is not valid Unicode (a lone surrogate), which TOML cannot store: write JSON"
            )
            raise WriteError(msg) from error
    try:
        return (json.dumps(raw, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (JSON's "\ud800", which load accepts) is written as the escape it was read from.
        return (json.dumps(raw, ensure_ascii=True, indent=1) + "\n").encode("ascii")


def _write_all(contents: Mapping[Path, bytes]) -> None:
    """Write every file beside its target, then rename each over it; on failure remove what was written."""
    written: list[tuple[str, Path]] = []
    failing: Path | None = None  # the file being written or put in place when something fails
    try:
        for failing, content in contents.items():
            written.append((_write_beside(failing, content), failing))
        for temporary, failing in written:
            Path(temporary).replace(failing)
    except (OSError, ValueError) as error:
        for temporary, _ in written:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
        raise WriteError(f"cannot write {str(failing)!r}: {_write_reason(error)}") from error


def _write_beside(target: Path, content: bytes) -> str:
    import tempfile  # noqa: PLC0415 - only writing needs it, and it costs a tenth of vnhealth's import

    mode = _mode_for(target)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), mode)
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
    return temporary


def _mode_for(target: Path) -> int:
    """A replaced file keeps its permissions; a new one gets what the umask gives, as any file the user writes."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux says it without changing it
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)  # elsewhere: read it by setting it, and put it back at once
    os.umask(current)
    return current


def _write_reason(error: BaseException) -> str:
    if isinstance(error, ValueError):
        return "the path holds a NUL character" if "null" in str(error).lower() else str(error)
    if isinstance(error, OSError):
        return reason(error)
    return str(error)


def _without_none(record: dict[str, Any]) -> dict[str, Any]:
    # TOML has no null, and a missing optional field reads back as None.
    return {key: value for key, value in record.items() if value is not None}
