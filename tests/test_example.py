"""The bundled example: valid, deterministic, with the documented capacity and no trap for the law."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from roster_solver.coverage import shortfall_summary
from roster_solver.domain import Problem
from roster_solver.example import (
    Capacity,
    capacity_summary,
    example_problem,
    format_capacity,
)
from roster_solver.workbook.reader import read_workbook
from tests.factories import INPUT_FIELDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def problem() -> Problem:
    return example_problem()


def records(p: Problem) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in INPUT_FIELDS:
        value = getattr(p, name)
        out[name] = value.model_dump() if hasattr(value, "model_dump") else [r.model_dump() for r in value]
    return out


def test_validates_without_warnings(problem: Problem) -> None:
    assert [str(w) for w in problem.warnings] == []
    assert problem.start_date == date(2027, 2, 1) and problem.weeks == 4
    assert problem.date_of(5) == date(2027, 2, 6)  # Saturday 6 February is in the horizon
    assert [a.code for a in problem.areas] == ["CEN", "NRD", "OST", "ZUD", "WST"]
    assert len(problem.staff) == 50
    assert 20 <= len(problem.demand) <= 30
    assert problem.holidays_extra == ()
    assert not any(problem.is_holiday(d) for d in problem.days)


def test_is_deterministic(problem: Problem) -> None:
    assert records(example_problem()) == records(problem)


def test_team_composition(problem: Problem) -> None:
    staff = problem.staff
    assert sum("coordinator" in p.skills for p in staff) == 3
    assert sum("dog" in p.skills for p in staff) == 4
    assert sum("driver" in p.skills for p in staff) == 14
    assert sorted({p.hours_per_week for p in staff}) == [24, 28, 32, 36]
    assert sum(p.hours_per_week < 36 for p in staff) == 18
    assert sum(p.no_nights for p in staff) == 8
    assert sum(bool(p.areas) for p in staff) == 8
    assert sum(p.all_areas for p in staff) == 5
    assert all(p.all_areas for p in staff if "coordinator" in p.skills)


def test_shifts_and_carnival(problem: Problem) -> None:
    assert {s.code: (s.start, s.end_offset, s.break_minutes) for s in problem.shifts} == {
        "E": (420, 900, 30),
        "D": (540, 1050, 30),
        "L": (840, 1320, 30),
        "EV": (1020, 1500, 30),
        "N": (1320, 1800, 30),
    }
    ev, n = problem.instance("EV", 0), problem.instance("N", 0)
    assert (ev.night, ev.evening, n.night, n.ends_after_0200) == (False, True, True, True)
    carnival = [d for d in problem.demand if d.note.startswith("carnival")]
    assert len(carnival) == 3
    assert all(
        d.days.explicit_dates() == [date(2027, 2, 7), date(2027, 2, 8), date(2027, 2, 9)] for d in carnival
    )


def test_capacity_is_as_documented(problem: Problem) -> None:
    c = capacity_summary(problem)
    assert c == Capacity(
        people=50,
        nominal_hours=6624,
        credit_hours=342,
        available_hours=6290,
        min_person_hours=3404,
        target_person_hours=5607,
        min_shift_hours=4554,
        target_shift_hours=5770,
        uncoverable_person_hours=0,
        per_area={
            "CEN": (1171, 1656),
            "NRD": (720, 1168),
            "OST": (720, 1130),
            "ZUD": (720, 1224),
            "WST": (720, 1112),
        },
        per_skill={"coordinator": (160, 396), "dog": (60, 532), "driver": (210, 1914)},
        night_need_hours=502,
        night_capable_hours=5210,
    )
    assert round(c.min_ratio, 2) == 0.72
    assert round(c.target_ratio, 2) == 0.92
    doc = example_problem.__module__
    text = __import__(doc, fromlist=["_"]).__doc__ or ""
    for figure in (
        "6290 h",
        "3404 person-hours",
        "4554 h",
        "72 %",
        "5607 person-hours",
        "5770 h",
        "92 %",
        "502 h",
        "5210 h",
    ):
        assert figure in text
    assert "72% of available" in format_capacity(c)


def test_every_contract_band_is_reachable(problem: Problem) -> None:
    """Enough candidate days (at most five a week) for each person's lower hours band."""
    for p in problem.staff:
        lower, upper, _, _ = problem.hours_band(p)
        work_by_day: dict[int, int] = {}
        for inst, _area in problem.candidates[p.id]:
            work_by_day[inst.day] = min(work_by_day.get(inst.day, inst.work), inst.work)
        reachable = 0
        for week in range(problem.weeks):
            days = sorted(
                (work_by_day[d] for d in range(7 * week, 7 * week + 7) if d in work_by_day), reverse=True
            )
            reachable += sum(days[:5])
        assert reachable >= lower, p.id
        assert upper >= 450, p.id  # room for at least one shift


def test_pins_and_must_wishes_are_available(problem: Problem) -> None:
    for f in problem.fixed:
        if f.shift == "off":
            continue
        p = problem.staff_by_id[f.staff]
        inst = problem.instance(f.shift, problem.day_index(f.date))
        assert problem.unavailable_reason(p, inst, f.area or p.home_area) is None, f
    for w, day in problem.must_wishes():
        p = problem.staff_by_id[w.staff]
        inst = problem.instance(w.shift or "D", day)
        assert problem.unavailable_reason(p, inst, p.home_area) is None, (w, day)


def test_history_keeps_the_rest_rules_across_the_start(problem: Problem) -> None:
    """History plus Monday pins: 11 h rest, 14 h after a night, 46 h after three nights."""
    pins = {
        f.staff: [problem.instance(f.shift, problem.day_index(f.date))]
        for f in problem.fixed
        if f.shift != "off" and f.date == problem.start_date
    }
    for staff, shifts in problem.history_instances.items():
        seq = shifts + pins.get(staff, [])
        assert len({i.day for i in seq}) == len(seq)
        run = 0
        for a, b in itertools.pairwise(seq):
            run = run + 1 if a.night else 0
            need = 11 * 60
            if a.ends_after_0200:
                need = 14 * 60
            if a.night and run >= 3 and not b.night:
                need = 46 * 60
            assert b.start - a.end >= need, (staff, a, b)
        # Nobody arrives at the horizon from a night: the first day is open to every shift.
        assert not shifts[-1].night or shifts[-1].day < -2, staff
    assert len(problem.history_instances) == 49  # everyone but the new colleague


def test_committed_workbook_is_the_example() -> None:
    """examples/example.xlsx is regenerated whenever example.py changes."""
    assert records(read_workbook(ROOT / "examples" / "example.xlsx")) == records(example_problem())


def test_make_example_writes_and_prints(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_example", ROOT / "examples" / "make_example.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    target = tmp_path / "example.xlsx"
    assert module.main([str(target)]) == 0
    out = capsys.readouterr().out
    assert "available (contract targets) 6290 h" in out
    assert records(read_workbook(target)) == records(example_problem())


@pytest.mark.slow
def test_example_solves_without_shortage(problem: Problem) -> None:
    """Every registered family: no hard rule broken and the minimum met everywhere."""
    from roster_solver.check import check_roster
    from roster_solver.engine.solve import solve

    result = solve(problem, time_limit=120, workers=8)
    assert result.roster is not None, result.status
    assert check_roster(problem, result.roster).violations == []
    assert set(shortfall_summary(problem, result.roster).values()) == {0}


def test_example_workbook_solves_and_passes_the_checker() -> None:
    """The bundled workbook, every registered family, a short budget: a roster that breaks no
    hard rule and whose recomputed penalties equal the solver objective."""
    from roster_solver.check import check_roster
    from roster_solver.engine.solve import solve

    workbook = read_workbook(ROOT / "examples" / "example.xlsx")
    result = solve(workbook, time_limit=12, workers=4)
    assert result.status.has_roster, result.status
    report = check_roster(workbook, result.roster)
    assert report.violations == []
    assert report.total_cost == result.objective
