"""Generate the corpus of bad input workbooks (issue 14): one defect per file.

    .venv/bin/python tests/badinput/make_corpus.py

Every file starts from the same small valid workbook, written by the project's own template
(``roster_solver.workbook.template.build_input_workbook``) from a problem made with the test
factories, and then gets exactly one defect. ``corpus/manifest.json`` lists per file the
defect, the exit code ``validate`` and ``solve`` must give, and where the message must point:
sheet, cell (None when the problem has no cell, e.g. a missing sheet) and a keyword of the
message. ``test_corpus.py`` runs every file through the command line.

The output is byte-stable (fixed zip entry times and document dates), so re-running the script
only changes the files whose defect changed. Rule profiles that some files name live in
``corpus/profiles/``.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402
from openpyxl.worksheet.worksheet import Worksheet  # noqa: E402
from openpyxl.writer.excel import ExcelWriter  # noqa: E402

from roster_solver.domain import Absence, Fixed, HistoryEntry, Limit  # noqa: E402
from roster_solver.workbook.aliases import COLUMNS  # noqa: E402
from roster_solver.workbook.template import build_input_workbook  # noqa: E402
from tests.factories import START, day, demand, make_problem, person, rules, wish  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"
MANIFEST = CORPUS / "manifest.json"
STAMP = datetime(2026, 1, 1, 12, 0, 0)


def base_problem() -> Any:
    """Four people, two areas, two weeks: every input sheet has a row."""
    return make_problem(
        areas=("CEN", "NRD"),
        staff=(
            person("s01", "CEN", 36, skills=frozenset({"driver"})),
            person("s02", "CEN", 32),
            person("s03", "NRD", 24),
            person("s04", "NRD", 36, all_areas=True),
        ),
        demand=(
            demand("CEN", "weekdays", "08:00", "12:00", min=1, target=2),
            demand("NRD", "weekend", None, None, min=1, shift="E"),
        ),
        absences=(Absence(staff="s02", start_date=day(2), end_date=day(3), type="leave"),),
        wishes=(
            wish("s03", "fri", "avoid", "N", weight=5),
            wish("s04", "wed", "only", start="07:00", end="15:00"),
        ),
        fixed=(Fixed(staff="s01", date=day(1), shift="E"),),
        history=(HistoryEntry(staff="s01", date=START - timedelta(days=1), shift="N"),),
        limits=(Limit(staff="s01", shift="N", max=4),),
        rules=rules(max_consecutive_days=5),
    )


# --------------------------------------------------------------------------- editing helpers


@dataclass
class Expect:
    exit: int
    sheet: str | None
    cell: str | None
    keyword: str


class Book:
    """The base workbook with helpers that address cells by sheet, column name and row key."""

    def __init__(self) -> None:
        self.wb: Workbook = build_input_workbook(base_problem(), today=date(2025, 12, 29))
        self.patches: list[tuple[str, str, str]] = []  # (sheet, cell, raw <c> XML)

    def ws(self, sheet: str) -> Worksheet:
        return self.wb[sheet]

    def col(self, sheet: str, column: str) -> str:
        return get_column_letter(list(COLUMNS[sheet]).index(column) + 1)

    def row(self, sheet: str, key: Any) -> int:
        """The row whose first cell is ``key`` (a code, staff id, Settings key, rule)."""
        for r in range(2, self.ws(sheet).max_row + 1):
            if self.ws(sheet).cell(row=r, column=1).value == key:
                return r
        raise KeyError(f"{sheet}: no row {key!r}")

    def put(self, sheet: str, column: str, key: Any, value: Any, *, error: bool = False) -> str:
        """Set ``column`` of the row ``key`` (or of row number ``key`` when an int)."""
        r = key if isinstance(key, int) else self.row(sheet, key)
        addr = f"{self.col(sheet, column)}{r}"
        cell = self.ws(sheet)[addr]
        cell.value = value
        if error:
            cell.data_type = "e"
        return addr

    def add(self, sheet: str, **values: Any) -> int:
        """Append a row (``values`` by canonical column) and return its number."""
        ws = self.ws(sheet)
        r = ws.max_row + 1
        for column, value in values.items():
            ws[f"{self.col(sheet, column)}{r}"] = value
        return r

    def setting(self, key: str, value: Any) -> str:
        """Set a Settings key (adding the row if needed); returns the value cell."""
        try:
            r = self.row("Settings", key)
        except KeyError:
            r = self.add("Settings", key=key)
        self.ws("Settings")[f"B{r}"] = value
        return f"B{r}"

    def patch(self, sheet: str, cell: str, xml: str) -> str:
        """Replace cell ``cell``'s XML after saving (what openpyxl cannot write, e.g. a formula
        with a saved error result)."""
        self.patches.append((sheet, cell, xml))
        return cell

    def save(self, path: Path) -> None:
        self.wb.properties.created = self.wb.properties.modified = STAMP
        self.wb.properties.creator = self.wb.properties.lastModifiedBy = "roster"
        raw = io.BytesIO()
        ExcelWriter(self.wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
        parts: dict[str, bytes] = {}
        with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src:
            for name in src.namelist():
                parts[name] = src.read(name)
        for sheet, cell, xml in self.patches:
            member = f"xl/worksheets/sheet{self.wb.sheetnames.index(sheet) + 1}.xml"
            text = parts[member].decode("utf-8")
            text, n = re.subn(rf'<c r="{cell}"( [^>]*)?(/>|>.*?</c>)', xml, text, count=1)
            assert n == 1, (sheet, cell)
            parts[member] = text.encode("utf-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name, data in parts.items():
                entry = zipfile.ZipInfo(name, date_time=(STAMP.year, STAMP.month, STAMP.day, 12, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                dst.writestr(entry, data)
        path.write_bytes(out.getvalue())


def err(sheet: str | None, cell: str | None, keyword: str, exit: int = 1) -> Expect:
    return Expect(exit, sheet, cell, keyword)


# --------------------------------------------------------------------------- the defects

Edit = Callable[[Book], Expect]
CASES: list[tuple[str, str, Edit]] = []


def case(name: str, defect: str) -> Callable[[Edit], Edit]:
    def register(fn: Edit) -> Edit:
        CASES.append((name, defect, fn))
        return fn

    return register


ERROR_MSG = "Excel error value"

# 1. Excel error values, anywhere (the first column too: they are not comments)


@case("error_na_staff_id", "#N/A in the first column of Staff (a person would vanish as a comment)")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "id", "s02", "#N/A"), ERROR_MSG)


@case("error_ref_demand_area", "#REF! in the first column of Demand")
def _(b: Book) -> Expect:
    return err("Demand", b.put("Demand", "area", 2, "#REF!"), ERROR_MSG)


@case("error_value_hours", "#VALUE! in Staff hours_per_week")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "hours_per_week", "s03", "#VALUE!"), ERROR_MSG)


@case("error_div0_demand_min", "#DIV/0! in Demand min")
def _(b: Book) -> Expect:
    return err("Demand", b.put("Demand", "min", 2, "#DIV/0!"), ERROR_MSG)


@case("error_name_shift_start", "#NAME? in Shifts start")
def _(b: Book) -> Expect:
    return err("Shifts", b.put("Shifts", "start", "L", "#NAME?"), ERROR_MSG)


@case("error_num_settings_weeks", "#NUM! as the Settings value of weeks")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("weeks", "#NUM!"), ERROR_MSG)


@case("error_null_absence_to", "#NULL! in Absence to")
def _(b: Book) -> Expect:
    return err("Absence", b.put("Absence", "to", "s02", "#NULL!"), ERROR_MSG)


@case("error_getting_data_wish_kind", "#GETTING_DATA in Wishes kind")
def _(b: Book) -> Expect:
    return err("Wishes", b.put("Wishes", "kind", "s03", "#GETTING_DATA", error=True), ERROR_MSG)


@case("error_spill_rules_value", "#SPILL! in a Rules value")
def _(b: Book) -> Expect:
    return err("Rules", b.put("Rules", "value", "max_consecutive_days", "#SPILL!", error=True), ERROR_MSG)


@case("error_calc_fixed_date", "#CALC! in Fixed date")
def _(b: Book) -> Expect:
    return err("Fixed", b.put("Fixed", "date", "s01", "#CALC!", error=True), ERROR_MSG)


@case("error_na_text_area_code", "the text #N/A (an error pasted as values) as an area code")
def _(b: Book) -> Expect:
    return err("Areas", b.put("Areas", "code", "NRD", "#N/A"), ERROR_MSG)


@case("error_ref_extra_column", "#REF! in an extra (ignored) column of Staff")
def _(b: Book) -> Expect:
    ws = b.ws("Staff")
    letter = get_column_letter(len(COLUMNS["Staff"]) + 1)
    ws[f"{letter}1"] = "lookup"
    ws[f"{letter}3"] = "#REF!"
    return err("Staff", f"{letter}3", ERROR_MSG)


@case("error_in_header", "#REF! in a header cell of Areas")
def _(b: Book) -> Expect:
    b.ws("Areas")["B1"] = "#REF!"
    return err("Areas", "B1", ERROR_MSG)


@case("error_formula_cached_na", "a VLOOKUP whose saved result is #N/A, in the first column of History")
def _(b: Book) -> Expect:
    cell = f"A{b.row('History', 's01')}"
    return err(
        "History",
        b.patch("History", cell, f'<c r="{cell}" t="e"><f>VLOOKUP(Z1,Staff!A:B,1,FALSE)</f><v>#N/A</v></c>'),
        ERROR_MSG,
    )


# 3. numbers out of their sane range


@case("range_settings_weight_huge", "Settings weight.wish = 1e18")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("weight.wish", 1e18), "at most 1000000")


@case("range_settings_weight_negative", "Settings weight.wish = -1")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("weight.wish", -1), "at least 0")


@case("range_demand_min_huge", "Demand min = 1e12")
def _(b: Book) -> Expect:
    return err("Demand", b.put("Demand", "min", 2, 1e12), "at most 1000")


@case("range_demand_target_huge", "Demand target = 5000")
def _(b: Book) -> Expect:
    return err("Demand", b.put("Demand", "target", 2, 5000), "at most 1000")


@case("range_demand_weight_huge", "Demand weight_under = 1e9")
def _(b: Book) -> Expect:
    return err("Demand", b.put("Demand", "weight_under", 2, 1e9), "at most 1000000")


@case("range_seed_2_31", "Settings seed = 2^31")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("seed", 2**31), "at most 2147483647")


@case("range_seed_negative", "Settings seed = -1")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("seed", -1), "at least 0")


@case("range_time_limit_zero", "Settings time_limit_seconds = 0")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("time_limit_seconds", 0), "more than 0")


@case("range_time_limit_huge", "Settings time_limit_seconds = 1e9")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("time_limit_seconds", 1e9), "at most 604800")


@case("range_workers_zero", "Settings workers = 0")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("workers", 0), "at least 1")


@case("range_workers_huge", "Settings workers = 100000")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("workers", 100000), "at most 64")


@case("range_slot_minutes_zero", "Settings slot_minutes = 0")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("slot_minutes", 0), "at least 1")


@case("range_slot_minutes_not_divisor", "Settings slot_minutes = 7 (does not divide a day)")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("slot_minutes", 7), "divide a day")


@case("range_weeks_too_many", "Settings weeks = 30")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("weeks", 30), "at most 26")


@case("range_weeks_zero", "Settings weeks = 0")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("weeks", 0), "at least 1")


@case("range_hours_per_week_huge", "Staff hours_per_week = 200")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "hours_per_week", "s01", 200), "at most 80")


@case("range_hours_per_week_negative", "Staff hours_per_week = -1")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "hours_per_week", "s01", -1), "at least 0")


@case("range_max_hours_huge", "Staff max_hours = 1e7")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "max_hours", "s02", 1e7), "at most 8736")


@case("range_hours_balance_huge", "Staff hours_balance = 1e6")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "hours_balance", "s02", 1e6), "at most 2000")


@case("range_max_consecutive_days_huge", "Staff max_consecutive_days = 10000")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "max_consecutive_days", "s02", 10000), "at most 366")


@case("range_break_minutes_huge", "Shifts break_minutes = 5000")
def _(b: Book) -> Expect:
    return err("Shifts", b.put("Shifts", "break_minutes", "E", 5000), "at most 1440")


@case("range_limits_max_huge", "Limits max = 1e6")
def _(b: Book) -> Expect:
    return err("Limits", b.put("Limits", "max", "s01", 1e6), "at most 366")


@case("range_absence_hours_too_many", "Absence hours = 1000 on a two-day row")
def _(b: Book) -> Expect:
    return err("Absence", b.put("Absence", "hours", "s02", 1000), "more than the 48 hours")


@case("range_wish_weight_huge", "Wishes weight = 1e9")
def _(b: Book) -> Expect:
    return err("Wishes", b.put("Wishes", "weight", "s03", 1e9), "at most 1000000")


@case("range_rules_weight_column_huge", "Rules weight column = 1e18")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="max_consecutive_nights", weight=1e18)
    return err("Rules", f"{b.col('Rules', 'weight')}{r}", "at most 1000000")


@case("range_rules_value_huge", "Rules max_shift_hours = 1e12")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="max_shift_hours", value=1e12)
    return err("Rules", f"B{r}", "at most 24")


# 4. messages that used to name no cell


@case("rules_value_text", "Rules value tien (text) for max_consecutive_days")
def _(b: Book) -> Expect:
    return err("Rules", b.put("Rules", "value", "max_consecutive_days", "tien"), "is not a number")


@case("rules_value_negative", "Rules value -3 for max_consecutive_days")
def _(b: Book) -> Expect:
    return err("Rules", b.put("Rules", "value", "max_consecutive_days", -3), "at least 0")


@case("rules_weight_negative", "Rules weight -5")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="max_consecutive_nights", weight=-5)
    return err("Rules", f"{b.col('Rules', 'weight')}{r}", "at least 0")


@case("rules_break_table_text", "Rules min_break_minutes = lots")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="min_break_minutes", value="lots")
    return err("Rules", f"B{r}", "break table")


@case("rules_bool_value_bad", "Rules pairs = maybe")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="pairs", value="maybe")
    return err("Rules", f"B{r}", "not yes or no")


@case("profile_unknown", "Settings rule_profile = nope (no such built-in profile)")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("rule_profile", "nope"), "not a built-in profile")


@case("profile_not_toml", "rule_profile names a file that is not TOML (error on line 4)")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("rule_profile", "profiles/broken.toml"), "line 4")


@case("profile_bad_value", "rule_profile names a profile with max_shift_hours = -4")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("rule_profile", "profiles/bad_value.toml"), "max_shift_hours")


@case("profile_binary", "rule_profile names a binary file")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("rule_profile", "profiles/binary.toml"), "not a text file")


@case("profile_missing_file", "rule_profile names a file that does not exist")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("rule_profile", "profiles/nothere.toml"), "not found")


@case("rules_unknown_key", "Rules max_coffee")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="max_coffee", value=2)
    return err("Rules", f"A{r}", "not a rule key")


@case("rules_twice", "Rules max_consecutive_days twice")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="max_consecutive_days", value=4)
    return err("Rules", f"A{r}", "given twice")


@case("rules_value_without_profile_value", "Rules max_weekends with a value (it is per person)")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="max_weekends", value=2)
    return err("Rules", f"B{r}", "per person")


@case("rules_hard_no_on_law", "Rules max_shift_hours hard = no without allow_below_law")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="max_shift_hours", hard="no")
    return err("Rules", f"C{r}", "allow_below_law")


@case("rules_hard_no_on_law_allowed", "Rules max_week_hours hard = no with allow_below_law = yes")
def _(b: Book) -> Expect:
    b.add("Rules", rule="allow_below_law", value="yes")
    r = b.add("Rules", rule="max_week_hours", hard="no")
    return err("Rules", f"C{r}", "always hard")


@case("rules_hard_on_weight", "Rules weight.wish hard = yes")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="weight.wish", value=4, hard="yes")
    return err("Rules", f"C{r}", "not a rule that is hard or soft")


@case("rules_hard_bad_text", "Rules hard = misschien")
def _(b: Book) -> Expect:
    return err("Rules", b.put("Rules", "hard", "max_consecutive_days", "misschien"), "not yes or no")


@case("rules_looser_than_law", "Rules max_week_hours = 70")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="max_week_hours", value=70)
    return err("Rules", f"B{r}", "less strict than the law")


@case("rules_weight_conflicts_settings", "Settings weight.wish = 7 and Rules weight.wish = 9")
def _(b: Book) -> Expect:
    b.setting("weight.wish", 7)
    r = b.add("Rules", rule="weight.wish", value=9)
    return err("Rules", f"B{r}", "differs from Settings")


# 2. overlapping absences


@case("absence_overlap_both_hours", "two overlapping absences of one person, both with hours")
def _(b: Book) -> Expect:
    b.put("Absence", "hours", "s02", 14)
    r = b.add("Absence", staff="s02", **{"from": day(3), "to": day(3)}, type="sick", hours=7)
    return err("Absence", f"{b.col('Absence', 'hours')}{r}", "two overlapping absences")


@case("absence_overlap_merged", "3 Mar inside 2-4 Mar: accepted, credited once, with a warning")
def _(b: Book) -> Expect:
    r = b.add("Absence", staff="s02", **{"from": day(3), "to": day(3)}, type="sick")
    return err("Absence", f"B{r}", "credited once", exit=0)


# 6. what planners write


@case("wish_from_equals_to", "a wish window 07:00-07:00")
def _(b: Book) -> Expect:
    b.put("Wishes", "from", "s04", "09:00")
    return err("Wishes", b.put("Wishes", "to", "s04", "09:00"), "same time as from")


@case("absence_from_equals_to", "an absence from 2026-01-09 08:00 to 2026-01-09 08:00")
def _(b: Book) -> Expect:
    r = b.add("Absence", staff="s03", **{"from": "2026-01-09 08:00", "to": "2026-01-09 08:00"})
    return err("Absence", f"C{r}", "same moment")


@case("absence_to_before_from", "an absence that ends before it starts")
def _(b: Book) -> Expect:
    r = b.add("Absence", staff="s03", **{"from": day(4), "to": day(2)})
    return err("Absence", f"C{r}", "before from")


@case("rules_hard_yes_on_hard_rule", "Rules max_consecutive_days hard = yes: accepted, a note")
def _(b: Book) -> Expect:
    return err("Rules", b.put("Rules", "hard", "max_consecutive_days", "yes"), "already hard", exit=0)


@case("rules_weight_on_hard_rule", "Rules max_consecutive_days weight 50 while it is hard: a note")
def _(b: Book) -> Expect:
    return err("Rules", b.put("Rules", "weight", "max_consecutive_days", 50), "only counts", exit=0)


# 7. the usual ones


@case("missing_sheet_staff", "no Staff sheet")
def _(b: Book) -> Expect:
    del b.wb["Staff"]
    return err("Staff", None, "sheet is missing")


@case("missing_column_home_area", "Staff without the home_area header")
def _(b: Book) -> Expect:
    b.ws("Staff")["C1"] = None
    return err("Staff", None, "required column")


@case("duplicate_header", "Staff with two name columns (name and naam)")
def _(b: Book) -> Expect:
    letter = get_column_letter(len(COLUMNS["Staff"]) + 1)
    b.ws("Staff")[f"{letter}1"] = "naam"
    return err("Staff", f"{letter}1", "repeats column")


@case("second_staff_sheet", "both a Staff and a Medewerkers sheet")
def _(b: Book) -> Expect:
    ws = b.wb.create_sheet("Medewerkers")
    ws.append(["id", "home_area", "hours_per_week"])
    return err("Medewerkers", None, "second Staff sheet")


@case("merged_header", "Staff header cells C1:D1 merged")
def _(b: Book) -> Expect:
    b.ws("Staff").merge_cells("C1:D1")
    return err("Staff", None, "merged")


@case("bad_date", "Fixed date 2026-13-01")
def _(b: Book) -> Expect:
    return err("Fixed", b.put("Fixed", "date", "s01", "2026-13-01"), "not a valid date")


@case("bad_date_serial", "Fixed date: the number 1e9 formatted as a date (beyond Excel's dates)")
def _(b: Book) -> Expect:
    addr = b.put("Fixed", "date", "s01", 1e9)
    b.ws("Fixed")[addr].number_format = "yyyy-mm-dd"
    return err("Fixed", addr, "beyond the dates Excel knows")


@case("rules_row_sets_nothing", "a Rules row with only a rule key: accepted, a note")
def _(b: Book) -> Expect:
    r = b.add("Rules", rule="max_week_hours")
    return err("Rules", f"A{r}", "sets nothing", exit=0)


@case("bad_date_text", "Staff birth_date 'next year'")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "birth_date", "s03", "next year"), "not a date")


@case("start_date_not_monday", "Settings start_date on a Tuesday")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("start_date", date(2026, 1, 6)), "must be a Monday")


@case("start_date_missing", "Settings without start_date")
def _(b: Book) -> Expect:
    b.ws("Settings").delete_rows(b.row("Settings", "start_date"))
    return err("Settings", None, "start_date")


@case("end_date_not_whole_weeks", "Settings end_date 2026-01-20 instead of weeks")
def _(b: Book) -> Expect:
    b.ws("Settings")[f"A{b.row('Settings', 'weeks')}"] = "end_date"
    return err("Settings", b.setting("end_date", "2026-01-20"), "whole number of weeks")


@case("unknown_settings_key", "Settings key colour")
def _(b: Book) -> Expect:
    r = b.add("Settings", key="colour", value="red")
    return err("Settings", f"A{r}", "not a Settings key")


@case("settings_key_twice", "Settings weeks twice")
def _(b: Book) -> Expect:
    r = b.add("Settings", key="weeks", value=3)
    return err("Settings", f"A{r}", "given twice")


@case("bad_timezone", "Settings timezone Mars/Olympus")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("timezone", "Mars/Olympus"), "time zone")


@case("bad_language", "Settings language fr")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("language", "fr"), "not a language")


@case("bad_shortage", "Settings shortage maybe")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("shortage", "maybe"), "not one of the accepted values")


@case("unknown_area_in_staff", "Staff home_area ZUI")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "home_area", "s03", "ZUI"), "not an area code")


@case("unknown_shift_in_demand", "Demand shift X")
def _(b: Book) -> Expect:
    return err("Demand", b.put("Demand", "shift", 3, "X"), "not a shift code")


@case("unknown_staff_in_absence", "Absence staff s99")
def _(b: Book) -> Expect:
    return err("Absence", b.put("Absence", "staff", "s02", "s99"), "not a staff id")


@case("unknown_staff_in_wishes", "Wishes staff s99")
def _(b: Book) -> Expect:
    return err("Wishes", b.put("Wishes", "staff", "s03", "s99"), "not a staff id")


@case("unknown_shift_in_not_followed_by", "Shifts not_followed_by Q")
def _(b: Book) -> Expect:
    return err("Shifts", b.put("Shifts", "not_followed_by", "N", "Q"), "not in the Shifts sheet")


@case("duplicate_staff_id", "two people with id s01")
def _(b: Book) -> Expect:
    r = b.add("Staff", id="s01", home_area="CEN", hours_per_week=30)
    return err("Staff", f"A{r}", "duplicate id")


@case("duplicate_area_code", "area CEN twice")
def _(b: Book) -> Expect:
    r = b.add("Areas", code="CEN", name="again")
    return err("Areas", f"A{r}", "duplicate code")


@case("bad_day_selector", "Demand days mon-fry")
def _(b: Book) -> Expect:
    return err("Demand", b.put("Demand", "days", 2, "mon-fry"), "not a day")


@case("bad_day_selector_date", "Wishes days 2026-02-30")
def _(b: Book) -> Expect:
    return err("Wishes", b.put("Wishes", "days", "s03", "2026-02-30"), "days")


@case("reserved_code_off", "a shift with code off")
def _(b: Book) -> Expect:
    r = b.add("Shifts", code="off", start="08:00", end="12:00")
    return err("Shifts", f"A{r}", "reserved word")


@case("reserved_code_at", "a staff id with @")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "id", "s04", "s@04"), "reserved word")


@case("reserved_code_star", "an area with code *")
def _(b: Book) -> Expect:
    r = b.add("Areas", code="*", name="all")
    return err("Areas", f"A{r}", "reserved word")


@case("text_in_number", "Staff hours_per_week 36,5u")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "hours_per_week", "s02", "36,5u"), "not a number")


@case("text_in_whole_number", "Shifts break_minutes half")
def _(b: Book) -> Expect:
    return err("Shifts", b.put("Shifts", "break_minutes", "E", "half"), "not a whole number")


@case("ambiguous_thousands", "Settings weight.wish 1.000")
def _(b: Book) -> Expect:
    return err("Settings", b.setting("weight.wish", "1.000"), "ambiguous")


@case("bad_time", "Shifts start 7:3o")
def _(b: Book) -> Expect:
    return err("Shifts", b.put("Shifts", "start", "E", "7:3o"), "not a time")


@case("time_out_of_range", "Demand to 25:00")
def _(b: Book) -> Expect:
    return err("Demand", b.put("Demand", "to", 2, "25:00"), "00:00 to 24:00")


@case("time_off_grid", "Shifts start 07:10 (off the 15-minute grid)")
def _(b: Book) -> Expect:
    return err("Shifts", b.put("Shifts", "start", "E", "07:10"), "grid")


@case("bad_yes_no", "Staff no_nights misschien")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "no_nights", "s02", "misschien"), "not yes or no")


@case("bad_wish_kind", "Wishes kind maybe")
def _(b: Book) -> Expect:
    return err("Wishes", b.put("Wishes", "kind", "s03", "maybe"), "not one of the accepted values")


@case("bad_absence_type", "Absence type holiday")
def _(b: Book) -> Expect:
    return err("Absence", b.put("Absence", "type", "s02", "holiday"), "not one of the accepted values")


@case("empty_required_cell", "Staff home_area empty")
def _(b: Book) -> Expect:
    return err("Staff", b.put("Staff", "home_area", "s04", None), "is empty")


@case("limits_min_above_max", "Limits min 5 above max 4")
def _(b: Book) -> Expect:
    return err("Limits", b.put("Limits", "min", "s01", 5), "more than max")


@case("demand_target_below_min", "Demand target 0 below min 1")
def _(b: Book) -> Expect:
    return err("Demand", b.put("Demand", "target", 2, 0), "below min")


@case("demand_window_and_shift", "Demand row with from/to and a shift")
def _(b: Book) -> Expect:
    b.put("Demand", "shift", 2, "E")
    return err("Demand", f"{b.col('Demand', 'from')}2", "must be empty")


@case("demand_missing_to", "Demand from without to")
def _(b: Book) -> Expect:
    return err("Demand", b.put("Demand", "to", 2, None), "give from and to")


@case("fixed_outside_horizon", "Fixed date after the horizon")
def _(b: Book) -> Expect:
    return err("Fixed", b.put("Fixed", "date", "s01", date(2026, 3, 2)), "outside the horizon")


@case("fixed_twice", "one person pinned twice on a date")
def _(b: Book) -> Expect:
    r = b.add("Fixed", staff="s01", date=day(1), shift="L")
    return err("Fixed", f"B{r}", "pins s01 twice")


@case("history_inside_horizon", "History date on start_date")
def _(b: Book) -> Expect:
    return err("History", b.put("History", "date", "s01", START), "not before start_date")


@case("uncomputed_formula", "Demand target =E2+1 without a saved result")
def _(b: Book) -> Expect:
    return err("Demand", b.put("Demand", "target", 2, "=E2+1"), "formula whose result is not saved")


@case("staff_leaves_before_joining", "Staff end_date before start_date")
def _(b: Book) -> Expect:
    b.put("Staff", "start_date", "s03", date(2026, 1, 12))
    return err("Staff", b.put("Staff", "end_date", "s03", date(2026, 1, 8)), "before start_date")


@case("min_hours_above_max_hours", "Staff min_hours 80 above max_hours 60")
def _(b: Book) -> Expect:
    b.put("Staff", "max_hours", "s03", 60)
    return err("Staff", b.put("Staff", "min_hours", "s03", 80), "more than max_hours")


@case("break_too_short", "Shifts break_minutes 0 on an 8-hour shift")
def _(b: Book) -> Expect:
    return err("Shifts", b.put("Shifts", "break_minutes", "L", 0), "too short")


@case("shift_too_long", "Shifts E 06:00-19:00 (12.5 h of work)")
def _(b: Book) -> Expect:
    b.put("Shifts", "start", "E", "06:00")
    b.put("Shifts", "break_minutes", "E", 45)
    return err("Shifts", b.put("Shifts", "end", "E", "19:00"), "max_shift_hours")


@case("wish_window_and_shift", "Wishes row with a shift and a window")
def _(b: Book) -> Expect:
    b.put("Wishes", "from", "s03", "07:00")
    b.put("Wishes", "to", "s03", "15:00")
    return err("Wishes", f"{b.col('Wishes', 'shift')}{b.row('Wishes', 's03')}", "both given")


@case("wish_missing_to", "Wishes from without to")
def _(b: Book) -> Expect:
    return err("Wishes", b.put("Wishes", "to", "s04", None), "needs both from and to")


@case("not_an_xlsx", "a CSV file saved with the .xlsx extension")
def _(b: Book) -> Expect:
    b.wb = None  # type: ignore[assignment]  # written as text below
    return err(None, None, "not an Excel workbook")


# --------------------------------------------------------------------------- profiles

PROFILES = {
    "broken.toml": b'# a rule profile with a syntax error on line 4\nname = "broken"\n\n'
    b"[shift_length\nmax_shift_hours = 12\n",
    "binary.toml": bytes(range(256)) * 4,
}


def bad_value_profile() -> bytes:
    text = (ROOT / "constraints" / "atw.toml").read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^max_shift_hours = 12$", "max_shift_hours = -4", text)
    assert n == 1
    return text.encode("utf-8")


# --------------------------------------------------------------------------- main


def build(target: Path = CORPUS) -> list[dict[str, Any]]:
    if target.exists():
        shutil.rmtree(target)
    (target / "profiles").mkdir(parents=True)
    for name, data in {**PROFILES, "bad_value.toml": bad_value_profile()}.items():
        (target / "profiles" / name).write_bytes(data)
    manifest = []
    for name, defect, edit in CASES:
        book = Book()
        expect = edit(book)
        path = target / f"{name}.xlsx"
        if book.wb is None:
            path.write_bytes(b"id;name;home_area;hours_per_week\ns01;Person one;CEN;36\n")
        else:
            book.save(path)
        manifest.append(
            {
                "file": path.name,
                "defect": defect,
                "exit": expect.exit,
                "sheet": expect.sheet,
                "cell": expect.cell,
                "keyword": expect.keyword,
            }
        )
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    cases = build()
    print(f"{len(cases)} workbooks written to {CORPUS}")
