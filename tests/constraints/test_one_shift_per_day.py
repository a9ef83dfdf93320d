"""one_shift_per_day: the checker names every person and date with more than one shift starting
on it; one shift a day (a night running into the next day included) passes."""

from __future__ import annotations

from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.roster import Roster
from tests.factories import day, make_problem, pattern, person, roster

FAM = OneShiftPerDay()


def test_one_shift_a_day_passes() -> None:
    pb = make_problem(staff=[person("a"), person("b")])
    # b's night starts on day 1 and ends on day 2, where b starts an early shift: still one per date.
    ros = Roster.of(pattern("a", "EEL.NN..") + pattern("b", ".NE"))
    assert FAM.check(pb, ros) == []
    assert FAM.check(pb, roster(("a", 0, "E"), ("b", 0, "E"))) == []


def test_each_date_with_more_than_one_shift_is_named_once() -> None:
    pb = make_problem(staff=[person("a"), person("b")], areas=("CEN", "NRD"))
    got = FAM.check(
        pb,
        roster(
            ("a", 1, "E"), ("a", 1, "L"), ("a", 2, "E"), ("b", 2, "N"), ("b", 2, "N", "NRD"), ("b", 2, "E")
        ),
    )
    assert [(v.rule, v.staff, v.date, v.message) for v in got] == [
        ("one_shift_per_day", "a", day(1), "has 2 shifts on one day"),
        ("one_shift_per_day", "b", day(2), "has 3 shifts on one day"),
    ]


def test_dutch_message() -> None:
    pb = make_problem(staff=[person("a")], language="nl")
    assert [v.message for v in FAM.check(pb, roster(("a", 0, "E"), ("a", 0, "L")))] == [
        "heeft 2 diensten op één dag"
    ]
