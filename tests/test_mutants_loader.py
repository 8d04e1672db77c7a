"""Tests written to kill the surviving mutants of the loader's reading side (`vnhealth._load`).

Each test pins what a user reads when a load is refused: the file, the path
inside it and the message of every problem, exactly, so that a problem that
loses its file, moves to the wrong path or says something else is caught.
"""

from __future__ import annotations

import gc
import importlib.resources
import json
import os
from pathlib import Path

import pytest

import vnhealth
from _documents import source_document as _source
from vnhealth import LoadError, _load
from vnhealth._files import reason

TWICE = "given twice in one table (JSON would keep only the last)"


def _refusal(path: Path | str) -> list[tuple[str, str, str]]:
    """Every problem of the refused load, as (file, path, message)."""
    with pytest.raises(LoadError) as caught:
        vnhealth.load(path)
    return [(problem.file, problem.path, problem.message) for problem in caught.value.problems]


def _json(folder: Path, document: object, name: str = "data.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


# -- what cannot be read at all --------------------------------------------------------------------


def test_a_missing_path_is_named_as_the_user_gave_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    assert _refusal(missing) == [(str(missing), "", "no such file or folder")]


def test_a_path_through_a_file_is_refused_at_that_path(tmp_path: Path) -> None:
    inside_a_file = _json(tmp_path, {}) / "more.json"
    ((file, path, message),) = _refusal(inside_a_file)
    assert (file, path) == (str(inside_a_file), "")
    assert message


def test_a_path_holding_nul_is_refused_in_words() -> None:
    assert _refusal("data\x00.json") == [("'data\\x00.json'", "", "a path cannot hold a NUL character")]


def test_a_folder_without_data_files_is_refused(tmp_path: Path) -> None:
    assert _refusal(tmp_path) == [(str(tmp_path), "", "no .json or .toml data files in this folder")]


def test_a_data_file_in_a_folder_may_not_lead_out_of_it(tmp_path: Path) -> None:
    outside = _json(tmp_path, {"sources": [_source()]}, "outside.json")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "data.json").symlink_to(outside)
    ((file, path, message),) = _refusal(folder)
    assert (file, path) == (str(folder / "data.json"), "")
    assert message.startswith("cannot read the file: ")


def test_an_unreadable_entry_is_refused_at_the_file(tmp_path: Path) -> None:
    (tmp_path / "data.json").mkdir()
    ((file, path, message),) = _refusal(tmp_path)
    assert (file, path) == (str(tmp_path / "data.json"), "")
    assert message.startswith("cannot read the file: ")


def test_a_file_that_is_not_utf8_is_refused_at_its_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(b'{"sources": "\xff"}')
    message = "cannot read the file: not UTF-8 text (invalid start byte at byte 13)"
    assert _refusal(path) == [(str(path), "", message)]


def test_a_file_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    path = _json(tmp_path, ["sources"])
    assert _refusal(path) == [(str(path), "", "expected a table of record lists at the top")]


def test_an_unknown_long_key_is_named_cut_short(tmp_path: Path) -> None:
    key = "k" * 100
    ((file, path, message),) = _refusal(_json(tmp_path, {key: []}))
    assert (file, len(path), path[:79], path[-1]) == (str(tmp_path / "data.json"), 80, key[:79], "…")
    assert message.startswith("unknown key (expected sources, ")


def test_a_kind_that_is_not_a_list_says_what_it_is(tmp_path: Path) -> None:
    path = _json(tmp_path, {"sources": "s", "officials": {}})
    assert _refusal(path) == [
        (str(path), "sources", "expected a list of records, not a string"),
        (str(path), "officials", "expected a list of records, not a table"),
    ]


def test_json_that_does_not_parse_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{\n"sources": [\n', encoding="utf-8")
    ((file, where, message),) = _refusal(path)
    assert (file, where) == (str(path), "line 3")
    assert message.startswith("not valid JSON: ")


def test_toml_that_does_not_parse_is_refused_at_the_file(tmp_path: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text("[[sources]\n", encoding="utf-8")
    ((file, where, message),) = _refusal(path)
    assert (file, where) == (str(path), "")
    assert message.startswith("not valid TOML: ")
    assert "None" not in message


def test_json_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    assert _refusal(path) == [(str(path), "", "nested too deeply to read")]


# -- keys given twice -------------------------------------------------------------------------------


def test_a_kind_given_twice_is_refused_even_with_nothing_else_in_the_table(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"sources": [], "sources": []}', encoding="utf-8")
    assert _refusal(path) == [(str(path), "sources", TWICE)]


def test_a_key_given_twice_in_a_nested_table_is_named_by_its_whole_path(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"sources": {"a": {"b": 1, "b": 2}}}', encoding="utf-8")
    assert (str(path), "sources.a.b", TWICE) in _refusal(path)


def test_a_key_given_twice_under_a_list_at_the_top_is_named_from_the_list(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('[{"a": 1, "a": 2}]', encoding="utf-8")
    assert (str(path), "[0].a", TWICE) in _refusal(path)


# -- numbers too long to convert --------------------------------------------------------------------


def _observation_value(folder: Path, digits: int) -> str:
    document = {"observations": [{"indicator": "i", "value": 0, "unit": "count", "as_of": "2024"}]}
    path = folder / "data.json"
    path.write_text(json.dumps(document).replace('"value": 0', '"value": ' + "9" * digits), encoding="utf-8")
    return {where: message for _, where, message in _refusal(path)}["observations[0].value"]


def test_an_integer_is_converted_up_to_4000_digits_and_kept_as_its_length_past_that(tmp_path: Path) -> None:
    assert "4,000 digits" not in _observation_value(tmp_path, 4000)
    assert "an integer of over 4,000 digits" in _observation_value(tmp_path, 4001)


def _toml_number(folder: Path, text: str) -> list[str]:
    path = folder / "data.toml"
    path.write_text(text.replace("NUMBER", "9" * 5000), encoding="utf-8")
    problems = _refusal(path)
    assert [(file, message) for file, _, message in problems] == [
        (str(path), "cannot read a value: a number of more than 4,300 digits")
    ]
    return [where for _, where, _ in problems]


def test_a_toml_number_too_long_is_placed_at_its_record_and_key(tmp_path: Path) -> None:
    assert _toml_number(tmp_path, "# data\n[[sources]]\nid = 's'\n[[sources]]\nAmount = NUMBER\n") == [
        "sources[1].Amount"
    ]


def test_a_toml_number_too_long_is_placed_under_a_misspelt_kind(tmp_path: Path) -> None:
    assert _toml_number(tmp_path, "[[Sources]]\nvalue = NUMBER\n") == ["Sources[0].value"]


def test_a_toml_number_too_long_outside_a_record_is_placed_at_its_line(tmp_path: Path) -> None:
    assert _toml_number(tmp_path, "\nvalue = NUMBER\n") == ["line 2"]


# -- source texts read from files -------------------------------------------------------------------


def test_each_text_file_problem_is_placed_at_its_field(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Bác".encode("latin-1"))
    long_name = "n" * 100 + ".txt"
    sources = [
        _source(id="a", text="t", text_file="x.txt"),
        _source(id="b", text_file=5),
        _source(id="c", text_file=["x.txt"]),
        _source(id="d", text_file="missing.txt"),
        _source(id="e", text_file="latin1.txt"),
        _source(id="f", text_file=long_name),
    ]
    path = _json(tmp_path, {"sources": sources})
    problems = _refusal(path)
    assert [(file, where) for file, where, _ in problems] == [
        (str(path), f"sources[{index}].text_file") for index in range(6)
    ]
    messages = [message for _, _, message in problems]
    assert messages[:4] == [
        "give either text or text_file, not both",
        "expected a file name, not int",
        "expected a file name, not a list",
        "cannot read 'missing.txt': no such file",
    ]
    assert messages[4].startswith("cannot read 'latin1.txt': 'utf-8' codec can't decode")
    assert messages[5] == f"cannot read '{long_name[:79]}…': no such file"


def test_a_text_given_twice_is_refused_even_when_the_file_is_readable(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("Bác sĩ", encoding="utf-8")
    path = _json(tmp_path, {"sources": [_source(text="Bác sĩ", text_file="article.txt")]})
    assert _refusal(path) == [(str(path), "sources[0].text_file", "give either text or text_file, not both")]


def test_a_text_name_holding_nul_is_outside_the_folder(tmp_path: Path) -> None:
    path = _json(tmp_path, {"sources": [_source(text_file="a\x00.txt")]})
    message = "cannot read 'a\\x00.txt': 'a\\x00.txt' is outside the data file's folder: name a file in it or below it"
    assert _refusal(path) == [(str(path), "sources[0].text_file", message)]


def test_a_source_whose_text_file_reads_is_not_reported_beside_another_problem(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("Bác sĩ", encoding="utf-8")
    path = _json(tmp_path, {"sources": [_source(text_file="article.txt"), _source(id="t", published="soon")]})
    assert [where for _, where, _ in _refusal(path)] == ["sources[1].published"]


# -- records that do not build ----------------------------------------------------------------------


def test_a_value_its_validator_refuses_is_placed_at_its_field_alone(tmp_path: Path) -> None:
    path = _json(tmp_path, {"officials": [{"id": "o", "name": " ", "roles": []}]})
    problems = _refusal(path)
    assert [(file, where) for file, where, _ in problems] == [(str(path), "officials[0].name")]
    assert "name must not be empty" in problems[0][2]
    assert not problems[0][2].startswith("invalid value for")


def test_a_value_of_the_wrong_type_names_the_type_once(tmp_path: Path) -> None:
    path = _json(tmp_path, {"sources": [_source(published=5)]})
    assert _refusal(path) == [
        (str(path), "sources[0].published", "invalid value for Date: expected an ISO date string (YYYY-MM-DD), not int")
    ]


def test_a_value_holding_the_path_separator_is_still_placed_at_its_field(tmp_path: Path) -> None:
    path = _json(tmp_path, {"sources": [_source(published="2025 @ x")]})
    assert _refusal(path) == [
        (str(path), "sources[0].published", "invalid value for Date: '2025 @ x' is not an ISO date (YYYY-MM-DD)")
    ]


def test_unknown_fields_are_listed_in_order(tmp_path: Path) -> None:
    path = _json(tmp_path, {"sources": [_source(b=1, a=2)]})
    assert _refusal(path) == [(str(path), "sources[0]", "unknown field(s) 'a', 'b'")]


# -- many problems ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "listed"), [(1000, 1000), (1002, 1001)])
def test_a_thousand_problems_are_listed_and_the_rest_counted(tmp_path: Path, count: int, listed: int) -> None:
    path = _json(tmp_path, {"sources": [_source(id=f"s{index}", published=5) for index in range(count)]})
    problems = _refusal(path)
    assert len(problems) == listed
    if count > listed:
        assert problems[-1] == (str(path), "", "… and 2 more problems")


# -- the loader's own bookkeeping -------------------------------------------------------------------


def test_runs_give_each_position_its_file_and_place() -> None:
    runs = _load._Runs()
    runs.add("a.json", 2)
    runs.add("b.json", 3)
    assert [runs[position] for position in range(5)] == [
        ("a.json", 0),
        ("a.json", 1),
        ("b.json", 0),
        ("b.json", 1),
        ("b.json", 2),
    ]
    with pytest.raises(IndexError) as caught:
        runs[5]
    assert caught.value.args == (5,)


def test_an_unreadable_file_stops_the_checks_on_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{", encoding="utf-8")
    _json(tmp_path, {"sources": [_source(published="soon")]}, "b.json")
    assert [file for file, _, _ in _refusal(tmp_path)] == [str(tmp_path / "a.json")]


def test_loading_leaves_the_collector_running(tmp_path: Path) -> None:
    assert gc.isenabled()
    vnhealth.load(_json(tmp_path, {"sources": [_source()]}))
    assert gc.isenabled()


def test_a_record_that_is_not_a_table_is_refused_at_its_place(tmp_path: Path) -> None:
    path = _json(tmp_path, {"sources": [5]})
    ((file, where, message),) = _refusal(path)
    assert (file, where) == (str(path), "sources[0]")
    assert "int" in message


def test_a_value_of_the_wrong_type_in_a_checked_field_is_named_once(tmp_path: Path) -> None:
    path = _json(tmp_path, {"sources": [_source(id=5)]})
    assert _refusal(path) == [(str(path), "sources[0].id", "invalid value for str: expected a string, not int")]


def test_an_empty_id_is_placed_at_the_id_alone(tmp_path: Path) -> None:
    path = _json(tmp_path, {"sources": [_source(id=" ")]})
    assert _refusal(path) == [(str(path), "sources[0].id", "id must not be empty")]


def _unlistable_folder(tmp_path: Path) -> Path:
    """A folder whose entries cannot be listed (permission bits do not stop root: then a kernel folder)."""
    folder = tmp_path / "closed"
    folder.mkdir(mode=0)
    try:
        with os.scandir(folder) as entries:
            list(entries)
    except PermissionError:
        return folder
    folder.chmod(0o700)
    return Path("/proc/1/map_files")  # its owner's memory maps: listing needs more than root in a container


def test_a_folder_that_cannot_be_listed_is_refused_with_the_reason(tmp_path: Path) -> None:
    folder = _unlistable_folder(tmp_path)
    with pytest.raises(PermissionError) as listing, os.scandir(folder) as entries:
        list(entries)
    try:
        assert _refusal(folder) == [(str(folder), "", f"cannot list the folder: {reason(listing.value)}")]
    finally:
        if folder.is_relative_to(tmp_path):
            folder.chmod(0o700)


def test_a_problem_in_a_bundled_record_names_its_bundled_file(tmp_path: Path) -> None:
    # A user's source under a bundled id, with other text: the bundled quotes from it no longer match.
    shipped = vnhealth.load().sources[0]
    path = _json(tmp_path, {"sources": [_source(id=shipped.id, text="Nothing of the kind.")]})
    files = {file for file, _, _ in _refusal_with_bundled(path)}
    bundled_files = {
        f"vnhealth/data/{entry.name}"
        for entry in (importlib.resources.files("vnhealth") / "data").iterdir()
        if entry.name.endswith((".json", ".toml"))
    }
    assert str(path) in files
    assert files - {str(path)}
    assert files - {str(path)} <= bundled_files


def _refusal_with_bundled(path: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(LoadError) as caught:
        vnhealth.load(path, include_bundled=True)
    return [(problem.file, problem.path, problem.message) for problem in caught.value.problems]
