"""The independent checker: every family's ``check`` and ``penalty`` on any roster.

Plain Python: it never builds or runs a solver model, so it can verify the solver's own
output as well as a hand-made roster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .constraints import FAMILIES
from .constraints.base import Family
from .domain import Problem
from .roster import Penalty, Roster, Violation


@dataclass
class CheckReport:
    violations: list[Violation] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def total_cost(self) -> int:
        return sum(p.cost for p in self.penalties)

    def cost_by_family(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in self.penalties:
            out[p.rule] = out.get(p.rule, 0) + p.cost
        return out


def check_roster(problem: Problem, roster: Roster, families: Sequence[Family] = FAMILIES) -> CheckReport:
    report = CheckReport()
    for fam in families:
        report.violations.extend(fam.check(problem, roster))
        report.penalties.extend(fam.penalty(problem, roster))
    return report
