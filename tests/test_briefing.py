"""`roster briefing`: per area and shift who is on duty, the coordinator, the Demand notes at
their times and the last weeks' incident reports, on the bundled example (a hand-made roster:
no solver)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster_solver.briefing import briefing_data, briefing_html, demand_notes
from roster_solver.check import CheckReport
from roster_solver.cli import app
from roster_solver.commands import briefing as briefing_cmd
from roster_solver.demand.reports import read_reports
from roster_solver.example import example_problem
from roster_solver.roster import Assignment, Roster, SolveResult, Status
from roster_solver.workbook.writer import write_output_workbook

ROOT = Path(__file__).resolve().parents[1]
SAT = date(2027, 2, 6)
runner = CliRunner()


@pytest.fixture(scope="module")
def problem():
    return example_problem()


@pytest.fixture(scope="module")
def roster(problem):
    """Everyone present works one shift on Saturday in their home area (E, L, EV, N in turn),
    the coordinators E."""
    out = []
    codes = ("E", "L", "EV", "N")
    for i, p in enumerate(problem.staff):
        k = problem.day_index(SAT)
        if problem.absent_on(p.id, k):
            continue
        code = "E" if "coordinator" in p.skills else codes[i % 4]
        out.append(Assignment(p.id, SAT, code, p.home_area))
    return Roster.of(out)


def _pages(html: str) -> dict[str, str]:
    return dict(re.findall(r'<section class="page" data-area="([^"]+)">(.*?)</section>', html, re.S))


def _rows(page: str) -> dict[str, tuple[list[str], list[str]]]:
    """Shift cell → (staff ids on duty, the notes listed with the shift)."""
    out = {}
    for shift, people, notes in re.findall(
        r'<tr><td class="t">([^<]+)</td><td class="p">(.*?)</td><td><ul>(.*?)</ul>', page, re.S
    ):
        ids = [x.split()[0] for x in people.split("<br>") if x]
        out[shift] = (ids, re.findall(r'<li data-start="[^"]+">([^<]+)</li>', notes))
    return out


def test_demand_notes_appear_at_their_times(problem, roster):
    html = briefing_html(briefing_data(problem, roster, SAT))
    cen = _pages(html)["CEN"]
    rows = _rows(cen)
    early, late = rows["E 07:00\u201315:00"], rows["L 14:00\u201322:00"]
    # the Saturday market (08:00-14:00) is in the early shift's hours, not the evening's
    assert "08:00\u201314:00 Saturday market \u2014 min 3" in early[1]
    assert not any("Saturday market" in n for n in rows["EV 17:00\u201301:00"][1])
    # the nightlife window runs past midnight; the late shift (until 22:00) sees it start
    assert "18:00\u201301:00 nightlife \u2014 min 3, target 4" in late[1]
    assert not any("nightlife" in n for n in early[1])
    # city-wide nights are named as such on the night shift
    night = rows["N 22:00\u201306:00"][1]
    assert any(n.startswith("22:00\u201306:00 city-wide night (city-wide)") for n in night)
    # every Demand note of the day is in the day's list, at its times
    listed = re.findall(r'<ul class="notes">(.*?)</ul>', cen, re.S)[0]
    for note in demand_notes(problem, SAT):
        if note.area in ("CEN", "*"):
            assert f"{note.times} {note.text}" in listed


def test_people_per_area_and_shift_equal_the_roster(problem, roster):
    html = briefing_html(briefing_data(problem, roster, SAT))
    pages = _pages(html)
    assert list(pages) == [a.code for a in problem.areas]
    for area, page in pages.items():
        listed = {(shift.split()[0], sid) for shift, (ids, _) in _rows(page).items() for sid in ids}
        expected = {(a.shift, a.staff) for a in roster.assignments if a.area == area}
        assert listed == expected, area
    coord = {p.id for p in problem.staff if "coordinator" in p.skills}
    on = [a.staff for a in roster.assignments if a.staff in coord]
    block = re.findall(r'<ul class="coordinator">(.*?)</ul>', pages["NRD"], re.S)[0]
    assert on and all(f"{sid} " in block for sid in on)


def test_reports_of_the_last_weeks_per_area_and_shift_hours(problem, roster):
    table = read_reports(ROOT / "data" / "reports.csv", problem.areas, skip_bad_rows=True)
    b = briefing_data(problem, roster, SAT, area="CEN", reports=table.reports, weeks=4)
    assert b.report_period == (date(2027, 1, 4), date(2027, 1, 31))  # the file ends on 31 January
    early = next(s for s in b.pages[0].shifts if s.duty.shift == "E")
    expected = [
        r
        for r in table.reports
        if r.area == "CEN"
        and date(2027, 1, 4) <= r.when.date() <= date(2027, 1, 31)
        and 7 * 60 <= r.when.hour * 60 + r.when.minute < 15 * 60
    ]
    assert early.reports is not None and early.reports.count == len(expected) > 0
    html = briefing_html(b)
    assert f"{len(expected)} reports; busiest hour" in html


def test_dutch_briefing(problem, roster):
    html = briefing_html(briefing_data(problem, roster, SAT, area="CEN", lang="nl"))
    assert "Coördinator van dienst (hele stad)" in html and "Hotspots en evenementen vandaag" in html
    assert "Coordinator on duty" not in html


@pytest.fixture(scope="module")
def roster_file(problem, roster, tmp_path_factory):
    path = tmp_path_factory.mktemp("briefing") / "roster.xlsx"
    write_output_workbook(
        path,
        problem,
        SolveResult(Status.FEASIBLE, roster, objective=0),
        CheckReport(violations=[], penalties=[]),
        input_path=None,
    )
    return path


def test_command_writes_one_page_per_area(roster_file, tmp_path):
    target = tmp_path / "b.html"
    res = runner.invoke(
        app,
        [
            "briefing",
            str(roster_file),
            "--input",
            str(ROOT / "examples" / "example.xlsx"),
            "--date",
            "6-2-2027",
            "--area",
            "CEN",
            "-o",
            str(target),
        ],
    )
    assert res.exit_code == 0, res.output
    assert len(_pages(target.read_text())) == 1
    assert "Saturday market" in target.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2027-03-06"], "outside the roster's horizon"),
        (["--date", "yesterday"], "is not a date"),
        (["--date", "2027-02-06", "--area", "XXX"], "is not an area"),
        (["--date", "2027-02-06", "-o", "b.txt"], "must end in .html, .htm or .pdf"),
    ],
)
def test_command_usage_errors(roster_file, tmp_path, args, message):
    res = runner.invoke(
        app, ["briefing", str(roster_file), "--input", str(ROOT / "examples" / "example.xlsx"), *args]
    )
    assert res.exit_code == 2 and message in res.output


def test_pdf_without_chromium_says_so(roster_file, tmp_path, monkeypatch):
    monkeypatch.setattr(briefing_cmd, "chromium", lambda: None)
    res = runner.invoke(
        app,
        [
            "briefing",
            str(roster_file),
            "--input",
            str(ROOT / "examples" / "example.xlsx"),
            "--date",
            "2027-02-06",
            "-o",
            str(tmp_path / "b.pdf"),
        ],
    )
    assert res.exit_code == 2 and "chromium, which is not installed" in res.output
    assert not (tmp_path / "b.pdf").exists()


def test_lang_option_for_the_briefing_and_the_report(roster_file, tmp_path):
    example = str(ROOT / "examples" / "example.xlsx")
    target = tmp_path / "b.html"
    res = runner.invoke(
        app,
        [
            "briefing",
            str(roster_file),
            "--input",
            example,
            "--date",
            "2027-02-06",
            "--area",
            "CEN",
            "--lang",
            "nl",
            "-o",
            str(target),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "Coördinator van dienst" in target.read_text()
    page = tmp_path / "r.html"
    res = runner.invoke(
        app, ["report", str(roster_file), "--input", example, "--lang", "nl", "-o", str(page)]
    )
    assert res.exit_code == 0, res.output
    assert "Wie is waar, per dag" in page.read_text() and 'lang="nl"' in page.read_text()
    res = runner.invoke(
        app, ["report", str(roster_file), "--input", example, "--lang", "de", "-o", str(page)]
    )
    assert res.exit_code == 2 and "is not a language" in res.output
