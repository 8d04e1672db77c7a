#!/usr/bin/env bash
# The suite as users install vnhealth, each run in a fresh venv and quick (Hypothesis "dev", no coverage):
#   core:   `pip install .` and only the test tools no extra needs; the core must import and its
#           tests pass. Tests that need an extra are marked `extras` and deselected (pytest reports
#           how many), never skipped.
#   lowest: the same at the lowest versions pyproject.toml allows for the core dependencies and
#           these test tools (uv's --resolution lowest-direct), so a floor that no longer works
#           fails here. Last seen passing: attrs 23.2.0, cattrs 23.2.1, pendulum 3.0.0.
# Run from a copy of the tree; PYTHON is the interpreter to build the venvs with.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HYPOTHESIS_PROFILE=dev PIP_DISABLE_PIP_VERSION_CHECK=1
# The test tools that no extra needs (jsonschema, nbclient and ipykernel only test extras).
tools=("hypothesis>=6.100" "pytest>=8" "sybil>=9")

suite() {  # $1: the venv. The tests run against the installed package: src/ is not collected.
  (cd "$repo" && "$1/bin/python" -m pytest -q -p no:cacheprovider -p no:randomly -o addopts="" \
    -ra --strict-markers --strict-config -m "not extras" tests README.md docs)
  # The package's own doctests, from the installed copy.
  (cd "$work" && "$1/bin/python" -m pytest -q -p no:cacheprovider -o addopts="" --strict-markers \
    --doctest-modules --pyargs vnhealth --ignore-glob="*/vnhealth/plot.py" --ignore-glob="*/vnhealth/__main__.py")
}

echo "== core: pip install . with no extra"
"$python" -m venv "$work/core"
"$work/core/bin/python" -m pip install -q "$repo" "${tools[@]}"
"$work/core/bin/python" - <<'PY'
import importlib.util
extras = [name for name in ("pandas", "polars", "pyarrow", "matplotlib", "openpyxl", "jsonschema") if importlib.util.find_spec(name)]
assert not extras, f"the core run must not have the extras: {extras}"
PY
suite "$work/core"

echo "== lowest: the core dependencies at the lowest versions pyproject.toml allows"
"$python" -m venv "$work/lowest"
"$work/lowest/bin/python" -m pip install -q uv
"$work/lowest/bin/python" -m uv pip install -q --python "$work/lowest/bin/python" --resolution lowest-direct \
  "$repo" "${tools[@]}"
"$work/lowest/bin/python" -m uv pip list --python "$work/lowest/bin/python" | grep -Ei "^(attrs|cattrs|msgspec|pendulum) "
suite "$work/lowest"
echo "== matrix passed"
