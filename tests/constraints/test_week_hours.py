"""Week hours (ATW 5:7, 5:8): weekly cap, 4- and 16-week averages, the 40-hour night average."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.base import Family
from roster_solver.constraints.free_sundays import FreeSundays
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.constraints.week_hours import WeekHours, blocks, known_work
from roster_solver.constraints.weekly_rest import WeeklyRest
from roster_solver.domain import Absence, Fixed, HistoryEntry, work_in_window
from roster_solver.engine.solve import solve
from roster_solver.roster import Roster, Status
from roster_solver.timeline import timeline
from tests.factories import (
    DEFAULT_SHIFTS,
    OCT,
    START,
    make_problem,
    pattern,
    person,
    rules,
    shift,
    wish,
)

FAM = WeekHours()
DAY12 = shift("D", "07:00", "19:00", brk=45)  # 675 minutes of work
SHIFTS = (*DEFAULT_SHIFTS, DAY12)  # E, L, N: 450 minutes of work each
ANCHOR = START - timedelta(weeks=12)  # 2025-10-13, a Monday


def problem(**kw):
    kw.setdefault("staff", (person("a"),))
    kw.setdefault("shifts", SHIFTS)
    return make_problem(**kw)


def pins(text: str, start: date = START) -> list[Fixed]:
    return [Fixed(staff="a", date=start + timedelta(days=k), shift=c) for k, c in enumerate(text) if c != "."]


def history(codes: str) -> list[HistoryEntry]:
    """One character per day, ending the day before START."""
    first = START - timedelta(days=len(codes))
    return [
        HistoryEntry(staff="a", date=first + timedelta(days=k), shift=c)
        for k, c in enumerate(codes)
        if c != "."
    ]


def twelve_weeks(nights: int) -> str:
    """12 weeks of Monday-to-Friday work: ``nights`` N shifts first, then D shifts (60 in all)."""
    codes = []
    worked = 0
    for k in range(84):
        if k % 7 < 5:
            codes.append("N" if worked < nights else "D")
            worked += 1
        else:
            codes.append(".")
    return "".join(codes)


def run(pb, families=None):
    fams = families or [OneShiftPerDay(), Availability(), FAM]
    return solve(pb, families=fams, time_limit=10, workers=2)


def messages(pb, roster):
    return [v.message for v in FAM.check(pb, roster)]


# ---------------------------------------------------------------------------- the split


def test_work_in_window_splits_a_sunday_night_at_monday_midnight():
    pb = problem()
    inst = pb.instance("N", 6)  # Sun 23:00 → Mon 07:00, 450 minutes of work
    week0 = work_in_window(inst, pb.week_start(0), pb.week_start(1))
    week1 = work_in_window(inst, pb.week_start(1), pb.week_start(2))
    assert (week0, week1) == (56, 394)  # 450 × 60 / 480 = 56.25, floored; the rest next week
    assert work_in_window(inst, 0, 10**6) == 450
    assert work_in_window(inst, pb.week_start(1), pb.week_start(1)) == 0


def test_work_in_window_pieces_always_add_up():
    pb = problem()
    inst = pb.instance("D", 3)
    cuts = [inst.start - 5, inst.start + 7, inst.start + 100, inst.start + 333, inst.end - 1, inst.end + 9]
    parts = [work_in_window(inst, a, b) for a, b in pairwise(cuts)]
    assert sum(parts) == 675


# ---------------------------------------------------------------------------- checker: one week


def test_week_cap():
    pb = problem()
    assert messages(pb, Roster.of(pattern("a", "DDDDD.."))) == []
    assert messages(pb, Roster.of(pattern("a", "DDDDDE."))) == [
        "week of 2026-01-05: 63.75 h of work, at most 60 h",
    ]
    out = FAM.check(pb, Roster.of(pattern("a", "DDDDDD." + "DDDDDD.")))
    assert [(v.staff, v.date) for v in out] == [("a", START), ("a", START + timedelta(days=7))]


def test_sunday_night_counts_in_both_weeks():
    pb = problem(rules=rules(max_week_hours=57.5))  # 3450 minutes
    # Week 0: 5 × 675 + 56 = 3431; week 1: 394 + 5 × 675 = 3769. Counting a shift in the week
    # it starts would give the opposite (3825 and 3375).
    out = FAM.check(pb, Roster.of(pattern("a", "DDDDD.N" + "DDDDD..")))
    assert [(v.date, v.message) for v in out] == [
        (START + timedelta(days=7), "week of 2026-01-12: 62.82 h of work, at most 57.5 h"),
    ]


def test_history_night_across_the_boundary_counts_in_week_zero():
    roster = Roster.of(pattern("a", "DDDDD.."))
    assert messages(problem(rules=rules(max_week_hours=57.5)), roster) == []
    pb = problem(rules=rules(max_week_hours=57.5), history=history("N"))
    assert messages(pb, roster) == ["week of 2026-01-05: 62.82 h of work, at most 57.5 h"]


def test_training_with_times_is_working_time():
    training = Absence(
        staff="a",
        start_date=START + timedelta(days=5),
        end_date=START + timedelta(days=5),
        start_minute=9 * 60,
        end_minute=17 * 60,
        type="training",
    )
    leave = Absence(
        staff="a",
        start_date=START + timedelta(days=5),
        end_date=START + timedelta(days=5),
        start_minute=9 * 60,
        end_minute=17 * 60,
        type="leave",
    )
    roster = Roster.of(pattern("a", "DDDDD.."))
    assert messages(problem(absences=[leave]), roster) == []
    assert messages(problem(absences=[training]), roster) == [
        "week of 2026-01-05: 64.25 h of work, at most 60 h",
    ]


def test_switched_off_under_profile_none():
    pb = problem(profile="none", weeks=4)
    assert FAM.check(pb, Roster.of(pattern("a", "DDDDDDD" * 4))) == []


# ---------------------------------------------------------------------------- checker: averages


def test_four_week_average():
    pb = problem(weeks=4)
    roster = Roster.of(pattern("a", "DDDDD.." * 4))  # 56.25 h a week
    out = FAM.check(pb, roster)
    assert [(v.date, v.message) for v in out] == [
        (START, "4 weeks from 2026-01-05: 225 h of work, at most 220 h (55 h a week on average)"),
    ]
    # Anchored two weeks later, each block holds two of these weeks: 112.5 h.
    shifted = problem(weeks=4, period_anchor=START + timedelta(days=14))
    assert [(b.first_day, b.weeks) for b in blocks(shifted, 4)] == [(-14, 4), (14, 4)]
    assert FAM.check(shifted, roster) == []


def test_sixteen_week_average_counts_history():
    hist = history(twelve_weeks(nights=0))  # 60 × 675 = 40500 minutes
    roster = Roster.of(pattern("a", "DDDDD.." + "DDDD..."))  # 6075 minutes
    assert FAM.check(problem(weeks=4, history=hist), roster) == []  # block starts at START
    pb = problem(weeks=4, history=hist, period_anchor=ANCHOR)
    out = FAM.check(pb, roster)
    assert [(v.date, v.message) for v in out] == [
        (ANCHOR, "16 weeks from 2025-10-13: 776.25 h of work, at most 768 h (48 h a week on average)"),
    ]


def test_forty_hour_average_with_sixteen_nights():
    roster = Roster.of(pattern("a", "DDD...."))  # 2025 minutes
    # 16 N + 44 D = 36900 minutes of History; with the horizon 38925 > 40 × 16 h = 38400.
    pb = problem(weeks=4, history=history(twelve_weeks(nights=16)), period_anchor=ANCHOR)
    assert messages(pb, roster) == [
        "16 weeks from 2025-10-13: 16 night shifts and 648.75 h of work, at most 640 h "
        "(40 h a week on average with 16 or more night shifts)",
    ]
    fifteen = problem(weeks=4, history=history(twelve_weeks(nights=15)), period_anchor=ANCHOR)
    # 15 N + 45 D + 3 D = 39150 minutes (652.5 h), but only 15 nights; one more night: 660 h.
    assert messages(fifteen, roster) == []
    assert messages(fifteen, Roster.of(pattern("a", "DDDN..."))) == [
        "16 weeks from 2025-10-13: 16 night shifts and 660 h of work, at most 640 h "
        "(40 h a week on average with 16 or more night shifts)",
    ]


def test_known_work_matches_the_timeline():
    pb = problem(rules=rules(max_week_hours=57.5), history=history("N"))
    worked = [w.inst for w in timeline(pb, Roster.of(pattern("a", "DDDDD.N"))).of("a")]
    assert known_work(pb, worked, "a", pb.week_start(0), pb.week_start(1)) == 394 + 3375 + 56


# ---------------------------------------------------------------------------- DST


def test_dst_night_is_an_hour_longer():
    pb = problem(start=OCT, rules=rules(max_week_hours=8))
    # Saturday 24 October 23:00 → Sunday 07:00 lasts 9 h: 8.5 h of work.
    assert messages(pb, Roster.of(pattern("a", ".....N.", start=OCT))) == [
        "week of 2026-10-19: 8.5 h of work, at most 8 h",
    ]
    assert messages(pb, Roster.of(pattern("a", "......." + ".....N.", start=OCT))) == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (".....N.", Status.INFEASIBLE),
        ("......." + ".....N.", Status.OPTIMAL),
    ],
)
def test_dst_model(text, status):
    pb = problem(start=OCT, rules=rules(max_week_hours=8), fixed=pins(text, OCT))
    assert run(pb).status == status


# ---------------------------------------------------------------------------- model


@pytest.mark.parametrize(
    ("text", "kw", "status"),
    [
        ("DDDDD..", {}, Status.OPTIMAL),
        ("DDDDDD.", {}, Status.INFEASIBLE),
        ("DDDDD.N" + "DDDDD..", {"rules": rules(max_week_hours=57.5)}, Status.INFEASIBLE),
        ("DDDDD.N" + "DDDD...", {"rules": rules(max_week_hours=57.5)}, Status.OPTIMAL),
        ("DDDDD..", {"rules": rules(max_week_hours=57.5), "history": history("N")}, Status.INFEASIBLE),
        ("DDDDD.." * 4, {"weeks": 4}, Status.INFEASIBLE),
        ("DDDDD.." * 4, {"weeks": 4, "period_anchor": START + timedelta(days=14)}, Status.OPTIMAL),
        (
            "DDDDD.." + "DDDD...",
            {"weeks": 4, "history": history(twelve_weeks(0)), "period_anchor": ANCHOR},
            Status.INFEASIBLE,
        ),
        (
            "DDDDD.." + "DDD....",
            {"weeks": 4, "history": history(twelve_weeks(0)), "period_anchor": ANCHOR},
            Status.OPTIMAL,
        ),
        (
            "DDD....",
            {"weeks": 4, "history": history(twelve_weeks(16)), "period_anchor": ANCHOR},
            Status.INFEASIBLE,
        ),
        (
            "DDDN...",
            {"weeks": 4, "history": history(twelve_weeks(15)), "period_anchor": ANCHOR},
            Status.INFEASIBLE,
        ),
        (
            "DDD....",
            {"weeks": 4, "history": history(twelve_weeks(15)), "period_anchor": ANCHOR},
            Status.OPTIMAL,
        ),
    ],
)
def test_fixed_pins(text, kw, status):
    pb = problem(fixed=pins(text), **kw)
    res = run(pb)
    assert res.status == status
    if status.has_roster:
        assert FAM.check(pb, res.roster) == []


def test_model_avoids_the_sixteenth_night():
    # One more shift must be worked on Thursday; a night there would make 16 nights and
    # 660 h, so the solver must pick another shift.
    pb = problem(
        weeks=4,
        history=history(twelve_weeks(15)),
        period_anchor=ANCHOR,
        fixed=pins("DDD"),
        wishes=[wish("a", "2026-01-08", "must")],
    )
    pb_d = problem(
        weeks=4,
        history=history(twelve_weeks(15)),
        period_anchor=ANCHOR,
        fixed=pins("DDD"),
        wishes=[wish("a", "2026-01-08", "must", shift="N")],
    )
    res = run(pb)
    assert res.status == Status.OPTIMAL
    assert [a.shift for a in res.roster.assignments if a.date == date(2026, 1, 8)] != ["N"]
    assert len(res.roster) == 4
    assert FAM.check(pb, res.roster) == []
    assert run(pb_d).status == Status.INFEASIBLE


# ---------------------------------------------------------------------------- all law families


class PushHours(Family):
    """Test-only: rewards every minute of work inside the horizon (cost = 10**6 − minutes)."""

    name = "push_hours"

    def add_to_model(self, ctx):
        end = ctx.problem.horizon_end
        terms = [
            work_in_window(inst, 0, end) * v
            for p in ctx.staff
            for d in range(ctx.problem.n_days)
            for inst, _, v in ctx.options(p.id, d)
        ]
        ctx.penalize(self.name, 10**6 - sum(terms), 1, "work", per_minute=True)


def test_solver_roster_with_pushed_hours_passes_the_checks():
    pb = problem(staff=(person("a"), person("b")), weeks=4)
    law = [WeeklyRest(), WeekHours(), FreeSundays()]
    res = run(pb, [OneShiftPerDay(), Availability(), *law, PushHours()])
    assert res.status == Status.OPTIMAL
    for fam in law:
        assert fam.check(pb, res.roster) == []
    tl = timeline(pb, res.roster)
    for p in ("a", "b"):
        worked = [w.inst for w in tl.of(p)]
        total = known_work(pb, worked, p, 0, pb.week_start(4))
        # The 4-week average binds (4 × 55 h = 13200 minutes). Whole shifts give 675a + 450b
        # = 75 (9a + 6b), a multiple of 225, so at most 13050; a last-day night adds its 56
        # minutes before the horizon ends: 13106.
        assert total == 13106


# ---------------------------------------------------------------------------- property


@settings(max_examples=25, deadline=None)
@given(text=st.text(alphabet="..DDEN", min_size=14, max_size=14), night_before=st.booleans())
def test_model_agrees_with_the_checker_on_pinned_rosters(text, night_before):
    # With every day pinned (worked or off) the model is feasible exactly when the checker
    # accepts the roster.
    fixed = [
        Fixed(staff="a", date=START + timedelta(days=k), shift=c if c != "." else "off")
        for k, c in enumerate(text)
    ]
    pb = problem(fixed=fixed, rules=rules(max_week_hours=50), history=history("N" if night_before else ""))
    ok = FAM.check(pb, Roster.of(pattern("a", text))) == []
    assert run(pb).status == (Status.OPTIMAL if ok else Status.INFEASIBLE)
