"""A JSON Schema (Draft 2020-12) of the data-file format, generated from the record classes.

The schema is not written by hand: it walks the attrs classes of the model
and maps each field's type the way `make_converter` reads it. Dates are ISO
date strings, periods ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a bare
year), document numbers strings, vocabularies their lists of values; unknown
keys are refused, and a field is required exactly when it has no default.
"""

from __future__ import annotations

import ast
import copy
import enum
import functools
import inspect
import itertools
import textwrap
import types
import typing
from typing import Any

import attrs
import pendulum

from vnhealth._converter import make_converter
from vnhealth._dates import Period
from vnhealth._docnumber import DocumentNumber
from vnhealth._model import _id
from vnhealth._records import RECORD_TYPES

__all__ = ["json_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_DATE = {
    "type": "string",
    "format": "date",
    "pattern": r"^\d{4}-\d{2}-\d{2}$",
    "description": "An ISO date: YYYY-MM-DD.",
}
_PERIOD = {
    "anyOf": [
        {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
        {"type": "integer", "minimum": 1, "maximum": 9999},
    ],
    "description": "A year, a month or a day: YYYY, YYYY-MM or YYYY-MM-DD (a bare year may be a number).",
}
_NUMBER = {
    "type": "string",
    "minLength": 1,
    "description": "A Vietnamese document number, such as 72-NQ/TW or 282/NQ-CP.",
}
_TEXT_FILE = {
    "type": "string",
    "minLength": 1,
    "description": "Instead of text: the name of a UTF-8 file, relative to the data file, holding the source's text.",
}
_CONSTRAINTS: dict[tuple[str, str], dict[str, Any]] = {
    ("Directive", "ordinal"): {"minimum": 1},
}
"""What a validator checks that its type does not say."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a vnhealth data file, as `vnhealth.load` reads it.

    A fresh copy each call, so it is yours to change. Validate a file with
    ``jsonschema.Draft202012Validator(vnhealth.json_schema()).validate(document)``.
    """
    return copy.deepcopy(_schema())


@functools.cache
def _schema() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    properties = {}
    for kind, record_type in RECORD_TYPES.items():
        properties[kind] = {
            "type": "array",
            "items": _type_schema(record_type, definitions),
            "description": f"The {kind}: {_summary(record_type)}",
        }
    source = definitions["Source"]
    source["properties"]["text_file"] = _TEXT_FILE
    source["not"] = {"required": ["text", "text_file"]}
    return {
        "$schema": DRAFT,
        "title": "vnhealth data file",
        "description": (
            "A .json data file of vnhealth: lists of records by kind. A dataset may be split over several "
            "files; every kind is optional. (TOML files hold the same tables.)"
        ),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


def _type_schema(type_: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    """The schema of one type as the converter reads it; attrs classes go to ``definitions``."""
    origin, arguments = typing.get_origin(type_), typing.get_args(type_)
    if origin in (types.UnionType, typing.Union):
        members = [_type_schema(argument, definitions) for argument in arguments if argument is not type(None)]
        if type(None) in arguments:
            members.append({"type": "null"})
        return members[0] if len(members) == 1 else {"anyOf": members}
    if origin in (tuple, frozenset):
        return {"type": "array", "items": _type_schema(arguments[0], definitions)}
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return {"type": "string", "enum": [member.value for member in type_]}
    if type_ is pendulum.Date:
        return dict(_DATE)
    if type_ is Period:
        return copy.deepcopy(_PERIOD)
    if type_ is DocumentNumber:
        return dict(_NUMBER)
    # Periods and document numbers are attrs classes too, but written as strings: they come first.
    if isinstance(type_, type) and attrs.has(type_):
        if type_.__name__ not in definitions:
            definitions[type_.__name__] = {}  # taken, before recursing
            definitions[type_.__name__] = _record_schema(type_, definitions)
        return {"$ref": f"#/$defs/{type_.__name__}"}
    simple = {str: "string", float: "number", int: "integer", bool: "boolean"}
    if type_ in simple:
        return {"type": simple[type_]}
    msg = f"no JSON Schema for the type {type_!r}: teach vnhealth._schema how the converter reads it"
    raise TypeError(msg)


def _record_schema(record_type: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(record_type)
    docs = _attribute_docs(record_type)
    unstructure = make_converter().unstructure
    properties = {}
    required = []
    for field in attrs.fields(record_type):
        schema = _type_schema(hints[field.name], definitions)
        if field.validator is _id:
            schema = {**schema, "minLength": 1, "pattern": r"\S"}
        schema.update(_CONSTRAINTS.get((record_type.__name__, field.name), {}))
        if field.name in docs:
            schema["description"] = docs[field.name]
        if field.default is attrs.NOTHING:
            required.append(field.name)
        else:
            schema["default"] = unstructure(field.default, hints[field.name])
        properties[field.name] = schema
    return {
        "type": "object",
        "description": _summary(record_type),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _summary(record_type: type) -> str:
    return (inspect.getdoc(record_type) or record_type.__name__).split("\n\n")[0].replace("\n", " ")


def _attribute_docs(record_type: type) -> dict[str, str]:
    """The docstrings written under a class's fields, by field name (none where the source is not available)."""
    try:
        source = textwrap.dedent(inspect.getsource(record_type))
    except (OSError, TypeError):  # pragma: no cover - the package ships its sources
        return {}
    body = typing.cast("ast.ClassDef", ast.parse(source).body[0]).body
    docs = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value).replace("\n", " ")
    return docs
