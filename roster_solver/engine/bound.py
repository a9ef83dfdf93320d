"""A lower bound on the weighted objective by Lagrangian relaxation over person rows.

CP-SAT's own bound on a rostering model stays near zero, so its gap says nothing. This bound
uses the structure instead: every hard rule is per person, and only the staffing terms link
people. Relax the staffing counts with a multiplier ``y`` per requirement (Lagrangian
relaxation); what is left splits into one problem per person and one per requirement:

    L(y) = Σ_person min over the person's legal rows of [own cost + Σ_i y_i·covers_i]
         + Σ_requirement min over its count P of [staffing cost(P) − y_i·P]

For every ``y`` this is at most the optimum of the whole roster (weak duality), provided each
person's minimum is bounded from below correctly: it is solved by CP-SAT on the person's own
model (a neighbourhood model with that person free, without the staffing, fairness and pairs
families, which only make the problem harder), with the coefficients rounded down and the
solver's proven bound taken, never its best row. Fairness costs nothing in the relaxation, so
the bound leaves it out (it is a bound on a problem without fairness, which costs at least as
little). The multipliers start at zero and follow subgradient steps (the rows' cover minus the
counts the requirements chose, Polyak's step towards the roster's cost). An LP master over the
rows found (column generation, Dantzig–Wolfe) was tried first: its early duals are degenerate
and gave bounds far below zero; the subgradient from zero is never below zero.

A round counts only when every person was priced in it; the bound is the best complete round.
How good it gets depends on how fast one person's model is solved to optimality: on the
Curtois & Qu instances in well under a second, on a municipal team's 4 weeks of shifts, areas
and rotation rules several seconds (bench/RESULTS.md has the figures).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from ..constraints import FAMILIES
from ..constraints.base import Family
from ..coverage import covering_instances, qualifies, segments, shift_requirements
from ..domain import Problem
from ..roster import COST_SCALE, Roster
from . import solvers
from .context import Key, ModelContext, Neighbourhood

METHOD = "lagrangian"  # SolveResult.bound_method (words: i18n.BOUND_METHODS)
# Families left out of a person's pricing model: they link people (their cost is in the
# requirements' part, or dropped: fairness and pairs only make the problem harder).
LINKING = frozenset({"coverage", "fairness", "pairs"})
THETA = 0.5  # the first subgradient step over Polyak's; halved after two rounds without gain
PRICE_LIMIT = 5.0  # seconds per person and round, at most (a bound short of optimal is weak)


@dataclass(frozen=True)
class Requirement:
    """One staffing requirement as the coverage family prices it: cost(P) for P people on it."""

    keys: frozenset[Key]  # the assignments that count toward it
    lo_hard: int  # P may not be below this (shortage = forbid)
    pieces: tuple[tuple[int, int, int], ...]  # (kind, level, units per person): -1 short, +1 over

    def cost(self, p: int) -> int:
        out = 0
        for kind, level, units in self.pieces:
            out += units * (max(0, level - p) if kind < 0 else max(0, p - level))
        return out

    def inner_min(self, y: float) -> tuple[float, int]:
        """min over P in [lo_hard, len(keys)] of cost(P) − y·P (convex: at a breakpoint), and
        the P where it is reached."""
        n = len(self.keys)
        points = {self.lo_hard, n} | {lv for _, lv, _ in self.pieces}
        return min((self.cost(p) - y * p, p) for p in points if self.lo_hard <= p <= n)


@dataclass
class BoundResult:
    bound: int | None  # cost units; None when no round completed
    rounds: int = 0
    seconds: float = 0.0
    history: list[int] = field(default_factory=list)


def requirements(problem: Problem) -> list[Requirement]:
    """The staffing requirements, priced exactly as :class:`~..constraints.coverage.Coverage`
    adds them to the model (the test checks that they sum to the checker's coverage cost)."""
    forbid = problem.settings.shortage == "forbid"
    w_min = problem.ruleset.weight("short_of_min")
    by_inst: dict[tuple[str, int], list[tuple[Key, object]]] = defaultdict(list)
    for p in problem.staff:
        for inst, area in problem.candidates[p.id]:
            by_inst[(inst.shift, inst.day)].append(((p.id, inst.day, inst.shift, area), p))
    out: list[Requirement] = []

    def add(
        keys: frozenset[Key], lo: int, target: int, hi: int | None, w_under: int, w_over: int, unit: int
    ) -> None:
        n = len(keys)
        pieces: list[tuple[int, int, int]] = []
        lo_hard = 0
        if lo > 0:
            if forbid:
                lo_hard = lo
            else:
                pieces.append((-1, lo, w_min * unit))
        if target > lo or (target > 0 and not forbid):
            pieces.append((-1, target, w_under * unit))
        if hi is not None and n > hi:
            pieces.append((1, hi, w_over * unit))
        if pieces or lo_hard:
            out.append(Requirement(keys, min(lo_hard, n), tuple(pieces)))

    staff = problem.staff_by_id
    for seg, insts in zip(segments(problem), covering_instances(problem), strict=True):
        keys = frozenset(
            k
            for inst in insts
            for k, _ in by_inst.get(inst, ())
            if qualifies(staff[k[0]], k[3], seg.area, seg.skill)
        )
        add(keys, seg.min, seg.target, seg.max, seg.weight_under, seg.weight_over, seg.minutes)
    for req in shift_requirements(problem):
        keys = frozenset(
            k
            for k, _ in by_inst.get((req.shift, req.day), ())
            if qualifies(staff[k[0]], k[3], req.area, req.skill)
        )
        add(
            keys, req.min, req.target, req.max, req.weight_under * COST_SCALE, req.weight_over * COST_SCALE, 1
        )
    return out


class _Pricer:
    """One person's own model, built once; each round only changes the objective."""

    def __init__(self, problem: Problem, roster: Roster, staff: str, families: Sequence[Family]) -> None:
        self.staff = staff
        self.ctx = ctx = ModelContext(problem, roster=roster, free=Neighbourhood(frozenset({staff})))
        for fam in families:
            if fam.name not in LINKING:
                fam.add_to_model(ctx)
        self.own: cp_model.LinearExprT = ctx.objective_expr()

    def price(self, reward: dict[Key, float], limit: float) -> tuple[int | None, frozenset[Key] | None]:
        """A lower bound on min (own cost + Σ rewards of the row's assignments), None when the
        solver gave none, and the best row found (None: none in time). CP-SAT's LP-based
        subsolvers, as in a neighbourhood step (:func:`.solvers.new_lp_solver`): on ten people of
        the example they priced the first round in 1.7 s, one default worker in 4.7 s."""
        ctx = self.ctx
        coef = {k: math.floor(reward.get(k, 0.0)) for k in ctx.x}  # down: the bound stays valid
        rewards = cp_model.LinearExpr.weighted_sum([ctx.x[k] for k in coef], list(coef.values()))
        ctx.model.minimize(cp_model.LinearExpr.sum([self.own, rewards]))
        solver = solvers.new_lp_solver(limit, 2)  # max_lp and reduced_costs
        code = solvers.run(solver, ctx.model)
        if code == cp_model.INFEASIBLE:
            raise RuntimeError("a person has no legal row at all")
        if not math.isfinite(solver.best_objective_bound):
            return None, None
        bound = math.ceil(solver.best_objective_bound - 1e-6)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return bound, None
        return bound, frozenset(k for k, v in ctx.x.items() if solver.boolean_value(v))


def lower_bound(
    problem: Problem,
    roster: Roster,
    *,
    deadline: float,
    families: Sequence[Family] = FAMILIES,
    upper: int | None = None,
) -> BoundResult:
    """The best Lagrangian bound found by ``deadline`` (a :func:`time.monotonic` value).

    ``roster`` is a legal roster (its frozen rows are not used: each person's model is
    their own) and ``upper`` its total cost (for the step size). The multipliers start
    at zero and follow subgradient steps (Polyak's rule towards ``upper``)."""
    started = time.monotonic()
    result = BoundResult(None)
    reqs = requirements(problem)
    by_key: dict[Key, list[int]] = defaultdict(list)
    for i, r in enumerate(reqs):
        for k in r.keys:
            by_key[k].append(i)
    # From zero: L(0) is the people's own minimum costs, never below 0. (Starting at the
    # roster's slopes was tried: every person then collects every reward, far below zero.)
    y = [0.0] * len(reqs)
    people = [p.id for p in problem.staff]
    pricers: dict[str, _Pricer] = {}
    best: float | None = None
    theta = THETA
    stalled = 0
    while time.monotonic() < deadline - 0.5:
        reward = {k: sum(y[i] for i in idx) for k, idx in by_key.items()}
        inner = [r.inner_min(y[i]) for i, r in enumerate(reqs)]
        total = sum(v for v, _ in inner)
        covered = [0] * len(reqs)
        complete = True
        for n, sid in enumerate(people):
            left = deadline - time.monotonic()
            if left < 0.2:
                complete = False
                break
            if sid not in pricers:
                pricers[sid] = _Pricer(problem, roster, sid, families)
            per = max(0.2, min(PRICE_LIMIT, left / (len(people) - n)))
            low, row = pricers[sid].price(reward, per)
            if low is None:
                complete = False  # no valid bound for this person: the round cannot count
                break
            total += low
            if row is not None:
                for k in row:
                    for i in by_key.get(k, ()):
                        covered[i] += 1
        if not complete:
            break
        result.rounds += 1
        value = math.floor(total)
        result.history.append(value)
        if best is None or value > best:
            best, stalled = value, 0
        else:
            stalled += 1
            if stalled >= 2:
                theta, stalled = theta / 2, 0
        # Subgradient of L at y: what the rows cover minus the counts the requirements chose.
        g = [covered[i] - inner[i][1] for i in range(len(reqs))]
        norm = sum(v * v for v in g)
        if norm == 0:
            break  # the rows and the counts agree: L(y) is the relaxation's optimum
        target = upper if upper is not None else best + abs(best) * 0.1 + 1
        step = theta * max(1.0, target - value) / norm
        y = [y[i] + step * g[i] for i in range(len(reqs))]
    result.bound = None if best is None else max(0, int(best))
    result.seconds = time.monotonic() - started
    return result
