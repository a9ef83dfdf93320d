"""Hostile text in every text field round-trips: input workbook → roster → check → export →
report, without a formula or an error value in any written cell and without a crash.

Generated text: formula prefixes (``=``, ``+``, ``-``, ``@``, leading whitespace before ``=``),
control characters (those XML cannot hold are dropped when written, the same way in every
workbook), right-to-left marks, and one field of about 10,000 characters. Codes (area, shift,
staff id, skill) get the same prefixes and any character a code may hold; names, notes and
holiday names get anything.

The fast test builds the roster by hand (no solver); the slow one runs `roster solve`.
"""

from __future__ import annotations

import html
import json
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ERROR_CODES
from typer.testing import CliRunner

from roster_solver.calendar import ALL_DAYS, parse_days
from roster_solver.cli import app
from roster_solver.domain import (
    Absence,
    Area,
    DemandRow,
    Holiday,
    Problem,
    Settings,
    Shift,
    StaffMember,
    Wish,
)
from roster_solver.export.files import MAX_NAME_BYTES
from roster_solver.roster import Assignment, Roster
from roster_solver.workbook.reader import read_assignments, read_workbook
from roster_solver.workbook.template import LISTS_SHEET, write_input_workbook
from tests.books import live_cells, write_books
from tests.factories import START, hm

runner = CliRunner()
PREFIXES = [
    "=",
    "+",
    "-",
    "@",
    " =",
    "\t=",
    "=2+5",
    "-B07",
    "+31",
    '=HYPERLINK("x","y")',
    "=cmd|' /C calc'!A0",
    "\u202e",
    "\u200f",
    "",
]
RTL = ["\u202e", "\u200f", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627"]

any_char = st.characters(codec="utf-8")  # every code point but surrogates: controls included
free = st.one_of(
    st.builds(lambda p, t: p + t, st.sampled_from(PREFIXES), st.text(any_char, max_size=24)),
    st.builds(lambda r, t: r + t + r, st.sampled_from(RTL), st.text(any_char, max_size=12)),
    st.builds(
        lambda p, c, t: p + c * 10_000 + t,
        st.sampled_from(PREFIXES),
        st.sampled_from(["x", "é", "\u202e", "="]),
        st.text(any_char, max_size=8),
    ),
).filter(lambda s: s.strip() not in ERROR_CODES)  # the reader refuses text equal to #N/A etc.

# What a code may hold: no comma (lists), no @ (reserved), no whitespace or control character
# (trimmed, one line); a code starting with # would make its row a comment.
code_char = st.characters(codec="utf-8", categories=("L", "N", "P", "S"), exclude_characters=",@")
code_body = st.text(code_char, min_size=0, max_size=10)


@st.composite
def codes(draw: st.DrawFn, n: int, long: bool = False) -> list[str]:
    out = []
    for i in range(n):
        prefix = draw(st.sampled_from(["=", "+", "-", "=2+5", "-B07", "+31", "'", "x", "€"]))
        body = draw(code_body)
        if long and i == 0 and draw(st.booleans()):
            body = body + "L" * 300
        out.append(f"{prefix}{body}~{i}")  # ~i: distinct, and never a reserved word
    return out


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    area = draw(codes(2))
    shift = draw(codes(2))
    ids = draw(codes(3, long=True))
    (skill,) = draw(codes(1))
    days = parse_days("weekdays")
    return Problem(
        settings=Settings(start_date=START, weeks=1),
        areas=(Area(code=area[0], name=draw(free)), Area(code=area[1], name=draw(free))),
        shifts=(
            Shift(
                code=shift[0],
                name=draw(free),
                start=hm("07:00"),
                end=hm("15:00"),
                break_minutes=30,
                days=ALL_DAYS,
            ),
            Shift(
                code=shift[1],
                name=draw(free),
                start=hm("15:00"),
                end=hm("23:00"),
                break_minutes=30,
                days=ALL_DAYS,
            ),
        ),
        staff=(
            StaffMember(id=ids[0], name=draw(free), home_area=area[0], hours_per_week=36, skills=(skill,)),
            StaffMember(id=ids[1], name=draw(free), home_area=area[0], hours_per_week=24),
            StaffMember(id=ids[2], name=draw(free), home_area=area[1], hours_per_week=36),
        ),
        demand=(
            DemandRow(area=area[0], days=days, start=hm("08:00"), end=hm("12:00"), min=1, note=draw(free)),
            DemandRow(
                area=area[0],
                days=days,
                start=hm("08:00"),
                end=hm("12:00"),
                min=1,
                skill=skill,
                note=draw(free),
            ),
        ),
        absences=(
            Absence(
                staff=ids[1],
                start_date=START + timedelta(days=3),
                end_date=START + timedelta(days=3),
                type="sick",
            ),
        ),
        wishes=(Wish(staff=ids[2], days=parse_days("fri"), kind="prefer", shift=shift[1]),),
        holidays_extra=(Holiday(date=START + timedelta(days=4), name=draw(free)),),
    )


def hand_roster(pb: Problem) -> Roster:
    """Early shifts at home, one person a day, and the wished late shift on Friday: no hard
    rule broken."""
    early, late = pb.shifts[0].code, pb.shifts[1].code
    a, b, c = pb.staff
    return Roster.of(
        [
            Assignment(a.id, START, early, a.home_area),
            Assignment(b.id, START + timedelta(days=1), early, b.home_area),
            Assignment(c.id, START + timedelta(days=2), early, c.home_area),
            Assignment(c.id, START + timedelta(days=4), late, c.home_area),
        ]
    )


def _round_trip(folder: Path, team: Path, out: Path, pb: Problem) -> None:
    """check, export and report on the written roster; every written workbook holds no live cell."""
    assert live_cells(team, allowed_sheets=tuple(LISTS_SHEET.values())) == []
    assert live_cells(out) == []
    wb = load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (ws.title, cell.coordinate)

    r = runner.invoke(app, ["check", str(team), str(out), "--json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["status"] == "ok" and doc["errors"] == []
    assert doc["assignments"] == len(read_assignments(out, pb))

    hr = folder / "hr"
    r = runner.invoke(
        app,
        ["export", str(out), "--input", str(team), "-f", "csv", "-f", "ics", "-f", "json", "--out", str(hr)],
    )
    assert r.exit_code == 0, r.output
    exported = json.loads((hr / "roster.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in exported["people"]] == [p.id for p in pb.staff]
    calendars = [p for p in hr.iterdir() if p.suffix == ".ics"]
    assert len(calendars) == len(pb.staff)
    assert all(len(p.name.encode()) <= MAX_NAME_BYTES for p in calendars)

    page = folder / "report.html"
    r = runner.invoke(app, ["report", str(team), str(out), "-o", str(page)])
    assert r.exit_code == 0, r.output
    text = page.read_text(encoding="utf-8")
    assert text.count("<script") == 1  # the page's own, never one from a name
    assert html.escape(pb.staff[0].id) in text


# Each example writes and reads several workbooks (about two seconds): few examples, and no
# shrinking (a failing example is reported as generated).
FAST = settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(problems())
def test_hostile_text_round_trips_without_the_solver(generated: Problem) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        first = folder / "first.xlsx"
        write_input_workbook(first, generated)
        pb = read_workbook(first)  # the problem as every command sees it
        assert [p.id for p in pb.staff] == [p.id for p in generated.staff]
        team, out = write_books(folder, pb, hand_roster(pb))  # written again from what was read
        assert read_assignments(out, pb).assignments == hand_roster(pb).assignments
        _round_trip(folder, team, out, pb)


@pytest.mark.slow
@settings(FAST, max_examples=3)
@given(problems())
def test_hostile_text_round_trips_through_solve(generated: Problem) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        team = folder / "team.xlsx"
        write_input_workbook(team, generated)
        out = folder / "solved.xlsx"
        r = runner.invoke(
            app, ["solve", str(team), "-o", str(out), "--time-limit", "3", "--workers", "2", "--quiet"]
        )
        assert r.exit_code == 0, r.output
        _round_trip(folder, team, out, read_workbook(team))
