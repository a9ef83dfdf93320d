"""`roster demand`: reading reports, the profile, the Demand rows, the CLI and its exit codes."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.demand import DemandParameters, build_plan, read_reports
from roster_solver.demand.profile import (
    Cell,
    erlang_c_people,
    format_dates,
    format_days,
    segments,
    windows,
)
from roster_solver.domain import Area
from roster_solver.errors import InputError
from roster_solver.workbook.reader import read_workbook
from roster_solver.workbook.template import write_input_workbook
from tests.factories import demand, make_problem

runner = CliRunner()
HEADER = "timestamp,area,category,priority,handling_minutes\n"
PARAMS = DemandParameters(productive_fraction=0.25, max_fraction=0.5)


def known_profile(first: date = date(2025, 11, 3), days: int = 57) -> str:
    """CEN: every hour 07–22 one report of 30 minutes (load 0.5); Fridays 18–22 three (1.5)."""
    lines = [HEADER]
    for k in range(days):
        d = first + timedelta(days=k)
        for h in range(7, 22):
            n = 3 if d.weekday() == 4 and h >= 18 else 1
            for i in range(n):
                lines.append(f"{d.isoformat()} {h:02d}:{10 + 15 * i:02d},CEN,noise,2,30\n")
    return "".join(lines)


def write(tmp_path: Path, text: str, name: str = "reports.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rows_of(plan: object) -> list[tuple[object, ...]]:
    return [(r.area, r.days, *list(r.cells().values())[2:6]) for r in plan.rows]  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- the method


def test_known_profile_gives_the_expected_demand_rows(tmp_path: Path) -> None:
    problem = make_problem()
    table = read_reports(write(tmp_path, known_profile()), problem.areas)
    plan = build_plan(table, problem, PARAMS)
    # load 0.5: min max(floor 1, ⌈0.5/0.5⌉) = 1, target ⌈0.5/0.25⌉ = 2; Friday evening load 1.5:
    # min 3, target 6. No reports at night: the city-wide floor of 2 where the shifts (E 07–15,
    # L 15–23, N 23–07) cover the hour, i.e. 06–07 and 22–06.
    assert rows_of(plan) == [
        ("CEN", "mon-thu,sat,sun", "07:00", "22:00", 1, 2),
        ("CEN", "fri", "07:00", "18:00", 1, 2),
        ("CEN", "fri", "18:00", "22:00", 3, 6),
        ("*", "all", "06:00", "07:00", 2, 2),
        ("*", "all", "22:00", "06:00", 2, 2),
    ]
    assert plan.events == []
    cen = plan.profile["CEN"]
    assert cen[0][3].load == pytest.approx(0.5)  # Monday 09:00
    assert cen[4][13].load == pytest.approx(1.5)  # Friday 19:00


def test_floor_and_opening_hours_are_parameters(tmp_path: Path) -> None:
    problem = make_problem()
    table = read_reports(write(tmp_path, known_profile()), problem.areas)
    params = DemandParameters(
        productive_fraction=0.25, max_fraction=0.5, floor=2, night_floor=1, open_from=8 * 60, open_to=20 * 60
    )
    rows = rows_of(build_plan(table, problem, params))
    assert ("CEN", "mon-thu,sat,sun", "08:00", "20:00", 2, 2) in rows
    # after 20:00 the Friday load (min 3 >= own_after_hours 2) keeps a CEN row of its own,
    # so the window runs on to 22:00; the city-wide row counts it too
    assert ("CEN", "fri", "18:00", "22:00", 3, 6) in rows
    assert ("*", "fri", "20:00", "22:00", 3, 6) in rows
    assert ("*", "mon-thu,sat,sun", "20:00", "22:00", 1, 2) in rows


def test_noise_does_not_split_days_or_hours() -> None:
    # equal rates with small noise merge; a real peak (hour 2) stays
    total = [Cell(rate, rate / 2) for rate in (50, 54, 150, 47, 52, 49)]
    merged = segments(total, 100, 3.0)
    assert merged[0] == merged[1] and merged[3] == merged[4] == merged[5]
    assert merged[2].rate == pytest.approx(1.5)
    assert merged[0].rate < 0.6


def test_windows_and_selectors() -> None:
    levels = ((0, 0),) + ((1, 2),) * 5 + ((2, 3),) + ((1, 2),) * 2 + ((0, 0),) * 15
    assert windows(levels) == [(1, 6, 1, 2), (6, 7, 2, 3), (7, 9, 1, 2)]
    assert format_days(range(7)) == "all"
    assert format_days([0, 1, 2, 3, 4]) == "mon-fri"
    assert format_days([4, 5]) == "fri,sat"
    assert format_days([0, 1, 2, 3, 5, 6]) == "mon-thu,sat,sun"
    assert (
        format_dates([date(2027, 2, 7), date(2027, 2, 8), date(2027, 2, 9), date(2027, 2, 20)])
        == "2027-02-07..2027-02-09,2027-02-20"
    )


def test_erlang_c_needs_more_people_for_a_stricter_service_level() -> None:
    loose = erlang_c_people(1.0, 2.0, 0.25, (0.5, 60))
    strict = erlang_c_people(1.0, 2.0, 0.25, (0.95, 5))
    assert loose > 4  # more than the offered load 1.0 / 0.25 = 4 people
    assert strict > loose
    assert erlang_c_people(0.0, 0.0, 0.25, (0.8, 30)) == 0


def test_an_event_date_in_the_history_raises_its_date_in_the_horizon(tmp_path: Path) -> None:
    text = known_profile(date(2024, 12, 2), 84)
    spike = "".join(
        f"2025-01-10 {h:02d}:{m:02d},CEN,event,1,30\n" for h in range(12, 16) for m in range(0, 60, 6)
    )
    problem = make_problem()  # 2026-01-05 .. 2026-01-18
    plan = build_plan(read_reports(write(tmp_path, text + spike), problem.areas), problem, PARAMS)
    assert [(e.area, e.first, e.horizon_dates) for e in plan.events] == [
        ("CEN", date(2025, 1, 10), (date(2026, 1, 10),))
    ]
    # 11 reports of 30 minutes an hour (load 5.5): min 11, target 22; the history date was a
    # Friday, so its evening (Friday nightlife, load 14 reports × 0.5 h / 6 h) comes along.
    assert [r for r in rows_of(plan) if r[1] == "2026-01-10"] == [
        ("CEN", "2026-01-10", "12:00", "16:00", 11, 22),
        ("CEN", "2026-01-10", "16:00", "22:00", 3, 5),
    ]


# --------------------------------------------------------------------------- reading


def test_areas_map_by_code_or_name_and_dutch_headers(tmp_path: Path) -> None:
    areas = [Area(code="CEN", name="Centrum"), Area(code="NRD", name="Noord")]
    text = (
        "Tijdstip;Wijk;Categorie;Afhandeltijd\n"
        "14-3-2026 22:37;Centrum;geluidsoverlast;40\n"
        "2026-03-14T23:05;nrd;afval;\n"
        "2026-03-14 21:00;NRD;afval;12,5\n"
    )
    table = read_reports(write(tmp_path, text), areas)
    assert [(r.when, r.area, r.minutes) for r in table.reports] == [
        (datetime(2026, 3, 14, 22, 37), "CEN", 40.0),
        (datetime(2026, 3, 14, 23, 5), "NRD", None),
        (datetime(2026, 3, 14, 21, 0), "NRD", 12.5),
    ]


def test_bad_rows_are_all_reported_with_their_row_numbers(tmp_path: Path) -> None:
    text = (
        HEADER + "2026-03-14 10:00,CEN,noise,2,30\n"
        "2026-03-14 11:00,XYZ,noise,2,30\n"
        "2026-03-14 12:00,CEN,noise,2,30\n"
        "31-02-2026 10:00,CEN,noise,2,30\n"
        "2026-03-15,CEN,noise,2,30\n"
        "2026-03-15 08:00,CEN,noise,2,half an hour\n"
    )
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        read_reports(path, make_problem().areas)
    messages = [str(i) for i in info.value.errors]
    assert len(messages) == 4
    assert messages[0].startswith('reports.csv!B3 (area): "XYZ"')
    assert messages[1].startswith('reports.csv!A5 (timestamp): "31-02-2026 10:00"')
    assert messages[2].startswith('reports.csv!A6 (timestamp): "2026-03-15" — has no time of day')
    assert messages[3].startswith("reports.csv!E7 (handling_minutes)")
    table = read_reports(path, make_problem().areas, skip_bad_rows=True)
    assert len(table.reports) == 2 and table.skipped_rows == 4


def test_missing_columns_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="has no column timestamp"):
        read_reports(write(tmp_path, "when,area\n2026-01-01 10:00,CEN\n"), make_problem().areas)


# --------------------------------------------------------------------------- the command


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "team.xlsx"
    write_input_workbook(
        path,
        make_problem(
            demand=(
                demand("CEN", "all", "09:00", "12:00", 1, skill="dog"),
                demand("CEN", "all", "08:00", "12:00", 5),
            )
        ),
    )
    return path


def test_cli_writes_a_demand_sheet_the_reader_accepts(tmp_path: Path, workbook: Path) -> None:
    reports = write(tmp_path, known_profile())
    before = hashlib.sha256(workbook.read_bytes()).hexdigest()
    out = tmp_path / "demand.xlsx"
    result = runner.invoke(
        app,
        [
            "demand",
            str(reports),
            "--input",
            str(workbook),
            "-o",
            str(out),
            "--productive",
            "0.25",
            "--max-fraction",
            "0.5",
        ],
    )
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Demand", "Profile", "Events", "Parameters"]
    rows = list(wb["Demand"].iter_rows(values_only=True))
    assert rows[0] == ("area", "days", "from", "to", "min", "target", "note")
    assert rows[3][:6] == ("CEN", "fri", "18:00", "22:00", 3, 6)
    assert len(wb["Profile"]._charts) == 2  # CEN and city-wide
    assert hashlib.sha256(workbook.read_bytes()).hexdigest() == before


def test_cli_merge_replaces_the_demand_rows_and_keeps_skill_rows(tmp_path: Path, workbook: Path) -> None:
    reports = write(tmp_path, known_profile())
    before = workbook.read_bytes()
    out = tmp_path / "merged.xlsx"
    result = runner.invoke(
        app,
        [
            "demand",
            str(reports),
            "--input",
            str(workbook),
            "-o",
            str(out),
            "--merge",
            "--productive",
            "0.25",
            "--max-fraction",
            "0.5",
        ],
    )
    assert result.exit_code == 0, result.output
    assert workbook.read_bytes() == before
    merged = read_workbook(out)
    plain = [(d.area, d.days.text, d.start, d.end, d.min, d.target) for d in merged.demand if d.skill is None]
    assert ("CEN", "fri", 18 * 60, 22 * 60, 3, 6) in plain
    assert all(d.min != 5 for d in merged.demand)  # the old hand-made row is gone
    assert [d.skill for d in merged.demand if d.skill] == ["dog"]
    assert len(merged.staff) == len(read_workbook(workbook).staff)


def test_cli_bad_rows_exit_1_unless_skipped(tmp_path: Path, workbook: Path) -> None:
    text = known_profile() + "2026-01-01 10:00,XYZ,noise,2,30\nyesterday,CEN,noise,2,30\n"
    reports = write(tmp_path, text)
    n = text.count("\n")
    out = tmp_path / "demand.xlsx"
    result = runner.invoke(app, ["demand", str(reports), "--input", str(workbook), "-o", str(out)])
    assert result.exit_code == 1
    assert f"reports.csv!B{n - 1} (area)" in result.output
    assert f"reports.csv!A{n} (timestamp)" in result.output
    assert not out.exists()
    result = runner.invoke(
        app, ["demand", str(reports), "--input", str(workbook), "-o", str(out), "--skip-bad-rows"]
    )
    assert result.exit_code == 0, result.output
    assert "skipped 2 report rows" in result.output
    assert out.exists()


def test_cli_usage_errors_exit_2(tmp_path: Path, workbook: Path) -> None:
    reports = write(tmp_path, known_profile())
    base = ["demand", str(reports), "--input", str(workbook)]
    assert runner.invoke(app, [*base, "-o", str(workbook)]).exit_code == 2
    assert runner.invoke(app, [*base, "-o", str(tmp_path / "x.csv")]).exit_code == 2
    target = ["-o", str(tmp_path / "x.xlsx")]
    assert runner.invoke(app, [*base, *target, "--service-level", "fast"]).exit_code == 2
    assert runner.invoke(app, [*base, "-o", str(tmp_path / "x.xlsx"), "--open", "22-07"]).exit_code == 2
    assert (
        runner.invoke(
            app, [*base, "-o", str(tmp_path / "x.xlsx"), "--productive", "0.6", "--max-fraction", "0.4"]
        ).exit_code
        == 2
    )
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_service_level_targets_by_erlang_c(tmp_path: Path, workbook: Path) -> None:
    reports = write(tmp_path, known_profile())
    out = tmp_path / "erlang.xlsx"
    result = runner.invoke(
        app,
        [
            "demand",
            str(reports),
            "--input",
            str(workbook),
            "-o",
            str(out),
            "--service-level",
            "90/10",
            "--productive",
            "0.25",
            "--max-fraction",
            "0.5",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(out)["Demand"].iter_rows(values_only=True))[1:]
    # Erlang C asks more than the workload rule's 2 and 6 (a queue needs spare capacity)
    assert rows[0][:6] == (
        "CEN",
        "mon-thu,sat,sun",
        "07:00",
        "22:00",
        1,
        erlang_c_people(0.5, 1.0, 0.25, (0.9, 10)),
    )
    assert rows[0][5] > 2


def test_cli_missing_reports_file_exits_1(tmp_path: Path, workbook: Path) -> None:
    result = runner.invoke(
        app, ["demand", str(tmp_path / "none.csv"), "--input", str(workbook), "-o", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 1
    assert "none.csv" in result.output


def test_reports_from_an_xlsx_sheet_with_date_time_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Meldingen"
    ws.append(["Datum", "Tijd", "Wijk"])
    ws.append([date(2026, 3, 14), "22:37", "CEN"])
    ws.append([date(2026, 3, 14), "25:00", "CEN"])
    path = tmp_path / "meldingen.xlsx"
    wb.save(path)
    table = read_reports(path, make_problem().areas, skip_bad_rows=True)
    assert [(r.row, r.when) for r in table.reports] == [(2, datetime(2026, 3, 14, 22, 37))]
    assert [str(i.where) for i in table.skipped] == ["meldingen.xlsx!A3 (date)"]
