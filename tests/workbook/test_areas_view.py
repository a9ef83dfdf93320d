"""The "Areas by day" sheet: per work area and day who is on duty and when, the coordinator,
and where staffing is below minimum or target; it agrees with the Assignments sheet."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from roster_solver.check import CheckReport
from roster_solver.roster import SolveResult, Status
from roster_solver.views import day_view
from roster_solver.workbook.writer import write_output_workbook
from tests.factories import day, demand, make_problem, person, roster

LINE = re.compile(r"^(\w+) (\d\d:\d\d)\u2013(\d\d:\d\d): (.+)$")


def _problem(lang: str = "en"):
    return make_problem(
        language=lang,
        staff=[
            person("a"),
            person("b"),
            person("c", area="NRD", all_areas=True),
            person("k", area="NRD", skills=frozenset({"coordinator"}), all_areas=True),
        ],
        areas=("CEN", "NRD"),
        weeks=1,
        demand=[
            demand("CEN", start="08:00", end="12:00", min=2, target=3),
            demand("NRD", start="16:00", end="20:00", min=1, target=2),
        ],
    )


def _roster():
    return roster(
        ("a", 0, "E"),
        ("b", 0, "E"),
        ("c", 0, "E", "CEN"),  # c works in CEN today
        ("k", 0, "L", "NRD"),
        ("a", 1, "E"),
        ("c", 1, "L", "NRD"),
        ("b", 2, "N"),
        ("k", 3, "E", "CEN"),
    )


def _write(tmp_path: Path, lang: str | None = None) -> Path:
    out = tmp_path / "roster.xlsx"
    write_output_workbook(
        out,
        _problem(),
        SolveResult(Status.FEASIBLE, _roster(), objective=0),
        CheckReport(violations=[], penalties=[]),
        input_path=None,
        lang=lang,
    )
    return out


def _blocks(ws):
    """(area label, date label) → cell text, for every week block."""
    out = {}
    header = None
    for row in ws.iter_rows(min_row=2):
        values = [c.value for c in row]
        if values[0] == "area":
            header = values
            continue
        if header is None or values[0] is None or values[0].startswith("week"):
            continue
        for j in range(1, 8):
            out[(values[0].split("\n")[0], header[j])] = (values[j] or "", row[j])
    return out


def test_people_per_area_and_time_equal_the_assignments_sheet(tmp_path):
    wb = load_workbook(_write(tmp_path))
    cells = _blocks(wb["Areas by day"])
    listed = defaultdict(set)
    for (area, label), (text, _) in cells.items():
        if area not in ("CEN", "NRD"):
            continue
        for line in text.split("\n"):
            m = LINE.match(line)
            if m:
                for sid in m.group(4).split():
                    listed[(area, label, m.group(2), m.group(3))].add(sid)
    rows = list(wb["Assignments"].iter_rows(values_only=True))
    head = rows[0]
    expected = defaultdict(set)
    for r in rows[1:]:
        a = dict(zip(head, r, strict=False))
        start, end = a["start"], a["end"]
        label = f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][a['date'].weekday()]} {a['date']:%d-%m}"
        expected[(a["area"], label, f"{start:%H:%M}", f"{end:%H:%M}")].add(a["staff"])
    assert listed == expected
    # by where people work that day: c (home NRD) is in CEN on Monday
    assert "c" in cells[("CEN", "Mon 05-01")][0]
    assert "c" not in cells[("NRD", "Mon 05-01")][0]


def test_coordinator_row_and_gaps(tmp_path):
    wb = load_workbook(_write(tmp_path))
    cells = _blocks(wb["Areas by day"])
    assert cells[("coordinator", "Mon 05-01")][0] == "L 15:00\u201323:00: k (NRD)"
    assert cells[("coordinator", "Thu 08-01")][0] == "E 07:00\u201315:00: k (CEN)"
    assert cells[("coordinator", "Tue 06-01")][0] == ""
    # Monday CEN: 3 people on 08:00-12:00, target met; Tuesday 1 of min 2 → red, 1 short
    mon, tue = cells[("CEN", "Mon 05-01")], cells[("CEN", "Tue 06-01")]
    assert "below" not in mon[0]
    assert "below minimum 08:00\u201312:00 (1 short)" in tue[0]
    assert tue[1].fill.fgColor.rgb.endswith("FF7C80")
    # NRD Tuesday: c on L 15:00-23:00 meets the minimum of 1 but not the target of 2 → orange
    nrd = cells[("NRD", "Tue 06-01")]
    assert "below target 16:00\u201320:00 (1 short)" in nrd[0]
    assert "below minimum" not in nrd[0]
    assert nrd[1].fill.fgColor.rgb.endswith("FFC000")


def test_day_view_merges_consecutive_gaps():
    pb = make_problem(
        staff=[person("a")],
        weeks=1,
        demand=[
            demand("CEN", start="08:00", end="10:00", min=1),
            demand("CEN", start="10:00", end="12:00", min=2),
        ],
    )
    view = day_view(pb, roster(("a", 1, "E")))
    gaps = view.gaps[("CEN", day(0))]
    assert [(g.kind, g.start, g.end, g.missing) for g in gaps] == [
        (
            "min",
            datetime(2026, 1, 5, 8, tzinfo=gaps[0].start.tzinfo),
            datetime(2026, 1, 5, 12, tzinfo=gaps[0].start.tzinfo),
            2,
        )
    ]
    assert [(g.start.hour, g.end.hour, g.missing) for g in view.gaps[("CEN", day(1))]] == [(10, 12, 1)]


def test_dutch_sheet(tmp_path):
    wb = load_workbook(_write(tmp_path, lang="nl"))
    ws = wb["Wijken per dag"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "coördinator" in texts and "wijk" in texts and "di 06-01" in texts
    assert any("onder minimum 08:00\u201312:00 (1 te weinig)" in t for t in texts)
