"""Build the CP-SAT model from the ordered rule families, solve it, and read back the roster.

The time limit is wall clock including model building. Progress (elapsed, objective, bound)
is streamed through a solution callback to an optional ``on_progress`` function.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import LinearExprT

from ..check import CheckReport, check_roster
from ..constraints import FAMILIES
from ..constraints.base import Family
from ..coverage import segments, shift_requirements, shortfall_summary
from ..domain import Problem
from ..roster import Assignment, Roster, SolveResult, Status
from .bound import METHOD as BOUND_METHOD
from .bound import lower_bound
from .context import ModelContext, PenaltyTerm, roster_keys
from .greedy import construct
from .greedy import repair_left as repair_start
from .lns import Ledger, improve
from .solvers import check_cancelled, new_solver, run


@dataclass(frozen=True)
class Progress:
    elapsed: float
    objective: int | None  # cost units
    bound: int | None
    solutions: int


ProgressFn = Callable[[Progress], None]


def build_model(problem: Problem, families: Sequence[Family] = FAMILIES) -> ModelContext:
    ctx = ModelContext(problem)
    for fam in families:
        fam.add_to_model(ctx)
    ctx.model.minimize(ctx.objective_expr())
    return ctx


class _Callback(cp_model.CpSolverSolutionCallback):
    """Streams progress; ``shown`` is the expression reported as objective when the model's own
    objective is a different one (the coverage warm-up reports the full weighted objective)."""

    def __init__(
        self, started: float, on_progress: ProgressFn | None, shown: LinearExprT | None = None
    ) -> None:
        super().__init__()
        self.started = started
        self.on_progress = on_progress
        self.shown = shown
        self.first: float | None = None
        self.count = 0

    def on_solution_callback(self) -> None:
        now = time.monotonic() - self.started
        self.count += 1
        if self.first is None:
            self.first = now
        if self.on_progress is not None:
            if self.shown is None:
                self.on_progress(
                    Progress(now, round(self.objective_value), round(self.best_objective_bound), self.count)
                )
            else:
                self.on_progress(Progress(now, int(self.value(self.shown)), None, self.count))


def default_workers() -> int:
    """CP-SAT's portfolio wants several workers even on few cores, but far more threads than
    cores only share them: measured on 2 busy cores, 8 workers fell behind 4 (bench/every_team.py)."""
    return max(4, min(8, 2 * (os.cpu_count() or 1)))


STATUS_OF = {  # CP-SAT status code -> our Status
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
}


# Lexicographic stages, most important first (docs/rules.md "Units and the objective"; Settings `objective`).
STAGES: tuple[str, ...] = ("minimum", "hours", "coverage", "fairness", "comfort")
_STAGE_ALIASES = {"wishes": "comfort"}


def stage_of(term: PenaltyTerm, families: Sequence[Family]) -> str:
    """The lexicographic stage of a term: ``minimum`` for a term of the unmet minimum (its
    :attr:`PenaltyTerm.minimum` field), else its family's."""
    if term.minimum:
        return "minimum"
    for fam in families:
        if fam.name == term.family:
            return _STAGE_ALIASES.get(fam.stage, fam.stage)
    return "comfort"


def _new_solver(
    limit: float, workers: int, seed: int, log: bool, presolve: float | None = None
) -> cp_model.CpSolver:
    """A solver for one phase. Every phase starts from a complete hint, and CP-SAT's full presolve
    (probing above all) took 5-10 s of a 60 s run on a 56-person team before the hinted roster
    was even looked at; one light pass finds it much sooner and searches about as well. When
    even that pass is expected (``presolve``: seconds it took on this model before) to take more
    than a quarter of the phase, the phase runs without presolve."""
    solver = new_solver(limit, workers, seed, log)
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.max_presolve_iterations = 1
    if presolve is not None and 4 * presolve > limit:
        solver.parameters.cp_model_presolve = False
    return solver


# Model building is plain Python and cannot be cut off halfway, so a phase is only started when
# its model can be built in a fair part of the time left. Measured on the example on a quiet
# 2-core machine: about 0.35 ms per assignment candidate for the full model, 0.22 ms for the lean
# one (0.14-0.3 ms on the generated teams, bench/every_team.py); the factor 1.5 leaves room for a
# busy machine. Once the lean model is built, its measured speed replaces the estimate.
BUILD_SECONDS_PER_CANDIDATE = {"full": 0.35e-3 * 1.5, "lean": 0.22e-3 * 1.5}
FULL_OVER_LEAN = 1.7  # the full model takes this much longer to build than the lean one
FULL_PHASE_OVER_BUILD = 3.0  # the full phase's time (build, hint, presolve, search) over its build
STAFFING_ALONE_FROM = 20.0  # seconds: a shorter core phase is not split into staffing, then core
LNS_FROM = 2.0  # seconds: less time left than this is not worth a neighbourhood step
# A model this small (assignment candidates) gets the full model's CP-SAT search for half of the
# time first even with the neighbourhood search to follow: it often proves optimality outright
# (the small Curtois instances, tests).
SMALL_MODEL = 3_000


@dataclass(frozen=True)
class Phase:
    """One phase of :func:`solve`: its name (as in ``docs/engine.md``), its time share and when
    it runs. ``share`` is of the time left when the phase starts (the search phase takes what
    is left; the bound's share is the caller's ``prove``)."""

    name: str
    share: float
    when: str


PHASES: tuple[Phase, ...] = (
    Phase("construction", 0.0, "always unless hint=False: plain Python, never cut off"),
    Phase(
        "minimum", 0.6, "shortage = report and the construction leaves minimum open; ends early once proven"
    ),
    # A tenth of the time left when the full model would fit (then the neighbourhood search, or
    # the full model, follows), else all of it. Measured at 60 s on three teams with the
    # search's LP subsolvers (bench/RESULTS.md, third round): 0.5 of it gave the example 6,038,
    # 0.2 gave 4,621, 0.1 gave 3,968 and 0.05 gave 5,503.
    Phase(
        "core",
        0.1,
        "weighted objective: the lean model's weighted terms under the minimum "
        "found; all of the time left when the full model does not fit",
    ),
    Phase(
        "staffing",
        0.4,
        "within the core phase when it has at least STAFFING_ALONE_FROM "
        "seconds: the coverage terms alone first",
    ),
    # Measured at 60 s on four teams (bench/RESULTS.md): giving the full model 25 % or 50 % of
    # the time after the core phase left every one of them worse off than the search.
    Phase(
        "full",
        0.5,
        "lexicographic objective or no construction (all of the time), or a "
        "model of at most SMALL_MODEL candidates (half of it, for proofs)",
    ),
    Phase("search", 1.0, "weighted objective with a roster in hand: the neighbourhood search"),
    Phase("bound", 0.0, "prove > 0: the Lagrangian bound in the last `prove` of the time"),
)
SHARE = {p.name: p.share for p in PHASES}


def solve(
    problem: Problem,
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    families: Sequence[Family] = FAMILIES,
    on_progress: ProgressFn | None = None,
    log: bool = False,
    objective: str | None = None,
    hint: bool = True,
    start: Roster | None = None,
    focus: Collection[int] | None = None,
    prove: float = 0.0,
) -> SolveResult:
    """Solve ``problem``; infeasibility and time-outs are statuses, not exceptions.

    Phases (:data:`PHASES`; each only while time is left; the limit is wall clock, model
    building included):

    1. **construction** (:func:`greedy_roster`): a legal roster over the whole horizon in plain
       Python, never cut off; or ``start`` (e.g. the published roster when re-planning),
       repaired with the checker.
    2. **minimum** (``shortage = report``): a lean model (the hard rules and the unmet
       minimum only) from that roster, which gives the best unmet minimum found and a proven
       lower bound on it (:attr:`SolveResult.min_lower_bound`). **core** (weighted objective):
       the same model's weighted terms (staffing, contract hours) under that minimum.
    3. **search** (weighted objective, the default): the neighbourhood search
       (:func:`.lns.improve`) from that roster for the time left, on the full objective with
       the unmet minimum bounded by the best found: a few people's rows at a time, re-solved
       against the cover the others leave; ``focus`` centres it on given days (a repair's
       disrupted days). A model of at most :data:`SMALL_MODEL` candidates first gets the
       **full** model's CP-SAT search for half of the time, which often proves it optimal. With
       ``lexicographic`` (or without a construction): the full model in one CP-SAT
       search, stage by stage (:data:`STAGES`, each optimum fixed as a bound for the next).
    4. **bound**, with ``prove`` > 0: that share of the time, at the end, for a lower bound on
       the objective by Lagrangian relaxation of the staffing over person rows
       (:func:`.bound.lower_bound`); the result's bound is the best valid one found.

    The result is the best roster of the last phase that found one. ``hint=False`` skips the
    construction (a bare CP-SAT solve, for tests and the benchmark's own starts).
    """
    limit = float(time_limit if time_limit is not None else problem.settings.time_limit_seconds)
    mode = objective or problem.settings.objective
    run = _Run(
        problem,
        families,
        limit,
        workers or problem.settings.workers or default_workers(),
        seed if seed is not None else problem.settings.seed,
        mode,
        hint,
        prove,
        log,
        on_progress,
    )
    return run.solve(start, focus)


class _Run:
    """One call of :func:`solve`: its clock, its options and the best roster so far, passed
    from phase to phase."""

    def __init__(
        self,
        problem: Problem,
        families: Sequence[Family],
        limit: float,
        workers: int,
        seed: int,
        mode: str,
        hint: bool,
        prove: float,
        log: bool,
        on_progress: ProgressFn | None,
    ) -> None:
        self.started = time.monotonic()
        self.problem, self.families, self.limit = problem, families, limit
        self.workers, self.seed, self.mode, self.hint = workers, seed, mode, hint
        self.prove, self.log, self.on_progress = prove, log, on_progress
        self.report = (
            problem.settings.shortage != "forbid"
            and any(f.name == "coverage" for f in families)
            and has_minimum(problem)
        )
        # Every phase ends by the deadline; the reserve is for reading the result back. With
        # ``prove``, the search phases end earlier (``deadline``) and the bound takes the rest.
        self.end = self.started + limit - min(3.0, 0.3 + 0.02 * limit)
        self.deadline = self.end - prove * (self.end - self.started) if hint else self.end
        self.n_cands = sum(len(c) for c in problem.candidates.values())
        self.best: Roster | None = None  # the best legal roster so far
        # The roster the models are hinted from: the best one, or a construction that is not
        # legal (someone below a hard minimum of hours), which is never returned as a result.
        self.start: Roster | None = None
        self.first_seconds: float | None = None
        self.unmet: int | None = None  # the best roster's unmet minimum (person-minutes)
        self.lower: int | None = None  # proven lower bound on the unmet minimum
        self.presolve: float | None = None  # seconds the light presolve took on the lean model
        # The checker's reports on the rosters checked so far (a few per run; a check takes
        # seconds on a long horizon), by identity: see :meth:`_check`.
        self._reports: dict[int, tuple[Roster, CheckReport]] = {}

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def _check(self, roster: Roster) -> CheckReport:
        """The checker's report on ``roster``, made once per roster."""
        kept = self._reports.get(id(roster))
        if kept is None or kept[0] is not roster:
            kept = self._reports[id(roster)] = (roster, check_roster(self.problem, roster, self.families))
        return kept[1]

    def solve(self, start: Roster | None, focus: Collection[int] | None) -> SolveResult:
        self._construction(start)
        lns_after = self.hint and self.mode == "weighted"
        full_fits = self.n_cands * BUILD_SECONDS_PER_CANDIDATE["full"] < self.left() * 0.6
        lean = self._lean(full_fits, replan=start is not None)
        if lean is not None:
            if lean.result.status == Status.INFEASIBLE:
                return lean.result  # the full model has every hard constraint of the lean one
            full_fits = lean.full_fits
        result = SolveResult(status=Status.UNKNOWN, workers=self.workers, seed=self.seed)
        small = self.n_cands <= SMALL_MODEL
        status = Status.UNKNOWN
        if (full_fits and self.left() > 1.0 and (small or not lns_after)) or self.best is None:
            status = self._full(result, lns_after)
        result.first_solution_seconds = self.first_seconds
        checked: CheckReport | None = None  # the checker's report on result.roster, when made
        if status == Status.INFEASIBLE or not (status.has_roster or self.best is not None):
            result.status = status
            result.seconds = time.monotonic() - self.started
            return result
        if not status.has_roster and self.best is not None:
            # CP-SAT found nothing better in time: the checked construction (or lean) roster.
            checked = self._check(self.best)
            result.status = Status.FEASIBLE
            result.roster = self.best
            result.family_costs = {k: v for k, v in checked.cost_by_family().items() if v}
            result.objective = checked.total_cost
        if lns_after and result.status == Status.FEASIBLE and self.left() > LNS_FROM:
            self._search(result, focus, checked)
        if result.bound is not None:
            result.bound_method = "cpsat"
        self._bound(result)
        if self.prove > 0 and lns_after and result.status == Status.FEASIBLE:
            self._search_rest(result, focus)
        if self.report:
            result.min_unmet = unmet_minimum(self.problem, result.roster)
            result.min_lower_bound = self.lower
        result.seconds = time.monotonic() - self.started
        return result

    # ------------------------------------------------------------------ the phases

    def _construction(self, start: Roster | None) -> None:
        problem = self.problem
        legal = False
        if start is not None:
            self.start, left = repair_start(problem, start, self.families)
            legal = not left
        elif self.hint:
            self.start, legal = construct(problem, self.families)
        if legal:
            self.best = self.start
        if self.best is not None:
            self.first_seconds = time.monotonic() - self.started
            if self.on_progress is not None:
                cost = self._check(self.best).total_cost
                self.on_progress(Progress(self.first_seconds, cost, None, 1))
        if self.best is not None and self.report:
            self.unmet = unmet_minimum(problem, self.best)
        self.lower = 0 if self.unmet == 0 else None

    def _lean(self, full_fits: bool, *, replan: bool) -> _Lean | None:
        """The minimum and core phases, on the lean model; None when they do not run."""
        core = [f for f in self.families if not f.is_soft_only(self.problem)]
        want_core = self.hint and self.mode == "weighted" and len(core) < len(self.families)
        want_min = self.report and (self.unmet is None or self.unmet > 0)
        if not ((want_min or want_core or not full_fits) and _fits("lean", self.n_cands, self.left() * 0.7)):
            return None
        lean = _solve_lean(
            self.problem,
            core,
            self.start,
            self.unmet if self.report else None,
            self.started,
            self.deadline,
            self.left() * SHARE["minimum"] if want_min else 0.0,
            want_core,
            self.n_cands,
            self.workers,
            self.seed,
            self.log,
            self.on_progress,
            stay_close=replan,
        )
        # Decided inside (before the core phase took its share): the full model comes next if its
        # build still leaves time to search.
        lean.full_fits = lean.full_fits and lean.full_build < self.left() * 0.6
        self.presolve = lean.presolve
        if lean.result.status == Status.INFEASIBLE:
            lean.result.seconds = time.monotonic() - self.started
            return lean
        if lean.result.status.has_roster and self._replaces_best(lean.result):
            self.best = self.start = lean.result.roster
            if lean.result.min_unmet is not None:
                self.unmet = lean.result.min_unmet
            if self.first_seconds is None:
                self.first_seconds = lean.result.first_solution_seconds
        if lean.result.min_lower_bound is not None:
            self.lower = lean.result.min_lower_bound
        return lean

    def _replaces_best(self, lean: SolveResult) -> bool:
        """Whether the lean model's roster replaces the legal roster in hand: when it leaves less
        of the minimum unmet, or as much and costs less by the checker. Its objective leaves the
        soft-only families out, so with little time its roster can be far worse than the start
        on them: in a 10 s repair of the example, 50 changes to the published roster where the
        start needed 3 (``bench/repair.py``)."""
        if self.best is None:
            return True
        if (
            self.report
            and lean.min_unmet is not None
            and self.unmet is not None
            and lean.min_unmet != self.unmet
        ):
            return lean.min_unmet < self.unmet
        assert lean.roster is not None
        return self._check(lean.roster).total_cost < self._check(self.best).total_cost

    def _full(self, result: SolveResult, lns_after: bool) -> Status:
        """The full model's CP-SAT search (lexicographic stage by stage, or weighted); fills
        ``result`` when it finds a roster."""
        problem, best = self.problem, self.start
        until = self.deadline if not lns_after else time.monotonic() + self.left() * SHARE["full"]
        check_cancelled()
        ctx = build_model(problem, self.families)
        proto = ctx.model.proto
        result.num_variables, result.num_constraints = len(proto.variables), len(proto.constraints)
        if self.report and self.unmet is not None:
            ctx.model.add(ctx.unmet_minimum_expr() <= self.unmet)
        if best is not None:
            ctx.hint_roster(
                best, max(0.2, min(self.left() / 4, max(1.0, self.limit / 6))), self.workers, self.seed
            )
        for var, value in ctx.hints.items():
            ctx.model.add_hint(var, value)
        if not (self.left() > 0.2 or self.best is None):
            return Status.UNKNOWN
        if self.mode == "lexicographic":
            solver, status = _solve_lexicographic(
                ctx,
                self.families,
                self.started,
                self.deadline - self.started,
                self.workers,
                self.seed,
                self.log,
                self.on_progress,
                result,
            )
        else:
            solver = _new_solver(
                max(0.2, until - time.monotonic()),
                self.workers,
                self.seed,
                self.log,
                None if self.presolve is None else self.presolve * FULL_OVER_LEAN,
            )
            callback = _Callback(self.started, self.on_progress)
            status = STATUS_OF.get(run(solver, ctx.model, callback), Status.UNKNOWN)
            if self.first_seconds is None:
                self.first_seconds = callback.first
        if status.has_roster:
            result.status = status
            result.roster = read_roster(ctx, solver)
            result.family_costs = family_costs(ctx, solver)
            result.objective = sum(result.family_costs.values())
            result.bound = None if self.mode == "lexicographic" else round(solver.best_objective_bound)
        return status

    def _search(
        self, result: SolveResult, focus: Collection[int] | None, checked: CheckReport | None
    ) -> None:
        """The neighbourhood search from ``result``'s roster, which it replaces when better.
        ``checked``: the checker's report on that roster, if already made (it takes seconds on
        a long horizon)."""
        problem = self.problem
        if checked is None:
            checked = check_roster(problem, result.roster, self.families)
        if checked.violations:
            return  # not a legal start (cannot happen for a roster of the model)
        ledger = Ledger.of(checked, unmet_minimum(problem, result.roster))
        on_progress, started = self.on_progress, self.started

        def progress(now: Ledger, accepted: int) -> None:
            if on_progress is not None:
                on_progress(Progress(time.monotonic() - started, now.total, result.bound, accepted))

        found = improve(
            problem,
            result.roster,
            ledger,
            deadline=self.deadline,
            workers=min(self.workers, 4),
            seed=self.seed,
            families=self.families,
            focus=focus,
            on_improve=progress,
        )
        if found.accepted:
            result.roster = found.roster
            result.family_costs = found.ledger.by_family()
            result.objective = found.ledger.total

    def _search_rest(self, result: SolveResult, focus: Collection[int] | None) -> None:
        """The time a bound that converged early leaves (on Curtois 1-12 at 120 s it often
        did) goes back to the neighbourhood search."""
        if self.end - time.monotonic() <= LNS_FROM:
            return
        self.deadline = self.end
        self._search(result, focus, None)
        if result.bound is not None and result.objective is not None and result.bound >= result.objective:
            result.status = Status.OPTIMAL

    def _bound(self, result: SolveResult) -> None:
        """The bound phase: the Lagrangian bound when asked for and better than CP-SAT's."""
        if not (
            self.prove > 0
            and self.hint
            and result.status == Status.FEASIBLE
            and self.end - time.monotonic() > 1.0
        ):
            return
        check_cancelled()
        found = lower_bound(
            self.problem,
            result.roster,
            deadline=self.end,
            families=self.families,
            upper=result.objective,
            threads=min(self.workers, os.cpu_count() or 1),
        )
        if found.bound is not None and (result.bound is None or found.bound > result.bound):
            result.bound, result.bound_method = found.bound, BOUND_METHOD
            if result.objective is not None and found.bound >= result.objective:
                result.status = Status.OPTIMAL  # the bound reached the roster: nothing is better


def has_minimum(problem: Problem) -> bool:
    """Whether any Demand row asks for a minimum (else there is no minimum tier)."""
    return any(s.min > 0 for s in segments(problem)) or any(q.min > 0 for q in shift_requirements(problem))


def unmet_minimum(problem: Problem, roster: Roster) -> int:
    """Person-minutes below the minimum staffing in ``roster`` (as the summary counts them)."""
    return sum(shortfall_summary(problem, roster).values())


def _fits(kind: str, n_candidates: int, seconds: float) -> bool:
    """Whether a model of this kind can be built (and get some search) in ``seconds``."""
    return n_candidates * BUILD_SECONDS_PER_CANDIDATE[kind] < seconds


@dataclass
class _Lean:
    """What the lean model's phases found: the best roster and its unmet minimum (``result``),
    the full model's build time estimated from this build's measured speed (the machine may be
    busy), whether the full model is to follow (then the core phase took only its share), and
    the seconds the light presolve took on this model (None: not measured)."""

    result: SolveResult
    full_build: float
    full_fits: bool
    presolve: float | None


def _solve_lean(
    problem: Problem,
    core: Sequence[Family],
    start: Roster | None,
    unmet: int | None,
    started: float,
    deadline: float,
    min_share: float,
    want_core: bool,
    n_cands: int,
    workers: int,
    seed: int,
    log: bool,
    on_progress: ProgressFn | None,
    *,
    stay_close: bool = False,
) -> _Lean:
    """The lean model: the hard rules (the families that are not soft-only), built once.

    First, for ``min_share`` seconds at most (it ends when proven), the unmet minimum is the only
    objective: the result carries the best value found (``min_unmet``) and CP-SAT's proven lower
    bound (``min_lower_bound``), in person-minutes. That value then becomes a hard upper bound,
    and (``want_core``, or when the full model will not fit) the lean model's own weighted
    objective (contract hours, target staffing) is minimised under it: a roster that fills
    staffing and hours fast for the full model to start from. ``unmet`` is the start's unmet
    minimum (None: unknown)."""
    result = SolveResult(status=Status.UNKNOWN, workers=workers, seed=seed)
    built = time.monotonic()
    ctx = build_model(problem, core)
    rate = (time.monotonic() - built) / max(n_cands, 1)
    full_build = n_cands * rate * FULL_OVER_LEAN
    expr = ctx.unmet_minimum_expr()
    if start is not None:
        ctx.hint_roster(start, max(0.2, min((deadline - time.monotonic()) / 8, 5.0)), workers, seed)
        for var, value in ctx.hints.items():
            ctx.model.add_hint(var, value)
    solver: cp_model.CpSolver | None = None
    presolve: float | None = None  # seconds the light presolve took on this model
    scale = 1
    if min_share > 0:
        objective: cp_model.LinearExprT = expr
        if stay_close and start is not None:
            # Re-planning: among rosters with the least unmet minimum, the one closest to the
            # start (changed cells as a tie-break that never outweighs a person-minute). Without
            # it the search moved dozens of other people to cover a 3-day absence.
            chosen = roster_keys(problem, start)
            scale = len(ctx.x) + 1
            changed = cp_model.LinearExpr.sum(
                [(1 - var) if key in chosen else var for key, var in ctx.x.items()]
            )
            objective = cp_model.LinearExpr.weighted_sum([expr, changed], [scale, 1])
        ctx.model.minimize(objective)
        solver = _new_solver(min(min_share, deadline - time.monotonic()), workers, seed, log)
        callback = _Callback(started, _without_objective(on_progress))
        begun = time.monotonic() - started
        status = STATUS_OF.get(run(solver, ctx.model, callback), Status.UNKNOWN)
        result.first_solution_seconds = callback.first
        if callback.first is not None and start is not None:
            presolve = callback.first - begun  # the complete hint is the first solution
        if status == Status.INFEASIBLE:
            result.status = status
            return _Lean(result, full_build, False, presolve)
        if status.has_roster:
            # The solution's own value, not ``objective_value``: with several workers and a
            # light presolve CP-SAT 9.15 was seen to report an objective above the value of
            # the solution it returned.
            value = round(solver.value(expr))
            # Only a roster with less unmet minimum replaces the start: the other terms are not
            # in this objective, so an equal one may have drifted on everything else.
            if unmet is None or value < unmet:
                unmet = value
                result.status, result.roster = Status.FEASIBLE, read_roster(ctx, solver)
                _hint_solution(ctx.model, solver)
            # With the tie-break, objective = scale × unmet + changed, 0 <= changed < scale.
            bound = max(0, math.ceil(solver.best_objective_bound - 1e-6) // scale)
            # A bound above a roster in hand cannot be right: then nothing is claimed as proven.
            result.min_lower_bound = bound if bound <= value else None
    elif unmet == 0:
        result.min_lower_bound = 0
    result.min_unmet = unmet
    left = deadline - time.monotonic()
    # The full phase needs its build, then about as long again for the complete hint and the
    # light presolve, then a search: it follows only if that fits in what the core phase leaves.
    full_fits = FULL_PHASE_OVER_BUILD * full_build < left * (1 - SHARE["core"])
    if (want_core or not full_fits) and left > 0.5:
        # The core phase's share (see PHASES); the neighbourhood search still gets whatever this
        # phase leaves, and all of the time when the lean model does not fit.
        until = time.monotonic() + (left * SHARE["core"] if full_fits else left)
        if unmet is not None:
            ctx.model.add(expr <= unmet)
        # Staffing alone first (a search that sees only the coverage terms fills the roster
        # much faster), then the lean model's whole objective from there.
        staffing = sum((t.weight * t.expr for t in ctx.penalties if t.family == "coverage"), 0)
        steps = [(staffing, SHARE["staffing"]), (ctx.objective_expr(), 1.0)]
        if until - time.monotonic() < STAFFING_ALONE_FROM:
            steps = steps[1:]  # too short to split: the lean model's whole objective at once
        for objective, share in steps:
            ctx.model.minimize(objective)
            solver = _new_solver((until - time.monotonic()) * share, workers, seed, log, presolve)
            callback = _Callback(started, _without_objective(on_progress))
            status = STATUS_OF.get(run(solver, ctx.model, callback), Status.UNKNOWN)
            if result.first_solution_seconds is None:
                result.first_solution_seconds = callback.first
            if status.has_roster:
                result.status, result.roster = Status.FEASIBLE, read_roster(ctx, solver)
                _hint_solution(ctx.model, solver)
    return _Lean(result, full_build, full_fits, presolve)


def _without_objective(on_progress: ProgressFn | None) -> ProgressFn | None:
    """Progress of the core solve: its objective is not the full one, so it is not shown."""
    if on_progress is None:
        return None
    report = on_progress

    def relay(p: Progress) -> None:
        report(Progress(p.elapsed, None, None, p.solutions))

    return relay


def _hint_solution(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """Replace the model's hints by the solver's last solution (every variable)."""
    model.clear_hints()  # type: ignore[no-untyped-call]  # untyped in OR-Tools 9.15
    for i in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(i)
        model.add_hint(var, solver.value(var))


def _solve_lexicographic(
    ctx: ModelContext,
    families: Sequence[Family],
    started: float,
    limit: float,
    workers: int,
    seed: int,
    log: bool,
    on_progress: ProgressFn | None,
    result: SolveResult,
) -> tuple[cp_model.CpSolver, Status]:
    """Optimise stage by stage; each stage's best value becomes an upper bound for the next."""
    by_stage: dict[str, list[PenaltyTerm]] = {s: [] for s in STAGES}
    for term in ctx.penalties:
        by_stage[stage_of(term, families)].append(term)
    stages = [s for s in STAGES if by_stage[s]] or ["comfort"]
    model = ctx.model
    solver = _new_solver(0.1, workers, seed, log)
    status = Status.UNKNOWN
    last: cp_model.CpSolver | None = None
    for k, stage in enumerate(stages):
        remaining = limit - (time.monotonic() - started)
        share = remaining / (len(stages) - k)
        expr = sum((t.weight * t.expr for t in by_stage[stage]), 0)
        model.minimize(expr)
        solver = _new_solver(share, workers, seed, log)
        callback = _Callback(started, on_progress)
        code = run(solver, model, callback)
        stage_status = STATUS_OF.get(code, Status.UNKNOWN)
        if result.first_solution_seconds is None:
            result.first_solution_seconds = callback.first
        if not stage_status.has_roster:
            if last is None:
                return solver, stage_status
            # A later stage found nothing in its share: keep the previous stage's roster.
            return last, Status.FEASIBLE
        value = round(solver.value(expr))
        result.stages.append(
            {
                "stage": stage,
                "status": str(stage_status),
                "value": value,
                "bound": round(solver.best_objective_bound),
                "seconds": round(time.monotonic() - started, 2),
            }
        )
        if stage_status != Status.OPTIMAL:
            status = Status.FEASIBLE
        elif status == Status.UNKNOWN:
            status = Status.OPTIMAL
        _hint_solution(model, solver)
        if by_stage[stage]:
            model.add(expr <= value)
        last = solver
    return solver, status


def read_roster(ctx: ModelContext, solver: cp_model.CpSolver) -> Roster:
    problem = ctx.problem
    out = [
        Assignment(staff, problem.date_of(day), shift, area)
        for (staff, day, shift, area), var in ctx.x.items()
        if solver.boolean_value(var)
    ]
    return Roster.of(out)


def family_costs(ctx: ModelContext, solver: cp_model.CpSolver) -> dict[str, int]:
    costs: dict[str, int] = {}
    for term in ctx.penalties:
        costs[term.family] = costs.get(term.family, 0) + term.weight * int(solver.value(term.expr))
    return costs
