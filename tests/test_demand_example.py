"""The sample reports (data/) and the example workbook: the generator is deterministic, and the
example's demand can be regenerated from the reports (and solved)."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.demand.profile import workbook_person_hours
from roster_solver.workbook.reader import read_workbook

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "example.xlsx"
runner = CliRunner()


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_reports", ROOT / "data" / "make_reports.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_reports"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "reports.csv"
    _generator().write(path)
    return path


def test_generator_is_deterministic_and_matches_the_committed_file(reports: Path) -> None:
    again = reports.with_name("again.csv")
    _generator().write(again)
    assert reports.read_bytes() == again.read_bytes()
    committed = ROOT / "data" / "reports.csv"
    digest = hashlib.sha256(reports.read_bytes()).hexdigest()
    assert hashlib.sha256(committed.read_bytes()).hexdigest() == digest
    other = reports.with_name("other.csv")
    _generator().write(other, seed=1)
    assert other.read_bytes() != reports.read_bytes()


def test_generator_writes_no_personal_data(reports: Path) -> None:
    header = reports.read_text(encoding="utf-8").splitlines()[0]
    assert header == "timestamp,area,category,priority,handling_minutes"


@pytest.fixture(scope="module")
def merged(reports: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("merged") / "example-demand.xlsx"
    result = runner.invoke(app, ["demand", str(reports), "--input", str(EXAMPLE), "--merge", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2027-02-07, 2027-02-08, 2027-02-09" in result.output  # carnival found and carried over
    return out


def test_example_demand_is_regenerated_from_the_reports(merged: Path) -> None:
    mine = workbook_person_hours(read_workbook(merged))
    theirs = workbook_person_hours(read_workbook(EXAMPLE))
    assert set(mine) == set(theirs)
    for area, (lo, hi) in theirs.items():
        # minimum person-hours within 30 % of the hand-made sheet, per area and city-wide
        assert abs(mine[area][0] - lo) <= 0.3 * lo, (area, mine[area], (lo, hi))
        assert abs(mine[area][1] - hi) <= 0.4 * hi, (area, mine[area], (lo, hi))
    total_mine = sum(v[0] for v in mine.values())
    total_theirs = sum(v[0] for v in theirs.values())
    assert abs(total_mine - total_theirs) <= 0.1 * total_theirs


@pytest.mark.slow
def test_the_merged_example_solves_to_a_checked_roster(merged: Path, tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    result = runner.invoke(
        app, ["solve", str(merged), "-o", str(out), "--time-limit", "40", "--workers", "2", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    check = runner.invoke(app, ["check", str(merged), str(out)])
    assert check.exit_code == 0, check.output
    assert "No hard rule broken" in check.output
