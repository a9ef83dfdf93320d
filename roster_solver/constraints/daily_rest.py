"""Daily rest: enough rest between the end of one shift and the start of the next.

Rule: the elapsed time from the end of a shift to the start of the person's next shift is at
least ``min_daily_rest_hours`` (ATW art. 5:3), and at least ``min_rest_after_night_hours`` when
the first shift is a night shift that ends after 02:00 (art. 5:8), History included.
Formula: for consecutive shifts ``i`` then ``j`` of one person:
``start(j) − end(i) ≥ required(i)`` with
``required(i) = max(min_daily_rest, min_rest_after_night if night(i) and ends_after_0200(i))``,
all in real elapsed minutes (a clock-change night is one hour longer or shorter).
Hard. Parameters: ``min_daily_rest_hours``, ``min_rest_after_night_hours`` from the rule profile
(Rules sheet overrides); 0 switches a part off. No penalty. A training absence with date-times
is working time (docs/workbook-contract.md "Absence"): the same rest is needed between it and any shift
(its own required rest after it is ``min_daily_rest_hours``).
Formulation: forbidden pairs of dated shifts are precomputed once per problem (shift ``s`` on day
``d``, shift ``t`` on a later day ``d'``, too little rest); per person the constraint is
``on(d, s) + Σ_t on(d', t) ≤ 1`` over the forbidden ``t`` of each later day (at most one shift a
day makes the sum a clique), and a History shift forbids the later shifts outright. Forbidding every
too-close pair (not only consecutive ones) is equivalent: any shift in between is closer still.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ortools.sat.python.cp_model import LinearExpr

from ..domain import Problem, ShiftInstance
from ..i18n import reason
from ..roster import Roster, Violation
from ..timeline import timeline
from .base import Family
from .shift_length import hours_text

if TYPE_CHECKING:
    from ..engine.context import ModelContext


def required_rest(problem: Problem, inst: ShiftInstance) -> tuple[int, str]:
    """Minutes of rest needed after ``inst`` and why (for the message)."""
    r = problem.ruleset
    daily = r.minutes("min_daily_rest_hours")
    after_night = r.minutes("min_rest_after_night_hours")
    if inst.night and inst.ends_after_0200 and after_night > daily:
        return after_night, " (night ending after 02:00)"
    return daily, ""


def later_conflicts(problem: Problem, inst: ShiftInstance, need: int) -> dict[int, list[str]]:
    """Per later day: the shift codes that start less than ``need`` minutes after ``inst`` ends
    (or overlap it). Only days inside the horizon."""
    out: dict[int, list[str]] = {}
    if need <= 0:
        return out
    day = max(inst.day + 1, 0)
    while day < problem.n_days and problem.day_start(day) - inst.end < need:
        codes = [s.code for s in problem.shifts if problem.instance(s.code, day).start - inst.end < need]
        if codes:
            out[day] = codes
        day += 1
    return out


def _forbidden_after(problem: Problem) -> dict[tuple[int, str], dict[int, list[str]]]:
    """Per horizon (day, shift): the later (day, shifts) that come too soon after it."""
    out: dict[tuple[int, str], dict[int, list[str]]] = {}
    for inst in problem.horizon_instances:
        need, _ = required_rest(problem, inst)
        conflicts = later_conflicts(problem, inst, need)
        if conflicts:
            out[(inst.day, inst.shift)] = conflicts
    return out


class DailyRest(Family):
    name = "daily_rest"

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        forbidden = _forbidden_after(pb)  # the same for everyone: computed once per model
        for p in ctx.staff:
            for inst in pb.history_instances.get(p.id, []):
                need, _ = required_rest(pb, inst)
                for day, codes in later_conflicts(pb, inst, need).items():
                    for code in codes:
                        expr = ctx.on_shift(p.id, day, code)
                        if not isinstance(expr, int):
                            ctx.model.add(expr == 0)
            for _inst, _, var in _training_conflicts(pb, p.id, ctx.by_person_day.get(p.id, {})):
                ctx.model.add(var == 0)
            for day, per_day in ctx.by_person_day.get(p.id, {}).items():
                for code in sorted({inst.shift for inst, _, _ in per_day}):
                    first = ctx.on_shift(p.id, day, code)
                    for later, codes in forbidden.get((day, code), {}).items():
                        rest = [ctx.on_shift(p.id, later, c) for c in codes]
                        rest = [e for e in rest if not isinstance(e, int)]
                        if rest:
                            ctx.model.add(LinearExpr.sum([first, *rest]) <= 1)

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        out: list[Violation] = []
        tl = timeline(problem, roster)
        for p in problem.staff:
            worked = tl.of(p.id)
            for prev, nxt in pairwise(worked):
                if nxt.history:
                    continue  # History is a fact, not this roster's doing
                need, why = required_rest(problem, prev.inst)
                rest = nxt.inst.start - prev.inst.end
                if need and rest < need:
                    a, b = prev.inst, nxt.inst
                    lang = problem.settings.language
                    out.append(
                        Violation(
                            self.name,
                            reason(
                                "v.rest",
                                lang,
                                shift=a.shift,
                                date=a.date.isoformat(),
                                next=b.shift,
                                next_date=b.date.isoformat(),
                                rest=hours_text(rest, lang),
                                need=hours_text(need, lang),
                                why=reason("v.night_0200", lang) if why else "",
                            ),
                            p.id,
                            b.date,
                            nxt.area,
                        )
                    )
            for w in tl.horizon(p.id):
                for t in problem.training_windows.get(p.id, []):
                    if not _training_rest_short(problem, w.inst, t.start, t.end):
                        continue
                    before = w.inst.end <= t.start
                    rest = t.start - w.inst.end if before else w.inst.start - t.end
                    need = (
                        required_rest(problem, w.inst)[0]
                        if before
                        else problem.ruleset.minutes("min_daily_rest_hours")
                    )
                    when = problem.clock.local(t.start).strftime("%Y-%m-%d %H:%M")
                    out.append(
                        Violation(
                            self.name,
                            reason(
                                "v.rest_training",
                                problem.settings.language,
                                shift=w.inst.shift,
                                date=w.inst.date.isoformat(),
                                when=when,
                                rest=hours_text(rest, problem.settings.language),
                                need=hours_text(need, problem.settings.language),
                            ),
                            p.id,
                            w.inst.date,
                            w.area,
                        )
                    )
        return out


def _training_rest_short(problem: Problem, inst: ShiftInstance, lo: int, hi: int) -> bool:
    """Whether ``inst`` leaves too little rest before or after training ``[lo, hi)``."""
    if inst.end <= lo:
        need, _ = required_rest(problem, inst)
        return lo - inst.end < need
    if inst.start >= hi:
        return inst.start - hi < problem.ruleset.minutes("min_daily_rest_hours")
    return False  # overlap is impossible: training is an absence


def _training_conflicts(problem: Problem, staff: str, per_day: dict[int, list[Any]]) -> list[Any]:
    """The (instance, area, var) options of ``staff`` too close to one of their trainings."""
    windows = problem.training_windows.get(staff, [])
    if not windows:
        return []
    return [
        (inst, area, var)
        for opts in per_day.values()
        for inst, area, var in opts
        if any(_training_rest_short(problem, inst, w.start, w.end) for w in windows)
    ]
