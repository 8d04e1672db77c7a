"""The mutation engine: valid vnhealth data in, hostile inputs out, each described as plain data.

A `Case` is a small file-system layout (files, folders, symlinks, FIFOs,
permission changes) plus the path to hand to `vnhealth.load`. It is built in
the campaign's process, deterministically from ``(seed, index)``, and
materialised by a worker, so any input can be replayed from its two numbers.

Mutations that plant a bad value at a known place record it in ``Case.plant``:
the campaign then checks that the `LoadError` has a `Problem` at that path.

Only vnhealth's public API is used: ``vnhealth.load()`` for the bundled data,
``Dataset.dump`` to write it as JSON and TOML, `LoadError.problems`.
"""

from __future__ import annotations

import json
import math
import random
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import msgspec

import vnhealth

KINDS = ("sources", "officials", "resolutions", "events", "directives", "indicators", "observations", "targets")
MARKER = "VNHEALTH-FUZZ-OUTSIDE-MARKER"
"""Written into every file that lies outside a data folder: finding it in a Dataset means the loader read it."""

_ISO_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}){0,2}")


@attrs.frozen(kw_only=True)
class Entry:
    """One thing to create: ``file`` (with bytes), ``dir``, ``symlink`` (to ``target``), ``fifo``, or ``chmod``."""

    kind: str
    path: str
    data: bytes = b""
    target: str = ""
    mode: int = 0


@attrs.frozen(kw_only=True)
class Plant:
    """A bad value put at ``path`` (``directives[3].issued_on``): a Problem must name it.

    An empty ``path`` is a problem of a whole file (a dangling link, a link out of
    the folder): any Problem will do, but a Dataset is a miss.

    ``record_ok``: a problem at the enclosing record also counts (an unknown key is reported there).
    ``cascade_from``: a source or indicator made invalid; records citing it must not be reported
    as citing an unknown one.
    """

    path: str
    record_ok: bool = False
    cascade_from: str = ""
    certain: bool = True
    """The planted value is invalid whatever else the input holds: a Dataset means it was accepted."""


@attrs.frozen(kw_only=True)
class Case:
    """One input: what to create, what to load, what was planted, and which mutator made it."""

    seed: int
    index: int
    mutator: str
    entries: tuple[Entry, ...]
    load: str
    plant: Plant | None = None
    records: dict[str, list[Any]] | None = attrs.field(default=None, eq=False, repr=False)
    """For tree mutations: the mutated records, so a finding can be minimised record by record."""


# -- seeds ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Seeds:
    """The valid starting points: records of the bundled data and of small user datasets."""

    full: dict[str, list[Any]]
    small: tuple[dict[str, list[Any]], ...]
    bundled_files: tuple[tuple[str, bytes], ...]


def build_seeds(small_count: int = 6, seed: int = 0) -> Seeds:
    """The bundled dataset dumped as JSON (its records as plain data), and small valid subsets of it.

    A subset starts as a random handful of records of each kind; records the
    loader reports problems for (a citation of a source left out, ...) are
    dropped until it loads. So every seed is valid by vnhealth's own word.
    """
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "all.json"
        vnhealth.load().dump(out)
        full: dict[str, list[Any]] = json.loads(out.read_text(encoding="utf-8"))
    rng = random.Random(f"seeds:{seed}")
    small = []
    for number in range(small_count):
        keep = 2 + number * 2
        subset = {kind: rng.sample(records, min(keep, len(records))) for kind, records in full.items()}
        small.append(_until_valid(subset))
    bundled = importlib_files()
    return Seeds(full=full, small=tuple(small), bundled_files=bundled)


def importlib_files() -> tuple[tuple[str, bytes], ...]:
    """The bundled data folder as shipped: its TOML files and the article texts they name."""
    import importlib.resources  # noqa: PLC0415 - only for the seeds

    root = importlib.resources.files("vnhealth") / "data"
    files: list[tuple[str, bytes]] = []
    for item in root.iterdir():
        if item.name.endswith(".toml"):
            files.append((item.name, item.read_bytes()))
        elif item.name == "sources" and item.is_dir():
            files.extend((f"sources/{text.name}", text.read_bytes()) for text in item.iterdir() if text.is_file())
    return tuple(sorted(files))


_PROBLEM_RECORD = re.compile(r"(?P<kind>\w+)\[(?P<index>\d+)\]")


def _until_valid(records: dict[str, list[Any]]) -> dict[str, list[Any]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.json"
        for _ in range(200):
            path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
            try:
                vnhealth.load(path)
            except vnhealth.LoadError as error:
                doomed: dict[str, set[int]] = {}
                for problem in error.problems:
                    match = _PROBLEM_RECORD.match(problem.path)
                    if match:
                        doomed.setdefault(match["kind"], set()).add(int(match["index"]))
                if not doomed:
                    return {kind: [] for kind in records}
                records = {
                    kind: [item for index, item in enumerate(items) if index not in doomed.get(kind, set())]
                    for kind, items in records.items()
                }
            else:
                return records
    msg = "a seed would not become valid"
    raise RuntimeError(msg)


# -- serialising: our own writers, so they can write what a careful writer never would ---


def to_json(value: Any, *, duplicate: tuple[str, str, Any] | None = None) -> str:
    """JSON text; ``duplicate=(record_path, key, value)`` writes that key twice in that record."""
    return json.dumps(value, ensure_ascii=False, allow_nan=True) if duplicate is None else _json_dup(value, duplicate)


def _json_dup(records: dict[str, list[Any]], duplicate: tuple[str, str, Any]) -> str:
    path, key, extra = duplicate
    kind, index = _PROBLEM_RECORD.match(path).groups()  # type: ignore[union-attr]
    parts = []
    for name, items in records.items():
        texts = []
        for number, item in enumerate(items):
            text = json.dumps(item, ensure_ascii=False)
            if name == kind and number == int(index) and text.startswith("{"):
                # The bad value first: a parser where the last value wins hides it.
                text = "{" + json.dumps(key) + ": " + json.dumps(extra) + ", " + text[1:]
            texts.append(text)
        parts.append(json.dumps(name) + ": [" + ", ".join(texts) + "]")
    return "{" + ", ".join(parts) + "}"


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


_TOML_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')


def _toml_string(text: str) -> str:
    return '"' + _TOML_ESCAPE.sub(lambda match: f"\\u{ord(match[0]):04x}", text) + '"'


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr_int(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        # Inside a table a null is left out, as vnhealth's own writer does (a baseline with no value).
        fields = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items() if v is not None)
        return "{" + fields + "}"
    if value is None:  # TOML has no null: the key is written as an empty inline table instead
        return "{}"
    return _toml_string(str(value))


def repr_int(value: int) -> str:
    """An int's digits, however many (``str()`` refuses more than 4,300)."""
    if abs(value) < 10**4000:
        return str(value)
    return ("-" if value < 0 else "") + _big_digits(abs(value))


def _big_digits(value: int) -> str:
    chunks = []
    while value:
        value, rest = divmod(value, 10**1000)
        chunks.append(f"{rest:01000d}")
    return "".join(reversed(chunks)).lstrip("0") or "0"


def to_toml(records: dict[str, Any]) -> str:
    """TOML text: each kind an array of tables, nested values inline."""
    lines = []
    for kind, items in records.items():
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            lines.insert(0, f"{_toml_key(kind)} = {_toml_value(items)}")
            continue
        for item in items:
            lines.append(f"[[{_toml_key(kind)}]]")
            lines.extend(f"{_toml_key(key)} = {_toml_value(value)}" for key, value in item.items())
            lines.append("")
    return "\n".join(lines) + "\n"


def dumps(records: Any, fmt: str) -> bytes:
    """Records as ``json`` or ``toml`` bytes (lone surrogates kept, as a careless writer would)."""
    text = to_toml(records) if fmt == "toml" else _json_text(records, ascii_only=fmt == "ascii.json")
    return _deepen(text).encode("utf-8", "surrogatepass")


def _json_text(value: Any, *, ascii_only: bool = False) -> str:
    """JSON text; ``ascii_only`` writes non-ASCII as escapes, so a lone surrogate is ``"\\ud800"``, valid JSON."""
    try:  # the standard writer, in C, writes the same text for all but integers of over 4,300 digits
        return json.dumps(value, ensure_ascii=ascii_only, allow_nan=True)
    except ValueError:
        return _json_text_by_hand(value, ascii_only=ascii_only)


def _json_text_by_hand(value: Any, *, ascii_only: bool = False) -> str:
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{json.dumps(k, ensure_ascii=ascii_only)}: {_json_text_by_hand(v, ascii_only=ascii_only)}"
                for k, v in value.items()
            )
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_json_text_by_hand(item, ascii_only=ascii_only) for item in value) + "]"
    if isinstance(value, int) and not isinstance(value, bool):
        return repr_int(value)
    return json.dumps(value, ensure_ascii=ascii_only, allow_nan=True)


# -- the mutators --------------------------------------------------------------------

Tree = dict[str, list[Any]]
TreeMutator = Callable[[random.Random, Tree], Plant | None]

HOSTILE_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\u202eevil\u202c",
    "e" + "\u0301" * 200,
    "\ufeff",
    "\u2028",
    "Đ" * 5,
    "🇻🇳",
    "\\",
    '"',
    "'; DROP TABLE sources; --",
    "../../etc/passwd",
    "x" * 100_000,
]
BAD_DATES: list[Any] = [
    "٢٠٢٥-٠١-٠١",
    "٢٠٢٥",
    "２０２５-０１",
    "2025-0१-01",
    "2025-13-01",
    "2025-02-30",
    "0000-01-01",
    "05/01/2024",
    "2025-1-1",
    "2025-01-01T00:00:00",
    "",
    " ",
    "99999",
    0,
    -1,
    10_000,
    10**5000,
    True,
    1.5,
    [],
    {},
    "2025-01-01\x00",
]
HUGE_NUMBERS: list[Any] = [
    10**5000,
    -(10**5000),
    10**4300,
    2**64,
    -(2**63) - 1,
    float("nan"),
    float("inf"),
    -0.0,
    1e308,
]


def _records(tree: Tree) -> list[tuple[str, int, dict[str, Any]]]:
    return [
        (kind, index, item)
        for kind, items in tree.items()
        if isinstance(items, list)
        for index, item in enumerate(items)
        if isinstance(item, dict)
    ]


def _pick(rng: random.Random, tree: Tree) -> tuple[str, int, dict[str, Any]] | None:
    records = _records(tree)
    return rng.choice(records) if records else None


def _fields(record: dict[str, Any], prefix: str) -> list[tuple[str, dict[str, Any] | list[Any], Any, Any]]:
    """Every (path, container, key, value) under a record, nested ones included."""
    found: list[tuple[str, dict[str, Any] | list[Any], Any, Any]] = []

    def walk(container: dict[str, Any] | list[Any], path: str, depth: int = 0) -> None:
        if depth > 20:
            return
        pairs = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in list(pairs):
            here = f"{path}.{key}" if isinstance(container, dict) else f"{path}[{key}]"
            found.append((here, container, key, value))
            if isinstance(value, dict | list):
                walk(value, here, depth + 1)

    walk(record, prefix)
    return found


def drop_key(rng: random.Random, tree: Tree) -> Plant | None:
    """Remove a key of a record (required ones are reported missing; optional ones may be fine)."""
    picked = _pick(rng, tree)
    if picked and picked[2]:
        picked[2].pop(rng.choice(list(picked[2])))
    return None


def duplicate_record(rng: random.Random, tree: Tree) -> Plant | None:
    """Repeat a record: its id is then a duplicate."""
    picked = _pick(rng, tree)
    if picked:
        kind, _, record = picked
        tree[kind].append(_json_copy(record))
        if "id" in record:
            return Plant(path=f"{kind}[{len(tree[kind]) - 1}].id")
    return None


def _json_copy(value: Any) -> Any:
    """``value`` as a JSON round trip gives it back, even with an int of over 4,300 digits in it.

    A first mutation may have planted such an int; ``json`` refuses it under the default limit.
    """
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return json.loads(json.dumps(value))
    finally:
        sys.set_int_max_str_digits(limit)


def rename_key(rng: random.Random, tree: Tree) -> Plant | None:
    """Rename a key to one no record has: an unknown key is reported at the record."""
    picked = _pick(rng, tree)
    if not picked or not picked[2]:
        return None
    kind, index, record = picked
    key = rng.choice(list(record))
    new = rng.choice(["zz_" + key, key.upper(), key + " ", "\u0000" + key, "Id", "ｉｄ"])
    record[new] = record.pop(key)
    return Plant(path=f"{kind}[{index}]", record_ok=True)


def wrong_nesting(rng: random.Random, tree: Tree) -> Plant | None:
    """Wrap a value in a list or a table, or a record in a list."""
    picked = _pick(rng, tree)
    if not picked:
        return None
    kind, index, record = picked
    if rng.random() < 0.3:
        tree[kind][index] = [record]
        return Plant(path=f"{kind}[{index}]", record_ok=True)
    fields = _fields(record, f"{kind}[{index}]")
    path, container, key, value = rng.choice(fields)
    container[key] = rng.choice([[value], {"value": value}, [[value]]])
    return Plant(path=path, record_ok=True)


def wrong_type(rng: random.Random, tree: Tree) -> Plant | None:
    """Replace a value with one of another type."""
    picked = _pick(rng, tree)
    if not picked:
        return None
    kind, index, record = picked
    path, container, key, value = rng.choice(_fields(record, f"{kind}[{index}]"))
    choices: list[Any] = [None, True, 7, 1.5, {"a": 1}, [1, 2]]
    if isinstance(value, str):
        choices = [None, True, 7, 1.5, {"a": 1}, [value]]
    elif isinstance(value, list):
        choices = [None, True, 7, "x", {"a": 1}]
    elif isinstance(value, dict):
        choices = [None, True, 7, "x", [value]]
    elif isinstance(value, int | float) and not isinstance(value, bool):
        choices = [None, True, "7", [value], {"a": value}]
    container[key] = new = rng.choice(choices)
    # None may be a valid value of an optional field, a whole number is a valid period (a bare
    # year, as TOML writes it), and an optional field that held None may hold a number or a text:
    # then only a LoadError is judged.
    year = isinstance(new, int) and not isinstance(new, bool) and key in _PERIOD_FIELDS
    return Plant(path=path, record_ok=True, certain=value is not None and new is not None and not year)


_PERIOD_FIELDS = frozenset({"as_of", "deadline", "holds_from", "baseline_period", "period"})
"""Fields whose value is a period: a whole number there is a year, not a wrong type."""


def bad_date(rng: random.Random, tree: Tree) -> Plant | None:
    """Put a bad date (non-ASCII digits, impossible days, other forms, wrong types) where a date is."""
    dated = [
        (path, container, key)
        for kind, index, record in _records(tree)
        for path, container, key, value in _fields(record, f"{kind}[{index}]")
        if isinstance(value, str) and _ISO_DATE.fullmatch(value) and isinstance(key, str)
    ]
    if not dated:
        return None
    path, container, key = rng.choice(dated)
    container[key] = rng.choice(BAD_DATES)
    return Plant(path=path)


def huge_number(rng: random.Random, tree: Tree) -> Plant | None:
    """Put a 5,000-digit int, NaN or infinity where a number is (or anywhere)."""
    numbered = [
        (path, container, key)
        for kind, index, record in _records(tree)
        for path, container, key, value in _fields(record, f"{kind}[{index}]")
        if isinstance(value, int | float) and not isinstance(value, bool)
    ]
    if not numbered:
        return None
    path, container, key = rng.choice(numbered)
    value = rng.choice(HUGE_NUMBERS)
    container[key] = value
    # A finite number may be a valid value (and a 5,000-digit one fails in the parser, before any field):
    # only NaN and infinity are certainly wrong where a number is.
    return Plant(path=path) if isinstance(value, float) and not math.isfinite(value) else None


def zero_ordinal(rng: random.Random, tree: Tree) -> Plant | None:
    """``ordinal = 0`` (or negative) on a directive: reported at the field."""
    with_ordinal = [(kind, index, record) for kind, index, record in _records(tree) if "ordinal" in record]
    if not with_ordinal:
        return None
    kind, index, record = rng.choice(with_ordinal)
    record["ordinal"] = rng.choice([0, -1, -(10**20)])
    return Plant(path=f"{kind}[{index}].ordinal")


def hostile_unicode(rng: random.Random, tree: Tree) -> Plant | None:
    """Put surrogates, NUL, RTL marks, stacked combining marks ... into a string value."""
    texts = [
        (container, key, value)
        for kind, index, record in _records(tree)
        for _, container, key, value in _fields(record, f"{kind}[{index}]")
        if isinstance(value, str)
    ]
    if texts:
        container, key, value = rng.choice(texts)
        bad = rng.choice(HOSTILE_STRINGS)
        where = rng.randrange(len(value) + 1)
        container[key] = rng.choice([bad, value[:where] + bad + value[where:]])
    return None


def string_for_list(rng: random.Random, tree: Tree) -> Plant | None:
    """A (long) string where a list of records or values is expected: one problem, not one per character."""
    lists = [
        (path, container, key)
        for kind, index, record in _records(tree)
        for path, container, key, value in _fields(record, f"{kind}[{index}]")
        if isinstance(value, list)
    ]
    if lists and rng.random() < 0.8:
        path, container, key = rng.choice(lists)
        container[key] = "x" * rng.choice([1, 1000, 300_000])
        return Plant(path=path)
    kind = rng.choice([kind for kind in KINDS if kind in tree] or ["sources"])
    tree[kind] = "x" * rng.choice([1, 1000, 300_000])  # type: ignore[assignment]
    return Plant(path=kind, record_ok=True)


def dangling_reference(rng: random.Random, tree: Tree) -> Plant | None:
    """Cite a source that does not exist."""
    citing = [
        (path, container)
        for kind, index, record in _records(tree)
        for path, container, key, _ in _fields(record, f"{kind}[{index}]")
        if key == "source" and isinstance(container, dict) and "quote" in container
    ]
    if not citing:
        return None
    path, container = rng.choice(citing)
    container["source"] = "no-such-source-" + str(rng.randrange(1000))
    return Plant(path=path)


def broken_source(rng: random.Random, tree: Tree) -> Plant | None:
    """Break a field of a cited source or indicator: its citers must not be reported as citing an unknown one."""
    candidates = [(kind, index, record) for kind, index, record in _records(tree) if kind in {"sources", "indicators"}]
    if not candidates:
        return None
    kind, index, record = rng.choice(candidates)
    field = "url" if kind == "sources" and "url" in record else "unit" if "unit" in record else None
    if field is None:
        return None
    record[field] = 12345
    return Plant(path=f"{kind}[{index}].{field}", cascade_from=str(record.get("id", "")))


def huge_enum(rng: random.Random, tree: Tree) -> Plant | None:
    """A huge bad value for a closed vocabulary (a unit, a theme): the message must not repeat it."""
    enums = [
        (path, container, key)
        for kind, index, record in _records(tree)
        for path, container, key, value in _fields(record, f"{kind}[{index}]")
        if key in {"unit", "comparator", "qualifier", "direction", "kind"} and isinstance(value, str)
    ]
    if not enums:
        return None
    path, container, key = rng.choice(enums)
    container[key] = "q" * rng.choice([100, 2_000_000])
    return Plant(path=path)


DEEP = re.compile(r'"__deep_(\d+)__"')


def deep_nesting(rng: random.Random, tree: Tree) -> Plant | None:
    """A value nested thousands deep: the parser's recursion limit must become a LoadError.

    Held as a placeholder string until written out, so the mutators' own walks stay shallow.
    """
    picked = _pick(rng, tree)
    if picked:
        depth = rng.choice([100, 5_000, 100_000])
        picked[2][rng.choice(list(picked[2]) or ["id"])] = f"__deep_{depth}__"
    return None


def _deepen(text: str) -> str:
    return DEEP.sub(lambda match: "[" * int(match[1]) + '"x"' + "]" * int(match[1]), text)


def quote_not_in_source(rng: random.Random, tree: Tree) -> Plant | None:
    """Change a quote so it is no longer a span of its source's text."""
    # Only quotes of sources that ship their text can be checked; the others are cited by address.
    with_text = {
        record.get("id")
        for kind, _, record in _records(tree)
        if kind == "sources" and isinstance(record.get("text"), str) and isinstance(record.get("id"), str)
    }
    quotes = [
        (path, container)
        for kind, index, record in _records(tree)
        for path, container, key, value in _fields(record, f"{kind}[{index}]")
        if key == "quote"
        and isinstance(container, dict)
        and isinstance(value, str)
        and isinstance(container.get("source"), str)  # an earlier mutation may have put a table there
        and container.get("source") in with_text
    ]
    if not quotes:
        return None
    path, container = rng.choice(quotes)
    container["quote"] = container["quote"] + " — fabricated " + str(rng.randrange(10**6))
    return Plant(path=path)


TREE_MUTATORS: dict[str, TreeMutator] = {
    "drop_key": drop_key,
    "duplicate_record": duplicate_record,
    "rename_key": rename_key,
    "wrong_nesting": wrong_nesting,
    "wrong_type": wrong_type,
    "bad_date": bad_date,
    "huge_number": huge_number,
    "zero_ordinal": zero_ordinal,
    "hostile_unicode": hostile_unicode,
    "string_for_list": string_for_list,
    "dangling_reference": dangling_reference,
    "broken_source": broken_source,
    "huge_enum": huge_enum,
    "deep_nesting": deep_nesting,
    "quote_not_in_source": quote_not_in_source,
}


# -- byte mutations: what a disk, an editor or an attacker does to a file ------------------


def byte_mutation(rng: random.Random, data: bytes) -> bytes:
    """Truncate, flip, insert invalid UTF-8, prepend a BOM, or replace the whole file."""
    choice = rng.randrange(9)
    if choice == 0 and data:
        return data[: rng.randrange(len(data))]
    if choice == 1 and data:
        position = rng.randrange(len(data))
        return data[:position] + bytes([rng.randrange(256)]) + data[position + 1 :]
    if choice == 2:
        position = rng.randrange(len(data) + 1)
        return (
            data[:position]
            + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\r", b"\x1b["])
            + data[position:]
        )
    if choice == 3:
        return b"\xef\xbb\xbf" + data
    if choice == 4:
        return rng.choice([b"", b"null", b"[]", b"{}", b"1", b'"x"', b"{" * 100_000, b"[" * 100_000, b"\x00" * 64])
    if choice == 5:
        return rng.choice([b"1" * 5000, b"x = " + b"1" * 5000, b'{"sources": ' + b"9" * 5000 + b"}"])
    if choice == 6:
        return rng.choice(
            [b'{"sources": NaN}', b'{"sources": [], "sources": []}', b"sources = nan\n", b"x = 1979-05-27T07:32:00Z\n"]
        )
    if choice == 7 and data:
        start = rng.randrange(len(data))
        return data + data[start : start + rng.randrange(1, 4096)]
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 512)))


# -- building a case -----------------------------------------------------------------


def _file(path: str, data: bytes) -> Entry:
    return Entry(kind="file", path=path, data=data)


def _outside(name: str) -> Entry:
    """A file beside the data folder, never to be read: its contents carry the marker."""
    return _file(f"outside/{name}", f"{MARKER} {name}\n".encode())


def make_case(seeds: Seeds, seed: int, index: int) -> Case:
    """The input number ``index`` of the campaign ``seed``: the same two numbers, the same input."""
    rng = random.Random(f"{seed}:{index}")
    family = rng.choices(["tree", "bytes", "layout", "text_file"], weights=[60, 12, 16, 12])[0]
    if family == "tree":
        return _tree_case(rng, seeds, seed, index)
    if family == "bytes":
        return _bytes_case(rng, seeds, seed, index)
    if family == "layout":
        return _layout_case(rng, seeds, seed, index)
    return _text_file_case(rng, seeds, seed, index)


def _base_tree(rng: random.Random, seeds: Seeds) -> Tree:
    base = seeds.full if rng.random() < 0.25 else rng.choice(seeds.small)
    return msgspec.json.decode(msgspec.json.encode(base))  # a deep copy, in C


def tree_entries(tree: Any, fmt: str, duplicate: tuple[str, str, Any] | None = None) -> tuple[Entry, ...]:
    """The entries for one data file holding ``tree``."""
    if duplicate:
        data = _deepen(to_json(tree, duplicate=duplicate)).encode("utf-8", "surrogatepass")
    else:
        data = dumps(tree, fmt)
    return (_file(f"data/records.{fmt}", data),)


def _tree_case(rng: random.Random, seeds: Seeds, seed: int, index: int) -> Case:
    tree = _base_tree(rng, seeds)
    fmt = rng.choice(["json", "toml"])
    if rng.random() < 0.08:
        picked = _pick(rng, tree)
        if picked and "id" in picked[2]:
            kind, number, _ = picked
            # A duplicate key, the bad value first: only a parser that rejects duplicates sees it.
            duplicate = (f"{kind}[{number}]", "id", 12345)
            return Case(
                seed=seed,
                index=index,
                mutator="duplicate_json_key",
                entries=tree_entries(tree, "json", duplicate),
                load="data/records.json",
                plant=Plant(path=f"{kind}[{number}].id", record_ok=True),
                records=tree,
            )
    name = rng.choice(sorted(TREE_MUTATORS))
    plant = TREE_MUTATORS[name](rng, tree)
    written = "ascii.json" if fmt == "json" and rng.random() < 0.3 else fmt  # escapes: lone surrogates parse
    if rng.random() < 0.15:  # a second mutation on top: interactions, and plants hidden by other problems
        second = rng.choice(sorted(TREE_MUTATORS))
        TREE_MUTATORS[second](rng, tree)
        name = f"{name}+{second}"
        plant = None  # the second may have removed what the first planted
    return Case(
        seed=seed,
        index=index,
        mutator=f"{name}/{written}",
        entries=tree_entries(tree, written),
        load=f"data/records.{written}",
        plant=plant,
        records=tree,
    )


def _bytes_case(rng: random.Random, seeds: Seeds, seed: int, index: int) -> Case:
    fmt = rng.choice(["json", "toml"])
    data = dumps(_base_tree(rng, seeds), fmt)
    for _ in range(rng.randint(1, 3)):
        data = byte_mutation(rng, data)
    return Case(
        seed=seed, index=index, mutator=f"bytes/{fmt}", entries=(_file(f"data/x.{fmt}", data),), load=f"data/x.{fmt}"
    )


def _split(tree: Tree, fmt: str, folder: str) -> list[Entry]:
    """A folder with one file per kind of record, as a user keeps their data."""
    return [_file(f"{folder}/{kind}.{fmt}", dumps({kind: items}, fmt)) for kind, items in tree.items() if items]


def _layout_case(rng: random.Random, seeds: Seeds, seed: int, index: int) -> Case:
    tree = _base_tree(rng, seeds)
    fmt = rng.choice(["json", "toml"])
    entries = [_outside("secret.json"), _outside("passwd")]
    trick = rng.choice(
        [
            "split_folder",
            "bundled_folder",
            "nested_folder",
            "symlink_inside",
            "symlink_outside",
            "symlink_dir_outside",
            "dangling_link",
            "link_loop",
            "fifo_data",
            "dev_zero_data",
            "unreadable_file",
            "unreadable_folder",
            "unlistable_folder",
            "long_path",
            "empty_folder",
            "not_data_suffix",
            "mixed_formats",
        ]
    )
    load = "data"
    if trick == "bundled_folder":
        entries += [_file(f"data/{name}", data) for name, data in seeds.bundled_files]
    else:
        entries += _split(tree, fmt, "data")
    if trick == "nested_folder":
        entries.append(_file(f"data/more/deeper/extra.{fmt}", dumps(tree, fmt)))
    elif trick == "symlink_inside":
        entries.append(Entry(kind="symlink", path=f"data/alias.{fmt}", target=f"{next(iter(tree))}.{fmt}"))
    elif trick == "symlink_outside":
        entries.append(Entry(kind="symlink", path="data/zz.json", target="../outside/secret.json"))
    elif trick == "symlink_dir_outside":
        entries.append(Entry(kind="symlink", path="data/sub", target="../outside"))
    elif trick == "dangling_link":
        entries.append(Entry(kind="symlink", path="data/gone.json", target="nowhere.json"))
    elif trick == "link_loop":
        entries.append(Entry(kind="symlink", path="data/loop.json", target="loop.json"))
    elif trick == "fifo_data":
        entries.append(Entry(kind="fifo", path="data/pipe.json"))
    elif trick == "dev_zero_data":
        entries.append(Entry(kind="symlink", path="data/zero.json", target="/dev/zero"))
    elif trick == "unreadable_file":
        entries.append(Entry(kind="chmod", path=f"data/{next(iter(tree))}.{fmt}", mode=0))
    elif trick == "unreadable_folder":
        entries.append(Entry(kind="chmod", path="data", mode=0))
    elif trick == "unlistable_folder":
        entries.append(Entry(kind="chmod", path="data", mode=0o311))
    elif trick == "long_path":
        deep = "/".join(["d" * 250] * 20)
        entries = [_file(f"{deep}/records.{fmt}", dumps(tree, fmt))]
        load = f"{deep}/records.{fmt}" if rng.random() < 0.5 else deep
    elif trick == "empty_folder":
        entries = [Entry(kind="dir", path="data")]
    elif trick == "not_data_suffix":
        entries.append(_file("data/notes.txt", b"not data"))
        load = rng.choice(["data/notes.txt", "data"])
    elif trick == "mixed_formats":
        entries += _split(tree, "toml" if fmt == "json" else "json", "data")
    refused = {"symlink_outside", "dangling_link", "link_loop", "fifo_data", "dev_zero_data"}
    refused |= {"unreadable_file", "unreadable_folder", "unlistable_folder", "empty_folder"}
    plant = Plant(path="") if trick in refused else None
    return Case(seed=seed, index=index, mutator=f"layout:{trick}/{fmt}", entries=tuple(entries), load=load, plant=plant)


def _text_file_case(rng: random.Random, seeds: Seeds, seed: int, index: int) -> Case:
    """A source whose article is in a text file beside the data: every way that file can be wrong."""
    tree = _base_tree(rng, seeds)
    texts = [(number, record) for number, record in enumerate(tree["sources"]) if isinstance(record.get("text"), str)]
    fmt = rng.choice(["json", "toml"])
    entries = [_outside("passwd"), _outside("article.txt")]
    if not texts:
        return Case(seed=seed, index=index, mutator="text_file:none", entries=tuple(entries), load="data")
    number, source = rng.choice(texts)
    text = source.pop("text")
    trick = rng.choice(
        [
            "plain",
            "symlink_outside",
            "symlink_dir_outside",
            "dotdot",
            "absolute",
            "fifo",
            "dev_zero",
            "directory",
            "missing",
            "not_utf8",
            "nul_in_name",
            "unreadable",
            "huge",
            "dangling",
        ]
    )
    plant_path = f"sources[{number}].text_file"
    name = "articles/a.txt"
    extra: list[Entry] = [_file(f"data/{name}", text.encode("utf-8", "surrogatepass"))]
    plant: Plant | None = Plant(path=plant_path, record_ok=True)
    if trick == "plain":
        plant = None
    elif trick == "symlink_outside":
        extra = [Entry(kind="symlink", path=f"data/{name}", target="../../outside/article.txt")]
    elif trick == "symlink_dir_outside":
        extra = [Entry(kind="symlink", path="data/articles", target="../outside")]
        name = "articles/passwd"
    elif trick == "dotdot":
        name = "../outside/article.txt"
    elif trick == "absolute":
        name = "/etc/passwd"
    elif trick == "fifo":
        extra = [Entry(kind="dir", path="data/articles"), Entry(kind="fifo", path=f"data/{name}")]
    elif trick == "dev_zero":
        extra = [
            Entry(kind="dir", path="data/articles"),
            Entry(kind="symlink", path=f"data/{name}", target="/dev/zero"),
        ]
    elif trick == "directory":
        extra = [Entry(kind="dir", path=f"data/{name}")]
    elif trick == "missing":
        extra = []
    elif trick == "not_utf8":
        extra = [_file(f"data/{name}", b"\xff\xfe" + text.encode("utf-16-le"))]
    elif trick == "nul_in_name":
        name = "articles/a\x00.txt"
    elif trick == "unreadable":
        extra.append(Entry(kind="chmod", path=f"data/{name}", mode=0))
    elif trick == "huge":
        extra = [_file(f"data/{name}", text.encode() + b" " * (64 * 1024 * 1024))]
        plant = None  # a cap on the size is promised but its figure is the loader's to set
    elif trick == "dangling":
        extra = [Entry(kind="dir", path="data/articles"), Entry(kind="symlink", path=f"data/{name}", target="gone.txt")]
    source["text_file"] = name
    entries += [*extra, _file(f"data/records.{fmt}", dumps(tree, fmt))]
    return Case(
        seed=seed,
        index=index,
        mutator=f"text_file:{trick}/{fmt}",
        entries=tuple(entries),
        load=f"data/records.{fmt}",
        plant=plant,
    )
