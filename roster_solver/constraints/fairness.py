"""Fairness: nights, weekend days, Sundays and evening shifts shared in proportion to contracts.

Rule: per category c, among the *eligible* people (those with at least one candidate
assignment of that category, see ``Problem.candidates``), each person's count n_p stays within
±1 of their fair share t_p·N / T, where N is the team total of the category, t_p the person's
contract target (minutes over the horizon) and T the sum of the eligible targets. Each unit
beyond that costs ``weight.fair_<c>`` (profile section ``[fairness]``, default 20 each).
Soft. Categories (docs/rules.md "Precise definitions", counted by the day a shift starts, horizon
only, History not counted): ``nights`` = night shifts, ``weekends`` = shifts starting on a
Saturday or Sunday, ``sundays`` = shifts starting on a Sunday, ``evenings`` = evening shifts.

Formula: excess_p = max(0, ⌈|n_p − t_p·N/T| − 1⌉), exactly, with integers: count variables
n_p and N (each equal to its sum of assignment variables, so no constraint repeats the team
sum), an integer excess_p ≥ 0 with T·excess_p ≥ T·n_p − t_p·N − T and
T·excess_p ≥ t_p·N − T·n_p − T (divided by the gcd of the targets), plus two Booleans per
person and category that bound it from above (T·excess_p ≤ |T·n_p − t_p·N| − 1 when
positive), so the objective share equals :meth:`Fairness.penalty` on every solution, not only
the optimum. A category with T = 0 costs nothing. Penalty unit: shifts (days for weekends and
Sundays) beyond the ±1 band.

:func:`fairness_report` gives, per category, each eligible person's (count, fair share), the
spread (max − min of count per FTE, FTE = target / (36 h × weeks)) and the team average
(team total / team FTE, a count per FTE).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from functools import reduce
from math import ceil, gcd
from typing import TYPE_CHECKING, Any

from ..domain import Problem, ShiftInstance
from ..i18n import reason
from ..roster import COST_SCALE, Penalty, Roster
from .base import Family

if TYPE_CHECKING:
    from ..engine.context import ModelContext

SATURDAY, SUNDAY = 5, 6
FTE_MINUTES_PER_WEEK = 36 * 60

CATEGORIES: dict[str, Callable[[ShiftInstance], bool]] = {
    "nights": lambda i: i.night,
    "weekends": lambda i: i.date.weekday() in (SATURDAY, SUNDAY),
    "sundays": lambda i: i.date.weekday() == SUNDAY,
    "evenings": lambda i: i.evening,
}


def eligible(problem: Problem, category: str) -> list[str]:
    """Staff ids with at least one candidate assignment of ``category``."""
    test = CATEGORIES[category]
    return [p.id for p in problem.staff if any(test(i) for i, _ in problem.candidates[p.id])]


def _counts(problem: Problem, roster: Roster, category: str) -> dict[str, int]:
    test = CATEGORIES[category]
    out: dict[str, int] = {}
    for a in roster.assignments:
        if a.shift not in problem.shift_by_code or a.staff not in problem.staff_by_id:
            continue
        day = problem.day_index(a.date)
        if 0 <= day < problem.n_days and test(problem.instance(a.shift, day)):
            out[a.staff] = out.get(a.staff, 0) + 1
    return out


def excess(n: int, share: Fraction) -> int:
    """Units beyond ±1 from the fair share: max(0, ⌈|n − share| − 1⌉)."""
    return max(0, ceil(abs(n - share) - 1))


class Fairness(Family):
    name = "fairness"
    stage = "fairness"
    soft_only = True

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        for cat, test in CATEGORIES.items():
            weight = pb.ruleset.weight(f"fair_{cat}")
            people = eligible(pb, cat)
            if not weight or not people:
                continue
            targets = {sid: pb.target_minutes(pb.staff_by_id[sid]) for sid in people}
            g = reduce(gcd, targets.values(), 0)
            if g == 0:
                continue  # T = 0: no fair share to compare with
            t = {sid: v // g for sid, v in targets.items()}
            total_t = sum(t.values())
            # Count variables keep every constraint below short (the team total appears in
            # each person's pair of constraints).
            n: dict[str, Any] = {}
            n_max: dict[str, int] = {}
            for sid in people:
                if not ctx.is_free(sid):  # frozen in a neighbourhood model: a constant count
                    n[sid] = n_max[sid] = ctx.frozen_count(sid, test)
                    continue
                vs = [v for opts in ctx.by_person_day[sid].values() for inst, _, v in opts if test(inst)]
                n_max[sid] = len(
                    {
                        d
                        for d, opts in ctx.by_person_day[sid].items()
                        if any(test(inst) for inst, _, _ in opts)
                    }
                )
                n[sid] = ctx.model.new_int_var(0, n_max[sid], f"n_{cat}[{sid}]")
                ctx.model.add(n[sid] == sum(vs))
            team_max = sum(n_max.values())
            team = ctx.model.new_int_var(0, team_max, f"team_{cat}")
            ctx.model.add(team == sum(n.values()))
            for sid in people:
                # D = T·n − t·N; excess = max(0, ⌈(|D| − T) / T⌉)
                diff = total_t * n[sid] - t[sid] * team
                bound = max(n_max[sid], team_max)
                e = ctx.model.new_int_var(0, bound, f"fair_{cat}[{sid}]")
                ctx.model.add(total_t * e >= diff - total_t)
                ctx.model.add(total_t * e >= -diff - total_t)
                # Upper side, so that e is exact on every solution: e > 0 only beyond the band,
                # and then T·e ≤ |D| − 1 on the side where it is.
                pos = ctx.model.new_bool_var(f"fair_{cat}_pos[{sid}]")
                above = ctx.model.new_bool_var(f"fair_{cat}_above[{sid}]")
                ctx.model.add(e <= bound * pos)
                ctx.model.add(e >= 1).only_enforce_if(pos)
                ctx.model.add(total_t * e <= diff - 1).only_enforce_if([pos, above])
                ctx.model.add(total_t * e <= -diff - 1).only_enforce_if([pos, ~above])
                ctx.penalize(self.name, e, weight, f"fair {cat} {sid}")

    def penalty(self, problem: Problem, roster: Roster) -> list[Penalty]:
        out: list[Penalty] = []
        lang = problem.settings.language
        for cat, data in _shares(problem, roster).items():
            weight = problem.ruleset.weight(f"fair_{cat}")
            if not weight:
                continue
            for sid, (count, share) in data.items():
                ex = excess(count, share)
                if ex:
                    out.append(
                        Penalty(
                            self.name,
                            weight * ex * COST_SCALE,
                            ex,
                            reason(
                                "fair",
                                lang,
                                staff=sid,
                                count=count,
                                noun=reason(f"noun.{cat}", lang),
                                share=f"{float(share):.2f}",
                                excess=ex,
                            ),
                            sid,
                            key=f"weight.fair_{cat}",
                        )
                    )
        return out


def _shares(problem: Problem, roster: Roster) -> dict[str, dict[str, tuple[int, Fraction]]]:
    """Per category with T > 0: per eligible person, (count, fair share as an exact fraction)."""
    out: dict[str, dict[str, tuple[int, Fraction]]] = {}
    for cat in CATEGORIES:
        people = eligible(problem, cat)
        targets = {sid: problem.target_minutes(problem.staff_by_id[sid]) for sid in people}
        total_t = sum(targets.values())
        if not people or total_t == 0:
            continue
        counts = _counts(problem, roster, cat)
        team = sum(counts.get(sid, 0) for sid in people)
        out[cat] = {sid: (counts.get(sid, 0), Fraction(targets[sid] * team, total_t)) for sid in people}
    return out


def fairness_report(problem: Problem, roster: Roster) -> dict[str, dict[str, Any]]:
    """Per category: ``per_person`` {staff: (count, fair share)}, ``spread`` (max − min of count
    per FTE) and ``team_average`` (team total per FTE). Categories nobody can work, or whose
    eligible people have no contract target, are left out."""
    fte_minutes = FTE_MINUTES_PER_WEEK * problem.weeks
    out: dict[str, dict[str, Any]] = {}
    for cat, data in _shares(problem, roster).items():
        per_fte = []
        total_fte = 0.0
        for sid in data:
            fte = problem.target_minutes(problem.staff_by_id[sid]) / fte_minutes
            total_fte += fte
            if fte > 0:
                per_fte.append(data[sid][0] / fte)
        team = sum(c for c, _ in data.values())
        out[cat] = {
            "per_person": {sid: (c, float(s)) for sid, (c, s) in data.items()},
            "spread": max(per_fte) - min(per_fte) if per_fte else 0.0,
            "team_average": team / total_fte if total_fte else 0.0,
        }
    return out
