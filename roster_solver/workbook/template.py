"""The input workbook as a planner sees it: ``roster init`` (empty) or a Problem written out.

:func:`write_input_workbook` writes every input sheet of docs/workbook-contract.md in its canonical order,
with the columns, headers and help texts of :mod:`~roster_solver.workbook.schema` (Dutch with
``lang="nl"``), preceded by an ``Instructions`` [``Uitleg``] sheet that the reader ignores.
Values are written the way a planner would type them, by each column's kind, so the file reads
back into an equivalent Problem:

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
from collections.abc import Callable, Iterable
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
from ..domain import OFF, Problem, Settings, StaffMember
from . import schema
from .aliases import SETTINGS_KEYS, VALUE_ALIASES, header, sheet_name
from .safecells import append, neutralise, put

# The sheets roster init always writes (Holidays only when the problem has extra holidays).
INPUT_SHEETS = tuple(s.name for s in schema.SHEETS if s.template)
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


_INTRO = {
    "en": (
        "Roster input workbook",
        "Fill in the sheets below and run `roster validate` on this file; it lists every "
        "problem with its cell. This sheet is ignored when the file is read. Dates as "
        "2027-02-01 (or Excel dates), times as HH:MM. Drop-down lists come from the Areas, "
        "Shifts and Staff sheets.",
    ),
    "nl": (
        "Invoerwerkboek voor het rooster",
        "Vul de bladen hieronder in en draai `roster validate` op dit bestand; dat noemt elk "
        "probleem met de cel. Dit blad wordt bij het inlezen genegeerd. Datums als 2027-02-01 "
        "(of Excel-datums), tijden als UU:MM. Keuzelijsten komen uit de bladen Wijken, "
        "Diensten en Medewerkers.",
    ),
}

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
        raise FileExistsError(f"{target} already exists; choose another file name or allow overwriting it")
    wb = build_input_workbook(problem, lang=lang, today=today)
    stamp = (timestamp or datetime.now()).replace(microsecond=0, tzinfo=None)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "roster"
    wb.properties.lastModifiedBy = "roster"
    neutralise(wb, formula_sheets=set(LISTS_SHEET.values()))
    _save_atomically(wb, target, stamp)


def build_input_workbook(
    problem: Problem | None = None, *, lang: Lang = "en", today: date | None = None
) -> Workbook:
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
        _records(w, "Holidays", problem.holidays_extra)
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
        self.wb.remove(self.wb.active)
        self.sheets: dict[str, Worksheet] = {}

    def name(self, sheet: str) -> str:
        return sheet_name(sheet, self.lang)

    def table(self, sheet: str) -> Worksheet:
        ws = self.wb.create_sheet(self.name(sheet))
        self.sheets[sheet] = ws
        for col, column in enumerate(schema.sheet(sheet).columns, start=1):
            cell = put(ws, 1, col, header(sheet, column.name, self.lang))
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            # A tooltip on the header cell: the reader ignores comments.
            cell.comment = Comment(column.help[self.lang == "nl"], "roster")
        ws.freeze_panes = "A2"
        return ws

    def col(self, sheet: str, canonical: str) -> int:
        return schema.sheet(sheet).names.index(canonical) + 1

    def letter(self, sheet: str, canonical: str) -> str:
        return str(get_column_letter(self.col(sheet, canonical)))

    def row(self, ws: Worksheet, values: dict[str, Any], sheet: str | None = None) -> int:
        sheet = sheet or next(k for k, v in self.sheets.items() if v is ws)
        r: int = ws.max_row + 1
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

    def cell(self, column: schema.Column, value: Any) -> Any:
        """A record's value as a planner types it in ``column`` (None: the cell stays empty)."""
        if value is None:
            return None
        kind = column.kind
        if kind in ("time", "end_time"):
            return _time(value)
        if kind == "number":
            return _number(value)
        if kind == "days":
            return value.text
        if kind == "codes":
            return _join(sorted(value) if isinstance(value, frozenset) else value)
        if kind == "yes_no":
            return self.yes_no(value)
        if kind == "choice" and column.choices is not None:
            return _value(column.choices, value, self.lang)
        if kind == "shift_or_off":
            return self.off(value)
        return value

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
    for sheet in schema.SHEETS:
        append(ws, [w.name(sheet.name), sheet.help[nl]])
        ws.cell(row=ws.max_row, column=1).font = _HEADER_FONT
        for column in sheet.columns:
            append(ws, ["", header(sheet.name, column.name, w.lang), column.help[nl]])
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
        filled_in: dict[str, Any] = {"start_date": next_monday(today), "language": lang}
        for shown in ("row", "comment"):  # the rows, then the optional keys as comments
            for setting in schema.SETTINGS:
                if setting.template == shown:
                    value = filled_in.get(setting.name, setting.example)
                    if setting.kind == "choice" and setting.choices is not None:
                        value = _value(setting.choices, value, lang)
                    put(setting.name, value, comment=shown == "comment")
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


def _records(
    w: _Writer, sheet: str, records: Iterable[Any], special: Callable[[Any], dict[str, Any]] | None = None
) -> None:
    """Write ``sheet`` with one row per record: each column holds the record's attribute
    written as its kind is typed (:meth:`_Writer.cell`); ``special`` gives the cells that a
    record holds otherwise."""
    ws = w.table(sheet)
    columns = schema.sheet(sheet).columns
    for rec in records:
        values = special(rec) if special is not None else {}
        for c in columns:
            if c.name not in values:
                values[c.name] = w.cell(c, getattr(rec, c.attr))
        w.row(ws, values, sheet)
    w.finish(ws)


def _areas(w: _Writer, problem: Problem | None) -> None:
    _records(w, "Areas", problem.areas if problem else ())


def _shifts(w: _Writer, problem: Problem | None) -> None:
    _records(w, "Shifts", problem.shifts if problem else ())


def _staff(w: _Writer, problem: Problem | None) -> None:
    def special(p: StaffMember) -> dict[str, Any]:
        return {
            "areas": "*" if p.all_areas else _join(p.areas) if p.areas else None,
            "no_nights": w.yes_no(True) if p.no_nights else None,
            "hours_balance": _number(p.hours_balance) if p.hours_balance else None,
        }

    _records(w, "Staff", problem.staff if problem else (), special)


def _limits(w: _Writer, problem: Problem | None) -> None:
    _records(w, "Limits", problem.limits if problem else ())


def _demand(w: _Writer, problem: Problem | None) -> None:
    _records(
        w,
        "Demand",
        problem.demand if problem else (),
        lambda d: {"replace": w.yes_no(True) if d.replace else None},
    )


def _absence(w: _Writer, problem: Problem | None) -> None:
    _records(
        w,
        "Absence",
        problem.absences if problem else (),
        lambda a: {"from": _moment(a.start_date, a.start_minute), "to": _moment(a.end_date, a.end_minute)},
    )


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
    _records(w, "Wishes", problem.wishes if problem else ())


def _fixed(w: _Writer, problem: Problem | None) -> None:
    _records(w, "Fixed", problem.fixed if problem else ())


def _history(w: _Writer, problem: Problem | None) -> None:
    _records(w, "History", problem.history if problem else ())


def _rule_value(value: Any) -> Any:
    if isinstance(value, list):  # min_break_minutes as [[above, break], ...]
        return ", ".join(f"{int(brk)} above {int(limit) / 60:g} h" for limit, brk in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _rules(w: _Writer, problem: Problem | None) -> None:
    _records(w, "Rules", problem.rules if problem else (), lambda r: {"value": _rule_value(r.value)})


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


def _choices(group: str, lang: Lang) -> str:
    """A value group's canonical values (in the sheet's language) as a literal list."""
    return _literal(_value(group, v, lang) for v in VALUE_ALIASES[group])


def _validations(w: _Writer, problem: Problem | None) -> None:
    """Drop-down lists on every column that takes codes, a yes/no or a choice of values, and on
    the Settings values that are a choice."""
    lang = w.lang
    codes = {
        "area": _code_range(w, "Areas", "code"),
        "shift": _code_range(w, "Shifts", "code"),
        "staff": _code_range(w, "Staff", "id"),
        "area_or_all": _list_range(w, 0),
    }
    messages = _MESSAGES[lang]
    for spec in schema.SHEETS:
        ws = w.sheets.get(spec.name)
        if ws is None:
            continue
        for column in spec.columns:
            if column.kind == "yes_no":
                formula, what = _choices("yes_no", lang), "yes_no"
            elif column.kind == "choice" and column.choices is not None:
                formula, what = _choices(column.choices, lang), column.choices
            elif column.kind == "shift_or_off":
                formula, what = _list_range(w, 1), "shift"
            elif column.refers is not None:
                formula, what = codes[column.refers], column.refers.removesuffix("_or_all")
            else:
                continue
            letter = w.letter(spec.name, column.name)
            _add_list(ws, formula, f"{letter}2:{letter}{VALIDATED_ROWS + 1}", messages[what])
    # Settings: the drop-downs sit on the value cells of their keys.
    ws = w.sheets["Settings"]
    choices: dict[str, tuple[str, str]] = {}
    for key in schema.SETTINGS:
        if key.kind == "choice" and key.choices is not None:
            choices[_settings_key(key.name, lang)] = (_choices(key.choices, lang), key.choices)
        elif key.kind == "language":
            choices[_settings_key(key.name, lang)] = (_literal(("en", "nl")), "language")
    for r in range(2, ws.max_row + 1):
        key_text = str(ws.cell(row=r, column=1).value or "").lstrip("# ").strip()
        if key_text in choices:
            formula, what = choices[key_text]
            _add_list(ws, formula, f"B{r}", messages[what])


def _add_list(ws: Worksheet, formula: str, sqref: str, message: str) -> None:
    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showDropDown=False,
        showErrorMessage=True,
        errorStyle="stop",
        error=message,
        errorTitle="roster",
    )
    dv.add(sqref)
    ws.add_data_validation(dv)


_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "area": "Choose an area code from the Areas sheet.",
        "shift": "Choose a shift code from the Shifts sheet.",
        "staff": "Choose a staff id from the Staff sheet.",
        "yes_no": "Choose yes or no.",
        "kind": "Choose never, only, must, prefer or avoid.",
        "absence_type": "Choose leave, training, sick or other.",
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
        "absence_type": "Kies verlof, opleiding, ziek of anders.",
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
    when = max(
        _ZIP_EPOCH,
        (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second - stamp.second % 2),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def canonical_headers(sheet: str, lang: Lang = "en") -> list[str]:
    """The header row that :func:`write_input_workbook` writes for ``sheet``."""
    return [header(sheet, c, lang) for c in schema.sheet(sheet).names]


def write_scenarios_template(path: str | os.PathLike[str], *, lang: Lang = "en") -> None:
    """The scenarios workbook of ``roster init --scenarios`` (sheets Scenarios, Scenario demand,
    Scenario shifts, with help comments and example rows); the columns live with their reader
    in :mod:`roster_solver.scenarios.sheet`."""
    from ..scenarios.sheet import write_scenarios_template as write

    write(Path(path), lang="nl" if lang == "nl" else "en")
