"""shift_length: working time per dated shift (ATW 5:7, 5:8) and minimum breaks (ATW 5:4)."""

from __future__ import annotations

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.constraints.shift_length import ShiftLength, hours_text
from roster_solver.domain import Fixed
from roster_solver.engine.solve import solve
from roster_solver.roster import Status
from tests.factories import EARLY, LATE, MAR, OCT, SAT, day, make_problem, person, roster, rules, shift

FAM = ShiftLength()
LONG_NIGHT = shift("N", "21:00", "07:00")  # 10 h elapsed, 9.5 h of work; 10.5 h on the October night
LOOSE = rules(allow_below_law="yes", max_night_shift_hours=0)


def families() -> list:
    return [OneShiftPerDay(), Availability(), FAM]


def test_hours_text() -> None:
    assert [hours_text(m) for m in (480, 490, 0, -30)] == ["8 h", "8 h 10 min", "0 h", "-30 min"]


def test_night_on_the_october_change_is_one_hour_longer() -> None:
    pb = make_problem(staff=[person("a")], shifts=(EARLY, LATE, LONG_NIGHT), start=OCT)
    assert pb.instance("N", SAT - 1).work == 570
    assert pb.instance("N", SAT).work == 630
    got = FAM.check(pb, roster(("a", SAT - 1, "N"), ("a", SAT, "N"), start=OCT))
    assert [(v.date, v.message) for v in got] == [
        (
            day(SAT, OCT),
            "N on 2026-10-24 is a night shift of 10 h 30 min of work, more than "
            "max_night_shift_hours 10 h (ATW art. 5:8)",
        ),
        (
            day(SAT, OCT),
            "N on 2026-10-24 has a break of 30 min; 10 h 30 min of work needs at least "
            "45 min (ATW art. 5:4, min_break_minutes)",
        ),
    ]


def test_night_on_the_march_change_is_one_hour_shorter() -> None:
    pb = make_problem(staff=[person("a")], shifts=(EARLY, LATE, LONG_NIGHT), start=MAR)
    assert pb.instance("N", SAT).work == 510
    assert FAM.check(pb, roster(("a", SAT, "N"), start=MAR)) == []


def test_max_shift_hours_per_dated_shift() -> None:
    # Night limit switched off (allowed only with allow_below_law): 11.25 h of work, 12.25 h in October.
    long = shift("X", "19:00", "07:00", brk=45)
    pb = make_problem(staff=[person("a")], shifts=(long,), start=OCT, rules=LOOSE)
    got = FAM.check(pb, roster(("a", SAT - 2, "X"), ("a", SAT, "X"), start=OCT))
    assert [v.message for v in got] == [
        "X on 2026-10-24 is 12 h 15 min of work, more than max_shift_hours 12 h (ATW art. 5:7)"
    ]


def test_ordinary_shifts_pass() -> None:
    pb = make_problem(staff=[person("a"), person("b")])
    assert FAM.check(pb, roster(("a", 0, "E"), ("a", 1, "L"), ("a", 3, "N"), ("b", 2, "N"))) == []


def test_solver_refuses_a_pin_whose_dated_break_is_too_short() -> None:
    # Without a night limit, only the break table catches the October night: the domain validates
    # the break per shift type (9.5 h → 30 min), the family per dated shift (10.5 h → 45 min).
    pin = [Fixed(staff="a", date=day(SAT, OCT), shift="N")]
    pb = make_problem(staff=[person("a")], shifts=(LONG_NIGHT,), start=OCT, rules=LOOSE, fixed=pin)
    base = solve(pb, families=[OneShiftPerDay(), Availability()], time_limit=10, workers=2)
    assert base.status is Status.OPTIMAL
    assert solve(pb, families=families(), time_limit=10, workers=2).status is Status.INFEASIBLE
    friday = [Fixed(staff="a", date=day(SAT - 1, OCT), shift="N")]
    pb = make_problem(staff=[person("a")], shifts=(LONG_NIGHT,), start=OCT, rules=LOOSE, fixed=friday)
    res = solve(pb, families=families(), time_limit=10, workers=2)
    assert res.status is Status.OPTIMAL
    assert FAM.check(pb, res.roster) == []
