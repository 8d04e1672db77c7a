"""Loading is all or nothing and checked; dumping writes what loading reads back equal."""

from __future__ import annotations

import copy
import json
import math
import tempfile
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vnhealth
from vnhealth import Dataset, LoadError, Problem, UnsupportedFormat, VnhealthError, WriteError
from vnhealth._bundled import bundled, load
from vnhealth._converter import make_converter
from vnhealth._load import dump
from vnhealth._records import KINDS
from vnhealth._toml import dumps as toml_dumps
from vnhealth.strategies import datasets

TEXT = "The Prime Minister requested the entire health sector to thoroughly grasp 6 key contents."


def _document() -> dict[str, Any]:
    """A small valid document: every kind of record, every reference resolving."""
    cite = {"source": "article", "quote": "6 key contents"}
    return {
        "sources": [
            {
                "id": "article",
                "outlet": "Lao Dong",
                "title": "Doctors' Day",
                "url": "https://laodong.vn/a",
                "published": "2026-02-24",
                "language": "en",
                "text": TEXT,
            }
        ],
        "officials": [
            {
                "id": "pham-minh-chinh",
                "name": "Phạm Minh Chính",
                "roles": [
                    {"title": "Prime Minister", "organization": "Government", "as_of": "2026-02-24", "citation": cite}
                ],
            }
        ],
        "resolutions": [
            {
                "id": "nq-72",
                "number": "72-NQ/TW",
                "title": "Resolution 72",
                "kind": "party_resolution",
                "issuer": "Politburo",
            },
            {
                "id": "nq-282",
                "number": "282/NQ-CP",
                "title": "Resolution 282",
                "kind": "government_resolution",
                "issuer": "Government",
                "implements": ["nq-72"],
                "citations": [cite],
            },
        ],
        "events": [
            {
                "id": "doctors-day-2026",
                "date": "2026-02-24",
                "title": "Meeting on Doctors' Day",
                "place": "Government Headquarters",
                "officials": ["pham-minh-chinh"],
                "citation": cite,
            }
        ],
        "directives": [
            {
                "id": "d1",
                "text": "Grasp six key contents",
                "issued_by": "pham-minh-chinh",
                "issued_on": "2026-02-24",
                "addressee": "health sector",
                "themes": ["human_resources"],
                "resolutions": ["nq-72"],
                "ordinal": 1,
                "event": "doctors-day-2026",
                "citation": cite,
            }
        ],
        "indicators": [
            {
                "id": "doctors_per_10k",
                "name": "Doctors per 10,000 people",
                "unit": "per_10k_people",
                "direction": "higher",
            }
        ],
        "observations": [
            {"indicator": "doctors_per_10k", "value": 15, "unit": "per_10k_people", "as_of": "2024", "citation": cite}
        ],
        "targets": [
            {
                "id": "t1",
                "indicator": "doctors_per_10k",
                "value": 19,
                "unit": "per_10k_people",
                "comparator": "at_least",
                "deadline": "2030",
                "set_by": "nq-72",
                "citation": cite,
            }
        ],
    }


def _write(folder: Path, name: str, document: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def _problems(path: Path) -> tuple[Problem, ...]:
    with pytest.raises(LoadError) as raised:
        load(path)
    return raised.value.problems


# -- round trips --------------------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_dump_then_load_gives_the_dataset_back(data: Dataset) -> None:
    assert data.problems() == ()
    with tempfile.TemporaryDirectory() as folder:
        for name in ("data.json", "data.toml"):
            path = Path(folder) / name
            data.dump(path)
            back = load(path)
            assert back == data
            assert all(type(record.issued_on) is pendulum.Date for record in back.directives)


def test_a_valid_document_loads(tmp_path: Path) -> None:
    data = load(_write(tmp_path, "small.json", _document()))
    assert len(data) == 9
    assert data.resolution("282/NQ-CP").implements == ("nq-72",)
    assert str(data.resolutions[0].number) == "72-NQ/TW"


def test_a_folder_loads_as_one_dataset_with_references_across_files(tmp_path: Path) -> None:
    document = _document()
    _write(tmp_path, "a.json", {kind: document.get(kind, []) for kind in KINDS[:4]})
    (tmp_path / "b.toml").write_text(toml_dumps({kind: document.get(kind, []) for kind in KINDS[4:]}), "utf-8")
    (tmp_path / "notes.txt").write_text("not data", "utf-8")
    assert load(tmp_path) == load(_write(tmp_path / "..", "whole.json", document))


def test_source_text_can_live_in_its_own_file(tmp_path: Path) -> None:
    document = _document()
    del document["sources"][0]["text"]
    document["sources"][0]["text_file"] = "texts/article.txt"
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "article.txt").write_text(TEXT, "utf-8")
    assert load(_write(tmp_path, "data.json", document)).source("article").text == TEXT


# -- all or nothing, every problem reported --------------------------------------------


def test_every_problem_is_reported_in_one_error(tmp_path: Path) -> None:
    document = _document()
    document["directives"][0]["colour"] = "red"  # unknown key
    document["observations"][0]["value"] = "15"  # wrong type
    document["events"][0]["date"] = "2026-02-30"  # bad date
    document["resolutions"][1]["id"] = "nq-72"  # duplicate id
    document["targets"][0]["set_by"] = "nq-999"  # a reference to nothing
    document["officials"][0]["roles"][0]["citation"] = {"source": "article", "quote": "7 key contents"}  # not in it
    path = _write(tmp_path, "broken.json", document)
    problems = _problems(path)
    found = {(problem.path, problem.message.split(":")[0]) for problem in problems}
    assert all(problem.file == str(path) for problem in problems)
    assert ("directives[0]", "unknown field(s) 'colour'") in found
    assert any(p.path == "observations[0].value" and "expected a number" in p.message for p in problems)
    assert any(path == "events[0].date" for path, _ in found)
    assert ("resolutions[1].id", "duplicate id 'nq-72'") in found
    assert ("targets[0].set_by", "unknown instrument 'nq-999'") in found
    assert any(
        path == "officials[0].roles[0].citation.quote" and message.startswith("quote not found verbatim")
        for path, message in found
    )


def test_dangling_references_of_every_kind(tmp_path: Path) -> None:
    document = _document()
    document["resolutions"][1]["implements"] = ["nq-282", "nq-0"]
    document["events"][0]["officials"] = ["nobody"]
    document["directives"][0] |= {"issued_by": "nobody", "event": "no-event", "resolutions": ["nq-0"]}
    document["observations"][0]["indicator"] = "beds"
    document["targets"][0]["indicator"] = "beds"
    document["indicators"][0]["citations"] = [{"source": "elsewhere", "quote": "x"}]
    document["observations"].append(dict(document["observations"][-1], indicator="doctors_per_10k", unit="years"))
    document["resolutions"].append(dict(document["resolutions"][0], id="nq-72-again"))
    paths = {problem.path: problem.message for problem in _problems(_write(tmp_path, "d.json", document))}
    assert paths["resolutions[1].implements[0]"] == "'nq-282' cannot implement itself"
    assert paths["resolutions[1].implements[1]"] == "unknown instrument 'nq-0'"
    assert paths["events[0].officials[0]"] == "unknown official 'nobody'"
    assert paths["directives[0].issued_by"] == "unknown official 'nobody'"
    assert paths["directives[0].event"] == "unknown event 'no-event'"
    assert paths["directives[0].resolutions[0]"] == "unknown instrument 'nq-0'"
    assert paths["observations[0].indicator"] == "unknown indicator 'beds'"
    assert paths["targets[0].indicator"] == "unknown indicator 'beds'"
    assert paths["indicators[0].citations[0].source"] == "unknown source 'elsewhere'"
    assert paths["observations[1].unit"].startswith("unit 'years' cannot be converted to 'per_10k_people'")
    assert paths["resolutions[2].number"] == "document number '72-NQ/TW' is used twice"


def test_problems_name_the_file_and_the_place_in_it(tmp_path: Path) -> None:
    document = _document()
    split = KINDS.index("directives") + 1  # a.json: the kinds up to the directives
    _write(tmp_path, "a.json", {kind: document.get(kind, []) for kind in KINDS[:split]})
    rest = {kind: document.get(kind, []) for kind in KINDS[split:]}
    rest["targets"] = [dict(rest["targets"][0], set_by="nq-0")]
    rest["observations"] = [dict(rest["observations"][0], value=True)]
    assert len(load(tmp_path).directives) == 1  # a.json alone is valid
    _write(tmp_path, "b.json", rest)
    problems = _problems(tmp_path)
    assert {(Path(p.file).name, p.path) for p in problems} == {
        ("b.json", "targets[0].set_by"),
        ("b.json", "observations[0].value"),
    }
    assert "2 problems in the data" in str(LoadError(problems))
    assert str(problems[0]).startswith(problems[0].file + ": ")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", "{ not json", "not valid JSON"),
        ("bad.toml", "sources = [", "not valid TOML"),
        ("list.json", "[]", "expected a table of record lists at the top"),
        ("keys.json", '{"sauces": []}', "unknown key (expected sources, areas, officials"),
        ("kind.json", '{"sources": {"id": "a"}}', "expected a list of records, not a table"),
    ],
)
def test_unreadable_documents(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    (problem,) = _problems(path)
    assert problem.file == str(path)
    assert message in problem.message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("deep-record.json", '{"sources": [' + "[" * 5_000 + "]" * 5_000 + "]}"),
        ("deep.toml", "x = " + "[" * 100_000 + "]" * 100_000),
    ],
)
def test_documents_nested_too_deeply_are_a_load_error(tmp_path: Path, name: str, content: str) -> None:
    # The parsers recurse; a RecursionError must not escape as anything but a LoadError.
    path = tmp_path / name
    path.write_text(content, "utf-8")
    (problem,) = _problems(path)
    assert problem.file == str(path)
    assert "nested too deeply" in problem.message


def test_files_that_are_not_utf8_or_not_there(tmp_path: Path) -> None:
    (tmp_path / "latin1.json").write_bytes('{"sources": [{"outlet": "Báo"}]}'.encode("latin-1"))
    assert "cannot read the file" in _problems(tmp_path / "latin1.json")[0].message
    assert _problems(tmp_path / "missing.json")[0].message == "no such file or folder"
    (tmp_path / "empty").mkdir()
    assert "no .json or .toml data files" in _problems(tmp_path / "empty")[0].message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text_file": "texts/article.txt"}, "give either text or text_file, not both"),
        ({"text_file": 3}, "expected a file name, not int"),
        ({"text_file": "texts/none.txt"}, "cannot read 'texts/none.txt'"),
        ({"text_file": ""}, "cannot read ''"),
        # open() refuses a NUL byte with a ValueError, not an OSError: still a LoadError.
        ({"text_file": "texts/a\x00b.txt"}, "cannot read 'texts/a\\x00b.txt'"),
    ],
)
def test_text_file_problems(tmp_path: Path, change: dict[str, object], message: str) -> None:
    document = _document()
    if change["text_file"] != "texts/article.txt":
        del document["sources"][0]["text"]
    document["sources"][0] |= change
    problems = _problems(_write(tmp_path, "d.json", document))
    assert any(p.path == "sources[0].text_file" and message in p.message for p in problems)


def test_a_missing_required_field(tmp_path: Path) -> None:
    document = _document()
    del document["targets"][0]["comparator"]  # a deadline may be missing (none stated); a comparator may not
    (problem,) = _problems(_write(tmp_path, "d.json", document))
    assert (problem.path, problem.message) == ("targets[0].comparator", "required field missing")


def test_validator_failures_are_reported(tmp_path: Path) -> None:
    document = _document()
    document["directives"][0]["ordinal"] = 0
    document["officials"][0]["name"] = " "
    messages = {p.path: p.message for p in _problems(_write(tmp_path, "d.json", document))}
    assert "ordinal must be 1 or more" in messages["directives[0].ordinal"]
    assert "name must not be empty" in messages["officials[0].name"]


# -- the fuzz: JSON-like input gives a Dataset or a LoadError, nothing else --------------

FIELDS = sorted(
    {"id", "text", "text_file", "source", "quote", "citation", "citations", "roles", "number", "as_of", "value", "unit"}
    | set(KINDS)
)
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)


def _nest(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    keys = st.sampled_from(FIELDS) | st.text(max_size=6)
    return st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5)


json_values = st.recursive(
    scalars | st.sampled_from(["2025-02-24", "2030", "72-NQ/TW", "per_10k_people", "at_least", "higher", "nq-72"]),
    _nest,
    max_leaves=25,
)
documents = json_values | st.dictionaries(
    st.sampled_from(KINDS), st.lists(st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6), max_size=3)
)


def _load_or_load_error(document: object) -> Dataset | LoadError:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        path.write_text(json.dumps(document, ensure_ascii=False, allow_nan=True), "utf-8")
        try:
            return load(path)
        except LoadError as error:
            caught = error
    assert caught.problems
    assert all(isinstance(problem, Problem) for problem in caught.problems)
    return caught


@given(documents)
def test_arbitrary_json_gives_a_dataset_or_a_load_error(document: object) -> None:
    _load_or_load_error(document)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value inside a JSON-like document."""
    places = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            places += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            places += _places(item, (*path, index))
    return places


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A valid document with one thing broken: a key dropped, a type changed, a reference broken, a key added."""
    data = draw(datasets(max_records=3))
    document = copy.deepcopy(json.loads(json.dumps(make_converter().unstructure(data))))
    for records in document.values():
        for record in records:
            for key in [key for key, value in record.items() if value is None]:
                del record[key]
    places = _places(document)
    path = draw(st.sampled_from(places))
    *parents, last = path
    container: Any = document
    for step in parents:
        container = container[step]
    how = draw(st.sampled_from(["drop", "retype", "dangle", "add"]))
    if how == "drop" and isinstance(container, dict):
        del container[last]
    elif how == "dangle" or (how == "drop" and isinstance(container, list)):
        container[last] = "no-such-id"
    elif how == "retype":
        container[last] = draw(json_values.filter(lambda value: type(value) is not type(container[last])))
    else:
        target = container if isinstance(container, dict) else document[path[0]][path[1]]
        target["unexpected"] = draw(json_values)
        how = "add"
    return how, document


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(mutated())
def test_mutated_documents_give_a_dataset_or_a_load_error(case: tuple[str, dict[str, Any]]) -> None:
    how, document = case
    result = _load_or_load_error(document)
    if how == "add":
        assert isinstance(result, LoadError)
        assert any("unexpected" in f"{problem.path} {problem.message}" for problem in result.problems)


def test_load_errors_are_vnhealth_errors_and_value_errors() -> None:
    error = LoadError([Problem(file="f", path="p", message="m")])
    assert isinstance(error, VnhealthError)
    assert isinstance(error, ValueError)
    assert str(error) == "1 problem in the data:\n  f: p: m"


# -- writing ----------------------------------------------------------------------------


def test_dump_refuses_other_formats(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match=r"\.json or \.toml"):
        dump(Dataset(), tmp_path / "data.csv")


def test_dump_reports_what_it_cannot_write(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="cannot write") as raised:
        dump(Dataset(), tmp_path / "no" / "such" / "folder" / "data.json")
    assert isinstance(raised.value, OSError)


def test_dump_replaces_a_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text("old", "utf-8")
    dump(Dataset(), path)
    assert load(path) == Dataset()
    assert [child.name for child in tmp_path.iterdir()] == ["data.toml"]


def test_toml_writer_values() -> None:
    import tomllib

    text = toml_dumps(
        {
            "empty": [],
            "records": [
                {
                    "flag": True,
                    "off": False,
                    "n": 3,
                    "x": 1.5,
                    "nan": math.nan,
                    "inf": math.inf,
                    "ninf": -math.inf,
                    "odd key": 'tab\there "quoted" \x01 \x7f',
                    "table": {},
                    "nested": {"a": [1, 2]},
                    "tables": [{"a": 1}, {"b": "c"}],
                }
            ],
        }
    )
    parsed = tomllib.loads(text)
    record = parsed["records"][0]
    assert parsed["empty"] == []
    assert record["odd key"] == 'tab\there "quoted" \x01 \x7f'
    assert math.isnan(record["nan"])
    assert (record["inf"], record["ninf"]) == (math.inf, -math.inf)
    assert record["tables"] == [{"a": 1}, {"b": "c"}]
    assert (record["flag"], record["off"], record["n"], record["x"], record["table"]) == (True, False, 3, 1.5, {})
    with pytest.raises(TypeError, match="cannot write object"):
        toml_dumps({"records": [{"bad": object()}]})


# -- the bundled data --------------------------------------------------------------------


def test_the_bundled_data_loads_checked_and_cached() -> None:
    data = vnhealth.load()
    assert data is bundled() is vnhealth.load()
    assert data.problems() == ()
    assert len(data.sources) > 0
    assert any(source.text for source in data.sources)


def test_the_bundled_data_round_trips(tmp_path: Path) -> None:
    data = vnhealth.load()
    for name in ("data.json", "data.toml"):
        data.dump(tmp_path / name)
        assert load(tmp_path / name) == data


@pytest.mark.parametrize("name", ["/etc/hostname", "../outside.txt", "texts/../../outside.txt"])
def test_text_files_must_lie_beside_the_data(tmp_path: Path, name: str) -> None:
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    folder = tmp_path / "data"
    folder.mkdir()
    record = {"id": "s", "outlet": "o", "title": "t", "url": "", "published": "2025-01-01", "language": "en"}
    (folder / "d.json").write_text(json.dumps({"sources": [{**record, "text_file": name}]}), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        vnhealth.load(folder / "d.json")
    (problem,) = caught.value.problems
    assert problem.path == "sources[0].text_file"
    assert "outside the data file's folder" in problem.message


def test_a_bad_nested_record_and_a_bad_field_of_its_holder_are_each_reported_at_their_own_path(
    tmp_path: Path,
) -> None:
    path = tmp_path / "official.json"
    path.write_text(json.dumps({"officials": [{"id": "o", "name": " ", "roles": [5]}]}), encoding="utf-8")
    problems = {problem.path: problem.message for problem in _problems(path)}
    assert set(problems) == {"officials[0].roles[0]", "officials[0].name"}
    assert problems["officials[0].name"] == "name must not be empty"


def test_a_field_is_reported_once_however_its_record_fails(tmp_path: Path) -> None:
    record = {
        "id": "d",
        "resolution": "r",
        "text": "t",
        "issued_by": "o",
        "addressee": "a",
        "ordinal": "x",
        "issued_on": "2024-01-01",
    }  # and no citation
    path = tmp_path / "directive.json"
    path.write_text(json.dumps({"directives": [record]}), encoding="utf-8")
    paths = [problem.path for problem in _problems(path)]
    assert {"directives[0].citation", "directives[0].ordinal"} <= set(paths)
    assert len(paths) == len(set(paths))
