"""`roster explain ROSTER --staff --date`: penalties, cost of leaving it empty, best swap, blocked."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.domain import Absence
from roster_solver.workbook.template import write_input_workbook
from tests.factories import day, demand, make_problem, person

runner = CliRunner()


def test_explain_names_cost_of_empty_best_swap_and_blocked(tmp_path: Path) -> None:
    # One morning a day wanted in CEN; c is absent on Monday, so only b can swap with a.
    pb = make_problem(
        staff=[person("a"), person("b"), person("c")],
        weeks=1,
        demand=[demand(days="mon", min=1, target=1)],
        absences=[Absence(staff="c", start_date=day(0), end_date=day(0), type="sick")],
    )
    src = tmp_path / "team.xlsx"
    write_input_workbook(src, pb)
    roster = tmp_path / "roster.xlsx"
    r = runner.invoke(
        app, ["solve", str(src), "-o", str(roster), "--quiet", "--time-limit", "5", "--workers", "2"]
    )
    assert r.exit_code == 0, r.output
    from roster_solver.workbook.reader import read_assignments, read_workbook

    on_monday = [a for a in read_assignments(roster, read_workbook(src)).assignments if a.date == day(0)]
    worker = on_monday[0].staff
    r = runner.invoke(app, ["explain", str(roster), "--staff", worker, "--date", "2026-01-05"])
    assert r.exit_code == 0, r.output
    assert f"{worker} works" in r.output
    assert "Leaving it empty: +" in r.output  # contract hours and the minimum make it costly
    assert "c: absent" in r.output and "sick" not in r.output
    r = runner.invoke(app, ["explain", str(roster), "--staff", "c", "--date", "2026-01-05"])
    assert r.exit_code == 0 and "c is absent" in r.output
    r = runner.invoke(app, ["explain", str(roster), "--staff", "zz", "--date", "2026-01-05"])
    assert r.exit_code == 2
