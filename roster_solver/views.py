"""Who is on duty where and when: the day-and-area view of a roster.

A coordinator asks "who is in CEN on Saturday night?" and "who coordinates today?". This module
answers from the roster alone (plain Python, no solver), for the ``Areas by day`` sheet of the
output workbook, the report's section of the same name and ``roster briefing``:

- per work area and date, the shifts that start there that day with their times and the staff
  ids on them; people count where they WORK that day (``Assignment.area``), not where they live;
- per date the coordinators on duty city-wide: people with the coordinator skill
  (:data:`COORDINATOR_SKILLS`) and their shift and area;
- per area (``*`` for city-wide rows) and date, the stretches where staffing is below the
  minimum or the target, merged over consecutive coverage rows, with how many are missing.

A shift belongs to the day on which it starts (docs/rules.md#precise-definitions), so a night
shift is listed on its first day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from .coverage import coverage_table
from .domain import Problem
from .roster import Roster

COORDINATOR_SKILLS = frozenset({"coordinator", "coördinator", "coordinatie", "coördinatie"})


@dataclass(frozen=True)
class OnDuty:
    """One shift that starts in an area on a date, and who works it there."""

    shift: str
    start: datetime  # local, aware
    end: datetime
    staff: tuple[str, ...]

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}\u2013{self.end:%H:%M}"


@dataclass(frozen=True)
class Gap:
    """A stretch below the minimum (``kind = "min"``) or the target (``"target"``)."""

    kind: str
    area: str
    skill: str | None
    start: datetime
    end: datetime
    missing: int  # the most people missing in any part of the stretch

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}\u2013{self.end:%H:%M}"


@dataclass
class DayView:
    areas: list[str]  # work areas in the Areas sheet's order, then any other used
    on_duty: dict[tuple[str, date], list[OnDuty]] = field(default_factory=dict)
    coordinators: dict[date, list[tuple[OnDuty, str]]] = field(default_factory=dict)  # (shift, area)
    gaps: dict[tuple[str, date], list[Gap]] = field(default_factory=dict)


def is_coordinator(skills: frozenset[str]) -> bool:
    return any(s.strip().lower() in COORDINATOR_SKILLS for s in skills)


def day_view(problem: Problem, roster: Roster) -> DayView:
    areas = [a.code for a in problem.areas]
    areas += sorted({a.area for a in roster.assignments} - set(areas))
    view = DayView(areas=areas)
    groups: dict[tuple[str, date, str], list[str]] = defaultdict(list)
    for a in roster.assignments:
        groups[(a.area, a.date, a.shift)].append(a.staff)
    coordinators: dict[date, list[tuple[OnDuty, str]]] = defaultdict(list)
    per_area: dict[tuple[str, date], list[OnDuty]] = defaultdict(list)
    for (area, d, code), ids in groups.items():
        k = problem.day_index(d)
        if code not in problem.shift_by_code or not 0 <= k < problem.n_days:
            continue
        inst = problem.instance(code, k)
        duty = OnDuty(
            code, problem.clock.local(inst.start), problem.clock.local(inst.end), tuple(sorted(ids))
        )
        per_area[(area, d)].append(duty)
        coord = tuple(
            s
            for s in duty.staff
            if s in problem.staff_by_id and is_coordinator(problem.staff_by_id[s].skills)
        )
        if coord:
            coordinators[d].append((OnDuty(code, duty.start, duty.end, coord), area))
    view.on_duty = {key: sorted(v, key=lambda x: (x.start, x.shift)) for key, v in per_area.items()}
    view.coordinators = {d: sorted(v, key=lambda x: (x[0].start, x[1])) for d, v in coordinators.items()}
    view.gaps = gaps(problem, roster)
    return view


def gaps(problem: Problem, roster: Roster) -> dict[tuple[str, date], list[Gap]]:
    """Per (area, date) the stretches below minimum and below target (min first, by time)."""
    out: dict[tuple[str, date], list[Gap]] = defaultdict(list)
    open_: dict[tuple[str, str | None, date, str], Gap] = {}
    for row in coverage_table(problem, roster):  # sorted by area, skill, start
        for kind, missing in (("min", row.short_of_min), ("target", row.short_of_target)):
            key = (row.area, row.skill, row.date, kind)
            if kind == "target" and row.short_of_min:
                missing = 0  # below minimum already says it; target gaps are the milder ones
            prev = open_.get(key)
            if missing <= 0:
                continue
            if prev is not None and prev.end == row.slot_start:
                open_[key] = Gap(
                    kind, row.area, row.skill, prev.start, row.slot_end, max(prev.missing, missing)
                )
                continue
            if prev is not None:
                out[(prev.area, row.date)].append(prev)
            open_[key] = Gap(kind, row.area, row.skill, row.slot_start, row.slot_end, missing)
    for (area, _, d, _), g in open_.items():
        out[(area, d)].append(g)
    return {k: sorted(v, key=lambda g: (g.kind != "min", g.start, g.skill or "")) for k, v in out.items()}


__all__ = ["COORDINATOR_SKILLS", "DayView", "Gap", "OnDuty", "day_view", "gaps", "is_coordinator"]
