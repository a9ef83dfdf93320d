"""A greedy start: a quick roster that fills the minimum (then the target) staffing day by day,
repaired with the independent checker until no hard rule is broken. It is given to CP-SAT as a
solution hint, so the solver starts from a sensible roster instead of from nothing.

Plain Python. Local checks while building keep the roster close to legal (contract band, rest,
night series, consecutive days, weekly hours and rest, free Sundays, Limits, max weekends); the
checker then finds anything they missed and the offending assignments are dropped.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..constraints.base import Family
from ..coverage import covering_instances, qualifies, segments, shift_requirements
from ..domain import OFF, Problem, ShiftInstance, StaffMember
from ..roster import Assignment, Roster

W_MIN = 100  # per minute of unmet minimum covered
W_TARGET = 1  # per minute of unmet target covered


@dataclass
class _Person:
    p: StaffMember
    hi: int  # upper band (minutes)
    target: int
    worked: int = 0
    insts: list[ShiftInstance] = field(default_factory=list)  # history + assigned, by start
    days: set[int] = field(default_factory=set)
    week_minutes: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    week_days: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    shift_count: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    weekends: set[int] = field(default_factory=set)
    sundays_worked: set[int] = field(default_factory=set)


def greedy_roster(
    problem: Problem,
    families: Sequence[Family] | None = None,
    *,
    time_budget: float = 10.0,
) -> Roster:
    started = time.monotonic()
    r = problem.ruleset
    rest = r.minutes("min_daily_rest_hours")
    rest_night = r.minutes("min_rest_after_night_hours")
    rest_series = r.minutes("min_rest_after_night_series_hours")
    max_nights = int(r.get("max_consecutive_nights", 0) or 0)
    max_week = r.minutes("max_week_hours")
    n_sundays = problem.weeks
    free_sundays = int(int(r.get("min_free_sundays_52w", 0) or 0) * problem.weeks / 52)
    limits = {(lim.staff, lim.shift): lim.max for lim in problem.limits if lim.max is not None}

    people: dict[str, _Person] = {}
    for p in problem.staff:
        _, hi, _, _ = problem.hours_band(p)
        st = _Person(p, hi, problem.target_minutes(p))
        for inst in problem.history_instances.get(p.id, []):
            st.insts.append(inst)
            st.days.add(inst.day)
        people[p.id] = st

    segs = segments(problem)
    reqs = shift_requirements(problem)
    need_min = [s.min for s in segs]
    need_target = [s.target for s in segs]
    req_min = [q.min for q in reqs]
    req_target = [q.target for q in reqs]
    segs_of: dict[tuple[str, int], list[int]] = defaultdict(list)
    for k, keys in enumerate(covering_instances(problem)):
        for key in keys:
            segs_of[key].append(k)
    reqs_of: dict[tuple[str, int], list[int]] = defaultdict(list)
    for k, q in enumerate(reqs):
        reqs_of[(q.shift, q.day)].append(k)

    by_day: dict[int, list[tuple[str, ShiftInstance, str]]] = defaultdict(list)
    for pid, cands in problem.candidates.items():
        for inst, area in cands:
            by_day[inst.day].append((pid, inst, area))

    chosen: list[Assignment] = []
    pinned: set[tuple[str, int]] = set()

    def assign(pid: str, inst: ShiftInstance, area: str) -> None:
        st = people[pid]
        st.insts.append(inst)
        st.insts.sort(key=lambda i: i.start)
        st.days.add(inst.day)
        st.worked += inst.work
        week = inst.day // 7
        st.week_minutes[week] += inst.work
        st.week_days[week] += 1
        st.shift_count[inst.shift] += 1
        if problem.date_of(inst.day).weekday() >= 5:
            st.weekends.add(week)
        for w in _sundays_touched(problem, inst):
            st.sundays_worked.add(w)
        for k in segs_of[(inst.shift, inst.day)]:
            if qualifies(st.p, area, segs[k].area, segs[k].skill):
                need_min[k] -= 1
                need_target[k] -= 1
        for k in reqs_of[(inst.shift, inst.day)]:
            if qualifies(st.p, area, reqs[k].area, reqs[k].skill):
                req_min[k] -= 1
                req_target[k] -= 1
        chosen.append(Assignment(pid, inst.date, inst.shift, area))

    # Pins and must-work wishes first.
    for f in problem.fixed:
        if f.shift == OFF:
            continue
        day = problem.day_index(f.date)
        area = f.area or problem.staff_by_id[f.staff].home_area
        if (f.staff, day) not in pinned:
            assign(f.staff, problem.instance(f.shift, day), area)
            pinned.add((f.staff, day))
    for w, day in problem.must_wishes():
        if (w.staff, day) in pinned:
            continue
        opts = [(inst, area) for pid, inst, area in by_day[day]
                if pid == w.staff and (w.shift in (None, OFF) or inst.shift == w.shift)]
        if opts:
            inst, area = opts[0]
            assign(w.staff, inst, area)
            pinned.add((w.staff, day))

    def allowed(st: _Person, inst: ShiftInstance) -> bool:
        day = inst.day
        if day in st.days or st.worked + inst.work > st.hi:
            return False
        week = day // 7
        if max_week and st.week_minutes[week] + inst.work > max_week:
            return False
        if st.week_days[week] >= 5:
            return False
        if (st.p.id, inst.shift) in limits and st.shift_count[inst.shift] >= limits[(st.p.id, inst.shift)]:
            return False
        if (st.p.max_weekends is not None and problem.date_of(day).weekday() >= 5
                and week not in st.weekends and len(st.weekends) >= st.p.max_weekends):
            return False
        max_run = problem.max_consecutive_days_for(st.p)
        if max_run:
            run = 0
            while day - run - 1 in st.days:
                run += 1
            if run >= max_run:
                return False
        prev = next((i for i in reversed(st.insts) if i.start < inst.start), None)
        if prev is not None:
            need = rest_night if prev.night and prev.ends_after_0200 else rest
            series = 0
            while any(i.day == prev.day - series and i.night for i in st.insts):
                series += 1
            if prev.night and series >= 3 and not (inst.night and prev.day == day - 1):
                need = max(need, rest_series)
            if inst.start - prev.end < need:
                return False
            if prev.day == day - 1:
                blocked = problem.shift_by_code[prev.shift].not_followed_by
                if inst.shift in blocked:
                    return False
            if inst.night and prev.night and prev.day == day - 1 and max_nights and series >= max_nights:
                return False
        nxt = next((i for i in st.insts if i.start > inst.start), None)
        if nxt is not None:
            need = rest_night if inst.night and inst.ends_after_0200 else rest
            if nxt.start - inst.end < need:
                return False
            if nxt.day == day + 1 and nxt.shift in problem.shift_by_code[inst.shift].not_followed_by:
                return False
        for w in _sundays_touched(problem, inst):
            if w in st.sundays_worked:
                continue
            remaining_after = n_sundays - 1 - w
            free_so_far = (w + 1) - len({s for s in st.sundays_worked if s <= w}) - 1
            if free_so_far + remaining_after < free_sundays:
                return False
        return True

    for day in range(problem.n_days):
        if time.monotonic() - started > time_budget:
            break
        # Per candidate, the requirements it would count toward (fixed for the day).
        day_cands = []
        for pid, inst, area in by_day.get(day, []):
            st = people[pid]
            segs_here = [(k, segs[k].minutes) for k in segs_of[(inst.shift, day)]
                         if qualifies(st.p, area, segs[k].area, segs[k].skill)]
            reqs_here = [k for k in reqs_of[(inst.shift, day)]
                         if qualifies(st.p, area, reqs[k].area, reqs[k].skill)]
            if (segs_here or reqs_here) and (pid, day) not in pinned:
                day_cands.append((pid, inst, area, segs_here, reqs_here))
        while day_cands:
            best: tuple[float, str, ShiftInstance, str] | None = None
            keep_cands = []
            for cand in day_cands:
                pid, inst, area, segs_here, reqs_here = cand
                st = people[pid]
                gain = 0
                for k, minutes in segs_here:
                    if need_min[k] > 0:
                        gain += W_MIN * minutes
                    elif need_target[k] > 0:
                        gain += W_TARGET * minutes
                for k in reqs_here:
                    if req_min[k] > 0:
                        gain += W_MIN * inst.work
                    elif req_target[k] > 0:
                        gain += W_TARGET * inst.work
                if gain <= 0 or not allowed(st, inst):
                    continue  # needs only fall and states only tighten: never useful again today
                keep_cands.append(cand)
                # Prefer people furthest behind their contract pace, then the home area.
                pace = (st.target * (day + 1) / problem.n_days - st.worked) / max(st.target, 1)
                score = gain * (1.0 + pace) + (0.5 if area == st.p.home_area else 0.0)
                if best is None or score > best[0]:
                    best = (score, pid, inst, area)
            if best is None:
                break
            _, pid, inst, area = best
            assign(pid, inst, area)
            day_cands = [c for c in keep_cands if c[0] != pid]

    return repair(problem, Roster.of(chosen), families, keep=pinned)


def _sundays_touched(problem: Problem, inst: ShiftInstance) -> list[int]:
    """Week indexes of the horizon Sundays this shift overlaps."""
    out = []
    for d in (inst.day, inst.day + 1):
        if 0 <= d < problem.n_days and problem.date_of(d).weekday() == 6:
            lo, hi = problem.day_start(d), problem.day_start(d + 1)
            if inst.start < hi and lo < inst.end:
                out.append(d // 7)
    return out


def repair(
    problem: Problem,
    roster: Roster,
    families: Sequence[Family] | None = None,
    *,
    keep: set[tuple[str, int]] | None = None,
    rounds: int = 50,
) -> Roster:
    """Drop assignments named by hard-rule violations until the checker finds none (or no
    assignment it names can be dropped). Pinned (staff, day) pairs in ``keep`` stay."""
    from ..constraints import FAMILIES

    fams = FAMILIES if families is None else families
    keep = keep or set()
    current = list(roster.assignments)
    for _ in range(rounds):
        ro = Roster.of(current)
        violations = [v for fam in fams for v in fam.check(problem, ro)]
        if not violations:
            return ro
        drop: set[tuple[str, object]] = set()
        for v in violations:
            if v.staff is not None:
                victim = _victim(problem, current, v.staff, v.date, keep)
                if victim is not None:
                    drop.add((victim.staff, victim.date))
        if not drop:
            return ro
        current = [a for a in current if (a.staff, a.date) not in drop]
    return Roster.of(current)


def _victim(problem: Problem, current: list[Assignment], staff: str, d: object,
            keep: set[tuple[str, int]]) -> Assignment | None:
    """The assignment to drop for a violation of ``staff`` at date ``d``: that date's own
    assignment if it may be dropped, else the nearest droppable one around it (within a week
    after a week-start date), else the person's last droppable one."""
    mine = sorted((a for a in current if a.staff == staff), key=lambda a: a.date)
    free = [a for a in mine if (a.staff, problem.day_index(a.date)) not in keep]
    if not free:
        return None
    if d is None:
        return free[-1]
    day = problem.day_index(d)  # type: ignore[arg-type]
    worked = {problem.day_index(a.date) for a in mine}
    # Prefer the violation's own day, then neighbours next to a day off (widening a rest gap).
    def rank(a: Assignment) -> tuple[int, int]:
        k = problem.day_index(a.date)
        beside_off = (k - 1 not in worked) or (k + 1 not in worked)
        return (abs(k - day) if k >= day - 1 else 99, 0 if beside_off else 1)
    near = [a for a in free if day - 1 <= problem.day_index(a.date) <= day + 6]
    return min(near, key=rank) if near else free[-1]
