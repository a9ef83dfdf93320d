"""``roster init --lang nl`` writes only Dutch keys where a Dutch alias exists: sheet names,
column headers (also those the Instructions sheet lists) and Settings keys (comment rows too);
values that have Dutch spellings are written in Dutch as well (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.workbook.aliases import (
    COLUMNS,
    SETTINGS_KEYS,
    SHEETS_NL,
    VALUE_ALIASES,
    column_lookup,
    norm,
    settings_key_lookup,
)
from roster_solver.workbook.template import INSTRUCTIONS_SHEET, LISTS_SHEET

runner = CliRunner()
CANONICAL_SHEET = {v: k for k, v in SHEETS_NL.items()}


@pytest.fixture(scope="module", params=["empty", "example"])
def dutch_template(request, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("init") / "team.xlsx"
    args = ["init", str(path), "--lang", "nl"] + (["--example"] if request.param == "example" else [])
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    return path


def test_every_sheet_name_is_dutch(dutch_template):
    names = load_workbook(dutch_template).sheetnames
    assert names[0] == INSTRUCTIONS_SHEET["nl"] and LISTS_SHEET["nl"] in names
    inputs = [n for n in names if n not in (INSTRUCTIONS_SHEET["nl"], LISTS_SHEET["nl"])]
    assert inputs and all(n in CANONICAL_SHEET for n in inputs), inputs


def test_every_header_with_a_dutch_alias_is_dutch(dutch_template):
    wb = load_workbook(dutch_template)
    english = []
    for ws in wb.worksheets:
        sheet = CANONICAL_SHEET.get(ws.title)
        if sheet is None:
            continue
        lookup = column_lookup(sheet)
        headers = [c.value for c in ws[1] if c.value is not None]
        assert [lookup[norm(h)] for h in headers] == list(COLUMNS[sheet]), ws.title
        for header in headers:
            canonical = lookup[norm(header)]
            if header != COLUMNS[sheet][canonical][0]:
                english.append((ws.title, header))
    assert english == []


def test_the_instructions_name_dutch_sheets_and_headers(dutch_template):
    ws = load_workbook(dutch_template)[INSTRUCTIONS_SHEET["nl"]]
    sheet = None
    english = []
    for a, b, *_ in ws.iter_rows(min_row=4, values_only=True):
        if a:
            sheet = CANONICAL_SHEET.get(a)
            assert sheet is not None, a
        elif b and sheet is not None:
            canonical = column_lookup(sheet)[norm(b)]
            if b != COLUMNS[sheet][canonical][0]:
                english.append((sheet, b))
    assert english == []


def test_every_settings_key_with_a_dutch_alias_is_dutch(dutch_template):
    ws = load_workbook(dutch_template)[SHEETS_NL["Settings"]]
    lookup = settings_key_lookup()
    keys = [str(k).removeprefix("# ") for k, *_ in ws.iter_rows(min_row=2, values_only=True) if k]
    assert keys
    english = []
    for key in keys:
        if key.startswith("weight."):
            continue  # weight.<rule> keys are rule names, the same in both languages
        canonical = lookup[norm(key)]
        if canonical in SETTINGS_KEYS and key != SETTINGS_KEYS[canonical][0]:
            english.append(key)
    assert english == []


def test_settings_values_with_a_dutch_spelling_are_dutch(dutch_template):
    ws = load_workbook(dutch_template)[SHEETS_NL["Settings"]]
    lookup = settings_key_lookup()
    values = {
        lookup.get(norm(str(k).removeprefix("# "))): v
        for k, v, *_ in ws.iter_rows(min_row=2, values_only=True)
        if k
    }
    for key in ("shortage", "objective"):
        assert values[key] in {aliases[0] for aliases in VALUE_ALIASES[key].values()}, key
    assert values["language"] == "nl"  # the example too: a Dutch workbook plans in Dutch
