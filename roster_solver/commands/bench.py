"""`roster bench curtois`: solve public benchmark instances and tabulate the results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import outputs
from ..cliutil import (
    EXIT_BROKEN,
    EXIT_INFEASIBLE,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    MAX_WORKERS,
    PROVE_SHARE,
    app,
    err,
    guarded,
    out,
)

bench_app = typer.Typer(
    help="Solve public rostering benchmarks through the same engine and tabulate the results.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(bench_app, name="bench")


@bench_app.command("curtois")
@guarded
def curtois(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Curtois & Qu instance files (InstanceN.txt).", metavar="FILES...", show_default=False
        ),
    ],
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.5, help="Seconds per instance, wall clock.")
    ] = 60.0,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            max=MAX_WORKERS,
            help=f"Solver workers, 1-{MAX_WORKERS} [default: the engine's, 8].",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", min=0, max=2**31 - 1, help="Random seed.")] = 0,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the rosters and results.csv.")] = Path(
        "curtois-results"
    ),
    prove: Annotated[
        bool,
        typer.Option(
            "--prove",
            help="Spend the last third of each instance's time on a lower bound (column "
            "generation over person rows), so that the bound column says how far each roster "
            "can be from the optimum.",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Solve Curtois & Qu instances; write each roster and results.csv, print the table.

    Every instance is read first (a bad file stops the run with exit 1 before any solving).
    Each roster is written to OUT/<instance>-roster.csv in the benchmark's text format
    (EmployeeID,shift_day0,...; empty = day off), after the independent evaluator has
    re-scored it: the reported objective is the evaluator's penalty, and a roster with a
    broken hard rule is not written (status BROKEN). results.csv has instance, status,
    objective, bound, best_known, gap_to_best_known_pct, first_solution_seconds, seconds. The
    bound is CP-SAT's, or with --prove the better of it and the column-generation bound.

    Exit 0 when every instance got a roster, 3 when one is infeasible, 4 when one got no
    roster in time, 5 when one broke a hard rule (a bug).

    Examples:

      roster bench curtois Instance1.txt Instance2.txt --time-limit 60 --workers 8 --out results

      roster bench curtois bench/curtois/Instance*.txt --time-limit 600 --prove
    """
    from ..benchmarks.curtois import read_instance
    from ..benchmarks.evaluate import write_roster
    from ..benchmarks.runner import BenchResult, results_csv, solve_instance, table, write_text_atomically

    if out_dir.exists() and not out_dir.is_dir():
        err.print(f"{out_dir} is a file; --out needs a folder")
        raise typer.Exit(EXIT_USAGE)
    instances = [read_instance(f) for f in files]
    names = [i.name for i in instances]
    if len(set(names)) < len(names):
        err.print("two instance files have the same name; their rosters would overwrite each other")
        raise typer.Exit(EXIT_USAGE)
    outputs.check_writable(out_dir / "results.csv")  # the folder is made with the first file
    results: list[BenchResult] = []
    for inst in instances:
        if not quiet:
            err.print(
                f"{inst.name}: {len(inst.staff)} people, {inst.horizon} days, "
                f"{len(inst.shifts)} shift types, {time_limit:g} s ..."
            )
        res = solve_instance(
            inst, time_limit=time_limit, workers=workers, seed=seed, prove=PROVE_SHARE if prove else 0.0
        )
        results.append(res)
        if res.rows is not None and not res.violations:
            write_roster(out_dir / f"{inst.name}-roster.csv", inst, res.rows)
        for v in res.violations:
            err.print(f"  {inst.name}: {v}", markup=False)
        if not quiet:
            err.print(f"  {res.status} objective {res.objective} bound {res.bound} ({res.seconds:.1f} s)")
        # Written after every instance, so a long run leaves its results so far.
        write_text_atomically(out_dir / "results.csv", results_csv(results))
    out.print(table(results), markup=False)
    out.print(f"Rosters and results.csv in {out_dir}")
    statuses = {r.status for r in results}
    if "BROKEN" in statuses:
        raise typer.Exit(EXIT_BROKEN)
    if "INFEASIBLE" in statuses:
        raise typer.Exit(EXIT_INFEASIBLE)
    if any(r.rows is None for r in results):
        raise typer.Exit(EXIT_TIMEOUT)
