"""Availability: who may work which shift where, Fixed pins and hard wishes.

Rule: a person works only shifts they are available for — employed, not absent (no overlap in
real time with an absence), the shift allowed on that day and for that person, an allowed area,
no nights under ``no_nights`` or under ``min_age_nights``, inside ``only`` windows and outside
``never`` windows — unless a Fixed pin says otherwise for shift, area and day defaults (a pin
never overrides absence, the law or a hard wish). Every Fixed pin is worked as pinned, and every
``must`` wish (and ``never off``) is worked.
Hard. Parameters: Staff, Shifts, Absence, Wishes, Fixed; ``min_age_nights`` from the profile.
Formulation: assignment variables are created only for available candidates; pins and must
wishes are sums fixed to 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import OFF, Problem
from ..i18n import reason
from ..roster import Roster, Violation
from ..timeline import timeline
from .base import Family

if TYPE_CHECKING:
    from ..engine.context import ModelContext


class Availability(Family):
    name = "availability"

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        for f in pb.fixed:
            day = pb.day_index(f.date)
            if f.shift == OFF or not ctx.is_free(f.staff):
                continue  # no variable was created for that day, or the person is frozen
            area = f.area or pb.staff_by_id[f.staff].home_area
            var = ctx.x.get((f.staff, day, f.shift, area))
            if var is None:
                ctx.model.add_bool_or([])  # the pin cannot be worked: infeasible, explained later
            else:
                ctx.model.add(var == 1)
        for w, day in pb.must_wishes():
            if not ctx.is_free(w.staff):
                continue
            if w.kind == "must" and w.shift not in (None, OFF):
                ctx.model.add(ctx.on_shift(w.staff, day, w.shift) == 1)
            else:
                ctx.model.add(ctx.work(w.staff, day) == 1)

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        out: list[Violation] = []
        tl = timeline(problem, roster)
        lang = problem.settings.language
        for u in tl.unknown:
            out.append(
                Violation(
                    self.name,
                    reason("v.unknown", lang, staff=u.staff, shift=u.shift),
                    u.staff,
                    u.date,
                    u.area,
                )
            )
        for p in problem.staff:
            for w in tl.horizon(p.id):
                a = w.assignment
                assert a is not None and w.area is not None
                if not 0 <= w.inst.day < problem.n_days:
                    out.append(Violation(self.name, reason("v.outside", lang), p.id, a.date))
                    continue
                if w.area not in problem.area_by_code:
                    out.append(
                        Violation(
                            self.name, reason("v.unknown_area", lang, area=w.area), p.id, a.date, w.area
                        )
                    )
                    continue
                why = problem.unavailable_reason(p, w.inst, w.area, lang)
                if why:
                    out.append(
                        Violation(
                            self.name,
                            reason("v.not_allowed", lang, shift=a.shift, area=a.area, why=why),
                            p.id,
                            a.date,
                            a.area,
                        )
                    )
        by_key = {(a.staff, a.date): a for a in roster.assignments}
        for f in problem.fixed:
            a = by_key.get((f.staff, f.date))
            if f.shift == OFF:
                if a is not None:
                    out.append(Violation(self.name, reason("v.pinned_off", lang), f.staff, f.date))
                continue
            area = f.area or problem.staff_by_id[f.staff].home_area
            if a is None or a.shift != f.shift or a.area != area:
                out.append(
                    Violation(
                        self.name,
                        reason("v.pinned_to", lang, shift=f.shift, area=area),
                        f.staff,
                        f.date,
                        area,
                    )
                )
        for wish, day in problem.must_wishes():
            d = problem.date_of(day)
            a = by_key.get((wish.staff, d))
            if a is None:
                out.append(Violation(self.name, reason("v.must_day", lang), wish.staff, d))
            elif wish.kind == "must" and wish.shift not in (None, OFF) and a.shift != wish.shift:
                out.append(
                    Violation(
                        self.name,
                        reason("v.must_shift", lang, shift=wish.shift, other=a.shift),
                        wish.staff,
                        d,
                    )
                )
        return out
