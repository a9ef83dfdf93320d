"""`roster convert`: a public benchmark instance as an input workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..cliutil import EXIT_USAGE, app, err, guarded, out, refuse_output

WORKBOOK_WEEKS = 26  # the reader's limit (docs/workbook-contract.md#settings-instellingen, weeks)


@app.command()
@guarded
def convert(
    instance: Annotated[
        Path, typer.Argument(help="A Curtois & Qu instance file (.txt).", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Input workbook to write [default: INSTANCE.xlsx beside it]."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output file.")] = False,
) -> None:
    """Write a Curtois & Qu benchmark instance as an input workbook.

    The instance becomes ordinary workbook rows (rule profile none, one area, shifts from
    06:00, Limits, Staff min/max hours and run lengths, Absence for days off, prefer/avoid
    Wishes for shift requests, Demand rows per day and shift with weight_under/weight_over),
    so `roster solve` on the workbook optimises exactly the benchmark's penalty. See
    docs/benchmarks.md. Exit 0 written, 1 bad instance (every problem with its line), 2 usage.

    Examples:

      roster convert Instance1.txt -o Instance1.xlsx

      roster solve Instance1.xlsx -o Instance1-roster.xlsx --time-limit 60
    """
    from ..benchmarks.curtois import read_instance, to_problem
    from ..workbook.template import write_input_workbook

    target = output or instance.with_suffix(".xlsx")
    if not instance.is_file():
        err.print(f"{instance} is not a file")
        raise typer.Exit(EXIT_USAGE)
    refuse_output(
        target,
        (".xlsx",),
        why="the output is an Excel workbook",
        example="instance.xlsx",
        inputs={"the instance": instance},
        replace=force,
    )
    problem = to_problem(read_instance(instance))
    write_input_workbook(target, problem, overwrite=True)  # written to a temp file, then renamed
    out.print(
        f"Wrote {target}: {len(problem.staff)} people, {problem.n_days} days, "
        f"{len(problem.shifts)} shift types, {len(problem.demand)} cover rows."
    )
    if problem.weeks > WORKBOOK_WEEKS:
        err.print(
            f"note: the horizon is {problem.weeks} weeks; an input workbook holds at most "
            f"{WORKBOOK_WEEKS} (docs/workbook-contract.md), so `roster solve` will refuse this one. "
            "Solve the instance with `roster bench curtois` instead."
        )
