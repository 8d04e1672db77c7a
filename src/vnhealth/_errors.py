"""The errors vnhealth raises: one root, each also the builtin a caller would catch."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "DocumentNumberError",
    "IncompatibleUnits",
    "InvalidDate",
    "InvalidInput",
    "LoadError",
    "MissingExtra",
    "NotFound",
    "Problem",
    "UnsupportedFormat",
    "VnhealthError",
    "WriteError",
]


class VnhealthError(Exception):
    """The root of every error vnhealth raises on purpose."""


class NotFound(VnhealthError, LookupError):
    """A lookup (an official, an instrument, an indicator, ...) matched nothing, or too much.

    ``suggestions`` holds the closest names, best first, so a notebook user
    can correct a typo without reading the data files.
    """

    def __init__(self, message: str, *, query: str = "", suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        if self.suggestions:
            message = f"{message}; did you mean {_or_list(self.suggestions)}?"
        super().__init__(message)


class DocumentNumberError(VnhealthError, ValueError):
    """Text that is not a Vietnamese document number in any form we accept."""


class InvalidDate(VnhealthError, ValueError):
    """A date or period that is not strict ISO (``2025-02-24``, ``2025-02`` or ``2025``), or not a date at all."""


class InvalidInput(VnhealthError, TypeError):
    """An argument of the wrong type or form."""


class IncompatibleUnits(VnhealthError, ValueError):
    """Two quantities whose units cannot be converted into one another."""


class MissingExtra(VnhealthError, ImportError):
    """An optional feature whose packages are not installed; the message names the extra to install."""

    def __init__(self, feature: str, extra: str) -> None:
        self.extra = extra
        install = f'pip install "vnhealth[{extra}]"'
        super().__init__(f"{feature} needs the optional packages of vnhealth[{extra}]: {install}")


class UnsupportedFormat(VnhealthError, ValueError):
    """A file format vnhealth does not read or write (by the file name's ending)."""


class WriteError(VnhealthError, OSError):
    """A file could not be written; nothing was changed."""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong in loaded data: where it is and what is wrong."""

    file: str
    """The data file (or ``<memory>`` for records built in code)."""
    path: str
    """Where inside the file: ``directives[3].citation.quote``."""
    message: str
    """What is wrong, in words."""

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}"


class LoadError(VnhealthError, ValueError):
    """Data that cannot be loaded; ``problems`` lists every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the data"
        super().__init__("\n  ".join([f"{head}:", *map(str, self.problems)]))


def _or_list(items: Sequence[str]) -> str:
    quoted = [repr(item) for item in items]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
