"""Free Sundays (ATW 5:6): ⌊13 × weeks / 52⌋ Sundays without any work, pro rata."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.free_sundays import FreeSundays, sunday_blocks
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.domain import Absence, Fixed
from roster_solver.engine.solve import solve
from roster_solver.roster import Roster, Status
from tests.factories import START, make_problem, pattern, person, rules, wish

FAM = FreeSundays()


def problem(**kw):
    kw.setdefault("staff", (person("a"),))
    kw.setdefault("weeks", 4)
    return make_problem(**kw)


def pins(text: str, staff: str = "a") -> list[Fixed]:
    return [
        Fixed(staff=staff, date=START + timedelta(days=k), shift=c) for k, c in enumerate(text) if c != "."
    ]


def run(pb):
    return solve(pb, families=[OneShiftPerDay(), Availability(), FAM], time_limit=10, workers=2)


def test_requirement_is_pro_rata_and_rounded_down():
    assert [need for _, need in sunday_blocks(problem(weeks=3), 13)] == [0]
    assert [need for _, need in sunday_blocks(problem(weeks=4), 13)] == [1]
    assert [need for _, need in sunday_blocks(problem(weeks=26), 13)] == [6]
    sundays, _ = sunday_blocks(problem(weeks=2), 13)[0]
    assert sundays == [6, 13]


def test_every_sunday_worked():
    pb = problem()
    out = FAM.check(pb, Roster.of(pattern("a", "......E" * 4)))
    assert [(v.staff, v.date, v.message) for v in out] == [
        ("a", START, "0 free Sundays from 2026-01-05 to 2026-02-01, needs 1"),
    ]
    assert FAM.check(pb, Roster.of(pattern("a", "......E" * 3 + "EEEEEE."))) == []


def test_saturday_night_spends_the_sunday():
    pb = problem()
    worked_sundays = "......E" * 3
    # A Saturday night ends Sunday 07:00: that Sunday is not free.
    assert len(FAM.check(pb, Roster.of(pattern("a", worked_sundays + ".....N.")))) == 1
    # A Saturday late shift ends 23:00: the Sunday is free.
    assert FAM.check(pb, Roster.of(pattern("a", worked_sundays + ".....L."))) == []


def test_sunday_night_does_not_spend_the_monday_or_the_next_sunday():
    # Sunday N of week 3 runs into Monday after the horizon; it spends only its own Sunday.
    pb = problem(weeks=8)
    roster = Roster.of(pattern("a", "......N" * 6 + "EEEEEE." * 2))
    assert FAM.check(pb, roster) == []
    roster = Roster.of(pattern("a", "......N" * 7 + "EEEEEE."))
    assert [v.message for v in FAM.check(pb, roster)] == [
        "1 free Sunday from 2026-01-05 to 2026-03-01, needs 2",
    ]


def test_people_are_judged_separately_and_absence_is_free():
    leave = Absence(
        staff="b", start_date=START + timedelta(days=27), end_date=START + timedelta(days=27), type="leave"
    )
    pb = problem(staff=(person("a"), person("b")), absences=[leave])
    roster = Roster.of(pattern("a", "......E" * 4) + pattern("b", "......E" * 3))
    assert [v.staff for v in FAM.check(pb, roster)] == ["a"]


def test_switched_off():
    pb = problem(rules=rules(allow_below_law=True, min_free_sundays_52w=0))
    assert FAM.check(pb, Roster.of(pattern("a", "......E" * 4))) == []
    assert FAM.check(problem(profile="none"), Roster.of(pattern("a", "......E" * 4))) == []


def test_stricter_minimum():
    pb = problem(weeks=8, rules=rules(min_free_sundays_52w=26))  # ⌊26 × 8 / 52⌋ = 4
    out = FAM.check(pb, Roster.of(pattern("a", "......E" * 5)))
    assert [v.message for v in out] == ["3 free Sundays from 2026-01-05 to 2026-03-01, needs 4"]


# ---------------------------------------------------------------------------- model


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("......E" * 4, Status.INFEASIBLE),
        ("......E" * 3 + ".....N.", Status.INFEASIBLE),
        ("......E" * 3 + ".....L.", Status.OPTIMAL),
        ("......E" * 3, Status.OPTIMAL),
    ],
)
def test_fixed_pins(text, status):
    pb = problem(fixed=pins(text))
    res = run(pb)
    assert res.status == status
    if status.has_roster:
        assert FAM.check(pb, res.roster) == []


def test_model_keeps_one_sunday_free_and_avoids_the_saturday_night():
    # Must work every Saturday and on three Sundays: the free Sunday is the fourth one, so
    # the Saturday before it may not be a night shift.
    wishes = [wish("a", "sat", "must"), wish("a", "2026-01-11,2026-01-18,2026-01-25", "must")]
    pb = problem(wishes=wishes)
    res = run(pb)
    assert res.status == Status.OPTIMAL
    on = {a.date: a.shift for a in res.roster.assignments}
    assert date(2026, 2, 1) not in on
    assert on[date(2026, 1, 31)] != "N"
    assert FAM.check(pb, res.roster) == []
    night = problem(wishes=[*wishes, wish("a", "2026-01-31", "must", shift="N")])
    assert run(night).status == Status.INFEASIBLE


# ---------------------------------------------------------------------------- property


@settings(max_examples=25, deadline=None)
@given(text=st.text(alphabet="....ELN", min_size=28, max_size=28))
def test_model_agrees_with_the_checker_on_pinned_rosters(text):
    fixed = [
        Fixed(staff="a", date=START + timedelta(days=k), shift=c if c != "." else "off")
        for k, c in enumerate(text)
    ]
    pb = problem(fixed=fixed, rules=rules(min_free_sundays_52w=26))  # 2 free Sundays
    ok = FAM.check(pb, Roster.of(pattern("a", text))) == []
    assert run(pb).status == (Status.OPTIMAL if ok else Status.INFEASIBLE)
