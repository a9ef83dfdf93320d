"""Every workbook the tool writes stores text as text: the diagnosis, the demand workbook and
its merged copy, the capacity sheet, a repaired roster's Changes sheet, a converted benchmark.
Codes and names that start like a formula (``=A1``, ``=2+5``) must come out as text."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.domain import Absence, Fixed, StaffMember
from roster_solver.workbook.template import LISTS_SHEET, write_input_workbook
from tests.books import live_cells, write_books
from tests.factories import START, demand, make_problem, roster

runner = CliRunner()
AREA = "=A1"
LISTS = tuple(LISTS_SHEET.values())


def people(*ids: str) -> tuple[StaffMember, ...]:
    return tuple(StaffMember(id=i, name=f"-{i}", home_area=AREA, hours_per_week=36) for i in ids)


def texts(path: Path) -> set[str]:
    wb = load_workbook(path)
    return {
        c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    }


def test_the_diagnosis_workbook(tmp_path: Path) -> None:
    pin_day = START + timedelta(days=2)
    pb = make_problem(
        areas=(AREA,),
        staff=people("=2+5", "+31"),
        weeks=1,
        demand=(demand(AREA, "weekdays", "08:00", "12:00", min=1),),
        absences=(Absence(staff="=2+5", start_date=pin_day, end_date=pin_day),),
        fixed=(Fixed(staff="=2+5", date=pin_day, shift="E"),),
    )
    team = tmp_path / "team.xlsx"
    write_input_workbook(team, pb)
    why = tmp_path / "why.xlsx"
    r = runner.invoke(app, ["validate", str(team), "--report", str(why)])
    assert r.exit_code == 3, r.output
    assert live_cells(why) == []
    assert any("=2+5" in t for t in texts(why))


def test_the_demand_workbook_and_its_merged_copy(tmp_path: Path) -> None:
    team = tmp_path / "team.xlsx"
    write_input_workbook(
        team,
        make_problem(areas=(AREA,), staff=people("a"), demand=(demand(AREA, "all", "08:00", "12:00", 1),)),
    )
    lines = ["timestamp,area,category,priority,handling_minutes"]
    day = START - timedelta(days=60)
    for k in range(56):
        for h in range(8, 20):
            lines.append(f"{day + timedelta(days=k)} {h:02d}:15,{AREA},=cmd|' /C calc'!A0,2,30")
    reports = tmp_path / "reports.csv"
    reports.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for extra, name in (([], "demand.xlsx"), (["--merge"], "merged.xlsx")):
        out = tmp_path / name
        r = runner.invoke(app, ["demand", str(reports), "--input", str(team), "-o", str(out), *extra])
        assert r.exit_code == 0, r.output
        assert live_cells(out, allowed_sheets=LISTS) == []
        assert AREA in texts(out)


def test_the_input_workbook_of_a_converted_benchmark(tmp_path: Path) -> None:
    instance = tmp_path / "Instance0.txt"
    instance.write_text(
        "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\n+D,480,\n\n"
        "SECTION_STAFF\n=2+5,+D=7,2400,0,7,1,1,1\n-B07,+D=7,2400,0,7,1,1,1\n\n"
        "SECTION_DAYS_OFF\n\nSECTION_SHIFT_ON_REQUESTS\n\nSECTION_SHIFT_OFF_REQUESTS\n\n"
        "SECTION_COVER\n" + "".join(f"{d},+D,1,100,1\n" for d in range(7)),
        encoding="utf-8",
    )
    out = tmp_path / "Instance0.xlsx"
    r = runner.invoke(app, ["convert", str(instance), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert live_cells(out, allowed_sheets=LISTS) == []
    assert {"=2+5", "-B07", "+D"} <= texts(out)


def test_the_capacity_sheet_and_a_repaired_roster(tmp_path: Path) -> None:
    pb = make_problem(
        areas=(AREA,),
        staff=people("=2+5", "-B07"),
        weeks=1,
        demand=(demand(AREA, "weekdays", "08:00", "12:00", min=2),),
    )
    team, published = write_books(tmp_path, pb, roster(("=2+5", 0, "E", AREA), ("-B07", 0, "E", AREA)))
    cap = tmp_path / "cap.xlsx"
    r = runner.invoke(
        app, ["capacity", str(team), "-o", str(cap), "--time-limit", "3", "--workers", "2", "--quiet"]
    )
    assert r.exit_code in (0, 4), r.output
    assert live_cells(cap) == [] and AREA in texts(cap)
    v2 = tmp_path / "v2.xlsx"
    r = runner.invoke(
        app,
        [
            "repair",
            str(team),
            "--published",
            str(published),
            "-o",
            str(v2),
            "--time-limit",
            "3",
            "--workers",
            "2",
            "--quiet",
            "--today",
            START.isoformat(),
        ],
    )
    assert r.exit_code == 0, r.output
    assert live_cells(v2) == []
    assert {"=2+5", "-B07"} <= texts(v2)
