"""Write data files as TOML (the standard library reads TOML but does not write it).

Only what vnhealth's data files hold: tables of records whose values are
strings, numbers, booleans, lists and nested tables. Records become arrays
of tables; nested tables become inline tables, one per line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

__all__ = ["dumps"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')


def dumps(data: Mapping[str, Sequence[Mapping[str, object]]]) -> str:
    """Records by kind (``{"directives": [{...}, ...]}``) as a TOML document."""
    # Empty kinds go first: after a [[table]] header a plain key would belong to that table.
    blocks = [f"{_key(kind)} = []" for kind, records in data.items() if not records]
    for kind, records in data.items():
        for record in records:
            lines = [f"[[{_key(kind)}]]"]
            lines.extend(f"{_key(key)} = {_value(value, nested=False)}" for key, value in record.items())
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m[0], f"\\u{ord(m[0]):04X}"), text) + '"'


def _value(value: object, *, nested: bool) -> str:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, Mapping):
        # TOML has no null: a key left out of a nested table reads back as its default, None.
        items = ", ".join(
            f"{_key(key)} = {_value(item, nested=True)}" for key, item in value.items() if item is not None
        )
        return "{ " + items + " }" if items else "{}"
    if isinstance(value, Sequence):
        elements = [_value(item, nested=True) for item in value]
        if nested or not any(isinstance(item, Mapping) for item in value):
            return "[" + ", ".join(elements) + "]"
        # Arrays of tables at the top of a record read best one table a line.
        return "[\n" + "".join(f"  {element},\n" for element in elements) + "]"
    msg = f"cannot write {type(value).__name__} to TOML"
    raise TypeError(msg)
