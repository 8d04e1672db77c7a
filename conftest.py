"""Run the Python code blocks of README.md and docs/*.md as tests, so the docs cannot drift from the code."""

import re
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

# `python -m vnhealth` runs the command line on import; it has no doctests.
collect_ignore = ["src/vnhealth/__main__.py"]

pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE), SkipParser()],
    patterns=["*.md"],
    excludes=["CHANGELOG.md", "CHANGES.md"],
).pytest()

# A page whose examples use an optional extra: its blocks share one namespace, so all of them are
# marked, and the core-only CI run (.ci/matrix.sh) deselects them with `-m "not extras"`.
_USES_AN_EXTRA = re.compile(
    r"\.to_(pandas|polars|arrow)\(|vnhealth\.(to_pandas|to_polars|to_arrow|plot)\b"
    r"|import (pandas|polars|pyarrow|matplotlib|jsonschema)|parquet"
)


def _code_of(path: Path) -> str:
    return "\n".join(re.findall(r"```python\n(.*?)```", path.read_text("utf-8"), flags=re.DOTALL))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    pages: dict[Path, bool] = {}
    for item in items:
        path = Path(str(item.path))
        if path.suffix != ".md":
            continue
        if path not in pages:
            pages[path] = bool(_USES_AN_EXTRA.search(_code_of(path)))
        if pages[path]:
            item.add_marker(pytest.mark.extras)
