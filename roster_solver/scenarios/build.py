"""A scenario applied to the input: a new, validated Problem built through the domain's constructors.

Every record is made again from its fields (``Problem(**values)``, ``DemandRow(**fields)``),
never by ``model_copy(update=…)``, so every single-record and cross-record check runs again on
the alternative. A problem that the domain finds is reported at the scenario's row, with the
domain's own message. Never imports the solver.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..calendar import ALL_DAYS, DaySelector, overlap
from ..capacity import full_time_hours
from ..domain import ANY_AREA, DemandRow, Problem, RuleOverride, Settings, Shift, StaffMember
from ..errors import InputError, Issue
from .sheet import DemandChange, Scenario

NEW_PREFIX = "NEW"


def _fields(record: Any, **changes: Any) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in type(record).model_fields}
    values.update(changes)
    return values


def build_problem(base: Problem, s: Scenario) -> Problem:
    """``base`` changed as scenario ``s`` says; raises InputError located at the scenario's rows."""
    issues: list[Issue] = []
    values = {name: getattr(base, name) for name in Problem.model_fields if name != "preliminary_issues"}

    # horizon
    settings = base.settings
    if s.start_date is not None or s.weeks is not None:
        settings = Settings(
            **_fields(
                settings, start_date=s.start_date or settings.start_date, weeks=s.weeks or settings.weeks
            )
        )

    # shifts: removed codes disappear from every row that names them
    removed = {c.code for c in s.shifts if c.action == "remove"}
    known = {sh.code for sh in base.shifts}
    for c in s.shifts:
        if c.action == "remove" and c.code not in known:
            issues.append(Issue(c.where, "is not a shift of the input workbook", c.code))
        if c.action == "add" and c.code in known:
            issues.append(Issue(c.where, "is already a shift of the input workbook", c.code))
    shifts = [sh for sh in base.shifts if sh.code not in removed]
    shifts += [
        Shift(
            code=c.code,
            name=c.name,
            start=c.start,
            end=c.end,
            break_minutes=c.break_minutes,
            days=c.days or ALL_DAYS,
        )
        for c in s.shifts
        if c.action == "add"
    ]
    if removed:
        shifts = [
            Shift(**_fields(sh, not_followed_by=tuple(x for x in sh.not_followed_by if x not in removed)))
            for sh in shifts
        ]

    # staff
    ids = {p.id for p in base.staff}
    for sid in s.remove_staff:
        if sid not in ids:
            issues.append(Issue(s.where, "is not a staff id of the input workbook (remove_staff)", sid))
    staff = [p for p in base.staff if p.id not in set(s.remove_staff)]
    if removed:
        staff = [
            StaffMember(**_fields(p, shifts=tuple(x for x in p.shifts if x not in removed)))
            if p.shifts is not None and set(p.shifts) & removed
            else p
            for p in staff
        ]
    hours = s.add_hours if s.add_hours is not None else full_time_hours(base)
    prefix = NEW_PREFIX
    while any(pid.startswith(f"{prefix}-") for pid in ids):
        prefix += "X"
    for k in range(1, s.add_people + 1):
        staff.append(
            StaffMember(
                id=f"{prefix}-{k}",
                name=f"new {k}",
                home_area=s.add_home_area or "",
                hours_per_week=hours,
                skills=frozenset(s.add_skills),
            )
        )
    kept = {p.id for p in staff}

    # demand
    demand = [d for d in base.demand if d.shift not in removed]
    for change in s.demand:
        demand = _apply_demand(base, demand, change, issues)

    # rules and weights: an override replaces the input's row for the same rule
    overrides = {r.rule: r for r in base.rules}
    for name, value, _ in s.rules:
        overrides[name] = RuleOverride(rule=name, value=value)
    for name, value, _ in s.weights:
        rule = name if name.startswith("weight.") else f"weight.{name}"
        overrides[rule] = RuleOverride(rule=rule, value=value)

    if issues:
        raise InputError(issues)
    values.update(
        settings=settings,
        shifts=tuple(shifts),
        staff=tuple(staff),
        demand=tuple(demand),
        rules=tuple(overrides.values()),
        limits=tuple(r for r in base.limits if r.staff in kept and r.shift not in removed),
        absences=tuple(r for r in base.absences if r.staff in kept),
        wishes=tuple(r for r in base.wishes if r.staff in kept and r.shift not in removed),
        fixed=tuple(r for r in base.fixed if r.staff in kept and r.shift not in removed),
        history=tuple(r for r in base.history if r.staff in kept and r.shift not in removed),
    )
    try:
        return Problem(**values)
    except InputError as exc:
        # The domain names the base workbook's cell; the scenario's row is where to fix it.
        raise InputError(
            [Issue(s.where, f"this scenario makes the input invalid: {i}") for i in exc.errors]
        ) from None
    except ValueError as exc:  # pydantic's own field checks
        raise InputError(Issue(s.where, f"this scenario makes the input invalid: {exc}")) from None


def _touches(problem: Problem, d: DemandRow, c: DemandChange) -> bool:
    """Whether Demand row ``d`` lies in the change's area, skill, days and time window."""
    if c.area not in (None, d.area):
        return False
    if c.skill is not None and d.skill != c.skill:
        return False
    if c.days is not None and not _days_meet(problem, d.days, c.days):
        return False
    if c.start is not None and c.end is not None:
        lo, hi = _window(d, problem)
        if lo is None or hi is None:
            return True  # a shift requirement or all-day row: it spans the window
        a, b = c.start, c.end if c.end > c.start else c.end + 1440
        return any(overlap(lo + k, hi + k, a, b) > 0 for k in (-1440, 0, 1440))
    return True


def _window(d: DemandRow, problem: Problem) -> tuple[int | None, int | None]:
    if d.start is None or d.end is None:
        if d.shift is not None:
            sh = problem.shift_by_code.get(d.shift)
            if sh is not None:
                return sh.start, sh.end if sh.end > sh.start else sh.end + 1440
        return None, None
    return d.start, d.end if d.end > d.start else d.end + 1440


def _days_meet(problem: Problem, a: DaySelector, b: DaySelector) -> bool:
    """Whether two day selectors select a common date of the horizon."""
    holidays = problem.holidays
    return any(a.matches(day, holidays) and b.matches(day, holidays) for day in problem.days)


def _scaled(n: int, factor: float) -> int:
    return max(0, math.floor(n * factor + 0.5))


def _apply_demand(
    problem: Problem, demand: Sequence[DemandRow], c: DemandChange, issues: list[Issue]
) -> list[DemandRow]:
    if c.area not in (None, ANY_AREA) and c.area not in problem.area_by_code:
        issues.append(Issue(c.where, "is not an area code of the input workbook", c.area))
        return list(demand)
    if c.action == "scale":
        out, hits = [], 0
        for d in demand:
            if _touches(problem, d, c):
                hits += 1
                lo = _scaled(d.min, c.factor or 0.0)
                target = None if d.target is None else max(lo, _scaled(d.target, c.factor or 0.0))
                cap = None if d.max is None else max(d.max, target if target is not None else lo)
                d = DemandRow(**_fields(d, min=lo, target=target, max=cap))
            out.append(d)
        if not hits:
            issues.append(Issue(c.where, "scale matches no Demand row of the input workbook"))
        return out
    row = DemandRow(
        area=c.area or ANY_AREA,
        days=c.days or ALL_DAYS,
        start=c.start,
        end=c.end,
        skill=c.skill,
        min=c.min or 0,
        target=c.target if c.target is not None else c.min,
        replace=c.action == "replace",
        note=f"scenario: {c.action}",
    )
    return [*demand, row]
