"""The scenarios workbook: what-if alternatives of an input workbook, one named row each.

Three sheets (English or Dutch names and headers, see docs/scenarios.md):

- ``Scenarios`` (``Scenario's``): one row per scenario: its name, a description, people
  removed (by id), ``n`` new people (home area, hours a week, skills), rule overrides
  (``rule=value; …``), weight overrides (``name=value; …``), and another horizon (start date,
  weeks).
- ``Scenario demand`` (``Scenariovraag``): demand changes, any number per scenario: ``scale``
  the Demand rows of an area (and skill) that touch a day/time window by a factor, ``replace``
  the area's rows on the selected days by new figures (Demand ``replace = yes``), or ``add`` a
  row (an event).
- ``Scenario shifts`` (``Scenariodiensten``): shifts added (code, times, days) or removed.

Reading collects every problem with its sheet, cell and column and never stops at the first;
a scenario with a problem is left out of the run and reported, the others run. Never imports
the solver.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..calendar import DaySelector
from ..errors import Issue, Where
from ..workbook import cells

Lang = Literal["en", "nl"]

SHEETS: dict[str, dict[Lang, str]] = {
    "scenarios": {"en": "Scenarios", "nl": "Scenario's"},
    "demand": {"en": "Scenario demand", "nl": "Scenariovraag"},
    "shifts": {"en": "Scenario shifts", "nl": "Scenariodiensten"},
}

# canonical column → (English header, Dutch header, help text for the template)
COLUMNS: dict[str, dict[str, tuple[str, str, str]]] = {
    "scenarios": {
        "scenario": ("scenario", "scenario", "A short unique name (required)."),
        "description": ("description", "omschrijving", "What the alternative is about."),
        "remove_staff": ("remove_staff", "medewerkers_weg", "Staff ids left out, comma-separated."),
        "add_people": ("add_people", "extra_mensen", "How many new people (a whole number)."),
        "add_home_area": (
            "add_home_area",
            "extra_wijk",
            "Home area of the new people (required with add_people).",
        ),
        "add_hours": (
            "add_hours",
            "extra_uren",
            "Contract hours a week of each [default: the team's full-time week].",
        ),
        "add_skills": ("add_skills", "extra_vaardigheden", "Skills of each, comma-separated."),
        "rules": ("rules", "regels", "Rule overrides: rule=value; rule=value (as in the Rules sheet)."),
        "weights": (
            "weights",
            "gewichten",
            "Weight overrides: name=value; … (weight.NAME of the Rules sheet; whole numbers).",
        ),
        "start_date": ("start_date", "startdatum", "Another horizon start (a Monday is usual)."),
        "weeks": ("weeks", "weken", "Another horizon length in weeks."),
    },
    "demand": {
        "scenario": ("scenario", "scenario", "Name of a scenario in the Scenarios sheet."),
        "action": ("action", "actie", "scale, replace or add."),
        "area": ("area", "wijk", "Area code; for scale empty means every area, * the city-wide rows."),
        "days": ("days", "dagen", "Day selector (mon-fri, fri,sat, 2027-02-14, …) [default: all]."),
        "start": ("start", "van", "From (HH:MM) [default: the whole day]."),
        "end": ("end", "tot", "Until (HH:MM); before start runs past midnight."),
        "skill": ("skill", "vaardigheid", "Only rows for this skill (scale), or the row's skill."),
        "factor": ("factor", "factor", "scale: multiply min and target by this (1.5 = half as much again)."),
        "min": ("min", "min", "replace/add: the minimum number of people."),
        "target": ("target", "doel", "replace/add: the target number of people [default: min]."),
    },
    "shifts": {
        "scenario": ("scenario", "scenario", "Name of a scenario in the Scenarios sheet."),
        "action": ("action", "actie", "add or remove."),
        "code": ("code", "code", "Shift code (new for add, existing for remove)."),
        "start": ("start", "van", "add: start time (HH:MM)."),
        "end": ("end", "tot", "add: end time (HH:MM); before start runs past midnight."),
        "break_minutes": ("break_minutes", "pauze_minuten", "add: unpaid break in minutes [default 0]."),
        "days": ("days", "dagen", "add: days it may be worked [default: all]."),
        "name": ("name", "naam", "add: a readable name."),
    },
}

ACTIONS = {
    "demand": {
        "scale": "scale",
        "schalen": "scale",
        "replace": "replace",
        "vervangen": "replace",
        "add": "add",
        "toevoegen": "add",
    },
    "shifts": {
        "add": "add",
        "toevoegen": "add",
        "remove": "remove",
        "weg": "remove",
        "verwijderen": "remove",
    },
}


NL_ACTION = {"scale": "schalen", "replace": "vervangen", "add": "toevoegen", "remove": "verwijderen"}


@dataclass(frozen=True)
class DemandChange:
    action: Literal["scale", "replace", "add"]
    where: Where  # the row, for errors in the scenario that it causes
    area: str | None
    days: DaySelector | None
    start: int | None
    end: int | None
    skill: str | None
    factor: float | None = None
    min: int | None = None
    target: int | None = None


@dataclass(frozen=True)
class ShiftChange:
    action: Literal["add", "remove"]
    where: Where
    code: str
    start: int | None = None
    end: int | None = None
    break_minutes: int = 0
    days: DaySelector | None = None
    name: str = ""


@dataclass
class Scenario:
    """One named alternative, as read (not yet applied to the input)."""

    name: str
    where: Where  # its row in the Scenarios sheet
    description: str = ""
    remove_staff: tuple[str, ...] = ()
    add_people: int = 0
    add_home_area: str | None = None
    add_hours: float | None = None
    add_skills: tuple[str, ...] = ()
    rules: tuple[tuple[str, Any, Where], ...] = ()
    weights: tuple[tuple[str, int, Where], ...] = ()
    start_date: date | None = None
    weeks: int | None = None
    demand: list[DemandChange] = field(default_factory=list)
    shifts: list[ShiftChange] = field(default_factory=list)


@dataclass
class ScenarioBook:
    """Every scenario read, and the problems found per scenario name (``""``: not tied to one)."""

    scenarios: list[Scenario]
    issues: dict[str, list[Issue]]
    lang: Lang


def _canon(header: object, group: str) -> str | None:
    h = cells.text(header).strip().lower().replace(" ", "_")
    for key, (en, nl, _) in COLUMNS[group].items():
        if h in (en, nl):
            return key
    return None


def _find_sheet(wb: Any, group: str) -> tuple[Any, Lang] | None:
    for lang in ("en", "nl"):
        title = SHEETS[group][lang]
        for ws in wb.worksheets:
            if ws.title.strip().lower() == title.lower():
                return ws, lang
    return None


def _rows(ws: Any, group: str, issues: list[Issue]) -> list[tuple[int, dict[str, tuple[object, Where]]]]:
    """Every non-empty row under the header, as ``{column: (value, where)}``."""
    rows = list(ws.iter_rows(values_only=True))
    if not rows:
        return []
    header = rows[0]
    cols: dict[int, str] = {}
    for i, h in enumerate(header):
        if cells.is_empty(h):
            continue
        key = _canon(h, group)
        if key is None:
            issues.append(Issue(Where(ws.title, 1, i + 1, cells.text(h)), "is not a column of this sheet", h))
        else:
            cols[i] = key
    out = []
    for r, values in enumerate(rows[1:], start=2):
        row = {
            cols[i]: (v, Where(ws.title, r, i + 1, cols[i]))
            for i, v in enumerate(values)
            if i in cols and not cells.is_empty(v)
        }
        if row and not (len(row) == 1 and "scenario" in row and cells.is_comment(row["scenario"][0])):
            out.append((r, row))
    return out


def _pairs(value: object, where: Where, issues: list[Issue], integer: bool) -> list[tuple[str, Any]]:
    """``name=value; name=value`` (``,`` also separates when no value holds one)."""
    out: list[tuple[str, Any]] = []
    for part in cells.text(value).replace("\n", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        name, eq, raw = part.partition("=")
        name, raw = name.strip(), raw.strip()
        if not eq or not name or not raw:
            issues.append(Issue(where, "expected name=value; name=value", part))
            continue
        parsed: Any = raw
        try:
            number = float(raw.replace(",", "."))
            parsed = int(number) if number.is_integer() else number
        except ValueError:
            if integer:
                issues.append(Issue(where, f"{name}: a weight is a whole number", raw))
                continue
        if integer and not isinstance(parsed, int):
            issues.append(Issue(where, f"{name}: a weight is a whole number", raw))
            continue
        if not integer and raw.lower() in ("yes", "no", "ja", "nee", "true", "false"):
            parsed = raw.lower() in ("yes", "ja", "true")
        out.append((name, parsed))
    return out


def _get(row: dict[str, tuple[object, Where]], key: str, conv: Any, issues: list[Issue]) -> Any:
    if key not in row:
        return None
    value, where = row[key]
    try:
        return conv(value)
    except ValueError as exc:
        issues.append(Issue(where, str(exc), cells.display(value)))
        return None


def _whole(value: object) -> int:
    n = cells.number(value)
    if not n.is_integer() or n < 0:
        raise ValueError("must be a whole number, 0 or more")
    return int(n)


def read_scenarios(path: str | Path) -> ScenarioBook:
    """Read the scenarios workbook at ``path``; every problem is kept with its location."""
    from openpyxl import load_workbook

    from ..errors import InputError

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(f"{path}: cannot be read as an .xlsx workbook ({type(exc).__name__})") from None
    found = _find_sheet(wb, "scenarios")
    if found is None:
        raise InputError(
            f"{path}: has no sheet named Scenarios (Scenario's); make one with `roster init --scenarios FILE`"
        )
    ws, lang = found
    general: list[Issue] = []
    by_name: dict[str, Scenario] = {}
    issues: dict[str, list[Issue]] = {}
    for r, row in _rows(ws, "scenarios", general):
        bad: list[Issue] = []
        name = _get(row, "scenario", cells.code, bad)
        if name is None:
            general.append(Issue(Where(ws.title, r, None, "scenario"), "a scenario needs a name"))
            continue
        where = row["scenario"][1]
        if name in by_name:
            issues.setdefault(name, []).append(Issue(where, "a second row with this name", name))
            continue
        s = Scenario(name=name, where=where)
        s.description = cells.text(row["description"][0]) if "description" in row else ""
        s.remove_staff = _get(row, "remove_staff", cells.comma_list, bad) or ()
        s.add_people = _get(row, "add_people", _whole, bad) or 0
        s.add_home_area = _get(row, "add_home_area", cells.code, bad)
        s.add_hours = _get(row, "add_hours", cells.number, bad)
        s.add_skills = _get(row, "add_skills", cells.comma_list, bad) or ()
        if s.add_people and s.add_home_area is None:
            bad.append(Issue(Where(ws.title, r, None, "add_home_area"), "new people need a home area"))
        if "rules" in row:
            value, w = row["rules"]
            s.rules = tuple((k, v, w) for k, v in _pairs(value, w, bad, integer=False))
        if "weights" in row:
            value, w = row["weights"]
            s.weights = tuple((k, v, w) for k, v in _pairs(value, w, bad, integer=True))
        s.start_date = _get(row, "start_date", cells.date_value, bad)
        s.weeks = _get(row, "weeks", _whole, bad)
        by_name[name] = s
        if bad:
            issues.setdefault(name, []).extend(bad)
    for group in ("demand", "shifts"):
        sub = _find_sheet(wb, group)
        if sub is None:
            continue
        for r, row in _rows(sub[0], group, general):
            bad = []
            name = _get(row, "scenario", cells.code, bad)
            if name is None or name not in by_name:
                where = row["scenario"][1] if "scenario" in row else Where(sub[0].title, r, None, "scenario")
                general.append(Issue(where, "names no scenario of the Scenarios sheet", name or ""))
                continue
            action = ACTIONS[group].get(cells.text(row.get("action", ("", None))[0]).strip().lower())
            if action is None:
                where = row["action"][1] if "action" in row else Where(sub[0].title, r, None, "action")
                choices = " or ".join(sorted(set(ACTIONS[group].values())))
                given = cells.display(row.get("action", ("", None))[0])
                bad.append(Issue(where, f"must be {choices}", given))
            elif group == "demand":
                _demand_change(by_name[name], action, row, Where(sub[0].title, r), bad)
            else:
                _shift_change(by_name[name], action, row, Where(sub[0].title, r), bad)
            if bad:
                issues.setdefault(name, []).extend(bad)
    wb.close()
    if general:
        issues.setdefault("", []).extend(general)
    return ScenarioBook(list(by_name.values()), issues, lang)


def _demand_change(
    s: Scenario, action: str, row: dict[str, tuple[object, Where]], where: Where, bad: list[Issue]
) -> None:
    area = _get(row, "area", cells.code, bad)
    days = _get(row, "days", cells.days, bad)
    start = _get(row, "start", cells.time_value, bad)
    end = _get(row, "end", cells.time_value, bad)
    skill = _get(row, "skill", cells.code, bad)
    if (start is None) != (end is None):
        bad.append(Issue(where, "give both start and end, or neither"))
    if action == "scale":
        factor = _get(row, "factor", cells.number, bad)
        if factor is None or factor < 0 or not math.isfinite(factor):
            bad.append(
                Issue(row["factor"][1] if "factor" in row else where, "scale needs a factor of 0 or more")
            )
            return
        s.demand.append(DemandChange("scale", where, area, days, start, end, skill, factor=factor))
        return
    lo = _get(row, "min", _whole, bad)
    target = _get(row, "target", _whole, bad)
    if area is None or lo is None:
        bad.append(Issue(where, f"{action} needs an area and a min"))
        return
    s.demand.append(
        DemandChange(
            action,  # type: ignore[arg-type]
            where,
            area,
            days,
            start,
            end,
            skill,
            min=lo,
            target=target,
        )
    )


def _shift_change(
    s: Scenario, action: str, row: dict[str, tuple[object, Where]], where: Where, bad: list[Issue]
) -> None:
    code = _get(row, "code", cells.code, bad)
    if code is None:
        bad.append(Issue(where, "a shift change needs a code"))
        return
    if action == "remove":
        s.shifts.append(ShiftChange("remove", where, code))
        return
    start = _get(row, "start", cells.time_value, bad)
    end = _get(row, "end", cells.time_value, bad)
    if start is None or end is None:
        bad.append(Issue(where, "a new shift needs a start and an end"))
        return
    brk = _get(row, "break_minutes", _whole, bad) or 0
    days = _get(row, "days", cells.days, bad)
    name = cells.text(row["name"][0]) if "name" in row else ""
    s.shifts.append(ShiftChange("add", where, code, start, end, brk, days, name))


# --------------------------------------------------------------------------- the template

EXAMPLE_ROWS: dict[str, list[tuple[Any, ...]]] = {
    "scenarios": [
        ("base", "the workbook as it is"),
        ("two more in NRD", "hire two full-timers for Noord", None, 2, "NRD", 36, "driver"),
        ("without B07", "one person leaves", "B07"),
        (
            "longer rest",
            "13 h daily rest, wishes count double",
            None,
            None,
            None,
            None,
            None,
            "min_daily_rest_hours=13",
            "wish=20",
        ),
        ("carnival", "six people in the centre on carnival evenings"),
        ("busier weekends", "half as many again on Friday and Saturday evenings"),
        ("third night", "an extra late-night shift on Fridays"),
    ],
    "demand": [
        ("carnival", "add", "CEN", "2027-02-06..2027-02-09", "18:00", "02:00", None, None, 6, 6),
        ("busier weekends", "scale", None, "fri,sat", "18:00", "02:00", None, 1.5),
        ("third night", "add", "*", "fri", "20:00", "04:00", None, None, 1, 2),
    ],
    "shifts": [
        ("third night", "add", "N3", "20:00", "04:00", 30, "fri", "late night"),
    ],
}


def write_scenarios_template(path: str | Path, *, lang: Lang = "en") -> None:
    """An empty scenarios workbook (three sheets with headers and a help row per column, then a
    few example rows to overwrite), written atomically with texts stored as text."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment

    from ..workbook.safecells import append, save
    from ..workbook.styles import style_header

    wb = Workbook()
    first = True
    for group in ("scenarios", "demand", "shifts"):
        if first:
            ws = wb.active
            assert ws is not None
            ws.title = SHEETS[group][lang]
            first = False
        else:
            ws = wb.create_sheet(SHEETS[group][lang])
        columns = COLUMNS[group]
        append(ws, [en if lang == "en" else nl for en, nl, _ in columns.values()])
        style_header(ws[1])
        for cell, (_, _, help_text) in zip(ws[1], columns.values(), strict=True):
            cell.comment = Comment(help_text, "roster")
            ws.column_dimensions[cell.column_letter].width = max(12, len(str(cell.value)) + 4)
        for values in EXAMPLE_ROWS[group]:
            row = list(values)
            if lang == "nl" and group != "scenarios":
                row[1] = NL_ACTION[row[1]]
            append(ws, row)
        ws.freeze_panes = "A2"
    save(wb, path)
