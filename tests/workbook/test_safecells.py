"""Text cells stay text: the one helper every workbook writer uses (workbook/safecells.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from roster_solver.workbook import safecells
from roster_solver.workbook.safecells import append, neutralise, put, save
from roster_solver.workbook.template import LISTS_SHEET, write_input_workbook
from tests.factories import demand, make_problem, person

HOSTILE = ["=2+5", "+31 6 1234", "-B07", "@SUM(A1)", " =1+1", "=", "#N/A", "#REF!", '=HYPERLINK("x")']


def sheet_xml(path: Path) -> dict[str, str]:
    """Worksheet XML by part name."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")}


@pytest.mark.parametrize("value", HOSTILE)
def test_put_and_append_store_any_text_as_a_string_cell(value: str, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    put(ws, 1, 1, value)
    append(ws, [value, 3, None])
    assert ws["A1"].data_type == "s" and ws["A2"].data_type == "s"
    assert ws["B2"].data_type == "n"  # numbers stay numbers
    out = tmp_path / "t.xlsx"
    save(wb, out)
    (xml,) = sheet_xml(out).values()
    assert "<f>" not in xml and 't="e"' not in xml
    back = load_workbook(out)
    assert back.active["A1"].value == value and back.active["A2"].value == value
    assert back.active["A1"].data_type == "s"


def test_text_drops_what_xml_cannot_hold_and_keeps_the_rest() -> None:
    assert safecells.text("a\x00b\x01c\x1fd\x0be") == "abcde"
    assert safecells.text("tab\there\nline\r\nand\rcr") == "tab\there\nline\nand\ncr"
    assert safecells.text("\u202eRTL \u200f mark \ufffe\uffff") == "\u202eRTL \u200f mark "
    assert safecells.text("lone \ud800 surrogate") == "lone  surrogate"
    assert len(safecells.text("x" * 40000)) == safecells.MAX_TEXT


def test_neutralise_catches_a_formula_set_directly_but_spares_formula_sheets() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A1"] = "=2+5"  # a writer that forgot the helper
    ws["A2"] = "#DIV/0!"
    lists = wb.create_sheet("Lists")
    lists["A1"] = '=IF(Data!A1="","",Data!A1)'
    assert ws["A1"].data_type == "f" and ws["A2"].data_type == "e"
    assert neutralise(wb, formula_sheets={"Lists"}) == 2
    assert ws["A1"].data_type == "s" and ws["A2"].data_type == "s"
    assert lists["A1"].data_type == "f"


def test_the_input_template_writes_hostile_text_as_text_and_keeps_its_own_formulas(tmp_path: Path) -> None:
    from roster_solver.domain import StaffMember

    staff = tuple(
        StaffMember(id=v, name=n, home_area="CEN", hours_per_week=36)
        for v, n in (("=2+5", "@SUM(A1)"), ("-B07", " =1"), ("+31", "+31 6"))
    )
    path = tmp_path / "team.xlsx"
    write_input_workbook(path, make_problem(staff=staff, demand=(demand(note="=1+1"),)))
    wb = load_workbook(path)
    for ws in wb.worksheets:
        kinds = {c.data_type for row in ws.iter_rows() for c in row if c.value is not None}
        if ws.title == LISTS_SHEET["en"]:
            assert "f" in kinds  # the drop-down mirrors are formulas on purpose
        else:
            assert not kinds & {"f", "e"}, ws.title
    ids = [r[0] for r in wb["Staff"].iter_rows(min_row=2, values_only=True)]
    assert ids == ["=2+5", "-B07", "+31"]


def test_a_hand_written_person_list_reads_back(tmp_path: Path) -> None:
    # The reader sees the template's text as the codes it was given (formula or not).
    from roster_solver.workbook.reader import read_workbook

    path = tmp_path / "team.xlsx"
    write_input_workbook(path, make_problem(staff=(person("=2+5"), person("-B07")), demand=(demand(),)))
    assert [p.id for p in read_workbook(path).staff] == ["=2+5", "-B07"]
