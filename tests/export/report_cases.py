"""Small problems and rosters for the HTML report tests (no solver needed to build them)."""

from __future__ import annotations

from pathlib import Path

from roster_solver.check import check_roster
from roster_solver.domain import Absence, Problem, StaffMember
from roster_solver.roster import Roster, SolveResult, Status
from roster_solver.workbook.template import write_input_workbook
from roster_solver.workbook.writer import write_output_workbook
from tests.factories import START, day, demand, make_problem, pattern, person

EVIL_NAME = "<script>alert('x')</script> & \"Co\""


def report_problem(language: str = "en") -> Problem:
    """Two areas, four people (one with a name that is an HTML attack, one sick on days 2-3),
    one week, demand in both areas (CEN with a target the roster below misses)."""
    return make_problem(
        areas=("CEN", "NRD"),
        weeks=1,
        staff=(
            StaffMember(id="a", name=EVIL_NAME, home_area="CEN", hours_per_week=36, areas=("NRD",)),
            person("b", "CEN", 24),
            person("c", "NRD", 36),
            person("d", "NRD", 36),
        ),
        demand=(
            demand("CEN", "weekdays", "08:00", "12:00", min=1, target=2),
            demand("NRD", "all", "16:00", "20:00", min=1),
        ),
        absences=(Absence(staff="b", start_date=day(2), end_date=day(3), type="sick"),),
        language=language,
    )


def report_roster() -> Roster:
    """A legal roster: a works early in CEN (one late in NRD), c and d share the NRD lates,
    b works two earlies around the sick days. NRD is short on Sunday (nobody is planned)."""
    return Roster.of(
        [
            *pattern("a", "EEEEL..", area="CEN"),
            *pattern("b", "E...E..", area="CEN"),
            *pattern("c", "LLL.L..", area="NRD"),
            *pattern("d", "...L.L.", area="NRD"),
        ]
    )


def fix_area(ros: Roster) -> Roster:
    """a's Friday late is in NRD (outside the home area)."""
    out = []
    for x in ros.assignments:
        if x.staff == "a" and x.date == day(4):
            x = type(x)(x.staff, x.date, x.shift, "NRD")
        out.append(x)
    return Roster.of(out)


def write_case(tmp: Path, problem: Problem, roster: Roster, *, run_sheet: bool = True) -> tuple[Path, Path]:
    """Write the input workbook and an output workbook holding ``roster`` (as the solver would,
    with a Run sheet recording the input), without running the solver."""
    inp = tmp / "team.xlsx"
    write_input_workbook(inp, problem)
    out = tmp / "roster.xlsx"
    report = check_roster(problem, roster)
    result = SolveResult(
        status=Status.FEASIBLE, roster=roster, objective=report.total_cost, bound=0, seconds=1.5, workers=2
    )
    write_output_workbook(out, problem, result, report, input_path=inp)
    return inp, out


__all__ = ["EVIL_NAME", "START", "fix_area", "report_problem", "report_roster", "write_case"]
