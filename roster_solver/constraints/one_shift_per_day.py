"""One shift per day: a person works at most one shift starting on any date.

Hard. No parameters. Formulation: the per-day work indicator is a Boolean equal to the sum
of the person's assignment variables of that day.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..domain import Problem
from ..i18n import reason
from ..roster import Roster, Violation
from .base import Family

if TYPE_CHECKING:
    from ..engine.context import ModelContext


class OneShiftPerDay(Family):
    name = "one_shift_per_day"

    def add_to_model(self, ctx: ModelContext) -> None:
        for p in ctx.staff:
            for day in range(ctx.problem.n_days):
                ctx.work(p.id, day)

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        counts = Counter((a.staff, a.date) for a in roster.assignments)
        return [
            Violation(self.name, reason("v.two_shifts", problem.settings.language, n=n), staff, d)
            for (staff, d), n in sorted(counts.items())
            if n > 1
        ]
