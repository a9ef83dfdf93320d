"""The HTML report without a browser: sections, numbers against the checker, escaping, privacy,
self-containedness, language, and the `roster report` command's exit codes and files."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from roster_solver.check import check_roster
from roster_solver.cli import app
from roster_solver.export.report import build_report, day_start_hour, fmt, write_report
from roster_solver.export.report_data import report_data
from roster_solver.roster import COST_SCALE, Assignment, Roster
from roster_solver.workbook import styles
from tests.export.report_cases import EVIL_NAME, fix_area, report_problem, report_roster, write_case
from tests.factories import day, demand, make_problem, person

runner = CliRunner()
SECTIONS = ("run", "violations", "coverage", "grid", "fairness", "hours", "penalties")


def page(language: str = "en", roster: Roster | None = None, run: dict | None = None) -> str:
    pb = report_problem(language)
    data = report_data(
        pb,
        roster if roster is not None else fix_area(report_roster()),
        run=run,
        roster_name="roster.xlsx",
        generated_at=datetime(2026, 1, 1, 12, 0),
    )
    return build_report(data)


def test_every_section_is_there_once() -> None:
    html = page()
    assert html.startswith("<!DOCTYPE html>")
    for section in SECTIONS:
        assert html.count(f'id="{section}"') == 1, section
    # one heatmap per area with a requirement, four fairness charts, the hours and penalty charts
    assert re.findall(r'<figure class="heatmap" data-area="([^"]+)"', html) == ["CEN", "NRD"]
    assert re.findall(r'data-category="(\w+)"', html) == ["nights", "weekends", "sundays", "evenings"]
    assert 'id="hours-chart"' in html and 'id="penalty-chart"' in html
    assert html.rstrip().endswith("</html>")


def test_penalty_numbers_are_the_checkers() -> None:
    pb = report_problem()
    ros = fix_area(report_roster())
    report = check_roster(pb, ros)
    html = page()
    total = re.search(r'id="penalty-total">([^<]+)<', html)
    assert total is not None and total.group(1) == fmt(report.total_cost / COST_SCALE, "en")
    assert total.group(1) == "43,213.50"
    for family, cost in report.cost_by_family().items():
        row = re.search(
            rf'<tr data-family="{family}"><td>{family}</td><td class="n">(\d+)</td>'
            r'<td class="n">([^<]+)</td>',
            html,
        )
        assert row is not None, family
        assert int(row.group(1)) == sum(1 for p in report.penalties if p.rule == family)
        assert row.group(2) == fmt(cost / COST_SCALE, "en")
    # the header repeats the checker's total and counts no broken rule
    assert "penalty total (checker)</span><b>43,213.50</b>" in html
    assert "Broken hard rules</span><b>0</b>" in html
    assert "No hard rule is broken." in html


def test_coverage_heatmap_and_unmet_minimum() -> None:
    html = page()
    # Sunday 11 January: nobody in NRD 16:00-20:00, so those four hours are red with 0 planned.
    for h in (16, 17, 18, 19):
        cell = re.search(
            rf"<title>Sun 11-01 {h}:00 · 0 \(min 1, target 1\)</title><rect [^>]*"
            rf'fill="#([0-9A-F]+)"',
            html,
        )
        assert cell is not None and cell.group(1) == styles.SHORT_OF_MIN
    # Tuesday in CEN 08-12: only a works, target 2: orange with 1.
    cell = re.search(
        r"<title>Tue 06-01 09:00 · 1 \(min 1, target 2\)</title><rect [^>]*"
        r'fill="#([0-9A-F]+)"/><text[^>]*>1</text>',
        html,
    )
    assert cell is not None and cell.group(1) == styles.SHORT_OF_TARGET
    # 4 person-hours below the minimum in NRD, shown in the header and the summary
    assert 'id="unmet"' in html and "NRD 4.0" in html


def test_grid_shows_codes_outside_home_area_and_absent_never_the_reason() -> None:
    html = page()
    grid = html[html.index('id="grid"') : html.index('id="fairness"')]
    assert '<td class="k1">L@NRD</td>' in grid  # L is the second shift: the palette's blue
    assert f"table.grid td.k1{{background:#{styles.PALETTE[1]}}}" in html
    assert grid.count(">absent</td>") == 2  # b, Wednesday and Thursday
    assert "sick" not in html.lower()
    # weekend header cells are shaded
    assert '<th class="we">Sat 10-01</th>' in grid and '<th class="we">Sun 11-01</th>' in grid


def test_names_are_escaped() -> None:
    html = page()
    assert EVIL_NAME not in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Co&quot;" in html
    assert html.count("<script>") == 1  # only the report's own marker script


def test_the_page_is_self_contained() -> None:
    html = page()
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"<link\b", html, re.I)
    assert not re.search(r"\bsrc\s*=", html, re.I)
    assert not re.search(r"url\(|@import", html, re.I)
    # every href is an anchor inside the page
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', html))


def test_hours_against_contract() -> None:
    html = page()
    table = html[html.index('id="hours-table"') :]
    # a: five shifts of 7.5 paid hours against a target of 36 h
    assert "<td>a</td>" in table
    row = re.search(
        r"<td>a</td><td>[^<]*</td><td class=\"n\">([^<]+)</td><td class=\"n\"[^>]*>"
        r"([^<]+)</td><td class=\"n\">([^<]+)</td>",
        table,
    )
    assert row is not None and row.groups() == ("36.0", "37.5", "1.5")


def test_violations_are_shown_first_and_prominently() -> None:
    # b works late on Monday and early on Tuesday: 8 h rest, less than 11 h.
    bad = Roster.of([Assignment("b", day(0), "L", "CEN"), Assignment("b", day(1), "E", "CEN")])
    html = page(roster=bad)
    assert '<section id="violations" class="box bad">' in html
    assert html.index('id="violations"') < html.index('id="coverage"')
    box = html[html.index('id="violations"') : html.index('id="coverage"')]
    assert "This roster breaks 1 hard rule(s)" in box and "</b> daily_rest 1</p>" in box
    assert box.count("<li>[daily_rest · b · 2026-01-06 · CEN] rest between L on 2026-01-05") == 1
    assert 'class="fact bad"><span>Broken hard rules</span>' in html


def test_run_facts_in_the_header() -> None:
    html = page(
        run={
            "status": "OPTIMAL",
            "objective": 1234.5,
            "best_bound": 1000,
            "gap": 0.19,
            "seconds": 3.25,
            "tool_version": "9.9",
        }
    )
    assert "status</span><b>OPTIMAL</b>" in html
    assert "objective</span><b>1,234.50</b>" in html
    assert "gap</span><b>19.0 %</b>" in html
    assert "tool version: 9.9" in html
    assert "no Run sheet" in page(run={})


def test_dutch_headings_and_numbers() -> None:
    html = page("nl")
    assert '<html lang="nl">' in html
    assert "Bezetting per wijk" in html and "Eerlijke verdeling" in html
    assert ">afwezig</td>" in html and ">absent</td>" not in html
    assert "totaal afwijkingen (controle)</span><b>43.213,50</b>" in html


def test_fmt() -> None:
    assert fmt(1234567.891, "en") == "1,234,567.89"
    assert fmt(1234567.891, "nl") == "1.234.567,89"
    assert fmt(-0.5, "en", 1) == "-0.5"


def test_write_report_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    from roster_solver.outputs import OutputError

    target = tmp_path / "r.html"
    target.write_text("old")

    def full(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(src))

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OutputError, match=r"cannot write .*r\.html: the disk is full"):
        write_report(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


# --------------------------------------------------------------------------- the command


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def case(tmp_path: Path) -> tuple[Path, Path]:
    return write_case(tmp_path, report_problem(), fix_area(report_roster()))


def test_report_from_the_recorded_input(case: tuple[Path, Path], tmp_path: Path) -> None:
    inp, ros = case
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (inp, ros)}
    target = tmp_path / "out" / "report.html"
    r = run("report", ros, "-o", target)
    assert r.exit_code == 0, r.output
    assert "Report written to" in r.output
    html = target.read_text(encoding="utf-8")
    assert "FEASIBLE" in html and "43,213.50" in html
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (inp, ros)} == before
    assert not [p for p in target.parent.iterdir() if p.name != "report.html"]
    # the person's name is never printed on the console
    assert "script" not in r.output


def test_report_with_explicit_input_and_default_name(case: tuple[Path, Path], tmp_path: Path) -> None:
    inp, ros = case
    r = run("report", ros, "--input", inp)
    assert r.exit_code == 0, r.output
    assert (tmp_path / "roster-report.html").is_file()
    r = run("report", inp, ros, "-o", tmp_path / "two.htm")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "two.htm").is_file()


@pytest.mark.parametrize("name", ["report.pdf", "roster.xlsx", "team.xlsx", "folder"])
def test_unusable_output_is_exit_2_and_nothing_written(
    case: tuple[Path, Path], tmp_path: Path, name: str
) -> None:
    inp, ros = case
    (tmp_path / "folder").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    r = run("report", ros, "--input", inp, "-o", tmp_path / name)
    assert r.exit_code == 2, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_input_twice_is_a_usage_error(case: tuple[Path, Path], tmp_path: Path) -> None:
    inp, ros = case
    r = run("report", inp, ros, "--input", inp, "-o", tmp_path / "r.html")
    assert r.exit_code == 2


def test_hand_made_roster_with_broken_rules_still_gets_a_report(
    case: tuple[Path, Path], tmp_path: Path
) -> None:
    inp, _ = case
    wb = Workbook()
    ws = wb.active
    ws.title = "Assignments"
    ws.append(["staff", "date", "shift", "area"])
    ws.append(["b", day(0), "L", "CEN"])
    ws.append(["b", day(1), "E", "CEN"])
    hand = tmp_path / "hand.xlsx"
    wb.save(hand)
    target = tmp_path / "hand.html"
    # without a Run sheet the input must be given
    r = run("report", hand, "-o", target)
    assert r.exit_code == 1 and not target.exists()
    r = run("report", inp, hand, "-o", target)
    assert r.exit_code == 0, r.output
    assert "breaks 1 hard rule" in r.output
    html = target.read_text(encoding="utf-8")
    assert '<section id="violations" class="box bad">' in html
    assert "no Run sheet" in html


def test_bad_input_is_exit_1_with_a_location(case: tuple[Path, Path], tmp_path: Path) -> None:
    inp, _ = case
    wb = Workbook()
    ws = wb.active
    ws.title = "Assignments"
    ws.append(["staff", "date", "shift", "area"])
    ws.append(["zz", day(0), "E", "CEN"])
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    target = tmp_path / "bad.html"
    r = run("report", inp, bad, "-o", target)
    assert r.exit_code == 1, r.output
    assert "Assignments" in r.output and "zz" in r.output
    assert not target.exists()
    r = run("report", tmp_path / "missing.xlsx", "-o", target)
    assert r.exit_code == 1 and not target.exists()


def test_day_start_hour() -> None:
    assert day_start_hour(range(7, 24)) == 7
    assert day_start_hour([0, *range(7, 24)]) == 7  # an evening until 01:00
    assert day_start_hour([0, 1, 2, 3, 4, 5, *range(9, 17), 22, 23]) == 22  # nights and days
    assert day_start_hour(range(24)) == 0
    assert day_start_hour([]) == 0


def test_an_evening_past_midnight_stays_in_its_days_column() -> None:
    pb = make_problem(staff=(person("a"),), demand=(demand("CEN", "all", "18:00", "02:00", min=1),), weeks=1)
    html = build_report(report_data(pb, Roster()))
    # rows run 18, 19, ..., 23, 00, 01; columns are 26 px wide from x = 30, rows 16 px from y = 40
    labels = re.findall(r'<text x="2" y="\d+">(\d\d)</text>', html)
    assert labels == ["18", "19", "20", "21", "22", "23", "00", "01"]
    for tip, x, y in (
        ("Mon 05-01 18:00", 30, 40),
        ("Tue 06-01 01:00", 30, 40 + 7 * 16),
        ("Tue 06-01 18:00", 56, 40),
        ("Mon 12-01 01:00", 30 + 6 * 26, 40 + 7 * 16),
    ):
        assert re.search(rf'<title>{tip} · 0 \(min 1, target 1\)</title><rect x="{x}" y="{y}"', html), tip
