"""One refusal for every output path: suffix, folder, an input file, an existing file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import typer

from roster_solver import outputs
from roster_solver.cliutil import EXIT_USAGE, refuse_output


def _refused(capsys: pytest.CaptureFixture[str], target: Path, **kw: object) -> str:
    with pytest.raises(typer.Exit) as exc:
        refuse_output(target, (".html", ".htm"), example="report.html", **kw)  # type: ignore[arg-type]
    assert exc.value.exit_code == EXIT_USAGE
    return " ".join(capsys.readouterr().err.split())


def test_same_file_by_path_and_by_link(tmp_path: Path) -> None:
    a = tmp_path / "a.xlsx"
    a.write_bytes(b"x")
    os.link(a, tmp_path / "b.xlsx")
    assert outputs.same_file(a, tmp_path / "sub" / ".." / "a.xlsx")
    assert outputs.same_file(a, tmp_path / "b.xlsx")
    assert not outputs.same_file(a, tmp_path / "c.xlsx")


def test_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = tmp_path / "roster.html"
    roster.write_text("x")
    assert "must end in .html or .htm; a page" in _refused(capsys, tmp_path / "r.txt", why="a page")
    (tmp_path / "d.html").mkdir()
    assert "is a folder; give a file name such as" in _refused(capsys, tmp_path / "d.html")
    said = _refused(capsys, roster, inputs={"the roster": roster})
    assert "the output would overwrite the roster; choose another --output" in said
    said = _refused(capsys, roster, inputs={"the roster": roster}, option="--report")
    assert said.startswith("--report would overwrite the roster; choose another --report")
    assert "already exists; use --force" in _refused(capsys, roster, replace=False)


def test_accepted_path_is_checked_for_writing(tmp_path: Path) -> None:
    refuse_output(
        tmp_path / "new" / "r.html",
        (".html",),
        example="r.html",
        inputs={"the roster": tmp_path / "roster.html", "nothing": None},
    )
    assert not (tmp_path / "new").exists()
