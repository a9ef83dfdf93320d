"""The solve summary a coordinator acts on: minimum met, proven short, or not proven (CLI and engine)."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.engine.solve import solve
from roster_solver.i18n import BOUND_METHODS
from roster_solver.outcome import outcome, statements
from roster_solver.workbook.template import write_input_workbook
from tests.factories import demand, make_problem, person

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example.xlsx"


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def met_problem(**kw):
    return make_problem(
        staff=(person("a"), person("b"), person("c")),
        demand=(demand("CEN", "weekdays", "08:00", "12:00", min=1),),
        weeks=1,
        **kw,
    )


def short_problem(**kw):
    """One person, two asked for 08:00-12:00 on weekdays: 20 person-hours can never be met, and
    a search has to show that the one person should work every weekday to keep it at 20."""
    return make_problem(
        staff=(person("a"),), demand=(demand("CEN", "weekdays", "08:00", "12:00", min=2),), weeks=1, **kw
    )


def write(tmp_path: Path, problem, name: str = "team.xlsx") -> Path:
    path = tmp_path / name
    write_input_workbook(path, problem)
    return path


def test_engine_proves_the_unavoidable_shortfall() -> None:
    r = solve(short_problem(), time_limit=10, workers=2)
    assert r.min_unmet == 20 * 60
    assert r.min_lower_bound == 20 * 60
    assert outcome(short_problem(), r.roster, r).verdict == "proven"


def test_met_through_the_cli(tmp_path: Path) -> None:
    r = run("solve", write(tmp_path, met_problem()), "--time-limit", 10, "--workers", 2)
    assert r.exit_code == 0, r.output
    assert "Minimum staffing met in every area." in r.output
    assert "objective" not in r.output  # the solver's numbers only with --verbose
    wb = load_workbook(tmp_path / "team-roster.xlsx", read_only=True)
    run_sheet = {k: v for k, v in wb["Run"].iter_rows(min_row=2, values_only=True)}
    assert run_sheet["minimum_staffing"] == "Minimum staffing met in every area."
    assert run_sheet["unmet_minimum_person_hours"] == 0


def test_proven_short_through_the_cli(tmp_path: Path) -> None:
    r = run("solve", write(tmp_path, short_problem()), "--time-limit", 10, "--workers", 2)
    assert r.exit_code == 0, r.output
    assert (
        "20 person-hours below the minimum staffing; all of them cannot be met with this team (proven)."
    ) in r.output
    assert "CEN Mon 5 Jan 08:00–12:00: 4 person-hours" in r.output
    wb = load_workbook(tmp_path / "team-roster.xlsx", read_only=True)
    run_sheet = {k: v for k, v in wb["Run"].iter_rows(min_row=2, values_only=True)}
    assert run_sheet["unmet_minimum_proven_unavoidable"] == 20


def test_unproven_short_through_the_cli(tmp_path: Path) -> None:
    # Far too short a limit for any model of 40 people over 4 weeks: the construction's roster,
    # with nothing proven about its shortfall.
    team = make_problem(
        staff=tuple(person(f"p{k}") for k in range(40)),
        weeks=4,
        demand=(demand("CEN", "all", "08:00", "12:00", min=45),),
    )
    r = run("solve", write(tmp_path, team), "--time-limit", 0.1, "--workers", 2)
    assert r.exit_code == 0, r.output
    assert "below the minimum staffing, not proven unavoidable: run longer (--time-limit 120)." in r.output


def test_dutch_summary_and_json(tmp_path: Path) -> None:
    r = run("solve", write(tmp_path, short_problem(language="nl")), "--time-limit", 10, "--workers", 2)
    assert r.exit_code == 0, r.output
    assert (
        "20 persoonsuren onder de minimale bezetting; die zijn met dit team niet te halen (bewezen)."
        in r.output
    )
    assert "CEN ma 5 jan 08:00–12:00: 4 persoonsuren" in r.output
    r = run(
        "solve",
        write(tmp_path, short_problem(), "en.xlsx"),
        "--time-limit",
        10,
        "--workers",
        2,
        "--json",
        "-o",
        tmp_path / "out.xlsx",
    )
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["minimum"] == "proven"
    assert doc["unmet_minimum_person_hours"] == 20
    assert doc["proven_unavoidable_person_hours"] == 20
    assert len(doc["short_places"]) == 5


def test_verbose_shows_the_solver_figures(tmp_path: Path) -> None:
    r = run("solve", write(tmp_path, met_problem()), "--time-limit", 5, "--workers", 2, "--verbose")
    assert r.exit_code == 0, r.output
    assert "objective" in r.output


def test_far_too_short_a_limit_still_staffs_every_day(tmp_path: Path) -> None:
    out = tmp_path / "ex.xlsx"
    r = run("solve", EXAMPLE, "-o", out, "--time-limit", 0.1, "--workers", 2)
    assert r.exit_code == 0, r.output
    assert "Minimum staffing met in every area." in r.output
    wb = load_workbook(out, read_only=True)
    rows = list(wb["Assignments"].iter_rows(min_row=2, values_only=True))
    assert len({row[2] for row in rows}) == 28  # every date of the four weeks has people on duty


def test_partly_proven_wording() -> None:
    pb = short_problem()
    r = solve(pb, time_limit=10, workers=2)
    how = outcome(pb, r.roster, r)
    how.lower_bound_minutes = 10 * 60  # as if the proof had got halfway
    assert statements(how, "en", 60)[0] == (
        "20 person-hours below the minimum staffing; at least 10 of them cannot be met with this "
        "team (proven); the other 10 might be with a longer run (--time-limit 120)."
    )


def test_prove_reports_the_bound_and_how_it_was_found(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    r = run(
        "solve",
        write(tmp_path, met_problem()),
        "--time-limit",
        6,
        "--workers",
        2,
        "--prove",
        "--json",
        "-o",
        out,
    )
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["bound_method"] in ("cpsat", "lagrangian")
    assert doc["bound"] is not None and doc["bound"] <= doc["objective"]
    run_sheet = dict(load_workbook(out, read_only=True)["Run"].iter_rows(min_row=1, values_only=True))
    assert run_sheet["bound_method"] in BOUND_METHODS["en"].values()
