"""The command line, run as ``main([...])`` on the bundled data, and once each as a real process."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

import vnhealth
from vnhealth._cli import build_parser, main

DOCS_CLI = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


@pytest.fixture(scope="module")
def data() -> vnhealth.Dataset:
    return vnhealth.load()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    status, out, err = run(capsys, *argv, "--json")
    assert (status, err) == (0, "")
    return json.loads(out)


def unstructured(value: Iterable[object]) -> object:
    converter = vnhealth.make_converter()
    return json.loads(json.dumps([converter.unstructure(item) for item in value]))


def assert_one_line_error(status: int, out: str, err: str, *words: str) -> None:
    assert status == 2
    assert out == ""
    assert err.startswith("vnhealth: error: ")
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    for word in words:
        assert word in err


# -- the sub-commands ----------------------------------------------------------------


def test_officials_table_lists_everyone(capsys: pytest.CaptureFixture[str], data: vnhealth.Dataset) -> None:
    status, out, err = run(capsys, "officials")
    assert (status, err) == (0, "")
    assert f"vnhealth data {vnhealth.data_version()}: {len(data.officials)} officials" in out
    for official in data.officials:
        assert re.search(rf"^{re.escape(official.id)}\s+{re.escape(official.name)}\b", out, re.MULTILINE)


def test_officials_json_is_the_converters_output(capsys: pytest.CaptureFixture[str], data: vnhealth.Dataset) -> None:
    assert run_json(capsys, "officials") == unstructured(data.officials)


def test_directives_by_an_official_in_any_spelling(capsys: pytest.CaptureFixture[str]) -> None:
    expected = vnhealth.directives_by("To Lam")
    assert expected, "the bundled data has directives by Tô Lâm"
    status, out, err = run(capsys, "directives", "--by", "General Secretary Tô Lâm")
    assert (status, err) == (0, "")
    assert f"{len(expected)} directives by Tô Lâm" in out
    ids = re.findall(r"^\d{4}-\d{2}-\d{2}\s+(?:\d+\s+)?(\S+)", out, re.MULTILINE)
    assert ids == [directive.id for directive in expected]


def test_directives_filtered_by_theme_and_dates(capsys: pytest.CaptureFixture[str]) -> None:
    expected = vnhealth.directives_by("To Lam", theme="digital_health", since="2025", until="2026-12-31")
    assert expected, "the bundled data has Tô Lâm's directives on digital health since 2025"
    found = run_json(
        capsys, "directives", "--by", "to lam", "--theme", "Digital-Health", "--since", "2025", "--until", "2026-12-31"
    )
    assert found == unstructured(expected)
    assert isinstance(found, list)
    assert all("digital_health" in directive["themes"] for directive in found)
    assert all(directive["issued_on"] >= "2025-01-01" for directive in found)
    status, out, _ = run(capsys, "directives", "--by", "to-lam", "--theme", "digital_health", "--since", "2025")
    assert status == 0
    assert "by Tô Lâm on digital health since 2025" in out


def test_json_option_before_or_after_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    before = main(["--json", "directives", "--by", "To Lam"])
    first = capsys.readouterr().out
    assert before == 0
    assert json.loads(first) == run_json(capsys, "directives", "--by", "To Lam")


def test_resolution_in_any_written_form(capsys: pytest.CaptureFixture[str], data: vnhealth.Dataset) -> None:
    found = data.resolution("72-NQ/TW")
    for form in ("72-NQ/TW", "72 - NQ/TW", "Nghị quyết số 72-NQ/TW", found.id):
        status, out, err = run(capsys, "resolution", form)
        assert (status, err) == (0, "")
        assert re.search(r"^number\s+72-NQ/TW$", out, re.MULTILINE)
        assert found.title in out
    for implementer in data.implementing(found):
        assert implementer.label in out


def test_resolution_json_has_implementers_and_targets(
    capsys: pytest.CaptureFixture[str], data: vnhealth.Dataset
) -> None:
    found = data.resolution("20-NQ/TW")
    answer = run_json(capsys, "resolution", "20-NQ/TW")
    assert isinstance(answer, dict)
    assert answer["resolution"]["number"] == "20-NQ/TW"
    assert answer["implementing"] == unstructured(data.implementing(found))
    assert answer["targets"] == unstructured(data.targets_where(set_by=found))
    assert answer["targets"], "20-NQ/TW sets targets in the bundled data"


def test_resolution_report_lists_targets_and_sources(
    capsys: pytest.CaptureFixture[str], data: vnhealth.Dataset
) -> None:
    found = data.resolution("20-NQ/TW")
    status, out, _ = run(capsys, "resolution", "20-NQ/TW")
    assert status == 0
    assert f"targets it sets ({len(data.targets_where(set_by=found))}):" in out
    for target in data.targets_where(set_by=found):
        assert target.id in out
    if found.citations:
        assert f"[{found.citations[0].source}]" in out


def test_gaps_table_has_a_line_per_target(
    capsys: pytest.CaptureFixture[str], data: vnhealth.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    status, out, err = run(capsys, "gaps")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"vnhealth data {vnhealth.data_version()}: the gap of every target at the latest data"
    assert lines[1].split() == ["target", "goal", "latest", "as", "of", "difference", "status", "indicator"]
    assert len(lines) == 3 + len(data.targets)
    for line, target in zip(lines[3:], data.targets, strict=True):
        gap = data.indicator_gap(target)
        assert line.startswith(target.id + " "), line
        assert f" {gap.status.value} " in line, line
        assert line.rstrip().endswith(gap.indicator.name), line


@pytest.mark.parametrize("columns", [60, 80, 100, 132])
def test_tables_fit_the_terminal(
    capsys: pytest.CaptureFixture[str], data: vnhealth.Dataset, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    for argv in (["gaps"], ["directives"], ["officials"], ["search", "health"]):
        status, out, _ = run(capsys, *argv)
        assert status == 0
        table = out.splitlines()[1:]
        assert table, argv
        # Wide enough for the columns that are never cut, the table fits; the ids of targets stay whole from 100 on.
        if columns >= 100:
            assert max(map(len, table)) <= columns, (argv, columns)
    _, out, _ = run(capsys, "gaps")
    ids = [line.split()[0] for line in out.splitlines()[3:]]
    if columns >= 100:
        assert ids == [target.id for target in data.targets]
    else:
        assert all(target.id.startswith(shown.rstrip("…")) for shown, target in zip(ids, data.targets, strict=True))


def test_gaps_filtered_like_the_python_query(capsys: pytest.CaptureFixture[str], data: vnhealth.Dataset) -> None:
    for argv, query in [
        (["--set-by", "72-NQ/TW"], {"set_by": "72-NQ/TW"}),
        (["--set-by", "Nghị quyết 72", "--status", "Off Track"], {"set_by": "72-nq-tw", "status": "off track"}),
        (["--indicator", "SH.MED.PHYS.ZS"], {"indicator": "doctors_per_10k"}),
        (["--status", "no-data", "--as-of", "2024"], {"status": vnhealth.Status.NO_DATA, "as_of": 2024}),
    ]:
        expected = data.gaps(**query)  # type: ignore[arg-type]
        assert expected, query
        assert run_json(capsys, "gaps", *argv) == unstructured(expected)
    status, out, _ = run(capsys, "gaps", "--set-by", "72-NQ/TW", "--status", "off track")
    assert status == 0
    assert "off track targets set by 72-NQ/TW at the latest data" in out.splitlines()[0]


def test_directives_across_officials(capsys: pytest.CaptureFixture[str], data: vnhealth.Dataset) -> None:
    expected = data.directives_where(addressee="Ministry of Health", resolution="Resolution 72")
    assert expected
    found = run_json(capsys, "directives", "--addressee", "ministry of health", "--resolution", "Resolution 72")
    assert found == unstructured(expected)
    assert len({d["issued_by"] for d in run_json(capsys, "directives")}) > 1  # type: ignore[union-attr]
    status, out, _ = run(capsys, "directives", "--addressee", "Ministry of Health", "--resolution", "72-NQ/TW")
    assert status == 0
    assert "by every official to 'Ministry of Health' under 72-NQ/TW" in out


def test_no_command_prints_the_gap_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys) == run(capsys, "gaps")


def test_gaps_as_of_a_date(capsys: pytest.CaptureFixture[str], data: vnhealth.Dataset) -> None:
    answer = run_json(capsys, "gaps", "--as-of", "2020-06-30")
    assert answer == unstructured(data.gaps(as_of="2020-06-30"))
    assert run_json(capsys, "gaps", "--as-of", "2020") == unstructured(data.gaps(as_of="2020-12-31"))
    status, out, _ = run(capsys, "gaps", "--as-of", "2020-06-30")
    assert status == 0
    assert "at 2020-06-30" in out.splitlines()[0]


def test_gaps_json_dates_are_iso_strings(capsys: pytest.CaptureFixture[str]) -> None:
    answer = run_json(capsys, "gaps")
    assert isinstance(answer, list)
    assert answer
    for gap in answer:
        assert gap["status"] in {status.value for status in vnhealth.Status}
        if gap["as_of"] is not None:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", gap["as_of"])


def test_search_finds_what_the_library_finds(capsys: pytest.CaptureFixture[str], data: vnhealth.Dataset) -> None:
    expected = data.search("digital transformation")
    assert expected
    status, out, err = run(capsys, "search", "digital", "transformation")
    assert (status, err) == (0, "")
    assert f"{len(expected)} records matching 'digital transformation'" in out
    answer = run_json(capsys, "search", "Digital Transformation")
    assert isinstance(answer, list)
    assert [item["kind"] for item in answer] == [type(record).__name__.lower() for record in expected]
    assert [item["record"] for item in answer] == unstructured(expected)


def test_search_that_finds_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "search", "zzzz-nothing-like-this")
    assert status == 0
    assert "0 records matching" in out
    assert run_json(capsys, "search", "zzzz-nothing-like-this") == []


def test_search_describes_every_kind_of_record(data: vnhealth.Dataset) -> None:
    from vnhealth._report import describe, search_table

    kinds = {type(record) for record in data}
    assert len(kinds) >= 6
    samples = [next(record for record in data if type(record) is kind) for kind in kinds]
    text = search_table(samples)
    for record in samples:
        key, description = describe(record)
        assert key
        assert description
        assert key in text


# -- validate ------------------------------------------------------------------------


def test_validate_the_bundled_data_written_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: vnhealth.Dataset
) -> None:
    path = tmp_path / "all.json"
    data.dump(path)
    status, out, err = run(capsys, "validate", str(path))
    assert (status, err) == (0, "")
    assert out.startswith(f"{path}: no problems in {len(data)} records")
    answer = run_json(capsys, "validate", str(path))
    assert isinstance(answer, dict)
    conflicts = answer.pop("conflicts")
    assert [(c["indicator"], c["period"]) for c in conflicts] == [
        (c.indicator, str(c.period)) for c in data.conflicts()
    ]
    assert answer == {
        "path": str(path),
        "ok": True,
        "problems": [],
        "records": len(data),
        "officials": len(data.officials),
        "resolutions": len(data.resolutions),
        "directives": len(data.directives),
        "targets": len(data.targets),
    }


BROKEN = """
[[sources]]
id = "a"
outlet = "VNA"
title = "An article"
url = "https://example.org/a"
published = "2025-02-30"
language = "en"
text = "The Prime Minister asked for more doctors."

[[officials]]
id = "pm"
name = "Phạm Minh Chính"
nickname = "PM"

[[directives]]
id = "d1"
text = "More doctors."
issued_by = "nobody"
issued_on = "2025-02-24"
addressee = "Ministry of Health"
themes = ["doctors"]
citation = { source = "a", quote = "asked for fewer doctors" }
"""


def test_validate_prints_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(vnhealth.LoadError) as raised:
        vnhealth.load(path)
    problems = raised.value.problems
    assert len(problems) >= 3
    status, out, err = run(capsys, "validate", str(path))
    assert status == 1
    assert out.splitlines() == [str(problem) for problem in problems]
    assert err == f"{len(problems)} problems in {path}\n"
    for words in ("published", "nickname", "themes"):
        assert words in out
    answer = run_json_status(capsys, 1, "validate", str(path), "--json")
    assert answer == {
        "path": str(path),
        "ok": False,
        "problems": [{"file": problem.file, "path": problem.path, "message": problem.message} for problem in problems],
    }


def run_json_status(capsys: pytest.CaptureFixture[str], expected: int, *argv: str) -> object:
    status, out, _ = run(capsys, *argv)
    assert status == expected
    return json.loads(out)


def test_validate_one_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"officials": [{"id": "x"}]}', encoding="utf-8")
    status, out, err = run(capsys, "validate", str(path))
    assert status == 1
    assert "required field missing" in out
    assert err == f"1 problem in {path}\n"


def test_validate_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text('[[indicators]]\nid = "x"\nname = "X"\nunit = "count"\ndirection = "higher"\n')
    status, out, _ = run(capsys, "validate", str(tmp_path))
    assert status == 0
    assert "no problems in 1 records" in out


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [("missing.toml", None, "no such file or folder"), ("data.csv", "a,b\n", "give a .toml or .json data file")],
)
def test_validate_something_that_is_not_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: str | None, words: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    assert_one_line_error(*run(capsys, "validate", str(path)), words)


def test_queries_on_a_users_data(capsys: pytest.CaptureFixture[str], tmp_path: Path, data: vnhealth.Dataset) -> None:
    path = tmp_path / "mine.toml"
    data.dump(path)
    status, out, _ = run(capsys, "--data", str(path), "officials")
    assert status == 0
    assert out.startswith(f"data in {path}: {len(data.officials)} officials")
    assert run_json(capsys, "gaps", "--data", str(path)) == run_json(capsys, "gaps")


def test_queries_on_broken_data_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    assert_one_line_error(*run(capsys, "--data", str(path), "gaps"), "cannot load the data", "vnhealth validate")
    (tmp_path / "one.json").write_text('{"officials": [{"id": "x"}]}')
    assert_one_line_error(*run(capsys, "--data", str(tmp_path / "one.json"), "officials"), "required field missing")


# -- export --------------------------------------------------------------------------


@pytest.mark.parametrize("format_", ["json", "csv", "datapackage"])
def test_export(capsys: pytest.CaptureFixture[str], tmp_path: Path, format_: str) -> None:
    out_dir = tmp_path / "out"
    status, out, err = run(capsys, "export", "--format", format_, "--out", str(out_dir))
    assert (status, err) == (0, "")
    assert out.startswith(f"wrote the dataset as {format_} to {out_dir}")
    assert any(path.is_file() for path in out_dir.rglob("*"))
    answer = run_json(capsys, "export", "--format", format_, "--out", str(tmp_path / "again"))
    assert isinstance(answer, dict)
    assert answer["format"] == format_
    assert answer["files"]


def test_export_into_a_file_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_text("")
    assert_one_line_error(*run(capsys, "export", "--format", "json", "--out", str(path)), "not a folder")


def test_export_format_must_be_known(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert_one_line_error(*run(capsys, "export", "--format", "ods", "--out", str(tmp_path)), "invalid choice")


def test_csv_for_spreadsheets_starts_with_a_byte_order_mark(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "export", "--format", "csv", "--out", str(tmp_path / "csv"))[0] == 0
    assert (tmp_path / "csv" / "officials.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert run(capsys, "export", "--format", "csv", "--no-bom", "--out", str(tmp_path / "plain"))[0] == 0
    assert (tmp_path / "plain" / "officials.csv").read_bytes().startswith(b"id,")
    assert run(capsys, "export", "--format", "datapackage", "--out", str(tmp_path / "package"))[0] == 0
    assert (tmp_path / "package" / "officials.csv").read_bytes().startswith(b"id,")
    assert run(capsys, "export", "--format", "datapackage", "--bom", "--out", str(tmp_path / "marked"))[0] == 0
    assert (tmp_path / "marked" / "officials.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.extras
def test_export_xlsx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "export", "--format", "xlsx", "--out", str(tmp_path))
    assert status == 0
    assert (tmp_path / "vnhealth.xlsx").is_file()
    assert "(1 files)" in out


# -- bad input: one line, exit 2 -----------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["directives", "--by", "Nobody Atall"], ["no official named 'Nobody Atall'"]),
        (["directives", "--by", "To Lam", "--since", "2025-13"], ["--since", "month 13"]),
        (["directives", "--by", "To Lam", "--since", "24/02/2025"], ["--since", "ISO period"]),
        (["directives", "--by", "To Lam", "--theme", "astrology"], ["no theme 'astrology'", "digital_health"]),
        (["directives", "--addressee", " "], ["addressee", "needs a word"]),
        (["gaps", "--status", "late"], ["no status 'late'", "off track"]),
        (["gaps", "--set-by", "Resolution 99"], ["no instrument"]),
        (["gaps", "--as-of", "2025-02-30"], ["--as-of", "no day 30"]),
        (["gaps", "--as-of", "yesterday"], ["--as-of"]),
        (["resolution", "999-XX/YY"], ["no instrument"]),
        (["frobnicate"], ["invalid choice"]),
        (["gaps", "--colour"], ["unrecognized arguments"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: list[str]
) -> None:
    assert_one_line_error(*run(capsys, *argv), *words)


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    for command in ("officials", "directives", "resolution", "gaps", "search", "validate", "export"):
        assert command in out


def test_version_names_package_and_data(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--version")
    assert status == 0
    assert out == f"vnhealth {vnhealth.__version__} (data {vnhealth.data_version()})\n"


# -- the extract sub-command ---------------------------------------------------------


def test_extract_is_registered() -> None:
    assert "extract" in build_parser().format_help()


def test_extract_on_a_missing_article_is_a_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "extract", str(tmp_path / "missing.txt"))
    assert (status, out) == (2, "")
    assert err.startswith("vnhealth: error:") or err.startswith("vnhealth extract: error:")
    assert err.count("\n") == 1


def test_extract_writes_a_draft(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("On February 24, 2025, General Secretary To Lam visited the Ministry of Health.\n")
    status, out, err = run(
        capsys, "extract", str(article), "--published", "2025-02-24", "--outlet", "VNA", "--url", "https://example.org"
    )
    assert (status, err) == (0, "")
    assert "wrote" in out
    assert (tmp_path / "article.draft.toml").exists()


def test_python_m_vnhealth_prints_the_gap_table() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "vnhealth"], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "the gap of every target" in done.stdout.splitlines()[0]


def test_console_script() -> None:
    script = shutil.which("vnhealth", path=str(Path(sys.executable).parent))
    assert script is not None, "the vnhealth console script is installed next to the interpreter"
    done = subprocess.run(  # noqa: S603 - the console script of the package under test
        [script, "directives", "--by", "Nobody Atall"], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert done.returncode == 2
    assert done.stderr.startswith("vnhealth: error: no official named")
    version = subprocess.run(  # noqa: S603
        [script, "--version"], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert version.stdout.startswith(f"vnhealth {vnhealth.__version__} (data ")


# -- the documented commands run -----------------------------------------------------


def documented_commands() -> list[str]:
    if not DOCS_CLI.exists():
        return []
    return [line[2:] for line in DOCS_CLI.read_text(encoding="utf-8").splitlines() if line.startswith("$ vnhealth")]


@pytest.mark.extras  # docs/cli.md shows the xlsx export, which needs vnhealth[xlsx]
def test_the_documented_commands_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = documented_commands()
    assert len(commands) >= 8
    monkeypatch.chdir(tmp_path)
    vnhealth.load().dump(tmp_path / "my-data.toml")
    for command in commands:
        argv = shlex.split(command)[1:]
        expected = 2 if "Nobody" in command else 0
        status, _, err = run(capsys, *argv)
        assert status == expected, f"{command}: {err}"


def test_a_reader_that_goes_away_is_not_a_crash() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "vnhealth", "--json", "gaps"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # before the command has written anything
    error = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in error


def _environment(*, buffered: bool = True, **variables: str) -> dict[str, str]:
    """This process's environment; ``buffered`` drops PYTHONUNBUFFERED, as a user's shell has it."""
    environment = {**os.environ, **variables}
    if buffered:
        environment.pop("PYTHONUNBUFFERED", None)
    return environment


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("command", [["officials"], ["--json", "officials"], ["search", "y tế"], ["--version"]])
def test_a_reader_gone_before_a_short_output_is_flushed(command: list[str], *, buffered: bool) -> None:
    # Buffered, short output waits in stdout until the end: the closed pipe is met when it is flushed.
    # Flushed at exit, Python would print "Exception ignored ... BrokenPipeError" and exit 120.
    process = subprocess.Popen(  # noqa: S603 - the package under test
        [sys.executable, "-m", "vnhealth", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(buffered=buffered),
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()
    error = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 1
    assert error == ""


def test_head_reads_one_line_and_leaves() -> None:
    shell = f"{shlex.quote(sys.executable)} -m vnhealth officials | head -1"
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run(  # noqa: S603 - a fixed pipeline, as a user would type it
        [bash, "-o", "pipefail", "-c", shell],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=_environment(),
    )
    assert done.stdout.startswith("vnhealth data ")
    assert done.stdout.count("\n") == 1
    assert "Exception ignored" not in done.stderr
    assert "Traceback" not in done.stderr
    assert done.returncode in {0, 1}  # 0 when everything fitted in the pipe before head left


@pytest.mark.parametrize(
    "command",
    [
        ["gaps"],
        ["officials"],
        ["directives", "--by", "To Lam"],
        ["resolution", "72-NQ/TW"],
        ["search", "y tế"],
        ["--json", "officials"],
    ],
)
def test_a_terminal_that_cannot_show_vietnamese(command: list[str]) -> None:
    def run_with(encoding: str) -> subprocess.CompletedProcess[bytes]:
        environment = _environment(PYTHONIOENCODING=encoding)
        return subprocess.run(  # noqa: S603 - the package under test
            [sys.executable, "-m", "vnhealth", *command], capture_output=True, env=environment, timeout=60, check=False
        )

    latin, utf8 = run_with("latin-1"), run_with("utf-8")
    assert (latin.returncode, latin.stderr) == (0, b"")
    # The same text, what latin-1 lacks ("ạ") written as a Python escape ("\\u1ea1"): not lost, not a crash.
    expected = utf8.stdout.decode("utf-8").encode("latin-1", "backslashreplace")
    assert latin.stdout == expected


def test_main_escapes_what_a_latin_1_stream_cannot_hold(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["officials"]) == 0
    expected = capsys.readouterr().out
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="latin-1", errors="strict")
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["officials"]) == 0
    assert stream.errors == "backslashreplace"
    assert raw.getvalue() == expected.encode("latin-1", "backslashreplace")


def test_a_latin_1_error_message_is_escaped_not_a_crash() -> None:
    environment = _environment(PYTHONIOENCODING="latin-1")
    done = subprocess.run(
        [sys.executable, "-m", "vnhealth", "gaps", "--as-of", "٢٠٢٥"],
        capture_output=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.decode("latin-1").startswith("vnhealth: error: argument --as-of: '\\u0662")
    assert "Traceback" not in done.stderr.decode("latin-1")


def test_broken_pipe_points_stdout_at_the_null_device(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import vnhealth._cli as cli

    def reader_gone(_: object) -> int:
        raise BrokenPipeError

    monkeypatch.setattr(cli, "_officials", reader_gone)
    with (tmp_path / "out").open("w") as stream:
        monkeypatch.setattr(sys, "stdout", stream)
        assert main(["officials"]) == 1
        print("dropped")
    assert (tmp_path / "out").read_text() == ""


def test_broken_pipe_while_captured(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import vnhealth._cli as cli

    def reader_gone(_: object) -> int:
        raise BrokenPipeError

    monkeypatch.setattr(cli, "_officials", reader_gone)
    assert run(capsys, "officials") == (1, "", "")


def test_resolution_report_without_targets_or_sources(data: vnhealth.Dataset) -> None:
    import attrs

    from vnhealth._report import resolution_report

    bare = attrs.evolve(data.resolution("72-NQ/TW"), citations=(), number=None, issued_on=None)
    text = resolution_report(bare, (), ())
    assert "(unnumbered)" in text
    assert "targets it sets" not in text
    assert "sources:" not in text
