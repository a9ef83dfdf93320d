"""Factories for small test problems: build variants by passing arguments, never by mutating.

``make_problem()`` gives a one-area, three-shift, two-week problem starting Monday 2026-01-05
(no DST change, no public holiday except none inside the horizon) with the ``atw`` profile.
``OCT`` and ``MAR`` start horizons around the clock changes instead (``make_problem(start=OCT)``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from roster_solver.calendar import ALL_DAYS, parse_days
from roster_solver.domain import (
    Absence,
    Area,
    DemandRow,
    Fixed,
    HistoryEntry,
    Limit,
    Problem,
    RuleOverride,
    Settings,
    Shift,
    StaffMember,
    Wish,
)
from roster_solver.example import hm, make_wish
from roster_solver.roster import Assignment, Roster

START = date(2026, 1, 5)  # a Monday

# Horizons around the clock changes in Europe/Amsterdam, each starting on a Monday; SAT and SUN
# are the day indexes of the weekend of the change.
OCT = date(2026, 10, 19)  # the clocks go back in the night Sat 24 → Sun 25 October (25 hours)
MAR = date(2027, 3, 22)  # the clocks go forward in the night Sat 27 → Sun 28 March (23 hours)
SAT, SUN = 5, 6


def shift(code: str, start: str, end: str, brk: int = 30, days: str = "all", **kw: Any) -> Shift:
    return Shift(
        code=code,
        name=code,
        start=hm(start),
        end=hm(end),
        break_minutes=brk,
        days=parse_days(days) if days != "all" else ALL_DAYS,
        **kw,
    )


EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00")
NIGHT = shift("N", "23:00", "07:00")
DEFAULT_SHIFTS = (EARLY, LATE, NIGHT)


def person(pid: str, area: str = "CEN", hours: float = 36, **kw: Any) -> StaffMember:
    return StaffMember(id=pid, name=f"Person {pid}", home_area=area, hours_per_week=hours, **kw)


def demand(
    area: str = "CEN",
    days: str = "all",
    start: str | None = "08:00",
    end: str | None = "12:00",
    min: int = 1,
    **kw: Any,
) -> DemandRow:
    return DemandRow(
        area=area,
        days=parse_days(days),
        start=hm(start) if start else None,
        end=hm(end) if end else None,
        min=min,
        **kw,
    )


wish = make_wish  # a Wishes row, as the example writes its own

# The input record fields of a Problem, in the workbook's sheet order.
INPUT_FIELDS = (
    "settings",
    "areas",
    "shifts",
    "staff",
    "limits",
    "demand",
    "absences",
    "wishes",
    "fixed",
    "history",
    "rules",
    "holidays_extra",
)


def rules(**values: Any) -> tuple[RuleOverride, ...]:
    """``rules(max_consecutive_days=5)`` → Rules-sheet overrides."""
    return tuple(RuleOverride(rule=k.replace("__", "."), value=v) for k, v in values.items())


def make_problem(
    *,
    staff: tuple[StaffMember, ...] | list[StaffMember] = (),
    shifts: tuple[Shift, ...] | list[Shift] = DEFAULT_SHIFTS,
    areas: tuple[str, ...] = ("CEN",),
    weeks: int = 2,
    start: date = START,
    demand: tuple[DemandRow, ...] | list[DemandRow] = (),
    absences: tuple[Absence, ...] | list[Absence] = (),
    wishes: tuple[Wish, ...] | list[Wish] = (),
    fixed: tuple[Fixed, ...] | list[Fixed] = (),
    history: tuple[HistoryEntry, ...] | list[HistoryEntry] = (),
    limits: tuple[Limit, ...] | list[Limit] = (),
    rules: tuple[RuleOverride, ...] | list[RuleOverride] = (),
    profile: str = "atw",
    shortage: str = "report",
    timezone: str = "Europe/Amsterdam",
    **settings: Any,
) -> Problem:
    return Problem(
        settings=Settings(
            start_date=start,
            weeks=weeks,
            rule_profile=profile,
            shortage=shortage,
            timezone=timezone,
            **settings,
        ),
        areas=tuple(Area(code=a, name=a) for a in areas),
        shifts=tuple(shifts),
        staff=tuple(staff),
        demand=tuple(demand),
        absences=tuple(absences),
        wishes=tuple(wishes),
        fixed=tuple(fixed),
        history=tuple(history),
        limits=tuple(limits),
        rules=tuple(rules),
    )


def day(k: int, start: date = START) -> date:
    return start + timedelta(days=k)


def roster(*items: tuple[str, int, str] | tuple[str, int, str, str], start: date = START) -> Roster:
    """``roster(("a", 0, "E"), ("a", 1, "L", "NRD"))`` → Roster (area defaults to CEN)."""
    out = []
    for it in items:
        area = it[3] if len(it) == 4 else "CEN"  # type: ignore[misc]
        out.append(Assignment(it[0], day(it[1], start), it[2], area))
    return Roster.of(out)


def pattern(staff: str, text: str, start: date = START, area: str = "CEN") -> list[Assignment]:
    """``pattern("a", "EEL.NN..")``: one character per day, ``.`` off, else the shift code."""
    return [Assignment(staff, day(k, start), c, area) for k, c in enumerate(text) if c not in ". -"]


def objective_range(problem: Problem, ros: Roster, families: list) -> tuple[int, int]:
    """(min, max) of the model's objective with every assignment variable fixed to ``ros``.

    Equal values mean the families' auxiliary variables are exact (not only bounded), so the
    objective share equals the recomputed penalty on every solution, not only the optimum.
    """
    from ortools.sat.python import cp_model

    from roster_solver.engine.solve import build_model

    ctx = build_model(problem, families)
    chosen = {(a.staff, problem.day_index(a.date), a.shift, a.area) for a in ros.assignments}
    assert chosen <= set(ctx.x), "the roster uses assignments the model does not allow"
    for key, var in ctx.x.items():
        ctx.model.add(var == int(key in chosen))
    out = []
    for sense in (ctx.model.minimize, ctx.model.maximize):
        sense(ctx.objective_expr())
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 2
        solver.parameters.max_time_in_seconds = 10
        assert solver.solve(ctx.model) == cp_model.OPTIMAL
        out.append(round(solver.objective_value))
    return out[0], out[1]
