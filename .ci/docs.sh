#!/usr/bin/env bash
# Build the documentation site with `mkdocs build --strict`: a page missing from
# the nav, a broken link or an API reference that cannot be rendered from the
# docstrings fails here. The site goes to a temporary folder and is thrown away.
set -euo pipefail
export NO_MKDOCS_2_WARNING=1
PYTHON="${PYTHON:-python}"
# A relative interpreter path must survive the `cd`s below (no realpath: that would leave a venv).
case "$PYTHON" in */*) PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")" ;; esac
repo="$(cd "$(dirname "$0")/.." && pwd)"
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
cd "$repo"

echo "docs: $PYTHON -m mkdocs build --strict --site-dir $site"
started=$SECONDS
"$PYTHON" -m mkdocs build --strict --clean --site-dir "$site"
pages="$(find "$site" -name '*.html' | wc -l)"
[ "$pages" -gt 0 ] || { echo "docs: the build wrote no pages" >&2; exit 1; }
echo "docs: built $pages pages in $((SECONDS - started))s"
