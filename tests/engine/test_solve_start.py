"""``solve`` never returns a start it was not given as legal: a construction that leaves someone
below a hard minimum of hours only hints the models, and the result is a roster the checker
finds legal, or none."""

from __future__ import annotations

import importlib

import pytest

from roster_solver.check import check_roster
from roster_solver.roster import Roster
from tests.factories import demand, make_problem, person

solve_module = importlib.import_module("roster_solver.engine.solve")


def short_team():
    return make_problem(
        staff=[person(f"p{k}", min_hours=50) for k in range(3)],
        demand=[demand("CEN", "all", "07:00", "15:00", min=1)],
    )


@pytest.mark.parametrize("limit", [0.3, 8.0])
def test_an_illegal_construction_is_never_the_result(monkeypatch, limit) -> None:
    pb = short_team()
    # As on Curtois & Qu Instance19: the construction could not reach the minimum hours.
    monkeypatch.setattr(solve_module, "construct", lambda problem, families: (Roster.of([]), False))
    result = solve_module.solve(pb, time_limit=limit, workers=2, seed=0)
    if result.status.has_roster:
        assert check_roster(pb, result.roster).violations == []
        assert result.roster.assignments
    else:
        assert result.roster is None or not result.roster.assignments


def test_with_time_the_solver_finds_the_legal_roster_the_construction_missed(monkeypatch) -> None:
    pb = short_team()
    monkeypatch.setattr(solve_module, "construct", lambda problem, families: (Roster.of([]), False))
    result = solve_module.solve(pb, time_limit=8.0, workers=2, seed=0)
    assert result.status.has_roster
    report = check_roster(pb, result.roster)
    assert report.violations == []
    for p in pb.staff:
        worked = sum(
            pb.instance(a.shift, pb.day_index(a.date)).work
            for a in result.roster.assignments
            if a.staff == p.id
        )
        assert worked >= 50 * 60
