"""Why a problem is infeasible, in sentences a coordinator understands.

Two steps, bounded by one wall-clock time limit:

1. **Pre-checks without a solver** (each a certain cause): a Fixed pin that can never be worked
   (:meth:`Problem.unavailable_reason`), a ``must`` wish on a day the person cannot work, hard
   hours (``min_hours``) that the person cannot reach or that exceed the hard upper bound,
   Limits and ``max_weekends`` that pins and must wishes already break or availability cannot
   reach, and under ``shortage = forbid`` a Demand minimum above the number of people who could
   ever cover that moment. A check runs only when its family is among the families solved.
2. **Conflict search with the solver**: every family's constraints get one enforcement literal;
   a single-worker solve under those assumptions gives an infeasible core, which is shrunk by
   leaving out one family at a time (deletion filter). The families left collide. Their
   constraints are then regrouped per (family, person, day) — by the assignment variables they
   touch — and the same core-and-shrink names the people, days and workbook rows involved.

The "one shift per day" link between assignment and work-day variables is structural and never
relaxed. Constraint types that CP-SAT cannot enforce conditionally are kept as they are.
Personal data: people are named by staff id only and absence reasons are never shown.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date
from typing import Any, cast

from ortools.sat.python import cp_model

from .calendar import SHORT_EN
from .constraints import FAMILIES
from .constraints.base import Family
from .domain import OFF, Problem, Src, StaffMember, Wish
from .engine.context import ModelContext

LABELS: dict[str, str] = {
    "availability": "availability, Fixed pins and must/never/only wishes",
    "one_shift_per_day": "one shift per day",
    "coverage": "minimum staffing (Demand sheet, shortage = forbid)",
    "contract_hours": "contract hours (hours_tolerance_pct, Staff min_hours/max_hours)",
    "staff_limits": "per-person limits (Limits sheet, Staff max_weekends)",
    "shift_sequence": "shift order (Shifts not_followed_by)",
    "shift_length": "shift length (max_shift_hours, max_night_shift_hours)",
    "daily_rest": "rest between shifts (min_daily_rest_hours, min_rest_after_night_hours)",
    "weekly_rest": "weekly rest (min_weekly_rest_hours)",
    "week_hours": "working hours per week and per 4/16 weeks (max_week_hours, max_avg_week_hours_*)",
    "night_work": "night work (rest after a night series, nights per 16 weeks, series length)",
    "free_sundays": "free Sundays (min_free_sundays_52w)",
    "consecutive_days": "days in a row (max_consecutive_days, Staff min_consecutive_days(_off))",
    "pairs": "working in pairs (pairs)",
    "rotation": "night series (max_consecutive_nights)",
}


def label(name: str) -> str:
    return f"{LABELS[name]} [{name}]" if name in LABELS else name.replace("_", " ")


def day_text(d: date) -> str:
    return f"{SHORT_EN[d.weekday()]} {d.isoformat()}"


def hours(minutes: int) -> str:
    return f"{round(minutes / 60, 2):g} h"


def _at(src: Src | None, sheet: str) -> str:
    return f"{sheet} row {src.row}" if src is not None else sheet


def _dates(days: Sequence[date], most: int = 4) -> str:
    shown = ", ".join(day_text(d) for d in days[:most])
    return shown + (f" and {len(days) - most} more" if len(days) > most else "")


# --------------------------------------------------------------------------- entry point


def explain_infeasible(
    problem: Problem,
    families: Sequence[Family] | None = None,
    time_limit: float = 30.0,
) -> list[str]:
    """Plain sentences on why no roster meets every hard rule (empty list never returned)."""
    deadline = time.monotonic() + max(1.0, time_limit)
    fams = list(FAMILIES if families is None else families)
    found = precheck(problem, fams)
    if found:
        return found
    return search(problem, fams, deadline)


# --------------------------------------------------------------------------- 1. pre-checks


def precheck(problem: Problem, families: Sequence[Family]) -> list[str]:
    """Certain causes found without a solver (only for the families in ``families``)."""
    names = {f.name for f in families}
    out: list[str] = []
    if "availability" in names:
        out += _pins(problem) + _must_wishes(problem)
    if "contract_hours" in names:
        out += _hours(problem)
    if "staff_limits" in names:
        out += _limits(problem)
    if "coverage" in names and problem.settings.shortage == "forbid":
        out += _coverage(problem)
    return out


def _candidate_days(problem: Problem, p: StaffMember) -> dict[int, list[tuple[str, int]]]:
    """Per day: the (shift, work minutes) the person could ever be given."""
    out: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for inst, _ in problem.candidates[p.id]:
        out[inst.day].append((inst.shift, inst.work))
    return out


def _pins(problem: Problem) -> list[str]:
    out: list[str] = []
    must_days = {(w.staff, day) for w, day in problem.must_wishes()}
    for f in problem.fixed:
        p = problem.staff_by_id.get(f.staff)
        if p is None:
            continue
        day = problem.day_index(f.date)
        where = _at(f.src, "Fixed")
        if f.shift == OFF:
            if (p.id, day) in must_days:
                out.append(f"{where}: {p.id} is pinned off on {day_text(f.date)}, but a must wish "
                           "(Wishes sheet) says they work that day.")
            continue
        area = f.area or p.home_area
        reason = problem.unavailable_reason(p, problem.instance(f.shift, day), area)
        if reason:
            out.append(f"{where}: {p.id} is pinned to {f.shift} in {area} on {day_text(f.date)}, "
                       f"but that cannot be worked: {reason}.")
    return out


def _must_wishes(problem: Problem) -> list[str]:
    missing: dict[int, tuple[Wish, list[date], str]] = {}
    for w, day in problem.must_wishes():
        p = problem.staff_by_id.get(w.staff)
        if p is None:
            continue
        shift = _wished_shift(w)
        options = [s for s, _ in _candidate_days(problem, p).get(day, []) if shift in (None, s)]
        if options:
            continue
        reason = ""
        for code in [shift] if shift else [s.code for s in problem.shifts]:
            why = problem.unavailable_reason(p, problem.instance(code, day), p.home_area)
            if why:
                reason = why
                break
        missing.setdefault(id(w), (w, [], reason))[1].append(problem.date_of(day))
    out = []
    for w, days, reason in missing.values():
        shift = _wished_shift(w)
        what = f"shift {shift}" if shift else "a shift"
        why = f" ({reason})" if reason else ""
        out.append(f"{_at(w.src, 'Wishes')}: {w.staff} must work {what} on {_dates(days)}, "
                   f"but cannot work it that day{why}.")
    return out


def _wished_shift(w: Wish) -> str | None:
    """The shift a must wish asks for (None: any shift)."""
    return w.shift if w.kind == "must" and w.shift not in (None, OFF) else None


def _forced_days(problem: Problem) -> dict[str, dict[int, str | None]]:
    """Per person: days that must be worked (pins and must wishes), with the shift if known."""
    out: dict[str, dict[int, str | None]] = defaultdict(dict)
    for w, day in problem.must_wishes():
        out[w.staff].setdefault(day, _wished_shift(w))
    for f in problem.fixed:
        if f.shift != OFF:
            out[f.staff][problem.day_index(f.date)] = f.shift
    return out


def _hours(problem: Problem) -> list[str]:
    out: list[str] = []
    forced = _forced_days(problem)
    pct = float(problem.ruleset.get("hours_tolerance_pct", 0) or 0)
    for p in problem.staff:
        lower, upper, lower_hard, upper_hard = problem.hours_band(p)
        where = _at(p.src, "Staff")
        upper_why = "max_hours" if p.max_hours is not None else \
            f"contract target {hours(problem.target_minutes(p))} + {pct:g} %"
        if lower_hard and upper_hard and lower > upper:
            out.append(f"{where}: {p.id} has min_hours {hours(lower)}, more than the maximum of "
                       f"{hours(upper)} ({upper_why}).")
            continue
        cands = _candidate_days(problem, p)
        most = sum(max(w for _, w in opts) for opts in cands.values())
        if lower_hard and lower > most:
            out.append(f"{where}: {p.id} must be planned at least {hours(lower)} (min_hours), but can "
                       f"work at most {hours(most)} in the horizon (absence, employment dates, "
                       "allowed shifts and days).")
        least = 0
        for day, shift in forced.get(p.id, {}).items():
            works = [w for s, w in cands.get(day, []) if shift is None or s == shift]
            least += min(works) if works else 0
        if upper_hard and least > upper:
            out.append(f"{where}: the pinned shifts and must wishes of {p.id} add up to at least "
                       f"{hours(least)}, more than the maximum of {hours(upper)} ({upper_why}).")
    return out


def _limits(problem: Problem) -> list[str]:
    out: list[str] = []
    forced = _forced_days(problem)
    for lim in problem.limits:
        p = problem.staff_by_id.get(lim.staff)
        if p is None:
            continue
        where = _at(lim.src, "Limits")
        cands = _candidate_days(problem, p)
        possible = sum(1 for opts in cands.values() if any(s == lim.shift for s, _ in opts))
        if lim.min is not None and lim.min > possible:
            out.append(f"{where}: {p.id} must work shift {lim.shift} at least {lim.min} times, but "
                       f"can work it on only {possible} days of the horizon.")
        pinned = sum(1 for s in forced.get(p.id, {}).values() if s == lim.shift)
        if lim.max is not None and pinned > lim.max:
            out.append(f"{where}: {p.id} may work shift {lim.shift} at most {lim.max} times, but "
                       f"Fixed pins and must wishes ask for it {pinned} times.")
    for p in problem.staff:
        if p.max_weekends is None:
            continue
        days = forced.get(p.id, {})
        weekends = [problem.date_of(7 * k + 5) for k in range(problem.weeks)
                    if 7 * k + 5 in days or 7 * k + 6 in days]
        if len(weekends) > p.max_weekends:
            out.append(f"{_at(p.src, 'Staff')}: {p.id} may work at most {p.max_weekends} weekends "
                       f"(max_weekends), but Fixed pins and must wishes ask for {len(weekends)} "
                       f"(Saturdays {', '.join(d.isoformat() for d in weekends)}).")
    return out


def _coverage(problem: Problem) -> list[str]:
    from .coverage import covering_instances, describe_place, qualifies, segments, shift_requirements

    able: dict[tuple[str, int], list[tuple[str, StaffMember]]] = defaultdict(list)
    for p in problem.staff:
        for inst, area in problem.candidates[p.id]:
            able[(inst.shift, inst.day)].append((area, p))

    def rows_text(rows: tuple[int, ...]) -> str:
        if not rows:
            return "Demand"
        return f"Demand row{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows))}"

    # Per (rows, place): the stretches of time where the minimum exceeds who could ever come.
    short: dict[tuple[tuple[int, ...], str], list[tuple[int, int, int, int]]] = defaultdict(list)
    for seg, keys in zip(segments(problem), covering_instances(problem), strict=True):
        if seg.min == 0:
            continue
        people = {p.id for key in keys for area, p in able.get(key, ())
                  if qualifies(p, area, seg.area, seg.skill)}
        if len(people) < seg.min:
            runs = short[(seg.rows, describe_place(seg.area, seg.skill))]
            if runs and runs[-1][1] == seg.start and runs[-1][2:] == (seg.min, len(people)):
                runs[-1] = (runs[-1][0], seg.end, seg.min, len(people))
            else:
                runs.append((seg.start, seg.end, seg.min, len(people)))
    out: list[str] = []
    for (rows, place), runs in short.items():
        first = runs[0]
        a, b = problem.clock.local(first[0]), problem.clock.local(first[1])
        n_more = len(runs) - 1
        more = f"; the same holds at {n_more} other time{'s' if n_more > 1 else ''}" if n_more else ""
        out.append(f"{rows_text(rows)}: {place} needs at least {first[2]} "
                   f"{'person' if first[2] == 1 else 'people'} on {day_text(a.date())} "
                   f"{a:%H:%M}–{b:%H:%M} (shortage = forbid), but only {first[3]} could ever be "
                   f"there then (availability, absence, allowed areas, skills and shifts){more}.")
    for req in shift_requirements(problem):
        if req.min == 0:
            continue
        people = {p.id for area, p in able.get((req.shift, req.day), ())
                  if qualifies(p, area, req.area, req.skill)}
        if len(people) < req.min:
            out.append(f"{rows_text(req.rows)}: {describe_place(req.area, req.skill)} needs at least "
                       f"{req.min} on shift {req.shift} on {day_text(problem.date_of(req.day))} "
                       f"(shortage = forbid), but only {len(people)} could ever work it then.")
    return out


# --------------------------------------------------------------------------- 2. conflict search


GroupKey = Hashable
KeyFn = Callable[[Family, set[tuple[str, int | None]]], GroupKey]


_LITERALS = ("bool_or", "bool_and", "at_most_one", "exactly_one", "bool_xor")
_ARGUMENTS = ("lin_max", "int_prod", "int_div", "int_mod")


def _kind_and_vars(c: Any) -> tuple[str | None, set[int]]:
    """The kind of a constraint (None when it is not conditionally enforced here) and every
    variable index it refers to (literals folded to their variable)."""
    refs: list[int] = []
    kind: str | None = None
    if c.has_linear():
        kind, refs = "linear", list(c.linear.vars)
    else:
        for name in _LITERALS:
            if getattr(c, f"has_{name}")():
                kind, refs = name, list(getattr(c, name).literals)
                break
        else:
            for name in _ARGUMENTS:
                if getattr(c, f"has_{name}")():
                    arg = getattr(c, name)
                    kind = name
                    refs = list(arg.target.vars) + [v for e in arg.exprs for v in e.vars]
                    break
    return kind, {v if v >= 0 else -v - 1 for v in refs}


class _Instrumented:
    """A feasibility model of ``families`` whose constraints are switched by group literals."""

    def __init__(self, problem: Problem, families: Sequence[Family], key_fn: KeyFn) -> None:
        self.ctx = ctx = ModelContext(problem)
        owner: dict[int, tuple[str, int | None]] = {}
        for (sid, day, _, _), var in ctx.x.items():
            owner[var.index] = (sid, day)
        for p in problem.staff:  # structural: never relaxed
            for day in range(problem.n_days):
                w = ctx.work(p.id, day)
                if isinstance(w, cp_model.IntVar):
                    owner[w.index] = (p.id, day)
        self.groups: dict[GroupKey, cp_model.IntVar] = {}
        model = ctx.model
        for fam in families:
            first = len(model.proto.constraints)
            fam.add_to_model(ctx)
            added = [model.proto.constraints[i] for i in range(first, len(model.proto.constraints))]
            kinds, refs = [], []
            for c in added:
                kind, vs = _kind_and_vars(c)
                kinds.append(kind)
                refs.append(vs)
            # Auxiliary variables belong to the person whose assignments define them.
            for _ in range(3):
                changed = False
                for vs in refs:
                    people = {owner[v][0] for v in vs if v in owner}
                    if len(people) == 1:
                        sid = next(iter(people))
                        for v in vs:
                            if v not in owner:
                                owner[v] = (sid, None)
                                changed = True
                if not changed:
                    break
            for c, kind, vs in zip(added, kinds, refs, strict=True):
                if kind is None:
                    continue
                key = key_fn(fam, {owner[v] for v in vs if v in owner})
                lit = self.groups.get(key)
                if lit is None:
                    lit = model.new_bool_var(f"explain[{key}]")
                    self.groups[key] = lit
                c.enforcement_literal.append(lit.index)

    def solve(self, keys: Iterable[GroupKey], seconds: float, seed: int) -> tuple[str, list[GroupKey]]:
        """Status name and, when infeasible, the core among ``keys``."""
        keys = list(keys)
        model = self.ctx.model
        model.clear_assumptions()
        model.add_assumptions([self.groups[k] for k in keys])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1  # cores from assumptions need a single worker
        solver.parameters.max_time_in_seconds = max(0.05, seconds)
        solver.parameters.random_seed = seed
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            by_index = {self.groups[k].index: k for k in keys}
            core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()
                    if i in by_index]
            return "INFEASIBLE", core or keys
        return solver.status_name(status), []


def _shrink(inst: _Instrumented, keys: list[GroupKey], deadline: float, seed: int
            ) -> tuple[list[GroupKey] | None, bool]:
    """An infeasible subset of ``keys`` (deletion filter); None when the whole set is feasible.

    The flag says whether the result is minimal (the time limit may stop the filter early).
    """
    left = deadline - time.monotonic()
    status, core = inst.solve(keys, left / 3, seed)
    if status != "INFEASIBLE":
        return (None, True) if status in ("OPTIMAL", "FEASIBLE") else (keys, False)
    # Deletion filter. A key whose removal makes the set feasible stays needed in every
    # infeasible subset, so a smaller core found on the way only ever drops keys still to do.
    needed: list[GroupKey] = []
    todo = list(core)
    while todo:
        left = deadline - time.monotonic()
        if left <= 0.05:
            return needed + todo, False
        key = todo.pop(0)
        status, sub = inst.solve(needed + todo, left / (len(todo) + 2), seed)
        if status == "INFEASIBLE":
            keep = set(sub)
            todo = [k for k in todo if k in keep]
        else:
            needed.append(key)  # feasible without it, or undecided in time: keep it
    return needed, True


def search(problem: Problem, families: Sequence[Family], deadline: float) -> list[str]:
    seed = problem.settings.seed
    try:
        level1 = _Instrumented(problem, families, lambda fam, _owners: fam.name)
    except Exception as exc:  # a family that cannot build is a bug; say so instead of crashing
        return [f"Could not analyse the conflict: a rule family failed to build ({type(exc).__name__})."]
    core, _ = _shrink(level1, list(level1.groups), deadline - (deadline - time.monotonic()) / 2, seed)
    if core is None:
        return ["Every hard rule can be met in this analysis; the solver may have stopped early. "
                "Try a longer time limit."]
    names = [str(k) for k in core]
    if not names:
        return ["The hard rules cannot all be met, but no single rule could be named in time. "
                "Try a longer time limit."]
    by_name = {f.name: f for f in families}
    out = [_family_sentence(names)]
    if time.monotonic() < deadline - 0.2:
        chosen = [by_name[n] for n in names if n in by_name]
        level2 = _Instrumented(problem, chosen, _person_day_key)
        detail, minimal = _shrink(level2, list(level2.groups), deadline, seed)
        if detail:
            out += _detail_sentences(problem, detail)
            if not minimal:
                out.append("(The analysis stopped at the time limit; the list above may name more "
                           "than the smallest conflict.)")
    return out


Span = tuple[int, int]  # first and last day index of a group's constraints


def _person_day_key(fam: Family, owners: set[tuple[str, int | None]]) -> GroupKey:
    """(family, person or None, (first day, last day) or None) of one constraint."""
    people = {sid for sid, _ in owners}
    days = {d for _, d in owners if d is not None}
    sid = next(iter(people)) if len(people) == 1 else None
    span = (min(days), max(days)) if days and max(days) - min(days) < 7 else None
    return (fam.name, sid, span)


def _family_sentence(names: list[str]) -> str:
    if len(names) == 1:
        return f"This hard rule cannot be met: {label(names[0])}."
    return "These hard rules cannot all be met together: " + "; ".join(label(n) for n in names) + "."


def _span_text(problem: Problem, span: Span) -> str:
    first, last = (day_text(problem.date_of(d)) for d in span)
    return first if span[0] == span[1] else f"{first} to {last}"


def _detail_sentences(problem: Problem, keys: list[GroupKey]) -> list[str]:
    per_person: dict[str | None, dict[str, set[Span]]] = defaultdict(lambda: defaultdict(set))
    for key in keys:
        name, sid, span = cast(tuple[str, str | None, Span | None], key)
        spans = per_person[sid][name]
        if span is not None:
            spans.add(span)
    out: list[str] = []
    for sid, fams in sorted(per_person.items(), key=lambda kv: (kv[0] is None, kv[0] or "")):
        parts = []
        rows: list[str] = []
        for name, spans in sorted(fams.items()):
            ordered = sorted(spans)
            shown = ", ".join(_span_text(problem, sp) for sp in ordered[:4])
            more = f" and {len(ordered) - 4} more" if len(ordered) > 4 else ""
            parts.append(f"{label(name)}{f' on {shown}{more}' if ordered else ''}")
            days = sorted({d for a, b in ordered for d in range(a, b + 1)})
            rows += _rows_for(problem, name, sid, days)
        see = f"; see {', '.join(dict.fromkeys(rows))}" if rows else ""
        who = f"For {sid}" if sid is not None else "Across people"
        out.append(f"{who}: {'; '.join(parts)}{see}.")
    return out


def _rows_for(problem: Problem, name: str, sid: str | None, days: list[int]) -> list[str]:
    """Workbook rows behind one family's part of the conflict for one person (and days)."""
    p = problem.staff_by_id.get(sid) if sid is not None else None
    out: list[str] = []
    if name == "availability" and p is not None:
        wanted = set(days)
        for f in problem.fixed:
            if f.staff == p.id and problem.day_index(f.date) in wanted:
                out.append(f"{_at(f.src, 'Fixed')} ({f.shift} on {day_text(f.date)})")
        for w, day in problem.must_wishes():
            if w.staff == p.id and day in wanted:
                out.append(f"{_at(w.src, 'Wishes')} (must work on {day_text(problem.date_of(day))})")
    elif name == "coverage" and days:
        out += _demand_rows(problem, days)
    elif name == "staff_limits" and p is not None:
        out += [_at(lim.src, "Limits") for lim in problem.limits if lim.staff == p.id]
        if p.max_weekends is not None:
            out.append(f"{_at(p.src, 'Staff')} (max_weekends)")
    elif name == "contract_hours" and p is not None:
        out.append(f"{_at(p.src, 'Staff')} (hours)")
    elif name == "consecutive_days" and p is not None and p.src is not None and (
        p.max_consecutive_days or p.min_consecutive_days or p.min_consecutive_days_off
    ):
        out.append(_at(p.src, "Staff"))
    elif name == "shift_sequence":
        out += [f"{_at(s.src, 'Shifts')} (not_followed_by)" for s in problem.shifts if s.not_followed_by]
    return out


def _demand_rows(problem: Problem, days: list[int]) -> list[str]:
    from .coverage import segments, shift_requirements

    wanted = set(days)
    rows = sorted({r for s in segments(problem) if s.day in wanted and s.min > 0 for r in s.rows}
                  | {r for q in shift_requirements(problem) if q.day in wanted and q.min > 0
                     for r in q.rows})
    return [f"Demand row {r}" for r in rows]
