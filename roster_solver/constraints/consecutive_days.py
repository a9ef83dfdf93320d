"""Consecutive days: at most so many working days in a row; per person, minimum run lengths.

Rules (a working day is a date on which a shift starts; History included):

(a) a series of working days is at most ``max_consecutive_days`` long (profile; a Staff
    ``max_consecutive_days`` overrides it for that person);
(b) every maximal run of working days is at least Staff ``min_consecutive_days`` long, and
(c) every maximal run of days off at least Staff ``min_consecutive_days_off`` long,
    except runs that touch the horizon's last day (their true length is unknown) and runs that
    start at the beginning of what is known of the person: the horizon's first day for a person
    without History rows, else the person's earliest History row (worked or ``off``; the days
    from there up to the horizon without a worked History row are known days off). A run counts
    only when it, or the day that ends it, lies in the horizon: a run that History itself ends
    is a fact, not this roster's doing.

Formulas, with ``w(d)`` = the person works a shift starting on day ``d`` (History constants
before the horizon, 0 after it):
(a) ``Σ_{d=s}^{s+M} w(d) ≤ M`` for every window of ``M+1`` days that holds a horizon day;
(b) for each length ``k < min``: no ``¬w(s−1) ∧ w(s) ∧ … ∧ w(s+k−1) ∧ ¬w(s+k)``;
(c) for each length ``k < min_off``: no ``w(s−1) ∧ ¬w(s) ∧ … ∧ ¬w(s+k−1) ∧ w(s+k)``;
(b) and (c) are the "no short block" clauses of OR-Tools' ``shift_scheduling_sat.py``.
Hard. Parameters: ``max_consecutive_days`` (profile, 0 = off; Staff override), Staff
``min_consecutive_days`` and ``min_consecutive_days_off``. No penalty, except: a Rules row
``max_consecutive_days`` with ``hard = no`` makes (a) soft (docs/rules.md), at
``weight.max_consecutive_days`` (default 100) per working day beyond the limit: per window of
``M+1`` days ending on a horizon day, one Boolean equal to "every day of the window is worked",
so a run of ``L > M`` days costs ``L − M`` (its days beyond the limit inside the horizon).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain import Problem, StaffMember
from ..i18n import reason
from ..roster import COST_SCALE, Penalty, Roster, Violation
from ..timeline import timeline
from .base import Family
from .night_work import runs
from .rotation import _and_equal

if TYPE_CHECKING:
    from ..engine.context import ModelContext


def known_from(problem: Problem, staff: str) -> int:
    """First day whose work status is known: the earliest History row of the person, else day 0."""
    return min([problem.day_index(h.date) for h in problem.history if h.staff == staff] + [0])


class ConsecutiveDays(Family):
    name = "consecutive_days"

    # ------------------------------------------------------------------ model

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        weight = pb.ruleset.soft_weight("max_consecutive_days")
        for p in ctx.staff:
            most = pb.max_consecutive_days_limit(p)
            if most:
                self._max_days(ctx, p, most, weight)
            first = known_from(pb, p.id)
            if p.min_consecutive_days and p.min_consecutive_days > 1:
                self._no_short_block(ctx, p, p.min_consecutive_days, True, first)
            if p.min_consecutive_days_off and p.min_consecutive_days_off > 1:
                self._no_short_block(ctx, p, p.min_consecutive_days_off, False, first)

    def _max_days(self, ctx: ModelContext, p: StaffMember, most: int, weight: int | None) -> None:
        for s in range(-most, ctx.problem.n_days - most):
            works = [ctx.work(p.id, d) for d in range(s, s + most + 1)]
            if any(isinstance(w, int) and w == 0 for w in works):
                continue
            if weight is not None:  # soft: the window's last day is a day beyond the limit
                over = _and_equal(ctx, f"days_beyond[{p.id},{s + most}]", works, [])
                ctx.penalize(
                    self.name,
                    over,
                    weight,
                    f"day beyond max_consecutive_days {p.id} day {s + most}",
                    staff=p.id,
                )
                continue
            variables = [w for w in works if not isinstance(w, int)]
            ctx.model.add(sum(variables) <= most - (len(works) - len(variables)))

    @staticmethod
    def _no_short_block(ctx: ModelContext, p: StaffMember, least: int, working: bool, first: int) -> None:
        """Forbid every run of ``working`` days (or days off) shorter than ``least`` that is bounded
        on both sides by known days of the other kind, the closing day inside the horizon."""
        n = ctx.problem.n_days
        for k in range(1, least):
            # s−1 ≥ first: the day before the run is known; 0 ≤ s+k ≤ n−1: the day that ends
            # the run is in the horizon (so the roster decides the run's length).
            for s in range(max(first + 1, -k), n - k):
                # Literals that must all be true for the short run to exist.
                wanted = [
                    (s - 1, not working),
                    *((d, working) for d in range(s, s + k)),
                    (s + k, not working),
                ]
                clause = []
                for d, works in wanted:
                    w = ctx.work(p.id, d)
                    if isinstance(w, int):
                        if bool(w) != works:
                            break  # the pattern cannot occur
                        continue  # a known fact: no literal needed
                    clause.append(w.Not() if works else w)
                else:
                    ctx.model.add_bool_or(clause)

    # ------------------------------------------------------------------ checker

    def penalty(self, problem: Problem, roster: Roster) -> list[Penalty]:
        weight = problem.ruleset.soft_weight("max_consecutive_days")
        if weight is None:
            return []
        tl = timeline(problem, roster)
        out: list[Penalty] = []
        for p in problem.staff:
            most = problem.max_consecutive_days_limit(p)
            if not most:
                continue
            for a, b in runs(tl.worked_days(p.id)):
                # days beyond the limit: the run's days from a + most on, inside the horizon
                beyond = b - max(a + most, 0) + 1
                if b < 0 or beyond <= 0:
                    continue
                out.append(
                    Penalty(
                        self.name,
                        weight * beyond * COST_SCALE,
                        beyond,
                        reason(
                            "consecutive",
                            problem.settings.language,
                            staff=p.id,
                            days=b - a + 1,
                            date=problem.date_of(a).isoformat(),
                            beyond=beyond,
                            most=most,
                        ),
                        p.id,
                        problem.date_of(max(a + most, 0)),
                        key="weight.max_consecutive_days",
                    )
                )
        return out

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        tl = timeline(problem, roster)
        n = problem.n_days
        out: list[Violation] = []
        for p in problem.staff:
            worked = tl.worked_days(p.id)
            most = problem.max_consecutive_days_for(p)
            if most:
                for a, b in runs(worked):
                    if b >= 0 and b - a + 1 > most:
                        d = problem.date_of(max(a + most, 0))
                        out.append(
                            Violation(
                                self.name,
                                reason(
                                    "v.consecutive",
                                    problem.settings.language,
                                    days=b - a + 1,
                                    date=problem.date_of(a).isoformat(),
                                    most=most,
                                ),
                                p.id,
                                d,
                            )
                        )
            first = known_from(problem, p.id)
            known = set(range(first, n))
            for least, days, what in (
                (p.min_consecutive_days, worked & known, "working days"),
                (p.min_consecutive_days_off, known - worked, "days off"),
            ):
                if not least or least < 2:
                    continue
                for a, b in runs(days):
                    if b < -1 or b == n - 1 or a == first or b - a + 1 >= least:
                        continue
                    lang = problem.settings.language
                    out.append(
                        Violation(
                            self.name,
                            reason(
                                "v.min_run",
                                lang,
                                n=b - a + 1,
                                what=reason(
                                    "v.working_days" if what == "working days" else "v.days_off", lang
                                ),
                                first=problem.date_of(a).isoformat(),
                                last=problem.date_of(b).isoformat(),
                                rule=f"min_consecutive_{'days' if what == 'working days' else 'days_off'}",
                                least=least,
                            ),
                            p.id,
                            problem.date_of(max(a, 0)),
                        )
                    )
        return out
