"""The ``vnhealth`` command line (standard library argparse).

Every sub-command prints an aligned table for people, or with ``--json``
the records themselves (made by the project's converter, so dates are ISO
strings) for scripts. Bad input is one line on stderr, ``vnhealth: error:
...``, and exit status 2; ``validate`` exits 1 when the data has problems.
With no sub-command it prints the gap of every target.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import attrs
import cattrs
import pendulum

from vnhealth._bundled import data_version, load
from vnhealth._converter import make_converter
from vnhealth._dataset import Dataset
from vnhealth._errors import LoadError, VnhealthError
from vnhealth._gaps import Status
from vnhealth._lenient import bound, theme_label
from vnhealth._lenient import theme as theme_of
from vnhealth._model import Theme
from vnhealth._report import (
    conflicts_report,
    directives_table,
    gap_table,
    kind_of,
    officials_table,
    problems_report,
    resolution_report,
    search_table,
)
from vnhealth.extract._command import add_parser

__all__ = ["main"]

EXPORT_FORMATS = ("json", "csv", "xlsx", "parquet", "datapackage")
_DATA_SUFFIXES = (".json", ".toml")


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line, like every other error of the command."""

    def error(self, message: str) -> NoReturn:
        _fail(f"{message} (see vnhealth --help)")
        raise SystemExit(2)  # pragma: no cover - _fail exits


class _Version(argparse.Action):
    """``--version``: the package's version and the bundled data's, read only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        from vnhealth import __version__  # noqa: PLC0415 - the package imports nothing from here

        print(f"vnhealth {__version__} (data {data_version()})")
        parser.exit()


def _fail(message: str) -> NoReturn:
    print(f"vnhealth: error: {message}", file=sys.stderr)
    raise SystemExit(2)


# -- argument types: bad values become one-line usage errors ----------------------
# Each reads the text by the same rule as the Python queries (vnhealth._lenient), so the two cannot disagree.


def _period(text: str) -> str:
    """A ``--since``/``--until`` bound: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    try:
        bound(text, start=True)
    except VnhealthError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text.strip()


def _as_of(text: str) -> pendulum.Date:
    """An ``--as-of`` date; a year or a month means its last day."""
    try:
        return bound(text, start=False)
    except VnhealthError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _theme(text: str) -> Theme:
    """A theme by its value, label or slug, any case: ``digital_health``, ``"Digital Health"``, ``digital-health``."""
    try:
        return theme_of(text)
    except VnhealthError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# -- the parser --------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The parser for every sub-command; ``extract`` is added when `vnhealth.extract` is installed."""
    parser = _Parser(
        prog="vnhealth",
        description="Vietnam's health policy as typed, cited records: who directed what, "
        "which resolution set which target, how far each indicator is from it.",
        epilog="With no command, prints the gap of every target (as `vnhealth gaps`).",
    )
    parser.add_argument("--version", action=_Version, help="print the package and data versions and exit")
    _common(parser, top=True)
    parser.set_defaults(handler=_gaps, as_of=None, set_by=None, indicator=None, status=None, area=None, baseline=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int], text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        _common(sub, top=False)
        sub.set_defaults(handler=handler)
        return sub

    command("officials", _officials, "every official in the data, with the latest title a source attests")

    directives = command("directives", _directives, "what officials directed, oldest first, filtered")
    directives.add_argument("--by", metavar="NAME", help='only this official: "To Lam", "PM Chinh", an id')
    directives.add_argument(
        "--addressee", metavar="WORDS", help='only those addressed to these words: "Ministry of Health"'
    )
    directives.add_argument(
        "--resolution", metavar="NUMBER", help='only those referring to this instrument: "72-NQ/TW", "Resolution 72"'
    )
    directives.add_argument(
        "--theme", type=_theme, metavar="THEME", help="only this theme: " + ", ".join(theme.value for theme in Theme)
    )
    directives.add_argument("--since", type=_period, metavar="DATE", help="from this date on: YYYY, YYYY-MM, ...")
    directives.add_argument("--until", type=_period, metavar="DATE", help="up to this date (inclusive)")

    resolution = command(
        "resolution", _resolution, "an instrument by number (any written form), id or title, with its targets"
    )
    resolution.add_argument("number", metavar="NUMBER", help='"72-NQ/TW", "NQ 72", "282/NQ-CP", an id')

    gaps = command("gaps", _gaps, "the gap of every target to its indicator's latest value")
    gaps.add_argument(
        "--as-of", type=_as_of, metavar="DATE", help="measure at this date (YYYY-MM-DD; a year means its end)"
    )
    gaps.add_argument(
        "--set-by", metavar="NUMBER", help='only the targets of this instrument: "72-NQ/TW", "Resolution 72", an id'
    )
    gaps.add_argument("--indicator", metavar="NAME", help="only this indicator: an id, a name, a WDI or GHO code")
    gaps.add_argument("--status", metavar="STATUS", help="only this status: " + ", ".join(s.value for s in Status))
    gaps.add_argument("--area", metavar="AREA", help="only this area's targets: an id or a name (default: all)")
    gaps.add_argument(
        "--baseline", metavar="RULE", help='where trends run from: "adoption" (default), "earliest" or a period'
    )

    search = command(
        "search", _search, "records holding every word (whole words, diacritics and case ignored), best first"
    )
    search.add_argument("text", nargs="+", metavar="TEXT", help="words to look for")

    validate = command("validate", _validate, "load a data file or folder and print every problem in it")
    validate.add_argument("path", type=Path, metavar="PATH", help="a .toml or .json file, or a folder of them")

    export = command("export", _export, "write the dataset out for other tools")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the file format")
    export.add_argument("--out", required=True, type=Path, metavar="DIR", help="the folder to write into")
    export.add_argument(
        "--bom",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="start CSV files with a UTF-8 byte-order mark, which Excel needs for Vietnamese (default: on for csv)",
    )

    _add_extract(commands)
    return parser


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Accepted before or after the command; a sub-command's default must not undo the top-level flag.
    default: Any = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--json", action="store_true", default=False if top else argparse.SUPPRESS, help="print JSON for scripts"
    )
    parser.add_argument(
        "--data",
        type=Path,
        metavar="PATH",
        default=default,
        help="query this data file or folder, not the bundled data",
    )
    parser.add_argument(
        "--with-bundled",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="with --data or validate: load those records on top of the bundled ones",
    )


def _add_extract(commands: Any) -> None:
    """Register ``vnhealth extract`` (its module ships with vnhealth)."""
    # Its own options only: ``--json`` and ``--data`` before the command name still reach its handler.
    add_parser(commands)


# -- running -----------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line on ``argv`` (default: the process's arguments); returns the exit status.

    Output goes through stdout as it is, with two exceptions made here, in one
    place: text the terminal's encoding cannot show is written as Python escapes
    rather than failing, and a reader that goes away (``vnhealth officials |
    head -1``) ends the command quietly with status 1.
    """
    _escape_what_cannot_be_encoded()
    try:
        status = _run(argv)
        # Flush here, not at exit: a reader that already left is found now, inside the handler below,
        # instead of as an "Exception ignored ... BrokenPipeError" when the interpreter shuts down.
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`vnhealth gaps | head`): stop quietly, as other command-line tools do.
        _silence_stdout()
        return 1
    return status


def _escape_what_cannot_be_encoded() -> None:
    """Let stdout and stderr write any text: what their encoding lacks (latin-1 has no "ạ") is backslash-escaped."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not _is_utf(getattr(stream, "encoding", None)):
            reconfigure(errors="backslashreplace")


def _is_utf(encoding: str | None) -> bool:
    return encoding is not None and encoding.lower().replace("-", "").replace("_", "").startswith("utf")


def _run(argv: Sequence[str] | None) -> int:
    try:
        arguments = build_parser().parse_args(argv)
        status: int = arguments.handler(arguments)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
    except LoadError as error:
        # Outside `validate`, bad data is one line; `validate` lists every problem.
        count = len(error.problems)
        detail = str(error.problems[0]) if count == 1 else f"{count} problems; `vnhealth validate` lists them"
        print(f"vnhealth: error: cannot load the data: {detail}", file=sys.stderr)
        return 2
    except VnhealthError as error:
        print(f"vnhealth: error: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    return status


def _silence_stdout() -> None:
    """Point stdout at the null device so that flushing it at exit raises nothing more."""
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (captured in a test)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)


def _dataset(arguments: argparse.Namespace) -> Dataset:
    if arguments.data is None:
        return load()
    return load(arguments.data, include_bundled=arguments.with_bundled)


def _plain(value: object) -> Any:
    """``value`` as JSON-ready data: records through the project's converter, query results as lists."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list) and not attrs.has(type(value)):
        # Results is a tuple subclass the converter does not know: take it item by item.
        return [_plain(item) for item in value]
    return _converter().unstructure(value)


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter()


def _print_json(value: object) -> None:
    print(json.dumps(_plain(value), ensure_ascii=False, indent=2))


def _emit(arguments: argparse.Namespace, value: object, text: Callable[[], str]) -> int:
    if arguments.json:
        _print_json(value)
    else:
        print(text())
    return 0


def _title(arguments: argparse.Namespace, what: str) -> str:
    origin = f"data in {arguments.data}" if arguments.data is not None else f"vnhealth data {data_version()}"
    return f"{origin}: {what}"


def _officials(arguments: argparse.Namespace) -> int:
    officials = _dataset(arguments).officials
    return _emit(
        arguments,
        officials,
        lambda: _title(arguments, f"{len(officials)} officials") + "\n" + officials_table(officials),
    )


def _directives(arguments: argparse.Namespace) -> int:
    data = _dataset(arguments)
    person = data.official(arguments.by) if arguments.by is not None else None
    instrument = data.resolution(arguments.resolution) if arguments.resolution is not None else None
    found = data.directives_where(
        by=person,
        addressee=arguments.addressee,
        theme=arguments.theme,
        since=arguments.since,
        until=arguments.until,
        resolution=instrument,
    )
    scope = "".join(
        [
            f" by {person.name}" if person else " by every official",
            f" to {arguments.addressee!r}" if arguments.addressee else "",
            f" on {theme_label(arguments.theme).lower()}" if arguments.theme else "",
            f" under {instrument.label}" if instrument else "",
            f" since {arguments.since}" if arguments.since else "",
            f" until {arguments.until}" if arguments.until else "",
        ]
    )
    heading = f"{len(found)} directives{scope}"
    return _emit(arguments, found, lambda: _title(arguments, heading) + "\n" + directives_table(found))


def _resolution(arguments: argparse.Namespace) -> int:
    data = _dataset(arguments)
    found = data.resolution(arguments.number)
    implementing = data.implementing(found)
    targets = data.targets_where(set_by=found)
    value = {"resolution": found, "implementing": tuple(implementing), "targets": tuple(targets)}
    return _emit(arguments, value, lambda: resolution_report(found, implementing, targets))


def _gaps(arguments: argparse.Namespace) -> int:
    data = _dataset(arguments)
    gaps = data.gaps(
        set_by=arguments.set_by,
        indicator=arguments.indicator,
        status=arguments.status,
        as_of=arguments.as_of,
        area=arguments.area,
        baseline=arguments.baseline,
    )
    when = f"at {arguments.as_of}" if arguments.as_of else "at the latest data"
    chosen = [
        f"set by {data.resolution(arguments.set_by).label}" if arguments.set_by else "",
        f"of {data.indicator(arguments.indicator).name}" if arguments.indicator else "",
        f"{arguments.status} " if arguments.status else "",
    ]
    what = f"{len(gaps)} {chosen[2]}targets {chosen[0]} {chosen[1]}" if any(chosen) else "every target"
    heading = f"the gap of {' '.join(what.split())} {when}"
    return _emit(arguments, gaps, lambda: _title(arguments, heading) + "\n" + gap_table(gaps))


def _search(arguments: argparse.Namespace) -> int:
    text = " ".join(arguments.text)
    found = _dataset(arguments).search(text)
    value = [{"kind": kind_of(record), "record": record} for record in found]
    heading = f"{len(found)} records matching {text!r}"
    return _emit(arguments, value, lambda: _title(arguments, heading) + "\n" + search_table(found))


def _validate(arguments: argparse.Namespace) -> int:
    path: Path = arguments.path
    if not path.exists():
        _fail(f"no such file or folder: {str(path)!r}")
    if path.is_file() and path.suffix not in _DATA_SUFFIXES:
        _fail(f"cannot validate {str(path)!r}: give a .toml or .json data file, or a folder of them")
    try:
        data = load(path, include_bundled=arguments.with_bundled)
    except LoadError as error:
        problems = error.problems
        if arguments.json:
            _print_json({"path": str(path), "ok": False, "problems": problems})
        else:
            print(problems_report(problems))
            print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {path}", file=sys.stderr)
        return 1
    counts = {kind: len(getattr(data, kind)) for kind in ("officials", "resolutions", "directives", "targets")}
    conflicts = data.conflicts()
    if arguments.json:
        found = {"path": str(path), "ok": True, "problems": [], "records": len(data), **counts}
        _print_json(found | {"conflicts": conflicts})
    else:
        detail = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        print(f"{path}: no problems in {len(data)} records ({detail})")
        if conflicts:
            print(conflicts_report(conflicts))
    return 0


def _export(arguments: argparse.Namespace) -> int:
    data = _dataset(arguments)
    out: Path = arguments.out
    if out.exists() and not out.is_dir():
        _fail(f"cannot export to {str(out)!r}: it is a file, not a folder")
    data.export(out, format=arguments.format, bom=arguments.bom)
    written = sorted(str(path) for path in out.rglob("*") if path.is_file()) if out.is_dir() else []
    if arguments.json:
        _print_json({"format": arguments.format, "out": str(out), "files": written})
    else:
        print(f"wrote the dataset as {arguments.format} to {out} ({len(written)} files)")
    return 0


if __name__ == "__main__":  # pragma: no cover - `python -m vnhealth` goes through __main__.py
    sys.exit(main())
