"""Contract hours: planned paid hours over the horizon stay near each person's contract target.

Rule: a person's planned hours P (the working minutes of every shift, counted in full on the
day the shift starts) lie inside the band around the contract target T
(``Problem.target_minutes``: pro rata for the days employed, minus credited absence, plus
``hours_balance``), and as close to T as possible.

Formula (all in minutes, ``tol`` = ``hours_tolerance_pct``, band from ``Problem.hours_band``):

- upper: ``P ≤ U`` with ``U = round(T × (1 + tol/100))``, or Staff ``max_hours``. **Hard**,
  unless a Rules row ``hours_tolerance_pct`` has ``hard = no`` (docs/rules.md): then **soft**,
  ``weight.hours_over × max(0, P − U)`` per hour above the band (default 100).
- lower: ``L = round(T × (1 − tol/100))``; **soft**, ``weight.hours_under × max(0, L − P)``
  per hour below the band, so a shortage of work never makes the problem infeasible; with
  Staff ``min_hours`` the lower bound is ``min_hours`` and **hard**.
- deviation: **soft**, ``weight.hours_deviation × |P − T|`` per hour, inside or outside the band.

``hours_tolerance_pct = 0`` switches the band off (profile ``none``); Staff ``min_hours`` /
``max_hours`` still apply then. Parameters: Staff (``hours_per_week``, ``min_hours``,
``max_hours``, ``hours_balance``, ``start_date``/``end_date``), Absence (credited hours), the
profile keys ``hours_tolerance_pct``, ``weight.hours_under``, ``weight.hours_deviation``.
Penalty unit: per person-hour, computed per minute (``per_minute``), reported in hours.
Formulation: per person one exact ``max(0, L − P)`` and one exact ``|P − T|`` integer variable
(``add_max_equality`` / ``add_abs_equality``), so any solution's objective equals
:meth:`ContractHours.penalty`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from ..domain import Problem, StaffMember
from ..i18n import reason
from ..roster import Penalty, Roster, Violation
from ..timeline import timeline
from ..units import hours_text
from .base import Family

if TYPE_CHECKING:
    from ..engine.context import ModelContext


def _row(p: StaffMember, lang: str | None = None) -> str:
    return reason("staff_row", lang, row=p.src.row) if p.src is not None else reason("staff_sheet", lang)


class ContractHours(Family):
    name = "contract_hours"
    stage = "hours"

    @staticmethod
    def tolerance(problem: Problem) -> float:
        return float(problem.ruleset.get("hours_tolerance_pct", 0) or 0)

    @staticmethod
    def planned_minutes(problem: Problem, roster: Roster) -> dict[str, int]:
        tl = timeline(problem, roster)
        return {
            p.id: sum(w.inst.work for w in tl.horizon(p.id) if 0 <= w.inst.day < problem.n_days)
            for p in problem.staff
        }

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        band_on = self.tolerance(pb) > 0
        w_under = pb.ruleset.weight("hours_under")
        w_dev = pb.ruleset.weight("hours_deviation")
        w_over = pb.ruleset.soft_weight("hours_tolerance_pct")
        for p in ctx.staff:
            variables: list[cp_model.IntVar] = []
            coeffs: list[int] = []
            for day in range(pb.n_days):
                for inst, _, var in ctx.options(p.id, day):
                    variables.append(var)
                    coeffs.append(inst.work)
            most = sum(coeffs)
            # One variable for the planned minutes keeps the exact max/abs below small (a
            # max over a 100-term sum makes presolve several seconds slower).
            planned = ctx.model.new_int_var(0, most, f"planned[{p.id}]")
            ctx.model.add(planned == cp_model.LinearExpr.weighted_sum(variables, coeffs))
            target = pb.target_minutes(p)
            lower, upper, lower_hard, upper_hard = pb.hours_band(p)
            if upper_hard and upper < most:
                ctx.model.add(planned <= upper)
            elif w_over is not None and pb.has_upper_band(p) and upper < most:
                over = ctx.model.new_int_var(0, most - upper, f"hours_over[{p.id}]")
                ctx.model.add_max_equality(over, [planned - upper, 0])
                ctx.penalize(self.name, over, w_over, f"hours above band {p.id}", per_minute=True, staff=p.id)
            if lower_hard:
                if lower > 0:
                    ctx.model.add(planned >= lower)
            elif band_on and w_under and lower > 0:
                under = ctx.model.new_int_var(0, lower, f"hours_under[{p.id}]")
                ctx.model.add_max_equality(under, [lower - planned, 0])
                ctx.penalize(
                    self.name, under, w_under, f"hours below band {p.id}", per_minute=True, staff=p.id
                )
            if w_dev:
                dev = ctx.model.new_int_var(0, max(target, most), f"hours_dev[{p.id}]")
                ctx.model.add_abs_equality(dev, planned - target)
                ctx.penalize(self.name, dev, w_dev, f"hours deviation {p.id}", per_minute=True, staff=p.id)

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        out: list[Violation] = []
        planned = self.planned_minutes(problem, roster)
        pct = self.tolerance(problem)
        for p in problem.staff:
            got = planned[p.id]
            target = problem.target_minutes(p)
            lower, upper, lower_hard, upper_hard = problem.hours_band(p)
            if upper_hard and got > upper:
                lang = problem.settings.language
                why = (
                    f"max_hours, {_row(p, lang)}"
                    if p.max_hours is not None
                    else reason("hours_why", lang, target=hours_text(target), pct=f"{pct:g}")
                )
                out.append(
                    Violation(
                        self.name,
                        reason("v.hours_max", lang, got=hours_text(got), upper=hours_text(upper), why=why),
                        p.id,
                    )
                )
            if lower_hard and got < lower:
                lang = problem.settings.language
                out.append(
                    Violation(
                        self.name,
                        reason(
                            "v.hours_min",
                            lang,
                            got=hours_text(got),
                            lower=hours_text(lower),
                            where=_row(p, lang),
                        ),
                        p.id,
                        too_few=True,
                    )
                )
        return out

    def penalty(self, problem: Problem, roster: Roster) -> list[Penalty]:
        out: list[Penalty] = []
        planned = self.planned_minutes(problem, roster)
        pct = self.tolerance(problem)
        w_under = problem.ruleset.weight("hours_under")
        w_dev = problem.ruleset.weight("hours_deviation")
        w_over = problem.ruleset.soft_weight("hours_tolerance_pct")
        lang = problem.settings.language
        for p in problem.staff:
            got = planned[p.id]
            target = problem.target_minutes(p)
            lower, upper, lower_hard, _ = problem.hours_band(p)
            above = max(0, got - upper)
            if w_over is not None and problem.has_upper_band(p) and above > 0:
                why = (
                    "max_hours"
                    if p.max_hours is not None
                    else reason("hours_why", lang, target=hours_text(target), pct=f"{pct:g}")
                )
                out.append(
                    Penalty(
                        self.name,
                        w_over * above,
                        above / 60,
                        reason(
                            "hours_over",
                            lang,
                            got=hours_text(got),
                            upper=hours_text(upper),
                            why=why,
                            above=hours_text(above),
                        ),
                        p.id,
                        key="weight.hours_over",
                    )
                )
            below = max(0, lower - got)
            if not lower_hard and pct > 0 and w_under and below > 0:
                out.append(
                    Penalty(
                        self.name,
                        w_under * below,
                        below / 60,
                        reason(
                            "hours_under",
                            lang,
                            got=hours_text(got),
                            lower=hours_text(lower),
                            target=hours_text(target),
                            pct=f"{pct:g}",
                            below=hours_text(below),
                        ),
                        p.id,
                        key="weight.hours_under",
                    )
                )
            dev = abs(got - target)
            if w_dev and dev > 0:
                side = "below" if got < target else "above"
                out.append(
                    Penalty(
                        self.name,
                        w_dev * dev,
                        dev / 60,
                        reason(
                            f"hours_dev_{side}",
                            lang,
                            got=hours_text(got),
                            target=hours_text(target),
                            dev=hours_text(dev),
                        ),
                        p.id,
                        key="weight.hours_deviation",
                    )
                )
        return out
