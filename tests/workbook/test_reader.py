"""The workbook reader: every kind of bad input is reported at its cell, all in one run."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from roster_solver.errors import InputError
from roster_solver.roster import Assignment
from roster_solver.workbook import cells
from roster_solver.workbook.aliases import SHEETS_NL, header
from roster_solver.workbook.reader import read_assignments, read_workbook
from tests.factories import INPUT_FIELDS

from .conftest import Sheets, base_sheets, put, write_book

Edit = Callable[[Sheets], None]


def edits(*changes: tuple[str, str, Any]) -> Edit:
    def apply(sheets: Sheets) -> None:
        for sheet, cell, value in changes:
            put(sheets, sheet, cell, value)

    return apply


def drop_sheet(name: str) -> Edit:
    return lambda sheets: sheets.pop(name) and None


def drop_column(sheet: str, index: int) -> Edit:
    def apply(sheets: Sheets) -> None:
        for line in sheets[sheet]:
            del line[index]

    return apply


def errors_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        read_workbook(path)
    return [str(i) for i in info.value.errors]


# --------------------------------------------------------------------------- the base workbook


def test_base_workbook_reads_without_issues(book: Callable[..., Path]) -> None:
    pb = read_workbook(book())
    assert pb.warnings == []
    assert (pb.start_date, pb.weeks, pb.source_name) == (date(2026, 1, 5), 2, "input.xlsx")
    assert [a.code for a in pb.areas] == ["CEN", "NRD"]
    assert [(s.code, s.start, s.end, s.break_minutes) for s in pb.shifts] == [
        ("E", 420, 900, 30),
        ("L", 900, 1380, 30),
        ("N", 1380, 420, 30),
    ]
    assert pb.shift_by_code["N"].not_followed_by == ("E",)
    s01, s03, s04, s05 = (pb.staff_by_id[k] for k in ("s01", "s03", "s04", "s05"))
    assert (s01.areas, s01.all_areas, s01.no_nights) == (("NRD",), False, False)
    assert s03.skills == frozenset({"dog", "driver"})
    assert (s04.areas, s04.all_areas) == ((), True)
    assert (s05.shifts, s05.no_nights) == (("E", "L"), True)
    assert [(d.area, d.start, d.end, d.shift, d.min, d.target, d.skill) for d in pb.demand] == [
        ("CEN", 480, 720, None, 1, 2, None),
        ("NRD", None, None, "N", 1, None, None),
        ("*", 420, 1380, None, 2, None, "driver"),
    ]
    part_day = pb.absences[1]
    assert (part_day.start_date, part_day.start_minute, part_day.end_minute, part_day.type) == (
        date(2026, 1, 9),
        480,
        720,
        "training",
    )
    assert pb.absences[0].part_day is False
    assert [(w.kind, w.shift, w.start, w.end, w.weight) for w in pb.wishes] == [
        ("only", None, 420, 900, None),
        ("avoid", "N", None, None, 5),
    ]
    assert [(f.staff, f.shift, f.area) for f in pb.fixed] == [("s01", "E", "NRD"), ("s06", "off", None)]
    assert [(h.staff, h.shift) for h in pb.history] == [("s01", "N")]  # the `off` row is dropped
    assert [(r.rule, r.value) for r in pb.rules] == [("max_consecutive_days", 5)]
    assert pb.holidays[date(2026, 1, 16)] == "City day"


def test_records_point_at_their_cells(book: Callable[..., Path]) -> None:
    pb = read_workbook(book())
    s05 = pb.staff_by_id["s05"]
    assert s05.src is not None
    assert str(s05.src.at("hours_per_week")) == "Staff!D6 (hours_per_week)"
    assert str(pb.settings.at("weeks")) == "Settings!B3 (value)"


# --------------------------------------------------------------------------- bad input, one per class

TAB = "\t"
BAD_INPUT: list[tuple[str, Edit, str]] = [
    ("bad number", edits(("Staff", "D7", "36,5u")), 'Staff!D7 (hours_per_week): "36,5u" — is not a number'),
    ("negative number", edits(("Staff", "D2", -1)), 'Staff!D2 (hours_per_week): "-1" — must be at least 0'),
    (
        "bad whole number",
        edits(("Shifts", "E3", "half")),
        'Shifts!E3 (break_minutes): "half" — is not a whole number',
    ),
    ("bad date", edits(("Fixed", "B2", "2026-13-01")), 'Fixed!B2 (date): "2026-13-01" — is not a valid date'),
    (
        "bad date text",
        edits(("Staff", "I1", "birth_date"), ("Staff", "I3", "next year")),
        'Staff!I3 (birth_date): "next year" — is not a date; expected YYYY-MM-DD (e.g. 2026-12-05) '
        "or D-M-YYYY",
    ),
    (
        "bad time",
        edits(("Shifts", "C2", "7:3o")),
        'Shifts!C2 (start): "7:3o" — is not a time; expected HH:MM, e.g. 07:30',
    ),
    (
        "time out of range",
        edits(("Demand", "D2", "25:00")),
        'Demand!D2 (to): "25:00" — is not a valid time of day; expected 00:00 to 24:00',
    ),
    (
        "bad part-day absence",
        edits(("Absence", "C3", "2026-01-09 8 uur")),
        'Absence!C3 (to): "2026-01-09 8 uur" — is not a date or date-time; expected YYYY-MM-DD or '
        "YYYY-MM-DD HH:MM",
    ),
    (
        "bad day selector",
        edits(("Demand", "B2", "mon-fry")),
        "Demand!B2 (days): \"mon-fry\" — has 'mon-fry', which is not a day; expected all, weekdays, "
        "weekend, holiday, a day name (mon…sun / ma…zo), a range (mon-fri), a date (2026-12-05) or a "
        "date range (2026-12-01..2026-12-07)",
    ),
    (
        "bad yes/no",
        edits(("Staff", "H4", "misschien")),
        'Staff!H4 (no_nights): "misschien" — is not yes or no (ja/nee)',
    ),
    (
        "bad wish kind",
        edits(("Wishes", "C3", "maybe")),
        'Wishes!C3 (kind): "maybe" — is not one of the accepted values; expected never, only, must, '
        "prefer or avoid",
    ),
    (
        "bad absence type",
        edits(("Absence", "D2", "holiday")),
        'Absence!D2 (type): "holiday" — is not one of the accepted values; expected leave, training, '
        "sick or other",
    ),
    (
        "empty required cell",
        edits(("Staff", "C5", None)),
        "Staff!C5 (home_area): is empty; a value is required",
    ),
    (
        "unknown area code in Staff",
        edits(("Staff", "C3", "ZUI")),
        'Staff!C3 (home_area): "ZUI" — is not an area code from the Areas sheet',
    ),
    (
        "unknown shift in Demand",
        edits(("Demand", "H3", "X")),
        'Demand!H3 (shift): "X" — is not a shift code from the Shifts sheet',
    ),
    (
        "duplicate staff id",
        edits(("Staff", "A8", "s01"), ("Staff", "C8", "CEN"), ("Staff", "D8", 30)),
        'Staff!A8 (id): "s01" — is a duplicate id (first on row 2)',
    ),
    ("min > max in Limits", edits(("Limits", "D2", 5)), 'Limits!D2 (min): "5" — is more than max (4)'),
    ("Demand target < min", edits(("Demand", "F2", 0)), 'Demand!F2 (target): "0" — is below min (1)'),
    (
        "reserved code off as a shift code",
        edits(("Shifts", "A5", "off"), ("Shifts", "C5", "08:00"), ("Shifts", "D5", "12:00")),
        'Shifts!A5 (code): "off" — is a reserved word; codes may not be *, absent, off or contain @',
    ),
    (
        "start_date not a Monday",
        edits(("Settings", "B2", date(2026, 1, 6))),
        'Settings!B2 (value): "2026-01-06" — is a Tuesday; start_date must be a Monday',
    ),
    (
        "start_date missing",
        lambda s: s["Settings"].pop(1) and None,
        "Settings (start_date): is required; add a row start_date with the first day of the horizon "
        "(a Monday)",
    ),
    (
        "unknown Settings key",
        edits(("Settings", "A4", "colour"), ("Settings", "B4", "red")),
        'Settings!A4 (key): "colour" — is not a Settings key; expected one of start_date, weeks, '
        "end_date, timezone, slot_minutes, rule_profile, shortage, time_limit_seconds, workers, seed, "
        "language, objective, period_anchor or weight.<name>",
    ),
    (
        "bad Settings value",
        edits(("Settings", "A4", "seed"), ("Settings", "B4", "random")),
        'Settings!B4 (seed): "random" — is not a whole number',
    ),
    ("weeks out of range", edits(("Settings", "B3", 30)), 'Settings!B3 (weeks): "30" — must be at most 26'),
    (
        "end_date not whole weeks",
        lambda s: s["Settings"].__setitem__(2, ["end_date", "2026-01-20"]),
        'Settings!B3 (end_date): "2026-01-20" — does not end a whole number of weeks after start_date '
        "2026-01-05; the horizon is whole weeks",
    ),
    (
        "unknown weight",
        edits(("Settings", "A4", "weight.nonsense"), ("Settings", "B4", 3)),
        'Settings!B4 (value): "3" — sets weight.nonsense, which is not a weight of rule profile atw',
    ),
    (
        "unknown rule key",
        edits(("Rules", "A3", "max_coffee"), ("Rules", "B3", 2)),
        'Rules!A3 (rule): "max_coffee" — is not a rule key of rule profile atw; see docs/rules.md',
    ),
    (
        "missing required sheet",
        drop_sheet("Areas"),
        "Areas: sheet is missing (Dutch: Wijken); the workbook needs the sheets Settings, Areas, "
        "Shifts, Staff",
    ),
    (
        "missing required column",
        drop_column("Staff", 3),
        "Staff row 1 (hours_per_week): is a required column of the Staff sheet and is missing from "
        "the header row",
    ),
    (
        "missing required column of an optional sheet",
        drop_column("Fixed", 1),
        "Fixed row 1 (date): is a required column of the Fixed sheet and is missing from the header row",
    ),
    (
        "duplicate header",
        edits(("Staff", "I1", "Naam")),
        'Staff!I1 (name): "Naam" — repeats column name (also in B1); keep one',
    ),
    (
        "time off the default 15-minute grid",
        edits(("Shifts", "C2", "07:10")),
        'Shifts!C2 (start): "07:10" — is not on a 15-minute grid: the default slot (the gcd of all shift '
        "and demand times) would be 10 minutes, less than 15; round the time or set slot_minutes "
        "in Settings",
    ),
    (
        "time off the slot_minutes grid",
        edits(("Settings", "A4", "slot_minutes"), ("Settings", "B4", 60), ("Demand", "C2", "08:30")),
        'Demand!C2 (from): "08:30" — is not a multiple of slot_minutes (60 minutes)',
    ),
]


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_reported_at_its_cell(book: Callable[..., Path], edit: Edit, expected: str) -> None:
    assert errors_of(book(edit)) == [expected]


WARNINGS: list[tuple[str, Edit, str]] = [
    (
        "absence outside the horizon",
        edits(("Absence", "A4", "s04"), ("Absence", "B4", "2026-03-02"), ("Absence", "C4", "2026-03-03")),
        'Absence!B4 (from): "2026-03-02" — lies outside the horizon 2026-01-05 – 2026-01-18; the row has '
        "no effect",
    ),
    (
        "demand skill nobody has",
        edits(("Demand", "G2", "horse")),
        'Demand!G2 (skill): "horse" — is a skill nobody in the Staff sheet has; this demand cannot be met',
    ),
    (
        "extra column",
        edits(("Staff", "I1", "Opmerking"), ("Staff", "I2", "likes nights")),
        'Staff!I1: "Opmerking" — is not a column of the Staff sheet; it is ignored',
    ),
]


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in WARNINGS], ids=[c[0] for c in WARNINGS])
def test_questionable_input_is_a_warning(book: Callable[..., Path], edit: Edit, expected: str) -> None:
    pb = read_workbook(book(edit))
    assert [str(w) for w in pb.warnings] == [expected]


# --------------------------------------------------------------------------- files that are no workbook


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_workbook(tmp_path / "nope.xlsx")
    assert str(info.value) == f"{tmp_path / 'nope.xlsx'}: file not found"


FILES: list[tuple[str, bytes, str]] = [
    (
        "csv renamed",
        b"id;name;home_area\ns01;Person one;CEN\n",
        "input.xlsx: is not an Excel workbook (.xlsx); save it as .xlsx",
    ),
    ("text file", b"just some notes\n", "input.xlsx: is not an Excel workbook (.xlsx); save it as .xlsx"),
    (
        "password protected",
        bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504),
        "input.xlsx: is password protected; save it without a password",
    ),
    (
        "old xls",
        bytes.fromhex("D0CF11E0A1B11AE1") + bytes(100) + "Workbook".encode("utf-16-le") + bytes(100),
        "input.xlsx: is an old Excel 97-2003 (.xls) file; save it as .xlsx",
    ),
    ("empty file", b"", "input.xlsx: is not an Excel workbook (.xlsx); save it as .xlsx"),
]


@pytest.mark.parametrize(("content", "expected"), [c[1:] for c in FILES], ids=[c[0] for c in FILES])
def test_file_that_is_not_a_workbook(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "input.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_workbook(path)
    assert [str(i) for i in info.value.errors] == [expected]


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "input.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    with pytest.raises(InputError) as info:
        read_workbook(path)
    message = str(info.value)
    assert message.startswith("input.xlsx: cannot be opened as an .xlsx workbook (")
    assert "\n" not in message


# --------------------------------------------------------------------------- all at once, read-only


def test_every_problem_is_reported_in_one_run(book: Callable[..., Path]) -> None:
    path = book(edits(("Staff", "D7", "36,5u"), ("Demand", "H3", "X"), ("Limits", "D2", 5)))
    assert errors_of(path) == [
        'Staff!D7 (hours_per_week): "36,5u" — is not a number',
        'Limits!D2 (min): "5" — is more than max (4)',
        'Demand!H3 (shift): "X" — is not a shift code from the Shifts sheet',
    ]


def test_a_skipped_row_does_not_cascade(book: Callable[..., Path]) -> None:
    # s06's row is unreadable; the Fixed pin and Wish naming s06 must not add "unknown staff id".
    # Shift E is unreadable; Fixed, not_followed_by and Limits naming E stay quiet too.
    path = book(edits(("Staff", "D7", "many"), ("Shifts", "D2", "3 pm")))
    assert errors_of(path) == [
        'Shifts!D2 (end): "3 pm" — is not a time; expected HH:MM, e.g. 07:30',
        'Staff!D7 (hours_per_week): "many" — is not a number',
    ]


def test_structural_and_cell_problems_together(book: Callable[..., Path]) -> None:
    def edit(sheets: Sheets) -> None:
        sheets.pop("Shifts")
        put(sheets, "Staff", "D7", "36,5u")

    assert errors_of(book(edit)) == [
        "Shifts: sheet is missing (Dutch: Diensten); the workbook needs the sheets Settings, Areas, "
        "Shifts, Staff",
        'Staff!D7 (hours_per_week): "36,5u" — is not a number',
    ]


def test_input_file_is_not_changed(book: Callable[..., Path]) -> None:
    path = book(edits(("Staff", "D7", "36,5u")))
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    with pytest.raises(InputError):
        read_workbook(path)
    good = book(name="good.xlsx")
    good_before = hashlib.sha256(good.read_bytes()).hexdigest()
    read_workbook(good)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    assert hashlib.sha256(good.read_bytes()).hexdigest() == good_before


# --------------------------------------------------------------------------- accepted spellings


def dutch(sheets: Sheets) -> Sheets:
    out: Sheets = {"Uitleg": sheets["Instructions"]}
    for sheet, rows in sheets.items():
        if sheet == "Instructions":
            continue
        head = [header(sheet, col, "nl").upper() for col in rows[0]]
        out[SHEETS_NL[sheet]] = [head] + [list(r) for r in rows[1:]]
    settings = out["Instellingen"]
    settings[1][0], settings[2][0] = "Start datum", "weken"
    out["Medewerkers"][1][7] = "nee"
    out["Medewerkers"][5][7] = "ja"
    out["Afwezigheid"][1][3] = "verlof"
    out["Afwezigheid"][2][3] = "opleiding"
    out["Wensen"][1][2], out["Wensen"][2][2] = "alleen", "liever niet"
    out["Vast"][2][2] = "vrij"
    out["Historie"][2][2] = "Vrij"
    return out


def test_dutch_sheets_headers_and_values(tmp_path: Path) -> None:
    english = read_workbook(write_book(tmp_path / "en.xlsx", base_sheets()))
    nl = read_workbook(write_book(tmp_path / "nl.xlsx", dutch(base_sheets())))
    fields = set(INPUT_FIELDS)
    assert nl.model_dump(include=fields) == english.model_dump(include=fields)
    assert nl.warnings == []


def test_dutch_sheet_name_in_messages(tmp_path: Path) -> None:
    sheets = dutch(base_sheets())
    put(sheets, "Medewerkers", "D7", "36,5u")
    assert errors_of(write_book(tmp_path / "nl.xlsx", sheets)) == [
        'Medewerkers!D7 (hours_per_week): "36,5u" — is not a number'
    ]


def test_comment_and_empty_rows_are_skipped(book: Callable[..., Path]) -> None:
    def edit(sheets: Sheets) -> None:
        staff = sheets["Staff"]
        staff.insert(2, ["# s99 leaves in March", "not a person", "nowhere", "many"])
        staff.insert(4, [None, "  ", None])
        sheets["Settings"].insert(1, ["# the horizon"])

    pb = read_workbook(book(edit))
    assert [p.id for p in pb.staff] == ["s01", "s02", "s03", "s04", "s05", "s06"]
    assert pb.staff_by_id["s03"].src is not None
    assert pb.staff_by_id["s03"].src.row == 6
    assert pb.start_date == date(2026, 1, 5)


def test_excel_serial_dates_and_time_cells(tmp_path: Path) -> None:
    sheets = base_sheets()
    put(sheets, "Settings", "B2", 46027)  # 2026-01-05 as an Excel serial
    put(sheets, "Fixed", "B2", 46028)  # 2026-01-06
    put(sheets, "Absence", "B2", datetime(2026, 1, 7))
    put(sheets, "Absence", "B3", datetime(2026, 1, 9, 8, 0))
    put(sheets, "Shifts", "C2", time(7, 0))
    put(sheets, "Shifts", "D2", 0.625)  # 15:00 as a fraction of a day
    put(sheets, "Demand", "C2", 8)  # a whole number of hours
    put(sheets, "Demand", "B3", datetime(2026, 1, 10))  # a days cell Excel turned into a date
    path = write_book(tmp_path / "input.xlsx", sheets)
    wb = openpyxl.load_workbook(path)
    wb["Shifts"]["C2"].number_format = "hh:mm"
    wb.save(path)

    pb = read_workbook(path)
    assert pb.start_date == date(2026, 1, 5)
    assert pb.fixed[0].date == date(2026, 1, 6)
    assert (pb.absences[0].start_date, pb.absences[0].start_minute) == (date(2026, 1, 7), None)
    assert (pb.absences[1].start_date, pb.absences[1].start_minute) == (date(2026, 1, 9), 480)
    assert (pb.shifts[0].start, pb.shifts[0].end) == (420, 900)
    assert pb.demand[0].start == 480
    assert pb.demand[1].days.explicit_dates() == [date(2026, 1, 10)]


def test_decimal_comma_and_point(book: Callable[..., Path]) -> None:
    pb = read_workbook(book(edits(("Staff", "D2", "36,5"), ("Staff", "D3", " 32.25 "))))
    assert (pb.staff_by_id["s01"].hours_per_week, pb.staff_by_id["s02"].hours_per_week) == (36.5, 32.25)


def test_codes_are_text(book: Callable[..., Path]) -> None:
    pb = read_workbook(
        book(
            edits(
                ("Staff", "A2", 101),
                ("Limits", "A2", "101"),
                ("Fixed", "A2", " 101 "),
                ("History", "A2", 101.0),
            )
        )
    )
    assert "101" in pb.staff_by_id
    assert (pb.limits[0].staff, pb.fixed[0].staff, pb.history[0].staff) == ("101", "101", "101")


def test_end_date_weights_and_settings_aliases(book: Callable[..., Path]) -> None:
    def edit(sheets: Sheets) -> None:
        sheets["Settings"][2:] = [
            ["einddatum", "18-1-2026"],
            ["weight.wish", 7],
            ["tekort", "verbieden"],
            ["taal", "NL"],
            ["time limit seconds", "2,5"],
        ]

    pb = read_workbook(book(edit))
    s = pb.settings
    assert (s.weeks, s.weights, s.shortage, s.language, s.time_limit_seconds) == (
        2,
        {"wish": 7},
        "forbid",
        "nl",
        2.5,
    )
    assert pb.ruleset.weight("wish") == 7
    assert str(s.at("weight.wish")) == "Settings!B4 (value)"


def test_empty_template_reads(tmp_path: Path) -> None:
    sheets = {name: [rows[0]] for name, rows in base_sheets().items()}
    sheets["Settings"] = base_sheets()["Settings"]
    pb = read_workbook(write_book(tmp_path / "template.xlsx", sheets))
    assert (pb.staff, pb.shifts, pb.demand, pb.weeks) == ((), (), (), 2)


def test_optional_sheets_may_be_absent_or_blank(book: Callable[..., Path]) -> None:
    def edit(sheets: Sheets) -> None:
        for name in ("Limits", "Demand", "Absence", "Wishes", "Fixed", "History", "Rules"):
            sheets.pop(name)
        sheets["Holidays"] = []

    pb = read_workbook(book(edit))
    assert (len(pb.staff), pb.demand, pb.holidays_extra) == (6, (), ())


# --------------------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("07:30", 450),
        ("7.30", 450),
        ("07:30:00", 450),
        ("24:00", 1440),
        (time(23, 15), 1395),
        (0.3125, 450),
        (7, 420),
        (datetime(1899, 12, 31, 0, 0), 1440),
    ],
)
def test_time_cells(value: Any, expected: int) -> None:
    assert cells.time_value(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-05", (date(2026, 12, 5), None)),
        ("5-12-2026", (date(2026, 12, 5), None)),
        ("2026-12-05 08:00", (date(2026, 12, 5), 480)),
        (datetime(2026, 12, 5, 13, 30), (date(2026, 12, 5), 810)),
        (datetime(2026, 12, 5), (date(2026, 12, 5), None)),
        (46361.5, (date(2026, 12, 5), 720)),
    ],
)
def test_date_time_cells(value: Any, expected: tuple[date, int | None]) -> None:
    assert cells.date_time(value) == expected


@pytest.mark.parametrize("value", ["36,5u", "1.234,5", "", True, "3 6"])
def test_not_a_number(value: Any) -> None:
    with pytest.raises(ValueError) as info:
        cells.number(value)
    assert str(info.value) == "is not a number"


# --------------------------------------------------------------------------- read_assignments


def roster_book(
    path: Path,
    rows: list[list[Any]],
    sheet: str = "Assignments",
    head: tuple[str, ...] = ("staff", "name", "date", "shift", "area", "start"),
) -> Path:
    return write_book(path, {"Roster": [["id"]], sheet: [list(head), *rows]})


def test_read_assignments(book: Callable[..., Path], tmp_path: Path) -> None:
    pb = read_workbook(book())
    path = roster_book(
        tmp_path / "out.xlsx",
        [
            ["s01", "Person one", date(2026, 1, 6), "E", "NRD", "07:00"],
            ["s01", "Person one", "2026-01-07", "L", None, "15:00"],
            ["# hand-made note"],
            ["s03", "Person three", "2026-01-08", "off", None, None],
            [],
            ["s03", "Person three", 46030, "N", "CEN", "23:00"],
            ["s04", "Person four", "2026-01-09", "L@CEN", None, None],
        ],
    )
    assert read_assignments(path, pb).assignments == (
        Assignment("s01", date(2026, 1, 6), "E", "NRD"),
        Assignment("s01", date(2026, 1, 7), "L", "CEN"),
        Assignment("s03", date(2026, 1, 8), "N", "CEN"),
        Assignment("s04", date(2026, 1, 9), "L", "CEN"),
    )


def test_read_assignments_dutch(book: Callable[..., Path], tmp_path: Path) -> None:
    pb = read_workbook(book())
    path = roster_book(
        tmp_path / "uit.xlsx",
        [["s06", "2026-01-12", "E", None]],
        sheet="Inzet",
        head=("Medewerker", "Datum", "Dienst", "Wijk"),
    )
    assert read_assignments(path, pb).assignments == (Assignment("s06", date(2026, 1, 12), "E", "NRD"),)


def test_read_assignments_bad_cells(book: Callable[..., Path], tmp_path: Path) -> None:
    pb = read_workbook(book())
    path = roster_book(
        tmp_path / "out.xlsx",
        [
            ["s99", "?", "2026-01-06", "E", None, None],
            ["s01", "Person one", "6 januari", "E", None, None],
            ["s02", "Person two", "2026-01-06", "X", "ZUI", None],
            ["s02", "Person two", "2026-02-06", "E", None, None],
        ],
    )
    with pytest.raises(InputError) as info:
        read_assignments(path, pb)
    assert [str(i) for i in info.value.errors] == [
        'Assignments!A2 (staff): "s99" — is not a staff id from the Staff sheet',
        'Assignments!C3 (date): "6 januari" — is not a date; expected YYYY-MM-DD (e.g. 2026-12-05) '
        "or D-M-YYYY",
        'Assignments!D4 (shift): "X" — is not a shift code from the Shifts sheet',
        'Assignments!E4 (area): "ZUI" — is not an area code from the Areas sheet',
        'Assignments!C5 (date): "2026-02-06" — lies outside the horizon 2026-01-05 – 2026-01-18',
    ]


def test_read_assignments_needs_the_sheet_and_columns(book: Callable[..., Path], tmp_path: Path) -> None:
    pb = read_workbook(book())
    with pytest.raises(InputError) as info:
        read_assignments(write_book(tmp_path / "a.xlsx", {"Roster": [["id"]]}), pb)
    assert str(info.value) == "a.xlsx: has no Assignments sheet (Dutch: Inzet) with the roster's assignments"
    path = roster_book(tmp_path / "b.xlsx", [["s01", "E"]], head=("staff", "shift"))
    with pytest.raises(InputError) as info:
        read_assignments(path, pb)
    assert str(info.value) == (
        "Assignments row 1 (date): is a required column of the Assignments sheet "
        "and is missing from the header row"
    )


@pytest.mark.parametrize("value", ["1.000", "2,500", "1.036", "-1.000"])
def test_grouped_number_text_is_ambiguous(value: Any) -> None:
    # QA: Settings "gewicht.wish | 1.000" (a Dutch thousand) was read as weight 1.
    for parse in (cells.number, cells.integer):
        with pytest.raises(ValueError, match="is ambiguous: a thousands separator or a decimal"):
            parse(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1000", 1000.0), ("0,125", 0.125), ("36,5", 36.5), ("1.25", 1.25), ("12.5000", 12.5), (1.036, 1.036)],
)
def test_plain_numbers_still_read(value: Any, expected: float) -> None:
    assert cells.number(value) == expected


def test_impossible_date_in_a_date_time_cell_says_so() -> None:
    # QA: "31-02-2027" was reported as "not a date or date-time; expected YYYY-MM-DD ...".
    with pytest.raises(ValueError) as info:
        cells.date_time("31-02-2027")
    assert str(info.value) == "is not a valid date (no such day)"


def test_grouped_weight_in_settings_is_located(book: Callable[..., Path]) -> None:
    def edit(sheets: Sheets) -> None:
        sheets["Settings"].append(["gewicht.wish", "1.000"])

    with pytest.raises(InputError) as info:
        read_workbook(book(edit))
    assert [str(i) for i in info.value.issues] == [
        'Settings!B4 (weight.wish): "1.000" — is ambiguous: a thousands separator or a decimal? '
        "Write the number without a separator (1000) or with fewer decimals (1,5)"
    ]


def test_formula_without_saved_result_is_located(book: Callable[..., Path]) -> None:
    # QA: a Demand target "=E2+1" in a file written by a script (no saved result) was read as
    # empty, so the target silently became the minimum.
    def edit(sheets: Sheets) -> None:
        put(sheets, "Demand", "F2", "=E2+1")
        put(sheets, "Staff", "D3", "=30+2")
        put(sheets, "Settings", "B3", "=1+1")

    with pytest.raises(InputError) as info:
        read_workbook(book(edit))
    msg = (
        "is a formula whose result is not saved in the file; open and save the workbook in "
        "Excel (or LibreOffice), or type the value"
    )
    assert [str(i) for i in info.value.issues] == [
        f'Settings!B3 (value): "=1+1" — {msg}',
        f'Staff!D3 (hours_per_week): "=30+2" — {msg}',
        f'Demand!F2 (target): "=E2+1" — {msg}',
    ]


def test_formula_with_saved_result_is_read(book: Callable[..., Path], tmp_path: Path) -> None:
    path = book()
    with zipfile.ZipFile(path) as z:  # what Excel saves: the formula and its last result
        parts = {n: z.read(n) for n in z.namelist()}
    staff = "xl/worksheets/sheet5.xml"  # Instructions, Settings, Areas, Shifts, Staff
    xml = parts[staff].decode()
    start = xml.index('<c r="D3"')
    end = xml.index("</c>", start) + len("</c>")
    parts[staff] = (xml[:start] + '<c r="D3"><f>30+2</f><v>32</v></c>' + xml[end:]).encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert read_workbook(path).staff_by_id["s02"].hours_per_week == 32


def test_merged_header_cells_are_named_in_the_message(tmp_path: Path) -> None:
    sheets = base_sheets()
    path = write_book(tmp_path / "in.xlsx", sheets)
    wb = openpyxl.load_workbook(path)
    wb["Staff"].merge_cells("C1:D1")
    wb.save(path)
    with pytest.raises(InputError) as info:
        read_workbook(path)
    assert [str(i) for i in info.value.issues] == [
        "Staff row 1 (hours_per_week): is a required column of the Staff sheet and is missing from "
        "the header row (header cells C1:D1 are merged; unmerge them)"
    ]


def test_bad_area_after_at_is_located_at_the_shift_cell(book: Callable[..., Path], tmp_path: Path) -> None:
    # QA: "L@XYZ" in the shift column was reported at the (empty) area cell.
    pb = read_workbook(book())
    path = roster_book(tmp_path / "out.xlsx", [["s04", "Person four", "2026-01-09", "L@XYZ", None, None]])
    with pytest.raises(InputError) as info:
        read_assignments(path, pb)
    assert [str(i) for i in info.value.issues] == [
        'Assignments!D2 (shift): "XYZ" — is not an area code from the Areas sheet'
    ]


def test_merged_header_over_an_optional_column_is_a_warning(tmp_path: Path) -> None:
    # QA: merging the id and name headers dropped the names without a word.
    path = write_book(tmp_path / "in.xlsx", base_sheets())
    wb = openpyxl.load_workbook(path)
    wb["Staff"].merge_cells("A1:B1")
    wb.save(path)
    problem = read_workbook(path)
    assert [str(w) for w in problem.warnings] == [
        "Staff!A1: header cells A1:B1 are merged, so the columns after the first have no header and "
        "are ignored; unmerge them"
    ]
    assert all(p.name == "" for p in problem.staff)


# --------------------------------------------------------------------------- issue 14: Excel error values

ERROR_TEXT = (
    "is an Excel error value (a formula that could not be computed, e.g. a lookup that found "
    "nothing); fix the formula or type the value"
)


@pytest.mark.parametrize("code", ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"])
def test_error_value_in_the_first_column_is_an_error_not_a_comment(
    book: Callable[..., Path], code: str
) -> None:
    # QA: "#N/A" from a broken VLOOKUP in Staff!A3 made the row a comment: s02 vanished silently.
    assert errors_of(book(edits(("Staff", "A3", code))))[0] == f'Staff!A3 (id): "{code}" — {ERROR_TEXT}'


@pytest.mark.parametrize("code", ["#GETTING_DATA", "#SPILL!", "#CALC!"])
def test_newer_error_values_typed_as_errors(tmp_path: Path, code: str) -> None:
    path = write_book(tmp_path / "in.xlsx", base_sheets())
    wb = openpyxl.load_workbook(path)
    wb["Demand"]["A2"] = code
    wb["Demand"]["A2"].data_type = "e"
    wb.save(path)
    assert errors_of(path) == [f'Demand!A2 (area): "{code}" — {ERROR_TEXT}']


def test_error_values_anywhere_each_at_its_cell(book: Callable[..., Path]) -> None:
    path = book(
        edits(
            ("Shifts", "C3", "#NAME?"),
            ("Settings", "B3", "#NUM!"),
            ("Rules", "B2", "#REF!"),
            ("Staff", "I1", "lookup"),
            ("Staff", "I4", "#N/A"),
            ("Areas", "B1", "#REF!"),
        )
    )
    assert errors_of(path) == [
        f'Settings!B3 (value): "#NUM!" — {ERROR_TEXT}',
        f'Areas!B1: "#REF!" — {ERROR_TEXT} (in the header row)',
        f'Shifts!C3 (start): "#NAME?" — {ERROR_TEXT}',
        f'Staff!I4 (lookup): "#N/A" — {ERROR_TEXT}',  # an ignored column, still named
        f'Rules!B2 (value): "#REF!" — {ERROR_TEXT}',
    ]


def test_error_text_pasted_as_values_is_an_error_but_other_hash_text_is_a_comment(
    book: Callable[..., Path],
) -> None:
    def edit(sheets: Sheets) -> None:
        sheets["Staff"].insert(2, ["#N/A", "pasted", "CEN", 30])
        sheets["Staff"].insert(3, ["#NA is not an error value: a comment", "x"])
        sheets["Areas"].insert(1, ["  # a comment with spaces before the #"])

    assert errors_of(book(edit)) == [f'Staff!A3 (id): "#N/A" — {ERROR_TEXT}']


def test_a_formula_with_a_saved_error_result(book: Callable[..., Path]) -> None:
    path = book()
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    staff = "xl/worksheets/sheet5.xml"
    xml = parts[staff].decode()
    start = xml.index('<c r="A6"')  # s05, named by no other sheet
    end = xml.index("</c>", start) + len("</c>")
    parts[staff] = (
        xml[:start] + '<c r="A6" t="e"><f>VLOOKUP(Z1,Areas!A:B,2,FALSE)</f><v>#N/A</v></c>' + xml[end:]
    ).encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert errors_of(path) == [f'Staff!A6 (id): "#N/A" — {ERROR_TEXT}']


def test_error_value_in_a_roster_assignments_sheet(book: Callable[..., Path], tmp_path: Path) -> None:
    pb = read_workbook(book())
    path = roster_book(tmp_path / "out.xlsx", [["s01", "Person one", "2026-01-06", "#N/A", None, None]])
    with pytest.raises(InputError) as info:
        read_assignments(path, pb)
    assert [str(i) for i in info.value.errors] == [f'Assignments!D2 (shift): "#N/A" — {ERROR_TEXT}']


@pytest.mark.parametrize(
    ("value", "error", "comment"),
    [
        ("#N/A", True, False),
        (" #ref! ", True, False),
        ("#N/B", True, False),
        ("#GETTING_DATA", True, False),
        ("# note", False, True),
        ("#N/A leaves in March", False, True),
        ("N/A", False, False),
        (None, False, False),
        (5, False, False),
    ],
)
def test_error_value_and_comment_cells(value: Any, error: bool, comment: bool) -> None:
    assert (cells.is_error_value(value), cells.is_comment(value)) == (error, comment)


# --------------------------------------------------------------------------- issue 14: ranges, locations

RANGES: list[tuple[str, Edit, str]] = [
    (
        "weight 1e18",
        edits(("Settings", "A4", "weight.wish"), ("Settings", "B4", 1e18)),
        'Settings!B4 (weight.wish): "1e+18" — must be at most 1000000',
    ),
    (
        "demand min 1e12",
        edits(("Demand", "E2", 1e12)),
        'Demand!E2 (min): "1000000000000" — must be at most 1000',
    ),
    (
        "seed 2^31",
        edits(("Settings", "A4", "seed"), ("Settings", "B4", 2**31)),
        'Settings!B4 (seed): "2147483648" — must be at most 2147483647',
    ),
    (
        "workers",
        edits(("Settings", "A4", "workers"), ("Settings", "B4", 1000)),
        'Settings!B4 (workers): "1000" — must be at most 64',
    ),
    (
        "time limit",
        edits(("Settings", "A4", "time_limit_seconds"), ("Settings", "B4", 1e9)),
        'Settings!B4 (time_limit_seconds): "1000000000" — must be at most 604800',
    ),
    (
        "slot",
        edits(("Settings", "A4", "slot_minutes"), ("Settings", "B4", 2000)),
        'Settings!B4 (slot_minutes): "2000" — must be at most 1440',
    ),
    (
        "wish weight",
        edits(("Wishes", "G3", 10**9)),
        'Wishes!G3 (weight): "1000000000" — must be at most 1000000',
    ),
    ("limits", edits(("Limits", "C2", 5000)), 'Limits!C2 (max): "5000" — must be at most 366'),
    ("Rules value text", edits(("Rules", "B2", "tien")), 'Rules!B2 (value): "tien" — is not a number'),
    ("Rules value negative", edits(("Rules", "B2", -2)), 'Rules!B2 (value): "-2" — must be at least 0'),
    ("Rules value not whole", edits(("Rules", "B2", 4.5)), 'Rules!B2 (value): "4.5" — is not a whole number'),
    (
        "Rules weight negative",
        edits(("Rules", "A3", "max_consecutive_nights"), ("Rules", "D3", -5)),
        'Rules!D3 (weight): "-5" — must be at least 0',
    ),
    (
        "Rules weight value huge",
        edits(("Rules", "A3", "weight.wish"), ("Rules", "B3", 1e18)),
        'Rules!B3 (value): "1000000000000000000" — must be at most 1000000',
    ),
    (
        "Rules rest hours",
        edits(("Rules", "A3", "min_daily_rest_hours"), ("Rules", "B3", 500)),
        'Rules!B3 (value): "500" — must be at most 168',
    ),
    (
        "unknown profile",
        edits(("Settings", "A4", "rule_profile"), ("Settings", "B4", "passwd")),
        "Settings!B4 (value): \"passwd\" — rule profile 'passwd' is not a built-in profile; choose one of: "
        "atw, none",
    ),
]


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in RANGES], ids=[c[0] for c in RANGES])
def test_numbers_out_of_range_and_rule_values_are_located(
    book: Callable[..., Path], edit: Edit, expected: str
) -> None:
    assert errors_of(book(edit)) == [expected]


def test_a_rule_profile_that_is_not_toml_names_its_line(book: Callable[..., Path], tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text('name = "mine"\n\n[shift_length]\nmax_shift_hours twelve\n')
    path = book(edits(("Settings", "A4", "rule_profile"), ("Settings", "B4", "rules.toml")))
    assert errors_of(path) == [
        'Settings!B4 (value): "rules.toml" — rule profile rules.toml, line 4: is not valid TOML '
        "(Expected '=' after a key in a key/value pair)"
    ]


def test_bad_values_in_a_rule_profile_name_their_lines(book: Callable[..., Path], tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(
        'name = "mine"\n[shift_length]\nmax_shift_hours = -1\n[wishes]\nweight.wish = "ten"\n'
        '[rotation]\nhard.max_consecutive_nights = 3\n\n[[irregular_hours]]\nname = "x"\ndays = "mon-fry"\n'
        'from = "06:00"\nto = "08:00"\n'
    )
    path = book(edits(("Settings", "A4", "rule_profile"), ("Settings", "B4", "rules.toml")))
    assert errors_of(path) == [
        f'Settings!B4 (value): "rules.toml" — rule profile rules.toml, line {n}: {text}'
        for n, text in (
            (3, "max_shift_hours = -1 must be at least 0"),
            (5, "weight.wish = 'ten' must be a number"),
            (7, "hard.max_consecutive_nights = 3 must be true or false"),
            (
                9,
                "[[irregular_hours]] number 1 days 'mon-fry' has 'mon-fry', which is not a day; expected "
                "all, weekdays, weekend, holiday, a day name (mon…sun / ma…zo), a range (mon-fri), a date "
                "(2026-12-05) or a date range (2026-12-01..2026-12-07)",
            ),
        )
    ]


def test_every_error_of_a_bad_rules_sheet_names_its_cell(book: Callable[..., Path]) -> None:
    # QA: "Value error, must not be negative" and "Value error, is not a number" named no cell.
    path = book(
        edits(
            ("Rules", "B2", "tien"),
            ("Rules", "A3", "max_week_hours"),
            ("Rules", "B3", -1),
            ("Rules", "A4", "min_break_minutes"),
            ("Rules", "B4", "lots"),
        )
    )
    assert all(e.startswith("Rules!") for e in errors_of(path))
    assert len(errors_of(path)) == 3


# --------------------------------------------------------------------------- issue 14: what planners write


def test_wish_and_absence_times_need_not_lie_on_the_grid(book: Callable[..., Path]) -> None:
    path = book(
        edits(
            ("Wishes", "E2", "07:10"),
            ("Wishes", "F2", "14:50"),
            ("Absence", "B3", "2026-01-09 08:05"),
            ("Absence", "C3", "2026-01-09 11:55"),
        )
    )
    pb = read_workbook(path)
    assert (pb.wishes[0].start, pb.wishes[0].end) == (430, 890)
    assert (pb.absences[1].start_minute, pb.absences[1].end_minute) == (485, 715)
    assert pb.slot_minutes == 60  # from the shift and demand times only


@pytest.mark.parametrize("end", ["23:59", "24:00", "00:00", time(23, 59)])
def test_the_end_of_the_day(book: Callable[..., Path], end: Any) -> None:
    path = book(
        edits(("Wishes", "E2", "17:00"), ("Wishes", "F2", end), ("Demand", "D2", end), ("Shifts", "D3", end))
    )
    pb = read_workbook(path)
    w = pb.wishes[0]
    assert pb.wish_window(w, 2).end - pb.wish_window(w, 2).start == 7 * 60  # 17:00 to midnight
    assert pb.shift_by_code["L"].end_offset == 24 * 60
    assert pb.demand[0].end in (0, 24 * 60)


def test_absence_until_2359_is_until_the_end_of_the_day(book: Callable[..., Path]) -> None:
    pb = read_workbook(
        book(edits(("Absence", "B3", "2026-01-09 17:00"), ("Absence", "C3", "2026-01-09 23:59")))
    )
    a = pb.absences[1]
    assert a.end_minute == 24 * 60
    assert pb.absent_during("s03", pb.absence_window(a).end - 1, pb.absence_window(a).end)


def test_wish_from_equal_to_is_an_error(book: Callable[..., Path]) -> None:
    assert errors_of(book(edits(("Wishes", "E2", "08:00"), ("Wishes", "F2", "08:00")))) == [
        'Wishes!F2 (to): "08:00" — is the same time as from, so the window is empty; give two different '
        "times, or leave from and to empty for the whole day"
    ]
    # Demand from = to keeps meaning 24 hours.
    pb = read_workbook(book(edits(("Demand", "C2", "08:00"), ("Demand", "D2", "08:00"))))
    assert (pb.demand[0].start, pb.demand[0].end) == (480, 480)


def test_hard_yes_on_a_hard_rule_is_a_note(book: Callable[..., Path]) -> None:
    pb = read_workbook(
        book(edits(("Rules", "C2", "yes"), ("Rules", "A3", "max_week_hours"), ("Rules", "C3", "ja")))
    )
    note = "is already hard; the row's hard = yes changes nothing"
    assert [str(w) for w in pb.warnings] == [
        f'Rules!C2 (hard): "yes" — max_consecutive_days {note}',
        f'Rules!C3 (hard): "yes" — max_week_hours {note}',
    ]
    assert pb.ruleset.is_hard("max_consecutive_days")


@pytest.mark.parametrize("rule", ["max_consecutive_days", "hours_tolerance_pct", "max_weekends"])
def test_hard_no_makes_an_organisational_rule_soft(book: Callable[..., Path], rule: str) -> None:
    row = 2 if rule == "max_consecutive_days" else 3  # the base workbook's Rules row 2 sets it to 5
    pb = read_workbook(
        book(edits(("Rules", f"A{row}", rule), ("Rules", f"C{row}", "no"), ("Rules", f"D{row}", 40)))
    )
    assert pb.warnings == []
    assert not pb.ruleset.is_hard(rule)
    assert pb.ruleset.soft_weight(rule) == 40


def test_hard_no_on_a_law_rule(book: Callable[..., Path]) -> None:
    assert errors_of(book(edits(("Rules", "A3", "min_daily_rest_hours"), ("Rules", "C3", "no")))) == [
        'Rules!C3 (hard): "no" — cannot make min_daily_rest_hours soft: it is a law rule (Arbeidstijdenwet), '
        "and hard = no on a law rule needs allow_below_law = yes"
    ]
    assert errors_of(book(edits(("Rules", "A3", "pairs"), ("Rules", "C3", "no")))) == [
        'Rules!C3 (hard): "no" — cannot make pairs soft: it is a yes/no rule; set its value to no to switch '
        "it off"
    ]


# --------------------------------------------------------------------------- issue 14: overlapping absences


def test_overlapping_absences_are_named_and_credited_once(book: Callable[..., Path]) -> None:
    # s02 (32 h/week): leave Wed 7 – Thu 8 Jan, sick on Thu 8 Jan as well.
    pb = read_workbook(
        book(
            edits(
                ("Absence", "A4", "s02"),
                ("Absence", "B4", "2026-01-08"),
                ("Absence", "C4", "2026-01-08"),
                ("Absence", "D4", "sick"),
            )
        )
    )
    assert [str(w) for w in pb.warnings] == [
        'Absence!B4 (from): "2026-01-08" — overlaps Absence row 2 (2026-01-07 – 2026-01-08) of the same '
        "person; the overlap is credited once"
    ]
    assert pb.credited_minutes(pb.staff_by_id["s02"]) == 2 * 32 * 60 // 5


def test_overlapping_absences_with_hours_on_both_rows(book: Callable[..., Path]) -> None:
    path = book(
        edits(
            ("Absence", "E1", "hours"),
            ("Absence", "E2", 12),
            ("Absence", "A4", "s02"),
            ("Absence", "B4", "2026-01-08 08:00"),
            ("Absence", "C4", "2026-01-08 12:00"),
            ("Absence", "E4", 4),
        )
    )
    assert errors_of(path) == [
        'Absence!E4 (hours): "4" — is given on two overlapping absences of s02 (this row and Absence row 2, '
        "2026-01-07 – 2026-01-08); give the hours on one row, or split the rows so they do not overlap"
    ]


def test_a_date_formatted_number_beyond_excels_dates(tmp_path: Path) -> None:
    path = write_book(tmp_path / "in.xlsx", base_sheets())
    wb = openpyxl.load_workbook(path)
    wb["Fixed"]["B2"] = 10**9
    wb["Fixed"]["B2"].number_format = "yyyy-mm-dd"
    wb.save(path)
    assert errors_of(path) == [
        'Fixed!B2 (date): "1000000000" — is a number formatted as a date, but beyond the dates Excel knows; '
        "type the date, e.g. 2026-12-05"
    ]


# --------------------------------------------------------------------------- the sheet scan (issue 14, size)

from roster_solver.workbook import reader as _reader  # noqa: E402


def scan(xml: bytes, chunk: int | None = None, monkeypatch: pytest.MonkeyPatch | None = None) -> Any:
    import io

    if chunk is not None and monkeypatch is not None:
        monkeypatch.setattr(_reader, "_SCAN_CHUNK", chunk)
    return _reader._scan_sheet_xml(io.BytesIO(xml))


SHEET = (
    b'<worksheet xmlns="x"><dimension ref="A1:H900"/><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'
    b'<row r="2" s="1" customFormat="1"><c r="A2" s="1"/></row>'
    b'<row r="3"><c r="B3"><v>36</v></c></row>'
    + b"".join(
        b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="B%d" s="1"/></row>' % (r, r, r)
        for r in range(4, 900)
    )
    + b'</sheetData><mergeCells count="1"><mergeCell ref="c1:d1"/></mergeCells>'
    b"<extLst><ext><x14:dataValidations><x14:dataValidation><xm:f>Lists!A1</xm:f>"
    b"</x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>"
)


@pytest.mark.parametrize("chunk", [None, 7, 64, 1000])
def test_scan_finds_the_last_row_with_a_value(chunk: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    got = scan(SHEET, chunk, monkeypatch)
    assert (got.last_row, got.merged, got.formulas) == (3, ("C1:D1",), False)


def test_scan_with_a_namespace_prefix_and_formulas(monkeypatch: pytest.MonkeyPatch) -> None:
    xml = (
        b'<x:worksheet xmlns:x="x"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
        b'<x:row r="7"><x:c r="C7"><x:f>A1+1</x:f></x:c></x:row><x:row r="8"><x:c r="A8" s="2"/>'
        b"</x:row></x:sheetData></x:worksheet>"
    )
    got = scan(xml, 16, monkeypatch)
    assert (got.last_row, got.formulas) == (7, True)


def test_scan_of_rows_without_numbers_reads_everything() -> None:
    xml = (
        b"<worksheet><sheetData><row><c><v>1</v></c></row><row><c><v>2</v></c></row></sheetData></worksheet>"
    )
    assert scan(xml).last_row is None


def test_scan_of_an_empty_sheet() -> None:
    assert scan(b'<worksheet><dimension ref="A1"/><sheetData/></worksheet>').last_row == 0
    assert scan(b"<worksheet><sheetData></sheetData></worksheet>").last_row == 0
