#!/usr/bin/env bash
# CI: a bounded slice of the fuzzing campaign (fuzz/README.md). Hostile data files
# through vnhealth.load in watched workers; fails on any outcome other than a
# Dataset or a LoadError: an escaped exception, a hang, a memory blow-up, a read
# outside the data folder, a flood of problems, a planted problem not reported
# at its field. The slice is the same every run (seed 0), so a failure here is
# reproduced with the `--replay SEED:INDEX` line it prints.
#
#   FUZZ_BUDGET=150 (seconds, default)   FUZZ_WORKERS=2   FUZZ_SEED=0
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
PYTHON="${PYTHON:-python}"
findings="$(mktemp -d)"
trap 'echo "reproductions of the findings: $findings"' EXIT
"$PYTHON" -m fuzz.campaign \
  --seed "${FUZZ_SEED:-0}" \
  --budget "${FUZZ_BUDGET:-150}" \
  --workers "${FUZZ_WORKERS:-2}" \
  --timeout 5 \
  --memory 1024 \
  --findings "$findings" \
  --no-minimise \
  --strict
