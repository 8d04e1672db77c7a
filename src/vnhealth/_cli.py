"""The ``vnhealth`` command line (standard library argparse)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from vnhealth._errors import VnhealthError
from vnhealth._load import bundled, data_version
from vnhealth._report import gap_table

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="vnhealth", description="Vietnam's health policy, cited.")
    commands = parser.add_subparsers(dest="command")
    gaps = commands.add_parser("gaps", help="the gap of every target to its indicator's latest value")
    gaps.add_argument("--as-of", help="measure at this date (YYYY-MM-DD); default: the latest data")
    arguments = parser.parse_args(argv)
    try:
        data = bundled()
        as_of = getattr(arguments, "as_of", None)
        print(f"vnhealth data {data_version()}: the gap of every target", end="")
        print(f" at {as_of}" if as_of else " at the latest data")
        print(gap_table(data.gaps(as_of=as_of)))
    except (VnhealthError, ValueError) as error:
        print(f"vnhealth: error: {error}", file=sys.stderr)
        return 2
    return 0
