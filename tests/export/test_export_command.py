"""`roster export` through Typer's CliRunner: files written, exit codes, inputs untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from roster_solver.check import check_roster
from roster_solver.cli import app
from roster_solver.roster import SolveResult, Status
from roster_solver.workbook.template import write_input_workbook
from roster_solver.workbook.writer import write_output_workbook
from tests.export.conftest import dst_problem, dst_roster

runner = CliRunner()
AT_NAME = "@SUM(1+1)"


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def books(tmp_path: Path) -> tuple[Path, Path]:
    # openpyxl would store a name starting with "=" as a formula; "@" stays text in the workbook.
    problem = dst_problem(name_b=AT_NAME)
    team = tmp_path / "team.xlsx"
    write_input_workbook(team, problem)
    ros = dst_roster()
    result = SolveResult(Status.FEASIBLE, roster=ros, objective=0)
    out = tmp_path / "roster.xlsx"
    write_output_workbook(out, problem, result, check_roster(problem, ros), input_path=team)
    return team, out


def test_all_formats_with_the_recorded_input(books, tmp_path) -> None:
    team, ros = books
    before = (_digest(team), _digest(ros))
    target = tmp_path / "hr" / "export"
    r = run("export", ros, "-f", "csv", "-f", "ics", "-f", "json", "--out", target)
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in target.iterdir()) == [
        "a.ics",
        "b.ics",
        "hours-2026-10.csv",
        "hours-2026-11.csv",
        "roster.json",
    ]
    assert "2 csv files, 2 ics files, 1 json file" in r.output
    assert "Person" not in r.output  # no names in the log
    assert (_digest(team), _digest(ros)) == before  # the inputs are never changed
    # The CSV of the command is the one of the hand-computed case.
    assert (
        b"a;Person a;2026-10-20;N;CEN;2026-10-20 23:00;2026-10-21 07:00;7,50;6,00;0,94;0,00;6,56"
        in (target / "hours-2026-10.csv").read_bytes()
    )
    assert b"b;'@SUM(1+1);2026-10-19;L;" in (target / "hours-2026-10.csv").read_bytes()


def test_explicit_input_and_rfc4180_dialect(books, tmp_path) -> None:
    team, ros = books
    r = run(
        "export", ros, "--input", team, "--format", "csv", "--dialect", "rfc4180", "--out", tmp_path / "o"
    )
    assert r.exit_code == 0, r.output
    assert (tmp_path / "o" / "hours-2026-10.csv").read_bytes().startswith(b"staff,name,date")


def test_reexport_into_the_same_folder_keeps_files_identical(books, tmp_path) -> None:
    _, ros = books
    target = tmp_path / "cal"
    assert run("export", ros, "-f", "ics", "--out", target).exit_code == 0
    first = (target / "a.ics").read_bytes()
    assert run("export", ros, "-f", "ics", "--out", target).exit_code == 0
    assert (target / "a.ics").read_bytes() == first
    assert not [p for p in target.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_out_is_a_file_is_a_usage_error(books, tmp_path) -> None:
    team, ros = books
    r = run("export", ros, "-f", "csv", "--out", team)
    assert r.exit_code == 2
    assert "is a file, not a folder" in r.output
    r = run("export", ros, "-f", "csv", "--out", team / "sub")
    assert r.exit_code == 2
    assert "cannot create the folder" in r.output


def test_usage_errors(books, tmp_path) -> None:
    _, ros = books
    assert run("export", ros, "-f", "pdf", "--out", tmp_path / "x").exit_code == 2
    assert run("export", ros, "--out", tmp_path / "x").exit_code == 2  # --format is required
    assert run("export", ros, "-f", "csv").exit_code == 2  # --out is required
    assert not (tmp_path / "x").exists()


def test_bad_input_is_exit_1_and_writes_nothing(books, tmp_path) -> None:
    team, _ = books
    hand = tmp_path / "hand.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Assignments"
    ws.append(["staff", "date", "shift", "area"])
    ws.append(["zz", "2026-10-20", "N", "CEN"])
    wb.save(hand)
    r = run("export", hand, "--input", team, "-f", "json", "--out", tmp_path / "x")
    assert r.exit_code == 1
    assert "Assignments!A2" in r.output
    assert not (tmp_path / "x").exists()
    missing = run("export", tmp_path / "nope.xlsx", "--input", team, "-f", "csv", "--out", tmp_path / "x")
    assert missing.exit_code == 1
    assert "file not found" in missing.output
