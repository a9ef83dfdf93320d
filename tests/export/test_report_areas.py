"""The report's "who is where, per day" section and its print layout: per week one table of work
areas × days that lists the same people per area and time as the roster, and a grid per week."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict

import pytest

from roster_solver.export.report import ReportData, build_report
from tests.workbook.test_areas_view import _problem, _roster

ROW = re.compile(r'<tr><th class="p">([^<]*)</th>((?:<td[^>]*>.*?</td>)+)</tr>')
CELL = re.compile(r"<td([^>]*)>(.*?)</td>")
LINE = re.compile(r"^(\w+) (\d\d:\d\d)\u2013(\d\d:\d\d): ([^(]+?)(?: \((\S+)\))?$")


def _html(lang: str = "en") -> str:
    return build_report(ReportData(_problem(lang), _roster(), [], [], {}, {}))


def _section(html: str) -> str:
    return html[html.index('<section id="areas">') : html.index('<section id="fairness">')]


def test_areas_section_lists_who_works_where_and_when():
    pb, ros = _problem(), _roster()
    section = _section(_html())
    days = pb.days
    listed = defaultdict(set)
    coordinators = {}
    for label, cells in ROW.findall(section):
        for k, (_, text) in enumerate(CELL.findall(cells)):
            for line in filter(None, text.split("<br>")):
                m = LINE.match(line)
                if not m:
                    continue
                if label == "coordinator":
                    coordinators[days[k]] = line
                    continue
                for sid in m.group(4).split():
                    listed[(label, days[k], m.group(2), m.group(3))].add(sid)
    expected = defaultdict(set)
    for a in ros.assignments:
        inst = pb.instance(a.shift, pb.day_index(a.date))
        start, end = pb.clock.local(inst.start), pb.clock.local(inst.end)
        expected[(a.area, a.date, f"{start:%H:%M}", f"{end:%H:%M}")].add(a.staff)
    assert listed == expected
    assert coordinators == {days[0]: "L 15:00\u201323:00: k (NRD)", days[3]: "E 07:00\u201315:00: k (CEN)"}


def test_gaps_are_coloured_and_timed():
    section = _section(_html())
    cen = next(cells for label, cells in ROW.findall(section) if label == "CEN")
    tue = CELL.findall(cen)[1]
    assert tue[0] == ' class="min"' and "below minimum 08:00\u201312:00 (1 short)" in tue[1]


def test_grid_is_one_table_per_week_and_prints_on_a4_landscape():
    html = _html()
    grid = html[html.index('id="grid"') : html.index('id="areas"')]
    assert grid.count('<table class="grid week">') == 1  # one week
    assert "@page{size:A4 landscape" in html
    assert "table.grid.week+table.grid.week,table.days+table.days{break-before:page" in html


def test_dutch_section():
    section = _section(_html("nl"))
    assert "Wie is waar, per dag" in section and "coördinator" in section
    assert "onder minimum 08:00\u201312:00 (1 te weinig)" in section


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("chromium") and shutil.which("pdftotext")),
    reason="needs chromium and poppler-utils (pdftotext)",
)
def test_printed_report_has_one_page_per_week_of_the_grid_and_of_the_day_table(tmp_path):
    from tests.workbook.test_printing import _cyclic_roster, _team

    pb = _team(50, 4)
    page = tmp_path / "report.html"
    page.write_text(build_report(ReportData(pb, _cyclic_roster(pb), [], [], {}, {})))
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            str(page),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [p.strip() for p in text.split("\f") if p.strip()]
    grid = [p for p in pages if "Mon 05-01" in p or "Mon 12-01" in p or "Mon 19-01" in p or "Mon 26-01" in p]
    # each week's Monday appears on exactly one grid page and one day-table page
    for label in ("Mon 05-01", "Mon 12-01", "Mon 19-01", "Mon 26-01"):
        assert sum(label in p for p in pages) == 2, label
    assert len(grid) == 8
    # every person of a week is on that week's grid page: no table is cut off
    week1 = next(p for p in pages if "Mon 05-01" in p and "Roster" in p.splitlines()[0])
    assert all(f"B{i:02d}" in week1 for i in range(1, 51))
