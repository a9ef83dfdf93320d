"""daily_rest: rest between shifts (ATW 5:3, 5:8 lid 3), History and clock changes included."""

from __future__ import annotations

from datetime import date

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.daily_rest import DailyRest
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.domain import Fixed, HistoryEntry
from roster_solver.engine.solve import solve
from roster_solver.roster import Roster, Status
from tests.factories import (
    DEFAULT_SHIFTS,
    MAR,
    OCT,
    SAT,
    START,
    SUN,
    day,
    make_problem,
    pattern,
    person,
    roster,
    rules,
    shift,
    wish,
)

FAM = DailyRest()
DAY9 = shift("D", "09:00", "17:00")
NIGHT_HIST = HistoryEntry(staff="a", date=date(2026, 1, 4), shift="N")


def families() -> list:
    return [OneShiftPerDay(), Availability(), FAM]


def problem(**kw) -> object:
    return make_problem(staff=[person("a"), person("b")], **kw)


def run(pb):
    return solve(pb, families=families(), time_limit=10, workers=2)


# ---------------------------------------------------------------------------- checker


def test_short_rest_is_reported_per_pair() -> None:
    pb = problem()
    r = Roster.of(pattern("a", "LENL") + pattern("b", "EELNN.L"))
    got = FAM.check(pb, r)
    assert [(v.staff, v.date, v.message) for v in got] == [
        ("a", day(1), "rest between L on 2026-01-05 and E on 2026-01-06 is 8 h, needs at least 11 h"),
        (
            "a",
            day(3),
            "rest between N on 2026-01-07 and L on 2026-01-08 is 8 h, needs at least 14 h "
            "(night ending after 02:00)",
        ),
    ]


def test_night_ending_at_0200_needs_only_daily_rest() -> None:
    short = shift("S", "22:00", "02:00", brk=0)  # a night (2 h in 00–06) that does not end after 02:00
    pb = problem(shifts=(*DEFAULT_SHIFTS, short))
    assert not pb.instance("S", 0).ends_after_0200
    assert FAM.check(pb, roster(("a", 0, "S"), ("a", 1, "L"))) == []  # Tue 02:00 → 15:00: 13 h
    late = shift("T", "13:00", "21:00")
    pb = problem(shifts=(*DEFAULT_SHIFTS, short, late))
    assert FAM.check(pb, roster(("a", 0, "S"), ("a", 1, "T"))) == []  # 11 h
    pb = problem(shifts=(*DEFAULT_SHIFTS, short, shift("U", "12:00", "20:00")))
    assert [v.message for v in FAM.check(pb, roster(("a", 0, "S"), ("a", 1, "U")))] == [
        "rest between S on 2026-01-05 and U on 2026-01-06 is 10 h, needs at least 11 h"
    ]


def test_history_counts_across_the_start() -> None:
    pb = problem(history=[NIGHT_HIST])
    assert [v.message for v in FAM.check(pb, roster(("a", 0, "L")))] == [
        "rest between N on 2026-01-04 and L on 2026-01-05 is 8 h, needs at least 14 h "
        "(night ending after 02:00)"
    ]
    assert FAM.check(pb, roster(("a", 0, "N"))) == []


def test_history_alone_is_never_reported() -> None:
    hist = [
        HistoryEntry(staff="a", date=date(2026, 1, 3), shift="L"),
        HistoryEntry(staff="a", date=date(2026, 1, 4), shift="E"),
    ]
    assert FAM.check(problem(history=hist), Roster()) == []


def test_stricter_rule_and_switched_off() -> None:
    r = roster(("a", 0, "E"), ("a", 1, "E"), ("a", 2, "L"), ("a", 3, "E"))
    assert len(FAM.check(problem(rules=rules(min_daily_rest_hours=17)), r)) == 2  # 16 h and 8 h
    off = make_problem(staff=[person("a")], profile="none")
    assert FAM.check(off, r) == []


# ---------------------------------------------------------------------------- solver


def test_pins_without_rest_are_infeasible() -> None:
    pins = [Fixed(staff="a", date=day(0), shift="L"), Fixed(staff="a", date=day(1), shift="E")]
    assert run(problem(fixed=pins)).status is Status.INFEASIBLE
    assert (
        solve(
            problem(fixed=pins), families=[OneShiftPerDay(), Availability()], time_limit=10, workers=2
        ).status
        is Status.OPTIMAL
    )


def test_history_night_forbids_an_early_start() -> None:
    pin = [Fixed(staff="a", date=START, shift="L")]
    assert run(problem(fixed=pin, history=[NIGHT_HIST])).status is Status.INFEASIBLE
    pin = [Fixed(staff="a", date=START, shift="N")]
    assert run(problem(fixed=pin, history=[NIGHT_HIST])).status is Status.OPTIMAL


def test_consecutive_work_after_a_night_continues_on_nights() -> None:
    # a must work Mon–Fri with a night on Wed: after it only a night leaves 14 h of rest.
    pb = problem(
        fixed=[Fixed(staff="a", date=day(2), shift="N")], wishes=[wish("a", "2026-01-05..2026-01-09", "must")]
    )
    res = run(pb)
    assert res.status is Status.OPTIMAL
    got = {a.date: a.shift for a in res.roster.assignments if a.staff == "a"}
    assert (got[day(2)], got[day(3)], got[day(4)]) == ("N", "N", "N")
    assert FAM.check(pb, res.roster) == []


# ---------------------------------------------------------------------------- clock changes


def test_rest_across_the_october_change_is_one_hour_longer() -> None:
    # L Sat 15:00–23:00 (summer time) → D Sun 09:00 (winter time): 10 h on the clock, 11 h elapsed.
    pb = make_problem(staff=[person("a")], shifts=(*DEFAULT_SHIFTS, DAY9), start=OCT)
    assert FAM.check(pb, roster(("a", SAT, "L"), ("a", SUN, "D"), start=OCT)) == []
    normal = make_problem(staff=[person("a")], shifts=(*DEFAULT_SHIFTS, DAY9), start=date(2026, 10, 12))
    got = FAM.check(normal, roster(("a", SAT, "L"), ("a", SUN, "D"), start=date(2026, 10, 12)))
    assert [v.message for v in got] == [
        "rest between L on 2026-10-17 and D on 2026-10-18 is 10 h, needs at least 11 h"
    ]
    pin = [Fixed(staff="a", date=day(SAT, OCT), shift="L"), Fixed(staff="a", date=day(SUN, OCT), shift="D")]
    pb = make_problem(staff=[person("a")], shifts=(*DEFAULT_SHIFTS, DAY9), start=OCT, fixed=pin)
    assert run(pb).status is Status.OPTIMAL


def test_night_over_the_october_change_keeps_its_real_length() -> None:
    # N 22:00–07:00 from Sat 24 Oct lasts 10 h (not 9); both its end and a Sunday 21:00 start lie
    # in winter time, so the rest after it is exactly 14 h on the clock and elapsed.
    night = shift("N", "22:00", "07:00", brk=60)
    evening = shift("V", "21:00", "23:30")
    early_evening = shift("W", "20:30", "23:30")
    pb = make_problem(staff=[person("a")], shifts=(night, evening, early_evening), start=OCT)
    inst = pb.instance("N", SAT)
    assert (inst.end - inst.start, inst.ends_after_0200) == (600, True)
    assert pb.instance("V", SUN).start - inst.end == 14 * 60
    assert FAM.check(pb, roster(("a", SAT, "N"), ("a", SUN, "V"), start=OCT)) == []
    assert [v.message for v in FAM.check(pb, roster(("a", SAT, "N"), ("a", SUN, "W"), start=OCT))] == [
        "rest between N on 2026-10-24 and W on 2026-10-25 is 13 h 30 min, needs at least 14 h "
        "(night ending after 02:00)"
    ]
    # Pinned together, the night and the 20:30 shift cannot both be worked.
    pins = [Fixed(staff="a", date=day(SAT, OCT), shift="N"), Fixed(staff="a", date=day(SUN, OCT), shift="W")]
    pb = make_problem(staff=[person("a")], shifts=(night, evening, early_evening), start=OCT, fixed=pins)
    assert run(pb).status is Status.INFEASIBLE


def test_rest_across_the_march_change_is_one_hour_shorter() -> None:
    # L Sat 27 Mar ends 23:00 (winter time); E2 Sun 10:00 (summer time): 11 h on the clock, 10 h elapsed.
    late_early = shift("F", "10:00", "18:00")
    pb = make_problem(staff=[person("a")], shifts=(*DEFAULT_SHIFTS, late_early), start=MAR)
    got = FAM.check(pb, roster(("a", SAT, "L"), ("a", SUN, "F"), start=MAR))
    assert [v.message for v in got] == [
        "rest between L on 2027-03-27 and F on 2027-03-28 is 10 h, needs at least 11 h"
    ]
    pins = [Fixed(staff="a", date=day(SAT, MAR), shift="L"), Fixed(staff="a", date=day(SUN, MAR), shift="F")]
    pb = make_problem(staff=[person("a")], shifts=(*DEFAULT_SHIFTS, late_early), start=MAR, fixed=pins)
    assert run(pb).status is Status.INFEASIBLE


# ---------------------------------------------------------------- training is working time


def _training_problem():
    from roster_solver.domain import Absence
    from tests.factories import make_problem, person

    training = Absence(
        staff="a",
        start_date=date(2026, 1, 6),
        end_date=date(2026, 1, 6),
        start_minute=9 * 60,
        end_minute=13 * 60,
        type="training",
    )
    return make_problem(staff=(person("a"),), absences=(training,))


def test_part_day_training_needs_daily_rest_on_both_sides() -> None:
    from roster_solver.constraints.daily_rest import DailyRest
    from tests.factories import roster

    pb = _training_problem()
    # Late Mon (ends 23:00) → training Tue 09:00: 10 h. Training ends 13:00 → night Tue 23:00: 10 h.
    bad = roster(("a", 0, "L"), ("a", 1, "N"))
    violations = DailyRest().check(pb, bad)
    assert len(violations) == 2
    assert all("training" in v.message for v in violations)
    # Early Mon (ends 15:00) → training: 18 h; training → late Wed: fine.
    assert DailyRest().check(pb, roster(("a", 0, "E"), ("a", 2, "L"))) == []


def test_model_keeps_shifts_clear_of_training() -> None:
    from roster_solver.constraints.availability import Availability
    from roster_solver.constraints.daily_rest import DailyRest
    from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
    from roster_solver.engine.context import ModelContext

    pb = _training_problem()
    ctx = ModelContext(pb)
    for fam in (OneShiftPerDay(), Availability(), DailyRest()):
        fam.add_to_model(ctx)
    from ortools.sat.python import cp_model

    for key in (("a", 0, "L", "CEN"), ("a", 1, "N", "CEN")):
        model = ctx.model.clone()
        model.add(model.get_bool_var_from_proto_index(ctx.x[key].index) == 1)
        assert cp_model.CpSolver().solve(model) == cp_model.INFEASIBLE, key
