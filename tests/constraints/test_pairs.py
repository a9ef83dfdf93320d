"""The pairs family: an area with anyone on duty has at least two on duty (when switched on)."""

from __future__ import annotations

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.coverage import Coverage
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.constraints.pairs import Pairs
from roster_solver.coverage import coverage_table
from roster_solver.domain import Fixed
from roster_solver.engine.solve import solve
from roster_solver.roster import Status
from tests.factories import DEFAULT_SHIFTS, day, demand, make_problem, person, roster, rules, shift

PAIRS = Pairs()
MID = shift("M", "10:00", "18:00")


def problem(n: int = 3, **kw):
    return make_problem(
        weeks=1,
        staff=[person(c) for c in "abcd"[:n]],
        shifts=[*DEFAULT_SHIFTS, MID],
        rules=rules(pairs="yes"),
        **kw,
    )


def run(pb):
    return solve(
        pb, families=[OneShiftPerDay(), Availability(), Coverage(), Pairs()], time_limit=10, workers=2
    )


def test_off_by_default():
    pb = make_problem(weeks=1, staff=[person("a")])
    assert not Pairs.enabled(pb)
    assert PAIRS.check(pb, roster(("a", 0, "E"))) == []


def test_check_flags_every_stretch_with_one_person_on_duty():
    pb = problem()
    # a on E 07–15, b on M 10–18: a alone 07–10, b alone 15–18; c on L 15–23 from 15:00
    assert [str(v) for v in PAIRS.check(pb, roster(("a", 0, "E"), ("b", 0, "M")))] == [
        "[pairs · a · 2026-01-05 · CEN] CEN 2026-01-05 07:00–10:00: 1 on duty; people patrol "
        "in pairs (pairs = yes)",
        "[pairs · b · 2026-01-05 · CEN] CEN 2026-01-05 15:00–18:00: 1 on duty; people patrol "
        "in pairs (pairs = yes)",
    ]
    assert PAIRS.check(pb, roster(("a", 0, "E"), ("b", 0, "E"))) == []
    assert len(PAIRS.check(pb, roster(("a", 0, "E"), ("b", 0, "M"), ("c", 0, "L")))) == 2  # 07–10, 18–23


def test_areas_are_counted_separately():
    pb = problem(areas=("CEN", "NRD"))
    r = roster(("a", 0, "E"), ("b", 0, "E", "NRD"))
    assert [v.area for v in PAIRS.check(pb, r)] == ["CEN", "NRD"]


def test_solver_sends_two_rather_than_one():
    pb = problem(demand=[demand(days="mon", start="08:00", end="12:00", min=1)])
    res = run(pb)
    assert res.status == Status.OPTIMAL
    assert res.objective == 0
    assert coverage_table(pb, res.roster)[0].planned >= 2
    assert PAIRS.check(pb, res.roster) == []


def test_a_lone_pinned_shift_is_infeasible():
    pb = problem(n=1, fixed=[Fixed(staff="a", date=day(0), shift="E")])
    assert run(pb).status == Status.INFEASIBLE


def test_a_lone_candidate_may_not_work():
    # Only one person: the minimum cannot be met in pairs, so it is reported short instead.
    pb = problem(n=1, demand=[demand(days="mon", start="08:00", end="12:00", min=1)])
    res = run(pb)
    assert res.status == Status.OPTIMAL
    assert len(res.roster) == 0
    assert res.objective == 240 * 10000 + 240 * 100
