"""`roster demand`: propose the Demand sheet from incident reports (meldingen).

The method and every parameter are documented in ``docs/demand.md``; the logic lives in
:mod:`roster_solver.demand`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from ..cliutil import EXIT_USAGE, app, check_output_path, err, guarded, load_problem, out
from ..errors import InputError, Issue, Where


def _service_level(text: str | None) -> tuple[float, float] | None:
    """``80/30`` or ``0.8/30``: that share of reports gets a free person within that many minutes."""
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*%?\s*/\s*(\d+(?:[.,]\d+)?)\s*(?:min)?\s*", text)
    if m is None:
        raise ValueError(f"--service-level: {text!r} is not P/T, e.g. 80/30 (80 % within 30 minutes)")
    p = float(m.group(1).replace(",", "."))
    t = float(m.group(2).replace(",", "."))
    if p > 1:
        p /= 100
    if not 0 < p < 1 or t <= 0:
        raise ValueError(f"--service-level: {text!r} needs a share between 0 and 100 % and minutes above 0")
    return p, t


def _hours(text: str) -> tuple[int, int]:
    from ..calendar import parse_time_text

    parts = text.split("-")
    try:
        if len(parts) != 2:
            raise ValueError
        a, b = parse_time_text(parts[0]), parse_time_text(parts[1])
    except ValueError:
        raise ValueError(f"--open: {text!r} is not a time window such as 07:00-22:00") from None
    if a % 60 or b % 60 or not a < b:
        raise ValueError(f"--open: {text!r} must be whole hours within one day, e.g. 07:00-22:00")
    return a, b


@app.command()
@guarded
def demand(
    reports: Annotated[
        Path, typer.Argument(help="Incident reports: a .csv or .xlsx table.", show_default=False)
    ],
    input: Annotated[
        Path,
        typer.Option(
            "--input", "-i", help="The input workbook (areas, shifts, horizon).", show_default=False
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output workbook [default: INPUT-demand.xlsx beside the input]."),
    ] = None,
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks", min=1, max=520, help="Build the weekly profile from the last N weeks of reports."
        ),
    ] = 52,
    service_level: Annotated[
        str | None,
        typer.Option(
            "--service-level",
            help="Target by Erlang C instead of workload: P/T, e.g. 80/30 = 80 % of reports "
            "find a free person within 30 minutes.",
        ),
    ] = None,
    merge: Annotated[
        bool,
        typer.Option("--merge", help="Write a copy of the input workbook with its Demand sheet replaced."),
    ] = False,
    keep_skill_rows: Annotated[
        bool,
        typer.Option(
            "--keep-skill-rows/--drop-skill-rows",
            help=(
                "With --merge: keep the input's Demand rows with a skill or shift "
                "(reports cannot derive them)."
            ),
        ),
    ] = True,
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            "--skip-bad-rows",
            help="Skip reports with an unknown area or a malformed time (and say how many) "
            "instead of failing.",
        ),
    ] = False,
    open_hours: Annotated[
        str,
        typer.Option(
            "--open", help="Opening hours: each area has its own rows inside, one city-wide row outside."
        ),
    ] = "07:00-22:00",
    floor: Annotated[
        int, typer.Option("--floor", min=0, help="Minimum per area in opening hours (2 = pairs).")
    ] = 1,
    night_floor: Annotated[
        int, typer.Option("--night-floor", min=0, help="Minimum city-wide outside opening hours.")
    ] = 2,
    own_after_hours: Annotated[
        int,
        typer.Option(
            "--own-after-hours",
            min=1,
            help="Outside opening hours an area keeps its own row where its own minimum reaches this.",
        ),
    ] = 2,
    productive: Annotated[
        float,
        typer.Option(
            "--productive", min=0.01, max=1.0, help="Share of an on-duty hour spent on reports at the target."
        ),
    ] = 0.2,
    max_fraction: Annotated[
        float,
        typer.Option(
            "--max-fraction",
            min=0.01,
            max=1.0,
            help="Share of an on-duty hour spent on reports at the minimum (at most).",
        ),
    ] = 0.4,
    handling_minutes: Annotated[
        float,
        typer.Option("--handling-minutes", min=1, help="Handling time of a report without handling_minutes."),
    ] = 45.0,
) -> None:
    """Propose the Demand sheet from incident reports: a minimum floor, a workload target.

    Reads the reports (timestamp, area; optional category, priority, handling_minutes; Dutch
    headers accepted), builds the hourly workload per area and weekday from the last --weeks
    weeks, finds event dates (carnival, festivals) in the history and carries them into the
    horizon, and writes Demand rows in merged time windows, a Profile sheet with a chart per
    area, the events found and the parameters used. With --merge it writes a copy of the input
    workbook whose Demand sheet holds the new rows instead (never the input itself).

    Reports with an unknown area or a malformed time are listed with their row numbers and
    nothing is written (exit 1), unless --skip-bad-rows.

    Examples:

      roster demand data/reports.csv --input team.xlsx -o demand.xlsx

      roster demand meldingen.xlsx --input team.xlsx --merge -o team-new.xlsx --weeks 13

      roster demand data/reports.csv --input team.xlsx --service-level 80/30 --floor 2
    """
    from ..demand import DemandParameters, build_plan, read_reports
    from ..demand.output import merge_demand, write_demand_workbook
    from ..demand.profile import workbook_person_hours

    try:
        level = _service_level(service_level)
        open_from, open_to = _hours(open_hours)
        params = DemandParameters(
            weeks=weeks,
            open_from=open_from,
            open_to=open_to,
            floor=floor,
            night_floor=night_floor,
            own_after_hours=own_after_hours,
            productive_fraction=productive,
            max_fraction=max_fraction,
            handling_minutes=handling_minutes,
            service_level=level,
        )
    except ValueError as exc:
        err.print(str(exc), markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    target = output or input.with_name(f"{input.stem}-demand.xlsx")
    check_output_path(input, target, {"the reports file": reports})
    problem = load_problem(input)
    if not problem.areas:
        raise InputError(Issue(Where("Areas"), "has no areas; reports are mapped to the workbook's areas"))
    table = read_reports(
        reports, problem.areas, skip_bad_rows=skip_bad_rows, timezone=problem.settings.timezone
    )
    if table.skipped:
        n = table.skipped_rows
        err.print(
            f"warning: skipped {n} report row{'s' if n != 1 else ''} with problems "
            f"(--skip-bad-rows), {len(table.reports)} used:"
        )
        for issue in table.skipped[:10]:
            err.print(f"  {issue}", markup=False)
        if len(table.skipped) > 10:
            err.print(f"  … and {len(table.skipped) - 10} more")
    if not table.reports:
        raise InputError(Issue(Where(table.source), "has no usable reports"))
    plan = build_plan(table, problem, params)

    out.print(
        f"{len(table.reports)} reports; weekly profile from {plan.window[0]} to {plan.window[1]} "
        f"({plan.reports_used} reports)."
    )
    for ev in plan.events:
        where = ", ".join(d.isoformat() for d in ev.horizon_dates) or "not in the horizon"
        span = str(ev.first) if ev.first == ev.last else f"{ev.first}..{ev.last}"
        out.print(
            f"  event {ev.area} {span}: {ev.reports} reports vs {ev.expected:g} expected "
            f"({ev.anchor}) -> {where}"
        )
    for key, hours in sorted(plan.uncovered.items()):
        err.print(
            f"warning: {key}: {hours:g} person-hours of minimum fall in hours no shift type "
            "covers; they are left out."
        )
    current = workbook_person_hours(problem)
    out.print("Person-hours over the horizon (min / target)   proposed        workbook now")
    for key in (*plan.areas, "*"):
        lo, hi = plan.person_hours.get(key, (0.0, 0.0))
        c_lo, c_hi = current.get(key, (0.0, 0.0))
        out.print(f"  {key:<6} {lo:>10.0f} / {hi:<10.0f}          {c_lo:>6.0f} / {c_hi:<6.0f}")
    if merge:
        kept = merge_demand(input, target, plan, problem, keep_skill_rows=keep_skill_rows)
        out.print(
            f"Wrote {target}: the input workbook with {len(plan.rows)} Demand rows from the reports"
            + (f" and {kept} kept skill/shift rows." if kept else ".")
        )
    else:
        write_demand_workbook(target, plan, table)
        out.print(f"Wrote {len(plan.rows)} Demand rows, the profile and its charts to {target}.")
