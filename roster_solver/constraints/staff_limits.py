"""Per-person limits: how often a shift type is worked (Limits sheet) and Staff ``max_weekends``.

Rule: each person works each shift type at most ``max`` and at least ``min`` times in the
horizon (one Limits row per person and shift), and works on at most ``max_weekends`` weekends.
Formula: ``Σ_days x[p, day, shift, *] ≤ max`` and ``≥ min`` per Limits row; a weekend (the
Saturday and Sunday of one horizon week) counts as worked when the person works a shift that
STARTS on its Saturday or Sunday (a Friday night shift into Saturday does not count), and
``Σ_weekends worked ≤ max_weekends``. ``max_weekends = 0`` means no weekend work at all; an
empty cell means no limit.
Hard. Parameters: the Limits sheet (``staff, shift, max, min``) and Staff ``max_weekends``;
no profile keys. History does not count (the limits are over the horizon). A Rules row
``max_weekends`` with ``hard = no`` makes ``max_weekends`` soft (docs/rules.md) at
``weight.max_weekends`` (default 100) per weekend beyond it; the weekend Booleans are then
exact (equal to "works on that Saturday or Sunday") and one exact ``max(0, Σ − max_weekends)``
is priced.
Formulation: one linear sum per Limits row (omitted when it cannot bind); per person and
weekend one Boolean implied by the person's Saturday and Sunday work indicators.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from ..domain import Limit, Problem, StaffMember
from ..i18n import reason
from ..roster import COST_SCALE, Penalty, Roster, Violation
from ..timeline import timeline
from .base import Family

if TYPE_CHECKING:
    from ..engine.context import ModelContext

SATURDAY = 5  # day offset of the Saturday within a horizon week (weeks start on Monday)


def times(n: int, lang: str | None = None) -> str:
    return reason("times_one", lang) if n == 1 else reason("times_many", lang, n=n)


def weekends(n: int, lang: str | None = None) -> str:
    return reason("weekend_one", lang) if n == 1 else reason("weekend_many", lang, n=n)


def limit_row(lim: Limit, lang: str | None = None) -> str:
    if lim.src is None:
        return reason("limits_sheet", lang)
    return reason("limits_row", lang, row=lim.src.row)


def staff_row(p: StaffMember, lang: str | None = None) -> str:
    return reason("staff_row", lang, row=p.src.row) if p.src is not None else reason("staff_sheet", lang)


def weekend_days(problem: Problem) -> list[tuple[int, int]]:
    """(Saturday, Sunday) day indexes of every weekend in the horizon."""
    return [(7 * k + SATURDAY, 7 * k + SATURDAY + 1) for k in range(problem.weeks)]


class StaffLimits(Family):
    name = "staff_limits"

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        for lim in pb.limits:
            if (
                not ctx.is_free(lim.staff)
                or lim.staff not in pb.staff_by_id
                or lim.shift not in pb.shift_by_code
            ):
                continue
            lits = [
                v
                for day in range(pb.n_days)
                for inst, _, v in ctx.options(lim.staff, day)
                if inst.shift == lim.shift
            ]
            possible = len(
                {
                    day
                    for day in range(pb.n_days)
                    for inst, _, _ in ctx.options(lim.staff, day)
                    if inst.shift == lim.shift
                }
            )
            if lim.max is not None and lim.max < possible:
                ctx.model.add(sum(lits) <= lim.max)
            if lim.min:
                # LinearExpr.sum keeps "no candidate at all" a (violated) constraint, not a bool.
                ctx.model.add(cp_model.LinearExpr.sum(lits) >= lim.min)
        weight = pb.ruleset.soft_weight("max_weekends")
        for p in ctx.staff:
            if p.max_weekends is None:
                continue
            if weight is not None:
                self._soft_weekends(ctx, p, p.max_weekends, weight)
                continue
            weekends = []
            for sat, sun in weekend_days(pb):
                lits = [v for day in (sat, sun) for _, _, v in ctx.options(p.id, day)]
                if lits:
                    weekends.append(lits)
            if len(weekends) <= p.max_weekends:
                continue
            if p.max_weekends == 0:
                for lits in weekends:
                    ctx.model.add_bool_and([v.Not() for v in lits])
                continue
            worked = []
            for k, (sat, sun) in enumerate(weekend_days(pb)):
                # Implied by the two day indicators (not by every assignment literal): two
                # constraints per weekend instead of one per shift type and day.
                days = [d for d in (ctx.work(p.id, sat), ctx.work(p.id, sun)) if not isinstance(d, int)]
                if not days:
                    continue
                w = ctx.model.new_bool_var(f"weekend[{p.id},{k}]")
                for d in days:
                    ctx.model.add_implication(d, w)
                worked.append(w)
            ctx.model.add(sum(worked) <= p.max_weekends)

    def _soft_weekends(self, ctx: ModelContext, p: StaffMember, most: int, weight: int) -> None:
        worked: list[cp_model.IntVar] = []
        fixed = 0
        for k, (sat, sun) in enumerate(weekend_days(ctx.problem)):
            terms = [ctx.work(p.id, sat), ctx.work(p.id, sun)]
            if any(isinstance(t, int) and t for t in terms):
                fixed += 1
                continue
            days = [t for t in terms if not isinstance(t, int)]
            if not days:
                continue
            w = ctx.model.new_bool_var(f"weekend[{p.id},{k}]")
            for d in days:
                ctx.model.add_implication(d, w)
            ctx.model.add_bool_or(days).only_enforce_if(w)
            worked.append(w)
        if fixed + len(worked) <= most:
            return
        over = ctx.model.new_int_var(0, fixed + len(worked), f"weekends_over[{p.id}]")
        ctx.model.add_max_equality(over, [cp_model.LinearExpr.sum(worked) + fixed - most, 0])
        ctx.penalize(self.name, over, weight, f"weekends beyond max_weekends {p.id}", staff=p.id)

    def penalty(self, problem: Problem, roster: Roster) -> list[Penalty]:
        weight = problem.ruleset.soft_weight("max_weekends")
        if weight is None:
            return []
        out: list[Penalty] = []
        tl = timeline(problem, roster)
        for p in problem.staff:
            if p.max_weekends is None:
                continue
            days = {w.inst.day for w in tl.horizon(p.id)}
            worked = [
                problem.date_of(sat) for sat, sun in weekend_days(problem) if sat in days or sun in days
            ]
            beyond = len(worked) - p.max_weekends
            lang = problem.settings.language
            if beyond > 0:
                out.append(
                    Penalty(
                        self.name,
                        weight * beyond * COST_SCALE,
                        beyond,
                        reason(
                            "weekends",
                            lang,
                            staff=p.id,
                            n=weekends(len(worked), lang),
                            beyond=beyond,
                            most=p.max_weekends,
                            where=staff_row(p, lang),
                        ),
                        p.id,
                        worked[p.max_weekends],
                        key="weight.max_weekends",
                    )
                )
        return out

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        out: list[Violation] = []
        tl = timeline(problem, roster)
        counts: Counter[tuple[str, str]] = Counter()
        for p in problem.staff:
            for w in tl.horizon(p.id):
                counts[(p.id, w.inst.shift)] += 1
        lang = problem.settings.language
        for lim in problem.limits:
            n = counts[(lim.staff, lim.shift)]
            if lim.max is not None and n > lim.max:
                out.append(
                    Violation(
                        self.name,
                        reason(
                            "v.limit_max",
                            lang,
                            shift=lim.shift,
                            n=times(n, lang),
                            most=lim.max,
                            where=limit_row(lim, lang),
                        ),
                        lim.staff,
                    )
                )
            if lim.min is not None and n < lim.min:
                out.append(
                    Violation(
                        self.name,
                        reason(
                            "v.limit_min",
                            lang,
                            shift=lim.shift,
                            n=times(n, lang),
                            least=lim.min,
                            where=limit_row(lim, lang),
                        ),
                        lim.staff,
                    )
                )
        for p in problem.staff:
            if problem.max_weekends_for(p) is None or p.max_weekends is None:
                continue
            days = {w.inst.day for w in tl.horizon(p.id)}
            worked: list[date] = [
                problem.date_of(sat) for sat, sun in weekend_days(problem) if sat in days or sun in days
            ]
            if len(worked) > p.max_weekends:
                listed = ", ".join(d.isoformat() for d in worked)
                out.append(
                    Violation(
                        self.name,
                        reason(
                            "v.weekends",
                            lang,
                            n=weekends(len(worked), lang),
                            saturday=reason("saturday_many" if len(worked) > 1 else "saturday_one", lang),
                            dates=listed,
                            most=p.max_weekends,
                            where=staff_row(p, lang),
                        ),
                        p.id,
                    )
                )
        return out
