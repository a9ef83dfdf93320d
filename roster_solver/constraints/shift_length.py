"""Shift length: no shift is longer than the law allows, and every shift has its minimum break.

Rule: the working time of each assigned dated shift (elapsed length minus ``break_minutes``) is at
most ``max_shift_hours`` (ATW art. 5:7), at most ``max_night_shift_hours`` when it is a night
shift (art. 5:8), and its ``break_minutes`` is at least what the ``min_break_minutes`` table asks
for that working time (art. 5:4).
Formula: ``work(i) ≤ max_shift``; ``night(i) → work(i) ≤ max_night``;
``break(shift) ≥ break_for(work(i), table)``, for every assignment ``i``, judged per *dated* shift
(the October clock-change night is one hour longer, so a night shift may break a limit only on
that date).
Hard. Parameters: ``max_shift_hours``, ``max_night_shift_hours``, ``min_break_minutes`` from the
rule profile (Rules sheet overrides); 0 (or an empty table) switches a part off. No penalty.
Formulation: the domain creates no candidate that breaks the hour limits
(:meth:`Problem.law_blocks_instance`); the break table is validated per shift type by the domain,
so the model only forbids the rare dated candidates whose clock-change length needs a longer break.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import Problem, ShiftInstance
from ..i18n import reason
from ..profile import break_for
from ..roster import Roster, Violation
from ..timeline import timeline
from .base import Family

if TYPE_CHECKING:
    from ..engine.context import ModelContext


def hours_text(minutes: int, lang: str | None = None) -> str:
    """``490`` → ``"8 h 10 min"``, ``480`` → ``"8 h"``, ``-30`` → ``"-30 min"`` (overlap); in
    Dutch ``"8 uur 10 min"``."""
    sign = "-" if minutes < 0 else ""
    h, m = divmod(abs(minutes), 60)
    unit = "uur" if lang == "nl" else "h"
    parts = ([f"{h} {unit}"] if h or not m else []) + ([f"{m} min"] if m else [])
    return sign + " ".join(parts)


class ShiftLength(Family):
    name = "shift_length"

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        for (_, day, code, _), var in ctx.x.items():
            if self._break_problem(pb, pb.instance(code, day)):
                ctx.model.add(var == 0)

    @staticmethod
    def _break_problem(problem: Problem, inst: ShiftInstance) -> int | None:
        """The minimum break the dated shift needs when its break is shorter (else None)."""
        need = break_for(inst.work, problem.ruleset.get("min_break_minutes") or [])
        have = problem.shift_by_code[inst.shift].break_minutes
        return need if have < need else None

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        r = problem.ruleset
        max_shift = r.minutes("max_shift_hours")
        max_night = r.minutes("max_night_shift_hours")
        out: list[Violation] = []
        tl = timeline(problem, roster)
        for p in problem.staff:
            for w in tl.horizon(p.id):
                inst = w.inst
                lang = problem.settings.language
                what = {
                    "shift": inst.shift,
                    "date": inst.date.isoformat(),
                    "work": hours_text(inst.work, lang),
                }
                if max_shift and inst.work > max_shift:
                    out.append(
                        Violation(
                            self.name,
                            reason("v.shift_long", lang, most=hours_text(max_shift, lang), **what),
                            p.id,
                            inst.date,
                            w.area,
                        )
                    )
                if inst.night and max_night and inst.work > max_night:
                    out.append(
                        Violation(
                            self.name,
                            reason("v.night_long", lang, most=hours_text(max_night, lang), **what),
                            p.id,
                            inst.date,
                            w.area,
                        )
                    )
                need = self._break_problem(problem, inst)
                if need is not None:
                    have = problem.shift_by_code[inst.shift].break_minutes
                    out.append(
                        Violation(
                            self.name,
                            reason("v.break", lang, have=have, need=need, **what),
                            p.id,
                            inst.date,
                            w.area,
                        )
                    )
        return out
