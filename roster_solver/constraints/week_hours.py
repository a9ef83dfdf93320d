"""Week hours: the law's caps on working time per week and on 4- and 16-week averages (ATW 5:7, 5:8).

Rules, per person (hard; ``penalty`` is empty):

- ``max_week_hours`` (60): work in every week of the horizon (Monday 00:00 to the next Monday
  00:00) is at most the cap.
- ``max_avg_week_hours_4w`` (55): work in every 4-week block is at most ``4 × cap``.
- ``max_avg_week_hours_16w`` (48): work in every 16-week block is at most ``16 × cap``.
- ``max_avg_week_hours_16w_nights`` (40): in a 16-week block in which the person works 16 or more
  night shifts (counted by the date they start, History included), work is at most ``16 × cap``.

Blocks are consecutive, anchored at Settings ``period_anchor`` (a Monday; default ``start_date``);
every block that shares a day with the horizon is checked on the hours known (History plus
horizon) against the full cap. The work of a shift counts in the week (block) in which it is
done: split at Monday 00:00 by elapsed time with the break spread in proportion, by
:func:`roster_solver.domain.work_in_window`, which the model and the checker share (integer
minutes). Training absences with date-times are working time (elapsed minutes, docs/workbook-contract.md).

Parameters from the profile section ``[week_hours]``; 0 switches a cap off.

Formulation: one linear sum per (person, week or block) over the assignment variables with their
work minutes inside the window as coefficients, plus History and training as constants; a sum
whose largest possible value is within the cap is not added. The night-shift cap is reified: a
Boolean ``many_nights`` with ``nights ≤ 15`` unless it holds and the 40-hour cap if it holds.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..calendar import overlap
from ..domain import Problem, ShiftInstance, work_in_window
from ..i18n import reason
from ..roster import Roster, Violation
from ..timeline import timeline
from ..units import hours_text
from .base import Family

if TYPE_CHECKING:
    from ..engine.context import LinearLike, ModelContext

NIGHTS_FOR_40H = 16  # ATW art. 5:8 lid 6: "16 or more night shifts in 16 weeks"


@dataclass(frozen=True)
class Period:
    """A week or block: days ``[first_day, first_day + 7 × weeks)``, minutes ``[lo, hi)``."""

    first_day: int
    weeks: int
    lo: int
    hi: int

    @property
    def days(self) -> range:
        return range(self.first_day, self.first_day + 7 * self.weeks)


def blocks(problem: Problem, weeks: int) -> list[Period]:
    """Consecutive blocks of ``weeks`` weeks anchored at ``period_anchor`` that meet the horizon."""
    anchor = problem.settings.period_anchor or problem.start_date
    a = problem.day_index(anchor)
    size = 7 * weeks
    first = (0 - a) // size
    last = (problem.n_days - 1 - a) // size
    out = []
    for k in range(first, last + 1):
        d0 = a + k * size
        out.append(Period(d0, weeks, problem.day_start(d0), problem.day_start(d0 + size)))
    return out


def horizon_weeks(problem: Problem) -> list[Period]:
    return [Period(7 * w, 1, problem.week_start(w), problem.week_start(w + 1)) for w in range(problem.weeks)]


def known_work(problem: Problem, insts: Iterable[ShiftInstance], staff: str, lo: int, hi: int) -> int:
    """Work minutes in ``[lo, hi)`` of the given worked instances plus the person's training."""
    total = sum(work_in_window(i, lo, hi) for i in insts)
    total += sum(overlap(w.start, w.end, lo, hi) for w in problem.training_windows.get(staff, []))
    return total


class WeekHours(Family):
    name = "week_hours"

    @staticmethod
    def _caps(problem: Problem) -> tuple[int, int, int, int]:
        r = problem.ruleset
        return (
            r.minutes("max_week_hours"),
            r.minutes("max_avg_week_hours_4w"),
            r.minutes("max_avg_week_hours_16w"),
            r.minutes("max_avg_week_hours_16w_nights"),
        )

    @staticmethod
    def _limits(problem: Problem) -> list[tuple[str, Period, int]]:
        """Every (kind, period, cap in minutes) to enforce, night-shift cap excluded."""
        week, avg4, avg16, _ = WeekHours._caps(problem)
        out: list[tuple[str, Period, int]] = []
        if week:
            out += [("week", per, week) for per in horizon_weeks(problem)]
        if avg4:
            out += [("4w", per, 4 * avg4) for per in blocks(problem, 4)]
        if avg16:
            out += [("16w", per, 16 * avg16) for per in blocks(problem, 16)]
        return out

    # ------------------------------------------------------------------ model

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        limits = self._limits(pb)
        nights_cap = self._caps(pb)[3]
        night_blocks = blocks(pb, 16) if nights_cap else []
        for p in ctx.staff:
            history = pb.history_instances.get(p.id, [])
            for _, per, cap in limits:
                expr, const, most = self._work_expr(ctx, p.id, history, per)
                if most <= cap:
                    continue
                if not expr:
                    ctx.model.add_bool_or([])  # History and training alone break the cap
                    continue
                ctx.model.add(sum(expr) <= cap - const)
            for per in night_blocks:
                self._add_night_block(ctx, p.id, history, per, 16 * nights_cap)

    @staticmethod
    def _work_expr(
        ctx: ModelContext,
        staff: str,
        history: list[ShiftInstance],
        per: Period,
    ) -> tuple[list[LinearLike], int, int]:
        """(terms, constant, largest possible total) of the person's work in ``per``."""
        pb = ctx.problem
        const = known_work(pb, history, staff, per.lo, per.hi)
        terms: list[LinearLike] = []
        most = const
        # A shift of the day before the period can run into it.
        for d in range(max(per.first_day - 1, 0), min(per.days.stop, pb.n_days)):
            best = 0
            for inst, _, var in ctx.options(staff, d):
                c = work_in_window(inst, per.lo, per.hi)
                if c:
                    terms.append(c * var)
                    best = max(best, c)
            most += best
        return terms, const, most

    @staticmethod
    def _add_night_block(
        ctx: ModelContext,
        staff: str,
        history: list[ShiftInstance],
        per: Period,
        cap: int,
    ) -> None:
        pb = ctx.problem
        expr, const, most = WeekHours._work_expr(ctx, staff, history, per)
        if most <= cap:
            return
        known_nights = sum(1 for i in history if i.night and i.day in per.days)
        night_terms = [ctx.night(staff, d) for d in per.days if 0 <= d < pb.n_days]
        night_terms = [t for t in night_terms if not (isinstance(t, int) and t == 0)]
        if known_nights + len(night_terms) < NIGHTS_FOR_40H:
            return
        model = ctx.model
        if known_nights >= NIGHTS_FOR_40H:
            if not expr:
                model.add_bool_or([])
            else:
                model.add(sum(expr) <= cap - const)
            return
        many = model.new_bool_var(f"many_nights[{staff},{per.first_day}]")
        model.add(sum(night_terms) <= NIGHTS_FOR_40H - 1 - known_nights).only_enforce_if(many.Not())
        if expr:
            model.add(sum(expr) <= cap - const).only_enforce_if(many)
        else:
            model.add(many == 0)

    # ------------------------------------------------------------------ checker

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        tl = timeline(problem, roster)
        limits = self._limits(problem)
        nights_cap = self._caps(problem)[3]
        out: list[Violation] = []
        for p in problem.staff:
            worked = [w.inst for w in tl.of(p.id)]  # sorted by start
            starts = [i.start for i in worked]
            longest = max((i.end - i.start for i in worked), default=0)
            for kind, per, cap in limits:
                # Only the shifts that can overlap the period (a year of shifts per week was
                # quadratic: 6 s per check of 150 people over 26 weeks).
                near = worked[bisect_left(starts, per.lo - longest) : bisect_left(starts, per.hi)]
                total = known_work(problem, near, p.id, per.lo, per.hi)
                if total <= cap:
                    continue
                d0 = problem.date_of(per.first_day)
                lang = problem.settings.language
                if kind == "week":
                    text = reason("v.week_hours", lang, date=d0, total=hours_text(total), cap=hours_text(cap))
                else:
                    text = reason(
                        "v.period_hours",
                        lang,
                        weeks=per.weeks,
                        date=d0,
                        total=hours_text(total),
                        cap=hours_text(cap),
                        avg=hours_text(cap // per.weeks),
                    )
                out.append(Violation(self.name, text, p.id, d0))
            if not nights_cap:
                continue
            for per in blocks(problem, 16):
                nights = sum(1 for i in worked if i.night and i.day in per.days)
                if nights < NIGHTS_FOR_40H:
                    continue
                cap = 16 * nights_cap
                total = known_work(problem, worked, p.id, per.lo, per.hi)
                if total <= cap:
                    continue
                d0 = problem.date_of(per.first_day)
                out.append(
                    Violation(
                        self.name,
                        reason(
                            "v.night_hours",
                            problem.settings.language,
                            date=d0,
                            nights=nights,
                            total=hours_text(total),
                            cap=hours_text(cap),
                            avg=hours_text(nights_cap),
                            many=NIGHTS_FOR_40H,
                        ),
                        p.id,
                        d0,
                    )
                )
        return out


__all__ = ["Period", "WeekHours", "blocks", "horizon_weeks", "known_work"]
