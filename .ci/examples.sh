#!/usr/bin/env bash
# Run the examples as a reader would: every notebook in examples/ executed top
# to bottom in a real Jupyter kernel (nbclient, kernel "python3" of $PYTHON),
# then every plain script. Any cell or script that raises fails here.
set -euo pipefail
PYTHON="${PYTHON:-python}"
# A relative interpreter path must survive the `cd`s below (no realpath: that would leave a venv).
case "$PYTHON" in */*) PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")" ;; esac
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo/examples"
export JUPYTER_PLATFORM_DIRS=1

# A kernel spec of our own, first on JUPYTER_PATH: the kernel is $PYTHON, not
# whatever "python3" some other installation registered.
"$PYTHON" - "$work/jupyter" <<'PY'
import json, pathlib, sys
spec = pathlib.Path(sys.argv[1], "kernels", "python3")
spec.mkdir(parents=True)
argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
(spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "Python 3", "language": "python"}))
PY
export JUPYTER_PATH="$work/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"

shopt -s nullglob
notebooks=(*.ipynb)
scripts=(*.py)
[ "${#notebooks[@]}" -gt 0 ] && [ "${#scripts[@]}" -gt 0 ] || { echo "examples: expected a notebook and a script" >&2; exit 1; }

for notebook in "${notebooks[@]}"; do
  echo "examples: executing $notebook in a python3 kernel"
  started=$SECONDS
  "$PYTHON" - "$notebook" <<'PY'
import sys

import nbformat
from nbclient import NotebookClient

path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
NotebookClient(notebook, kernel_name="python3", timeout=300, resources={"metadata": {"path": "."}}).execute()
cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
images = sum("image/png" in output.get("data", {}) for cell in cells for output in cell.outputs)
if not images:
    sys.exit(f"{path}: no cell drew a chart")
print(f"  {len(cells)} code cells ran, {images} charts drawn")
PY
  echo "examples: $notebook ran in $((SECONDS - started))s"
done

for script in "${scripts[@]}"; do
  echo "examples: $PYTHON $script"
  started=$SECONDS
  "$PYTHON" "$script" > "$work/out.txt"
  echo "  $(wc -l < "$work/out.txt") lines of output, first: $(head -n 1 "$work/out.txt")"
  echo "examples: $script ran in $((SECONDS - started))s"
done
