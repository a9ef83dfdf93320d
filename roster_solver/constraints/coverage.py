"""Coverage: enough people on duty per area, skill and moment, as the Demand sheet asks.

Rule: for every segment ``s`` of :func:`roster_solver.coverage.segments` (an elementary interval
of one area-and-skill requirement, see that module for how Demand rows merge) the number of
people ``P`` whose shift spans ``s`` in its area (any area for ``*``) with its skill is at least
``min``, preferably at least ``target`` and at most ``max``. Shift requirements
(:func:`roster_solver.coverage.shift_requirements`, Demand rows with ``shift``) ask the same of
the number of people on that shift type that day.

Formula, per segment of ``m`` elapsed minutes (per shift requirement: ``m`` is left out and the
weights are per person):

- minimum: Settings ``shortage = forbid``: ``P ≥ min``, **hard**. ``shortage = report``:
  **soft**, ``weight.short_of_min × max(0, min − P) × m`` (the dominating cost; its terms carry
  the label prefix ``min:`` so a lexicographic solve puts them in stage ``minimum``).
- target: **soft**, ``weight_under × max(0, target − P) × m`` (row ``weight_under``, else
  ``weight.short_of_target``); stage ``coverage``.
- maximum: **soft**, ``weight_over × max(0, P − max) × m`` (row ``weight_over``, else
  ``weight.over_max``); stage ``coverage``.

Parameters: the Demand sheet, Settings ``shortage``, the profile weights above (section
``coverage``). Penalty unit: per person-hour, computed per person-minute (``per_minute``), and
reported in person-hours; shift requirements per person. Formulation: one exact
``max(0, ·)`` integer variable (``add_max_equality``) per segment and kind, only where it can be
non-zero, so any solution's objective share equals :meth:`Coverage.penalty`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from ..coverage import (
    CoverageRow,
    coverage_table,
    describe_day,
    describe_iso,
    describe_place,
    describe_times,
    qualifies,
    segments,
    shift_requirements,
    spanned_by,
)
from ..domain import Problem, StaffMember
from ..i18n import reason
from ..roster import COST_SCALE, Penalty, Roster, Violation
from ..units import hours_text
from .base import Family

if TYPE_CHECKING:
    from ..engine.context import ModelContext


KEY_MIN = "weight.short_of_min"
KEY_TARGET = "weight.short_of_target"
KEY_OVER = "weight.over_max"


class Coverage(Family):
    name = "coverage"
    stage = "coverage"

    @staticmethod
    def forbid(problem: Problem) -> bool:
        return problem.settings.shortage == "forbid"

    # ------------------------------------------------------------------ model

    def add_to_model(self, ctx: ModelContext) -> None:
        pb = ctx.problem
        by_inst: dict[tuple[str, int], list[tuple[str, StaffMember, cp_model.IntVar]]] = defaultdict(list)
        # Per segment: the variables that count toward it, and (a neighbourhood model's frozen
        # people are constants) how many frozen assignments do. Looked up from each assignment,
        # not from each segment: far cheaper on a long horizon with few free people.
        segs = segments(pb)
        variables_of: list[list[cp_model.IntVar]] = [[] for _ in segs]
        const_of = [0] * len(segs)
        for (sid, day, code, area), var in ctx.x.items():
            p = pb.staff_by_id[sid]
            by_inst[(code, day)].append((area, p, var))
            for k in spanned_by(pb, p, code, day, area):
                variables_of[k].append(var)
        frozen: dict[tuple[str, int], list[tuple[str, StaffMember]]] = defaultdict(list)
        for sid, day, code, area in ctx.frozen:
            p = pb.staff_by_id[sid]
            frozen[(code, day)].append((area, p))
            for k in spanned_by(pb, p, code, day, area):
                const_of[k] += 1
        for k, seg in enumerate(segs):
            label = f"{seg.area}/{seg.skill or ''}@{seg.start}-{seg.end}"
            self._require(
                ctx,
                variables_of[k],
                const_of[k],
                seg.min,
                seg.target,
                seg.max,
                seg.weight_under,
                seg.weight_over,
                seg.minutes,
                label,
                seg.area,
            )
        for req in shift_requirements(pb):
            key = (req.shift, req.day)
            variables = [v for area, p, v in by_inst.get(key, ()) if qualifies(p, area, req.area, req.skill)]
            const = sum(1 for area, p in frozen.get(key, ()) if qualifies(p, area, req.area, req.skill))
            label = f"{req.area}/{req.skill or ''}@{req.day}:{req.shift}"
            self._require(
                ctx,
                variables,
                const,
                req.min,
                req.target,
                req.max,
                req.weight_under,
                req.weight_over,
                None,
                label,
                req.area,
                pb.instance(req.shift, req.day).duration,
            )

    def _require(
        self,
        ctx: ModelContext,
        variables: list[cp_model.IntVar],
        const: int,
        lo: int,
        target: int,
        hi: int | None,
        w_under: int,
        w_over: int,
        minutes: int | None,
        label: str,
        area: str,
        shift_minutes: int = 0,
    ) -> None:
        """Add one requirement of ``area`` on ``P = const + sum(variables)`` (``const``: the
        frozen people of a neighbourhood model); ``minutes`` None means per person (a shift row,
        whose missing person counts ``shift_minutes`` of unmet minimum)."""
        model = ctx.model
        # The levels as the variables see them: what the frozen people leave.
        lo, target = lo - const, target - const
        hi = None if hi is None else hi - const
        n = len(variables)
        planned: cp_model.LinearExprT = 0
        if n == 1:
            planned = variables[0]
        elif n > 1:
            # A variable for the count keeps the exact max(0, ...) terms small for presolve.
            planned = model.new_int_var(0, n, f"planned[{label}]")
            model.add(planned == cp_model.LinearExpr.sum(variables))
        per_minute = minutes is not None
        scale = minutes if minutes is not None else 1

        def shortfall(level: int, name: str) -> cp_model.LinearExprT:
            # Exact max(0, level − P): a constant when nobody can cover it (or when the
            # frozen people alone reach the level).
            if level <= 0:
                return 0
            if n == 0:
                return level
            var = model.new_int_var(0, level, f"{name}[{label}]")
            model.add_max_equality(var, [level - planned, 0])
            return var

        short_min: cp_model.LinearExprT = 0
        if lo > 0:
            if self.forbid(ctx.problem):
                if n < lo:
                    model.add_bool_or([])  # cannot be met: infeasible, explained elsewhere
                else:
                    model.add(planned >= lo)
            else:
                short_min = shortfall(lo, "short_min")
                ctx.penalize(
                    self.name,
                    short_min * scale,
                    ctx.problem.ruleset.weight("short_of_min"),
                    f"min:{label}",
                    per_minute=per_minute,
                    minimum=1 if per_minute else shift_minutes,
                    area=area,
                )
        if target > lo or (target > 0 and not self.forbid(ctx.problem)):
            short_target = short_min if target == lo else shortfall(target, "short_target")
            ctx.penalize(self.name, short_target * scale, w_under, f"target:{label}", per_minute=per_minute)
        if hi is not None and n > hi:
            over = model.new_int_var(0, n - hi, f"over[{label}]")
            model.add_max_equality(over, [planned - hi, 0])
            ctx.penalize(self.name, over * scale, w_over, f"over:{label}", per_minute=per_minute)

    # ------------------------------------------------------------------ checker

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        if not self.forbid(problem):
            return []
        # Adjacent segments with the same shortfall read as one stretch of time.
        runs: list[tuple[CoverageRow, int]] = []
        for row in coverage_table(problem, roster):
            if row.planned >= row.min:
                continue
            if runs and row.shift is None:
                prev, end = runs[-1]
                same = (prev.shift, prev.area, prev.skill, prev.min, prev.planned)
                if same == (None, row.area, row.skill, row.min, row.planned) and end == row.start:
                    runs[-1] = (prev, row.end)
                    continue
            runs.append((row, row.end))
        return [self._violation(problem, row, end) for row, end in runs]

    def _violation(self, problem: Problem, row: CoverageRow, end: int) -> Violation:
        lang = problem.settings.language
        place = describe_place(row.area, row.skill, lang)
        when = describe_iso(problem, row.start, end)
        if row.shift is not None:
            when = reason("v.date_shift", lang, date=row.date.isoformat(), shift=row.shift)
        return Violation(
            self.name,
            reason("v.coverage", lang, place=place, when=when, planned=row.planned, min=row.min),
            date=row.date,
            area=row.area,
        )

    def penalty(self, problem: Problem, roster: Roster) -> list[Penalty]:
        r = problem.ruleset
        w_min = r.weight("short_of_min")
        seg_weights = {
            (s.area, s.skill, s.start, s.end): (s.weight_under, s.weight_over) for s in segments(problem)
        }
        req_weights = {
            (q.area, q.skill, q.day, q.shift): (q.weight_under, q.weight_over)
            for q in shift_requirements(problem)
        }
        out: list[Penalty] = []
        lang = problem.settings.language
        for row in coverage_table(problem, roster):
            place = describe_place(row.area, row.skill, lang)
            if row.shift is None:
                w_under, w_over = seg_weights[(row.area, row.skill, row.start, row.end)]
                minutes = row.end - row.start
                when = describe_times(problem, row.start, row.end, lang)
                duty = reason("on_duty", lang)
            else:
                w_under, w_over = req_weights[(row.area, row.skill, problem.day_index(row.date), row.shift)]
                minutes = 0
                when = reason("day_shift", lang, day=describe_day(row.date, lang), shift=row.shift)
                duty = reason("on_shift", lang, shift=row.shift)
            kinds = [
                (KEY_TARGET, row.short_of_target, w_under, reason("level.target", lang, n=row.target)),
                (KEY_OVER, row.over_max, w_over, reason("level.max", lang, n=row.max)),
            ]
            if not self.forbid(problem):
                kinds.insert(0, (KEY_MIN, row.short_of_min, w_min, reason("level.min", lang, n=row.min)))
            for key, people, weight, level in kinds:
                if people <= 0 or weight <= 0:
                    continue
                if row.shift is None:
                    cost, amount = weight * people * minutes, people * minutes / 60
                    hours = hours_text(people * minutes)
                    unit = reason("person_hour" if hours == "1" else "person_hours", lang, n=hours)
                else:
                    cost, amount = weight * COST_SCALE * people, float(people)
                    unit = reason("person" if people == 1 else "people", lang, n=people)
                out.append(
                    Penalty(
                        rule=self.name,
                        cost=cost,
                        amount=amount,
                        reason=reason(
                            "coverage",
                            lang,
                            place=place,
                            when=when,
                            planned=row.planned,
                            duty=duty,
                            level=level,
                            unit=unit,
                        ),
                        date=row.date,
                        area=row.area,
                        key=key,
                    )
                )
        return out
