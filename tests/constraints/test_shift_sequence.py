"""shift_sequence: Shifts not_followed_by, History included across the horizon start."""

from __future__ import annotations

from datetime import date

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.constraints.shift_sequence import ShiftSequence
from roster_solver.domain import Fixed, HistoryEntry, Src
from roster_solver.engine.solve import solve
from roster_solver.roster import Status
from tests.factories import EARLY, NIGHT, day, make_problem, person, roster, shift, wish

FAM = ShiftSequence()
LATE_NO_EARLY = shift("L", "15:00", "23:00", not_followed_by=("E",), src=Src("Shifts", 3))
SHIFTS = (EARLY, LATE_NO_EARLY, NIGHT)
HIST_L = HistoryEntry(staff="a", date=date(2026, 1, 4), shift="L")


def families() -> list:
    return [OneShiftPerDay(), Availability(), FAM]


def problem(**kw) -> object:
    return make_problem(staff=[person("a"), person("b")], shifts=SHIFTS, **kw)


# ---------------------------------------------------------------------------- checker


def test_forbidden_successor_is_reported_once() -> None:
    pb = problem()
    got = FAM.check(
        pb,
        roster(
            ("a", 0, "L"),
            ("a", 1, "E"),
            ("a", 2, "L"),
            ("a", 3, "L"),
            ("b", 0, "E"),
            ("b", 1, "L"),
            ("b", 3, "E"),
        ),
    )
    assert [(v.staff, v.date, v.message) for v in got] == [
        (
            "a",
            day(1),
            "works E the day after L on 2026-01-05; shift L may not be followed by E "
            "(Shifts row 3, not_followed_by)",
        ),
    ]


def test_history_counts_across_the_start() -> None:
    pb = problem(history=[HIST_L])
    got = FAM.check(pb, roster(("a", 0, "E")))
    assert [v.message for v in got] == [
        "works E the day after L on 2026-01-04 (History); shift L may not be followed by E "
        "(Shifts row 3, not_followed_by)"
    ]
    assert FAM.check(pb, roster(("a", 0, "N"))) == []


# ---------------------------------------------------------------------------- solver


def test_pins_breaking_the_sequence_are_infeasible() -> None:
    pins = [Fixed(staff="a", date=day(0), shift="L"), Fixed(staff="a", date=day(1), shift="E")]
    assert (
        solve(problem(fixed=pins), families=families(), time_limit=10, workers=2).status is Status.INFEASIBLE
    )


def test_history_forbids_the_first_day() -> None:
    pin = [Fixed(staff="a", date=day(0), shift="E")]
    assert (
        solve(problem(fixed=pin, history=[HIST_L]), families=families(), time_limit=10, workers=2).status
        is Status.INFEASIBLE
    )


def test_solver_picks_an_allowed_successor() -> None:
    pb = problem(
        fixed=[Fixed(staff="a", date=day(0), shift="L")],
        history=[HIST_L],
        wishes=[wish("a", "2026-01-06", "must"), wish("a", "2026-01-05", "must")],
    )
    res = solve(pb, families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    second = [a.shift for a in res.roster.assignments if a.staff == "a" and a.date == day(1)]
    assert second in (["L"], ["N"])
    assert FAM.check(pb, res.roster) == []


def test_cliques_forbid_exactly_the_listed_pairs() -> None:
    # Banned sets that are neither nested nor disjoint: L bans {E}, N bans {E, L}, D bans {L}.
    shifts = (
        EARLY,
        shift("L", "15:00", "23:00", not_followed_by=("E",)),
        shift("N", "23:00", "07:00", not_followed_by=("E", "L")),
        shift("D", "09:00", "17:00", not_followed_by=("L",)),
    )
    banned = {"E": set(), "L": {"E"}, "N": {"E", "L"}, "D": {"L"}}
    for first in banned:
        for then in banned:
            pins = [Fixed(staff="a", date=day(0), shift=first), Fixed(staff="a", date=day(1), shift=then)]
            pb = make_problem(staff=[person("a")], shifts=shifts, fixed=pins)
            status = solve(pb, families=families(), time_limit=10, workers=2, hint=False).status
            expected = Status.INFEASIBLE if then in banned[first] else Status.OPTIMAL
            assert status is expected, (first, then)
