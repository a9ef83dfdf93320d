"""Weekly rest (ATW 5:5): checker on hand-made rosters, small models, DST, the 72-in-14 alternative."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.constraints.weekly_rest import WeeklyRest, free_stretches
from roster_solver.domain import Absence, Fixed, HistoryEntry
from roster_solver.engine.solve import solve
from roster_solver.roster import Roster, Status
from tests.factories import (
    DEFAULT_SHIFTS,
    OCT,
    START,
    make_problem,
    pattern,
    person,
    roster,
    rules,
    shift,
    wish,
)

FAM = WeeklyRest()
DAY12 = shift("D", "07:00", "19:00", brk=45)
EARLY6 = shift("F", "06:00", "14:00")
SHIFTS = (*DEFAULT_SHIFTS, DAY12, EARLY6)
SUN10 = shift("M", "10:00", "18:00")
SUN09 = shift("M9", "09:00", "17:00")
ALT = rules(allow_below_law=True, weekly_rest_72_per_14_days=True)


def problem(**kw):
    kw.setdefault("staff", (person("a"),))
    kw.setdefault("shifts", SHIFTS)
    return make_problem(**kw)


def hist(staff: str, d: date, code: str) -> HistoryEntry:
    return HistoryEntry(staff=staff, date=d, shift=code)


def pins(staff: str, text: str, start: date = START) -> list[Fixed]:
    return [
        Fixed(staff=staff, date=start + timedelta(days=k), shift=c) for k, c in enumerate(text) if c != "."
    ]


def run(pb):
    return solve(pb, families=[OneShiftPerDay(), Availability(), FAM], time_limit=10, workers=2)


# ---------------------------------------------------------------------------- checker


def test_free_stretches_clip_to_the_period():
    assert free_stretches([(10, 20), (15, 30), (50, 60)], 0, 55) == [(0, 10), (30, 50)]
    assert free_stretches([], 5, 9) == [(5, 9)]


def test_seven_early_shifts_leave_no_weekly_rest():
    pb = problem()
    out = FAM.check(pb, Roster.of(pattern("a", "EEEEEEE")))
    assert [(v.staff, v.date, v.message) for v in out] == [
        ("a", START, "week of 2026-01-05: longest rest is 16 h, needs 36 h"),
    ]


def test_rest_at_the_edges_of_the_horizon_counts():
    # Mon 00:00 → Wed 07:00 is 55 h; after Friday's shift the rest runs to the horizon's end.
    pb = problem()
    assert FAM.check(pb, Roster.of(pattern("a", "..EEEEE" + "EEEEE.."))) == []


def test_exactly_36_hours_is_enough_and_35_is_not():
    pb = problem()
    # Thursday D ends 19:00, Saturday E starts 07:00: 36 h.
    assert FAM.check(pb, Roster.of(pattern("a", "DDDD.EE"))) == []
    out = FAM.check(pb, Roster.of(pattern("a", "DDDD.FE")))
    assert [v.message for v in out] == ["week of 2026-01-05: longest rest is 35 h, needs 36 h"]


def test_history_shift_across_the_boundary_cuts_the_first_rest():
    # Without History: Mon 00:00 → Tue 15:00 is 39 h. A History night Sun 23:00 → Mon 07:00
    # leaves 32 h.
    roster = Roster.of(pattern("a", ".LLLLLL"))
    assert FAM.check(problem(), roster) == []
    pb = problem(history=[hist("a", START - timedelta(days=1), "N")])
    out = FAM.check(pb, roster)
    assert [(v.staff, v.message) for v in out] == [
        ("a", "week of 2026-01-05: longest rest is 32 h, needs 36 h"),
    ]


def training(first: int, last: int, start: str, end: str) -> Absence:
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    return Absence(
        staff="a",
        start_date=START + timedelta(days=first),
        end_date=START + timedelta(days=last),
        start_minute=h1 * 60 + m1,
        end_minute=h2 * 60 + m2,
        type="training",
    )


def test_training_with_times_is_working_time():
    roster = Roster.of(pattern("a", "EEEEE.."))  # Fri 15:00 → Mon 00:00: 57 h
    assert FAM.check(problem(), roster) == []
    # Saturday 09:00–17:00: Fri 15:00 → Sat 09:00 is 18 h, Sat 17:00 → Mon 00:00 is 31 h.
    out = FAM.check(problem(absences=[training(5, 5, "09:00", "17:00")]), roster)
    assert [v.message for v in out] == ["week of 2026-01-05: longest rest is 31 h, needs 36 h"]
    # The same times as leave are rest.
    leave = Absence(
        staff="a",
        start_date=START + timedelta(days=5),
        end_date=START + timedelta(days=5),
        start_minute=9 * 60,
        end_minute=17 * 60,
        type="leave",
    )
    assert FAM.check(problem(absences=[leave]), roster) == []


def test_each_week_and_each_person_is_judged_separately():
    pb = problem(staff=(person("a"), person("b")))
    roster = Roster.of(pattern("a", "EEEEEEE" + "EEEEEEE") + pattern("b", "LLLLL.E"))
    out = FAM.check(pb, roster)
    assert [(v.staff, v.date) for v in out] == [
        ("a", START),
        ("a", START + timedelta(days=7)),
        ("b", START),
    ]


def test_switched_off_under_profile_none():
    pb = problem(profile="none")
    assert FAM.check(pb, Roster.of(pattern("a", "EEEEEEE"))) == []


# ---------------------------------------------------------------------------- DST


def dst_roster(sunday: str) -> Roster:
    return Roster.of(pattern("a", "LLLLL", start=OCT) + list(roster(("a", 6, sunday), start=OCT).assignments))


def test_dst_week_measures_rest_in_elapsed_time():
    # Fri 23:00 → Sun 10:00 on the clock-change weekend: 35 h on the wall clock, 36 h elapsed.
    pb = problem(start=OCT, shifts=(*DEFAULT_SHIFTS, SUN10, SUN09))
    assert FAM.check(pb, dst_roster("M")) == []
    out = FAM.check(pb, dst_roster("M9"))
    assert [v.message for v in out] == ["week of 2026-10-19: longest rest is 35 h, needs 36 h"]


@pytest.mark.parametrize(("code", "status"), [("M", Status.OPTIMAL), ("M9", Status.INFEASIBLE)])
def test_dst_week_model(code, status):
    pb = problem(
        start=OCT,
        shifts=(*DEFAULT_SHIFTS, SUN10, SUN09),
        fixed=[*pins("a", "LLLLL", OCT), Fixed(staff="a", date=OCT + timedelta(days=6), shift=code)],
    )
    res = run(pb)
    assert res.status == status
    if status.has_roster:
        assert FAM.check(pb, res.roster) == []


# ---------------------------------------------------------------------------- model


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("EEEEEEE", Status.INFEASIBLE),
        ("LLLLL.E", Status.INFEASIBLE),  # Fri 23:00 → Sun 07:00: 32 h
        ("EEEEE.E", Status.OPTIMAL),  # Fri 15:00 → Sun 07:00: 40 h
        ("DDDD.EE", Status.OPTIMAL),  # exactly 36 h
        ("DDDD.FE", Status.INFEASIBLE),  # 35 h
    ],
)
def test_fixed_pins(text, status):
    pb = problem(fixed=pins("a", text))
    res = run(pb)
    assert res.status == status
    if status.has_roster:
        assert FAM.check(pb, res.roster) == []


def test_history_makes_pins_infeasible():
    fixed = pins("a", ".LLLLLL")
    assert run(problem(fixed=fixed)).status == Status.OPTIMAL
    pb = problem(fixed=fixed, history=[hist("a", START - timedelta(days=1), "N")])
    assert run(pb).status == Status.INFEASIBLE


def test_training_blocks_the_only_rest_window():
    fixed = [*pins("a", "EEEEE"), Fixed(staff="a", date=START + timedelta(days=6), shift="L")]
    assert run(problem(fixed=fixed)).status == Status.OPTIMAL  # Fri 15:00 → Sun 15:00: 48 h
    absences = [training(5, 5, "09:00", "17:00")]  # leaves 18 h and 22 h
    assert run(problem(fixed=fixed, absences=absences)).status == Status.INFEASIBLE


def test_model_chooses_shifts_that_leave_rest():
    # Working Monday to Friday always leaves 36 h before Monday; Monday to Saturday never does
    # (at most 33 h: Saturday E ends 15:00).
    pb = problem(wishes=[wish("a", "mon-fri", "must")])
    res = run(pb)
    assert res.status == Status.OPTIMAL
    assert len(res.roster) == 10
    assert FAM.check(pb, res.roster) == []
    assert run(problem(wishes=[wish("a", "mon-sat", "must")])).status == Status.INFEASIBLE


def test_model_uses_a_gap_in_the_middle_of_the_week():
    # Six working days are possible when the day off gives 36 h: e.g. Mon D (ends 19:00),
    # Tue off, Wed E from 07:00.
    pb = problem(wishes=[wish("a", "mon,wed-sun", "must")], weeks=1)
    res = run(pb)
    assert res.status == Status.OPTIMAL
    assert FAM.check(pb, res.roster) == []


# ---------------------------------------------------------------------------- 72 h in 14 days


def test_alternative_checker_pairs_weeks():
    pb = problem(rules=ALT)
    # Week 0 has no 36 h rest, but Thu 15:00 → Mon 00:00 of week 2 gives 81 h.
    assert FAM.check(pb, Roster.of(pattern("a", "EEEEEEE" + "EEEE..."))) == []
    assert len(FAM.check(problem(), Roster.of(pattern("a", "EEEEEEE" + "EEEE...")))) == 1


def test_alternative_checker_ignores_blocks_under_32_hours():
    pb = problem(rules=ALT)
    # Blocks: Mon 15:00 → Wed 07:00 = 40 h and Fri 15:00 → Sat 23:00 = 32 h; Saturday's night
    # ends Sun 07:00 (24 h to Monday), and week 1 ends with a Sunday L (1 h to the edge).
    assert FAM.check(pb, Roster.of(pattern("a", "E.EEEN." + "EEEEEEL"))) == []
    # Fri 23:00 (L) → Sat 23:00 = 24 h does not count: 40 h in total.
    out = FAM.check(pb, Roster.of(pattern("a", "E.EELN." + "EEEEEEL")))
    assert [(v.date, v.message) for v in out] == [
        (
            START,
            "weeks of 2026-01-05 and 2026-01-12: rest in blocks of at least 32 h totals 40 h, needs 72 h",
        ),
    ]


def test_alternative_trailing_single_week_keeps_36_hours():
    pb = problem(rules=ALT, weeks=3)
    roster = Roster.of(pattern("a", "EEEE..." + "EEEEEEE" + "EEEEEEE"))
    out = FAM.check(pb, roster)
    assert [(v.date, v.message) for v in out] == [
        (START + timedelta(days=14), "week of 2026-01-19: longest rest is 16 h, needs 36 h"),
    ]


@pytest.mark.parametrize(
    ("text", "alt", "status"),
    [
        ("EEEEEEE" + "EEEE...", True, Status.OPTIMAL),  # one 81 h block
        ("EEEEEEE" + "EEEE...", False, Status.INFEASIBLE),
        ("E.E.EEE" + "EEEEEEE", True, Status.OPTIMAL),  # two 40 h blocks in week 0
        ("E.E.EEE" + "EEEEEEE", False, Status.INFEASIBLE),
        ("E.EEEEE" + "EEEEEEE", True, Status.INFEASIBLE),  # 40 h in total
    ],
)
def test_alternative_model(text, alt, status):
    pb = problem(fixed=pins("a", text), rules=ALT if alt else ())
    res = run(pb)
    assert res.status == status
    if status.has_roster:
        assert FAM.check(pb, res.roster) == []


# ---------------------------------------------------------------------------- property


PIN_CODES = ".EDLNF"


@settings(max_examples=25, deadline=None)
@given(text=st.text(alphabet=PIN_CODES, min_size=14, max_size=14), alt=st.booleans())
def test_model_agrees_with_the_checker_on_pinned_rosters(text, alt):
    # With every day pinned (worked or off), the model is feasible exactly when the checker
    # accepts the roster under 36-per-7; under 72-in-14 it may only be stricter.
    fixed = [
        Fixed(staff="a", date=START + timedelta(days=k), shift=c if c != "." else "off")
        for k, c in enumerate(text)
    ]
    pb = problem(fixed=fixed, rules=ALT if alt else ())
    ok = FAM.check(pb, Roster.of(pattern("a", text))) == []
    res = run(pb)
    if alt:
        assert res.status == Status.INFEASIBLE or ok
    else:
        assert res.status == (Status.OPTIMAL if ok else Status.INFEASIBLE)
