"""Reading data files into a checked `Records`, all or nothing, and writing them back."""

from __future__ import annotations

import bisect
import functools
import gc
import importlib.resources
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Protocol

import cattrs
import msgspec

from vnhealth._converter import make_converter
from vnhealth._decode import Shapes, make_hook, shape_of
from vnhealth._errors import LoadError, Problem, UnsupportedFormat, WriteError
from vnhealth._records import KINDS, RECORD_TYPES, Records
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


def load(path: str | os.PathLike[str] | None = None) -> Records:
    """Load a dataset: the bundled one, or a user's file or folder of ``.json``/``.toml`` files.

    The bundled dataset is parsed on first use and cached. Loading is all or
    nothing: every problem found (unknown keys, wrong types, bad dates,
    duplicate ids, dangling references, quotes not in their source) is
    reported in one `LoadError`, and no partial dataset is returned.
    """
    if path is None:
        return load_bundled()
    target = Path(path)
    if target.is_dir():
        files = sorted(child for child in target.iterdir() if child.suffix in _SUFFIXES and child.is_file())
        if not files:
            raise LoadError([Problem(file=str(target), path="", message="no .json or .toml data files in this folder")])
    elif target.is_file():
        files = [target]
    else:
        raise LoadError([Problem(file=str(target), path="", message="no such file or folder")])
    return _load_files([(str(file), file, file.parent) for file in files])


def load_bundled() -> Records:
    """The records that ship with vnhealth, read afresh (`vnhealth.load` caches them)."""
    root = importlib.resources.files("vnhealth") / "data"
    files = sorted((child for child in root.iterdir() if child.name.endswith(_SUFFIXES)), key=lambda c: c.name)
    return _load_files([(f"vnhealth/data/{file.name}", file, root) for file in files])


def data_version() -> str:
    """The version of the bundled data, separate from the package's version."""
    return (importlib.resources.files("vnhealth") / "data" / "DATA_VERSION").read_text("utf-8").strip()


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


def _load_files(files: list[tuple[str, Traversable, Traversable]]) -> Records:
    # Parsing and building create hundreds of thousands of objects, none of them garbage: left
    # running, the collector would scan them over and over (it dominates the time of a large load).
    # The caller's setting is restored whatever happens; nothing is frozen or left changed.
    enabled = gc.isenabled()
    gc.disable()
    try:
        decoded = _decode_all(files)
        if decoded is None:
            return _load_checked(files)
        data = Records(**decoded)
        if next(find_problems(data), None) is not None:
            return _load_checked(files)  # which says where each problem is
        return data
    finally:
        if enabled:
            gc.enable()


def _decode_all(files: list[tuple[str, Traversable, Traversable]]) -> dict[str, tuple[Any, ...]] | None:
    """The records of every file, decoded by msgspec; None if anything is wrong (the checked path says what)."""
    shapes, document_shape, decoder = _decoding()
    if shapes.direct != frozenset(shapes.shapes):
        return None  # a record type msgspec cannot build as its __init__ would: build them all through cattrs
    hook = make_hook()
    gathered: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    try:
        for _, file, base in files:
            if file.name.endswith(".toml"):
                import tomllib  # noqa: PLC0415 - only loading needs it, and only for TOML files

                document = msgspec.convert(tomllib.loads(file.read_text("utf-8")), document_shape, dec_hook=hook)
            else:
                document = decoder.decode(file.read_bytes())
            for kind in KINDS:
                records = getattr(document, kind)
                if kind == "sources":
                    records = [_source_with_text(record, base) for record in records]
                gathered[kind].extend(records)
        # msgspec builds each record as attrs would, running the model's validators (not its converters).
        return {
            kind: msgspec.convert(gathered[kind], tuple[record_type, ...], from_attributes=True, dec_hook=hook)  # type: ignore[valid-type]
            for kind, record_type in RECORD_TYPES.items()
        }
    except Exception:  # noqa: BLE001 - any failure is redone by the checked path, which reports every problem
        return None


def _source_with_text(shape: Any, base: Traversable) -> Any:
    """A source's fields, with its text read from its ``text_file`` (any problem: ValueError)."""
    fields = msgspec.structs.asdict(shape)
    name = fields.pop(_TEXT_FILE)
    if name is None:
        return fields
    if fields["text"] is not None or Path(name).is_absolute() or ".." in Path(name).parts:
        raise ValueError(name)
    fields["text"] = base.joinpath(*Path(name).parts).read_text("utf-8")
    return fields


def _load_checked(files: list[tuple[str, Traversable, Traversable]]) -> Records:
    problems: list[Problem] = []
    unreadable = False
    merged: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    origins: dict[str, _Runs] = {kind: _Runs() for kind in KINDS}
    for label, file, base in files:
        document = _read(label, file, problems)
        if document is None:
            unreadable = True
            continue
        for kind, records in document.items():
            if kind == "sources":
                records = [  # noqa: PLW2901 - the same records, with their text files read
                    _with_text(label, index, record, base, problems)
                    if isinstance(record, dict) and _TEXT_FILE in record
                    else record
                    for index, record in enumerate(records)
                ]
            merged[kind].extend(records)
            origins[kind].add(label, len(records))
    if unreadable:
        # Checking references against a file that could not be read would only add noise.
        raise LoadError(problems)
    data = _structure(merged, origins, problems)
    problems.extend(_locate(problem, origins) for problem in find_problems(data))
    if problems:
        raise LoadError(problems)
    return data


def _read(label: str, file: Traversable, problems: list[Problem]) -> dict[str, list[Any]] | None:
    try:
        text = file.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(file=label, path="", message=f"cannot read the file: {error}"))
        return None
    try:
        # Imported here: json and tomllib are a tenth of vnhealth's own import time, and only loading needs them.
        import json  # noqa: PLC0415
        import tomllib  # noqa: PLC0415

        document = tomllib.loads(text) if file.name.endswith(".toml") else json.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(Problem(file=label, path="", message=f"not valid TOML: {error}"))
        return None
    except json.JSONDecodeError as error:
        problems.append(Problem(file=label, path=f"line {error.lineno}", message=f"not valid JSON: {error.msg}"))
        return None
    except RecursionError:
        problems.append(Problem(file=label, path="", message="nested too deeply to read"))
        return None
    if not isinstance(document, dict):
        problems.append(Problem(file=label, path="", message="expected a table of record lists at the top"))
        return None
    usable = {}
    for key, value in document.items():
        if key not in RECORD_TYPES:
            expected = ", ".join(KINDS)
            problems.append(Problem(file=label, path=str(key), message=f"unknown key (expected {expected})"))
        elif not isinstance(value, list):
            problems.append(Problem(file=label, path=key, message=f"expected a list of records, not {_kind_of(value)}"))
        else:
            usable[key] = value
    return usable


def _with_text(
    label: str, index: int, record: dict[str, Any], base: Traversable, problems: list[Problem]
) -> dict[str, Any]:
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
    # A data file names texts beside it; it must not reach into the rest of the disk.
    if Path(name).is_absolute() or ".." in Path(name).parts:
        message = f"{name!r} is outside the data file's folder: name a file in it or below it"
        problems.append(Problem(file=label, path=path, message=message))
        return rest
    try:
        text = base.joinpath(*Path(name).parts).read_text("utf-8")
    except (OSError, ValueError) as error:  # ValueError: undecodable bytes, or a NUL in the name
        problems.append(Problem(file=label, path=path, message=f"cannot read {name!r}: {error}"))
        return rest
    return {**rest, "text": text}


def _structure(merged: dict[str, list[Any]], origins: Mapping[str, _Origins], problems: list[Problem]) -> Records:
    built: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    kept: dict[str, list[tuple[str, int]]] = {kind: [] for kind in KINDS}
    found = list(_detailed_problems(_converter(), merged, origins, built, kept))
    if not found and not problems:
        return Records(**{kind: tuple(records) for kind, records in built.items()})
    # Check what did build as well, so that one run reports every kind of problem.
    partial = Records(**{kind: tuple(records) for kind, records in built.items()})
    found.extend(_locate(problem, kept) for problem in find_problems(partial))
    raise LoadError([*problems, *found])


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
                for message in cattrs.transform_error(error, path=where, format_exception=_describe):
                    text, _, path = message.rpartition(" @ ")
                    yield Problem(file=label, path=path, message=text)
            except Exception as error:  # noqa: BLE001 - validators raise what they raise; report it
                yield Problem(file=label, path=where, message=_describe(error, None))


def _describe(error: BaseException, type_: Any) -> str:
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(sorted(map(repr, error.extra_fields)))}"
    name = getattr(type_, "__name__", None)
    detail = str(error) or type(error).__name__
    return f"invalid value for {name}: {detail}" if name else detail


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


def dump(data: Records, path: str | os.PathLike[str]) -> None:
    """Write ``data`` to a ``.json`` or ``.toml`` file; the file is replaced whole or not at all."""
    import json  # noqa: PLC0415 - only needed for reading and writing

    from vnhealth._toml import dumps as toml_dumps  # noqa: PLC0415 - only needed for writing

    target = Path(path)
    if target.suffix not in _SUFFIXES:
        msg = f"cannot write {target.name!r}: give a file name ending in .json or .toml"
        raise UnsupportedFormat(msg)
    converter = _converter()
    raw = {
        kind: [_without_none(record) for record in converter.unstructure(getattr(data, kind), tuple[record_type, ...])]  # type: ignore[valid-type]
        for kind, record_type in RECORD_TYPES.items()
    }
    text = toml_dumps(raw) if target.suffix == ".toml" else json.dumps(raw, ensure_ascii=False, indent=1) + "\n"
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        Path(temporary).replace(target)
    except OSError as error:
        msg = f"cannot write {str(target)!r}: {error.strerror or error}"
        raise WriteError(msg) from error


def _without_none(record: dict[str, Any]) -> dict[str, Any]:
    # TOML has no null, and a missing optional field reads back as None.
    return {key: value for key, value in record.items() if value is not None}
