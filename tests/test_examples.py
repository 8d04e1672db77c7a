"""The examples run as a reader runs them: the notebook in a real Jupyter kernel, the script as a process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Optional extras: the core-only CI run (.ci/matrix.sh) has none of them and deselects `-m extras`.
try:
    import nbclient
    import nbformat
except ImportError:
    pass

pytestmark = pytest.mark.extras

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


@pytest.fixture
def python3_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A "python3" kernel spec first on JUPYTER_PATH that runs this interpreter, whatever else is registered."""
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "Python 3", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend draws the charts
    return "python3"


def test_there_is_a_notebook_and_a_script() -> None:
    assert NOTEBOOKS
    assert SCRIPTS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_in_a_real_kernel(path: Path, python3_kernel: str, tmp_path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook, kernel_name=python3_kernel, timeout=300, resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    errors = [output for cell in code for output in cell.outputs if output.output_type == "error"]
    assert errors == []

    # From import to a DataFrame and a chart in three lines.
    first = code[0]
    assert len([line for line in first.source.splitlines() if line.strip()]) == 3
    # No `%matplotlib inline` first: a reader's fresh kernel must show the figure vnhealth.plot returns.
    assert any("image/png" in output.get("data", {}) for output in first.outputs), (
        "the first cell's figure did not display as an image in a fresh kernel"
    )
    # DataFrames and query results render as HTML tables.
    html = [output for cell in code for output in cell.outputs if "text/html" in output.get("data", {})]
    assert len(html) >= 3
    charts = [output for cell in code for output in cell.outputs if "image/png" in output.get("data", {})]
    assert len(charts) >= 2


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_script_runs(path: Path, tmp_path: Path) -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter and example
        [sys.executable, str(path)], capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "1. Who directed what on digital health since 2025" in done.stdout
    assert "2. The targets of 20-NQ/TW" in done.stdout


def test_script_as_of_a_date(tmp_path: Path) -> None:
    script = EXAMPLES / "digital_health_report.py"
    done = subprocess.run(  # noqa: S603 - our own interpreter and example
        [sys.executable, str(script), "2021-12-31"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "at 2021-12-31" in done.stdout
