"""The construction: a first legal roster over the whole horizon, in plain Python, with no time
budget (it always finishes, however busy the machine is).

1. Pins and ``must`` wishes are placed first.
2. Day by day, people are added where they fill the most unmet *minimum* person-minutes (and,
   in the second of two orders tried, unmet target too),
   preferring people behind their contract pace and in their home area, as long as fast local
   checks of the hard rules pass (hours band, weekly hours and the 4-/16-week averages, daily
   and night rest, ``not_followed_by``, series, weekly rest, free Sundays, ``max_weekends``,
   Limits). Picks are lazy-greedy: a candidate's gain can only fall during a day,
   so only the best candidate is re-scored, not all of them.
3. A refill pass goes over every minimum still unmet and adds anyone the local checks allow.
4. People still below their contract-hours band get shifts up to their target (where the target
   is unmet first, never above a maximum).
5. The independent checker then re-checks the roster; assignments named by a broken hard rule
   are dropped (:func:`repair`), and the minimum they leave open is refilled (twice at most).

Its roster is the first one a coordinator can get (``solve`` falls back to it when CP-SAT has no
time) and the hint of the CP-SAT phases.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..constraints.base import Family
from ..constraints.week_hours import blocks
from ..constraints.weekly_rest import free_stretches, periods
from ..coverage import qualifies, segments, shift_requirements, spanned_by
from ..domain import OFF, Problem, ShiftInstance, StaffMember, work_in_window
from ..roster import Assignment, Roster, Violation
from .solvers import check_cancelled

W_MIN = 100  # per minute of unmet minimum covered (against 0.5 for the home area)
# Per candidate: the segments (index, minutes) and the shift requirements it counts toward.
_Counts = tuple[tuple[tuple[int, int], ...], tuple[int, ...]]


@dataclass
class _Person:
    p: StaffMember
    hi: int  # upper band (minutes); a large number when the band is soft
    target: int
    worked: int = 0
    by_day: dict[int, ShiftInstance] = field(default_factory=dict)  # history + assigned
    busy: list[tuple[int, int]] = field(default_factory=list)  # training windows
    week_minutes: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    block4: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    block16: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    nights16: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    shift_count: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    weekends: set[int] = field(default_factory=set)
    sundays_worked: set[int] = field(default_factory=set)


class _Rules:
    """The law's and the organisation's numbers, and per-day lookups, read once."""

    def __init__(self, problem: Problem) -> None:
        r = problem.ruleset
        self.rest = r.minutes("min_daily_rest_hours")
        self.rest_night = r.minutes("min_rest_after_night_hours")
        self.rest_series = r.minutes("min_rest_after_night_series_hours")
        self.max_nights = int(r.get("max_consecutive_nights", 0) or 0)
        self.max_with_night = int(r.get("max_consecutive_shifts_with_night", 0) or 0)
        self.max_week = r.minutes("max_week_hours")
        self.avg4 = r.minutes("max_avg_week_hours_4w") * 4
        self.avg16 = r.minutes("max_avg_week_hours_16w") * 16
        self.nights16_cap = int(r.get("max_nights_after_0200_16w", 0) or 0)
        self.weekly_rest = r.minutes("min_weekly_rest_hours")
        self.weekly_paired = bool(r.get("weekly_rest_72_per_14_days", False))
        self.n_sundays = problem.weeks
        self.free_sundays = int(int(r.get("min_free_sundays_52w", 0) or 0) * problem.weeks / 52)
        n = problem.n_days
        self.weekday = [problem.date_of(d).weekday() for d in range(n)]
        self.day_start = [problem.day_start(d) for d in range(n + 2)]
        self.week_bounds = [(problem.week_start(w), problem.week_start(w + 1)) for w in range(problem.weeks)]
        self.block4_of = _block_index(problem, 4)
        self.block16_of = _block_index(problem, 16)
        self.rest_periods = (
            []
            if self.weekly_paired or self.weekly_rest <= 0
            else [(lo, hi) for _, lo, hi, _ in periods(problem, False)]
        )
        self.not_followed = {s.code: set(s.not_followed_by) for s in problem.shifts}


def _weeks_near(day: int, n_weeks: int) -> range:
    """Horizon weeks a shift starting on ``day`` may touch (its own, and the ones beside it)."""
    return range(max(0, day // 7 - 1), min(n_weeks, day // 7 + 2))


def _block_index(problem: Problem, weeks: int) -> dict[int, int]:
    out: dict[int, int] = {}
    for k, per in enumerate(blocks(problem, weeks)):
        for d in per.days:
            out[d] = k
    return out


class _Builder:
    def __init__(self, problem: Problem, with_target: bool = False) -> None:
        self.pb = problem
        self.with_target = with_target
        self.rules = _Rules(problem)
        self.limits = {(lim.staff, lim.shift): lim.max for lim in problem.limits if lim.max is not None}
        self.segs = segments(problem)
        self.reqs = shift_requirements(problem)
        self.reqs_of: dict[tuple[str, int], list[int]] = defaultdict(list)
        for k, q in enumerate(self.reqs):
            self.reqs_of[(q.shift, q.day)].append(k)
        self.by_day: dict[int, list[tuple[str, ShiftInstance, str]]] = defaultdict(list)
        # Per candidate: the segments (index, minutes) and shift requirements it counts toward.
        self.counts: dict[tuple[str, int, str, str], _Counts] = {}
        shared: dict[tuple[str, int, str, frozenset[str]], _Counts] = {}
        for pid, cands in problem.candidates.items():
            p = problem.staff_by_id[pid]
            skills = frozenset(p.skills)
            for inst, area in cands:
                self.by_day[inst.day].append((pid, inst, area))
                alike = (inst.shift, inst.day, area, skills)  # people with the same skills count alike
                if alike not in shared:
                    shared[alike] = self._counts_of(p, inst, area)
                self.counts[(pid, inst.day, area, inst.shift)] = shared[alike]
        self.pinned: set[tuple[str, int]] = set()
        self.reset(Roster())

    # ------------------------------------------------------------------ state

    def reset(self, roster: Roster) -> None:
        pb = self.pb
        self.need_min = [s.min for s in self.segs]
        self.need_target = [s.target for s in self.segs]
        self.req_min = [q.min for q in self.reqs]
        self.req_target = [q.target for q in self.reqs]
        self.chosen: dict[tuple[str, int], Assignment] = {}
        self.people: dict[str, _Person] = {}
        for p in pb.staff:
            _, hi, _, hi_hard = pb.hours_band(p)
            st = _Person(p, hi if hi_hard else 10**9, pb.target_minutes(p))
            st.busy = [(w.start, w.end) for w in pb.training_windows.get(p.id, [])]
            for inst in pb.history_instances.get(p.id, []):
                self._count(st, inst, history=True)
            self.people[p.id] = st
        for a in roster.assignments:
            day = pb.day_index(a.date)
            self.assign(a.staff, pb.instance(a.shift, day), a.area)

    def _count(self, st: _Person, inst: ShiftInstance, history: bool) -> None:
        ru = self.rules
        st.by_day[inst.day] = inst
        for k in _weeks_near(inst.day, len(ru.week_bounds)):
            lo, hi = ru.week_bounds[k]
            if inst.start < hi and lo < inst.end:
                st.week_minutes[k] += work_in_window(inst, lo, hi)
        b4 = ru.block4_of.get(inst.day)
        if b4 is not None:
            st.block4[b4] += inst.work
        b16 = ru.block16_of.get(inst.day)
        if b16 is not None:
            st.block16[b16] += inst.work
            if inst.night and inst.ends_after_0200:
                st.nights16[b16] += 1
        if history:
            return
        st.worked += inst.work
        st.shift_count[inst.shift] += 1
        if ru.weekday[inst.day] >= 5:
            st.weekends.add(inst.day // 7)
        for w in self._sundays_touched(inst):
            st.sundays_worked.add(w)

    def assign(self, pid: str, inst: ShiftInstance, area: str) -> None:
        st = self.people[pid]
        self._count(st, inst, history=False)
        key = (pid, inst.day, area, inst.shift)
        if key not in self.counts:  # a pin outside the person's usual candidates
            self.counts[key] = self._counts_of(st.p, inst, area)
        segs_here, reqs_here = self.counts[key]
        for k, _ in segs_here:
            self.need_min[k] -= 1
            self.need_target[k] -= 1
        for k in reqs_here:
            self.req_min[k] -= 1
            self.req_target[k] -= 1
        self.chosen[(pid, inst.day)] = Assignment(pid, inst.date, inst.shift, area)

    def _counts_of(self, p: StaffMember, inst: ShiftInstance, area: str) -> _Counts:
        """The segments (index, minutes) and shift requirements that ``p`` on ``inst`` in
        ``area`` counts toward."""
        key = (inst.shift, inst.day)
        return (
            tuple((k, self.segs[k].minutes) for k in spanned_by(self.pb, p, inst.shift, inst.day, area)),
            tuple(k for k in self.reqs_of[key] if qualifies(p, area, self.reqs[k].area, self.reqs[k].skill)),
        )

    def roster(self) -> Roster:
        return Roster.of(list(self.chosen.values()))

    def _sundays_touched(self, inst: ShiftInstance) -> list[int]:
        """Week indexes of the horizon Sundays this shift overlaps."""
        ru = self.rules
        out = []
        for d in (inst.day, inst.day + 1):
            if (
                0 <= d < self.pb.n_days
                and ru.weekday[d] == 6
                and inst.start < ru.day_start[d + 1]
                and ru.day_start[d] < inst.end
            ):
                out.append(d // 7)
        return out

    # ------------------------------------------------------------------ local checks

    def allowed(self, st: _Person, inst: ShiftInstance) -> bool:
        ru = self.rules
        day = inst.day
        if day in st.by_day or st.worked + inst.work > st.hi:
            return False
        if ru.max_week:
            for k in _weeks_near(day, len(ru.week_bounds)):
                lo, hi = ru.week_bounds[k]
                if (
                    inst.start < hi
                    and lo < inst.end
                    and (st.week_minutes[k] + work_in_window(inst, lo, hi) > ru.max_week)
                ):
                    return False
        b4 = ru.block4_of.get(day)
        if ru.avg4 and b4 is not None and st.block4[b4] + inst.work > ru.avg4:
            return False
        b16 = ru.block16_of.get(day)
        if b16 is not None:
            if ru.avg16 and st.block16[b16] + inst.work > ru.avg16:
                return False
            if (
                ru.nights16_cap
                and inst.night
                and inst.ends_after_0200
                and st.nights16[b16] >= ru.nights16_cap
            ):
                return False
        pid = st.p.id
        if (pid, inst.shift) in self.limits and st.shift_count[inst.shift] >= self.limits[(pid, inst.shift)]:
            return False
        weekend = ru.weekday[day] >= 5
        if (
            st.p.max_weekends is not None
            and weekend
            and day // 7 not in st.weekends
            and len(st.weekends) >= st.p.max_weekends
        ):
            return False
        days = st.by_day
        before = 0
        while day - before - 1 in days:
            before += 1
        after = 0
        while day + after + 1 in days:
            after += 1
        max_run = self.pb.max_consecutive_days_for(st.p)
        if max_run and before + after + 1 > max_run:
            return False
        if not self._off_runs_ok(st, day, before, after):
            return False
        if not self._rest_ok(st, inst, before, after):
            return False
        if not self._sundays_ok(st, inst):
            return False
        return self._weekly_rest_ok(st, inst)

    def _off_runs_ok(self, st: _Person, day: int, before: int, after: int) -> bool:
        """``min_consecutive_days_off``: working ``day`` must not leave a shorter run of days off
        between it and the person's nearest worked day on either side."""
        least = st.p.min_consecutive_days_off or 0
        if least <= 1:
            return True
        days = st.by_day
        for step, touching in ((-1, before), (1, after)):
            if touching:
                continue
            gap = 1
            while gap <= least and day + step * gap not in days:
                gap += 1
            if gap <= least:
                return False  # a worked day so near that the days off between are too few
        return True

    def _rest_ok(self, st: _Person, inst: ShiftInstance, before: int, after: int) -> bool:
        ru = self.rules
        days = st.by_day
        day = inst.day
        prev_day = day - 1
        while prev_day not in days and prev_day >= day - 3:
            prev_day -= 1
        prev = days.get(prev_day)
        if prev is not None:
            need = ru.rest_night if prev.night and prev.ends_after_0200 else ru.rest
            series = 0
            while (n := days.get(prev.day - series)) is not None and n.night:
                series += 1
            if prev.night and series >= 3 and not (inst.night and prev.day == day - 1):
                need = max(need, ru.rest_series)
            if inst.start - prev.end < need:
                return False
            if prev.day == day - 1:
                if inst.shift in ru.not_followed[prev.shift]:
                    return False
                if inst.night and prev.night and ru.max_nights and series >= ru.max_nights:
                    return False
        nxt_day = day + 1
        while nxt_day not in days and nxt_day <= day + 3:
            nxt_day += 1
        nxt = days.get(nxt_day)
        if nxt is not None:
            need = ru.rest_night if inst.night and inst.ends_after_0200 else ru.rest
            if nxt.start - inst.end < need:
                return False
            if nxt.day == day + 1 and nxt.shift in ru.not_followed[inst.shift]:
                return False
        for lo, hi in st.busy:  # training with date-times is working time for rest
            if (
                lo < inst.end + (ru.rest_night if inst.night and inst.ends_after_0200 else ru.rest)
                and inst.start - ru.rest < hi
            ):
                return False
        if ru.max_with_night:
            run = (
                [days[d] for d in range(day - before, day)]
                + [inst]
                + [days[d] for d in range(day + 1, day + after + 1)]
            )
            if len(run) > ru.max_with_night and any(i.night for i in run):
                return False
        return True

    def _sundays_ok(self, st: _Person, inst: ShiftInstance) -> bool:
        ru = self.rules
        for w in self._sundays_touched(inst):
            if w in st.sundays_worked:
                continue
            worked = len(st.sundays_worked) + 1
            if ru.n_sundays - worked < ru.free_sundays:
                return False
        return True

    def _weekly_rest_ok(self, st: _Person, inst: ShiftInstance) -> bool:
        ru = self.rules
        if not ru.rest_periods:
            return True
        for k in _weeks_near(inst.day, len(ru.rest_periods)):
            lo, hi = ru.rest_periods[k]
            if not (inst.start < hi + ru.weekly_rest and lo - ru.weekly_rest < inst.end):
                continue
            busy = [(i.start, i.end) for d, i in st.by_day.items() if i.start < hi and lo < i.end] + [
                (inst.start, inst.end)
            ]
            busy += [b for b in st.busy if b[0] < hi and lo < b[1]]
            if not any(e - s >= ru.weekly_rest for s, e in free_stretches(busy, lo, hi)):
                return False
        return True

    # ------------------------------------------------------------------ gains

    def _gain(self, pid: str, inst: ShiftInstance, area: str) -> tuple[int, int]:
        """(minimum gain, target gain) in person-minutes of this assignment."""
        segs_here, reqs_here = self.counts[(pid, inst.day, area, inst.shift)]
        need_min, need_target = self.need_min, self.need_target
        g_min = g_target = 0
        for k, minutes in segs_here:
            if need_min[k] > 0:
                g_min += minutes
            elif need_target[k] > 0:
                g_target += minutes
        for k in reqs_here:
            if self.req_min[k] > 0:
                g_min += inst.work
            elif self.req_target[k] > 0:
                g_target += inst.work
        return g_min, g_target

    def _score(self, pid: str, inst: ShiftInstance, area: str) -> float:
        """Higher is better; 0: not useful. The unmet minimum counts a hundred times the unmet
        target. With ``with_target`` off, only the minimum counts and the target is left to the
        top-up: filling targets day by day took the hours that later days' minimums needed (119
        person-hours unmet on a tight 120-person team, against none); on looser teams filling
        both at once gives the better start. :func:`greedy_roster` tries both where it is cheap."""
        st = self.people[pid]
        g_min, g_target = self._gain(pid, inst, area)
        pace = st.target * (inst.day + 1) / self.pb.n_days - st.worked
        if not self.with_target:
            g_target = 0
        elif pace < 0:
            g_target = 0  # a pick for the target never runs ahead of the contract pace
        if g_min == 0 and g_target == 0:
            return 0.0
        gain = W_MIN * g_min + g_target
        return gain * (1.0 + pace / max(st.target, 1)) + (0.5 if area == st.p.home_area else 0.0)

    # ------------------------------------------------------------------ phases

    def place_pins(self) -> None:
        pb = self.pb
        for f in pb.fixed:
            if f.shift == OFF:
                continue
            day = pb.day_index(f.date)
            area = f.area or pb.staff_by_id[f.staff].home_area
            if (f.staff, day) not in self.pinned:
                self.assign(f.staff, pb.instance(f.shift, day), area)
                self.pinned.add((f.staff, day))
        for w, day in pb.must_wishes():
            if (w.staff, day) in self.pinned:
                continue
            opts = [
                (inst, area)
                for pid, inst, area in self.by_day[day]
                if pid == w.staff and (w.shift in (None, OFF) or inst.shift == w.shift)
            ]
            if opts:
                inst, area = opts[0]
                self.assign(w.staff, inst, area)
                self.pinned.add((w.staff, day))

    def fill_day(self, day: int) -> None:
        heap: list[tuple[float, int, str, ShiftInstance, str]] = []
        for k, (pid, inst, area) in enumerate(self.by_day.get(day, [])):
            if (pid, day) in self.chosen:
                continue
            score = self._score(pid, inst, area)
            if score > 0:
                heap.append((-score, k, pid, inst, area))
        heapq.heapify(heap)
        while heap:
            _, k, pid, inst, area = heapq.heappop(heap)
            if (pid, day) in self.chosen:
                continue
            score = self._score(pid, inst, area)
            if score <= 0:
                continue
            if heap and score < -heap[0][0] - 1e-9:
                heapq.heappush(heap, (-score, k, pid, inst, area))  # lazy: re-queue at its new score
                continue
            if not self.allowed(self.people[pid], inst):
                continue  # states only tighten during the day
            self.assign(pid, inst, area)

    def refill(self) -> int:
        """Add people where the minimum is still unmet and the local checks allow it (the
        checker then judges the whole roster again). Returns the number added."""
        wanted: list[tuple[int, str, ShiftInstance, str]] = []
        for day in range(self.pb.n_days):
            for pid, inst, area in self.by_day.get(day, []):
                if (pid, day) in self.chosen:
                    continue
                g_min, _ = self._gain(pid, inst, area)
                if g_min > 0:
                    wanted.append((-g_min, pid, inst, area))
        wanted.sort(key=lambda w: w[0])
        added = 0
        for _, pid, inst, area in wanted:
            if (pid, inst.day) in self.chosen or self._gain(pid, inst, area)[0] <= 0:
                continue
            if not self.allowed(self.people[pid], inst):
                continue
            self.assign(pid, inst, area)
            added += 1
        return added

    def top_up(self) -> int:
        """Give people below the lower end of their contract-hours band more shifts, up to their
        contract target: where the target is still unmet first, never above a maximum, in the home
        area by preference, spread over the horizon. Returns the number added."""
        pb = self.pb
        n = pb.n_days
        planned = [s.target - need for s, need in zip(self.segs, self.need_target, strict=True)]
        full = {k for k, s in enumerate(self.segs) if s.max is not None and planned[k] >= s.max}
        options: dict[str, list[tuple[ShiftInstance, str]]] = defaultdict(list)
        for day in range(n):
            for pid, inst, area in self.by_day.get(day, []):
                options[pid].append((inst, area))
        added = 0
        for p in pb.staff:
            st = self.people[p.id]
            lo, _, _, _ = pb.hours_band(p)
            if st.worked >= lo:
                continue
            heap: list[tuple[float, int, int, ShiftInstance, str]] = []
            for j, (inst, area) in enumerate(options[p.id]):
                if inst.day in st.by_day:
                    continue
                spread = (inst.day * 7919) % n / n  # a fixed, scattered order among equals
                heap.append((-self._top_up_score(p.id, inst, area) - spread, inst.day, j, inst, area))
            heapq.heapify(heap)
            while heap and st.worked < st.target - 30:
                _, day, j, inst, area = heapq.heappop(heap)
                if day in st.by_day or st.worked + inst.work > min(st.hi, st.target + inst.work // 2):
                    continue
                segs_here, reqs_here = self.counts[(p.id, day, area, inst.shift)]
                if any(k in full for k, _ in segs_here) or any(self._req_full(k) for k in reqs_here):
                    continue
                score = -self._top_up_score(p.id, inst, area) - (day * 7919) % n / n
                if heap and score > heap[0][0] + 1e-9:
                    heapq.heappush(heap, (score, day, j, inst, area))
                    continue
                if not self.allowed(st, inst):
                    continue
                self.assign(p.id, inst, area)
                added += 1
                for k, _ in segs_here:
                    s = self.segs[k]
                    if s.max is not None and s.target - self.need_target[k] >= s.max:
                        full.add(k)
        return added

    def _req_full(self, k: int) -> bool:
        """Whether shift requirement ``k`` (a Demand row naming a shift) is at its maximum."""
        q = self.reqs[k]
        return q.max is not None and q.target - self.req_target[k] >= q.max

    def _top_up_score(self, pid: str, inst: ShiftInstance, area: str) -> float:
        g_min, g_target = self._gain(pid, inst, area)
        home = 1.0 if area == self.people[pid].p.home_area else 0.0
        return 100.0 * (g_min + g_target) / max(inst.work, 1) + home


TRY_BOTH_UP_TO = 20_000  # candidates: above this, the minimum-first order only (each takes seconds)


def greedy_roster(problem: Problem, families: Sequence[Family] | None = None) -> Roster:
    """A roster over the whole horizon (see the module docstring); never time-limited. Legal
    unless a hard minimum of hours cannot be reached by the construction (:func:`construct`
    says which)."""
    return construct(problem, families)[0]


def construct(problem: Problem, families: Sequence[Family] | None = None) -> tuple[Roster, bool]:
    """The construction's roster, and whether the checker finds it legal.

    Two orders are tried on teams up to :data:`TRY_BOTH_UP_TO` candidates (below a second each
    for 50 people over 4 weeks): the minimum alone first, and minimum and target together; a
    legal roster wins, then the one with less unmet minimum, then the cheaper one by the
    checker. Not legal: someone stays below a hard minimum of hours (taking work away cannot
    cure that, so the repair leaves it), which only a solver can settle."""
    from ..check import check_roster
    from ..constraints import FAMILIES
    from ..coverage import shortfall_summary

    fams = FAMILIES if families is None else families
    n_cands = sum(len(c) for c in problem.candidates.values())
    best: tuple[bool, int, int, Roster] | None = None
    for with_target in (False, True) if n_cands <= TRY_BOTH_UP_TO else (False,):
        roster, left = _construct(problem, fams, with_target)
        illegal = bool(left)
        unmet = sum(shortfall_summary(problem, roster).values())
        if best is not None and (illegal, unmet) > best[:2]:
            continue
        cost = check_roster(problem, roster, fams).total_cost if n_cands <= TRY_BOTH_UP_TO else 0
        if best is None or (illegal, unmet, cost) < best[:3]:
            best = (illegal, unmet, cost, roster)
    assert best is not None
    return best[3], not best[0]


def _construct(problem: Problem, fams: Sequence[Family], with_target: bool) -> tuple[Roster, list[Violation]]:
    b = _Builder(problem, with_target)
    b.place_pins()
    for day in range(problem.n_days):
        check_cancelled()
        b.fill_day(day)
    b.refill()
    b.top_up()
    roster, left = repair_left(problem, b.roster(), fams, keep=b.pinned)
    for _ in range(2):  # the checker dropped something: fill the minimum it left open again
        check_cancelled()
        if len(roster.assignments) == len(b.chosen):
            break
        b.reset(roster)
        if not b.refill():
            break
        roster, left = repair_left(problem, b.roster(), fams, keep=b.pinned)
    return roster, left


def repair(
    problem: Problem,
    roster: Roster,
    families: Sequence[Family] | None = None,
    *,
    keep: set[tuple[str, int]] | None = None,
    rounds: int = 50,
) -> Roster:
    """Drop assignments named by hard-rule violations until the checker finds none (or no
    assignment it names can be dropped). Pinned (staff, day) pairs in ``keep`` stay. A violation
    that names no person (pairs: one person alone in an area) drops that date's assignments in
    that area; one of working too little (:attr:`Violation.too_few`) drops nothing."""
    return repair_left(problem, roster, families, keep=keep, rounds=rounds)[0]


def repair_left(
    problem: Problem,
    roster: Roster,
    families: Sequence[Family] | None = None,
    *,
    keep: set[tuple[str, int]] | None = None,
    rounds: int = 50,
) -> tuple[Roster, list[Violation]]:
    """:func:`repair`, and the violations its roster still has (empty: legal)."""
    from ..constraints import FAMILIES

    fams = FAMILIES if families is None else families
    keep = keep or set()
    current = list(roster.assignments)
    violations: list[Violation] = []
    for _ in range(rounds):
        ro = Roster.of(current)
        violations = [v for fam in fams for v in fam.check(problem, ro)]
        if not violations:
            return ro, violations
        drop: set[tuple[str, object]] = set()
        for v in violations:
            if v.too_few:
                continue  # dropping work cannot help someone who works too little
            if v.staff is not None:
                victim = _victim(problem, current, v.staff, v.date, keep)
                if victim is not None:
                    drop.add((victim.staff, victim.date))
            elif v.date is not None and v.area is not None and v.rule != "coverage":
                drop.update(
                    (a.staff, a.date)
                    for a in current
                    if a.date == v.date
                    and a.area == v.area
                    and (a.staff, problem.day_index(a.date)) not in keep
                )
        if not drop:
            return ro, violations
        current = [a for a in current if (a.staff, a.date) not in drop]
    ro = Roster.of(current)
    return ro, [v for fam in fams for v in fam.check(problem, ro)]


def _victim(
    problem: Problem, current: list[Assignment], staff: str, d: object, keep: set[tuple[str, int]]
) -> Assignment | None:
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
