"""Write the output workbook: Roster, Assignments, Coverage, People, Penalties and Run.

The sheets are those of docs/workbook-contract.md "Output workbook", named by
:func:`~roster_solver.workbook.aliases.output_sheet_name` in the output language (Settings
``language`` unless ``lang`` is given). Column headers are the canonical English names of the
contract in both languages, so tools (and ``roster check``) can read them back; only the
human-facing Roster grid (date headers, totals, ``absent``) and yes/no values are translated.
Coverage has one extra trailing column, ``shift``, set for Demand rows that ask for people on
a shift type (the slot is then that dated shift); its area × hour map (to the right of the
table) shows per hour the fewest people planned, coloured by the worst requirement in that hour.
The Roster grid shows a worked shift even on a date with a part-day absence.

Privacy: people appear by staff id everywhere; names only in the name columns of Roster,
Assignments and People. Absence is shown as ``absent`` (``afwezig``), never its type or hours.

Every text cell is stored as text, never as a formula or an Excel error value, whatever it
starts with (``=2+5``, ``-B07``, ``#N/A``): values go through :mod:`.safecells`.

The file is written atomically through :mod:`roster_solver.outputs`: to a temporary file in the
target folder, then renamed over the target (a missing target folder is created). On any
failure the temporary file is removed and an existing output is left untouched; an OSError
(a full disk, a read-only folder) becomes an OutputError with a plain message. The input
workbook is never overwritten.

Never imports the solver.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .. import __version__, outputs
from ..calendar import SHORT_EN, SHORT_NL
from ..domain import Problem
from ..i18n import BOUND_METHODS, PEOPLE, SHEETS, WORKBOOK, column, people_header, pick
from ..roster import Assignment, Roster, SolveResult, cost_points
from ..shift_hours import irregular_hours, irregular_windows  # shared with the HR exports
from ..units import hours
from . import printing, safecells, styles
from .aliases import output_sheet_name
from .safecells import append, last_row, put

if TYPE_CHECKING:  # check.py imports the rule families (and so the solver); the writer must not
    from ..check import CheckReport

ASSIGNMENT_COLUMNS = (
    "staff",
    "name",
    "date",
    "shift",
    "area",
    "start",
    "end",
    "paid_hours",
    "night_hours",
    "weekend",
    "holiday",
)
COVERAGE_COLUMNS = (
    "area",
    "skill",
    "date",
    "slot_start",
    "slot_end",
    "min",
    "target",
    "planned",
    "short_of_min",
    "short_of_target",
    "over_max",
    "shift",
)
PEOPLE_COLUMNS = (
    "staff",
    "name",
    "home_area",
    "hours_per_week",
    "target_hours",
    "planned_hours",
    "difference",
    "nights",
    "evenings",
    "weekend_days",
    "sundays",
    "wishes_granted",
    "wishes_refused",
)
PENALTY_COLUMNS = ("rule", "staff", "date", "area", "amount", "cost", "reason")

LABELS = WORKBOOK  # the catalogue's table (roster_solver/i18n.py)

# --------------------------------------------------------------------------- entry point


def write_output_workbook(
    path: Path | str,
    problem: Problem,
    result: SolveResult,
    report: CheckReport,
    *,
    input_path: Path | str | None,
    lang: str | None = None,
    extra: dict[str, Any] | None = None,
    changes: Sequence[Any] | None = None,
) -> None:
    """Write the roster of ``result`` (checked in ``report``) to ``path``, atomically.

    ``changes`` (re-planning, ``roster repair``) adds a ``Changes`` sheet [``Wijzigingen``]:
    items with ``staff, name, date, was, becomes, why, within_notice`` attributes.

    ``extra`` may hold ``"people"``: staff id → {column: value} merged into People (fairness
    shares, wish outcomes), and ``"run"``: {key: value} appended to Run.
    Raises ValueError when ``path`` is the input workbook.
    """
    path = Path(path)
    inp = Path(input_path) if input_path is not None else None
    if inp is not None and outputs.same_file(path, inp):
        raise ValueError(f"refusing to overwrite the input workbook {inp.name}; choose another output file")
    wb = build_output_workbook(
        problem, result, report, input_path=inp, lang=lang, extra=extra, changes=changes
    )
    safecells.save(wb, path, saver=lambda book, tmp: _save(book, tmp))  # `-o new/roster.xlsx` works


def _save(wb: Workbook, target: Path) -> None:
    wb.save(target)


def build_output_workbook(
    problem: Problem,
    result: SolveResult,
    report: CheckReport,
    *,
    input_path: Path | None = None,
    lang: str | None = None,
    extra: dict[str, Any] | None = None,
    changes: Sequence[Any] | None = None,
) -> Workbook:
    """The output workbook in memory (see :func:`write_output_workbook`)."""
    lang = lang or problem.settings.language
    if lang not in LABELS:
        raise ValueError(f"unknown output language {lang!r}; expected en or nl")
    extra = extra or {}
    roster = result.roster
    stats = person_stats(problem, roster)
    wb = Workbook()
    wb.remove(wb.active)
    changed = {(c.staff, c.date) for c in changes or ()}
    team = input_path.stem if input_path is not None else ""
    _roster_sheet(
        wb.create_sheet(output_sheet_name("Roster", lang)), problem, roster, stats, lang, changed, team
    )
    _areas_sheet(wb.create_sheet(output_sheet_name("Areas by day", lang)), problem, roster, lang, team)
    _assignments_sheet(wb.create_sheet(output_sheet_name("Assignments", lang)), problem, roster, lang)
    _coverage_sheet(wb.create_sheet(output_sheet_name("Coverage", lang)), problem, roster, lang)
    _people_sheet(
        wb.create_sheet(output_sheet_name("People", lang)),
        problem,
        stats,
        lang,
        extra.get("people") or {},
        extra.get("people_footer") or [],
    )
    _penalties_sheet(wb.create_sheet(output_sheet_name("Penalties", lang)), result, report, lang)
    _run_sheet(
        wb.create_sheet(output_sheet_name("Run", lang)),
        problem,
        result,
        report,
        input_path,
        lang,
        extra.get("run") or {},
    )
    if changes is not None:
        _changes_sheet(wb.create_sheet(CHANGES_SHEET[lang]), changes, lang)
    for ws in wb.worksheets:
        if ws.title in (output_sheet_name("Roster", lang), output_sheet_name("Areas by day", lang)):
            continue  # one week per page, set up with the sheet
        title_cols = {output_sheet_name("Assignments", lang): 2, output_sheet_name("People", lang): 2}.get(
            ws.title, 0
        )
        printing.setup_page(
            ws,
            lang=lang,
            heading=_heading(problem, lang, ws.title, team),
            title_rows=1,
            title_cols=title_cols,
        )
    return wb


def _heading(problem: Problem, lang: str, sheet: str, team: str = "") -> str:
    """The page header: team (the input file's name), sheet and period."""
    period = f"{problem.start_date:%d-%m-%Y} \u2013 {problem.end_date:%d-%m-%Y}"
    return " \u00b7 ".join(x for x in (team, sheet, period) if x)


# --------------------------------------------------------------------------- per-person figures


@dataclass
class PersonStats:
    """Horizon figures of one person, counted by the day a shift starts (docs/rules.md)."""

    work_minutes: int = 0
    nights: int = 0
    evenings: int = 0
    weekend_days: int = 0
    sundays: int = 0


def person_stats(problem: Problem, roster: Roster) -> dict[str, PersonStats]:
    out = {p.id: PersonStats() for p in problem.staff}
    weekend: dict[str, set[date]] = defaultdict(set)
    for a in roster.assignments:
        st = out.get(a.staff)
        if st is None or a.shift not in problem.shift_by_code:
            continue
        inst = problem.instance(a.shift, problem.day_index(a.date))
        st.work_minutes += inst.work
        st.nights += inst.night
        st.evenings += inst.evening
        if a.date.weekday() >= 5:
            weekend[a.staff].add(a.date)
    for sid, days in weekend.items():
        out[sid].weekend_days = len(days)
        out[sid].sundays = sum(d.weekday() == 6 for d in days)
    return out


# --------------------------------------------------------------------------- Roster


def day_label(d: date, lang: str) -> str:
    """``Mon 05-01`` (``ma 05-01`` in Dutch): weekday and day-month."""
    names = SHORT_NL if lang == "nl" else SHORT_EN
    return f"{names[d.weekday()]} {d:%d-%m}"


def roster_cell(
    problem: Problem, staff: str, home_area: str, day: int, assignments: Sequence[Assignment], lang: str
) -> str:
    """The grid text for one person and day: shift codes (``CODE@AREA`` outside the home area),
    else ``absent`` when any absence touches the date, else empty."""
    if assignments:
        return "+".join(a.shift if a.area == home_area else f"{a.shift}@{a.area}" for a in assignments)
    if problem.absent_on(staff, day):
        return LABELS[lang]["absent"]
    return ""


def _clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def shift_times(problem: Problem, code: str) -> str:
    """``07:00–15:00`` for a shift code (its nominal times; the clock change may alter a day)."""
    s = problem.shift_by_code[code]
    return f"{_clock(s.start)}\u2013{_clock(s.end)}"


def day_column(k: int) -> int:
    """The Roster column of horizon day ``k``: after the three name columns, each week's seven
    days are followed by that week's hours column."""
    return ROSTER_FIRST_DAY_COL + k + k // 7


ROSTER_FIRST_DAY_COL = 4
ROSTER_ROW_PT = 13.0
ROSTER_FONT = 9
CHANGED = "C00000"  # dark red: the border of a cell that repair changed


def _roster_sheet(
    ws: Worksheet,
    problem: Problem,
    roster: Roster,
    stats: dict[str, PersonStats],
    lang: str,
    changed: set[tuple[str, date]] | None = None,
    team: str = "",
) -> None:
    """The grid, one week per printed page: a week's seven days then its hours column, the
    horizon totals at the right; below the people a headcount per work area and day, then the
    legend of shift codes with their times. ``changed`` (staff, date) cells get a red border."""
    lab = LABELS[lang]
    changed = changed or set()
    grid = _RosterGrid.of(problem, lab)
    _roster_header(ws, grid, lab, lang)
    marked: set[tuple[int, int]] = set()  # (row, column) of the cells with a red border
    row = _roster_people(ws, problem, roster, stats, lang, grid, changed, marked)
    last_person_row = row - 1
    row = _roster_headcount(ws, problem, roster, lab, grid, row)
    row = _roster_legend(ws, problem, lab, grid, bool(changed), marked, row)
    last_row = row - 1
    _roster_fonts_and_week_lines(ws, grid, marked, last_row, last_person_row)
    _roster_columns_and_pages(ws, problem, grid, lang, team, last_row)


@dataclass(frozen=True)
class _RosterGrid:
    """What the parts of the Roster sheet share: where its columns are and how cells are filled."""

    days: list[date]
    week_col: list[int]  # each week's hours column
    totals_col: int  # the first of the horizon totals
    totals: list[str]  # the totals' headers
    shift_fill: dict[str, PatternFill]
    weekend_fill: PatternFill
    absent_fill: PatternFill
    totals_fill: PatternFill
    changed_border: Border

    @classmethod
    def of(cls, problem: Problem, lab: dict[str, str]) -> _RosterGrid:
        colors = styles.shift_colors((s.code, s.color) for s in problem.shifts)
        days = problem.days
        n_weeks = (len(days) + 6) // 7
        red = Side(style="medium", color=CHANGED)
        return cls(
            days=days,
            week_col=[day_column(min(7 * w + 6, len(days) - 1)) + 1 for w in range(n_weeks)],
            totals_col=day_column(len(days) - 1) + 2,
            totals=[
                lab["hours"],
                lab["target"],
                lab["difference"],
                lab["nights"],
                lab["weekend_days"],
                lab["sundays"],
            ],
            shift_fill={code: styles.fill(rgb) for code, rgb in colors.items()},
            weekend_fill=styles.fill(styles.WEEKEND),
            absent_fill=styles.fill(styles.ABSENT),
            totals_fill=styles.fill(styles.TOTALS),
            changed_border=Border(left=red, right=red, top=red, bottom=red),
        )

    @property
    def last_col(self) -> int:
        return self.totals_col + len(self.totals) - 1


def _roster_header(ws: Worksheet, grid: _RosterGrid, lab: dict[str, str], lang: str) -> None:
    header: dict[int, str] = {1: lab["staff"], 2: lab["name"], 3: lab["area"]}
    for k, d in enumerate(grid.days):
        header[day_column(k)] = day_label(d, lang)
    for w, col in enumerate(grid.week_col):
        header[col] = f"{lab['hours_week']} {w + 1}"
    for j, text in enumerate(grid.totals):
        header[grid.totals_col + j] = text
    for col, text in header.items():
        put(ws, 1, col, text)
    styles.style_header(ws[1])
    for k, d in enumerate(grid.days):
        cell = ws.cell(row=1, column=day_column(k))
        cell.alignment = styles.CENTER
        if d.weekday() >= 5:
            cell.fill = styles.fill(styles.WEEKEND)


def _roster_people(
    ws: Worksheet,
    problem: Problem,
    roster: Roster,
    stats: dict[str, PersonStats],
    lang: str,
    grid: _RosterGrid,
    changed: set[tuple[str, date]],
    marked: set[tuple[int, int]],
) -> int:
    """A row per person from row 2 (by home area): the days, each week's hours, the totals.
    Returns the next free row."""
    by_staff = roster.by_staff()
    area_order = {a.code: i for i, a in enumerate(problem.areas)}
    people = sorted(problem.staff, key=lambda p: area_order.get(p.home_area, len(area_order)))
    row = 2
    for p in people:
        per_day: dict[date, list[Assignment]] = defaultdict(list)
        week_minutes = [0] * len(grid.week_col)
        for a in by_staff.get(p.id, []):
            per_day[a.date].append(a)
            k = problem.day_index(a.date)
            if a.shift in problem.shift_by_code and 0 <= k < problem.n_days:
                week_minutes[k // 7] += problem.instance(a.shift, k).work
        st = stats[p.id]
        target = problem.target_minutes(p)
        put(ws, row, 1, p.id)
        put(ws, row, 2, p.name)
        put(ws, row, 3, p.home_area)
        for k, d in enumerate(grid.days):
            todays = per_day.get(d, [])
            text = roster_cell(problem, p.id, p.home_area, k, todays, lang)
            cell = put(ws, row, day_column(k), text or None)
            cell.alignment = styles.CENTER
            if todays and todays[0].shift in grid.shift_fill:
                cell.fill = grid.shift_fill[todays[0].shift]
            elif text:
                cell.fill = grid.absent_fill
            elif d.weekday() >= 5:
                cell.fill = grid.weekend_fill
            if (p.id, d) in changed:
                cell.border = grid.changed_border
                marked.add((row, day_column(k)))
        for w, col in enumerate(grid.week_col):
            cell = put(ws, row, col, hours(week_minutes[w]))
            cell.number_format = styles.HOURS_FORMAT
            cell.fill = grid.totals_fill
        col = grid.totals_col
        for value in (
            hours(st.work_minutes),
            hours(target),
            hours(st.work_minutes - target),
            st.nights,
            st.weekend_days,
            st.sundays,
        ):
            cell = put(ws, row, col, value)
            cell.fill = grid.totals_fill
            if isinstance(value, float):
                cell.number_format = styles.HOURS_FORMAT
            col += 1
        row += 1
    return row


def _roster_headcount(
    ws: Worksheet, problem: Problem, roster: Roster, lab: dict[str, str], grid: _RosterGrid, row: int
) -> int:
    """Headcount per work area and day (where people work that day, not where they live), after
    an empty row; returns the next free row."""
    row += 1
    on_duty: dict[tuple[str, date], set[str]] = defaultdict(set)
    for a in roster.assignments:
        on_duty[(a.area, a.date)].add(a.staff)
    work_areas = [a.code for a in problem.areas]
    work_areas += sorted({area for area, _ in on_duty} - set(work_areas))
    put(ws, row, 1, lab["on_duty"]).font = styles.BOLD
    row += 1
    for area in [*work_areas, None]:
        put(ws, row, 1, area if area is not None else lab["total"]).font = styles.BOLD
        put(ws, row, 2, lab["on_duty_in"].format(area=area) if area is not None else lab["on_duty_total"])
        for k, d in enumerate(grid.days):
            n = (
                len(on_duty.get((area, d), ()))
                if area is not None
                else len({s for (_, dd), ids in on_duty.items() if dd == d for s in ids})
            )
            cell = put(ws, row, day_column(k), n)
            cell.alignment = styles.CENTER
            cell.fill = grid.totals_fill
        row += 1
    return row


def _roster_legend(
    ws: Worksheet,
    problem: Problem,
    lab: dict[str, str],
    grid: _RosterGrid,
    changed: bool,
    marked: set[tuple[int, int]],
    row: int,
) -> int:
    """The shift codes with their times (in the name columns, so every page repeats it), absent,
    ``@`` and, when cells were ``changed``, the red border; after an empty row. Returns the next
    free row."""
    row += 1
    put(ws, row, 1, lab["legend_title"]).font = styles.BOLD
    row += 1
    for s in problem.shifts:
        cell = put(ws, row, 1, s.code)
        cell.alignment = styles.CENTER
        if s.code in grid.shift_fill:
            cell.fill = grid.shift_fill[s.code]
        put(ws, row, 2, f"{s.name or s.code} {shift_times(problem, s.code)}")
        put(
            ws, row, 3, hours(problem.instance(s.code, 0).work) if s.code in problem.shift_by_code else None
        ).number_format = styles.HOURS_FORMAT
        row += 1
    put(ws, row, 1, lab["absent"]).fill = grid.absent_fill
    row += 1
    put(ws, row, 1, "@")
    put(ws, row, 2, lab["legend_elsewhere"])
    row += 1
    if changed:
        cell = put(ws, row, 1, "X")
        cell.border = grid.changed_border
        marked.add((row, 1))
        put(ws, row, 2, lab["legend_changed"])
        row += 1
    return row


def _roster_fonts_and_week_lines(
    ws: Worksheet, grid: _RosterGrid, marked: set[tuple[int, int]], last_row: int, last_person_row: int
) -> None:
    """Small fonts (bold where set, red on ``marked`` cells), a two-line header, and a medium
    line left of every Monday and of every week's hours column."""
    sep = Side(style="medium", color="404040")
    starts = {day_column(k) for k, d in enumerate(grid.days) if d.weekday() == 0 and k > 0}
    starts |= set(grid.week_col) | {ROSTER_FIRST_DAY_COL, grid.totals_col}
    small = Font(size=ROSTER_FONT)
    small_bold = Font(size=ROSTER_FONT, bold=True)
    changed_font = Font(bold=True, size=ROSTER_FONT, color=CHANGED)
    wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for cell in ws[1]:
        cell.alignment = wrap  # "Mon 01-02" in two lines keeps the day columns narrow
    ws.row_dimensions[1].height = 2 * ROSTER_ROW_PT
    for r in range(2, last_row + 1):
        ws.row_dimensions[r].height = ROSTER_ROW_PT
        for c in range(1, grid.last_col + 1):
            cell = ws.cell(row=r, column=c)
            if (r, c) in marked:
                cell.font = changed_font
            else:
                cell.font = small_bold if (r == 1 or cell.font.b) else small
            if c in starts and r <= last_person_row:
                b = cell.border
                cell.border = Border(left=sep, right=b.right, top=b.top, bottom=b.bottom)


def _roster_columns_and_pages(
    ws: Worksheet, problem: Problem, grid: _RosterGrid, lang: str, team: str, last_row: int
) -> None:
    """Frozen panes, column widths, and one printed page per week (the totals with the last)."""
    ws.freeze_panes = ws.cell(row=2, column=ROSTER_FIRST_DAY_COL)
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 6
    for k in range(len(grid.days)):
        ws.column_dimensions[get_column_letter(day_column(k))].width = 7.5
    for col in grid.week_col:
        ws.column_dimensions[get_column_letter(col)].width = 7
    for j in range(len(grid.totals)):
        ws.column_dimensions[get_column_letter(grid.totals_col + j)].width = 9
    blocks = [(day_column(7 * w), grid.week_col[w]) for w in range(len(grid.week_col))]
    blocks[-1] = (blocks[-1][0], grid.last_col)  # the totals print with the last week
    printing.setup_page(
        ws,
        lang=lang,
        heading=_heading(problem, lang, ws.title, team),
        title_rows=1,
        title_cols=3,
        fit_width=False,
    )
    printing.week_pages(ws, title_cols=3, blocks=blocks, rows=last_row)


# --------------------------------------------------------------------------- Areas by day

AREAS_COL_WIDTH = 21
AREAS_LINE_PT = 11.0


def duty_line(duty: Any) -> str:
    """``E 07:00–15:00: B01 B05``: a shift, its times and who works it."""
    return f"{duty.shift} {duty.times}: {' '.join(duty.staff)}"


def gap_line(gap: Any, lang: str) -> str:
    """``below minimum 08:00–09:00 (1 short)``, with the skill when the row asks for one."""
    lab = LABELS[lang]
    what = lab["below_min"] if gap.kind == "min" else lab["below_target"]
    skill = f" {gap.skill}" if gap.skill else ""
    return f"{what}{skill} {gap.times} ({gap.missing} {lab['short']})"


def view_cell(
    view: Any, area: str | None, day: Any, lang: str, city_word: str
) -> tuple[list[str], list[Any]]:
    """One cell of the day view, for the sheet and the report alike: its lines (the shifts
    starting in ``area`` that day, then the stretches below minimum or target; for ``area``
    None the coordinators on duty and where, ``city_word`` for ``*``) and those gaps."""
    if area is None:
        return [
            f"{duty_line(duty)} ({city_word if where == '*' else where})"
            for duty, where in view.coordinators.get(day, [])
        ], []
    found = view.gaps.get((area, day), [])
    return (
        [duty_line(duty) for duty in view.on_duty.get((area, day), [])] + [gap_line(g, lang) for g in found]
    ), found


def _lines_height(lines: Sequence[str], width: float) -> float:
    n = sum(max(1, -(-len(line) // int(width))) for line in lines) if lines else 1
    return n * AREAS_LINE_PT + 4


def _areas_sheet(ws: Worksheet, problem: Problem, roster: Roster, lang: str, team: str) -> None:
    """Per week a block, one printed page each: a row per work area (then city-wide and the
    coordinator), a column per day; a cell lists the shifts starting there that day with their
    times and staff ids, and any stretch below minimum (red) or target (orange)."""
    from openpyxl.styles import Alignment, Font

    from ..views import day_view

    lab = LABELS[lang]
    view = day_view(problem, roster)
    names = {a.code: a.name for a in problem.areas}
    red, orange = styles.fill(styles.SHORT_OF_MIN), styles.fill(styles.SHORT_OF_TARGET)
    top = Alignment(vertical="top", wrap_text=True)
    small = Font(size=8)
    days = problem.days
    rows_of_areas: list[str | None] = [*view.areas]
    if any(area == "*" for area, _ in view.gaps):
        rows_of_areas.append("*")
    note = put(ws, 1, 1, lab["areas_note"])
    note.font = styles.BOLD
    note.alignment = Alignment(vertical="top", wrap_text=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
    ws.row_dimensions[1].height = 2 * AREAS_LINE_PT + 6
    row = 2
    blocks: list[tuple[int, int]] = []
    for w in range(0, len(days), 7):
        week = days[w : w + 7]
        first_row = row
        put(ws, row, 1, f"{lab['week']} {w // 7 + 1}").font = styles.TITLE
        row += 1
        put(ws, row, 1, lab["area"])
        for j, d in enumerate(week):
            put(ws, row, 2 + j, day_label(d, lang))
        styles.style_header(ws[row])
        for j, d in enumerate(week):
            if d.weekday() >= 5:
                ws.cell(row=row, column=2 + j).fill = styles.fill(styles.WEEKEND)
        row += 1
        for area in [*rows_of_areas, None]:
            if area is None:
                label = lab["coordinator"]
            elif area == "*":
                label = lab["city_wide"]
            else:
                label = f"{area}\n{names[area]}" if names.get(area) and names[area] != area else area
            cell = put(ws, row, 1, label)
            cell.font = styles.BOLD
            cell.alignment = top
            height = AREAS_LINE_PT * 2 + 4
            for j, d in enumerate(week):
                lines, found = view_cell(view, area, d, lang, LABELS[lang]["city_wide"])
                cell = put(ws, row, 2 + j, "\n".join(lines) or None)
                cell.alignment = top
                cell.font = small
                cell.border = styles.BOX
                if any(g.kind == "min" for g in found):
                    cell.fill = red
                elif found:
                    cell.fill = orange
                height = max(height, _lines_height(lines, AREAS_COL_WIDTH * 1.3))
            ws.row_dimensions[row].height = height
            row += 1
        blocks.append((first_row, row - 1))
        row += 1
    ws.column_dimensions["A"].width = 12
    for j in range(7):
        ws.column_dimensions[get_column_letter(2 + j)].width = AREAS_COL_WIDTH
    printing.setup_page(
        ws,
        lang=lang,
        heading=_heading(problem, lang, ws.title, team),
        title_rows=0,
        title_cols=1,
        fit_width=False,
    )
    printing.block_pages(ws, columns=8, blocks=blocks)


# --------------------------------------------------------------------------- Assignments


def _naive(dt: datetime) -> datetime:
    return dt.replace(tzinfo=None)


def _assignments_sheet(ws: Worksheet, problem: Problem, roster: Roster, lang: str) -> None:
    lab = LABELS[lang]
    windows = irregular_windows(problem)
    append(ws, [*(column(c, lang) for c in ASSIGNMENT_COLUMNS), *dict.fromkeys(w.name for w in windows)])
    styles.style_header(ws[1])
    for a in sorted(roster.assignments, key=lambda a: (a.date, a.staff, a.shift)):
        p = problem.staff_by_id.get(a.staff)
        row: list[Any] = [a.staff, p.name if p else None, a.date, a.shift, a.area]
        if a.shift in problem.shift_by_code:
            inst = problem.instance(a.shift, problem.day_index(a.date))
            split = irregular_hours(problem, inst, windows)
            row += [
                _naive(problem.clock.local(inst.start)),
                _naive(problem.clock.local(inst.end)),
                round(inst.work / 60, 4),
                round(inst.night_minutes / 60, 4),
                lab["yes"] if a.date.weekday() >= 5 else lab["no"],
                lab["yes"] if problem.is_holiday(a.date) else lab["no"],
                *(split[name] for name in dict.fromkeys(w.name for w in windows)),
            ]
        append(ws, row)
        r = last_row(ws)
        ws.cell(row=r, column=3).number_format = styles.DATE_FORMAT
        ws.cell(row=r, column=6).number_format = styles.DATETIME_FORMAT
        ws.cell(row=r, column=7).number_format = styles.DATETIME_FORMAT
    ws.freeze_panes = "A2"
    widths = (10, 22, 12, 8, 8, 17, 17, 11, 11, 9, 9)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    for j in range(len(windows)):
        ws.column_dimensions[get_column_letter(len(widths) + 1 + j)].width = 16
    if last_row(ws) > 1:
        ws.auto_filter.ref = ws.dimensions


# --------------------------------------------------------------------------- Coverage


def _coverage_sheet(ws: Worksheet, problem: Problem, roster: Roster, lang: str) -> None:
    from ..coverage import coverage_table

    rows = list(coverage_table(problem, roster))
    append(ws, [column(c, lang) for c in COVERAGE_COLUMNS])
    styles.style_header(ws[1])
    red, orange = styles.fill(styles.SHORT_OF_MIN), styles.fill(styles.SHORT_OF_TARGET)
    for c in rows:
        append(
            ws,
            [
                c.area,
                c.skill,
                c.date,
                _naive(c.slot_start),
                _naive(c.slot_end),
                c.min,
                c.target,
                c.planned,
                c.short_of_min,
                c.short_of_target,
                c.over_max,
                getattr(c, "shift", None),
            ],
        )
        r = last_row(ws)
        ws.cell(row=r, column=3).number_format = styles.DATE_FORMAT
        ws.cell(row=r, column=4).number_format = styles.DATETIME_FORMAT
        ws.cell(row=r, column=5).number_format = styles.DATETIME_FORMAT
        if c.short_of_min:
            ws.cell(row=r, column=9).fill = red
        if c.short_of_target:
            ws.cell(row=r, column=10).fill = orange
    ws.freeze_panes = "A2"
    for j, width in enumerate((8, 10, 12, 17, 17, 6, 7, 8, 13, 15, 9, 7), start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    _coverage_map(ws, problem, rows, lang, first_col=len(COVERAGE_COLUMNS) + 2)


@dataclass
class _HourCell:
    slack_min: int | None = None  # fewest (planned − min) over requirements in that hour
    slack_target: int | None = None  # fewest (planned − target)
    planned: int | None = None  # fewest planned on the area's skill-less requirement
    planned_any: int | None = None  # fewest planned on any requirement (skill rows included)


def _low(a: int | None, b: int) -> int:
    return b if a is None else min(a, b)


def hour_map(problem: Problem, rows: Iterable[Any]) -> dict[tuple[date, str], dict[int, _HourCell]]:
    """(local date, area) → hour of day → the worst coverage of any requirement in that hour."""
    clock = problem.clock
    out: dict[tuple[date, str], dict[int, _HourCell]] = defaultdict(lambda: defaultdict(_HourCell))
    for c in rows:
        m = c.start
        while m < c.end:
            local = clock.local(m)
            cell = out[(local.date(), c.area)][local.hour]
            cell.slack_min = _low(cell.slack_min, c.planned - c.min)
            if c.target is not None:
                cell.slack_target = _low(cell.slack_target, c.planned - c.target)
            if c.skill is None:
                cell.planned = _low(cell.planned, c.planned)
            cell.planned_any = _low(cell.planned_any, c.planned)
            m += 60 - local.minute
    return out


def _coverage_map(ws: Worksheet, problem: Problem, rows: list[Any], lang: str, first_col: int) -> None:
    """Per date a block: one row per area, columns 00..23, filled red/orange/green."""
    lab = LABELS[lang]
    cells = hour_map(problem, rows)
    if not cells:
        return
    areas = [a.code for a in problem.areas]
    areas += sorted({area for _, area in cells} - set(areas))
    fills = {
        k: styles.fill(rgb)
        for k, rgb in (
            ("red", styles.SHORT_OF_MIN),
            ("orange", styles.SHORT_OF_TARGET),
            ("green", styles.COVERED),
        )
    }
    put(ws, 1, first_col, lab["legend"]).font = styles.BOLD
    r = 3
    for d in problem.days:
        present = [a for a in areas if (d, a) in cells]
        if not present:
            continue
        put(ws, r, first_col, f"{day_label(d, lang)}-{d.year}").font = styles.TITLE
        header = [lab["area"], *(f"{h:02d}" for h in range(24))]
        for j, text in enumerate(header):
            cell = put(ws, r + 1, first_col + j, text)
            cell.font = styles.BOLD
            cell.fill = styles.fill(styles.HEADER)
            cell.alignment = styles.CENTER
        for i, area in enumerate(present):
            rr = r + 2 + i
            put(ws, rr, first_col, lab["city_wide"] if area == "*" else area).font = styles.BOLD
            for h, hc in cells[(d, area)].items():
                if hc.slack_min is None:
                    continue
                # people, never a slack: an hour with only skill requirements shows their count
                planned = hc.planned if hc.planned is not None else hc.planned_any
                cell = put(ws, rr, first_col + 1 + h, planned)
                cell.alignment = styles.CENTER
                cell.border = styles.BOX
                if hc.slack_min < 0:
                    cell.fill = fills["red"]
                elif hc.slack_target is not None and hc.slack_target < 0:
                    cell.fill = fills["orange"]
                else:
                    cell.fill = fills["green"]
        r += len(present) + 3
    ws.column_dimensions[get_column_letter(first_col)].width = 14
    for h in range(24):
        ws.column_dimensions[get_column_letter(first_col + 1 + h)].width = 4


# --------------------------------------------------------------------------- People


def _people_sheet(
    ws: Worksheet,
    problem: Problem,
    stats: dict[str, PersonStats],
    lang: str,
    extra: dict[str, dict[str, Any]],
    footer: list[tuple[str, dict[str, Any]]] | None = None,
) -> None:
    """Per person, with readable headers; ``footer`` rows (label, {extra column: value}) follow
    after a blank row, e.g. the team average and the spread of the fairness figures. Outliers
    are shaded: a count more than 1 (orange) or 2 (red) away from the person's fair share,
    planned hours more than 10 % (orange) or 20 % (red) away from the target."""
    extra_cols: list[str] = []
    for values in extra.values():
        for key in values:
            if key not in PEOPLE_COLUMNS and key not in extra_cols:
                extra_cols.append(key)
    append(ws, [people_header(c, lang) for c in (*PEOPLE_COLUMNS, *extra_cols)])
    styles.style_header(ws[1])
    for cell in ws[1]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    orange, red = styles.fill(styles.SHORT_OF_TARGET), styles.fill(styles.SHORT_OF_MIN)
    count_col = {"nights": 8, "evenings": 9, "weekends": 10, "sundays": 11}
    counts = {"nights": "nights", "evenings": "evenings", "weekends": "weekend_days", "sundays": "sundays"}
    for p in problem.staff:
        st = stats[p.id]
        target = problem.target_minutes(p)
        more = extra.get(p.id, {})
        append(
            ws,
            [
                p.id,
                p.name,
                p.home_area,
                p.hours_per_week,
                hours(target),
                hours(st.work_minutes),
                hours(st.work_minutes - target),
                st.nights,
                st.evenings,
                st.weekend_days,
                st.sundays,
                more.get("wishes_granted"),
                more.get("wishes_refused"),
                *(_cell_value(more.get(k)) for k in extra_cols),
            ],
        )
        r = last_row(ws)
        for cat, col in count_col.items():
            share = more.get(f"fair_share_{cat}")
            if isinstance(share, int | float):
                off = abs(getattr(st, counts[cat]) - share)
                if off > 1:
                    ws.cell(row=r, column=col).fill = red if off > 2 else orange
        if target > 0:
            off = abs(st.work_minutes - target) / target
            if off > 0.10:
                ws.cell(row=r, column=7).fill = red if off > 0.20 else orange
    if footer:
        append(ws, [])
        for label, values in footer:
            append(
                ws,
                [
                    label,
                    *([None] * (len(PEOPLE_COLUMNS) - 1)),
                    *(_cell_value(values.get(k)) for k in extra_cols),
                ],
            )
            ws.cell(row=last_row(ws), column=1).font = styles.BOLD
    append(ws, [])
    put(ws, last_row(ws) + 1, 1, pick(PEOPLE, lang)["outlier"])
    ws.freeze_panes = "C2"
    ws.row_dimensions[1].height = 30
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 22
    for j in range(3, len(PEOPLE_COLUMNS) + len(extra_cols) + 1):
        ws.column_dimensions[get_column_letter(j)].width = 14


def _cell_value(v: Any) -> Any:
    if v is None or isinstance(v, str | int | float | bool | date | datetime):
        return round(v, 2) if isinstance(v, float) else v
    return str(v)


# --------------------------------------------------------------------------- Penalties


def _penalties_sheet(ws: Worksheet, result: SolveResult, report: CheckReport, lang: str) -> None:
    lab = LABELS[lang]
    append(ws, [column(c, lang) for c in PENALTY_COLUMNS])
    styles.style_header(ws[1])
    totals: dict[str, int] = {}
    for p in report.penalties:
        area = lab["city_wide"] if p.area == "*" else p.area
        append(ws, [p.rule, p.staff, p.date, area, round(p.amount, 2), round(p.points, 2), p.reason])
        if p.date is not None:
            ws.cell(row=last_row(ws), column=3).number_format = styles.DATE_FORMAT
        totals[p.rule] = totals.get(p.rule, 0) + p.cost
    append(ws, [])
    append(ws, [column("rule", lang), lab["total_cost"]])
    styles.style_header(ws[last_row(ws)][:2])
    for rule, cost in totals.items():
        append(ws, [rule, round(cost_points(cost), 2)])
    checker_total = sum(totals.values())
    grand = result.objective if result.objective is not None else checker_total
    append(ws, [lab["total"], round(cost_points(grand), 2)])
    for cell in ws[last_row(ws)][:2]:
        cell.font = styles.BOLD
    if grand != checker_total:
        # Each family's recomputed cost should equal its share of the objective; show a mismatch.
        append(ws, [lab["checker_total"], round(cost_points(checker_total), 2)])
    _penalty_summary(ws, report, lang, first_col=len(PENALTY_COLUMNS) + 2)
    ws.freeze_panes = "A2"
    for j, width in enumerate((22, 12, 12, 9, 12, 9, 80), start=1):  # Dutch headers are longer
        ws.column_dimensions[get_column_letter(j)].width = width


def _penalty_summary(ws: Worksheet, report: CheckReport, lang: str, first_col: int) -> None:
    """At the top, right of the table: per rule family the deviations, points and share of the
    total, largest first, so the few families that matter are seen before the many rows."""
    lab = LABELS[lang]
    count: dict[str, int] = defaultdict(int)
    cost: dict[str, int] = defaultdict(int)
    for p in report.penalties:
        count[p.rule] += 1
        cost[p.rule] += p.cost
    total = sum(cost.values())
    put(ws, 1, first_col, lab["summary"]).font = styles.BOLD
    head = [lab["family"], lab["deviations"], lab["points"], lab["share"]]
    for j, text in enumerate(head):
        cell = put(ws, 2, first_col + j, text)
        cell.font = styles.BOLD
        cell.fill = styles.fill(styles.HEADER)
    r = 3
    for rule in sorted(cost, key=lambda k: (-cost[k], k)):
        put(ws, r, first_col, rule)
        put(ws, r, first_col + 1, count[rule])
        put(ws, r, first_col + 2, round(cost_points(cost[rule]), 2))
        share = put(ws, r, first_col + 3, cost[rule] / total if total else 0.0)
        share.number_format = "0.0%"
        r += 1
    put(ws, r, first_col, lab["total"]).font = styles.BOLD
    put(ws, r, first_col + 1, sum(count.values())).font = styles.BOLD
    put(ws, r, first_col + 2, round(cost_points(total), 2)).font = styles.BOLD
    widths = (22, 12, 10, 9)
    for j, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(first_col + j)].width = width


# --------------------------------------------------------------------------- Changes (repair)

CHANGES_SHEET = {lang: SHEETS[lang]["Changes"] for lang in SHEETS}
CHANGE_COLUMNS = (
    "staff",
    "name",
    "date",
    "was",
    "becomes",
    "why",
    "within_notice_period",
    "was_times",
    "becomes_times",
)


def _changes_sheet(ws: Worksheet, changes: Sequence[Any], lang: str) -> None:
    """One row per changed shift against the published roster, grouped by person (the people
    to call, in the order of their first change; a line between people), by date within a
    person. ``was_times``/``becomes_times`` spell the shifts out (``E 07:00–15:00 in CEN``);
    changes within the notice period are marked yes and shaded. ``why`` is already a plain
    reason (never a personal absence reason)."""
    from openpyxl.styles import Border, Side

    lab = LABELS[lang]
    append(ws, [column(c, lang) for c in CHANGE_COLUMNS])
    styles.style_header(ws[1])
    first: dict[str, date] = {}
    for c in changes:
        first[c.staff] = min(first.get(c.staff, c.date), c.date)
    ordered = sorted(changes, key=lambda c: (first[c.staff], c.staff, c.date))
    line = Border(top=Side(style="medium", color="404040"))
    previous = None
    for c in ordered:
        append(
            ws,
            [
                c.staff,
                c.name,
                c.date,
                c.was,
                c.becomes,
                c.why,
                lab["yes"] if c.within_notice else lab["no"],
                getattr(c, "was_times", "") or None,
                getattr(c, "becomes_times", "") or None,
            ],
        )
        r = last_row(ws)
        ws.cell(row=r, column=3).number_format = styles.DATE_FORMAT
        if c.within_notice:
            ws.cell(row=r, column=7).fill = styles.fill(styles.SHORT_OF_TARGET)
        if previous is not None and previous != c.staff:
            for col in range(1, len(CHANGE_COLUMNS) + 1):
                ws.cell(row=r, column=col).border = line
        previous = c.staff
    ws.freeze_panes = "C2"
    for j, width in enumerate((10, 24, 12, 10, 10, 60, 12, 24, 24), start=1):
        ws.column_dimensions[get_column_letter(j)].width = width


# --------------------------------------------------------------------------- Run


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def run_record(
    problem: Problem,
    result: SolveResult,
    report: CheckReport,
    input_path: Path | None,
    lang: str,
    extra: dict[str, Any] | None = None,
) -> list[tuple[str, Any]]:
    """The Run sheet's key/value rows (objective, bound and costs in points)."""
    lab = LABELS[lang]

    def points(units: int | None) -> float | None:
        return None if units is None else round(cost_points(units), 2)

    profile = problem.profile
    overridden = problem.ruleset.overridden
    n_violations = len(report.violations)
    rows: list[tuple[str, Any]] = [
        ("status", result.status.value),
        ("objective", points(result.objective)),
        ("best_bound", points(result.bound)),
        ("bound_method", pick(BOUND_METHODS, lang).get(result.bound_method or "", result.bound_method)),
        ("gap", None if result.gap is None else round(result.gap, 6)),
        ("seconds", round(result.seconds, 2)),
        (
            "time_to_first_roster",
            None if result.first_solution_seconds is None else round(result.first_solution_seconds, 2),
        ),
        ("workers", result.workers),
        ("seed", result.seed),
        ("tool_version", __version__),
        ("input_file", input_path.name if input_path else None),
        ("input_path", str(input_path.resolve()) if input_path else None),
        ("input_sha256", file_sha256(input_path) if input_path and input_path.is_file() else None),
        ("rule_profile", profile.name),
        ("rule_profile_path", str(profile.path) if profile.path else None),
        (
            "overridden_rules",
            ", ".join(f"{k} = {_plain(v)}" for k, v in sorted(overridden.items())) or lab["none"],
        ),
        ("allow_below_law", lab["yes"] if problem.ruleset.allow_below_law else lab["no"]),
        ("shortage", problem.settings.shortage),
        ("objective_mode", problem.settings.objective),
        ("language", lang),
        ("hard_violations", n_violations),
        ("check", lab["passed"] if n_violations == 0 else lab["failed"]),
        ("variables", result.num_variables),
        ("constraints", result.num_constraints),
        ("run_at", datetime.now(ZoneInfo(problem.settings.timezone)).isoformat(timespec="seconds")),
    ]
    for k, v in (extra or {}).items():
        rows.append((str(k), _cell_value(v)))
    return rows


def _plain(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def _run_sheet(
    ws: Worksheet,
    problem: Problem,
    result: SolveResult,
    report: CheckReport,
    input_path: Path | None,
    lang: str,
    extra: dict[str, Any],
) -> None:
    append(ws, [column("key", lang), column("value", lang)])
    styles.style_header(ws[1])
    for key, value in run_record(problem, result, report, input_path, lang, extra):
        append(ws, [key, value])
        if key == "gap" and value is not None:
            ws.cell(row=last_row(ws), column=2).number_format = styles.PERCENT_FORMAT
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 70


def read_run_sheet(path: Path | str) -> dict[str, Any]:
    """The Run sheet of an output workbook as {key: value} (either language); {} when absent."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        name = output_sheet_name("Run", "en")
        if name not in wb.sheetnames:
            return {}
        out: dict[str, Any] = {}
        for i, row in enumerate(wb[name].iter_rows(values_only=True)):
            if i == 0 or not row or row[0] is None:
                continue
            out[str(row[0])] = row[1] if len(row) > 1 else None
        return out
    finally:
        wb.close()


__all__ = [
    "ASSIGNMENT_COLUMNS",
    "CHANGES_SHEET",
    "CHANGE_COLUMNS",
    "COVERAGE_COLUMNS",
    "PENALTY_COLUMNS",
    "PEOPLE_COLUMNS",
    "build_output_workbook",
    "day_label",
    "file_sha256",
    "irregular_hours",
    "irregular_windows",
    "person_stats",
    "read_run_sheet",
    "roster_cell",
    "run_record",
    "write_output_workbook",
]
