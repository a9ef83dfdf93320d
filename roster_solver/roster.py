"""The output model: assignments, the roster, violations, penalties and the solve result.

Costs are kept exactly as integers in *cost units* (1/60 of a reported point): coverage and
hours weights are per person-hour but computed per minute, so ``weight × minutes`` is integral,
and per-occurrence weights are multiplied by 60. Reports divide by 60.

Never imports the solver.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

COST_SCALE = 60  # cost units per reported point


def cost_points(units: int) -> float:
    """Cost units → reported points (two decimals are exact enough for a person)."""
    return units / COST_SCALE


@dataclass(frozen=True, slots=True, order=True)
class Assignment:
    """One person working one shift on one date in one area."""

    staff: str
    date: date
    shift: str
    area: str


@dataclass(frozen=True)
class Roster:
    """A set of assignments; at most one per person per date is expected (the checker verifies)."""

    assignments: tuple[Assignment, ...] = ()

    @classmethod
    def of(cls, assignments: list[Assignment] | tuple[Assignment, ...]) -> Roster:
        return cls(tuple(sorted(assignments)))

    def by_staff(self) -> dict[str, list[Assignment]]:
        out: dict[str, list[Assignment]] = defaultdict(list)
        for a in self.assignments:
            out[a.staff].append(a)
        return dict(out)

    def __len__(self) -> int:
        return len(self.assignments)


@dataclass(frozen=True, slots=True)
class Violation:
    """A broken hard rule, in words a coordinator understands."""

    rule: str  # family name
    message: str
    staff: str | None = None
    date: date | None = None
    area: str | None = None
    # The person works too little (below a hard minimum of hours): taking assignments away
    # cannot cure it, so the construction's repair leaves it alone.
    too_few: bool = False

    def __str__(self) -> str:
        bits = [self.rule]
        if self.staff:
            bits.append(self.staff)
        if self.date:
            bits.append(self.date.isoformat())
        if self.area:
            bits.append(self.area)
        return f"[{' · '.join(bits)}] {self.message}"


@dataclass(frozen=True, slots=True)
class Penalty:
    """One soft-rule deviation: ``cost`` (in cost units) = weight × amount."""

    rule: str  # family name
    cost: int  # cost units (see COST_SCALE)
    amount: float  # in the rule's unit (hours, occurrences, persons)
    reason: str
    staff: str | None = None
    date: date | None = None
    area: str | None = None
    key: str = ""  # the weight key, e.g. "weight.short_of_target"

    @property
    def points(self) -> float:
        return cost_points(self.cost)


class Status(StrEnum):
    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"  # no roster found within the time limit
    MODEL_INVALID = "MODEL_INVALID"

    @property
    def has_roster(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)


@dataclass
class SolveResult:
    status: Status
    roster: Roster = field(default_factory=Roster)
    objective: int | None = None  # cost units
    bound: int | None = None  # cost units
    bound_method: str | None = None  # how the bound was found (None: no bound)
    seconds: float = 0.0
    first_solution_seconds: float | None = None
    family_costs: dict[str, int] = field(default_factory=dict)  # cost units per family
    workers: int = 0
    seed: int = 0
    num_variables: int = 0
    num_constraints: int = 0
    stages: list[dict[str, object]] = field(default_factory=list)
    infeasible_reason: str | None = None
    # The minimum staffing (shortage = report): person-minutes below the minimum in this roster,
    # and a proven lower bound on that for any legal roster of this team (None: not computed).
    min_unmet: int | None = None
    min_lower_bound: int | None = None

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        if self.objective == 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / abs(self.objective))
