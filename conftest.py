"""Run the Python code blocks of README.md and docs/*.md as tests, so the docs cannot drift from the code."""

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

# `python -m vnhealth` runs the command line on import; it has no doctests.
collect_ignore = ["src/vnhealth/__main__.py"]

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE), SkipParser()],
    patterns=["*.md"],
    excludes=["CHANGELOG.md", "CHANGES.md"],
).pytest()
