"""night_work: rest after a night series, series with a night, nights per 16 weeks, minimum age;
and a random-ish solved instance that passes the checker of every law-I family."""

from __future__ import annotations

import random
from datetime import date

import pytest

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.base import Family
from roster_solver.constraints.consecutive_days import ConsecutiveDays
from roster_solver.constraints.daily_rest import DailyRest
from roster_solver.constraints.night_work import NightWork, block_of, runs
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.constraints.shift_length import ShiftLength
from roster_solver.domain import Fixed, HistoryEntry
from roster_solver.engine.solve import solve
from roster_solver.roster import Roster, Status
from tests.factories import (
    DEFAULT_SHIFTS,
    MAR,
    OCT,
    START,
    day,
    make_problem,
    pattern,
    person,
    roster,
    rules,
    shift,
    wish,
)

FAM = NightWork()
MON_0430 = shift("M", "04:30", "12:30")
MON_0530 = shift("P", "05:30", "13:30")


def families(*extra: Family) -> list:
    return [OneShiftPerDay(), Availability(), FAM, *extra]


def run(pb, *extra: Family):
    return solve(pb, families=families(*extra), time_limit=10, workers=2)


def hist(staff: str, d: date, code: str = "N") -> HistoryEntry:
    return HistoryEntry(staff=staff, date=d, shift=code)


def pins(staff: str, text: str, start: date = START) -> list[Fixed]:
    return [Fixed(staff=a.staff, date=a.date, shift=a.shift) for a in pattern(staff, text, start)]


def test_runs() -> None:
    assert runs({-2, -1, 0, 3, 5, 6}) == [(-2, 0), (3, 3), (5, 6)]


# ---------------------------------------------------------------------------- (a) series rest


def test_rest_after_three_nights_is_reported() -> None:
    pb = make_problem(staff=[person(x) for x in "abcde"])
    r = Roster.of(
        pattern("a", "NNN.E")
        + pattern("b", "NN.E")
        + pattern("c", "NNNN..E")
        + pattern("d", "NNN..E")
        + pattern("e", "NNN.L")
    )
    got = FAM.check(pb, r)
    assert [(v.staff, v.date, v.message) for v in got] == [
        (
            "a",
            day(4),
            "rest after a series of 3 night shifts (last N on 2026-01-07) until E on "
            "2026-01-09 is 24 h, needs at least 46 h",
        ),
        (
            "e",
            day(4),
            "rest after a series of 3 night shifts (last N on 2026-01-07) until L on "
            "2026-01-09 is 32 h, needs at least 46 h",
        ),
    ]


def test_series_rest_counts_history_nights() -> None:
    h = [hist("a", date(2026, 1, 2)), hist("a", date(2026, 1, 3)), hist("a", date(2026, 1, 4))]
    pb = make_problem(staff=[person("a")], history=h)
    assert [v.message for v in FAM.check(pb, roster(("a", 1, "E")))] == [
        "rest after a series of 3 night shifts (last N on 2026-01-04) until E on 2026-01-06 is 24 h, "
        "needs at least 46 h"
    ]
    assert FAM.check(pb, roster(("a", 2, "E"))) == []
    two = make_problem(staff=[person("a")], history=h[1:])
    assert len(FAM.check(two, roster(("a", 0, "N"), ("a", 2, "L")))) == 1  # 2 in History + 1
    assert FAM.check(two, roster(("a", 1, "E"))) == []  # only 2 nights


def test_pins_after_a_night_series_are_infeasible() -> None:
    pb = make_problem(staff=[person("a")], fixed=pins("a", "NNN.E"))
    assert run(pb).status is Status.INFEASIBLE
    pb = make_problem(staff=[person("a")], fixed=pins("a", "NNN..E"))
    assert run(pb).status is Status.OPTIMAL
    h = [hist("a", date(2026, 1, 3)), hist("a", date(2026, 1, 4))]
    pb = make_problem(staff=[person("a")], history=h, fixed=pins("a", "N.L"))
    assert run(pb).status is Status.INFEASIBLE


def test_consecutive_nights_are_continued_not_cut_short() -> None:
    # Nights Mon–Wed pinned, work wanted Mon–Fri: Thu and Fri can only be nights (a series may go
    # on; any other shift comes less than 46 h after Thursday 07:00).
    pb = make_problem(
        staff=[person("a")], fixed=pins("a", "NNN"), wishes=[wish("a", "2026-01-05..2026-01-09", "must")]
    )
    res = run(pb, DailyRest())
    assert res.status is Status.OPTIMAL
    assert [a.shift for a in res.roster.assignments if a.staff == "a" and a.date <= day(4)] == ["N"] * 5
    assert FAM.check(pb, res.roster) == []


def test_series_rest_over_the_october_change() -> None:
    # Nights Wed–Fri end Sat 24 Oct 07:00 (summer time); M Mon 04:30 (winter time) is 45.5 h later
    # on the clock but 46.5 h in real time: allowed. The same a week earlier is not.
    shifts = (*DEFAULT_SHIFTS, MON_0430)
    pb = make_problem(staff=[person("a")], shifts=shifts, start=OCT)
    assert FAM.check(pb, roster(("a", 2, "N"), ("a", 3, "N"), ("a", 4, "N"), ("a", 7, "M"), start=OCT)) == []
    early = date(2026, 10, 12)
    pb = make_problem(staff=[person("a")], shifts=shifts, start=early)
    got = FAM.check(pb, roster(("a", 2, "N"), ("a", 3, "N"), ("a", 4, "N"), ("a", 7, "M"), start=early))
    assert [v.message for v in got] == [
        "rest after a series of 3 night shifts (last N on 2026-10-16) until M on 2026-10-19 is "
        "45 h 30 min, needs at least 46 h"
    ]
    pb = make_problem(staff=[person("a")], shifts=shifts, start=OCT, fixed=pins("a", "..NNN..M", OCT))
    assert run(pb).status is Status.OPTIMAL


def test_night_on_the_october_change_and_series_rest() -> None:
    # N 22:00–07:00 on Sat 24 Oct lasts 10 h; after Thu–Sat nights the rest runs from Sun 07:00.
    night = shift("N", "22:00", "07:00", brk=60)
    pb = make_problem(staff=[person("a")], shifts=(night, MON_0430), start=OCT)
    inst = pb.instance("N", 5)
    assert inst.end - inst.start == 600
    r = roster(("a", 3, "N"), ("a", 4, "N"), ("a", 5, "N"), ("a", 8, "M"), start=OCT)
    assert pb.instance("M", 8).start - inst.end == 45 * 60 + 30
    assert len(FAM.check(pb, r)) == 1


def test_series_rest_over_the_march_change() -> None:
    # Nights Wed–Fri end Sat 27 Mar 07:00 (winter time); P Mon 05:30 (summer time) is 46.5 h later
    # on the clock but only 45.5 h in real time.
    pb = make_problem(staff=[person("a")], shifts=(*DEFAULT_SHIFTS, MON_0530), start=MAR)
    got = FAM.check(pb, roster(("a", 2, "N"), ("a", 3, "N"), ("a", 4, "N"), ("a", 7, "P"), start=MAR))
    assert [v.message for v in got] == [
        "rest after a series of 3 night shifts (last N on 2027-03-26) until P on 2027-03-29 is "
        "45 h 30 min, needs at least 46 h"
    ]
    pb = make_problem(
        staff=[person("a")], shifts=(*DEFAULT_SHIFTS, MON_0530), start=MAR, fixed=pins("a", "..NNN..P", MAR)
    )
    assert run(pb).status is Status.INFEASIBLE


# ---------------------------------------------------------------------------- (b) series with a night


def test_series_with_a_night_is_at_most_seven() -> None:
    pb = make_problem(staff=[person(x) for x in "abc"])
    r = Roster.of(pattern("a", "EEEEEEEN") + pattern("b", "EEEEEEEE") + pattern("c", "NNNNNNN"))
    got = FAM.check(pb, r)
    assert [(v.staff, v.date, v.message) for v in got] == [
        (
            "a",
            day(7),
            "works 8 days in a row from 2026-01-05 including a night shift, more than "
            "max_consecutive_shifts_with_night 7",
        ),
    ]


def test_series_with_a_night_counts_history() -> None:
    h = [hist("a", date(2026, 1, k), "E") for k in (2, 3, 4)]
    pb = make_problem(staff=[person("a")], history=h)
    got = FAM.check(pb, Roster.of(pattern("a", "EEEEN")))
    assert [(v.date, v.message) for v in got] == [
        (
            day(4),
            "works 8 days in a row from 2026-01-02 including a night shift, more than "
            "max_consecutive_shifts_with_night 7",
        ),
    ]
    assert FAM.check(pb, Roster.of(pattern("a", "EEEN"))) == []


def test_series_with_a_night_in_the_model() -> None:
    pb = make_problem(staff=[person("a")], fixed=pins("a", "NEEEEEEE"))
    assert run(pb).status is Status.INFEASIBLE
    pb = make_problem(staff=[person("a")], fixed=pins("a", "NEEEEEE"))
    assert run(pb).status is Status.OPTIMAL
    pb = make_problem(staff=[person("a")], fixed=pins("a", "EEEEEEEE"))
    assert run(pb).status is Status.OPTIMAL
    h = [hist("a", date(2026, 1, 4))]
    pb = make_problem(staff=[person("a")], history=h, fixed=pins("a", "EEEEEEE"))
    assert run(pb).status is Status.INFEASIBLE


# ---------------------------------------------------------------------------- (c) nights per 16 weeks


ANCHOR = date(2025, 12, 29)  # the Monday a week before START


def test_nights_after_0200_per_block() -> None:
    h = [hist("a", date(2026, 1, 2)), hist("a", date(2026, 1, 3))]
    short = shift("S", "22:00", "02:00", brk=0)  # a night, but not ending after 02:00
    cap = rules(max_nights_after_0200_16w=3)
    pb = make_problem(
        staff=[person("a")], shifts=(*DEFAULT_SHIFTS, short), history=h, rules=cap, period_anchor=ANCHOR
    )
    assert (block_of(pb, -7), block_of(pb, -8), block_of(pb, 104), block_of(pb, 105)) == (0, -1, 0, 1)
    got = FAM.check(pb, Roster.of(pattern("a", "N..N..S.S")))
    assert [(v.date, v.message) for v in got] == [
        (
            day(3),
            "works 4 night shifts ending after 02:00 in the 16-week period from 2025-12-29, "
            "more than max_nights_after_0200_16w 3",
        ),
    ]
    # Anchored at start_date, the History nights belong to the previous block.
    pb = make_problem(staff=[person("a")], history=h, rules=cap)
    assert FAM.check(pb, Roster.of(pattern("a", "N..N..N"))) == []
    assert len(FAM.check(pb, Roster.of(pattern("a", "N..N..N..N")))) == 1


def test_nights_after_0200_cap_in_the_model() -> None:
    h = [hist("a", date(2026, 1, 2)), hist("a", date(2026, 1, 3))]
    cap = rules(max_nights_after_0200_16w=3)
    want = [wish("a", "2026-01-05", "must", shift="N"), wish("a", "2026-01-08", "must", shift="N")]
    pb = make_problem(staff=[person("a")], history=h, rules=cap, period_anchor=ANCHOR, wishes=want)
    assert run(pb).status is Status.INFEASIBLE
    pb = make_problem(staff=[person("a")], history=h, rules=cap, wishes=want)
    assert run(pb).status is Status.OPTIMAL


# ---------------------------------------------------------------------------- (d) age


def test_minimum_age_for_nights_is_rechecked() -> None:
    young = person("y", birth_date=date(2008, 1, 7))  # 18 on Wed 7 Jan 2026
    pb = make_problem(staff=[young])
    got = FAM.check(pb, roster(("y", 0, "N"), ("y", 1, "E"), ("y", 2, "N")))
    assert [(v.date, v.message) for v in got] == [
        (day(0), "works night shift N on 2026-01-05 while under 18 (min_age_nights)"),
    ]


# ---------------------------------------------------------------------------- all law-I families


class _Wants(Family):
    """Test-only: a random appetite for shifts, so the solver pushes against the hard rules."""

    name = "wants"

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def add_to_model(self, ctx) -> None:
        rnd = random.Random(self.seed)
        for p in ctx.staff:
            for d in range(ctx.problem.n_days):
                for _code, expr in sorted(ctx.instance_vars(p.id, d).items()):
                    ctx.penalize(self.name, 1 - expr, rnd.choice((0, 1, 2, 5)), "unworked wish")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_solved_random_instance_passes_every_law_checker(seed: int) -> None:
    rnd = random.Random(seed)
    staff = [
        person("a"),
        person("b", min_consecutive_days=2),
        person("c", min_consecutive_days_off=2, max_consecutive_days=4),
        person("d", birth_date=date(2008, 6, 1)),
        person("e", min_consecutive_days=3, min_consecutive_days_off=2),
    ]
    history = [
        HistoryEntry(staff=p.id, date=START.replace(day=k), shift=rnd.choice(["E", "L", "N", "N", "off"]))
        for p in staff
        for k in range(1, 5)
        if rnd.random() < 0.8
    ]
    shifts = (*DEFAULT_SHIFTS, shift("D", "09:00", "17:00"), shift("X", "19:00", "03:00"))
    pb = make_problem(staff=staff, shifts=shifts, history=history, rules=rules(max_nights_after_0200_16w=4))
    law = [ShiftLength(), DailyRest(), FAM, ConsecutiveDays()]
    # Without the law families the appetite breaks each of the rest and series rules.
    greedy = solve(pb, families=[OneShiftPerDay(), Availability(), _Wants(seed)], time_limit=4, workers=2)
    assert all(fam.check(pb, greedy.roster) for fam in law[1:])
    res = solve(pb, families=[OneShiftPerDay(), Availability(), *law, _Wants(seed)], time_limit=4, workers=2)
    assert res.status.has_roster
    assert len(res.roster) > 30
    for fam in law:
        assert fam.check(pb, res.roster) == [], fam.name


def _pinned_case(seed: int):
    """One person, a random History and a random fully pinned roster around a clock change or not."""
    rnd = random.Random(seed)
    start = rnd.choice([START, OCT, MAR])
    shifts = (*DEFAULT_SHIFTS, shift("D", "09:00", "17:00"), shift("X", "19:00", "03:00"), MON_0430)
    staff = [
        person(
            "a",
            min_consecutive_days=rnd.choice([None, 2, 3]),
            min_consecutive_days_off=rnd.choice([None, 2, 3]),
            max_consecutive_days=rnd.choice([None, 3, 5]),
        )
    ]
    codes = ["E", "L", "N", "N", "X", "off"]
    history = [
        HistoryEntry(staff="a", date=day(-k, start), shift=rnd.choice(codes))
        for k in range(1, 10)
        if rnd.random() < 0.6
    ]
    kw = dict(
        staff=staff,
        shifts=shifts,
        history=history,
        start=start,
        rules=rules(
            max_nights_after_0200_16w=rnd.choice([4, 6, 36]),
            max_consecutive_shifts_with_night=rnd.choice([3, 5, 7]),
        ),
    )
    if rnd.random() < 0.5:
        kw["period_anchor"] = day(-7 * rnd.randint(1, 4), start)
    density = rnd.random()
    text = "".join(rnd.choice("ELNDXM") if rnd.random() < density else "." for _ in range(14))
    everything = [
        Fixed(staff="a", date=day(k, start), shift="off" if c == "." else c) for k, c in enumerate(text)
    ]
    return make_problem(**kw), make_problem(**kw, fixed=everything), Roster.of(pattern("a", text, start))


@pytest.mark.parametrize("fam", [DailyRest(), FAM, ConsecutiveDays()], ids=lambda f: f.name)
def test_checker_and_model_agree_on_pinned_rosters(fam: Family) -> None:
    # A roster passes the checker exactly when the model accepts it pinned day by day.
    outcomes = []
    for seed in range(40):
        free, pinned, r = _pinned_case(seed)
        passes = fam.check(free, r) == []
        res = solve(pinned, families=[OneShiftPerDay(), Availability(), fam], time_limit=10, workers=1)
        assert res.status.has_roster == passes, (seed, fam.check(free, r))
        outcomes.append(passes)
    assert True in outcomes and False in outcomes
