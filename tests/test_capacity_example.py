"""`roster capacity` on the bundled example and a variant of it (slow: about a minute each).

The issue's criterion: the number that `roster capacity` reports is confirmed by the general
engine — with that many extra people the minimum is met (a checked roster), with one fewer it
is not (INFEASIBLE).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster_solver.capacity import capacity, derive_problem, with_staff
from roster_solver.check import check_roster
from roster_solver.cli import app
from roster_solver.constraints import FAMILIES
from roster_solver.domain import Problem, StaffMember
from roster_solver.engine.solve import solve
from roster_solver.example import example_problem
from roster_solver.roster import Status

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example.xlsx"


def _hard_solve(problem: Problem, limit: float) -> Status:
    """The general engine on the hard families; returns the status after checking any roster."""
    families = [f for f in FAMILIES if not f.is_soft_only(problem)]
    result = solve(problem, time_limit=limit, workers=2, families=families, hint=False)
    if result.status.has_roster:
        assert not check_roster(problem, result.roster).violations
    return result.status


def one_driver(problem: Problem) -> Problem:
    """The example where only the first driver still has the skill: the nightly driver row
    (city-wide, 22:00-06:00 every night) can no longer be met by today's team."""
    drivers = [p.id for p in problem.staff if "driver" in p.skills]
    staff = [
        StaffMember(
            **{**{n: getattr(p, n) for n in StaffMember.model_fields}, "skills": p.skills - {"driver"}}
        )
        if p.id in drivers[1:]
        else p
        for p in problem.staff
    ]
    return with_staff(problem, staff)


@pytest.mark.slow
def test_example_minimum_needs_no_extra_people() -> None:
    result = CliRunner().invoke(
        app, ["capacity", str(EXAMPLE), "--question", "minimum", "--time-limit", "30", "--workers", "2", "-q"]
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"^minimum\s+total\s+0\s+0\.00\s+0 \(met with today's team\)$", result.output, re.M), (
        result.output
    )
    # Confirmed by the general engine: with 0 extra people the minimum is a hard floor that holds.
    status = _hard_solve(derive_problem(example_problem(), shortage="forbid"), 30)
    assert status.has_roster


@pytest.mark.slow
def test_example_with_one_driver_n_works_and_n_minus_1_does_not() -> None:
    variant = one_driver(example_problem())
    (answer,) = capacity(variant, questions=("minimum",), time_limit=30, workers=2).answers
    assert answer.status == "proven" and answer.total is not None and answer.total >= 1
    assert answer.short_today["*"] > 0  # the night-driver row is city-wide
    enough = derive_problem(variant, extra=answer.hires, shortage="forbid")
    assert _hard_solve(enough, 30).has_roster
    # One fewer, taken from an area that hires: the general engine proves it impossible.
    area = next(a for a, n in answer.hires.items() if n > 0)
    fewer = derive_problem(variant, extra={**answer.hires, area: answer.hires[area] - 1}, shortage="forbid")
    assert _hard_solve(fewer, 60) == Status.INFEASIBLE
