"""A finished roster as per-person timelines of dated shift instances (History included).

Plain Python shared by every family's ``check`` and ``penalty``: it only looks up times;
the rules themselves are re-derived by each family from those times.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .domain import Problem, ShiftInstance
from .roster import Assignment, Roster


@dataclass(frozen=True, slots=True)
class Worked:
    """One worked shift on a person's timeline: the instance, the area and where it came from."""

    inst: ShiftInstance
    area: str | None
    history: bool
    assignment: Assignment | None = None


class Timeline:
    """Per person: horizon assignments and History shifts, sorted by start time."""

    def __init__(self, problem: Problem, roster: Roster) -> None:
        self.problem = problem
        self.roster = roster
        self.unknown: list[Assignment] = []
        per: dict[str, list[Worked]] = defaultdict(list)
        for sid, insts in problem.history_instances.items():
            per[sid].extend(Worked(i, None, True) for i in insts)
        for a in roster.assignments:
            if a.shift not in problem.shift_by_code or a.staff not in problem.staff_by_id:
                self.unknown.append(a)
                continue
            inst = problem.instance(a.shift, problem.day_index(a.date))
            per[a.staff].append(Worked(inst, a.area, False, a))
        for lst in per.values():
            lst.sort(key=lambda w: (w.inst.start, w.inst.end))
        self._per = dict(per)

    def of(self, staff: str) -> list[Worked]:
        return self._per.get(staff, [])

    def horizon(self, staff: str) -> list[Worked]:
        return [w for w in self.of(staff) if not w.history]

    def by_day(self, staff: str) -> dict[int, list[Worked]]:
        out: dict[int, list[Worked]] = defaultdict(list)
        for w in self.of(staff):
            out[w.inst.day].append(w)
        return dict(out)

    def worked_days(self, staff: str) -> set[int]:
        return {w.inst.day for w in self.of(staff)}

    def night_days(self, staff: str) -> set[int]:
        return {w.inst.day for w in self.of(staff) if w.inst.night}


_CACHE: dict[tuple[int, int], Timeline] = {}


def timeline(problem: Problem, roster: Roster) -> Timeline:
    """The timeline of ``roster`` (memoised for the last few pairs; both are immutable)."""
    key = (id(problem), id(roster))
    tl = _CACHE.get(key)
    if tl is None or tl.problem is not problem or tl.roster is not roster:
        if len(_CACHE) > 8:
            _CACHE.clear()
        tl = Timeline(problem, roster)
        _CACHE[key] = tl
    return tl
