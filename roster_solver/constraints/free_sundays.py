"""Free Sundays: at least 13 Sundays without any work per 52 weeks (ATW art. 5:6), pro rata.

Rule: a person has at least ``⌊min_free_sundays_52w × weeks / 52⌋`` free Sundays in the horizon;
a horizon of 52 weeks or more is cut into blocks of 52 weeks from ``start_date`` (each needs
``min_free_sundays_52w``; a trailing shorter block needs its pro-rata share). A free Sunday has
no work at all between Sunday 00:00 and 24:00: a Saturday night shift that ends on Sunday spends
that Sunday. Absence (leave, sickness) and days outside employment are free Sundays.

Formula: ``#{Sundays s in the block : no worked shift overlaps [s 00:00, s+1 00:00)} ≥
⌊min × block_weeks / 52⌋``, deliberately stricter than the law for short horizons (docs/rules.md).

Hard; ``penalty`` is empty. Parameter: ``min_free_sundays_52w`` from the profile section
``[free_sundays]`` (0 switches the rule off).

Formulation: one Boolean ``free`` per Sunday that someone could spend working; it forbids the
Sunday's work indicator and every Saturday option running past Sunday 00:00. A Sunday with no
such option counts as a constant. The sum per block is at least the requirement.

Training absences with date-times are not counted as work here: docs/workbook-contract.md makes them working
time for the rest and weekly-hour rules only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import Problem
from ..i18n import reason
from ..roster import Roster, Violation
from ..timeline import timeline
from .base import Family

if TYPE_CHECKING:
    from ..engine.context import ModelContext

WEEKS_PER_YEAR = 52
SUNDAY = 6


def sunday_blocks(problem: Problem, minimum: int) -> list[tuple[list[int], int]]:
    """``(Sunday day indexes, free Sundays needed)`` per block of at most 52 weeks."""
    sundays = [d for d in range(problem.n_days) if problem.date_of(d).weekday() == SUNDAY]
    out = []
    for first_week in range(0, problem.weeks, WEEKS_PER_YEAR):
        weeks = min(WEEKS_PER_YEAR, problem.weeks - first_week)
        lo, hi = 7 * first_week, 7 * (first_week + weeks)
        need = minimum * weeks // WEEKS_PER_YEAR
        out.append(([d for d in sundays if lo <= d < hi], need))
    return out


class FreeSundays(Family):
    name = "free_sundays"

    @staticmethod
    def _minimum(problem: Problem) -> int:
        return int(problem.ruleset.get("min_free_sundays_52w", 0) or 0)

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        minimum = self._minimum(pb)
        if minimum <= 0:
            return
        for p in ctx.staff:
            for sundays, need in sunday_blocks(pb, minimum):
                if need <= 0:
                    continue
                free_const = 0
                lits = []
                for d in sundays:
                    lo = pb.day_start(d)
                    forbid = [v for inst, _, v in ctx.options(p.id, d - 1) if inst.end > lo]
                    if ctx.options(p.id, d):
                        w = ctx.work(p.id, d)
                        assert not isinstance(w, int)
                        forbid.append(w)
                    if not forbid:
                        free_const += 1
                        continue
                    b = ctx.model.new_bool_var(f"free_sunday[{p.id},{d}]")
                    ctx.model.add_bool_and([v.Not() for v in forbid]).only_enforce_if(b)
                    lits.append(b)
                if free_const >= need:
                    continue
                ctx.model.add(sum(lits) >= need - free_const)

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        minimum = self._minimum(problem)
        if minimum <= 0:
            return []
        tl = timeline(problem, roster)
        out: list[Violation] = []
        for p in problem.staff:
            busy = [(w.inst.start, w.inst.end) for w in tl.of(p.id)]
            for sundays, need in sunday_blocks(problem, minimum):
                if need <= 0:
                    continue
                free = 0
                for d in sundays:
                    lo, hi = problem.day_start(d), problem.day_start(d + 1)
                    if not any(s < hi and lo < e for s, e in busy):
                        free += 1
                if free < need:
                    first = problem.date_of(sundays[0] - 6)
                    last = problem.date_of(sundays[-1])
                    out.append(
                        Violation(
                            self.name,
                            reason(
                                "v.free_sunday" if free == 1 else "v.free_sundays",
                                problem.settings.language,
                                free=free,
                                first=first,
                                last=last,
                                need=need,
                            ),
                            p.id,
                            first,
                        )
                    )
        return out


__all__ = ["FreeSundays", "sunday_blocks"]
