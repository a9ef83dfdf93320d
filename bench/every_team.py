"""Solve every team of the suite (bench/teams.py) at each time limit and print one row per run.

Not a test: a measurement (issue 17). Each (team, time limit) runs in a fresh process, so its
timing and peak memory are its own. Every returned roster is re-checked by the independent
checker; a broken hard rule prints FAIL and the script exits 1.

    python bench/every_team.py                                  # the suite at 15 and 60 s
    python bench/every_team.py --only t30-3a-4w-8h-loose --time-limits 5
    python bench/every_team.py --time-limits 15 60 180 --workers 8 --seed 0 --markdown

Generated workbooks are written to bench/teams/ when missing (``--regenerate`` rewrites them).
Run it on a quiet machine: a busy one measures the other processes too (the load average is
printed in the header).

Columns
    team, people, weeks, limit (s)   the suite member and the time limit given to ``solve``
    read         seconds to read the workbook
    first        seconds from the start of ``solve`` to its first legal roster
                 (``SolveResult.first_solution_seconds``)
    unmet        person-hours of minimum staffing the returned roster leaves unmet
                 (``coverage.shortfall_summary``, summed over areas)
    proven       the engine's proven lower bound on that (``SolveResult.min_lower_bound``;
                 ``-`` when it gives none)
    known        the generator's own lower bound for a ``short`` team (``teams.known_shortfall``,
                 a counting argument); ``-`` for the others
    band         people outside their contract-hours band (as ``roster solve`` counts them)
    objective, bound   cost points (``SolveResult.objective`` and ``bound`` / 60)
    status       the solve status
    total        wall-clock seconds of read + solve
    peak MB      peak resident memory of the process (ru_maxrss)
    empty        horizon days on which the roster has no assignment at all although the demand
                 asks for people then (a truncated roster shows here)
    check        ``ok``, or ``FAIL n`` with n broken hard rules (``check.check_roster``)
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import resource
import shlex
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ for `teams`

import teams

# A run that overruns its limit by this much (and a little for reading) is stopped.
OVERRUN_FACTOR = 3.0
OVERRUN_SECONDS = 120.0


@dataclass
class Row:
    team: str
    people: int | None = None
    weeks: int | None = None
    limit: float = 0.0
    read: float | None = None
    first: float | None = None
    unmet: float | None = None  # person-hours
    proven: float | None = None  # person-hours
    known: float | None = None  # person-hours
    band: int | None = None
    objective: float | None = None  # points
    bound: float | None = None  # points
    status: str = "-"
    total: float | None = None
    peak_mb: float | None = None
    empty: int | None = None
    check: str = "-"


COLUMNS = (  # (header, attribute, width, format)
    ("team", "team", 24, "s"),
    ("people", "people", 6, "d"),
    ("weeks", "weeks", 5, "d"),
    ("limit", "limit", 5, ".0f"),
    ("read", "read", 5, ".1f"),
    ("first", "first", 6, ".1f"),
    ("unmet", "unmet", 7, ".1f"),
    ("proven", "proven", 7, ".1f"),
    ("known", "known", 6, ".1f"),
    ("band", "band", 4, "d"),
    ("objective", "objective", 11, ",.0f"),
    ("bound", "bound", 11, ",.0f"),
    ("status", "status", 9, "s"),
    ("total", "total", 6, ".1f"),
    ("peak MB", "peak_mb", 7, ".0f"),
    ("empty", "empty", 5, "d"),
    ("check", "check", 7, "s"),
)


# --------------------------------------------------------------------------- one run


def measure(path: str, name: str, limit: float, workers: int | None, seed: int) -> Row:
    """Read, solve and check one workbook in this process."""
    from roster_solver.check import check_roster
    from roster_solver.constraints.contract_hours import ContractHours
    from roster_solver.coverage import segments, shift_requirements, shortfall_summary
    from roster_solver.engine.solve import solve
    from roster_solver.roster import COST_SCALE
    from roster_solver.workbook.reader import read_workbook

    row = Row(team=name, limit=limit)
    started = time.perf_counter()
    problem = read_workbook(path)
    row.read = time.perf_counter() - started
    row.people, row.weeks = len(problem.staff), problem.weeks
    result = solve(problem, time_limit=limit, workers=workers, seed=seed)
    row.total = time.perf_counter() - started
    row.status = str(result.status)
    row.first = result.first_solution_seconds
    lower = getattr(result, "min_lower_bound", None)
    row.proven = None if lower is None else lower / 60
    known = teams.known_shortfall(problem)
    row.known = None if known is None else known / 60
    if result.objective is not None:
        row.objective = result.objective / COST_SCALE
    if result.bound is not None:
        row.bound = result.bound / COST_SCALE
    if result.status.has_roster:
        roster = result.roster
        row.unmet = sum(shortfall_summary(problem, roster).values()) / 60
        planned = ContractHours.planned_minutes(problem, roster)
        row.band = sum(
            1
            for p in problem.staff
            if not problem.hours_band(p)[0] <= planned[p.id] <= problem.hours_band(p)[1]
        )
        asked = {s.day for s in segments(problem) if s.min > 0 or s.target > 0}
        asked |= {r.day for r in shift_requirements(problem) if r.min > 0 or r.target > 0}
        worked = {problem.day_index(a.date) for a in roster.assignments}
        row.empty = sum(1 for d in asked if 0 <= d < problem.n_days and d not in worked)
        report = check_roster(problem, roster)
        row.check = "ok" if report.ok else f"FAIL {len(report.violations)}"
    row.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return row


def _child(conn: Any, path: str, name: str, limit: float, workers: int | None, seed: int) -> None:
    try:
        conn.send(("row", asdict(measure(path, name, limit, workers, seed))))
    except BaseException as exc:  # reported as the row's status; the parent goes on
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_isolated(path: Path, name: str, limit: float, workers: int | None, seed: int) -> Row:
    """:func:`measure` in a fresh (spawned) process; a crash or a gross overrun is a row too."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, str(path), name, limit, workers, seed))
    started = time.perf_counter()
    proc.start()
    child.close()
    deadline = limit * OVERRUN_FACTOR + OVERRUN_SECONDS
    message: tuple[str, Any] | None = None
    stopped = False
    try:
        if parent.poll(deadline):
            message = parent.recv()
    except EOFError:
        message = None  # the process died without a word
    if message is None and proc.is_alive():
        proc.kill()
        stopped = True
    proc.join()
    if message is not None and message[0] == "row":
        return Row(**message[1])
    row = Row(team=name, limit=limit, total=time.perf_counter() - started, check="FAIL")
    if message is not None:
        row.status = "error"
        print(f"  {name} at {limit:g} s: {message[1]}", file=sys.stderr)
    elif stopped:
        row.status = f"stopped>{deadline:.0f}s"
    elif proc.exitcode is not None and proc.exitcode < 0:
        row.status = f"signal {-proc.exitcode}"  # e.g. 9: killed for memory
    else:
        row.status = f"exit {proc.exitcode}"
    return row


# --------------------------------------------------------------------------- table


def cell(row: Row, attr: str, fmt: str) -> str:
    value = getattr(row, attr)
    if value is None:
        return "-"
    return format(value, fmt) if fmt != "s" else str(value)


def print_header(markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(h for h, *_ in COLUMNS) + " |")
        print(
            "|"
            + "|".join("---" if a in ("team", "status", "check") else "---:" for _, a, *_ in COLUMNS)
            + "|"
        )
    else:
        line = " ".join(h.ljust(w) if f == "s" else h.rjust(w) for h, _, w, f in COLUMNS)
        print(line)
        print("-" * len(line))


def print_row(row: Row, markdown: bool) -> None:
    cells = [cell(row, a, f) for _, a, _, f in COLUMNS]
    if markdown:
        print("| " + " | ".join(cells) + " |", flush=True)
    else:
        print(
            " ".join(
                c.ljust(w) if f == "s" else c.rjust(w) for c, (_, _, w, f) in zip(cells, COLUMNS, strict=True)
            ),
            flush=True,
        )


def machine_lines() -> list[str]:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=teams.ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    from ortools import __version__ as ortools_version

    return [
        "command: " + shlex.join([Path(sys.executable).name, *sys.argv]),
        f"when: {datetime.now().isoformat(timespec='seconds')}; commit {commit or '?'}",
        f"machine: {os.cpu_count()} cores, load average {load} (1, 5, 15 min); "
        f"Python {platform.python_version()}, OR-Tools {ortools_version}",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these suite members")
    ap.add_argument(
        "--time-limits",
        nargs="+",
        type=float,
        default=[15.0, 60.0],
        metavar="S",
        help="time limits in seconds (default 15 60)",
    )
    ap.add_argument(
        "--workers", type=int, default=None, help="CP-SAT workers (default: the product's own default)"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--markdown", action="store_true", help="print a markdown table")
    ap.add_argument(
        "--teams-dir",
        type=Path,
        default=teams.DEFAULT_OUT,
        help="where the generated workbooks are (written when missing)",
    )
    ap.add_argument("--regenerate", action="store_true", help="rewrite the generated workbooks first")
    ap.add_argument(
        "--in-process",
        action="store_true",
        help="solve in this process (no fresh process per run: peak memory is then the largest so far)",
    )
    args = ap.parse_args(argv)
    try:
        chosen = teams.select(args.only)
    except ValueError as exc:
        ap.error(str(exc))
    if any(t <= 0 for t in args.time_limits):
        ap.error("--time-limits must be positive")

    for line in machine_lines():
        print(("- " if args.markdown else "") + line)
    print(
        ("- " if args.markdown else "")
        + f"workers {args.workers or 'default'}, seed {args.seed}; unmet/proven/known in "
        "person-hours, objective/bound in cost points, times in seconds"
    )
    print()
    print_header(args.markdown)
    failures = 0
    for team in chosen:
        if isinstance(team, teams.TeamSpec) and args.regenerate:
            teams.write_team(team, args.teams_dir)
        path = teams.workbook_for(team, args.teams_dir)
        for limit in args.time_limits:
            if args.in_process:
                row = measure(str(path), team.name, limit, args.workers, args.seed)
            else:
                row = run_isolated(path, team.name, limit, args.workers, args.seed)
            failures += row.check.startswith("FAIL")
            print_row(row, args.markdown)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
