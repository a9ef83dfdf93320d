"""``solve`` never returns a start it was not given as legal: a construction that leaves someone
below a hard minimum of hours only hints the models, and the result is a roster the checker
finds legal, or none."""

from __future__ import annotations

import importlib
import time

import pytest

from roster_solver.check import check_roster
from roster_solver.constraints import FAMILIES
from roster_solver.domain import Problem
from roster_solver.engine.greedy import greedy_roster
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


def minimum_phase_of_a_replan(pb: Problem, start: Roster):
    """The lean model's minimum phase alone (8 s at most), re-planning from ``start``."""
    core = [f for f in FAMILIES if not f.is_soft_only(pb)]
    n = sum(len(c) for c in pb.candidates.values())
    now = time.monotonic()
    return solve_module._solve_lean(
        pb, core, start, None, now, now + 10, 8.0, False, n, 2, 0, False, None, stay_close=True
    ).result


def test_replanning_fills_the_minimum_with_the_fewest_changes_to_the_start() -> None:
    # Six people cover one early shift a day; the start misses day 3. The minimum phase of a
    # re-plan fills it by adding one shift and moves nobody else (changed cells are its
    # tie-break); the unmet minimum it proves is still in person-minutes.
    pb = make_problem(
        staff=[person(f"p{k}") for k in range(6)],
        demand=[demand("CEN", "all", "07:00", "15:00", min=1)],
    )
    full = greedy_roster(pb)
    day3 = pb.date_of(3)
    start = Roster.of([a for a in full.assignments if a.date != day3 or a.shift != "E"])
    lean = minimum_phase_of_a_replan(pb, start)
    assert lean.min_unmet == 0 and lean.min_lower_bound == 0
    got = set(lean.roster.assignments)
    assert len(got - set(start.assignments)) == 1
    assert set(start.assignments) <= got


def test_the_minimum_proven_in_a_replan_is_in_person_minutes() -> None:
    # Two people cannot give three per early shift: the shortfall is proven, and the tie-break
    # on changed cells does not leak into it (the bound is divided back out of the objective).
    pb = make_problem(
        staff=[person("p0"), person("p1")], demand=[demand("CEN", "all", "07:00", "15:00", min=3)]
    )
    lean = minimum_phase_of_a_replan(pb, greedy_roster(pb))
    assert lean.min_unmet is not None and lean.min_unmet > 0
    assert lean.min_lower_bound == lean.min_unmet
