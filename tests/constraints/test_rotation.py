"""rotation: backward rotation, isolated days, split weekends and night series (soft or hard)."""

from __future__ import annotations

from datetime import date

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.constraints.rotation import Rotation
from roster_solver.domain import Absence, Fixed, HistoryEntry, RuleOverride
from roster_solver.engine.solve import solve
from roster_solver.roster import Roster, Status
from tests.factories import (
    EARLY,
    LATE,
    day,
    make_problem,
    objective_range,
    pattern,
    person,
    roster,
    rules,
    wish,
)

FAM = Rotation()
U = 60  # cost units per point


def families() -> list:
    return [OneShiftPerDay(), Availability(), FAM]


def cost(pb, ros: Roster) -> int:
    return sum(p.cost for p in FAM.penalty(pb, ros))


def keys(pb, ros: Roster) -> list[tuple[str, str, date | None]]:
    return sorted((p.key, p.staff or "", p.date) for p in FAM.penalty(pb, ros))


def solved(pb):
    res = solve(pb, families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    assert res.family_costs.get("rotation", 0) == cost(pb, res.roster)
    assert FAM.check(pb, res.roster) == []
    return res


def hist(k: int, code: str, staff: str = "a") -> HistoryEntry:
    return HistoryEntry(staff=staff, date=day(k), shift=code)


# ---------------------------------------------------------------------------- exact penalties


def test_backward_rotation_costs_five_points() -> None:
    pb = make_problem(staff=[person("a")])
    got = FAM.penalty(pb, roster(("a", 0, "L"), ("a", 1, "E")))
    assert [(p.key, p.date, p.cost, p.amount) for p in got] == [
        ("weight.backward_rotation", day(1), 5 * U, 1)
    ]
    assert got[0].reason == (
        "a works E (from 07:00) the day after L (from 15:00): "
        "the next shift starts earlier (backward rotation)"
    )
    assert cost(pb, roster(("a", 0, "E"), ("a", 1, "L"), ("a", 2, "N"))) == 0


def test_backward_rotation_from_history() -> None:
    pb = make_problem(staff=[person("a")], history=[hist(-1, "N")])
    assert keys(pb, roster(("a", 0, "E"), ("a", 1, "E"))) == [("weight.backward_rotation", "a", day(0))]


def test_isolated_days_inside_the_horizon() -> None:
    pb = make_problem(staff=[person("a")])
    # E.E: a single day off (day 1) and a single working day (day 2); day 0 has no known
    # day before (no History), so it is not counted.
    ros = Roster.of(pattern("a", "E.E"))
    assert keys(pb, ros) == [("weight.isolated_day", "a", day(1)), ("weight.isolated_day", "a", day(2))]
    assert cost(pb, ros) == 2 * 5 * U


def test_isolated_day_uses_history_for_the_first_day() -> None:
    pb = make_problem(staff=[person("a")], history=[hist(-5, "E")])
    assert keys(pb, Roster.of(pattern("a", "E.LL"))) == [
        ("weight.isolated_day", "a", day(0)),
        ("weight.isolated_day", "a", day(1)),
    ]
    pb = make_problem(staff=[person("a")], history=[hist(-1, "E")])
    assert keys(pb, Roster.of(pattern("a", "E.LL"))) == [("weight.isolated_day", "a", day(1))]


def test_last_day_and_absence_are_not_isolated() -> None:
    pb = make_problem(staff=[person("a")])
    # the last day (a Sunday) alone: the day after is unknown, but the weekend is split
    assert keys(pb, roster(("a", 13, "E"))) == [("weight.split_weekend", "a", day(12))]
    leave = Absence(staff="a", start_date=day(2), end_date=day(2), type="leave")
    pb = make_problem(staff=[person("a")], absences=[leave])
    assert keys(pb, Roster.of(pattern("a", "EE.EE"))) == []


def test_split_weekend() -> None:
    pb = make_problem(staff=[person("a")])
    assert FAM.penalty(pb, Roster.of(pattern("a", "....EEE"))) == []  # Fri, Sat, Sun
    got = FAM.penalty(pb, Roster.of(pattern("a", "EEEEEE")))  # works Sat 5, Sun 6 off
    assert [(p.key, p.date, p.cost) for p in got] == [("weight.split_weekend", day(5), 5 * U)]
    assert got[0].reason == "a works on Saturday but has Sunday off (split weekend)"


def test_night_series_beyond_three_costs_per_night() -> None:
    pb = make_problem(staff=[person("a")])
    got = FAM.penalty(pb, Roster.of(pattern("a", "NNNNN")))
    assert [(p.key, p.date, p.amount, p.cost) for p in got] == [
        ("weight.max_consecutive_nights", day(4), 2, 2 * 20 * U)
    ]
    assert got[0].reason == "a works 5 night shifts in a row, 2 more than max_consecutive_nights = 3"
    assert FAM.check(pb, Roster.of(pattern("a", "NNNNN"))) == []


def test_night_series_counts_history() -> None:
    pb = make_problem(staff=[person("a")], history=[hist(-2, "N"), hist(-1, "N")])
    got = FAM.penalty(pb, Roster.of(pattern("a", "NN")))
    assert [(p.key, p.amount, p.cost) for p in got] == [("weight.max_consecutive_nights", 1, 20 * U)]


def test_weights_from_the_rules_sheet() -> None:
    pb = make_problem(staff=[person("a")], rules=rules(weight__backward_rotation=7, max_consecutive_nights=0))
    assert cost(pb, Roster.of(pattern("a", "LENNNNN"))) == 7 * U


# ---------------------------------------------------------------------------- hard nights


HARD = (RuleOverride(rule="max_consecutive_nights", hard=True),)


def test_hard_night_limit_is_checked() -> None:
    pb = make_problem(staff=[person("a")], rules=HARD, history=[hist(-1, "N")])
    got = FAM.check(pb, Roster.of(pattern("a", "NNN")))
    assert [(v.staff, v.date, v.message) for v in got] == [
        ("a", day(2), "works 4 night shifts in a row, more than max_consecutive_nights = 3")
    ]
    assert FAM.penalty(pb, Roster.of(pattern("a", "NNN"))) == []


def test_hard_night_limit_in_the_model() -> None:
    pins = [Fixed(staff="a", date=day(k), shift="N") for k in range(4)]
    pb = make_problem(staff=[person("a")], rules=HARD, fixed=pins)
    assert solve(pb, families=families(), time_limit=10, workers=2).status is Status.INFEASIBLE


# ---------------------------------------------------------------------------- solver prefers


def only_days(staff: str, days: str, off: str) -> list:
    """must-work on ``days``, never on ``off`` (whole days)."""
    return [wish(staff, days, "must"), wish(staff, off, "never")]


def test_solver_rotates_forward() -> None:
    pb = make_problem(
        staff=[person("a")],
        shifts=(EARLY, LATE),
        fixed=[Fixed(staff="a", date=day(0), shift="L")],
        wishes=only_days("a", "2026-01-05..2026-01-06", "2026-01-07..2026-01-18"),
    )
    res = solved(pb)
    assert [a.shift for a in res.roster.assignments] == ["L", "L"]
    assert res.objective == 0


def test_solver_avoids_isolated_days() -> None:
    pb = make_problem(
        staff=[person("a")],
        wishes=[
            wish("a", "2026-01-06", "must"),
            wish("a", "2026-01-08", "must"),
            wish("a", "2026-01-05", "never"),
            wish("a", "2026-01-09..2026-01-18", "never"),
        ],
    )
    res = solved(pb)
    assert sorted(a.date for a in res.roster.assignments) == [day(1), day(2), day(3)]
    assert res.objective == 0


def test_solver_keeps_weekends_together() -> None:
    pb = make_problem(
        staff=[person("a")],
        wishes=[
            wish("a", "2026-01-10", "must"),
            wish("a", "2026-01-05..2026-01-09", "never"),
            wish("a", "2026-01-12..2026-01-18", "never"),
        ],
    )
    res = solved(pb)
    assert sorted(a.date for a in res.roster.assignments) == [day(5), day(6)]  # Sat and Sun
    assert res.objective == 0


def test_solver_breaks_a_long_night_series() -> None:
    pins = [Fixed(staff="a", date=day(k), shift="N") for k in range(3)]
    pb = make_problem(
        staff=[person("a")],
        fixed=pins,
        rules=rules(weight__backward_rotation=0),
        wishes=only_days("a", "2026-01-08", "2026-01-10..2026-01-18"),
    )
    res = solved(pb)
    assert [a.shift for a in res.roster.assignments if a.date == day(3)] in (["E"], ["L"])
    assert res.objective == 0


def test_objective_share_is_exact_on_any_roster() -> None:
    pb = make_problem(staff=[person("a"), person("b")], history=[hist(-1, "L"), hist(-2, "N", "b")])
    ros = Roster.of(pattern("a", "E.L.ENNNNN..EL") + pattern("b", "N.E...E..LLE.E"))
    expected = cost(pb, ros)
    # backward 2, isolated 3 + 5, split weekends 2, nights beyond three 2
    assert expected == (2 + 8 + 2) * 5 * U + 2 * 20 * U
    assert objective_range(pb, ros, families()) == (expected, expected)
