"""The explain corpus (tests/explain_corpus): every infeasible workbook is explained naming the
right rows and rule; every feasible-but-tight workbook raises no false alarm and solves."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.diagnose import diagnose
from roster_solver.workbook.reader import read_workbook
from roster_solver.workbook.template import write_input_workbook
from tests.explain_corpus.cases import INFEASIBLE, SOLVER, TIGHT, Case

runner = CliRunner()


def workbook(case: Case, tmp_path: Path) -> Path:
    path = tmp_path / f"{case.name}.xlsx"
    write_input_workbook(path, case.build())
    return path


def run(*args: object) -> object:
    return runner.invoke(app, [str(a) for a in args])


def test_the_corpus_has_one_problem_per_collision_kind() -> None:
    kinds = {c.kind for c in INFEASIBLE}
    assert len(INFEASIBLE) >= 12
    assert kinds >= {
        "demand_no_shift",
        "demand_no_shift_day",
        "skill_unavailable",
        "area_minimum",
        "min_hours",
        "hours_band",
        "pin_unworkable",
        "pin_night_age",
        "must_unworkable",
        "pin_vs_must",
        "rest",
        "night_series_rest",
        "consecutive_days",
        "not_followed_by",
        "limits",
    }


@pytest.mark.parametrize("case", INFEASIBLE, ids=lambda c: c.name)
def test_certain_collision_is_found_before_solving(case: Case, tmp_path: Path) -> None:
    path = workbook(case, tmp_path)
    findings = [f for f in diagnose(read_workbook(path)) if f.certain and f.kind == case.kind]
    assert findings, f"no {case.kind} finding"
    text = " ".join(f"{f} {f.rule} {' '.join(f.refs)}" for f in findings)
    assert case.rule in text
    for ref in case.cells:
        assert ref in text, ref
    assert all(f.fix for f in findings)
    r = run("validate", path, "--quiet")
    assert r.exit_code == 3, r.output
    for ref in case.cells:
        assert ref in r.output
    for word in case.absent:
        assert word not in r.output
    # solve stops before solving: exit 3, nothing written, the report names the rows too
    out, report = tmp_path / "out.xlsx", tmp_path / "why.md"
    r = run("solve", path, "-o", out, "--quiet", "--report", report, "--time-limit", "5", "--workers", "2")
    assert r.exit_code == 3, r.output
    assert not out.exists()
    md = report.read_text()
    assert case.rule in md and all(ref in md for ref in case.cells)


@pytest.mark.parametrize("case", SOLVER, ids=lambda c: c.name)
def test_solver_conflict_names_rows_and_rule(case: Case, tmp_path: Path) -> None:
    path = workbook(case, tmp_path)
    assert not [f for f in diagnose(read_workbook(path)) if f.certain]
    out, report = tmp_path / "out.xlsx", tmp_path / "why.xlsx"
    r = run("solve", path, "-o", out, "--quiet", "--report", report, "--time-limit", "10", "--workers", "2")
    assert r.exit_code == 3, r.output
    assert not out.exists()
    assert case.rule in r.output
    for ref in case.cells:
        assert ref in r.output, ref
    from openpyxl import load_workbook

    ws = load_workbook(report)["Diagnosis"]
    cells = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert all(ref in cells for ref in case.cells)


@pytest.mark.parametrize("case", TIGHT, ids=lambda c: c.name)
def test_tight_but_feasible_raises_no_alarm_and_solves(case: Case, tmp_path: Path) -> None:
    path = workbook(case, tmp_path)
    assert [f for f in diagnose(read_workbook(path)) if f.certain] == []
    r = run("validate", path, "--quiet")
    assert r.exit_code == 0, r.output
    out = tmp_path / "out.xlsx"
    r = run("solve", path, "-o", out, "--quiet", "--time-limit", "10", "--workers", "2")
    assert r.exit_code == 0, r.output
    assert out.exists()
