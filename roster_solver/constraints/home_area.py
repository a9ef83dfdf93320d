"""Home area: area teams know their wijk, so people are deployed in their home area.

Rule: every shift a person works in an area other than their Staff ``home_area`` costs
``weight.outside_home_area`` (profile section ``[home_area]``, default 3).
Soft. Formula: cost = weight × Σ x[p, d, s, a] over a ≠ home_area(p) (Fixed pins included;
History is not counted). Penalty unit: shifts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import Problem
from ..i18n import reason
from ..roster import COST_SCALE, Penalty, Roster
from .base import Family

if TYPE_CHECKING:
    from ..engine.context import ModelContext

KEY = "weight.outside_home_area"


class HomeArea(Family):
    name = "home_area"
    stage = "comfort"
    soft_only = True

    def add_to_model(self, ctx: ModelContext) -> None:
        weight = ctx.problem.ruleset.weight(KEY)
        if not weight:
            return
        for p in ctx.staff:
            away = [
                var
                for opts in ctx.by_person_day.get(p.id, {}).values()
                for _, area, var in opts
                if area != p.home_area
            ]
            if away:
                ctx.penalize(self.name, sum(away), weight, f"outside home area {p.id}", staff=p.id)

    def penalty(self, problem: Problem, roster: Roster) -> list[Penalty]:
        weight = problem.ruleset.weight(KEY)
        if not weight:
            return []
        out: list[Penalty] = []
        for a in roster.assignments:
            p = problem.staff_by_id.get(a.staff)
            if p is None or a.area == p.home_area:
                continue
            out.append(
                Penalty(
                    self.name,
                    weight * COST_SCALE,
                    1,
                    reason(
                        "home_area",
                        problem.settings.language,
                        staff=a.staff,
                        shift=a.shift,
                        area=a.area,
                        home=p.home_area,
                    ),
                    a.staff,
                    a.date,
                    a.area,
                    key=KEY,
                )
            )
        return out
