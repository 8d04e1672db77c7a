"""The command line on a user's data laid over the bundled data, and the disagreements it finds."""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path

import pytest

from vnhealth._cli import main

PROVINCE = """
[[sources]]
id = "province-report-2025"
outlet = "Provincial Department of Health"
title = "Health workforce report"
url = "https://example.org/report"
published = "2025-01-15"
language = "en"
text = "In 2024 the province had 12.5 doctors per 10,000 people."

[[resolutions]]
id = "province-plan-72"
title = "Provincial plan carrying out Resolution 72-NQ/TW"
kind = "action_plan"
issuer = "Provincial People's Committee"
implements = ["72-nq-tw"]

[[observations]]
indicator = "doctors_per_10k"
value = 12.5
unit = "per_10k_people"
as_of = "2024"
citation = { source = "province-report-2025", quote = "12.5 doctors per 10,000 people" }
"""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


def test_validate_with_the_bundled_data_resolves_references_and_lists_disagreements(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "plan.toml").write_text(PROVINCE, encoding="utf-8")
    status, out = _run(capsys, "validate", str(tmp_path))
    assert status == 1
    assert "unknown instrument '72-nq-tw'" in out
    status, out = _run(capsys, "validate", "--with-bundled", str(tmp_path))
    assert status == 0
    assert "no problems" in out
    assert "doctors_per_10k 2024 in vn:" in out
    assert "12.5 per 10,000 people (province-report-2025)" in out


def test_queries_on_data_with_the_bundled_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "plan.toml").write_text(PROVINCE, encoding="utf-8")
    status, out = _run(capsys, "--json", "--data", str(tmp_path), "--with-bundled", "resolution", "72-NQ/TW")
    assert status == 0
    assert "province-plan-72" in json.dumps(json.loads(out))


def test_validate_reports_the_bundled_disagreements_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    bundled = importlib.resources.files("vnhealth") / "data"  # the installed copy, wherever the tests run
    status, out = _run(capsys, "--json", "validate", str(bundled))
    assert status == 0
    conflicts = json.loads(out)["conflicts"]
    assert conflicts
    assert all(len({o["value"] for o in conflict["observations"]}) >= 2 for conflict in conflicts)
