"""wishes: soft prefer/avoid per matching day, outcomes per person and refusal reasons."""

from __future__ import annotations

from roster_solver.calendar import parse_days
from roster_solver.constraints.availability import Availability
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.constraints.wishes import Wishes, refusal_reason, wish_outcomes
from roster_solver.domain import Absence, Fixed, HistoryEntry, Src, Wish
from roster_solver.engine.solve import solve
from roster_solver.roster import Roster, Status
from tests.factories import day, demand, make_problem, objective_range, pattern, person, roster, wish

FAM = Wishes()
U = 60


def problem(*wishes: Wish, **kw):
    return make_problem(staff=[person("a"), person("b")], wishes=list(wishes), **kw)


def refused(pb, ros: Roster) -> list[tuple[str | None, object, int]]:
    return [(p.staff, p.date, p.cost) for p in FAM.penalty(pb, ros)]


# ---------------------------------------------------------------------------- exact penalties


def test_prefer_shift_costs_the_default_weight_once_per_day() -> None:
    w = Wish(staff="a", days=parse_days("mon"), kind="prefer", shift="L", src=Src("Wishes", 4))
    pb = problem(w)
    got = FAM.penalty(pb, roster(("a", 0, "E"), ("a", 7, "L")))
    assert [(p.staff, p.date, p.cost, p.amount, p.key) for p in got] == [
        ("a", day(0), 10 * U, 1, "weight.wish")
    ]
    assert got[0].reason == ("a prefers to work L on 2026-01-05 (Wishes row 4) but works E (07:00–15:00)")
    assert refused(pb, roster(("a", 0, "L"), ("a", 7, "L"))) == []
    assert refused(pb, roster(("a", 7, "L"))) == [("a", day(0), 10 * U)]
    assert FAM.penalty(pb, roster(("a", 7, "L")))[0].reason.endswith(
        "on 2026-01-05 (Wishes row 4) but is off"
    )


def test_avoid_shift_with_own_weight() -> None:
    pb = problem(wish("a", "mon", "avoid", shift="N", weight=4))
    assert refused(pb, roster(("a", 0, "N"), ("a", 7, "E"))) == [("a", day(0), 4 * U)]


def test_off_wishes() -> None:
    pb = problem(wish("a", "mon", "prefer", shift="off"), wish("b", "mon", "avoid", shift="off"))
    ros = roster(("a", 0, "E"), ("b", 0, "E"))
    assert refused(pb, ros) == [("a", day(0), 10 * U), ("b", day(7), 10 * U)]
    assert [p.reason for p in FAM.penalty(pb, ros)] == [
        "a prefers a day off on 2026-01-05 but works E (07:00–15:00)",
        "b prefers not to have a day off on 2026-01-12 but is off",
    ]
    assert wish_outcomes(pb, ros) == {"a": (1, 1), "b": (1, 1)}


def test_prefer_window_means_work_inside_it() -> None:
    pb = problem(wish("a", "2026-01-05", "prefer", start="06:00", end="16:00", weight=3))
    assert refused(pb, roster(("a", 0, "E"))) == []
    assert refused(pb, roster(("a", 0, "L"))) == [("a", day(0), 3 * U)]
    assert refused(pb, roster(("a", 1, "E"))) == [("a", day(0), 3 * U)]
    assert FAM.penalty(pb, roster(("a", 0, "L")))[0].reason == (
        "a prefers to work within 06:00–16:00 on 2026-01-05 but works L (15:00–23:00)"
    )


def test_avoid_window_counts_any_overlap_in_real_time() -> None:
    pb = problem(wish("a", "2026-01-06", "avoid", start="06:00", end="10:00"))
    assert refused(pb, roster(("a", 1, "E"))) == [("a", day(1), 10 * U)]
    assert refused(pb, roster(("a", 1, "L"))) == []
    got = FAM.penalty(pb, roster(("a", 0, "N")))  # Monday night runs until Tuesday 07:00
    assert [(p.date, p.reason) for p in got] == [
        (
            day(1),
            "a prefers not to work during 06:00–10:00 on 2026-01-06 but works N (23:00–07:00) on 2026-01-05",
        )
    ]


def test_avoid_window_and_history() -> None:
    pb = problem(
        wish("a", "2026-01-05", "avoid", start="00:00", end="08:00"),
        history=[HistoryEntry(staff="a", date=day(-1), shift="N")],
    )
    ros = Roster()
    assert refused(pb, ros) == [("a", day(0), 10 * U)]
    assert refusal_reason(pb, ros, pb.wishes[0], 0) == "a shift before the horizon (History)"


def test_whole_day_prefer_and_avoid() -> None:
    pb = problem(wish("a", "2026-01-05", "prefer"), wish("a", "2026-01-06", "avoid"))
    assert refused(pb, roster(("a", 0, "N"), ("a", 2, "E"))) == []
    assert refused(pb, roster(("a", 1, "E"))) == [("a", day(0), 10 * U), ("a", day(1), 10 * U)]
    assert wish_outcomes(pb, roster(("a", 1, "E"))) == {"a": (0, 2), "b": (0, 0)}


# ---------------------------------------------------------------------------- refusal reasons


def test_reason_minimum_staffing() -> None:
    pb = problem(
        wish("a", "2026-01-05", "prefer", shift="off"),
        demand=[demand("CEN", "2026-01-05", "08:00", "12:00", min=1)],
    )
    ros = roster(("a", 0, "E"))
    assert refusal_reason(pb, ros, pb.wishes[0], 0) == (
        "needed for the minimum staffing of CEN at 2026-01-05 08:00–12:00 (1 planned, minimum 1)"
    )
    assert FAM.penalty(pb, ros)[0].reason.endswith(
        ": needed for the minimum staffing of CEN at 2026-01-05 08:00–12:00 (1 planned, minimum 1)"
    )
    # with a second person on duty the minimum no longer binds
    assert refusal_reason(pb, roster(("a", 0, "E"), ("b", 0, "E")), pb.wishes[0], 0) is None


def test_reason_fixed_pin_and_absence_and_allowed_shifts() -> None:
    pin = Fixed(staff="a", date=day(0), shift="E")
    pb = problem(wish("a", "2026-01-05", "prefer", shift="off"), fixed=[pin])
    assert refusal_reason(pb, roster(("a", 0, "E")), pb.wishes[0], 0) == (
        "a is pinned to E on 2026-01-05 (Fixed)"
    )
    leave = Absence(staff="a", start_date=day(0), end_date=day(0), type="sick")
    pb = problem(wish("a", "2026-01-05", "prefer", shift="L"), absences=[leave])
    assert refusal_reason(pb, Roster(), pb.wishes[0], 0) == "absent"
    pb = make_problem(
        staff=[person("a", shifts=("E",))], wishes=[wish("a", "2026-01-05", "prefer", shift="L")]
    )
    assert refusal_reason(pb, roster(("a", 0, "E")), pb.wishes[0], 0) == (
        "shift L is not among the person's allowed shifts"
    )


def test_reason_contract_hours() -> None:
    pb = problem(wish("a", "2026-01-05", "prefer", shift="off"))
    ros = Roster.of(pattern("a", "EEEEEEEEE"))  # 9 × 7.5 h = 67.5 h; the band starts at 64.8 h
    assert refusal_reason(pb, ros, pb.wishes[0], 0) == (
        "needed to reach the contract hours (67.5 h planned, at least 64.8 h)"
    )
    assert refusal_reason(pb, roster(("a", 0, "E")), pb.wishes[0], 0) is None
    assert refusal_reason(pb, roster(("a", 1, "E")), pb.wishes[0], 0) is None  # granted


# ---------------------------------------------------------------------------- solver prefers


def families() -> list:
    return [OneShiftPerDay(), Availability(), FAM]


def solved(pb):
    res = solve(pb, families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    assert res.family_costs.get("wishes", 0) == sum(p.cost for p in FAM.penalty(pb, res.roster))
    return res


def only(staff: str, days: str, off: str) -> list[Wish]:
    return [wish(staff, days, "must"), wish(staff, off, "never")]


def test_solver_grants_a_preferred_shift() -> None:
    pb = make_problem(
        staff=[person("a")],
        wishes=[wish("a", "2026-01-05", "prefer", shift="L"), *only("a", "2026-01-05", "tue-sun,2026-01-12")],
    )
    res = solved(pb)
    assert [a.shift for a in res.roster.assignments] == ["L"]
    assert res.objective == 0


def test_solver_keeps_out_of_an_avoided_window() -> None:
    pb = make_problem(
        staff=[person("a")],
        wishes=[
            wish("a", "2026-01-05", "avoid", start="06:00", end="14:00"),
            *only("a", "2026-01-05", "tue-sun,2026-01-12"),
        ],
    )
    res = solved(pb)
    assert [a.shift for a in res.roster.assignments] in (["L"], ["N"])
    assert res.objective == 0


def test_solver_keeps_a_preferred_window() -> None:
    pb = make_problem(
        staff=[person("a")],
        wishes=[
            wish("a", "2026-01-05", "prefer", start="14:00", end="23:00", weight=2),
            wish("a", "tue-sun,2026-01-12", "never"),
        ],
    )
    res = solved(pb)
    assert [a.shift for a in res.roster.assignments] == ["L"]
    assert res.objective == 0


def test_solver_grants_off_wishes() -> None:
    pb = make_problem(
        staff=[person("a")],
        wishes=[
            wish("a", "2026-01-05", "avoid", shift="off"),
            wish("a", "2026-01-06", "prefer", shift="off"),
            wish("a", "wed-sun,2026-01-12,2026-01-13", "never"),
        ],
    )
    res = solved(pb)
    assert [a.date for a in res.roster.assignments] == [day(0)]
    assert res.objective == 0
    assert wish_outcomes(pb, res.roster) == {"a": (2, 0)}


def test_solver_refuses_the_cheaper_wish() -> None:
    pb = make_problem(
        staff=[person("a")],
        wishes=[
            wish("a", "2026-01-05", "prefer", shift="L", weight=3),
            wish("a", "2026-01-05", "prefer", shift="E", weight=5),
            *only("a", "2026-01-05", "tue-sun,2026-01-12"),
        ],
    )
    res = solved(pb)
    assert [a.shift for a in res.roster.assignments] == ["E"]
    assert res.objective == 3 * U


def test_objective_share_is_exact_on_any_roster() -> None:
    pb = problem(
        wish("a", "2026-01-06", "avoid", start="05:00", end="10:00"),
        wish("a", "mon", "prefer", start="06:00", end="16:00"),
        wish("b", "weekend", "avoid", shift="off", weight=2),
        wish("b", "wed", "prefer", shift="N", weight=7),
    )
    ros = roster(("a", 0, "N"), ("a", 1, "E"), ("a", 7, "E"), ("b", 2, "L"), ("b", 5, "E"))
    expected = sum(p.cost for p in FAM.penalty(pb, ros))
    assert expected == (10 + 10) * U + 3 * 2 * U + 2 * 7 * U
    assert objective_range(pb, ros, families()) == (expected, expected)
    # the avoided window overlaps both Monday's night and Tuesday's early shift: one refusal
    assert objective_range(pb, roster(("a", 1, "E")), families())[0] == (10 + 2 * 10 + 4 * 2 + 2 * 7) * U
