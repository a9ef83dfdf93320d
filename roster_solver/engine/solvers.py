"""The one place a CP-SAT solver is made, and the switch that stops every running search.

CP-SAT catches Ctrl-C by itself (``catch_sigint_signal``) and then ends the search as if its
time limit had been reached, so the program went on to its next phase and wrote a file. Here it
never catches the signal: the command line owns SIGINT and SIGTERM and calls :func:`cancel`,
which stops every search that is running (``stop_search`` is thread-safe) and makes every later
one return at once. Code that loops over solves asks :func:`cancelled` between them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ortools.sat.python import cp_model

_lock = threading.Lock()
_running: set[cp_model.CpSolver] = set()
_cancelled = threading.Event()


class Cancelled(Exception):
    """The run was stopped by the user (Ctrl-C or SIGTERM); nothing is to be written."""


# CP-SAT's subsolvers for a small model that should be proven fast (a neighbourhood step), the
# first ``workers`` of them. The LP-based ones prove a neighbourhood
# optimal where the default portfolio of two workers does not: on eight neighbourhoods of the
# example, 8 of 8 proven in 0.2-2.0 s against 5 of 8 within 4 s (bench/RESULTS.md, third round).
LP_SUBSOLVERS = ("max_lp", "reduced_costs", "default_lp", "quick_restart", "core", "no_lp")


def new_lp_solver(limit: float, workers: int, seed: int = 0) -> cp_model.CpSolver:
    """:func:`new_solver` running :data:`LP_SUBSOLVERS`: at least two of them, at most one per
    core (such a solve lasts about a second, and threads beyond the cores only share them)."""
    n = max(2, min(workers, os.cpu_count() or 1, len(LP_SUBSOLVERS)))
    solver = new_solver(limit, n, seed)
    solver.parameters.subsolvers.extend(LP_SUBSOLVERS[:n])
    return solver


def new_solver(limit: float, workers: int, seed: int = 0, log: bool = False) -> cp_model.CpSolver:
    """A CP-SAT solver with a wall-clock limit, worker count and seed, that leaves signals alone."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, limit) if not _cancelled.is_set() else 0.0
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = log
    solver.parameters.catch_sigint_signal = False
    return solver


@contextmanager
def running(solver: cp_model.CpSolver) -> Iterator[cp_model.CpSolver]:
    """Register ``solver`` while its search runs, so that :func:`cancel` can stop it."""
    with _lock:
        _running.add(solver)
    try:
        if _cancelled.is_set():
            solver.parameters.max_time_in_seconds = 0.0
        yield solver
    finally:
        with _lock:
            _running.discard(solver)
    if _cancelled.is_set():
        raise Cancelled


def run(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> cp_model.CpSolverStatus:
    """``solver.solve(model, callback)``, stoppable by :func:`cancel` (which raises Cancelled)."""
    if _cancelled.is_set():
        raise Cancelled
    with running(solver):
        return solver.solve(model, callback)


def cancel() -> None:
    """Stop every running search and make every later one return at once (thread-safe)."""
    _cancelled.set()
    with _lock:
        for solver in list(_running):
            solver.stop_search()


def cancelled() -> bool:
    return _cancelled.is_set()


def check_cancelled() -> None:
    """Raise :class:`Cancelled` when the run was stopped (for loops between solves)."""
    if _cancelled.is_set():
        raise Cancelled


def reset() -> None:
    """Forget an earlier cancel (tests and long-lived callers that run several commands)."""
    _cancelled.clear()
