"""Write the output workbook: Roster, Assignments, Coverage, People, Penalties and Run.

The sheets are those of WORKBOOK.md "Output workbook", named by
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
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .. import __version__
from ..calendar import SHORT_EN, SHORT_NL
from ..domain import Problem
from ..export.hours import irregular_hours, irregular_windows  # shared with the HR exports
from ..roster import COST_SCALE, Assignment, Roster, SolveResult
from . import safecells, styles
from .aliases import output_sheet_name
from .safecells import append, put

if TYPE_CHECKING:  # check.py imports the rule families (and so the solver); the writer must not
    from ..check import CheckReport

ASSIGNMENT_COLUMNS = (
    "staff", "name", "date", "shift", "area", "start", "end",
    "paid_hours", "night_hours", "weekend", "holiday",
)
COVERAGE_COLUMNS = (
    "area", "skill", "date", "slot_start", "slot_end",
    "min", "target", "planned", "short_of_min", "short_of_target", "over_max", "shift",
)
PEOPLE_COLUMNS = (
    "staff", "name", "home_area", "hours_per_week", "target_hours", "planned_hours",
    "difference", "nights", "evenings", "weekend_days", "sundays",
    "wishes_granted", "wishes_refused",
)
PENALTY_COLUMNS = ("rule", "staff", "date", "area", "amount", "cost", "reason")

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "yes": "yes", "no": "no", "absent": "absent", "staff": "staff", "name": "name",
        "area": "area", "hours": "hours", "target": "target", "difference": "difference",
        "nights": "nights", "weekend_days": "weekend days", "sundays": "Sundays",
        "total": "total", "total_cost": "total cost", "checker_total": "recomputed total",
        "legend": "red: below minimum · orange: below target · green: covered "
                  "(number = fewest people planned in that hour)",
        "passed": "passed", "failed": "failed", "none": "none",
    },
    "nl": {
        "yes": "ja", "no": "nee", "absent": "afwezig", "staff": "medewerker", "name": "naam",
        "area": "wijk", "hours": "uren", "target": "doel", "difference": "verschil",
        "nights": "nachten", "weekend_days": "weekenddagen", "sundays": "zondagen",
        "total": "totaal", "total_cost": "totale kosten", "checker_total": "herberekend totaal",
        "legend": "rood: onder minimum · oranje: onder doel · groen: gedekt "
                  "(getal = minste aantal mensen ingepland in dat uur)",
        "passed": "geslaagd", "failed": "mislukt", "none": "geen",
    },
}

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
    if inp is not None and _same_file(path, inp):
        raise ValueError(f"refusing to overwrite the input workbook {inp.name}; choose another output file")
    wb = build_output_workbook(problem, result, report, input_path=inp, lang=lang, extra=extra,
                               changes=changes)
    safecells.save(wb, path, saver=lambda book, tmp: _save(book, tmp))  # `-o new/roster.xlsx` works


def _save(wb: Workbook, target: Path) -> None:
    wb.save(target)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


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
    _roster_sheet(wb.create_sheet(output_sheet_name("Roster", lang)), problem, roster, stats, lang)
    _assignments_sheet(wb.create_sheet(output_sheet_name("Assignments", lang)), problem, roster, lang)
    _coverage_sheet(wb.create_sheet(output_sheet_name("Coverage", lang)), problem, roster, lang)
    _people_sheet(wb.create_sheet(output_sheet_name("People", lang)), problem, stats,
                  extra.get("people") or {}, extra.get("people_footer") or [])
    _penalties_sheet(wb.create_sheet(output_sheet_name("Penalties", lang)), result, report, lang)
    _run_sheet(wb.create_sheet(output_sheet_name("Run", lang)), problem, result, report,
               input_path, lang, extra.get("run") or {})
    if changes is not None:
        _changes_sheet(wb.create_sheet(CHANGES_SHEET[lang]), changes, lang)
    return wb


# --------------------------------------------------------------------------- per-person figures


@dataclass
class PersonStats:
    """Horizon figures of one person, counted by the day a shift starts (RULES.md)."""

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


def _hours(minutes: float) -> float:
    return round(minutes / 60, 2)


# --------------------------------------------------------------------------- Roster


def day_label(d: date, lang: str) -> str:
    """``Mon 05-01`` (``ma 05-01`` in Dutch): weekday and day-month."""
    names = SHORT_NL if lang == "nl" else SHORT_EN
    return f"{names[d.weekday()]} {d:%d-%m}"


def roster_cell(problem: Problem, staff: str, home_area: str, day: int,
                assignments: Sequence[Assignment], lang: str) -> str:
    """The grid text for one person and day: shift codes (``CODE@AREA`` outside the home area),
    else ``absent`` when any absence touches the date, else empty."""
    if assignments:
        return "+".join(a.shift if a.area == home_area else f"{a.shift}@{a.area}" for a in assignments)
    if problem.absent_on(staff, day):
        return LABELS[lang]["absent"]
    return ""


def _roster_sheet(ws: Worksheet, problem: Problem, roster: Roster, stats: dict[str, PersonStats],
                  lang: str) -> None:
    lab = LABELS[lang]
    colors = styles.shift_colors((s.code, s.color) for s in problem.shifts)
    days = problem.days
    first_day_col = 4
    totals = [lab["hours"], lab["target"], lab["difference"], lab["nights"], lab["weekend_days"],
              lab["sundays"]]
    append(ws, [lab["staff"], lab["name"], lab["area"], *(day_label(d, lang) for d in days), *totals])
    styles.style_header(ws[1])
    for k, d in enumerate(days):
        cell = ws.cell(row=1, column=first_day_col + k)
        cell.alignment = styles.CENTER
        if d.weekday() >= 5:
            cell.fill = styles.fill(styles.WEEKEND)

    weekend_fill = styles.fill(styles.WEEKEND)
    absent_fill = styles.fill(styles.ABSENT)
    shift_fill = {code: styles.fill(rgb) for code, rgb in colors.items()}
    by_staff = roster.by_staff()
    area_order = {a.code: i for i, a in enumerate(problem.areas)}
    people = sorted(problem.staff, key=lambda p: area_order.get(p.home_area, len(area_order)))
    row = 2
    for p in people:
        per_day: dict[date, list[Assignment]] = defaultdict(list)
        for a in by_staff.get(p.id, []):
            per_day[a.date].append(a)
        st = stats[p.id]
        target = problem.target_minutes(p)
        put(ws, row, 1, p.id)
        put(ws, row, 2, p.name)
        put(ws, row, 3, p.home_area)
        for k, d in enumerate(days):
            todays = per_day.get(d, [])
            text = roster_cell(problem, p.id, p.home_area, k, todays, lang)
            cell = put(ws, row, first_day_col + k, text or None)
            cell.alignment = styles.CENTER
            if todays and todays[0].shift in shift_fill:
                cell.fill = shift_fill[todays[0].shift]
            elif text:
                cell.fill = absent_fill
            elif d.weekday() >= 5:
                cell.fill = weekend_fill
        col = first_day_col + len(days)
        for value in (_hours(st.work_minutes), _hours(target), _hours(st.work_minutes - target),
                      st.nights, st.weekend_days, st.sundays):
            cell = put(ws, row, col, value)
            cell.fill = styles.fill(styles.TOTALS)
            if isinstance(value, float):
                cell.number_format = styles.HOURS_FORMAT
            col += 1
        row += 1

    ws.freeze_panes = ws.cell(row=2, column=first_day_col)
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 8
    for k in range(len(days)):
        ws.column_dimensions[get_column_letter(first_day_col + k)].width = 10
    for j in range(len(totals)):
        ws.column_dimensions[get_column_letter(first_day_col + len(days) + j)].width = 12


# --------------------------------------------------------------------------- Assignments


def _naive(dt: datetime) -> datetime:
    return dt.replace(tzinfo=None)


def _assignments_sheet(ws: Worksheet, problem: Problem, roster: Roster, lang: str) -> None:
    lab = LABELS[lang]
    windows = irregular_windows(problem)
    append(ws, [*ASSIGNMENT_COLUMNS, *dict.fromkeys(w.name for w in windows)])
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
        r = ws.max_row
        ws.cell(row=r, column=3).number_format = styles.DATE_FORMAT
        ws.cell(row=r, column=6).number_format = styles.DATETIME_FORMAT
        ws.cell(row=r, column=7).number_format = styles.DATETIME_FORMAT
    ws.freeze_panes = "A2"
    widths = (10, 22, 12, 8, 8, 17, 17, 11, 11, 9, 9)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    for j in range(len(windows)):
        ws.column_dimensions[get_column_letter(len(widths) + 1 + j)].width = 16
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


# --------------------------------------------------------------------------- Coverage


def _coverage_sheet(ws: Worksheet, problem: Problem, roster: Roster, lang: str) -> None:
    from ..coverage import coverage_table

    rows = list(coverage_table(problem, roster))
    append(ws, list(COVERAGE_COLUMNS))
    styles.style_header(ws[1])
    red, orange = styles.fill(styles.SHORT_OF_MIN), styles.fill(styles.SHORT_OF_TARGET)
    for c in rows:
        append(ws, [c.area, c.skill, c.date, _naive(c.slot_start), _naive(c.slot_end), c.min,
                   c.target, c.planned, c.short_of_min, c.short_of_target, c.over_max,
                   getattr(c, "shift", None)])
        r = ws.max_row
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
    fills = {k: styles.fill(rgb) for k, rgb in (("red", styles.SHORT_OF_MIN),
                                                ("orange", styles.SHORT_OF_TARGET),
                                                ("green", styles.COVERED))}
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
            put(ws, rr, first_col, area).font = styles.BOLD
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


def _people_sheet(ws: Worksheet, problem: Problem, stats: dict[str, PersonStats],
                  extra: dict[str, dict[str, Any]],
                  footer: list[tuple[str, dict[str, Any]]] | None = None) -> None:
    """Per person; ``footer`` rows (label, {extra column: value}) follow after a blank row,
    e.g. the team average and the spread of the fairness figures."""
    extra_cols: list[str] = []
    for values in extra.values():
        for key in values:
            if key not in PEOPLE_COLUMNS and key not in extra_cols:
                extra_cols.append(key)
    append(ws, [*PEOPLE_COLUMNS, *extra_cols])
    styles.style_header(ws[1])
    for p in problem.staff:
        st = stats[p.id]
        target = problem.target_minutes(p)
        more = extra.get(p.id, {})
        append(ws, [
            p.id, p.name, p.home_area, p.hours_per_week, _hours(target), _hours(st.work_minutes),
            _hours(st.work_minutes - target), st.nights, st.evenings, st.weekend_days, st.sundays,
            more.get("wishes_granted"), more.get("wishes_refused"),
            *(_cell_value(more.get(k)) for k in extra_cols),
        ])
    if footer:
        append(ws, [])
        for label, values in footer:
            append(ws, [label, *([None] * (len(PEOPLE_COLUMNS) - 1)),
                       *(_cell_value(values.get(k)) for k in extra_cols)])
            ws.cell(row=ws.max_row, column=1).font = styles.BOLD
    ws.freeze_panes = "C2"
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
    append(ws, list(PENALTY_COLUMNS))
    styles.style_header(ws[1])
    totals: dict[str, int] = {}
    for p in report.penalties:
        append(ws, [p.rule, p.staff, p.date, p.area, round(p.amount, 2), round(p.points, 2), p.reason])
        if p.date is not None:
            ws.cell(row=ws.max_row, column=3).number_format = styles.DATE_FORMAT
        totals[p.rule] = totals.get(p.rule, 0) + p.cost
    append(ws, [])
    append(ws, ["rule", lab["total_cost"]])
    styles.style_header(ws[ws.max_row][:2])
    for rule, cost in totals.items():
        append(ws, [rule, round(cost / COST_SCALE, 2)])
    checker_total = sum(totals.values())
    grand = result.objective if result.objective is not None else checker_total
    append(ws, [lab["total"], round(grand / COST_SCALE, 2)])
    for cell in ws[ws.max_row][:2]:
        cell.font = styles.BOLD
    if grand != checker_total:
        # Each family's recomputed cost should equal its share of the objective; show a mismatch.
        append(ws, [lab["checker_total"], round(checker_total / COST_SCALE, 2)])
    ws.freeze_panes = "A2"
    for j, width in enumerate((22, 10, 12, 8, 9, 9, 80), start=1):
        ws.column_dimensions[get_column_letter(j)].width = width


# --------------------------------------------------------------------------- Changes (repair)

CHANGES_SHEET = {"en": "Changes", "nl": "Wijzigingen"}
CHANGE_COLUMNS = ("staff", "name", "date", "was", "becomes", "why", "within_notice_period")


def _changes_sheet(ws: Worksheet, changes: Sequence[Any], lang: str) -> None:
    """One row per changed shift against the published roster, in date order; changes within
    the notice period are marked yes and shaded. ``why`` is already a plain reason (never a
    personal absence reason)."""
    lab = LABELS[lang]
    append(ws, list(CHANGE_COLUMNS))
    styles.style_header(ws[1])
    for c in changes:
        append(ws, [c.staff, c.name, c.date, c.was, c.becomes, c.why,
                   lab["yes"] if c.within_notice else lab["no"]])
        ws.cell(row=ws.max_row, column=3).number_format = styles.DATE_FORMAT
        if c.within_notice:
            ws.cell(row=ws.max_row, column=7).fill = styles.fill(styles.SHORT_OF_TARGET)
    ws.freeze_panes = "A2"
    for j, width in enumerate((10, 24, 12, 10, 10, 28, 20), start=1):
        ws.column_dimensions[get_column_letter(j)].width = width


# --------------------------------------------------------------------------- Run


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def run_record(problem: Problem, result: SolveResult, report: CheckReport, input_path: Path | None,
               lang: str, extra: dict[str, Any] | None = None) -> list[tuple[str, Any]]:
    """The Run sheet's key/value rows (objective, bound and costs in points)."""
    lab = LABELS[lang]

    def points(units: int | None) -> float | None:
        return None if units is None else round(units / COST_SCALE, 2)

    profile = problem.profile
    overridden = problem.ruleset.overridden
    n_violations = len(report.violations)
    rows: list[tuple[str, Any]] = [
        ("status", result.status.value),
        ("objective", points(result.objective)),
        ("best_bound", points(result.bound)),
        ("gap", None if result.gap is None else round(result.gap, 6)),
        ("seconds", round(result.seconds, 2)),
        ("time_to_first_roster", None if result.first_solution_seconds is None
         else round(result.first_solution_seconds, 2)),
        ("workers", result.workers),
        ("seed", result.seed),
        ("tool_version", __version__),
        ("input_file", input_path.name if input_path else None),
        ("input_path", str(input_path.resolve()) if input_path else None),
        ("input_sha256", file_sha256(input_path) if input_path and input_path.is_file() else None),
        ("rule_profile", profile.name),
        ("rule_profile_path", str(profile.path) if profile.path else None),
        ("overridden_rules", ", ".join(f"{k} = {_plain(v)}" for k, v in sorted(overridden.items()))
         or lab["none"]),
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


def _run_sheet(ws: Worksheet, problem: Problem, result: SolveResult, report: CheckReport,
               input_path: Path | None, lang: str, extra: dict[str, Any]) -> None:
    append(ws, ["key", "value"])
    styles.style_header(ws[1])
    for key, value in run_record(problem, result, report, input_path, lang, extra):
        append(ws, [key, value])
        if key == "gap" and value is not None:
            ws.cell(row=ws.max_row, column=2).number_format = styles.PERCENT_FORMAT
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
