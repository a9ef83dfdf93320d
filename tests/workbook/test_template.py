"""The input template and the Problem writer: read back by the reader into the same records."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from roster_solver.calendar import parse_days
from roster_solver.domain import (
    Absence,
    Fixed,
    HistoryEntry,
    Holiday,
    Limit,
    Problem,
    RuleOverride,
    Settings,
)
from roster_solver.workbook.aliases import COLUMNS, SHEETS_NL, header
from roster_solver.workbook.reader import read_workbook
from roster_solver.workbook.template import (
    canonical_headers,
    next_monday,
    write_input_workbook,
)
from tests.factories import INPUT_FIELDS, demand, make_problem, person, shift, wish

STAMP = datetime(2027, 1, 4, 9, 0)
INPUT = (
    "Settings",
    "Areas",
    "Shifts",
    "Staff",
    "Limits",
    "Demand",
    "Absence",
    "Wishes",
    "Fixed",
    "History",
    "Rules",
)


def records(problem: Problem) -> dict[str, Any]:
    """Every input record without its workbook location (``src`` is excluded from dumps)."""
    out: dict[str, Any] = {}
    for name in INPUT_FIELDS:
        value = getattr(problem, name)
        out[name] = value.model_dump() if hasattr(value, "model_dump") else [r.model_dump() for r in value]
    return out


def full_problem() -> Problem:
    """A small problem that uses every column the writer knows."""
    start = date(2026, 1, 5)
    return make_problem(
        areas=("CEN", "NRD"),
        shifts=(
            shift("E", "07:00", "15:00", color="FFF2CC"),
            shift("D", "09:00", "17:30", days="mon-fri"),
            shift("N", "23:00", "07:00", not_followed_by=("E", "D")),
        ),
        staff=(
            person("a", skills=frozenset({"driver", "dog"}), areas=("NRD",), max_weekends=1),
            person(
                "b",
                "NRD",
                32.5,
                all_areas=True,
                no_nights=True,
                shifts=("E", "D"),
                min_hours=40,
                max_hours=70,
                max_consecutive_days=4,
                min_consecutive_days=2,
                min_consecutive_days_off=2,
                birth_date=date(1990, 3, 1),
                start_date=date(2026, 1, 7),
                end_date=date(2026, 1, 16),
                hours_balance=-2.5,
            ),
            person("c", "CEN", 24),
        ),
        demand=(
            demand("CEN", "weekdays", "07:00", "15:00", 1, target=2, max=3, note="base"),
            demand(
                "*",
                "fri,sat,2026-01-14",
                "23:00",
                "07:00",
                1,
                skill="driver",
                weight_under=200,
                weight_over=2,
            ),
            demand("NRD", "2026-01-10..2026-01-11", None, None, 1, shift="E", replace=True),
            demand("CEN", "sun", "09:00", "24:00", 0, target=1),
        ),
        absences=(
            Absence(staff="c", start_date=date(2026, 1, 7), end_date=date(2026, 1, 8), type="leave"),
            Absence(
                staff="a",
                start_date=date(2026, 1, 9),
                end_date=date(2026, 1, 9),
                start_minute=8 * 60,
                end_minute=12 * 60 + 30,
                type="training",
            ),
            Absence(
                staff="c",
                start_date=date(2026, 1, 12),
                end_date=date(2026, 1, 12),
                start_minute=0,
                end_minute=24 * 60,
                type="sick",
                hours=6.5,
            ),
        ),
        wishes=(
            wish("a", "wed", "only", start="07:00", end="15:00"),
            wish("a", "fri", "avoid", shift="N", weight=5),
            wish("c", "2026-01-13", "prefer", shift="off"),
            wish("c", "weekend", "never"),
            wish("b", "mon", "must", shift="E"),
        ),
        fixed=(
            Fixed(staff="a", date=date(2026, 1, 6), shift="E", area="NRD"),
            Fixed(staff="c", date=date(2026, 1, 9), shift="off"),
        ),
        history=(
            HistoryEntry(staff="a", date=date(2026, 1, 3), shift="N", area="CEN"),
            HistoryEntry(staff="c", date=date(2026, 1, 4), shift="E"),
        ),
        limits=(Limit(staff="a", shift="N", max=3, min=1),),
        rules=(
            RuleOverride(rule="max_consecutive_days", value=5),
            RuleOverride(rule="max_consecutive_nights", hard=True),
            RuleOverride(rule="weight.wish", value=12),
        ),
        start=start,
        slot_minutes=30,
        seed=3,
        time_limit_seconds=20,
        weights={"isolated_day": 7},
    )


def with_holiday(problem: Problem) -> Problem:
    data = {name: getattr(problem, name) for name in INPUT_FIELDS}
    data["holidays_extra"] = (Holiday(date=date(2026, 1, 9), name="city day"),)
    return Problem(**data)


# --------------------------------------------------------------------------- empty template


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_empty_template_reads_as_nothing_to_plan(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "template.xlsx"
    write_input_workbook(path, lang=lang, today=date(2026, 3, 4))  # a Wednesday
    problem = read_workbook(path)
    assert (
        problem.settings.model_dump()
        == Settings(
            start_date=date(2026, 3, 9),
            weeks=4,
            timezone="Europe/Amsterdam",
            rule_profile="atw",
            shortage="report",
            language=lang,
        ).model_dump()
    )
    assert (problem.areas, problem.shifts, problem.staff, problem.demand) == ((), (), (), ())
    assert [str(w) for w in problem.warnings] == []


def test_next_monday_is_always_after_today() -> None:
    assert next_monday(date(2026, 3, 4)) == date(2026, 3, 9)
    assert next_monday(date(2026, 3, 9)) == date(2026, 3, 16)  # a Monday: the next one
    assert next_monday(date(2026, 3, 15)) == date(2026, 3, 16)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_sheets_headers_and_layout(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "template.xlsx"
    write_input_workbook(path, lang=lang)
    wb = openpyxl.load_workbook(path)
    names = [SHEETS_NL[s] if lang == "nl" else s for s in INPUT]
    first = "Uitleg" if lang == "nl" else "Instructions"
    lists = "Lijsten" if lang == "nl" else "Lists"
    assert wb.sheetnames == [first, *names, lists]
    assert wb[lists].sheet_state == "hidden"
    assert wb.active.title == first
    for sheet, name in zip(INPUT, names, strict=True):
        ws = wb[name]
        row = [c.value for c in ws[1]]
        assert row == canonical_headers(sheet, lang)
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
    # The instructions name every column of every sheet.
    text = {str(c.value) for row in wb[first].iter_rows() for c in row if c.value}
    for sheet, columns in COLUMNS.items():
        for column in columns:
            assert header(sheet, column, lang) in text


def test_empty_template_settings_rows(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_input_workbook(path, lang="nl", today=date(2026, 3, 4))
    ws = openpyxl.load_workbook(path)["Instellingen"]
    rows = [(r[0].value, r[1].value) for r in ws.iter_rows(min_row=2)]
    assert rows[:6] == [
        ("startdatum", datetime(2026, 3, 9)),
        ("weken", 4),
        ("tijdzone", "Europe/Amsterdam"),
        ("regelprofiel", "atw"),
        ("tekort", "melden"),
        ("taal", "nl"),
    ]
    assert [k for k, _ in rows[6:]] == [
        "# slot_minuten",
        "# tijdslimiet_seconden",
        "# werkers",
        "# zaad",
        "# doelfunctie",
        "# periode_anker",
    ]
    assert ws["B2"].number_format == "yyyy-mm-dd"


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_problem_round_trip(tmp_path: Path, lang: str) -> None:
    problem = with_holiday(full_problem())
    path = tmp_path / "problem.xlsx"
    write_input_workbook(path, problem, lang=lang)
    back = read_workbook(path)
    assert records(back) == records(problem)
    assert [str(w) for w in back.warnings] == []
    sheet = SHEETS_NL["Holidays"] if lang == "nl" else "Holidays"
    assert sheet in openpyxl.load_workbook(path).sheetnames


def test_no_holidays_sheet_without_extra_holidays(tmp_path: Path) -> None:
    path = tmp_path / "problem.xlsx"
    write_input_workbook(path, full_problem())
    assert "Holidays" not in openpyxl.load_workbook(path).sheetnames


def test_values_are_written_as_a_planner_types_them(tmp_path: Path) -> None:
    path = tmp_path / "problem.xlsx"
    write_input_workbook(path, full_problem(), lang="nl")
    wb = openpyxl.load_workbook(path)
    staff = wb["Medewerkers"]
    assert [c.value for c in staff[3]][:8] == ["b", "Person b", "NRD", 32.5, None, "*", "E, D", "ja"]
    shifts = wb["Diensten"]
    assert [c.value for c in shifts[4]][2:7] == ["23:00", "07:00", 30, "all", "E, D"]
    absence = wb["Afwezigheid"]
    assert [c.value for c in absence[3]] == [
        "a",
        datetime(2026, 1, 9, 8, 0),
        datetime(2026, 1, 9, 12, 30),
        "opleiding",
        None,
    ]
    assert absence["B3"].number_format == "yyyy-mm-dd hh:mm"
    # Midnight and 24:00 as text: a date-time cell at midnight would read as a whole date.
    assert [c.value for c in absence[4]][1:3] == ["2026-01-12 00:00", "2026-01-12 24:00"]
    wishes = wb["Wensen"]
    assert [c.value for c in wishes[4]][:4] == ["c", "2026-01-13", "voorkeur", "vrij"]
    fixed = wb["Vast"]
    assert [c.value for c in fixed[3]] == ["c", datetime(2026, 1, 9), "vrij", None]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_template_filled_in_with_code_reads_back(tmp_path: Path, lang: str) -> None:
    """Template → a planner's rows under its headers → read back: the same records."""
    path = tmp_path / "template.xlsx"
    write_input_workbook(path, lang=lang, today=date(2026, 1, 1))
    wb = openpyxl.load_workbook(path)
    name = (lambda s: SHEETS_NL[s]) if lang == "nl" else (lambda s: s)

    def add(sheet: str, **values: Any) -> None:
        ws = wb[name(sheet)]
        cols = canonical_headers(sheet, lang)
        row = [None] * len(cols)
        for key, value in values.items():
            row[cols.index(header(sheet, key, lang))] = value
        ws.append(row)

    nl = lang == "nl"
    add("Areas", code="CEN", name="Centrum")
    add("Areas", code="NRD", name="Noord")
    add("Shifts", code="E", name="E", start="07:00", end="15:00", break_minutes=30)
    add("Shifts", code="N", name="N", start="23:00", end="07:00", break_minutes=30)
    add("Staff", id="a", name="Person a", home_area="CEN", hours_per_week=36, skills="driver", areas="NRD")
    add("Staff", id="b", name="Person b", home_area="NRD", hours_per_week=24, no_nights="ja" if nl else "yes")
    add("Demand", area="*", days="weekdays", **{"from": "07:00", "to": "15:00"}, min=1, target=2)
    add(
        "Absence",
        staff="b",
        **{"from": date(2026, 1, 7), "to": date(2026, 1, 8)},
        type="verlof" if nl else "leave",
    )
    add("Wishes", staff="a", days="fri", kind="liever_niet" if nl else "avoid", shift="N")
    add("Fixed", staff="a", date=date(2026, 1, 6), shift="vrij" if nl else "off")
    add("History", staff="a", date=date(2026, 1, 4), shift="E")
    wb.save(path)

    expected = make_problem(
        areas=("CEN", "NRD"),
        shifts=(shift("E", "07:00", "15:00"), shift("N", "23:00", "07:00")),
        staff=(
            person("a", skills=frozenset({"driver"}), areas=("NRD",)),
            person("b", "NRD", 24, no_nights=True),
        ),
        demand=(demand("*", "weekdays", "07:00", "15:00", 1, target=2),),
        absences=(Absence(staff="b", start_date=date(2026, 1, 7), end_date=date(2026, 1, 8), type="leave"),),
        wishes=(wish("a", "fri", "avoid", shift="N"),),
        fixed=(Fixed(staff="a", date=date(2026, 1, 6), shift="off"),),
        history=(HistoryEntry(staff="a", date=date(2026, 1, 4), shift="E"),),
        weeks=4,
        language=lang,
    )
    got = records(read_workbook(path))
    want = records(expected)
    for rec in want["areas"]:
        rec["name"] = {"CEN": "Centrum", "NRD": "Noord"}[rec["code"]]
    assert got == want


# --------------------------------------------------------------------------- drop-down lists


def validations(ws: Any) -> dict[str, str]:
    """First column letter of each validated range → its list formula."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.coord.split(":")[0].rstrip("0123456789")] = dv.formula1
    return out


def test_drop_down_lists_point_at_the_code_columns(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_input_workbook(path)
    wb = openpyxl.load_workbook(path)
    assert validations(wb["Staff"]) == {"C": "Areas!$A$2:$A$501", "H": '"yes,no"'}
    assert validations(wb["Demand"]) == {"A": "Lists!$A$2:$A$502", "I": "Shifts!$A$2:$A$501", "M": '"yes,no"'}
    assert validations(wb["Limits"]) == {"A": "Staff!$A$2:$A$501", "B": "Shifts!$A$2:$A$501"}
    assert validations(wb["Absence"]) == {"A": "Staff!$A$2:$A$501", "D": '"leave,training,sick,other"'}
    assert validations(wb["Wishes"]) == {
        "A": "Staff!$A$2:$A$501",
        "C": '"never,only,must,prefer,avoid"',
        "D": "Lists!$B$2:$B$502",
    }
    for sheet in ("Fixed", "History"):
        assert validations(wb[sheet]) == {
            "A": "Staff!$A$2:$A$501",
            "C": "Lists!$B$2:$B$502",
            "D": "Areas!$A$2:$A$501",
        }
    assert validations(wb["Rules"]) == {"C": '"yes,no"'}
    settings = wb["Settings"]
    by_cell = {str(dv.sqref): dv.formula1 for dv in settings.data_validations.dataValidation}
    assert by_cell == {
        f"B{_row_of(settings, 'shortage')}": '"report,forbid"',
        f"B{_row_of(settings, 'language')}": '"en,nl"',
        f"B{_row_of(settings, '# objective')}": '"weighted,lexicographic"',
    }
    # The hidden list puts the reserved word first and mirrors the code column below it.
    lists = wb["Lists"]
    assert (lists["A2"].value, lists["A3"].value) == ("*", '=IF(Areas!A2="","",Areas!A2)')
    assert (lists["B2"].value, lists["B3"].value) == ("off", '=IF(Shifts!A2="","",Shifts!A2)')


def test_drop_down_lists_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_input_workbook(path, lang="nl")
    wb = openpyxl.load_workbook(path)
    assert validations(wb["Medewerkers"])["C"] == "Wijken!$A$2:$A$501"
    assert validations(wb["Wensen"])["C"] == '"nooit,alleen,moet,voorkeur,liever_niet"'
    assert validations(wb["Afwezigheid"])["D"] == '"verlof,opleiding,ziek,anders"'
    assert validations(wb["Vast"])["C"] == "Lijsten!$B$2:$B$502"
    assert wb["Lijsten"]["B2"].value == "vrij"


def _row_of(ws: Any, key: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key)


# --------------------------------------------------------------------------- writing safely


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "input.xlsx"
    path.write_bytes(b"the planner's work")
    with pytest.raises(FileExistsError, match="already exists"):
        write_input_workbook(path)
    assert path.read_bytes() == b"the planner's work"
    write_input_workbook(path, overwrite=True)
    assert read_workbook(path).staff == ()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.xlsx"]  # no temporary left


def test_fixed_timestamp_gives_identical_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_input_workbook(a, full_problem(), timestamp=STAMP)
    write_input_workbook(b, full_problem(), timestamp=STAMP)
    assert a.read_bytes() == b.read_bytes()
    props = openpyxl.load_workbook(a).properties
    assert (props.created, props.modified) == (STAMP, STAMP)


def test_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="en or nl"):
        write_input_workbook(tmp_path / "x.xlsx", lang="de")
    assert list(tmp_path.iterdir()) == []


def test_day_selector_text_is_kept(tmp_path: Path) -> None:
    problem = make_problem(
        staff=(person("a"),), demand=(demand("CEN", "ma-vr, 2026-01-10", "08:00", "12:00"),)
    )
    path = tmp_path / "p.xlsx"
    write_input_workbook(path, problem)
    back = read_workbook(path)
    assert back.demand[0].days == parse_days("ma-vr, 2026-01-10")
