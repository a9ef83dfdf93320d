"""The model context: assignment variables, derived day/night indicators and the penalty ledger.

Assignment variables ``x[(staff, day, shift, area)]`` exist only for the candidates the problem
allows (not absent, allowed shift/area/day, law per shift, hard wishes, Fixed pins). Families add
their hard constraints directly on ``ctx.model`` and every soft term through :meth:`penalize`, so
that each family's share of the objective is known by name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..domain import Problem, ShiftInstance, StaffMember
from ..roster import COST_SCALE, Roster
from . import solvers

Key = tuple[str, int, str, str]  # staff, day, shift, area
LinearLike = cp_model.LinearExprT


def roster_keys(problem: Problem, roster: Roster) -> set[Key]:
    """The assignment-variable keys of ``roster``'s assignments."""
    return {(a.staff, problem.day_index(a.date), a.shift, a.area) for a in roster.assignments}


@dataclass(frozen=True)
class PenaltyTerm:
    family: str
    expr: LinearLike
    weight: int  # cost units per unit of expr
    label: str
    # A term of the unmet minimum staffing: ``expr × minimum`` is its unmet person-minutes (1 for
    # a segment, whose expr is already in person-minutes; a shift's length for a shift row).
    minimum: int = 0
    # The person the term belongs to alone (None: a term that links people, such as coverage
    # and fairness). A neighbourhood model holds every term of its free people and every shared
    # term; the terms of frozen people are constants (see :class:`Neighbourhood`).
    staff: str | None = None
    # The area a staffing term is about (coverage only; ANY_AREA for a row without one).
    area: str | None = None


@dataclass(frozen=True)
class Neighbourhood:
    """The free part of a roster for a neighbourhood model: ``people``' rows, on ``days`` only
    when given (their other days are fixed to the roster). Everybody else is frozen: their
    assignments are constants, as History is before day 0."""

    people: frozenset[str]
    days: frozenset[int] | None = None


class ModelContext:
    """Everything a family needs to add its rule to the CP-SAT model.

    With ``free`` (and the current ``roster``) the model is a neighbourhood model: assignment
    variables exist only for the free people; the frozen people's assignments enter coverage,
    pairs and fairness as constant offsets (:attr:`frozen`), and every family leaves their own
    rules out (:attr:`staff` lists only the free people). Its objective is then the whole
    roster's cost minus the frozen people's own terms, which do not change.
    """

    def __init__(
        self, problem: Problem, *, roster: Roster | None = None, free: Neighbourhood | None = None
    ) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        self.x: dict[Key, cp_model.IntVar] = {}
        self.free = free
        # The frozen people's assignments (every assignment of a person who is not free).
        self.frozen: list[Key] = []
        self._frozen_by_staff: dict[str, list[Key]] = defaultdict(list)
        self._fixed: dict[Key, int] = {}  # free people's fixed cells: key -> value
        if free is not None:
            if roster is None:
                raise ValueError("a neighbourhood model needs the roster it is a part of")
            self._freeze(roster, free)
        self.penalties: list[PenaltyTerm] = []
        self.hints: dict[cp_model.IntVar, int] = {}
        # per person, per day: list of (instance, area, var)
        self.by_person_day: dict[str, dict[int, list[tuple[ShiftInstance, str, cp_model.IntVar]]]] = {}
        self._work: dict[tuple[str, int], cp_model.IntVar | int] = {}
        self._on_shift: dict[tuple[str, int, str], LinearLike] = {}
        self._night: dict[tuple[str, int], LinearLike] = {}
        self._create_assignment_vars()

    # ------------------------------------------------------------------ variables

    def _freeze(self, roster: Roster, free: Neighbourhood) -> None:
        problem = self.problem
        for a in roster.assignments:
            day = problem.day_index(a.date)
            if not 0 <= day < problem.n_days:
                continue
            key = (a.staff, day, a.shift, a.area)
            if a.staff not in free.people:
                self.frozen.append(key)
                self._frozen_by_staff[a.staff].append(key)
            elif free.days is not None and day not in free.days:
                self._fixed[key] = 1

    def _create_assignment_vars(self) -> None:
        free = self.free
        for p in self.staff:
            per_day: dict[int, list[tuple[ShiftInstance, str, cp_model.IntVar]]] = defaultdict(list)
            for inst, area in self.problem.candidates[p.id]:
                key = (p.id, inst.day, inst.shift, area)
                var = self.model.new_bool_var(f"x[{p.id},{inst.day},{inst.shift},{area}]")
                if free is not None and free.days is not None and inst.day not in free.days:
                    value = self._fixed.get(key, 0)
                    domain = self.model.proto.variables[var.index].domain
                    domain[0] = domain[1] = value
                self.x[key] = var
                per_day[inst.day].append((inst, area, var))
            self.by_person_day[p.id] = dict(per_day)

    @property
    def staff(self) -> tuple[StaffMember, ...]:
        """The people whose rules this model holds: everybody, or a neighbourhood's free people."""
        if self.free is None:
            return self.problem.staff
        return tuple(p for p in self.problem.staff if p.id in self.free.people)

    def is_free(self, staff: str) -> bool:
        """Whether the person's rules are in this model (always, unless it is a neighbourhood's)."""
        return self.free is None or staff in self.free.people

    def frozen_count(self, staff: str, test: Callable[[ShiftInstance], bool]) -> int:
        """How many of a frozen person's assignments pass ``test``."""
        pb = self.problem
        return sum(
            1 for _, day, code, _ in self._frozen_by_staff.get(staff, ()) if test(pb.instance(code, day))
        )

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
                self._on_shift[key] = int(
                    any(
                        i.day == day and i.shift == shift
                        for i in self.problem.history_instances.get(staff, [])
                    )
                )
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
                self._night[key] = int(
                    any(i.day == day and i.night for i in self.problem.history_instances.get(staff, []))
                )
            else:
                self._night[key] = sum((v for inst, _, v in self.options(staff, day) if inst.night), 0)
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
        staff: str | None = None,
        area: str | None = None,
    ) -> None:
        """Add ``weight × expr`` to the objective under ``family``.

        ``weight`` is in the rule's reported unit: per occurrence (default) or, with
        ``per_minute``, per person-hour with ``expr`` counted in minutes. Both become
        integral cost units (see :data:`roster_solver.roster.COST_SCALE`). ``minimum`` marks a
        term of the unmet minimum staffing (see :class:`PenaltyTerm`); ``staff`` the one person
        the term belongs to (None when it links people); ``area`` the area a staffing term is
        about.
        """
        if weight == 0:
            return
        if isinstance(expr, int) and expr == 0:
            return
        units = weight if per_minute else weight * COST_SCALE
        self.penalties.append(PenaltyTerm(family, expr, units, label, minimum, staff, area))

    def minimum_terms(self) -> list[PenaltyTerm]:
        return [t for t in self.penalties if t.minimum]

    def unmet_minimum_expr(self) -> LinearLike:
        """Person-minutes below the minimum staffing (``shortage = report``), as the summary counts them."""
        return sum((t.minimum * t.expr for t in self.minimum_terms()), 0)

    def objective_expr(self) -> LinearLike:
        return sum((t.weight * t.expr for t in self.penalties), 0)

    def hint(self, var: cp_model.IntVar, value: int) -> None:
        self.hints[var] = value

    def hint_roster(self, roster: Roster, limit: float, workers: int, seed: int) -> cp_model.CpSolver | None:
        """Hint every model variable from ``roster``: fix the assignment variables to it in a
        copy of the model and let CP-SAT fill in the auxiliary variables (a fraction of a
        second; they are exact functions of the assignments). A complete, feasible hint gives
        the search its first roster at once; if the copy is not feasible (a start that breaks a
        rule) only the assignment variables are hinted and None is returned. Otherwise returns
        the copy's solver: its values read like the model's (``solver.value(term.expr)``)."""
        chosen = roster_keys(self.problem, roster)
        for key, var in self.x.items():
            self.hint(var, int(key in chosen))
        copy = self.model.clone()
        for key, var in self.x.items():
            copy.add(copy.get_bool_var_from_proto_index(var.index) == int(key in chosen))
        solver = solvers.new_solver(limit, min(workers, 2), seed)
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.max_presolve_iterations = 1
        if solvers.run(solver, copy) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        for i in range(len(self.model.proto.variables)):
            self.hints[self.model.get_int_var_from_proto_index(i)] = solver.value(
                copy.get_int_var_from_proto_index(i)
            )
        return solver
