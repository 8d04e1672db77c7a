"""The loader and dump under hostile input: a clear error, quickly, and nothing read or left behind."""

from __future__ import annotations

import json
import os
import stat
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

import vnhealth
from _documents import small_document as _dataset
from _documents import source_document as _source
from vnhealth import Dataset, LoadError, WriteError
from vnhealth._load import _PROBLEM_LIMIT


def _write(folder: Path, name: str, document: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _problems(path: Path, **options: Any) -> list[vnhealth.Problem]:
    with pytest.raises(LoadError) as caught:
        vnhealth.load(path, **options)
    return list(caught.value.problems)


# -- what a data folder may read -------------------------------------------------------------------


def test_a_text_file_linked_out_of_the_folder_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private words")
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "article.txt").symlink_to(secret)
    _write(folder, "data.json", {"sources": [_source(text_file="article.txt")]})
    problems = _problems(folder)
    assert [problem.path for problem in problems] == ["sources[0].text_file"]
    assert "outside the data folder" in problems[0].message


def test_a_folder_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "texts").symlink_to("/")
    _write(folder, "data.json", {"sources": [_source(text_file="texts/etc/hostname")]})
    problems = _problems(folder)
    assert "outside the data folder" in problems[0].message


@pytest.mark.parametrize("name", ["/etc/hostname", "../secret.txt", ""])
def test_a_text_file_named_outside_the_folder_is_refused(tmp_path: Path, name: str) -> None:
    problems = _problems(_write(tmp_path, "data.json", {"sources": [_source(text_file=name)]}))
    assert problems[0].path == "sources[0].text_file"
    assert "outside the data file's folder" in problems[0].message


def test_a_named_pipe_does_not_hang_the_load(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "article.txt")
    problems = _problems(_write(tmp_path, "data.json", {"sources": [_source(text_file="article.txt")]}))
    assert "not a regular file (a named pipe)" in problems[0].message


def test_a_link_to_a_device_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "article.txt").symlink_to("/dev/zero")
    problems = _problems(_write(tmp_path, "data.json", {"sources": [_source(text_file="article.txt")]}))
    assert problems[0].path == "sources[0].text_file"


def test_a_data_file_that_is_a_pipe_or_a_broken_link_is_reported_not_skipped(tmp_path: Path) -> None:
    _write(tmp_path, "good.json", _dataset())
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    problems = _problems(tmp_path)
    messages = {Path(problem.file).name: problem.message for problem in problems}
    assert set(messages) == {"pipe.json", "dangling.json", "loop.toml"}
    assert "named pipe" in messages["pipe.json"]
    assert "does not exist" in messages["dangling.json"]
    assert "loop" in messages["loop.toml"]


def test_paths_the_system_refuses_are_load_errors(tmp_path: Path) -> None:
    assert "too long" in _problems(tmp_path / ("x" * 5000))[0].message
    assert "NUL" in _problems(Path(f"{tmp_path}/a\x00b.json"))[0].message


# -- what a data file may hold ---------------------------------------------------------------------


def test_an_integer_too_long_to_convert_is_a_problem(tmp_path: Path) -> None:
    digits = "1" * 5000
    (tmp_path / "big.json").write_text('{"observations": [{"value": ' + digits + "}]}")
    (tmp_path / "big.toml").write_text("[[observations]]\nvalue = " + digits + "\n")
    json_problems = {problem.path: problem.message for problem in _problems(tmp_path / "big.json")}
    assert json_problems["observations[0].value"].endswith("not an integer of over 4,000 digits")  # at its field
    (toml_problem,) = _problems(tmp_path / "big.toml")  # tomllib converts it as it parses: the file cannot be read
    assert (toml_problem.path, toml_problem.message) == (
        "observations[0].value",
        "cannot read a value: a number of more than 4,300 digits",
    )


def test_a_string_where_records_are_expected_is_one_problem(tmp_path: Path) -> None:
    document = _dataset()
    document["resolutions"] = [{"id": "r", "title": "R", "kind": "law", "issuer": "", "citations": "x" * 300_000}]
    problems = _problems(_write(tmp_path, "data.json", document))
    assert [problem.path for problem in problems] == ["resolutions[0].citations"]


def test_messages_and_problem_lists_are_bounded(tmp_path: Path) -> None:
    document = _dataset()
    document["directives"][0]["themes"] = ["y" * 1_000_000]
    document["officials"] += [{"id": f"o{i}", "name": " "} for i in range(_PROBLEM_LIMIT + 50)]
    problems = _problems(_write(tmp_path, "data.json", document))
    assert len(problems) == _PROBLEM_LIMIT + 1
    assert problems[-1].message == "… and 51 more problems"
    assert max(len(problem.message) for problem in problems) < 1000


def test_json_keys_given_twice_are_a_problem(tmp_path: Path) -> None:
    text = json.dumps(_dataset()).replace('"addressee": ""', '"addressee": "", "addressee": "the ministry"')
    (tmp_path / "twice.json").write_text(text)
    (problem,) = _problems(tmp_path / "twice.json")
    assert (problem.path, problem.message) == (
        "directives[0].addressee",
        "given twice in one table (JSON would keep only the last)",
    )


def test_a_record_that_fails_to_build_does_not_hide_what_cites_it(tmp_path: Path) -> None:
    document = _dataset()
    document["sources"][0]["published"] = "2025-13-01"  # the source fails to build
    document["directives"][0]["ordinal"] = 0  # the directive has a problem of its own
    problems = {problem.path: problem.message for problem in _problems(_write(tmp_path, "data.json", document))}
    assert set(problems) == {"sources[0].published", "directives[0].ordinal"}
    assert "1 or more" in problems["directives[0].ordinal"]


# -- the user's data on top of the bundled data ----------------------------------------------------


def _province() -> dict[str, Any]:
    cite = {"source": "province-report", "quote": "42 doctors per 10,000 people"}
    return {
        "sources": [
            _source(
                id="province-report",
                text="The province now has 42 doctors per 10,000 people.",
            )
        ],
        "resolutions": [
            {
                "id": "province-plan-72",
                "title": "Provincial plan to carry out Resolution 72",
                "kind": "action_plan",
                "issuer": "Provincial People's Committee",
                "implements": ["72-nq-tw"],
            }
        ],
        "observations": [
            {"indicator": "doctors_per_10k", "value": 42, "unit": "per_10k_people", "as_of": "2024", "citation": cite}
        ],
    }


def test_a_users_records_build_on_the_bundled_ones(tmp_path: Path) -> None:
    path = _write(tmp_path, "province.json", _province())
    with pytest.raises(LoadError):
        vnhealth.load(path)  # alone, 72-nq-tw and doctors_per_10k are unknown
    data = vnhealth.load(path, include_bundled=True)
    assert len(data) == len(vnhealth.load()) + 3
    assert [r.id for r in data.implementing("72-NQ/TW")][-1] == "province-plan-72"
    assert data.latest("doctors_per_10k", as_of="2024-12-31").value == 42  # type: ignore[union-attr]


def test_an_id_the_bundled_data_uses_is_still_a_duplicate(tmp_path: Path) -> None:
    document = _province()
    document["resolutions"][0]["id"] = "72-nq-tw"
    problems = _problems(_write(tmp_path, "province.json", document), include_bundled=True)
    assert any("duplicate id '72-nq-tw'" in problem.message for problem in problems)


def test_disagreeing_values_are_listed_with_both_citations(tmp_path: Path) -> None:
    bundled_value = vnhealth.latest("doctors_per_10k", as_of="2024-12-31")
    assert bundled_value is not None
    document = _province()
    document["observations"][0]["as_of"] = str(bundled_value.as_of)
    data = vnhealth.load(_write(tmp_path, "province.json", document), include_bundled=True)
    mine = [c for c in data.conflicts() if c.indicator == "doctors_per_10k" and c.period == bundled_value.as_of]
    assert len(mine) == 1
    assert mine[0].values[-1] == 42
    assert {o.citation.source for o in mine[0].observations} >= {bundled_value.citation.source, "province-report"}
    assert data.latest("doctors_per_10k", as_of=bundled_value.as_of.end).value == 42  # type: ignore[union-attr]


def test_the_bundled_conflicts_are_real_disagreements() -> None:
    for conflict in vnhealth.conflicts():
        assert len(conflict.observations) >= 2
        assert len(set(conflict.values)) >= 2
        assert {o.indicator for o in conflict.observations} == {conflict.indicator}
        assert {o.as_of for o in conflict.observations} == {conflict.period}


# -- dump ------------------------------------------------------------------------------------------


def test_dump_to_a_folder_writes_one_file_per_kind_and_loads_back_equal(tmp_path: Path) -> None:
    data = vnhealth.load()
    for format_ in ("toml", "json"):
        folder = tmp_path / format_
        data.dump(folder, format=format_)
        assert sorted(path.name for path in folder.iterdir()) == sorted(
            f"{kind}.{format_}" for kind in vnhealth._records.KINDS
        )
        assert vnhealth.load(folder) == data


def test_dump_refuses_a_folder_holding_other_data(tmp_path: Path) -> None:
    _write(tmp_path, "mine.json", _dataset())
    with pytest.raises(WriteError, match=r"other data files \(mine.json\)"):
        vnhealth.load().dump(tmp_path)


def test_dumped_files_get_the_umask_permissions_and_replaced_ones_keep_theirs(tmp_path: Path) -> None:
    data = Dataset.of(vnhealth._load.load(_write(tmp_path, "in.json", _dataset())))
    old = os.umask(0o022)
    try:
        data.dump(tmp_path / "new.json")
        assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644
        (tmp_path / "new.json").chmod(0o640)
        data.dump(tmp_path / "new.json")
        assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_a_failed_dump_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = Dataset.of(vnhealth._load.load(_write(tmp_path, "in.json", _dataset())))
    target = tmp_path / "out.json"
    target.write_text("old")

    def full_disk(_: Path, __: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", full_disk)
    with pytest.raises(WriteError, match="No space left"):
        data.dump(target)
    assert target.read_text() == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.json", "out.json"]


def test_a_lone_surrogate_round_trips_through_json_and_is_refused_by_toml(tmp_path: Path) -> None:
    (tmp_path / "in.json").write_text(json.dumps(_dataset()).replace('"O"', '"O\\ud800"'))
    data = vnhealth.load(tmp_path / "in.json")
    assert data.sources[0].outlet == "O\ud800"
    data.dump(tmp_path / "out.json")
    assert vnhealth.load(tmp_path / "out.json") == data
    with pytest.raises(WriteError, match="lone surrogate"):
        data.dump(tmp_path / "out.toml")
    assert not (tmp_path / "out.toml").exists()


def test_a_nul_in_the_dump_path_is_a_write_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="NUL"):
        vnhealth.load().dump(tmp_path / "a\x00b.json")


def test_dump_says_which_formats_it_writes(tmp_path: Path) -> None:
    data = vnhealth.load()
    with pytest.raises(vnhealth.UnsupportedFormat, match="the name says json"):
        data.dump(tmp_path / "data.json", format="toml")
    with pytest.raises(vnhealth.UnsupportedFormat, match="give 'toml' or 'json'"):
        data.dump(tmp_path / "folder", format="csv")
    with pytest.raises(vnhealth.UnsupportedFormat, match=r"\.json or \.toml, or a folder"):
        data.dump(tmp_path / "data.csv")


def test_a_record_type_msgspec_cannot_build_goes_through_its_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vnhealth import _load
    from vnhealth._model import Directive

    fields = {}
    hints = typing.get_type_hints(Directive)  # resolved types: attrs before 24 makes no annotations from strings
    for field in attrs.fields(Directive):
        kinds = {"validator": field.validator, "converter": field.converter, "type": hints[field.name]}
        arguments: dict[str, Any] = kinds
        if field.default is not attrs.NOTHING:
            arguments["default"] = field.default
        if field.name == "text":
            arguments["converter"] = str.strip  # changes values: msgspec would skip it
        fields[field.name] = attrs.field(**arguments)
    stripping = attrs.make_class("Directive", fields, frozen=True, kw_only=True)
    stripping.__module__ = Directive.__module__  # its annotations name the model module's imports
    document = _dataset()
    document["directives"][0]["text"] = "  Train doctors.  "
    path = _write(tmp_path, "data.json", document)
    monkeypatch.setitem(_load.RECORD_TYPES, "directives", stripping)
    _load._decoding.cache_clear()
    _load._converter.cache_clear()
    try:
        assert _load._decode_all(_load._user_inputs(path)) is None  # steps aside
        assert _load.load(path).directives[0].text == "Train doctors."  # the converter ran
    finally:
        monkeypatch.undo()
        _load._decoding.cache_clear()
        _load._converter.cache_clear()


def test_a_long_number_outside_any_record_table_is_placed_by_its_line(tmp_path: Path) -> None:
    (tmp_path / "odd.toml").write_text("\n\nsize = " + "9" * 5000 + "\n")
    (problem,) = _problems(tmp_path / "odd.toml")
    assert problem.path == "line 3"
    assert repr(vnhealth._load._integer("-" + "1" * 5000)) == "<an integer of 5,000 digits>"


def test_a_value_its_validator_refuses_after_conversion_is_placed_at_its_field(tmp_path: Path) -> None:
    document = _dataset()
    document["indicators"] = [{"id": "i", "name": "I", "unit": "count", "direction": "higher"}]
    cite = {"source": "s", "quote": "doctors"}
    document["observations"] = [{"indicator": "i", "value": 1, "unit": "count", "as_of": "2024", "citation": cite}]
    text = json.dumps(document).replace('"value": 1', '"value": NaN')
    (tmp_path / "nan.json").write_text(text)
    (problem,) = _problems(tmp_path / "nan.json")
    assert problem.path == "observations[0].value"
    assert "finite" in problem.message


def test_a_text_file_that_is_not_utf8_is_a_problem_at_its_field(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_bytes("Bác sĩ".encode("utf-16"))
    problems = _problems(_write(tmp_path, "data.json", {"sources": [_source(text_file="article.txt")]}))
    assert [problem.path for problem in problems] == ["sources[0].text_file"]
