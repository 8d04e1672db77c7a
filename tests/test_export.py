"""Export: a Frictionless Data Package, CSV, Parquet and JSON, and the JSON Schema of the data files."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vnhealth
from test_frames import sample
from vnhealth import Dataset, UnsupportedFormat, WriteError
from vnhealth import strategies as vs
from vnhealth._export import TABLES

# Optional extras: the core-only CI run (.ci/matrix.sh) has none of them and deselects `-m extras`.
try:
    import jsonschema
    import openpyxl
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError:
    pass

TABLE_NAMES = [table.name for table in TABLES]


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    # utf-8-sig reads files with and without a byte-order mark alike.
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def check_package(folder: Path, data: Dataset) -> dict[str, list[dict[str, str]]]:
    """Check a written data package against its descriptor: fields, types, keys; return its tables."""
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["sources"] == [{"title": s.title or s.id, "path": s.url} for s in data.sources]
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    assert list(resources) == TABLE_NAMES
    tables = {}
    for name, resource in resources.items():
        assert resource["path"] == f"{name}.csv"
        header, rows = read_csv(folder / resource["path"])
        fields = resource["schema"]["fields"]
        assert header == [field["name"] for field in fields]
        for field in fields:
            assert field["description"]
            for row in rows:
                check_cell(field["type"], row[field["name"]])
        tables[name] = rows
    for name, resource in resources.items():
        schema = resource["schema"]
        if "primaryKey" in schema:
            keys = [tuple(row[column] for column in schema["primaryKey"]) for row in tables[name]]
            assert len(keys) == len(set(keys)), f"{name}: primary key not unique"
            assert all(all(key) for key in keys)
        for foreign in schema.get("foreignKeys", []):
            (column,) = foreign["fields"]
            (referenced,) = foreign["reference"]["fields"]
            known = {row[referenced] for row in tables[foreign["reference"]["resource"]]}
            for row in tables[name]:
                assert row[column] == "" or row[column] in known, f"{name}.{column}={row[column]!r} dangles"
    return tables


def check_cell(type_: str, text: str) -> None:
    if text == "":
        return
    if type_ == "date":
        dt.date.fromisoformat(text)
    elif type_ == "number":
        float(text)
    elif type_ == "integer":
        int(text)
    elif type_ == "boolean":
        assert text in {"true", "false"}
    elif type_ == "list":
        assert all(item and item == item.strip() for item in text.split("; "))
    else:
        assert type_ == "string"


def test_the_datapackage_declares_fields_and_keys_that_hold(tmp_path: Path) -> None:
    data = sample()
    data.export(tmp_path / "package")
    tables = check_package(tmp_path / "package", data)
    assert len(tables["directives"]) == len(data.directives)
    assert len(tables["roles"]) == 1
    assert [row["citation_source"] for row in tables["resolution_citations"]] == ["vnexpress-2025", "chinhphu-2026"]
    assert tables["resolution_citations"][1]["position"] == "2"
    assert tables["directives"][0]["themes"] == "grassroots_care; prevention"
    assert tables["directives"][1]["ordinal"] == ""
    assert tables["observations"][0]["value"] == "1.0"
    assert tables["gaps"][2]["met"] == "true"
    assert tables["sources"][0]["title"] == 'Health <b>"care"</b> & more'
    descriptor = json.loads((tmp_path / "package" / "datapackage.json").read_text("utf-8"))
    directives = next(resource for resource in descriptor["resources"] if resource["name"] == "directives")
    assert {"fields": ["issued_by"], "reference": {"resource": "officials", "fields": ["id"]}} in directives["schema"][
        "foreignKeys"
    ]
    themes = next(field for field in directives["schema"]["fields"] if field["name"] == "themes")
    assert (themes["type"], themes["delimiter"], themes["itemType"]) == ("list", "; ", "string")
    assert "joined by '; '" in themes["description"]
    # A data package is for data tools: plain UTF-8, no byte-order mark.
    assert (tmp_path / "package" / "directives.csv").read_bytes()[:3] != b"\xef\xbb\xbf"


def test_the_bundled_data_exports_as_a_valid_package(tmp_path: Path) -> None:
    data = vnhealth.load()
    data.export(tmp_path, format="datapackage")
    tables = check_package(tmp_path, data)
    assert len(tables["targets"]) == len(data.targets)
    assert len(tables["sources"]) == len(data.sources)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=15)
# Values within reason: the growth rates of gaps overflow for extreme ones (a _gaps issue).
@given(data=vs.datasets(values=st.floats(min_value=0.5, max_value=1000)))
def test_any_dataset_exports_as_a_valid_package(tmp_path: Path, data: Dataset) -> None:
    folder = _fresh(tmp_path)  # an empty folder per example
    data.export(folder)
    tables = check_package(folder, data)
    assert len(tables["observations"]) == len(data.observations)


def _fresh(tmp_path: Path) -> Path:
    folder = tmp_path / "latest"
    for child in folder.glob("*"):
        child.unlink()
    return folder


@pytest.fixture
def written(tmp_path: Path) -> Path:
    sample().export(tmp_path, format="csv")
    return tmp_path


def test_csv_is_the_tables_without_a_descriptor(written: Path) -> None:
    assert sorted(path.name for path in written.iterdir()) == sorted(f"{name}.csv" for name in TABLE_NAMES)
    header, rows = read_csv(written / "targets.csv")
    assert header[:3] == ["id", "indicator", "value"]
    assert rows[0]["deadline_end"] == "2030-12-31"


def test_csv_for_spreadsheets_opens_as_utf_8_in_excel(written: Path, tmp_path: Path) -> None:
    # Excel reads a CSV as UTF-8 only when it starts with the byte-order mark.
    raw = (written / "officials.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")
    assert raw.count(b"\xef\xbb\xbf") == 1
    sample().export(tmp_path / "plain", format="csv", bom=False)
    assert (tmp_path / "plain" / "officials.csv").read_bytes() == raw[3:]
    data = vnhealth.load()
    data.export(tmp_path / "bundled", format="csv")
    _, rows = read_csv(tmp_path / "bundled" / "officials.csv")
    assert "Tô Lâm" in {row["name"] for row in rows}


def test_lists_are_one_cell_joined_by_semicolons(written: Path) -> None:
    data = sample()
    _, rows = read_csv(written / "directives.csv")
    for row, directive in zip(rows, data.directives, strict=True):
        assert row["themes"] == "; ".join(sorted(theme.value for theme in directive.themes))
        assert row["resolutions"] == "; ".join(directive.resolutions)


@pytest.mark.extras
def test_xlsx_has_a_typed_sheet_per_table(tmp_path: Path) -> None:
    data = vnhealth.load()
    data.export(tmp_path / "book.xlsx", format="xlsx")
    book = openpyxl.load_workbook(tmp_path / "book.xlsx", read_only=True)
    assert book.sheetnames == TABLE_NAMES
    rows = list(book["directives"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == len(data.directives)
    first = dict(zip(header, body[0], strict=True))
    directive = data.directives[0]
    assert first["themes"] == "; ".join(sorted(theme.value for theme in directive.themes))
    assert first["issued_on"].date() == directive.issued_on  # a date cell, not text
    observations = list(book["observations"].iter_rows(values_only=True))
    value = observations[0].index("value")
    assert observations[1][value] == data.observations[0].value
    data.export(tmp_path / "folder", format="xlsx")
    assert (tmp_path / "folder" / "vnhealth.xlsx").is_file()


def test_xlsx_without_openpyxl_names_the_extra(tmp_path: Path) -> None:
    code = f"""
import sys
sys.modules["openpyxl"] = None
import vnhealth
try:
    vnhealth.Dataset().export({str(tmp_path)!r}, format="xlsx")
except vnhealth.MissingExtra as error:
    print(error)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert 'pip install "vnhealth[xlsx]"' in done.stdout


@pytest.mark.extras
def test_parquet_reads_back_with_dates_and_lists(tmp_path: Path) -> None:
    sample().export(tmp_path, format="parquet")
    assert sorted(path.stem for path in tmp_path.iterdir()) == sorted(TABLE_NAMES)
    directives = pq.read_table(tmp_path / "directives.parquet")
    assert directives.schema.field("issued_on").type == pa.date32()
    assert directives.schema.field("themes").type == pa.list_(pa.string())
    assert directives.column("issued_on").to_pylist()[0] == dt.date(2025, 9, 9)
    gaps = pq.read_table(tmp_path / "gaps.parquet")
    assert gaps.schema.field("met").type == pa.bool_()
    assert gaps.num_rows == len(sample().targets)
    assert pq.read_table(tmp_path / "observations.parquet").schema.field("as_of_end").type == pa.date32()


def test_json_is_the_file_format_load_reads(tmp_path: Path) -> None:
    data = sample()
    data.export(tmp_path / "out", format="json")
    assert vnhealth.load(tmp_path / "out" / "vnhealth.json") == data
    data.export(tmp_path / "named.json", format="json")
    assert vnhealth.load(tmp_path / "named.json") == data


def test_unknown_formats_and_unwritable_places_are_errors(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match="the formats are datapackage, csv, xlsx, parquet, json"):
        sample().export(tmp_path, format="ods")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(WriteError, match="cannot write into"):
        sample().export(blocker / "inside")
    (tmp_path / "taken" / "targets.csv").mkdir(parents=True)
    with pytest.raises(WriteError, match=r"targets\.csv"):
        sample().export(tmp_path / "taken", format="csv")


@pytest.mark.extras
def test_an_unwritable_parquet_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "taken2" / "gaps.parquet").mkdir(parents=True)
    with pytest.raises(WriteError, match="gaps"):
        sample().export(tmp_path / "taken2", format="parquet")


def test_parquet_without_pyarrow_names_the_extra(tmp_path: Path) -> None:
    code = f"""
import sys
sys.modules["pyarrow"] = None
import vnhealth
try:
    vnhealth.Dataset().export({str(tmp_path)!r}, format="parquet")
except vnhealth.MissingExtra as error:
    print(error)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert 'pip install "vnhealth[arrow]"' in done.stdout
    assert list(tmp_path.iterdir()) == []


# -- the JSON Schema ------------------------------------------------------------------


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    schema = vnhealth.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def dumped(data: Dataset, folder: Path) -> dict[str, Any]:
    path = folder / "data.json"
    data.dump(path)
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def test_the_schema_is_draft_2020_12_and_generated_from_the_model() -> None:
    schema = vnhealth.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    directive = schema["$defs"]["Directive"]
    assert directive["required"] == ["id", "text", "issued_by", "issued_on", "addressee", "citation"]
    assert directive["additionalProperties"] is False
    assert directive["properties"]["issued_on"]["format"] == "date"
    assert directive["properties"]["themes"]["items"]["enum"] == [theme.value for theme in vnhealth.Theme]
    assert directive["properties"]["ordinal"]["minimum"] == 1
    assert directive["properties"]["text"]["description"].startswith("A concise statement")
    assert schema["$defs"]["Resolution"]["properties"]["number"]["anyOf"][1] == {"type": "null"}
    assert schema["$defs"]["Observation"]["properties"]["qualifier"]["default"] == "exact"
    assert "text_file" in schema["$defs"]["Source"]["properties"]
    # A fresh copy each time.
    schema["title"] = "changed"
    assert vnhealth.json_schema()["title"] != "changed"


@pytest.mark.extras
def test_the_bundled_data_validates(tmp_path: Path) -> None:
    document = dumped(vnhealth.load(), tmp_path)
    assert document["targets"]
    validator().validate(document)


@pytest.mark.extras
def test_the_bundled_data_files_validate_as_written() -> None:
    import tomllib

    check = validator()
    files = sorted((Path(vnhealth.__file__).parent / "data").glob("*.toml"))
    assert files
    for file in files:
        check.validate(tomllib.loads(file.read_text("utf-8")))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=15)
@pytest.mark.extras
@given(data=vs.datasets())
def test_any_dumped_dataset_validates(tmp_path: Path, data: Dataset) -> None:
    validator().validate(dumped(data, tmp_path))


@pytest.mark.extras
@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d["directives"][0].update(colour="red"), "Additional properties"),
        (lambda d: d["directives"][0].update(issued_on="09/09/2025"), "is not a 'date'"),
        (lambda d: d["directives"][0].update(themes=["health"]), "is not one of"),
        (lambda d: d["directives"][0].update(ordinal=0), "less than the minimum"),
        (lambda d: d["directives"][0].pop("citation"), "'citation' is a required property"),
        (lambda d: d["directives"][0].update(id=" "), "does not match"),
        (lambda d: d["observations"][0].update(as_of="2024-1"), "is not valid"),
        (lambda d: d["sources"][0].update(text_file="a.txt"), "should not be valid"),
        (lambda d: d.update(memos=[]), "Additional properties"),
    ],
)
def test_the_schema_refuses_what_load_refuses(tmp_path: Path, change: Any, complaint: str) -> None:
    document = dumped(sample(), tmp_path)
    change(document)
    with pytest.raises(jsonschema.ValidationError, match=complaint):
        validator().validate(document)
    (tmp_path / "data.json").write_text(json.dumps(document), "utf-8")
    with pytest.raises(vnhealth.LoadError):
        vnhealth.load(tmp_path / "data.json")


@pytest.mark.extras
def test_the_schema_accepts_a_year_as_a_number_and_text_in_a_file(tmp_path: Path) -> None:
    document = dumped(sample(), tmp_path)
    document["observations"][0]["as_of"] = 2020
    text = document["sources"][1].pop("text")
    document["sources"][1]["text_file"] = "b.txt"
    validator().validate(document)
    (tmp_path / "b.txt").write_text(text, "utf-8")
    (tmp_path / "data.json").write_text(json.dumps(document), "utf-8")
    assert vnhealth.load(tmp_path / "data.json") == sample()


def test_the_schema_generator_refuses_types_it_was_not_taught() -> None:
    from vnhealth._schema import _type_schema

    assert _type_schema(int | str, {}) == {"anyOf": [{"type": "integer"}, {"type": "string"}]}
    with pytest.raises(TypeError, match="no JSON Schema for the type"):
        _type_schema(bytes, {})
