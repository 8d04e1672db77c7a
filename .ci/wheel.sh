#!/usr/bin/env bash
# Build the sdist and the wheel, check them with twine, check that the wheel
# ships the data, then install the wheel (with every extra) into a fresh venv
# and run the test suite from a copy outside the source tree, so that
# `import vnhealth` can only find the installed wheel.
set -euo pipefail
PYTHON="${PYTHON:-python}"
# A relative interpreter path must survive the `cd`s below (no realpath: that would leave a venv).
case "$PYTHON" in */*) PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")" ;; esac
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1

echo "wheel: $PYTHON -m build --outdir $work/dist"
started=$SECONDS
"$PYTHON" -m build --outdir "$work/dist" "$repo" > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
sdist="$(ls "$work"/dist/vnhealth-*.tar.gz)"
wheel="$(ls "$work"/dist/vnhealth-*.whl)"
echo "  built $(basename "$sdist") and $(basename "$wheel") in $((SECONDS - started))s"

echo "wheel: twine check"
"$PYTHON" -m twine check --strict "$sdist" "$wheel"

echo "wheel: the wheel ships the data, the source texts and py.typed"
"$PYTHON" - "$wheel" <<'PY'
import fnmatch, sys, zipfile

names = zipfile.ZipFile(sys.argv[1]).namelist()
required = {
    "vnhealth/py.typed": "the typing marker",
    "vnhealth/data/DATA_VERSION": "the data version",
    "vnhealth/data/*.toml": "the data files",
    "vnhealth/data/sources/*.txt": "the source texts",
    "vnhealth/__main__.py": "python -m vnhealth",
}
missing = [f"{pattern} ({what})" for pattern, what in required.items() if not fnmatch.filter(names, pattern)]
if missing:
    sys.exit("the wheel lacks " + ", ".join(missing))
stray = [name for name in names if name.startswith(("tests/", "docs/", "examples/"))]
if stray:
    sys.exit(f"the wheel holds files that are not the package: {stray[:5]}")
print(f"  {len(names)} files, {len(fnmatch.filter(names, 'vnhealth/data/*.toml'))} data files, "
      f"{len(fnmatch.filter(names, 'vnhealth/data/sources/*.txt'))} source texts")
PY

echo "wheel: a fresh venv with the wheel[all] and the test dependencies"
started=$SECONDS
"$PYTHON" -m venv "$work/venv"
venv_python="$work/venv/bin/python"
# The test group of pyproject.toml, less vnhealth itself (that is the wheel).
mapfile -t test_deps < <("$PYTHON" - "$repo/pyproject.toml" <<'PY'
import sys, tomllib

with open(sys.argv[1], "rb") as stream:
    groups = tomllib.load(stream)["dependency-groups"]
for requirement in groups["test"]:
    if isinstance(requirement, str) and not requirement.replace(" ", "").startswith("vnhealth"):
        print(requirement)
PY
)
"$venv_python" -m pip install -q "$wheel[all]" "${test_deps[@]}"
echo "  installed in $((SECONDS - started))s: $("$venv_python" -m pip list --format=freeze | grep -i '^vnhealth')"

echo "wheel: the tests, copied outside the source tree, against the installed wheel"
mkdir "$work/run"
cp -r "$repo/tests" "$work/run/tests"
# The examples and docs go too: their tests run here as well, against the wheel.
cp -r "$repo/examples" "$work/run/examples"
cp -r "$repo/docs" "$work/run/docs"
# The extraction tests score the development corpus with the evaluation script beside the benchmarks.
cp -r "$repo/benchmarks" "$work/run/benchmarks"
cp "$repo/pyproject.toml" "$work/run/pyproject.toml"  # the pytest settings: strict markers, warnings as errors
[ -f "$repo/README.md" ] && cp "$repo/README.md" "$work/run/README.md"
cd "$work/run"
"$venv_python" - "$work/venv" <<'PY'
import pathlib, sys, sysconfig

import vnhealth

where = pathlib.Path(vnhealth.__file__).resolve()
site = pathlib.Path(sysconfig.get_paths()["purelib"]).resolve()
print(f"  import vnhealth -> {where}")
if not where.is_relative_to(site) or not where.is_relative_to(pathlib.Path(sys.argv[1]).resolve()):
    sys.exit(f"vnhealth was imported from {where}, not from the venv's site-packages {site}")
PY
started=$SECONDS
# No coverage here (the source tree's run measures it) and the quick Hypothesis profile (the source
# tree's run searches hard); everything else as in pyproject.toml.
HYPOTHESIS_PROFILE=dev "$venv_python" -m pytest -o addopts="-ra --strict-markers --strict-config" -p no:cacheprovider -q tests
echo "wheel: the tests passed against the installed wheel in $((SECONDS - started))s"
