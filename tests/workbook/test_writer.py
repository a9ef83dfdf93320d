"""The output workbook: sheets, headers, values, privacy, totals, run record and atomic writing."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from roster_solver.check import CheckReport
from roster_solver.domain import Absence
from roster_solver.outputs import OutputError
from roster_solver.roster import Penalty, SolveResult, Status, Violation
from roster_solver.workbook import writer
from roster_solver.workbook.writer import (
    ASSIGNMENT_COLUMNS,
    COVERAGE_COLUMNS,
    PENALTY_COLUMNS,
    PEOPLE_COLUMNS,
    irregular_hours,
    write_output_workbook,
)
from tests.factories import START, day, demand, make_problem, person, roster

WINDOWS = ("weekday_early", "weekday_evening", "weekday_night", "weekend_holiday")


def _problem():
    return make_problem(
        staff=[person("a"), person("b"), person("c", area="NRD", hours=24, all_areas=True)],
        areas=("CEN", "NRD"),
        weeks=1,
        demand=[demand("CEN", start="08:00", end="12:00", min=1, target=2)],
        absences=[Absence(staff="b", start_date=day(2), end_date=day(2), type="sick")],
    )


def _roster():
    return roster(
        ("a", 0, "N"),  # Mon 23:00 – Tue 07:00
        ("b", 0, "E"),
        ("a", 3, "E", "NRD"),  # outside the home area
        ("c", 4, "N", "NRD"),  # Fri 23:00 – Sat 07:00
        ("c", 5, "L", "CEN"),  # Saturday, outside the home area
    )


PENALTIES = [
    Penalty(
        "coverage",
        6000,
        1.0,
        "CEN is one person short of target on Mon 08:00-12:00",
        staff=None,
        date=day(0),
        area="CEN",
    ),
    Penalty("coverage", 1230, 0.2, "CEN short", date=day(1), area="CEN"),
    Penalty("home_area", 180, 1, "a works outside the home area", staff="a", date=day(3), area="NRD"),
]
OBJECTIVE = 6000 + 1230 + 180


def _write(tmp_path: Path, lang: str | None = None, extra=None, name: str = "out.xlsx", violations=()):
    problem = _problem()
    inp = tmp_path / "input.xlsx"
    if not inp.exists():
        inp.write_bytes(b"pretend workbook bytes")
    result = SolveResult(
        Status.FEASIBLE,
        _roster(),
        objective=OBJECTIVE,
        bound=6000,
        seconds=1.234,
        first_solution_seconds=0.5,
        workers=2,
        seed=7,
    )
    report = CheckReport(violations=list(violations), penalties=list(PENALTIES))
    out = tmp_path / name
    write_output_workbook(out, problem, result, report, input_path=inp, lang=lang, extra=extra)
    return out, inp


def _rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_sheet_names_en_and_nl(tmp_path):
    out, _ = _write(tmp_path)
    assert load_workbook(out).sheetnames == [
        "Roster",
        "Areas by day",
        "Assignments",
        "Coverage",
        "People",
        "Penalties",
        "Run",
    ]
    out_nl, _ = _write(tmp_path, lang="nl", name="uit.xlsx")
    assert load_workbook(out_nl).sheetnames == [
        "Rooster",
        "Wijken per dag",
        "Inzet",
        "Dekking",
        "Personen",
        "Afwijkingen",
        "Run",
    ]


def test_assignments_headers_and_night_row(tmp_path):
    out, _ = _write(tmp_path)
    rows = _rows(load_workbook(out)["Assignments"])
    assert tuple(rows[0]) == (*ASSIGNMENT_COLUMNS, *WINDOWS)
    assert len(rows) == 1 + 5
    by_key = {(r[0], r[2].date(), r[3]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    night = by_key[("a", START, "N")]
    assert night["name"] == "Person a"
    assert night["area"] == "CEN"
    assert night["start"] == datetime(2026, 1, 5, 23, 0)
    assert night["end"] == datetime(2026, 1, 6, 7, 0)
    assert night["paid_hours"] == 7.5
    assert night["night_hours"] == 6.0
    assert night["weekend"] == "no" and night["holiday"] == "no"
    # 23:00–06:00 weekday night (7 of 8 elapsed hours), 06:00–07:00 Tuesday early (1 of 8).
    assert [night[w] for w in WINDOWS] == [0.9375, 0, 6.5625, 0]
    assert sum(night[w] for w in WINDOWS) == night["paid_hours"]


def test_irregular_windows_overlap_counts_once_in_the_last_listed(tmp_path):
    out, _ = _write(tmp_path)
    rows = _rows(load_workbook(out)["Assignments"])
    fri = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == "c" and r[3] == "N")
    # Friday 23:00–24:00 is weekday night; Saturday 00:00–07:00 is weekend (listed last).
    assert [fri[w] for w in WINDOWS] == [0, 0, 0.9375, 6.5625]
    sat = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == "c" and r[3] == "L")
    assert sat["weekend"] == "yes"
    assert sat["area"] == "CEN"
    assert [sat[w] for w in WINDOWS] == [0, 0, 0, 7.5]


def test_irregular_split_rounds_to_paid_hours_and_dst_night():
    from tests.factories import make_problem as mk
    from tests.factories import shift

    # 2026-10-25: clocks go back at 03:00, so Saturday's night shift lasts 9 elapsed hours.
    pb = mk(
        start=date(2026, 10, 19),
        weeks=1,
        shifts=[shift("N", "23:00", "07:00"), shift("X", "05:20", "13:00", brk=40)],
    )
    inst = pb.instance("N", 5)
    assert (inst.duration, inst.work, inst.night_minutes) == (540, 510, 420)
    split = irregular_hours(pb, inst)
    assert split == {"weekday_early": 0, "weekday_evening": 0, "weekday_night": 0, "weekend_holiday": 8.5}
    # A weekday 05:20–13:00 with a 40-minute break: shares are not exact in 1/10000 h,
    # yet the windows plus the regular rest still sum exactly to the paid hours.
    x = pb.instance("X", 1)  # Tuesday: Monday's 22:00–06:00 window runs into it
    split = irregular_hours(pb, x)
    assert split["weekday_night"] == pytest.approx(40 * 420 / 460 / 60, abs=1e-4)
    assert split["weekday_early"] == pytest.approx(120 * 420 / 460 / 60, abs=1e-4)
    regular = 300 * 420 / 460 / 60
    assert round(split["weekday_night"] + split["weekday_early"] + regular, 4) == 7.0


def test_roster_grid_absent_area_marker_and_totals(tmp_path):
    out, _ = _write(tmp_path)
    wb = load_workbook(out)
    ws = wb["Roster"]
    rows = _rows(ws)
    header = rows[0]
    assert header[:4] == ["staff", "name", "area", "Mon 05-01"]
    assert header[9] == "Sun 11-01"
    assert header[10:] == ["hours wk 1", "hours", "target", "difference", "nights", "weekend days", "Sundays"]
    grid = {r[0]: r for r in rows[1:4]}
    assert list(grid) == ["a", "b", "c"]  # grouped by home area: CEN first, then NRD
    assert rows[4] == [None] * len(header)  # a blank row, then the headcount and the legend
    assert grid["a"][3:10] == ["N", None, None, "E@NRD", None, None, None]
    assert grid["b"][3:10] == ["E", None, "absent", None, None, None, None]
    assert grid["c"][3:10] == [None, None, None, None, "N", "L@CEN", None]
    assert grid["a"][10:] == [15.0, 15.0, 36.0, -21.0, 1, 0, 0]
    assert grid["c"][10:] == [15.0, 15.0, 24.0, -9.0, 1, 1, 0]
    assert ws.freeze_panes == "D2"
    # weekend column shaded, shift cells coloured by shift, absence grey
    assert ws["I1"].fill.fgColor.rgb.endswith("EDEDED")
    assert ws["I2"].fill.fgColor.rgb.endswith("EDEDED")
    assert ws["D2"].fill.fgColor.rgb != ws["G2"].fill.fgColor.rgb  # N vs E
    assert ws["F3"].fill.fgColor.rgb.endswith("D0CECE")


def test_dutch_labels(tmp_path):
    out, _ = _write(tmp_path, lang="nl")
    wb = load_workbook(out)
    rows = _rows(wb["Rooster"])
    assert rows[0][3] == "ma 05-01"
    assert rows[0][9] == "zo 11-01"
    b_row = next(r for r in rows if r[0] == "b")
    assert b_row[5] == "afwezig"
    inzet = _rows(wb["Inzet"])
    assert inzet[0][:5] == ["medewerker", "naam", "datum", "dienst", "wijk"]
    from roster_solver.workbook.reader import read_assignments

    assert read_assignments(out, _problem()) == _roster()  # the reader knows the Dutch headers
    assert {r[9] for r in inzet[1:]} == {"ja", "nee"}


def test_no_absence_reason_and_names_only_in_name_columns(tmp_path):
    out, _ = _write(tmp_path)
    wb = load_workbook(out)
    name_columns = {"Roster": 2, "Assignments": 2, "People": 2}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                text = str(cell.value or "")
                assert "sick" not in text.lower()
                if any(f"Person {x}" in text for x in "abc"):
                    assert name_columns.get(ws.title) == cell.column, (ws.title, cell.coordinate)


def test_coverage_long_table_and_hour_map(tmp_path):
    out, _ = _write(tmp_path)
    ws = load_workbook(out)["Coverage"]
    rows = _rows(ws)
    assert tuple(rows[0][:12]) == COVERAGE_COLUMNS
    table = [dict(zip(COVERAGE_COLUMNS, r[:12], strict=True)) for r in rows[1:] if r[0]]
    assert len(table) == 7  # one 08:00–12:00 window per day
    mon = table[0]
    assert (mon["area"], mon["skill"], mon["date"].date()) == ("CEN", None, START)
    assert (mon["slot_start"], mon["slot_end"]) == (datetime(2026, 1, 5, 8), datetime(2026, 1, 5, 12))
    assert (mon["min"], mon["target"], mon["planned"]) == (1, 2, 1)
    assert (mon["short_of_min"], mon["short_of_target"], mon["over_max"]) == (0, 1, 0)
    assert [t["short_of_min"] for t in table] == [0, 1, 1, 1, 1, 1, 1]
    # the hour map: find Monday's block, then the CEN row, hour 08 is orange (below target)
    title = next(c for r in ws.iter_rows() for c in r if c.value == "Mon 05-01-2026")
    head = ws.cell(row=title.row + 1, column=title.column)
    assert head.value == "area"
    assert ws.cell(row=title.row + 1, column=title.column + 1 + 8).value == "08"
    cen = ws.cell(row=title.row + 2, column=title.column)
    assert cen.value == "CEN"
    h08 = ws.cell(row=cen.row, column=cen.column + 1 + 8)
    assert h08.value == 1 and h08.fill.fgColor.rgb.endswith("FFC000")
    assert ws.cell(row=cen.row, column=cen.column + 1 + 7).value is None
    tue = next(c for r in ws.iter_rows() for c in r if c.value == "Tue 06-01-2026")
    h08 = ws.cell(row=tue.row + 2, column=tue.column + 1 + 8)
    assert h08.value == 0 and h08.fill.fgColor.rgb.endswith("FF7C80")


def test_people_sheet_with_extra_columns(tmp_path):
    extra = {"people": {"a": {"wishes_granted": 2, "wishes_refused": 1, "fair_nights_share": 1.234}}}
    out, _ = _write(tmp_path, extra=extra)
    rows = _rows(load_workbook(out)["People"])
    assert tuple(rows[0]) == (
        "staff",
        "name",
        "home area",
        "hours per week",
        "target hours",
        "planned hours",
        "difference",
        "nights",
        "evenings",
        "weekend days",
        "Sundays",
        "wishes granted",
        "wishes refused",
        "fair nights share",
    )
    keys = (*PEOPLE_COLUMNS, "fair_nights_share")  # readable headers, in this order
    people = {r[0]: dict(zip(keys, r, strict=True)) for r in rows[1:4]}
    a, c = people["a"], people["c"]
    assert (a["target_hours"], a["planned_hours"], a["difference"]) == (36.0, 15.0, -21.0)
    assert (a["nights"], a["evenings"], a["weekend_days"], a["sundays"]) == (1, 0, 0, 0)
    assert (a["wishes_granted"], a["wishes_refused"], a["fair_nights_share"]) == (2, 1, 1.23)
    assert (c["nights"], c["evenings"], c["weekend_days"]) == (1, 1, 1)
    assert c["wishes_granted"] is None and c["fair_nights_share"] is None


def test_penalties_rows_and_totals_equal_objective(tmp_path):
    out, _ = _write(tmp_path)
    rows = _rows(load_workbook(out)["Penalties"])
    assert tuple(rows[0][:7]) == PENALTY_COLUMNS
    assert rows[1][:6] == ["coverage", None, datetime(2026, 1, 5), "CEN", 1.0, 100.0]
    assert rows[3][:6] == ["home_area", "a", datetime(2026, 1, 8), "NRD", 1, 3.0]
    assert rows[4][:7] == [None] * 7
    # the summary per rule family at the top right: largest first, with shares
    assert rows[0][8] == "per rule family (largest first)"
    assert rows[1][8:] == ["rule family", "deviations", "points", "share"]
    assert rows[2][8:11] == ["coverage", 2, 120.5] and rows[3][8:11] == ["home_area", 1, 3.0]
    assert rows[2][11] == pytest.approx(120.5 / 123.5)
    assert rows[4][8:11] == ["total", 3, 123.5]
    assert rows[5][:2] == ["rule", "total cost"]  # the per-rule total below the table stays
    assert rows[6][:2] == ["coverage", 120.5]
    assert rows[7][:2] == ["home_area", 3.0]
    assert rows[8][:2] == ["total", 123.5]
    assert rows[8][1] == OBJECTIVE / 60
    assert len(rows) == 9  # no mismatch line


def test_run_sheet_records_input_hash_and_result(tmp_path):
    out, inp = _write(tmp_path, violations=[Violation("x", "broken")])
    run = dict(r[:2] for r in _rows(load_workbook(out)["Run"])[1:])
    assert run["input_sha256"] == hashlib.sha256(b"pretend workbook bytes").hexdigest()
    assert run["input_file"] == "input.xlsx"
    assert run["input_path"] == str(inp.resolve())
    assert (run["status"], run["objective"], run["best_bound"]) == ("FEASIBLE", 123.5, 100.0)
    assert run["gap"] == round((OBJECTIVE - 6000) / OBJECTIVE, 6)
    assert (run["seconds"], run["time_to_first_roster"], run["workers"], run["seed"]) == (1.23, 0.5, 2, 7)
    assert run["rule_profile"] == "atw"
    assert run["overridden_rules"] == "none" and run["allow_below_law"] == "no"
    assert (run["hard_violations"], run["check"]) == (1, "failed")
    assert run["tool_version"] == writer.__version__
    assert datetime.fromisoformat(run["run_at"]).tzinfo is not None
    assert writer.read_run_sheet(out)["input_sha256"] == run["input_sha256"]


def test_refuses_to_overwrite_the_input(tmp_path):
    problem = _problem()
    inp = tmp_path / "input.xlsx"
    inp.write_bytes(b"original")
    result = SolveResult(Status.OPTIMAL, _roster(), objective=0, bound=0)
    with pytest.raises(ValueError, match="input workbook"):
        write_output_workbook(tmp_path / "." / "input.xlsx", problem, result, CheckReport(), input_path=inp)
    assert inp.read_bytes() == b"original"


def test_failure_mid_write_leaves_existing_output_untouched(tmp_path, monkeypatch):
    out, _ = _write(tmp_path)
    before = out.read_bytes()

    def broken_save(wb, target):
        Path(target).write_bytes(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(writer, "_save", broken_save)
    with pytest.raises(OutputError, match="disk full"):
        _write(tmp_path)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.xlsx", "out.xlsx"]
    with pytest.raises(OutputError, match="disk full"):
        _write(tmp_path, name="new.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.xlsx", "out.xlsx"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_assignments_read_back(tmp_path, lang):
    from roster_solver.workbook.reader import read_assignments

    out, _ = _write(tmp_path, lang=lang)
    assert read_assignments(out, _problem()).assignments == _roster().assignments


def test_hour_map_shows_people_not_slack_where_only_a_skill_row_applies(tmp_path):
    # QA: an area × hour with only a skill requirement (min 1) showed planned − min (1 → 0),
    # while the legend promises the fewest people planned in that hour.
    problem = make_problem(
        staff=[person("a", skills=("coord",)), person("b", skills=("coord",))],
        weeks=1,
        demand=[demand("*", start="08:00", end="12:00", min=1, skill="coord")],
    )
    result = SolveResult(Status.FEASIBLE, roster(("a", 0, "E"), ("b", 0, "E")), objective=0, bound=0)
    out = tmp_path / "out.xlsx"
    write_output_workbook(out, problem, result, CheckReport(), input_path=None)
    ws = load_workbook(out)["Coverage"]
    table = [r for r in _rows(ws)[1:] if r[0] == "*"]
    assert table[0][7] == 2  # planned
    title = next(c for r in ws.iter_rows() for c in r if c.value == "Mon 05-01-2026")
    star = ws.cell(row=title.row + 2, column=title.column)
    assert star.value == "city-wide"  # the map says city-wide for `*`
    assert ws.cell(row=star.row, column=star.column + 1 + 8).value == 2


def test_output_folder_is_created(tmp_path):
    out, _ = _write(tmp_path, name="new/folder/out.xlsx")
    assert out.is_file() and load_workbook(out).sheetnames[0] == "Roster"
    assert [p.name for p in out.parent.iterdir()] == ["out.xlsx"]
