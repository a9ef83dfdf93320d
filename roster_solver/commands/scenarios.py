"""`roster scenarios`: what-if alternatives of a workbook, solved in parallel and compared.

The work is done by :mod:`roster_solver.scenarios` (reading, building, solving, comparing) and
:mod:`roster_solver.parallel` (the Dask cluster); this module wires them to the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..cliutil import (
    EXIT_INPUT,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    MAX_WORKERS,
    SeedOption,
    app,
    check_output_path,
    err,
    guarded,
    load_problem,
    out,
    refuse_output,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..scenarios.run import ScenarioResult


@app.command()
@guarded
def scenarios(
    input: Annotated[Path, typer.Argument(help="The base input workbook (.xlsx).", show_default=False)],
    scenarios_book: Annotated[
        Path,
        typer.Option(
            "--scenarios",
            "-s",
            help="The scenarios workbook (roster init --scenarios FILE).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The comparison workbook to write (.xlsx).", show_default=False),
    ],
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write the comparison as one HTML page.")
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Address of a running Dask scheduler (tcp://host:8786) "
            "[default: a local cluster, one worker process per core].",
        ),
    ] = None,
    local_workers: Annotated[
        int | None,
        typer.Option(
            "--local-workers",
            min=1,
            max=256,
            help="Worker processes of the local cluster [default: the number of cores].",
        ),
    ] = None,
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit", min=0.1, help="Seconds per scenario, wall clock [default: Settings or 60]."
        ),
    ] = None,
    workers_per_task: Annotated[
        int | None,
        typer.Option(
            "--workers-per-task",
            min=1,
            max=MAX_WORKERS,
            help="CP-SAT workers of each scenario's solve [default: Settings, else 2].",
        ),
    ] = None,
    seed: SeedOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Solve what-if alternatives of a workbook in parallel and compare them side by side.

    Each row of the scenarios workbook is a named alternative: people removed or added, demand
    scaled, replaced or added, rules and weights overridden, shifts added or removed, another
    horizon. Every scenario is built and validated like an input workbook, solved with the
    same engine as `roster solve` (as a task on a Dask cluster) and re-checked; the comparison
    shows the unmet minimum (proven or not), target coverage, hours outside the contract bands,
    the spread of nights and weekends per FTE, wishes granted and the largest penalty families.
    An invalid scenario is reported with its sheet, row and column; the others still run. A
    task whose worker dies is run once more, then reported failed.

    Exit 0 when every scenario has a roster, 1 when a scenario is invalid (the others are still
    compared and written), 2 for wrong usage (also a --cluster that does not answer), 4 when a
    scenario's solve failed or found no roster in time.

    Examples:

      roster init --scenarios what-if.xlsx

      roster scenarios team.xlsx --scenarios what-if.xlsx -o compare.xlsx --report compare.html

      roster scenarios team.xlsx -s what-if.xlsx -o compare.xlsx --cluster tcp://10.0.0.5:8786
    """
    from ..scenarios.compare import comparison_html, write_comparison_workbook
    from ..scenarios.run import run_scenarios
    from ..scenarios.sheet import read_scenarios

    check_output_path(input, output, {"the scenarios workbook": scenarios_book})
    if report is not None:
        refuse_output(
            report,
            (".html", ".htm"),
            why="the comparison is a web page",
            example="compare.html",
            option="--report",
            inputs={
                "the input workbook": input,
                "the scenarios workbook": scenarios_book,
                "the output workbook": output,
            },
        )
    problem = load_problem(input)
    book = read_scenarios(scenarios_book)
    limit = float(time_limit if time_limit is not None else problem.settings.time_limit_seconds)
    per_task = workers_per_task or problem.settings.workers or 2
    rnd = seed if seed is not None else problem.settings.seed
    for issue in book.issues.get("", []):
        err.print(f"warning: {issue}", markup=False)
    if not book.scenarios:
        err.print(f"{scenarios_book} has no scenario rows; nothing was written.")
        raise typer.Exit(EXIT_INPUT)

    def progress(done: int, running: int, failed: int, total: int) -> None:
        if not quiet:
            err.print(
                f"  scenarios: {done} done, {running} running, {failed} failed, of {total}", markup=False
            )

    from ..parallel import ClusterUnreachable, cluster_client
    from ..parallel import local_workers as default_local

    where = cluster or f"local cluster, {default_local(local_workers)} worker processes"
    if not quiet:
        err.print(
            f"Solving {len(book.scenarios)} scenarios on {where}, at most {limit:g} s each "
            f"with {per_task} CP-SAT workers.",
            markup=False,
        )
    try:
        with cluster_client(cluster, n_workers=local_workers) as client:
            results = run_scenarios(
                problem,
                book,
                time_limit=limit,
                workers=per_task,
                seed=rnd,
                client=client,
                on_progress=progress,
            )
    except ClusterUnreachable as exc:
        err.print(f"--cluster: {exc}. Nothing was written.", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    facts: list[tuple[str, Any]] = [
        ("input_file", input.name),
        ("scenarios_file", scenarios_book.name),
        ("horizon", f"{problem.start_date.isoformat()} – {problem.end_date.isoformat()}"),
        ("time_limit_per_scenario_seconds", limit),
        ("cp_sat_workers_per_scenario", per_task),
        ("seed", rnd),
        ("engine", f"Dask.distributed ({where})"),
    ]
    _print(results)
    write_comparison_workbook(output, results, facts)
    out.print(f"Comparison written to {output}")
    if report is not None:
        from ..outputs import write_text

        write_text(report, comparison_html(results, facts))
        out.print(f"Report written to {report}")
    if any(r.state == "invalid" for r in results):
        raise typer.Exit(EXIT_INPUT)
    if any(r.state in ("failed", "no roster") for r in results):
        raise typer.Exit(EXIT_TIMEOUT)


def _print(results: Sequence[ScenarioResult]) -> None:
    header = f"{'scenario':<24} {'state':<9} {'minimum':<14} {'unmet h':>8} {'target %':>8} {'band h':>7}"
    out.print(header, markup=False)
    out.print("-" * len(header), markup=False)
    for r in results:
        f = r.figures
        if f is None:
            out.print(f"{r.name[:24]:<24} {r.state:<9}", markup=False)
            for p in r.problems:
                out.print(f"    {p}", markup=False)
            continue
        target = "" if f.target_coverage_pct is None else f"{f.target_coverage_pct:.1f}"
        out.print(
            f"{r.name[:24]:<24} {r.state:<9} {f.minimum:<14} {f.unmet_minimum_hours:>8.2f} "
            f"{target:>8} {f.hours_outside_band:>7.2f}",
            markup=False,
        )
