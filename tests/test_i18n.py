"""The message catalogue (roster_solver/i18n.py): both languages have the same keys and
placeholders, and a Dutch run shows none of the catalogue's English labels in the output
workbook (every sheet, with a repair's Changes), the report, the briefing and repair's reasons."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from openpyxl import load_workbook

from roster_solver import i18n
from roster_solver.briefing import briefing_data, briefing_html
from roster_solver.check import CheckReport
from roster_solver.domain import Absence
from roster_solver.export.report import ReportData, build_report
from roster_solver.repair import changes, with_published
from roster_solver.roster import Penalty, SolveResult, Status
from roster_solver.workbook.writer import write_output_workbook
from tests.books import text_cells
from tests.factories import day, demand, make_problem, person, roster
from tests.workbook.test_areas_view import _problem, _roster

ENGLISH = i18n.english_labels()


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("name", sorted(i18n.CATALOGUE))
def test_both_languages_have_the_same_keys_and_placeholders(name):
    table = i18n.CATALOGUE[name]
    if name == "columns":
        return  # English headers are the canonical names themselves
    assert set(table["en"]) == set(table["nl"])
    for key, en in table["en"].items():
        assert _fields(en) == _fields(table["nl"][key]), (name, key)


def test_catalogue_feeds_the_modules():
    from roster_solver import outcome
    from roster_solver.export import report
    from roster_solver.workbook import aliases, writer

    assert outcome.TEXT is i18n.OUTCOME and report.LABELS is i18n.REPORT
    assert writer.LABELS is i18n.WORKBOOK
    assert aliases.output_sheet_name("Coverage", "nl") == i18n.SHEETS["nl"]["Coverage"]


def _dutch_changes():
    pb = with_published(
        make_problem(
            staff=[person(x, hours=24) for x in "abcd"],
            language="nl",
            absences=[Absence(staff="a", start_date=day(1), end_date=day(1), type="sick")],
            demand=[demand("CEN", "weekdays", "07:00", "15:00", min=1)],
        ),
        roster(("a", 1, "E"), ("b", 0, "N"), ("c", 1, "L")),
        None,
    )
    return pb, changes(pb, roster(("b", 1, "E"), ("c", 1, "L")), today=day(0))


def test_repair_reasons_in_dutch():
    _, found = _dutch_changes()
    why = {(c.staff, c.date): c.why for c in found}
    assert why[("a", day(1))] == "niet beschikbaar"
    assert why[("b", day(1))] == "neemt E 07:00\u201315:00 in CEN over van a, die afwezig is"
    assert why[("b", day(0))] == "verschoven zodat b 11 uur rust houdt"
    assert {c.becomes_times for c in found if c.staff == "b" and c.date == day(0)} == {"vrij"}


def _offending(text: str) -> list[str]:
    parts = {text.strip(), *(p.strip() for p in re.split(r"[\n·:()]", text))}
    return sorted(p for p in parts if p in ENGLISH)


def test_dutch_workbook_has_no_english_label(tmp_path):
    pb = _problem("nl")
    _, found = _dutch_changes()
    out = tmp_path / "rooster.xlsx"
    penalties = [Penalty("coverage", 6000, 1.0, "x", date=day(0), area="CEN")]
    write_output_workbook(
        out,
        pb,
        SolveResult(Status.FEASIBLE, _roster(), objective=6000),
        CheckReport(violations=[], penalties=penalties),
        input_path=None,
        changes=[c for c in found if c.staff in {s.id for s in pb.staff}],
    )
    bad = [(sheet, ref, text, _offending(text)) for sheet, ref, text in text_cells(out) if _offending(text)]
    assert bad == []
    names = load_workbook(out).sheetnames
    assert names[:3] == ["Rooster", "Wijken per dag", "Inzet"] and "Wijzigingen" in names


def _html_texts(html: str) -> list[str]:
    html = re.sub(r"<(style|script)>.*?</\1>", "", html, flags=re.S)
    return [t.strip() for t in re.findall(r">([^<]+)<", html) if t.strip()]


def test_dutch_report_and_briefing_have_no_english_label():
    pb, ros = _problem("nl"), _roster()
    report = build_report(ReportData(pb, ros, [], [], {}, {}))
    brief = briefing_html(briefing_data(pb, ros, day(0)))
    for html in (report, brief):
        bad = [(t, _offending(t)) for t in _html_texts(html) if _offending(t)]
        assert bad == []
    assert "Wie is waar, per dag" in report and "Coördinator van dienst" in brief


def test_the_check_would_catch_english():
    pb, ros = _problem("en"), _roster()
    report = build_report(ReportData(pb, ros, [], [], {}, {}))
    assert any(_offending(t) for t in _html_texts(report))


def test_dutch_calendar_texts_and_report_status(tmp_path):
    from roster_solver.export.ics import calendar_files

    pb, ros = _problem("nl"), _roster()
    files = calendar_files(pb, ros, tmp_path)
    text = (
        b"".join(files.values()).decode()
        if isinstance(files, dict)
        else "".join(Path(f).read_text() for f in files)
    )
    assert "DESCRIPTION:Dienst E\\, wijk CEN\\, betaalde uren 7\\,5" in text
    assert "X-WR-CALNAME:Rooster Person a" in text
    assert "Shift " not in text and "paid hours" not in text
    report = build_report(ReportData(pb, ros, [], [], {}, {}, run={"status": "FEASIBLE"}))
    assert "geldig rooster" in report and ">FEASIBLE<" not in report
    assert "&lt; doel" in report and "&lt; target" not in report


def test_repair_terminal_summary_in_dutch(capsys, tmp_path):
    from types import SimpleNamespace

    from roster_solver.commands.repair import _summary

    pb, found = _dutch_changes()
    result = SolveResult(Status.FEASIBLE, roster(("b", 1, "E"), ("c", 1, "L")), objective=600, seconds=1.0)
    rr = SimpleNamespace(
        problem=pb,
        result=result,
        changes=found,
        keep_before=day(1),
        people_affected=len({c.staff for c in found}),
        within_notice=sum(c.within_notice for c in found),
    )
    _summary(rr, day(0), tmp_path / "v2.xlsx")
    text = capsys.readouterr().out
    assert "Te bellen (2), de vroegste wijziging eerst:" in text
    assert "neemt E 07:00\u201315:00 in CEN over van a, die afwezig is" in text
    assert "binnen de aankondigingstermijn" in text and "Rooster geschreven naar" in text
    for english in ("People to call", "within the notice period", "Roster written", "objective"):
        assert english not in text
