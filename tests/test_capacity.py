"""`roster capacity` on small hand-made problems whose answer is known (fast)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from roster_solver.capacity import (
    capacity,
    derive_problem,
    full_time_hours,
    needed_skills,
    virtual_staff,
    with_staff,
)
from roster_solver.check import check_roster
from roster_solver.cli import app
from roster_solver.constraints import FAMILIES
from roster_solver.coverage import shortfall_summary
from roster_solver.engine.solve import solve
from roster_solver.roster import Status
from roster_solver.workbook.template import write_input_workbook
from tests.factories import demand, make_problem, person, shift

FAST = {"time_limit": 10, "workers": 2}

# One week, one area: 3 people (target 4) on duty 08:00-12:00 Monday to Friday, one person.
# Three people at one moment need three people, so 2 extra for the minimum, 3 for the target.
PEAK = make_problem(
    staff=[person("a")], weeks=1, demand=[demand("CEN", "weekdays", "08:00", "12:00", min=3, target=4)]
)


def _hard_solve(problem):  # type: ignore[no-untyped-def]
    """The general engine on the hard families only: is the problem feasible?"""
    families = [f for f in FAMILIES if not f.is_soft_only(problem)]
    return solve(problem, time_limit=10, workers=2, families=families, hint=False)


def test_peak_answer_is_exact_for_minimum_and_target() -> None:
    report = capacity(PEAK, **FAST)
    minimum, target = report.answers
    assert (minimum.question, minimum.total, minimum.status) == ("minimum", 2, "proven")
    assert (target.question, target.total, target.status) == ("target", 3, "proven")
    assert minimum.hires == {"CEN": 2}
    # Today: 2 people short for 4 h on 5 days; 3 below target.
    assert minimum.short_today == {"CEN": 2 * 4 * 60 * 5}
    assert target.short_today == {"CEN": 3 * 4 * 60 * 5}
    assert minimum.short_today_proven and minimum.text == "2 (proven: 1 is not enough)"


@pytest.mark.parametrize(("question", "answer"), [("minimum", 2), ("target", 3)])
def test_the_general_engine_confirms_n_works_and_n_minus_1_does_not(question: str, answer: int) -> None:
    enough = derive_problem(
        PEAK,
        question=question,
        extra={"CEN": answer},  # type: ignore[arg-type]
        shortage="forbid",
    )
    result = _hard_solve(enough)
    assert result.status.has_roster
    assert not check_roster(enough, result.roster).violations
    fewer = derive_problem(
        PEAK,
        question=question,
        extra={"CEN": answer - 1},  # type: ignore[arg-type]
        shortage="forbid",
    )
    assert _hard_solve(fewer).status == Status.INFEASIBLE


def test_contract_hours_bind_not_the_peak() -> None:
    # One person every morning of the week: a full-timer works at most 5 shifts of 7.5 h in a
    # week (36 h + 10 % = 39.6 h), so the seven mornings need one extra person.
    pb = make_problem(staff=[person("a")], weeks=1, demand=[demand("CEN", "all", "08:00", "12:00", min=1)])
    (answer,) = capacity(pb, questions=("minimum",), **FAST).answers
    assert (answer.total, answer.status) == (1, "proven")
    assert answer.short_today == {"CEN": 2 * 4 * 60}


def test_met_today_is_zero_extra() -> None:
    pb = make_problem(
        staff=[person("a"), person("b")],
        weeks=1,
        demand=[demand("CEN", "weekdays", "08:00", "12:00", min=1, target=2)],
    )
    report = capacity(pb, **FAST)
    assert [(a.total, a.status, a.note) for a in report.answers] == [
        (0, "proven", "met with today's team"),
        (0, "proven", "met with today's team"),
    ]
    assert report.proven


TWO_AREAS = make_problem(
    staff=[person("a"), person("b", area="NRD")],
    areas=("CEN", "NRD"),
    weeks=1,
    demand=[
        demand("CEN", "weekdays", "08:00", "12:00", min=3),
        demand("NRD", "all", "08:00", "12:00", min=1),
    ],
)


def test_every_area_hires_without_area() -> None:
    (answer,) = capacity(TWO_AREAS, questions=("minimum",), **FAST).answers
    assert answer.hires == {"CEN": 2, "NRD": 1}
    assert (answer.total, answer.status, answer.scope) == (3, "proven", "*")


def test_area_restricts_hiring_and_scope() -> None:
    (answer,) = capacity(TWO_AREAS, area="NRD", questions=("minimum",), **FAST).answers
    assert answer.hires == {"NRD": 1}
    assert (answer.total, answer.status, answer.scope) == (1, "proven", "NRD")
    # CEN stays short (it is not the question), and is reported.
    assert answer.short_today["CEN"] == 2 * 4 * 60 * 5


def test_area_question_does_not_rob_other_areas() -> None:
    # x (home CEN, may work in NRD) fills CEN's five mornings, the most a full-timer works in a
    # week. Moving x to NRD would meet NRD with nobody hired but leave CEN short: not allowed.
    x = person("x", areas=("NRD",))
    pb = make_problem(
        staff=[x],
        areas=("CEN", "NRD"),
        weeks=1,
        demand=[
            demand("CEN", "weekdays", "08:00", "12:00", min=1),
            demand("NRD", "weekdays", "08:00", "12:00", min=1),
        ],
    )
    (answer,) = capacity(pb, area="NRD", questions=("minimum",), **FAST).answers
    assert (answer.total, answer.status) == (1, "proven")


def test_requirement_no_shift_can_cover_is_unreachable() -> None:
    pb = make_problem(
        staff=[person("a")],
        weeks=1,
        shifts=[shift("E", "07:00", "15:00")],
        demand=[demand("CEN", "weekdays", "05:00", "06:00", min=1)],
    )
    (answer,) = capacity(pb, questions=("minimum",), **FAST).answers
    assert answer.status == "unreachable" and answer.total is None
    assert "CEN" in answer.note and answer.text == "cannot be met by hiring"


def test_virtual_staff_are_validated_full_timers_with_the_needed_skills() -> None:
    pb = make_problem(
        staff=[person("a", hours=24), person("b", hours=38), person("c", hours=38)],
        areas=("CEN", "NRD"),
        demand=[
            demand("CEN", min=1, skill="dog"),
            demand("*", min=1, skill="driver"),
            demand("NRD", min=1, skill="coordinator"),
        ],
    )
    assert full_time_hours(pb) == 38
    assert needed_skills(pb, "CEN") == {"dog", "driver"}
    hires = virtual_staff(pb, {"CEN": 2, "NRD": 1})
    assert [
        (p.id, p.home_area, p.hours_per_week, sorted(p.skills), p.may_deploy_in("NRD")) for p in hires
    ] == [
        ("NEW-CEN-1", "CEN", 38, ["dog", "driver"], False),
        ("NEW-CEN-2", "CEN", 38, ["dog", "driver"], False),
        ("NEW-NRD-1", "NRD", 38, ["coordinator", "driver"], True),
    ]
    bigger = derive_problem(pb, extra={"CEN": 2, "NRD": 1}, question="target", shortage="forbid")
    assert len(bigger.staff) == 6 and len(pb.staff) == 3  # a new problem; the input is as it was
    assert bigger.settings.shortage == "forbid" and pb.settings.shortage == "report"
    assert bigger.target_minutes(bigger.staff_by_id["NEW-NRD-1"]) == 38 * 60 * 2


def test_virtual_ids_never_clash_with_the_team() -> None:
    pb = make_problem(staff=[person("NEW-CEN-1")], weeks=1)
    (hire,) = virtual_staff(pb, {"CEN": 1})
    assert hire.id == "NEWX-CEN-1"


def test_target_question_raises_every_minimum_to_its_target() -> None:
    pb = make_problem(
        staff=[person("a")], weeks=1, demand=[demand("CEN", min=1, target=3, max=2), demand("CEN", min=2)]
    )
    raised = derive_problem(pb, question="target")
    assert [(d.min, d.target, d.max) for d in raised.demand] == [(3, 3, 3), (2, 2, None)]


def test_with_staff_drops_the_rows_of_people_who_left() -> None:
    from tests.factories import wish

    pb = make_problem(staff=[person("a"), person("b")], wishes=[wish("b", "mon", "never")])
    smaller = with_staff(pb, [pb.staff_by_id["a"]])
    assert [p.id for p in smaller.staff] == ["a"] and smaller.wishes == ()


def test_answer_roster_is_checked_legal() -> None:
    # The answer's roster is re-checked inside capacity(); here the same check from outside.
    enough = derive_problem(TWO_AREAS, extra={"CEN": 2, "NRD": 1}, shortage="report")
    result = _hard_solve(enough)
    assert not check_roster(enough, result.roster).violations
    assert not any(shortfall_summary(enough, result.roster).values())


# --------------------------------------------------------------------------- the command


runner = CliRunner()


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "team.xlsx"
    write_input_workbook(path, TWO_AREAS)
    return path


def test_cli_prints_the_table_and_writes_the_sheet(workbook: Path, tmp_path: Path) -> None:
    before = hashlib.sha256(workbook.read_bytes()).hexdigest()
    target = tmp_path / "capacity.xlsx"
    result = runner.invoke(
        app, ["capacity", str(workbook), "--time-limit", "10", "--workers", "2", "-q", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"^minimum\s+total\s+3\s+48\.00\s+3 \(proven: 2 is not enough\)$", result.output, re.M)
    assert "3 (proven: 2 is not enough)" in result.output
    assert hashlib.sha256(workbook.read_bytes()).hexdigest() == before
    wb = load_workbook(target, read_only=True)
    rows = list(wb["Capacity"].iter_rows(values_only=True))
    wb.close()
    assert rows[0][:4] == ("question", "area", "extra_people", "short_today_hours")
    by_key = {(r[0], r[1]): r for r in rows[1:] if r and r[0] in ("minimum", "target")}
    assert by_key[("minimum", "CEN")][2:4] == (2, 40)
    assert by_key[("minimum", "NRD")][2:4] == (1, 8)
    assert by_key[("minimum", "total")][2] == 3 and by_key[("minimum", "total")][5] == "yes"
    assert ("full_time_hours_per_week", 36) in [r[:2] for r in rows]
    assert not list(tmp_path.glob(".*tmp*"))  # written atomically, no leftovers


def test_cli_area_option(workbook: Path) -> None:
    result = runner.invoke(
        app,
        [
            "capacity",
            str(workbook),
            "--area",
            "NRD",
            "--question",
            "minimum",
            "--time-limit",
            "10",
            "--workers",
            "2",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"^minimum\s+NRD\s+1\s+8\.00\s*$", result.output, re.M)
    assert re.search(r"^minimum\s+CEN\s+40\.00\s*$", result.output, re.M)  # short, not hiring
    assert re.search(r"^minimum\s+total\s+1\s", result.output, re.M)


@pytest.mark.parametrize("args", [["--area", "XX"], ["--question", "maximum"], ["-o", "out.csv"]])
def test_cli_usage_errors(workbook: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["capacity", str(workbook), *args])
    assert result.exit_code == 2, result.output


def test_cli_bad_input_lists_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"not a workbook")
    result = runner.invoke(app, ["capacity", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_cli_input_infeasible_whatever_the_staffing(tmp_path: Path) -> None:
    # a must work 100 h in one week (min_hours is hard): no hire can mend that.
    pb = make_problem(staff=[person("a", min_hours=100)], weeks=1, demand=[demand("CEN", "weekdays", min=1)])
    path = tmp_path / "team.xlsx"
    write_input_workbook(path, pb)
    result = runner.invoke(
        app,
        [
            "capacity",
            str(path),
            "--time-limit",
            "5",
            "--workers",
            "2",
            "-q",
            "-o",
            str(tmp_path / "cap.xlsx"),
        ],
    )
    assert result.exit_code == 3, result.output
    assert "cannot all be met" in result.output
    assert not (tmp_path / "cap.xlsx").exists()
