"""The sheet schemas tie the reader, the template and the alias tables together (issue 18).

Every column of :mod:`roster_solver.workbook.schema` is accepted by the reader under its
English name and under each Dutch alias, is read by the reader, is written by the template
(with its help text), and the alias tables are the schema's.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from roster_solver.workbook import reader
from roster_solver.workbook.aliases import (
    COLUMNS,
    REQUIRED_COLUMNS,
    REQUIRED_SHEETS,
    SETTINGS_KEYS,
    SHEETS_NL,
    VALUE_ALIASES,
    column_lookup,
    norm,
    settings_key_lookup,
    sheet_lookup,
)
from roster_solver.workbook.schema import SETTINGS, SHEETS, sheet
from roster_solver.workbook.template import INPUT_SHEETS, build_input_workbook, write_input_workbook
from tests.workbook.test_template import full_problem, with_holiday

MOST_ALIASES = max(len(c.dutch) for s in SHEETS for c in s.columns)


def test_alias_tables_are_the_schemas() -> None:
    assert {s.name: s.dutch for s in SHEETS} == SHEETS_NL
    assert list(COLUMNS) == [s.name for s in SHEETS]
    for s in SHEETS:
        assert list(COLUMNS[s.name].items()) == [(c.name, c.dutch) for c in s.columns], s.name
        assert REQUIRED_COLUMNS[s.name] == tuple(c.name for c in s.columns if c.required)
    assert tuple(s.name for s in SHEETS if s.required) == REQUIRED_SHEETS
    assert list(SETTINGS_KEYS.items()) == [(k.name, k.dutch) for k in SETTINGS]


def test_every_name_finds_its_column() -> None:
    sheets = sheet_lookup()
    for s in SHEETS:
        assert sheets[norm(s.name)] == sheets[norm(s.dutch)] == s.name
        lookup = column_lookup(s.name)
        for c in s.columns:
            for name in (c.name, *c.dutch):
                assert lookup[norm(name)] == c.name, (s.name, name)
    keys = settings_key_lookup()
    for k in SETTINGS:
        for name in (k.name, *k.dutch):
            assert keys[norm(name)] == k.name, name


def test_schema_is_well_formed() -> None:
    for s in SHEETS:
        assert s.help[0] and s.help[1], s.name
        assert len(set(s.names)) == len(s.names), s.name
        for c in s.columns:
            assert c.dutch and c.help[0] and c.help[1], (s.name, c.name)
            assert (c.kind == "choice") == (c.choices is not None), (s.name, c.name)
            assert c.choices is None or c.choices in VALUE_ALIASES
    for k in SETTINGS:
        assert k.dutch and (k.kind == "choice") == (k.choices is not None), k.name


def test_reader_has_a_parser_for_every_kind() -> None:
    for s in SHEETS:
        for c in s.columns:
            if c.kind not in ("raw", "settings_key"):
                assert callable(reader._parser(c.kind, c.choices)), (s.name, c.name)
    for k in SETTINGS:
        assert callable(reader._parser(k.kind, k.choices)), k.name


def _header_book(path: Path, variant: int) -> Path:
    """Every input sheet with every schema column in its header, named by ``variant``: 0 is the
    English name, ``i`` the i-th Dutch alias (the last one where a column has fewer)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for s in SHEETS:
        ws = wb.create_sheet(s.name if variant == 0 else s.dutch)
        ws.append([c.name if variant == 0 else c.dutch[min(variant, len(c.dutch)) - 1] for c in s.columns])
    settings = wb[SHEETS[0].name if variant == 0 else SHEETS[0].dutch]
    settings.append(["start_date", date(2026, 1, 5)])
    settings.append(["weeks", 2])
    wb.save(path)
    return path


@pytest.mark.parametrize("variant", range(MOST_ALIASES + 1))
def test_reader_accepts_every_column_under_each_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variant: int
) -> None:
    loaded: dict[str, tuple[str, ...]] = {}
    load = reader._load_table

    def spy(sheet: Any, kind: str, *args: Any, **kwargs: Any) -> Any:
        table = load(sheet, kind, *args, **kwargs)
        if table is not None:
            loaded[kind] = tuple(table.cols)
        return table

    monkeypatch.setattr(reader, "_load_table", spy)
    problem = reader.read_workbook(_header_book(tmp_path / "headers.xlsx", variant))
    assert [str(w) for w in problem.warnings] == []
    assert loaded == {s.name: s.names for s in SHEETS}


def test_reader_reads_every_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a problem with records in every sheet looks at every schema column."""
    seen: set[tuple[str, str]] = set()
    raw = reader._Row.raw

    def spy(row: Any, col: str) -> Any:
        seen.add((row.table.kind, col))
        return raw(row, col)

    monkeypatch.setattr(reader._Row, "raw", spy)
    path = tmp_path / "problem.xlsx"
    write_input_workbook(path, with_holiday(full_problem()))
    reader.read_workbook(path)
    expected = {(s.name, c.name) for s in SHEETS for c in s.columns}
    assert expected - seen == set()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_template_writes_every_column_with_its_help(lang: str) -> None:
    nl = lang == "nl"
    wb = build_input_workbook(with_holiday(full_problem()), lang=lang)
    assert tuple(s.name for s in SHEETS if s.template) == INPUT_SHEETS
    instructions = [tuple(c.value for c in row) for row in wb.worksheets[0].iter_rows()]
    for s in SHEETS:
        ws = wb[s.dutch if nl else s.name]
        headers = [c.dutch[0] if nl else c.name for c in s.columns]
        assert [c.value for c in ws[1]] == headers
        for cell, column in zip(ws[1], s.columns, strict=True):
            assert cell.comment is not None and cell.comment.text == column.help[nl]
        assert (ws.title, s.help[nl], None) in instructions
        for name, column in zip(headers, s.columns, strict=True):
            assert ("", name, column.help[nl]) in instructions


def test_empty_template_leaves_out_only_the_sheets_marked_so() -> None:
    wb = build_input_workbook(lang="en")
    written = {s.name for s in SHEETS} & set(wb.sheetnames)
    assert written == {s.name for s in SHEETS if s.template}
    assert sheet("Holidays").template is False


def test_template_offers_a_list_where_the_schema_says() -> None:
    """Codes with an owner, yes/no, choices and shift-or-off columns get a drop-down list."""
    wb = build_input_workbook(lang="en")
    for s in SHEETS:
        if not s.template or s.name == "Settings":
            continue
        ws = wb[s.name]
        listed = {
            str(r).split(":")[0].rstrip("0123456789")
            for dv in ws.data_validations.dataValidation
            for r in dv.sqref.ranges
        }
        expected = {
            openpyxl.utils.get_column_letter(i)
            for i, c in enumerate(s.columns, start=1)
            if c.refers or c.kind in ("yes_no", "choice", "shift_or_off")
        }
        assert listed == expected, s.name


def test_empty_template_settings_follow_the_schema() -> None:
    ws = build_input_workbook(lang="en", today=date(2026, 3, 4))["Settings"]
    keys = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert keys == (
        [k.name for k in SETTINGS if k.template == "row"]
        + [f"# {k.name}" for k in SETTINGS if k.template == "comment"]
    )
