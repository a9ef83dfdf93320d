"""`roster capacity`: how many extra full-time people the team needs for its minimum and target.

The work is done by :mod:`roster_solver.capacity`; this module reads the workbook, prints the
table and writes the Capacity sheet.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..cliutil import (
    EXIT_INFEASIBLE,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    SeedOption,
    WorkersOption,
    app,
    check_output_path,
    err,
    guarded,
    load_problem,
    out,
)

QUESTION_CHOICES = ("both", "minimum", "target")

if TYPE_CHECKING:
    from ..capacity import CapacityReport
    from ..domain import Problem


@app.command()
@guarded
def capacity(
    input: Annotated[Path, typer.Argument(help="The input workbook (.xlsx).", show_default=False)],
    area: Annotated[
        str | None,
        typer.Option("--area", help="Only this area hires, and only its own Demand rows must be met."),
    ] = None,
    question: Annotated[str, typer.Option("--question", help="both, minimum or target.")] = "both",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Also write the Capacity sheet to this workbook (.xlsx)."),
    ] = None,
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit", min=0.1, help="Seconds per solve, wall clock [default: Settings or 60]."
        ),
    ] = None,
    workers: WorkersOption = None,
    seed: SeedOption = None,
    hours: Annotated[
        float | None,
        typer.Option(
            "--hours",
            min=1,
            max=80,
            help="Hours per week of one extra person [default: the team's full-time week, 36].",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Address of a running Dask scheduler (tcp://host:8786) to run the two questions on.",
        ),
    ] = None,
    no_cluster: Annotated[
        bool,
        typer.Option(
            "--no-cluster",
            help="Answer the questions one after the other in this process (no local cluster).",
        ),
    ] = False,
) -> None:
    """How many extra full-time people are needed to meet the minimum, and the target, legally.

    Solves the planning problem with hirable full-time people (at home in the area, with the
    skills its Demand rows ask for, no absences, the same rules) and finds the fewest at which
    every minimum staffing (separately: every target) is met without breaking a hard rule,
    then checks that one fewer is impossible. Also shows the person-hours short per area with
    today's team. An answer that could not be proven within the time limit reads
    "at most N; not proven minimal". Each solve has at most --time-limit seconds; a question
    takes at most seven solves (usually two or three). The two questions are independent and
    run at the same time as tasks on a local Dask cluster (one worker process per question, when
    the machine has two cores or more), or on a running scheduler with --cluster; --no-cluster
    answers them one after the other here. The answers are the same either way.

    Exit 0 when every question was answered, 1 for bad input, 2 for wrong usage, 3 when the
    input's hard rules cannot be met whatever the staffing, 4 when a question got no answer in
    time.

    Examples:

      roster capacity team.xlsx

      roster capacity team.xlsx --area NRD --question minimum

      roster capacity team.xlsx --time-limit 120 -o capacity.xlsx
    """
    from ..capacity import InputInfeasible
    from ..capacity import capacity as run_capacity

    if question not in QUESTION_CHOICES:
        err.print(f"--question: {question!r} is not one of {', '.join(QUESTION_CHOICES)}.")
        raise typer.Exit(EXIT_USAGE)
    if output is not None:
        check_output_path(input, output)
    problem = load_problem(input)
    if area is not None and area not in problem.area_by_code:
        codes = ", ".join(a.code for a in problem.areas) or "none"
        err.print(f"--area: {area!r} is not an area code of the workbook (areas: {codes}).")
        raise typer.Exit(EXIT_USAGE)
    if not problem.demand:
        out.print(
            "Nothing to staff: the Demand sheet is empty, so no extra people are needed. Nothing was written."
        )
        return
    questions: tuple[Any, ...] = ("minimum", "target") if question == "both" else (question,)

    def progress(line: str) -> None:
        if not quiet:
            err.print(f"  {line}", markup=False)

    try:
        with _client(cluster, no_cluster, len(questions)) as client:
            report: CapacityReport = run_capacity(
                problem,
                area=area,
                questions=questions,
                time_limit=time_limit,
                workers=workers,
                seed=seed,
                hours=hours,
                on_step=progress,
                client=client,
            )
    except InputInfeasible:
        from ..explain import explain_infeasible

        err.print("The input's hard rules cannot all be met, whatever the staffing; nothing was written:")
        limit = time_limit if time_limit is not None else problem.settings.time_limit_seconds
        for line in explain_infeasible(problem, time_limit=min(30.0, limit)):
            err.print(f"  - {line}", markup=False)
        raise typer.Exit(EXIT_INFEASIBLE) from None
    if report.status == "timeout":
        err.print(
            "No roster with today's team was found within the time limit; nothing was "
            "written. Try a longer --time-limit."
        )
        raise typer.Exit(EXIT_TIMEOUT)
    _print_table(report, problem)
    if output is not None:
        from ..workbook.reports import write_capacity_workbook

        write_capacity_workbook(output, report, problem, input_name=input.name)
        out.print(f"Capacity sheet written to {output}")
    if any(a.status == "unknown" for a in report.answers):
        raise typer.Exit(EXIT_TIMEOUT)


@contextlib.contextmanager
def _client(address: str | None, in_process: bool, tasks: int) -> Iterator[Any]:
    """A Dask client for the questions: the scheduler at ``address``; else a local cluster with
    one worker process per question when there is more than one and two cores or more; else
    None (answered here)."""
    if in_process and address:
        err.print("--cluster and --no-cluster exclude each other.")
        raise typer.Exit(EXIT_USAGE)
    cores = os.cpu_count() or 1
    if in_process or (address is None and (tasks < 2 or cores < 2)):
        yield None
        return
    from ..parallel import ClusterUnreachable, cluster_client

    try:
        with cluster_client(address, n_workers=min(tasks, cores)) as client:
            yield client
    except ClusterUnreachable as exc:
        err.print(f"--cluster: {exc}. Nothing was written.", markup=False)
        raise typer.Exit(EXIT_USAGE) from None


def _print_table(report: CapacityReport, problem: Problem) -> None:
    from ..capacity import capacity_rows

    out.print(
        f"Extra full-time people ({report.full_time_hours:g} h/week) needed, "
        f"{problem.start_date.isoformat()} – {problem.end_date.isoformat()} "
        f"({problem.weeks} week{'s' if problem.weeks != 1 else ''}); "
        f"each solve at most {report.time_limit:g} s."
    )
    header = f"{'question':<9} {'area':<8} {'extra people':>12} {'short today (h)':>16}  answer"
    out.print(header, markup=False)
    out.print("-" * len(header), markup=False)
    for row in capacity_rows(report):
        extra = "" if row["extra_people"] is None else str(row["extra_people"])
        area = "city-wide" if row["area"] == "*" else row["area"]
        answer = row["answer"] or ""
        out.print(
            f"{row['question']:<9} {area:<8} {extra:>12} {row['short_today_hours']:>16.2f}  {answer}",
            markup=False,
        )
    out.print(
        "'short today': the least unmet person-hours found with today's team "
        "(for the target question: below target).",
        markup=False,
    )
    skills = {a: s for a, s in report.skills.items() if s}
    if skills:
        out.print(
            "Extra people are assumed to have the skills: "
            + "; ".join(f"{a} {', '.join(s)}" for a, s in skills.items()),
            markup=False,
        )
