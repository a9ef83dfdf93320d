"""Writing the demand: a workbook with Demand, Profile (with charts), Events and Parameters
sheets, or a copy of the input workbook whose Demand sheet holds the new rows.

Both are written to a temporary file in the target folder and renamed only when complete
(:mod:`roster_solver.outputs`); the input workbook is never modified. Every text cell written is
stored as text, never as a formula (:mod:`roster_solver.workbook.safecells`); the merged copy
keeps the input's other sheets as they are. Never imports the solver.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from ..calendar import SHORT_EN, format_minute_of_day
from ..domain import ANY_AREA, DemandRow, Problem
from ..errors import InputError
from ..workbook.aliases import COLUMNS, header, norm
from ..workbook.safecells import append, put, save, text
from .profile import HOURS, Cell, DemandPlan, bin_minute
from .reports import ReportTable

DEMAND_COLUMNS = ("area", "days", "from", "to", "min", "target", "note")
_BOLD = Font(bold=True)
_HEAD = PatternFill("solid", fgColor="D9E1F2")


def write_demand_workbook(path: Path, plan: DemandPlan, table: ReportTable) -> None:
    """Demand (headers exactly as the reader expects), Profile, Events and Parameters sheets."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Demand"
    _table(ws, list(DEMAND_COLUMNS), [[r.cells()[c] for c in DEMAND_COLUMNS] for r in plan.rows])
    _profile_sheet(wb.create_sheet("Profile"), plan)
    events = wb.create_sheet("Events")
    _table(
        events,
        ["area", "first", "last", "reports", "expected", "anchor", "horizon_dates"],
        [
            [
                e.area,
                e.first,
                e.last,
                e.reports,
                e.expected,
                e.anchor,
                ", ".join(d.isoformat() for d in e.horizon_dates),
            ]
            for e in plan.events
        ],
    )
    _parameters_sheet(wb.create_sheet("Parameters"), plan, table)
    save(wb, path)


def merge_demand(
    input_path: Path, target: Path, plan: DemandPlan, problem: Problem, *, keep_skill_rows: bool = True
) -> int:
    """A copy of the input workbook whose Demand sheet holds ``plan``'s rows (plus, with
    ``keep_skill_rows``, the input's rows with a skill or a shift, which reports cannot
    derive). The sheet keeps its name, place and column order; the copy is read back with the
    workbook reader before it replaces ``target``. Returns the number of rows kept."""
    from ..workbook.reader import read_workbook

    wb = load_workbook(input_path)
    ws = next((wb[n] for n in wb.sheetnames if norm(n) in ("demand", "bezetting")), None)
    if ws is None:
        ws = wb.create_sheet("Demand")
    lang = "nl" if norm(ws.title) == "bezetting" else "en"
    lookup = {norm(c): c for c in COLUMNS["Demand"]}
    for c, aliases in COLUMNS["Demand"].items():
        for a in aliases:
            lookup.setdefault(norm(a), c)
    order: list[str] = []
    for value in next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ()):
        found = lookup.get(norm(value)) if value is not None else None
        order.append(found or "")
    for c in COLUMNS["Demand"]:
        if c not in order:
            order.append(c)
    kept = [d for d in problem.demand if d.skill is not None or d.shift is not None]
    if not keep_skill_rows:
        kept = []
    ws.delete_rows(1, ws.max_row)
    append(ws, [header("Demand", c, lang) if c else None for c in order])
    for cell in ws[1]:
        cell.font = _BOLD
    for r in plan.rows:
        values = r.cells()
        append(ws, [values.get(c) for c in order])
    for d in kept:
        values = _row_values(d)
        append(ws, [values.get(c) for c in order])

    def save_checked(book: Workbook, tmp: Path) -> None:
        book.save(tmp)
        try:
            read_workbook(tmp)  # the merged workbook must be a valid input
        except InputError as exc:  # the input read fine, so this is our bug, not the user's
            raise RuntimeError(f"the merged workbook does not read back: {exc}") from None

    save(wb, target, sheets=[ws.title], saver=save_checked)
    return len(kept)


def _row_values(d: DemandRow) -> dict[str, Any]:
    return {
        "area": d.area,
        "days": d.days.text,
        "from": format_minute_of_day(d.start) if d.start is not None else None,
        "to": format_minute_of_day(d.end) if d.end is not None else None,
        "min": d.min,
        "target": d.target,
        "max": d.max,
        "skill": d.skill,
        "shift": d.shift,
        "weight_under": d.weight_under,
        "weight_over": d.weight_over,
        "note": d.note or None,
        "replace": "yes" if d.replace else None,
    }


def _table(ws: Worksheet, headers: list[str], rows: list[list[Any]]) -> None:
    append(ws, headers)
    for cell in ws[1]:
        cell.font = _BOLD
        cell.fill = _HEAD
    for row in rows:
        append(ws, row)
    ws.freeze_panes = "A2"
    for k, h in enumerate(headers, start=1):
        width = max([len(str(h))] + [len(str(r[k - 1])) for r in rows if r[k - 1] is not None])
        ws.column_dimensions[ws.cell(1, k).column_letter].width = min(60, width + 2)


def _profile_sheet(ws: Worksheet, plan: DemandPlan) -> None:
    """Per area (and city-wide) a block hour × weekday of handling hours per hour, and a chart."""
    append(
        ws,
        [
            "Expected handling hours per hour (reports × handling minutes ÷ 60), from "
            f"{plan.window[0].isoformat()} to {plan.window[1].isoformat()}; event dates and public "
            "holidays left out."
        ],
    )
    blocks: list[tuple[str, list[list[Cell]]]] = [(a, plan.profile[a]) for a in plan.areas]
    city = [
        [sum((plan.profile[a][w][b] for a in plan.areas), Cell()) for b in range(HOURS)] for w in range(7)
    ]
    blocks.append((f"{ANY_AREA} (city-wide)", city))
    row = 3
    for name, weeks in blocks:
        put(ws, row, 1, f"area {name}").font = _BOLD
        put(ws, row + 1, 1, "hour").font = _BOLD
        for w in range(7):
            put(ws, row + 1, 2 + w, SHORT_EN[w]).font = _BOLD
        for b in range(HOURS):
            put(ws, row + 2 + b, 1, format_minute_of_day(bin_minute(b)))
            for w in range(7):
                put(ws, row + 2 + b, 2 + w, round(weeks[w][b].load, 3))
        chart = LineChart()
        chart.title = text(f"{name}: handling hours per hour")
        chart.y_axis.title = "hours per hour"
        chart.x_axis.title = "hour (service day from 06:00)"
        chart.height, chart.width = 7.5, 16
        data = Reference(ws, min_col=2, max_col=8, min_row=row + 1, max_row=row + 1 + HOURS)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=row + 2, max_row=row + 1 + HOURS))
        ws.add_chart(chart, f"J{row}")
        row += HOURS + 4
    ws.column_dimensions["A"].width = 12


def _parameters_sheet(ws: Worksheet, plan: DemandPlan, table: ReportTable) -> None:
    rows: list[list[Any]] = [
        ["reports_file", table.source],
        ["reports_read", len(table.reports)],
        ["rows_skipped", table.skipped_rows],
        ["profile_window", f"{plan.window[0].isoformat()}..{plan.window[1].isoformat()}"],
        ["reports_in_window", plan.reports_used],
    ]
    rows += [[k, v] for k, v in plan.parameters.rows()]
    for key, (lo, hi) in sorted(plan.person_hours.items()):
        rows.append([f"person_hours_min {key}", round(lo, 1)])
        rows.append([f"person_hours_target {key}", round(hi, 1)])
    for key, hours in sorted(plan.uncovered.items()):
        rows.append([f"not_covered_by_any_shift {key} (person-hours of min)", round(hours, 1)])
    _table(ws, ["key", "value"], rows)
