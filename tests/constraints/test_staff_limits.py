"""staff_limits: Limits rows (per person per shift type) and Staff max_weekends; all hard."""

from __future__ import annotations

from collections import Counter

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.constraints.staff_limits import StaffLimits
from roster_solver.domain import Limit, Src
from roster_solver.engine.solve import solve
from roster_solver.roster import Roster, Status
from tests.factories import make_problem, pattern, person, roster, wish

FAM = StaffLimits()


def families() -> list:
    return [OneShiftPerDay(), Availability(), FAM]


# ---------------------------------------------------------------------------- checker


def test_limit_max_violation() -> None:
    lim = Limit(staff="a", shift="N", max=2, src=Src("Limits", 4))
    pb = make_problem(staff=[person("a")], limits=[lim])
    got = FAM.check(pb, Roster.of(pattern("a", "NNN....N")))
    assert [(v.staff, v.message) for v in got] == [
        ("a", "works shift N 4 times, more than the maximum of 2 (Limits row 4)")
    ]
    assert FAM.check(pb, Roster.of(pattern("a", "NN...EEE"))) == []


def test_limit_min_violation() -> None:
    pb = make_problem(
        staff=[person("a"), person("b")],
        limits=[Limit(staff="a", shift="E", min=2), Limit(staff="b", shift="E", min=1)],
    )
    got = FAM.check(pb, roster(("a", 0, "E"), ("a", 1, "L"), ("b", 3, "E")))
    assert [v.message for v in got] == ["works shift E 1 time, fewer than the minimum of 2 (Limits)"]


def test_max_weekends_counts_by_start_day() -> None:
    p = person("a", max_weekends=1, src=Src("Staff", 3))
    pb = make_problem(staff=[p])
    # Friday night into Saturday does not count; Sat of week 1 and Sun of week 2 do.
    got = FAM.check(pb, roster(("a", 4, "N"), ("a", 5, "E"), ("a", 13, "L")))
    assert [v.message for v in got] == [
        "works 2 weekends (Saturdays 2026-01-10, 2026-01-17), more than max_weekends = 1 (Staff row 3)"
    ]
    assert FAM.check(pb, roster(("a", 4, "N"), ("a", 5, "E"), ("a", 6, "E"))) == []


def test_max_weekends_zero_and_none() -> None:
    pb = make_problem(staff=[person("a", max_weekends=0), person("b")])
    got = FAM.check(pb, roster(("a", 6, "E"), ("b", 5, "E"), ("b", 12, "E")))
    assert [(v.staff, v.message) for v in got] == [
        ("a", "works 1 weekend (Saturday 2026-01-10), more than max_weekends = 0 (Staff)")
    ]


# ---------------------------------------------------------------------------- solver


def test_min_and_max_limit_fix_the_count() -> None:
    pb = make_problem(staff=[person("a")], limits=[Limit(staff="a", shift="E", min=3, max=3)])
    res = solve(pb, families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    assert Counter(a.shift for a in res.roster.assignments)["E"] == 3
    assert FAM.check(pb, res.roster) == []


def test_limit_max_is_hard() -> None:
    lims = [Limit(staff="a", shift="N", max=1)]
    pb = make_problem(
        staff=[person("a")],
        limits=lims,
        wishes=[wish("a", "2026-01-05", "must", "N"), wish("a", "2026-01-08", "must", "N")],
    )
    assert solve(pb, families=families(), time_limit=10, workers=2).status is Status.INFEASIBLE


def test_limit_min_without_candidates_is_infeasible() -> None:
    pb = make_problem(staff=[person("a", shifts=("E",))], limits=[Limit(staff="a", shift="L", min=1)])
    assert solve(pb, families=families(), time_limit=10, workers=2).status is Status.INFEASIBLE


def test_max_weekends_in_the_model() -> None:
    one = [wish("a", "2026-01-10", "must"), wish("a", "2026-01-11", "must")]
    pb = make_problem(staff=[person("a", max_weekends=1)], wishes=one)
    res = solve(pb, families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    assert FAM.check(pb, res.roster) == []
    two = [wish("a", "2026-01-10", "must"), wish("a", "2026-01-18", "must")]
    pb = make_problem(staff=[person("a", max_weekends=1)], wishes=two)
    assert solve(pb, families=families(), time_limit=10, workers=2).status is Status.INFEASIBLE
    pb = make_problem(staff=[person("a", max_weekends=0)], wishes=[wish("a", "sun", "must")])
    assert solve(pb, families=families(), time_limit=10, workers=2).status is Status.INFEASIBLE
