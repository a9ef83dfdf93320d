"""The model context: assignment variables, derived day/night indicators and the penalty ledger.

Assignment variables ``x[(staff, day, shift, area)]`` exist only for the candidates the problem
allows (not absent, allowed shift/area/day, law per shift, hard wishes, Fixed pins). Families add
their hard constraints directly on ``ctx.model`` and every soft term through :meth:`penalize`, so
that each family's share of the objective is known by name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..domain import Problem, ShiftInstance, StaffMember
from ..roster import COST_SCALE

Key = tuple[str, int, str, str]  # staff, day, shift, area
LinearLike = cp_model.LinearExprT


@dataclass(frozen=True)
class PenaltyTerm:
    family: str
    expr: LinearLike
    weight: int  # cost units per unit of expr
    label: str
    # A term of the unmet minimum staffing: ``expr × minimum`` is its unmet person-minutes (1 for
    # a segment, whose expr is already in person-minutes; a shift's length for a shift row).
    minimum: int = 0


class ModelContext:
    """Everything a family needs to add its rule to the CP-SAT model."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        self.x: dict[Key, cp_model.IntVar] = {}
        self.penalties: list[PenaltyTerm] = []
        self.hints: dict[cp_model.IntVar, int] = {}
        # per person, per day: list of (instance, area, var)
        self.by_person_day: dict[str, dict[int, list[tuple[ShiftInstance, str, cp_model.IntVar]]]] = {}
        self._work: dict[tuple[str, int], cp_model.IntVar | int] = {}
        self._on_shift: dict[tuple[str, int, str], LinearLike] = {}
        self._night: dict[tuple[str, int], LinearLike] = {}
        self._create_assignment_vars()

    # ------------------------------------------------------------------ variables

    def _create_assignment_vars(self) -> None:
        for p in self.problem.staff:
            per_day: dict[int, list[tuple[ShiftInstance, str, cp_model.IntVar]]] = defaultdict(list)
            for inst, area in self.problem.candidates[p.id]:
                var = self.model.new_bool_var(f"x[{p.id},{inst.day},{inst.shift},{area}]")
                self.x[(p.id, inst.day, inst.shift, area)] = var
                per_day[inst.day].append((inst, area, var))
            self.by_person_day[p.id] = dict(per_day)

    @property
    def staff(self) -> tuple[StaffMember, ...]:
        return self.problem.staff

    def options(self, staff: str, day: int) -> list[tuple[ShiftInstance, str, cp_model.IntVar]]:
        """Every (instance, area, var) the person may be given on ``day`` (empty outside horizon)."""
        return self.by_person_day.get(staff, {}).get(day, [])

    def work(self, staff: str, day: int) -> cp_model.IntVar | int:
        """1 if the person works a shift starting on ``day``: a Boolean equal to the sum of its
        assignment variables (which makes "one shift per day" hold by construction).
        Days before the horizon come from History (constants); days after it are 0."""
        key = (staff, day)
        if key in self._work:
            return self._work[key]
        if day < 0:
            worked = any(i.day == day for i in self.problem.history_instances.get(staff, []))
            value: cp_model.IntVar | int = int(worked)
        elif day >= self.problem.n_days:
            value = 0
        else:
            opts = self.options(staff, day)
            if not opts:
                value = 0
            else:
                var = self.model.new_bool_var(f"w[{staff},{day}]")
                self.model.add(sum(v for _, _, v in opts) == var)
                value = var
        self._work[key] = value
        return value

    def on_shift(self, staff: str, day: int, shift: str) -> LinearLike:
        """Sum of the person's variables for ``shift`` on ``day`` over all areas (0/1)."""
        key = (staff, day, shift)
        if key not in self._on_shift:
            if day < 0:
                self._on_shift[key] = int(any(
                    i.day == day and i.shift == shift
                    for i in self.problem.history_instances.get(staff, [])
                ))
            else:
                self._on_shift[key] = sum(
                    (v for inst, _, v in self.options(staff, day) if inst.shift == shift), 0
                )
        return self._on_shift[key]

    def night(self, staff: str, day: int) -> LinearLike:
        """1 if the person works a night shift starting on ``day`` (History included)."""
        key = (staff, day)
        if key not in self._night:
            if day < 0:
                self._night[key] = int(any(
                    i.day == day and i.night for i in self.problem.history_instances.get(staff, [])
                ))
            else:
                self._night[key] = sum(
                    (v for inst, _, v in self.options(staff, day) if inst.night), 0
                )
        return self._night[key]

    def instance_vars(self, staff: str, day: int) -> dict[str, LinearLike]:
        """Per shift code: the 0/1 expression that the person works it on ``day``."""
        codes = {inst.shift for inst, _, _ in self.options(staff, day)}
        return {c: self.on_shift(staff, day, c) for c in codes}

    # ------------------------------------------------------------------ penalties

    def penalize(
        self,
        family: str,
        expr: LinearLike,
        weight: int,
        label: str,
        *,
        per_minute: bool = False,
        minimum: int = 0,
    ) -> None:
        """Add ``weight × expr`` to the objective under ``family``.

        ``weight`` is in the rule's reported unit: per occurrence (default) or, with
        ``per_minute``, per person-hour with ``expr`` counted in minutes. Both become
        integral cost units (see :data:`roster_solver.roster.COST_SCALE`). ``minimum`` marks a
        term of the unmet minimum staffing (see :class:`PenaltyTerm`).
        """
        if weight == 0:
            return
        if isinstance(expr, int) and expr == 0:
            return
        units = weight if per_minute else weight * COST_SCALE
        self.penalties.append(PenaltyTerm(family, expr, units, label, minimum))

    def minimum_terms(self) -> list[PenaltyTerm]:
        return [t for t in self.penalties if t.minimum]

    def unmet_minimum_expr(self) -> LinearLike:
        """Person-minutes below the minimum staffing (``shortage = report``), as the summary counts them."""
        return sum((t.minimum * t.expr for t in self.minimum_terms()), 0)

    def objective_expr(self) -> LinearLike:
        return sum((t.weight * t.expr for t in self.penalties), 0)

    def hint(self, var: cp_model.IntVar, value: int) -> None:
        self.hints[var] = value
