"""The input workbook as a planner sees it: ``roster init`` (empty) or a Problem written out.

:func:`write_input_workbook` writes every input sheet of WORKBOOK.md in its canonical order,
with the headers of :mod:`~roster_solver.workbook.aliases` (Dutch with ``lang="nl"``), preceded
by an ``Instructions`` [``Uitleg``] sheet that the reader ignores. Values are written the way a
planner would type them, so the file reads back into an equivalent Problem:

- dates as real Excel dates (``yyyy-mm-dd``), part-day absences as date-times;
- times of day as ``HH:MM`` text (``24:00`` for the end of the day);
- day selectors as their original text, lists comma-joined, booleans ``yes``/``no``
  (``ja``/``nee``), wish kinds, absence types and ``off`` in the sheet's language.

Drop-down lists (Excel data validation) point at the code columns of the Areas, Shifts and
Staff sheets, so codes added by the planner appear in them. The lists that add a reserved word
to the codes (``*`` for the whole city, ``off``) read a hidden ``Lists`` [``Lijsten``] sheet
whose cells mirror the code columns by formula.

Without a Problem the template is empty but valid ("nothing to plan"): Settings holds
``start_date`` (the next Monday), ``weeks = 4``, the time zone, the ``atw`` profile and
``shortage = report``; the optional keys follow as comment rows (``# key``) with their defaults.

Every text is stored as text, never as a formula or an error value, whatever it starts with
(:mod:`.safecells`); only the hidden Lists sheet holds formulas, its own.
The file is written to a temporary file in the target folder and renamed only when complete
(:mod:`roster_solver.outputs`); an existing file is replaced only with ``overwrite=True``.
Zip entry times and the document's created/modified properties come from ``timestamp`` so
that a fixed timestamp gives a byte-stable file.

Never imports the solver.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .. import outputs
from ..calendar import format_minute_of_day
from ..domain import OFF, Problem, Settings
from .aliases import COLUMNS, SETTINGS_KEYS, VALUE_ALIASES, header, sheet_name
from .safecells import append, neutralise, put

INPUT_SHEETS = ("Settings", "Areas", "Shifts", "Staff", "Limits", "Demand", "Absence", "Wishes",
                "Fixed", "History", "Rules")
INSTRUCTIONS_SHEET = {"en": "Instructions", "nl": "Uitleg"}
LISTS_SHEET = {"en": "Lists", "nl": "Lijsten"}

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Rows that carry drop-down lists and the depth of the code ranges the lists read.
VALIDATED_ROWS = 1000
CODE_ROWS = 500

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
_COMMENT_FONT = Font(italic=True, color="808080")

Lang = str


# --------------------------------------------------------------------------- help texts

# (English, Dutch) per sheet and per column; the Instructions sheet is built from these.
SHEET_HELP: dict[str, tuple[str, str]] = {
    "Settings": ("The planning period and solver settings, one key per row (rows starting with # "
                 "are comments).",
                 "De planperiode en solverinstellingen, één sleutel per regel (regels die met # "
                 "beginnen zijn commentaar)."),
    "Areas": ("The areas (wijken) where people are deployed.",
              "De wijken waar medewerkers worden ingezet."),
    "Shifts": ("The shift types. An end at or before the start means the shift ends the next day.",
               "De diensten. Een eindtijd op of vóór de begintijd betekent: eindigt de volgende dag."),
    "Staff": ("One row per person. Only id, home_area and hours_per_week are required.",
              "Eén regel per medewerker. Alleen id, thuiswijk en uren per week zijn verplicht."),
    "Limits": ("Optional caps per person on how often a shift type is worked in the period.",
               "Optioneel: per medewerker hoe vaak een dienst in de periode mag voorkomen."),
    "Demand": ("Staffing per area and time window (or per shift). Where rows overlap the highest "
               "min and target apply; area * is the whole city.",
               "Bezetting per wijk en tijdvak (of per dienst). Waar regels overlappen geldt het "
               "hoogste minimum en doel; wijk * is de hele stad."),
    "Absence": ("Leave, training and other absence: dates, or date-times for part days. The "
                "roster shows only 'absent', never the reason.",
                "Verlof, opleiding en andere afwezigheid: datums, of datum met tijd voor een deel "
                "van de dag. Het rooster toont alleen 'afwezig', nooit de reden."),
    "Wishes": ("Personal availability and wishes: never/only/must are hard, prefer/avoid are soft.",
               "Beschikbaarheid en wensen: nooit/alleen/moet zijn hard, voorkeur/liever_niet zacht."),
    "Fixed": ("Pinned assignments inside the period (shift may be off).",
              "Vastgezette diensten binnen de periode (dienst mag vrij zijn)."),
    "History": ("Shifts worked before start_date (up to 16 weeks), so rest and series rules hold "
                "across the start.",
                "Gewerkte diensten vóór de startdatum (tot 16 weken), zodat rust- en reeksregels "
                "over de start heen gelden."),
    "Rules": ("Overrides of the rule profile by the keys of the rule catalogue (RULES.md).",
              "Afwijkingen van het regelprofiel, met de sleutels uit de regelcatalogus (RULES.md)."),
    "Holidays": ("Extra or replacing public holidays.", "Extra of vervangende feestdagen."),
}

COLUMN_HELP: dict[str, dict[str, tuple[str, str]]] = {
    "Settings": {
        "key": ("start_date (a Monday), weeks, timezone, rule_profile, shortage (report/forbid), "
                "slot_minutes, time_limit_seconds, workers, seed, language, weight.<rule>",
                "startdatum (een maandag), weken, tijdzone, regelprofiel, tekort (melden/verbieden), "
                "slot_minuten, tijdslimiet_seconden, werkers, zaad, taal, weight.<regel>"),
        "value": ("the value of the key", "de waarde van de sleutel"),
    },
    "Areas": {
        "code": ("short code, e.g. CEN (not off, absent, * or anything with @)",
                 "korte code, bv. CEN (niet vrij, absent, * of iets met @)"),
        "name": ("full name", "volledige naam"),
        "color": ("optional colour (hex, e.g. FFCC00)", "optionele kleur (hex, bv. FFCC00)"),
    },
    "Shifts": {
        "code": ("short code, e.g. E", "korte code, bv. V"),
        "name": ("full name", "volledige naam"),
        "start": ("start time HH:MM", "begintijd UU:MM"),
        "end": ("end time HH:MM", "eindtijd UU:MM"),
        "break_minutes": ("unpaid break in minutes (law: 30 above 5.5 h of work, 45 above 10 h)",
                          "onbetaalde pauze in minuten (wet: 30 boven 5,5 uur werk, 45 boven 10 uur)"),
        "days": ("days the shift is used (all, weekdays, weekend, mon-fri, ...)",
                 "dagen waarop de dienst bestaat (all, weekdays, weekend, ma-vr, ...)"),
        "not_followed_by": ("shift codes that may not be worked the next day",
                            "diensten die de volgende dag niet mogen volgen"),
        "color": ("optional colour (hex)", "optionele kleur (hex)"),
    },
    "Staff": {
        "id": ("staff id (used everywhere instead of the name)",
               "personeelsnummer (wordt overal gebruikt in plaats van de naam)"),
        "name": ("name (shown only in the roster)", "naam (alleen in het rooster)"),
        "home_area": ("home area code", "code van de thuiswijk"),
        "hours_per_week": ("contract hours per week", "contracturen per week"),
        "skills": ("comma list, e.g. coordinator, dog, driver",
                   "kommalijst, bv. coordinator, dog, driver"),
        "areas": ("other areas this person may work in (comma list; * = all)",
                  "andere wijken waar iemand mag werken (kommalijst; * = alle)"),
        "shifts": ("allowed shift codes (empty = all)", "toegestane diensten (leeg = alle)"),
        "no_nights": ("yes = no night shifts", "ja = geen nachtdiensten"),
        "min_hours": ("hard minimum hours over the period", "harde ondergrens uren in de periode"),
        "max_hours": ("hard maximum hours over the period", "harde bovengrens uren in de periode"),
        "max_consecutive_days": ("at most this many working days in a row",
                                 "maximaal zoveel werkdagen achter elkaar"),
        "min_consecutive_days": ("at least this many working days in a row",
                                 "minimaal zoveel werkdagen achter elkaar"),
        "min_consecutive_days_off": ("at least this many days off in a row",
                                     "minimaal zoveel vrije dagen achter elkaar"),
        "max_weekends": ("at most this many working weekends", "maximaal zoveel werkweekenden"),
        "birth_date": ("date of birth (no nights under 18)", "geboortedatum (geen nachten onder 18)"),
        "start_date": ("joins during the period", "komt in dienst tijdens de periode"),
        "end_date": ("leaves during the period", "gaat uit dienst tijdens de periode"),
        "hours_balance": ("hours carried in (+/-)", "meegenomen urensaldo (+/-)"),
    },
    "Limits": {
        "staff": ("staff id", "personeelsnummer"),
        "shift": ("shift code", "dienstcode"),
        "max": ("at most this many times", "maximaal zo vaak"),
        "min": ("at least this many times", "minimaal zo vaak"),
    },
    "Demand": {
        "area": ("area code, or * for the whole city", "wijkcode, of * voor de hele stad"),
        "days": ("day selector: all, weekdays, weekend, fri,sat, 2027-02-07..2027-02-09, ...",
                 "dagen: all, weekdays, weekend, vr,za, 2027-02-07..2027-02-09, ..."),
        "from": ("window start HH:MM", "begin van het tijdvak UU:MM"),
        "to": ("window end HH:MM (before from = next day)",
               "einde van het tijdvak UU:MM (vóór van = volgende dag)"),
        "min": ("minimum number of people (hard floor)", "minimum aantal mensen (harde ondergrens)"),
        "target": ("desired number of people", "gewenst aantal mensen"),
        "max": ("soft cap", "zachte bovengrens"),
        "skill": ("count only people with this skill", "tel alleen mensen met deze vaardigheid"),
        "shift": ("instead of from/to: number of people on this shift",
                  "in plaats van van/tot: aantal mensen in deze dienst"),
        "weight_under": ("weight per missing person-hour", "gewicht per ontbrekend mensuur"),
        "weight_over": ("weight per surplus person-hour", "gewicht per mensuur te veel"),
        "note": ("free text", "vrije tekst"),
        "replace": ("yes = replaces the other rows for this area and skill on these days",
                    "ja = vervangt de andere regels voor deze wijk en vaardigheid op deze dagen"),
    },
    "Absence": {
        "staff": ("staff id", "personeelsnummer"),
        "from": ("first date (or date and time)", "eerste datum (of datum en tijd)"),
        "to": ("last date (or date and time)", "laatste datum (of datum en tijd)"),
        "type": ("leave, training, sick or other", "verlof, opleiding, ziek of anders"),
        "hours": ("credited hours for the whole row (default: per weekday)",
                  "gecrediteerde uren voor de hele regel (standaard: per werkdag)"),
    },
    "Wishes": {
        "staff": ("staff id", "personeelsnummer"),
        "days": ("day selector", "dagen"),
        "kind": ("never, only, must (hard) or prefer, avoid (soft)",
                 "nooit, alleen, moet (hard) of voorkeur, liever_niet (zacht)"),
        "shift": ("shift code or off", "dienstcode of vrij"),
        "from": ("window start HH:MM (instead of a shift)",
                 "begin van het tijdvak UU:MM (in plaats van een dienst)"),
        "to": ("window end HH:MM", "einde van het tijdvak UU:MM"),
        "weight": ("weight of a prefer/avoid wish", "gewicht van een voorkeur/liever_niet"),
    },
    "Fixed": {
        "staff": ("staff id", "personeelsnummer"),
        "date": ("date inside the period", "datum binnen de periode"),
        "shift": ("shift code or off", "dienstcode of vrij"),
        "area": ("area (default: home area)", "wijk (standaard: thuiswijk)"),
    },
    "History": {
        "staff": ("staff id", "personeelsnummer"),
        "date": ("date before start_date", "datum vóór de startdatum"),
        "shift": ("shift code worked", "gewerkte dienst"),
        "area": ("area worked (optional)", "gewerkte wijk (optioneel)"),
    },
    "Rules": {
        "rule": ("rule key, e.g. max_consecutive_days or weight.wish",
                 "regelsleutel, bv. max_consecutive_days of weight.wish"),
        "value": ("new value (law rules only stricter)", "nieuwe waarde (wettelijke regels alleen strenger)"),
        "hard": ("yes/no, for rules that may be either", "ja/nee, voor regels die beide mogen zijn"),
        "weight": ("weight when soft", "gewicht als zachte regel"),
    },
    "Holidays": {
        "date": ("date", "datum"),
        "name": ("name", "naam"),
    },
}

_INTRO = {
    "en": ("Roster input workbook",
           "Fill in the sheets below and run `roster validate` on this file; it lists every "
           "problem with its cell. This sheet is ignored when the file is read. Dates as "
           "2027-02-01 (or Excel dates), times as HH:MM. Drop-down lists come from the Areas, "
           "Shifts and Staff sheets."),
    "nl": ("Invoerwerkboek voor het rooster",
           "Vul de bladen hieronder in en draai `roster validate` op dit bestand; dat noemt elk "
           "probleem met de cel. Dit blad wordt bij het inlezen genegeerd. Datums als 2027-02-01 "
           "(of Excel-datums), tijden als UU:MM. Keuzelijsten komen uit de bladen Wijken, "
           "Diensten en Medewerkers."),
}

# Optional Settings keys written as comment rows in the empty template, with their defaults.
_COMMENTED_SETTINGS: tuple[tuple[str, Any], ...] = (
    ("slot_minutes", None),
    ("time_limit_seconds", 60),
    ("workers", None),
    ("seed", 0),
    ("objective", "weighted"),
    ("period_anchor", None),
)


# --------------------------------------------------------------------------- public API


def next_monday(today: date | None = None) -> date:
    """The first Monday after ``today`` (a week later when today is a Monday)."""
    today = today or date.today()
    return today + timedelta(days=7 - today.weekday())


def write_input_workbook(
    path: str | os.PathLike[str],
    problem: Problem | None = None,
    *,
    lang: Lang = "en",
    overwrite: bool = False,
    timestamp: datetime | None = None,
    today: date | None = None,
) -> None:
    """Write an input workbook: the empty template, or ``problem`` with all its records.

    Raises FileExistsError when ``path`` exists and ``overwrite`` is false; the existing file
    is then untouched. ``timestamp`` (default: now) fixes the document's created/modified
    properties and zip entry times; ``today`` fixes the pre-filled start date of the template.
    """
    if lang not in ("en", "nl"):
        raise ValueError(f"language {lang!r} is not supported; choose en or nl")
    target = Path(path)
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists; choose another file name or allow "
                              "overwriting it")
    wb = build_input_workbook(problem, lang=lang, today=today)
    stamp = (timestamp or datetime.now()).replace(microsecond=0, tzinfo=None)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "roster"
    wb.properties.lastModifiedBy = "roster"
    neutralise(wb, formula_sheets=set(LISTS_SHEET.values()))
    _save_atomically(wb, target, stamp)


def build_input_workbook(problem: Problem | None = None, *, lang: Lang = "en",
                         today: date | None = None) -> Workbook:
    """The workbook of :func:`write_input_workbook`, not yet saved."""
    w = _Writer(lang)
    wb = w.wb
    _instructions(w, problem)
    _settings(w, problem, today)
    _areas(w, problem)
    _shifts(w, problem)
    _staff(w, problem)
    _limits(w, problem)
    _demand(w, problem)
    _absence(w, problem)
    _wishes(w, problem)
    _fixed(w, problem)
    _history(w, problem)
    _rules(w, problem)
    if problem is not None and problem.holidays_extra:
        ws = w.table("Holidays")
        for h in problem.holidays_extra:
            w.row(ws, {"date": h.date, "name": h.name})
        w.finish(ws)
    _lists_sheet(w)
    _validations(w, problem)
    wb.active = 0
    return wb


# --------------------------------------------------------------------------- the writer


class _Writer:
    """Sheets in one language, rows by canonical column name."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.wb = Workbook()
        self.wb.remove(self.wb.active)  # type: ignore[arg-type]
        self.sheets: dict[str, Worksheet] = {}

    def name(self, sheet: str) -> str:
        return sheet_name(sheet, self.lang)

    def table(self, sheet: str) -> Worksheet:
        ws = self.wb.create_sheet(self.name(sheet))
        self.sheets[sheet] = ws
        for col, canonical in enumerate(COLUMNS[sheet], start=1):
            cell = put(ws, 1, col, header(sheet, canonical, self.lang))
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            help_text = COLUMN_HELP.get(sheet, {}).get(canonical)
            if help_text:
                # A tooltip on the header cell: the reader ignores comments.
                cell.comment = Comment(help_text[self.lang == "nl"], "roster")
        ws.freeze_panes = "A2"
        return ws

    def col(self, sheet: str, canonical: str) -> int:
        return list(COLUMNS[sheet]).index(canonical) + 1

    def letter(self, sheet: str, canonical: str) -> str:
        return get_column_letter(self.col(sheet, canonical))

    def row(self, ws: Worksheet, values: dict[str, Any], sheet: str | None = None) -> int:
        sheet = sheet or next(k for k, v in self.sheets.items() if v is ws)
        r = ws.max_row + 1
        for canonical, value in values.items():
            if value is None or value == "":
                continue
            cell = put(ws, r, self.col(sheet, canonical), value)
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, str):
                cell.number_format = "@"
        return r

    def finish(self, ws: Worksheet) -> None:
        widths: dict[int, int] = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                if isinstance(cell.value, datetime):
                    n = 16
                elif isinstance(cell.value, date):
                    n = 10
                else:
                    n = len(str(cell.value))
                widths[cell.column] = max(widths.get(cell.column, 0), n)
        for col, n in widths.items():
            ws.column_dimensions[get_column_letter(col)].width = min(max(n + 2, 8), 40)

    # ---------------------------------------------------------------- values

    def yes_no(self, value: bool | None) -> str | None:
        if value is None:
            return None
        return _value("yes_no", "yes" if value else "no", self.lang)

    def off(self, code: str | None) -> str | None:
        if code == OFF:
            return _value("off", OFF, self.lang)
        return code


def _value(group: str, canonical: str, lang: Lang) -> str:
    return VALUE_ALIASES[group][canonical][0] if lang == "nl" else canonical


def _time(minute: int | None) -> str | None:
    if minute is None:
        return None
    return "24:00" if minute == 24 * 60 else format_minute_of_day(minute)


def _number(x: float | int | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else float(x)


def _join(items: Iterable[str] | None) -> str | None:
    if items is None:
        return None
    return ", ".join(items)


def _datetime(d: date, minute: int) -> datetime:
    return datetime.combine(d, datetime.min.time()) + timedelta(minutes=minute)


# --------------------------------------------------------------------------- sheets


def _instructions(w: _Writer, problem: Problem | None) -> None:
    ws = w.wb.create_sheet(INSTRUCTIONS_SHEET[w.lang])
    nl = w.lang == "nl"
    title, intro = _INTRO[w.lang]
    append(ws, [title])
    ws["A1"].font = Font(bold=True, size=14)
    append(ws, [intro])
    append(ws, [])
    sheets = [*INPUT_SHEETS, "Holidays"]
    for sheet in sheets:
        append(ws, [w.name(sheet), SHEET_HELP[sheet][nl]])
        ws.cell(row=ws.max_row, column=1).font = _HEADER_FONT
        for canonical in COLUMNS[sheet]:
            text = COLUMN_HELP[sheet][canonical][nl]
            append(ws, ["", header(sheet, canonical, w.lang), text])
        append(ws, [])
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 100


def _settings_key(key: str, lang: Lang) -> str:
    if lang == "nl" and key in SETTINGS_KEYS:
        return SETTINGS_KEYS[key][0]
    return key


def _settings(w: _Writer, problem: Problem | None, today: date | None) -> None:
    ws = w.table("Settings")
    lang = w.lang

    def put(key: str, value: Any, comment: bool = False) -> None:
        name = _settings_key(key, lang)
        r = w.row(ws, {"key": f"# {name}" if comment else name, "value": value})
        if comment:
            for c in (1, 2):
                ws.cell(row=r, column=c).font = _COMMENT_FONT

    if problem is None:
        put("start_date", next_monday(today))
        put("weeks", 4)
        put("timezone", "Europe/Amsterdam")
        put("rule_profile", "atw")
        put("shortage", _value("shortage", "report", lang))
        put("language", lang)
        for key, default in _COMMENTED_SETTINGS:
            if key in VALUE_ALIASES and isinstance(default, str):
                default = _value(key, default, lang)
            put(key, default, comment=True)
        w.finish(ws)
        return
    s: Settings = problem.settings
    put("start_date", s.start_date)
    put("weeks", s.weeks)
    put("timezone", s.timezone)
    put("rule_profile", s.rule_profile)
    put("shortage", _value("shortage", s.shortage, lang))
    put("language", s.language)
    put("objective", _value("objective", s.objective, lang))
    put("time_limit_seconds", _number(s.time_limit_seconds))
    put("seed", s.seed)
    for key in ("slot_minutes", "workers", "period_anchor"):
        value = getattr(s, key)
        if value is not None:
            put(key, value)
    for key, weight in s.weights.items():
        put(key if key.startswith("weight.") else f"weight.{key}", weight)
    w.finish(ws)


def _areas(w: _Writer, problem: Problem | None) -> None:
    ws = w.table("Areas")
    for a in problem.areas if problem else ():
        w.row(ws, {"code": a.code, "name": a.name, "color": a.color})
    w.finish(ws)


def _shifts(w: _Writer, problem: Problem | None) -> None:
    ws = w.table("Shifts")
    for s in problem.shifts if problem else ():
        w.row(ws, {
            "code": s.code, "name": s.name, "start": _time(s.start), "end": _time(s.end),
            "break_minutes": s.break_minutes, "days": s.days.text,
            "not_followed_by": _join(s.not_followed_by) if s.not_followed_by else None,
            "color": s.color,
        })
    w.finish(ws)


def _staff(w: _Writer, problem: Problem | None) -> None:
    ws = w.table("Staff")
    for p in problem.staff if problem else ():
        areas = "*" if p.all_areas else _join(p.areas) if p.areas else None
        w.row(ws, {
            "id": p.id, "name": p.name, "home_area": p.home_area,
            "hours_per_week": _number(p.hours_per_week),
            "skills": _join(sorted(p.skills)) if p.skills else None,
            "areas": areas,
            "shifts": _join(p.shifts),
            "no_nights": w.yes_no(True) if p.no_nights else None,
            "min_hours": _number(p.min_hours), "max_hours": _number(p.max_hours),
            "max_consecutive_days": p.max_consecutive_days,
            "min_consecutive_days": p.min_consecutive_days,
            "min_consecutive_days_off": p.min_consecutive_days_off,
            "max_weekends": p.max_weekends,
            "birth_date": p.birth_date, "start_date": p.start_date, "end_date": p.end_date,
            "hours_balance": _number(p.hours_balance) if p.hours_balance else None,
        })
    w.finish(ws)


def _limits(w: _Writer, problem: Problem | None) -> None:
    ws = w.table("Limits")
    for lim in problem.limits if problem else ():
        w.row(ws, {"staff": lim.staff, "shift": lim.shift, "max": lim.max, "min": lim.min})
    w.finish(ws)


def _demand(w: _Writer, problem: Problem | None) -> None:
    ws = w.table("Demand")
    for d in problem.demand if problem else ():
        w.row(ws, {
            "area": d.area, "days": d.days.text, "from": _time(d.start), "to": _time(d.end),
            "min": d.min, "target": d.target, "max": d.max, "skill": d.skill, "shift": d.shift,
            "weight_under": d.weight_under, "weight_over": d.weight_over, "note": d.note,
            "replace": w.yes_no(True) if d.replace else None,
        })
    w.finish(ws)


def _absence(w: _Writer, problem: Problem | None) -> None:
    ws = w.table("Absence")
    for a in problem.absences if problem else ():
        w.row(ws, {"staff": a.staff, "from": _moment(a.start_date, a.start_minute),
                   "to": _moment(a.end_date, a.end_minute),
                   "type": _value("absence_type", a.type, w.lang), "hours": _number(a.hours)})
    w.finish(ws)


def _moment(d: date, minute: int | None) -> date | str:
    """An Absence bound: a date, a date-time, or text where a date-time cell would be misread.

    The reader takes a date-time cell at midnight for a whole date, so 00:00 and 24:00 are
    written as text with an explicit time.
    """
    if minute is None:
        return d
    if 0 < minute < 24 * 60:
        return _datetime(d, minute)
    return f"{d.isoformat()} {_time(minute)}"


def _wishes(w: _Writer, problem: Problem | None) -> None:
    ws = w.table("Wishes")
    for x in problem.wishes if problem else ():
        w.row(ws, {"staff": x.staff, "days": x.days.text, "kind": _value("kind", x.kind, w.lang),
                   "shift": w.off(x.shift), "from": _time(x.start), "to": _time(x.end),
                   "weight": x.weight})
    w.finish(ws)


def _fixed(w: _Writer, problem: Problem | None) -> None:
    ws = w.table("Fixed")
    for f in problem.fixed if problem else ():
        w.row(ws, {"staff": f.staff, "date": f.date, "shift": w.off(f.shift), "area": f.area})
    w.finish(ws)


def _history(w: _Writer, problem: Problem | None) -> None:
    ws = w.table("History")
    for h in problem.history if problem else ():
        w.row(ws, {"staff": h.staff, "date": h.date, "shift": w.off(h.shift), "area": h.area})
    w.finish(ws)


def _rule_value(value: Any) -> Any:
    if isinstance(value, list):  # min_break_minutes as [[above, break], ...]
        return ", ".join(f"{int(brk)} above {int(limit) / 60:g} h" for limit, brk in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _rules(w: _Writer, problem: Problem | None) -> None:
    ws = w.table("Rules")
    for r in problem.rules if problem else ():
        w.row(ws, {"rule": r.rule, "value": _rule_value(r.value), "hard": w.yes_no(r.hard),
                   "weight": r.weight})
    w.finish(ws)


# --------------------------------------------------------------------------- drop-down lists


def quote_sheetname(name: str) -> str:
    """A sheet name as a formula reference: quoted only when it needs to be."""
    if name.replace("_", "").isalnum() and not name[0].isdigit():
        return name
    return "'" + name.replace("'", "''") + "'"


def _code_range(w: _Writer, sheet: str, column: str, rows: int = CODE_ROWS) -> str:
    letter = w.letter(sheet, column)
    return f"{quote_sheetname(w.name(sheet))}!${letter}$2:${letter}${rows + 1}"


# The hidden Lists sheet: column -> (header, first literal value, mirrored sheet, column).
_LIST_COLUMNS = (
    ("area_or_all", "*", "Areas", "code"),
    ("shift_or_off", OFF, "Shifts", "code"),
)
_LIST_TITLES_NL = {"area_or_all": "wijk_of_alle", "shift_or_off": "dienst_of_vrij"}


def _lists_sheet(w: _Writer) -> None:
    ws = w.wb.create_sheet(LISTS_SHEET[w.lang])
    ws.sheet_state = "hidden"
    for col, (title, literal, sheet, column) in enumerate(_LIST_COLUMNS, start=1):
        put(ws, 1, col, _LIST_TITLES_NL[title] if w.lang == "nl" else title).font = _HEADER_FONT
        first = w.off(literal) if literal == OFF else literal
        put(ws, 2, col, first)
        src = quote_sheetname(w.name(sheet))
        letter = w.letter(sheet, column)
        for k in range(CODE_ROWS):
            ref = f"{src}!{letter}{k + 2}"
            ws.cell(row=k + 3, column=col, value=f'=IF({ref}="","",{ref})')  # a formula, on purpose


def _list_range(w: _Writer, index: int) -> str:
    letter = get_column_letter(index + 1)
    return f"{quote_sheetname(LISTS_SHEET[w.lang])}!${letter}$2:${letter}${CODE_ROWS + 2}"


def _literal(items: Iterable[str]) -> str:
    return '"' + ",".join(items) + '"'


def _validations(w: _Writer, problem: Problem | None) -> None:
    lang = w.lang
    areas = _code_range(w, "Areas", "code")
    shifts = _code_range(w, "Shifts", "code")
    staff = _code_range(w, "Staff", "id")
    area_or_all = _list_range(w, 0)
    shift_or_off = _list_range(w, 1)
    yes_no = _literal(_value("yes_no", v, lang) for v in ("yes", "no"))
    kinds = _literal(_value("kind", k, lang) for k in ("never", "only", "must", "prefer", "avoid"))
    types = _literal(_value("absence_type", t, lang)
                     for t in ("leave", "training", "sick", "other"))
    plan: list[tuple[str, str, str, str]] = [
        ("Staff", "home_area", areas, "area"),
        ("Staff", "no_nights", yes_no, "yes_no"),
        ("Limits", "staff", staff, "staff"),
        ("Limits", "shift", shifts, "shift"),
        ("Demand", "area", area_or_all, "area"),
        ("Demand", "shift", shifts, "shift"),
        ("Demand", "replace", yes_no, "yes_no"),
        ("Absence", "staff", staff, "staff"),
        ("Absence", "type", types, "type"),
        ("Wishes", "staff", staff, "staff"),
        ("Wishes", "kind", kinds, "kind"),
        ("Wishes", "shift", shift_or_off, "shift"),
        ("Fixed", "staff", staff, "staff"),
        ("Fixed", "shift", shift_or_off, "shift"),
        ("Fixed", "area", areas, "area"),
        ("History", "staff", staff, "staff"),
        ("History", "shift", shift_or_off, "shift"),
        ("History", "area", areas, "area"),
        ("Rules", "hard", yes_no, "yes_no"),
    ]
    messages = _MESSAGES[lang]
    for sheet, column, formula, what in plan:
        ws = w.sheets[sheet]
        letter = w.letter(sheet, column)
        _add_list(ws, formula, f"{letter}2:{letter}{VALIDATED_ROWS + 1}", messages[what])
    # Settings: the drop-downs sit on the value cells of their keys.
    ws = w.sheets["Settings"]
    choices: dict[str, tuple[str, str]] = {
        _settings_key("shortage", lang): (
            _literal(_value("shortage", v, lang) for v in ("report", "forbid")), "shortage"),
        _settings_key("language", lang): (_literal(("en", "nl")), "language"),
        _settings_key("objective", lang): (
            _literal(_value("objective", v, lang) for v in ("weighted", "lexicographic")),
            "objective"),
    }
    for r in range(2, ws.max_row + 1):
        key = str(ws.cell(row=r, column=1).value or "").lstrip("# ").strip()
        if key in choices:
            formula, what = choices[key]
            _add_list(ws, formula, f"B{r}", messages[what])


def _add_list(ws: Worksheet, formula: str, sqref: str, message: str) -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False,
                        showErrorMessage=True, errorStyle="stop", error=message,
                        errorTitle="roster")
    dv.add(sqref)
    ws.add_data_validation(dv)


_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "area": "Choose an area code from the Areas sheet.",
        "shift": "Choose a shift code from the Shifts sheet.",
        "staff": "Choose a staff id from the Staff sheet.",
        "yes_no": "Choose yes or no.",
        "kind": "Choose never, only, must, prefer or avoid.",
        "type": "Choose leave, training, sick or other.",
        "shortage": "Choose report or forbid.",
        "language": "Choose en or nl.",
        "objective": "Choose weighted or lexicographic.",
    },
    "nl": {
        "area": "Kies een wijkcode uit het blad Wijken.",
        "shift": "Kies een dienstcode uit het blad Diensten.",
        "staff": "Kies een personeelsnummer uit het blad Medewerkers.",
        "yes_no": "Kies ja of nee.",
        "kind": "Kies nooit, alleen, moet, voorkeur of liever_niet.",
        "type": "Kies verlof, opleiding, ziek of anders.",
        "shortage": "Kies melden of verbieden.",
        "language": "Kies en of nl.",
        "objective": "Kies gewogen of lexicografisch.",
    },
}


# --------------------------------------------------------------------------- saving


_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _save_atomically(wb: Workbook, target: Path, stamp: datetime) -> None:
    """Save via a temporary file in the target folder, renamed only when complete."""
    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()  # save_workbook() would stamp "modified" with the clock
    outputs.write_bytes(target, _restamp(raw.getvalue(), stamp))


def _restamp(data: bytes, stamp: datetime) -> bytes:
    """Rewrite the zip with every entry dated ``stamp`` so equal content gives equal bytes."""
    when = max(_ZIP_EPOCH, (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute,
                            stamp.second - stamp.second % 2))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def canonical_headers(sheet: str, lang: Lang = "en") -> list[str]:
    """The header row that :func:`write_input_workbook` writes for ``sheet``."""
    return [header(sheet, c, lang) for c in COLUMNS[sheet]]


def write_scenarios_template(path: str | os.PathLike[str], *, lang: Lang = "en") -> None:
    """The scenarios workbook of ``roster init --scenarios`` (sheets Scenarios, Scenario demand,
    Scenario shifts, with help comments and example rows); the columns live with their reader
    in :mod:`roster_solver.scenarios.sheet`."""
    from ..scenarios.sheet import write_scenarios_template as write

    write(Path(path), lang="nl" if lang == "nl" else "en")
