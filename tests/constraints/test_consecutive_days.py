"""consecutive_days: maximum working days in a row; per-person minimum runs of work and rest."""

from __future__ import annotations

from roster_solver.constraints.availability import Availability
from roster_solver.constraints.consecutive_days import ConsecutiveDays, known_from
from roster_solver.constraints.one_shift_per_day import OneShiftPerDay
from roster_solver.domain import Fixed, HistoryEntry
from roster_solver.engine.solve import solve
from roster_solver.roster import Roster, Status
from tests.factories import day, make_problem, pattern, person, rules

FAM = ConsecutiveDays()


def families() -> list:
    return [OneShiftPerDay(), Availability(), FAM]


def run(pb):
    return solve(pb, families=families(), time_limit=10, workers=2)


def hist(staff: str, k: int, code: str = "E") -> HistoryEntry:
    """A History row ``k`` days before the horizon start (2026-01-05)."""
    return HistoryEntry(staff=staff, date=day(-k), shift=code)


def pins(staff: str, text: str) -> list[Fixed]:
    """``"EE.E"``: E pinned on days 0, 1, 3 and *off* pinned on day 2 (spaces leave a day free)."""
    return [
        Fixed(staff=staff, date=day(k), shift="off" if c == "." else c)
        for k, c in enumerate(text)
        if c != " "
    ]


def worked(res, staff: str) -> str:
    days = {a.date for a in res.roster.assignments if a.staff == staff}
    return "".join("x" if day(k) in days else "." for k in range(14))


# ---------------------------------------------------------------------------- max


def test_max_consecutive_days_and_staff_override() -> None:
    pb = make_problem(staff=[person("a"), person("b"), person("c", max_consecutive_days=3)])
    r = Roster.of(pattern("a", "EEEEEEE") + pattern("b", "EEEEEE.EEEEEE") + pattern("c", "LLLL"))
    got = FAM.check(pb, r)
    assert [(v.staff, v.date, v.message) for v in got] == [
        ("a", day(6), "works 7 days in a row from 2026-01-05, more than max_consecutive_days 6"),
        ("c", day(3), "works 4 days in a row from 2026-01-05, more than max_consecutive_days 3"),
    ]
    assert (
        FAM.check(
            make_problem(staff=[person("a")], rules=rules(max_consecutive_days=0)),
            Roster.of(pattern("a", "EEEEEEEEEEEEEE")),
        )
        == []
    )


def test_max_counts_history() -> None:
    pb = make_problem(staff=[person("a")], history=[hist("a", 2), hist("a", 1, "N")])
    got = FAM.check(pb, Roster.of(pattern("a", "EEEEE")))
    assert [(v.date, v.message) for v in got] == [
        (day(4), "works 7 days in a row from 2026-01-03, more than max_consecutive_days 6"),
    ]
    assert FAM.check(pb, Roster.of(pattern("a", "EEEE"))) == []


def test_max_in_the_model() -> None:
    assert run(make_problem(staff=[person("a")], fixed=pins("a", "EEEEEEE"))).status is Status.INFEASIBLE
    assert run(make_problem(staff=[person("a")], fixed=pins("a", "EEEEEE"))).status is Status.OPTIMAL
    six = [hist("a", k) for k in range(1, 7)]
    pb = make_problem(staff=[person("a")], history=six, fixed=pins("a", "E"))
    assert run(pb).status is Status.INFEASIBLE
    pb = make_problem(staff=[person("a")], history=six[:5], fixed=pins("a", "E"))
    assert run(pb).status is Status.OPTIMAL


# ---------------------------------------------------------------------------- min runs: checker


def test_min_consecutive_days() -> None:
    pb = make_problem(staff=[person("m", min_consecutive_days=3)])
    # day 0 touches the start (exempt), days 3–4 are too short, 7–9 fine, 13 touches the end.
    r = Roster.of(pattern("m", "E..EE..EEE...E"))
    assert [(v.date, v.message) for v in FAM.check(pb, r)] == [
        (
            day(3),
            "has a run of 2 working days from 2026-01-08 to 2026-01-09, fewer than min_consecutive_days 3",
        ),
    ]


def test_min_consecutive_days_off() -> None:
    pb = make_problem(staff=[person("o", min_consecutive_days_off=2)])
    r = Roster.of(pattern("o", "EE.EE..E.EEEE."))
    got = FAM.check(pb, r)
    assert [(v.date, v.message) for v in got] == [
        (
            day(2),
            "has a run of 1 days off from 2026-01-07 to 2026-01-07, fewer than min_consecutive_days_off 2",
        ),
        (
            day(8),
            "has a run of 1 days off from 2026-01-13 to 2026-01-13, fewer than min_consecutive_days_off 2",
        ),
    ]
    assert FAM.check(pb, Roster.of(pattern("o", ".EE..E"))) == []  # the first day-off run is exempt


def test_history_shows_the_true_length_of_a_run_at_the_start() -> None:
    m = person("m", min_consecutive_days=3)
    # Only History on day −1: the run −1..0 may have started earlier, so it stays exempt.
    pb = make_problem(staff=[m], history=[hist("m", 1)])
    assert known_from(pb, "m") == -1
    assert FAM.check(pb, Roster.of(pattern("m", "E"))) == []
    # An "off" row on day −2 shows the run's start: 2 days is too short.
    pb = make_problem(staff=[m], history=[hist("m", 2, "off"), hist("m", 1)])
    assert [v.message for v in FAM.check(pb, Roster.of(pattern("m", "E")))] == [
        "has a run of 2 working days from 2026-01-04 to 2026-01-05, fewer than min_consecutive_days 3"
    ]
    # Days off: worked on day −2, off on −1, working again on day 0.
    o = person("o", min_consecutive_days_off=2)
    pb = make_problem(staff=[o], history=[hist("o", 2)])
    assert [v.date for v in FAM.check(pb, Roster.of(pattern("o", "E")))] == [day(0)]
    assert FAM.check(pb, Roster.of(pattern("o", ".E"))) == []
    # A run wholly in History counts when the horizon's first day ends it (the roster chose that)...
    pb = make_problem(staff=[m], history=[hist("m", 3, "off"), hist("m", 2), hist("m", 1)])
    assert [v.date for v in FAM.check(pb, Roster.of(pattern("m", ".EEE")))] == [day(0)]
    # ...and is a fact, not this roster's doing, when History ends it.
    pb = make_problem(staff=[m], history=[hist("m", 3, "off"), hist("m", 2)])
    assert FAM.check(pb, Roster.of(pattern("m", ".EEE"))) == []


# ---------------------------------------------------------------------------- min runs: model


def test_min_days_extends_a_pinned_start() -> None:
    pb = make_problem(staff=[person("m", min_consecutive_days=3)], fixed=pins("m", "  .E  ."))
    res = run(pb)
    assert res.status is Status.OPTIMAL
    assert worked(res, "m")[2:7] == ".xxx."
    assert FAM.check(pb, res.roster) == []
    pb = make_problem(staff=[person("m", min_consecutive_days=3)], fixed=pins("m", "  .EE."))
    assert run(pb).status is Status.INFEASIBLE


def test_min_days_off_in_the_model() -> None:
    o = person("o", min_consecutive_days_off=2)
    assert run(make_problem(staff=[o], fixed=pins("o", " E.E"))).status is Status.INFEASIBLE
    assert run(make_problem(staff=[o], fixed=pins("o", ".E"))).status is Status.OPTIMAL  # touches day 0
    assert run(make_problem(staff=[o], fixed=pins("o", "            E."))).status is Status.OPTIMAL
    pb = make_problem(staff=[o], history=[hist("o", 2)], fixed=pins("o", "E"))
    assert run(pb).status is Status.INFEASIBLE
    m = person("m", min_consecutive_days=2)
    pb = make_problem(staff=[m], history=[hist("m", 2, "off"), hist("m", 1)], fixed=pins("m", "."))
    assert run(pb).status is Status.INFEASIBLE
    pb = make_problem(staff=[m], history=[hist("m", 2, "off"), hist("m", 1)])
    res = run(pb)
    assert (res.status, worked(res, "m")[0]) == (Status.OPTIMAL, "x")
