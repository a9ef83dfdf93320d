"""Faults of the environment through the command line: an output folder that cannot be written
(found before any work), a full disk while writing, a staff id too long for a file name. Each
gives a plain message and its own exit code (6), no traceback, no partial or temporary file,
no empty folder left behind, and an existing output untouched."""

from __future__ import annotations

import errno
import importlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster_solver.check import check_roster
from roster_solver.cli import app
from roster_solver.exitcodes import EXIT_CODES, EXIT_WRITE
from roster_solver.export.files import MAX_NAME_BYTES
from roster_solver.roster import SolveResult, Status
from roster_solver.workbook import writer
from tests.books import write_books
from tests.factories import demand, make_problem, person, roster
from tests.faults import file_size_limit, read_only

runner = CliRunner()
ROSTER = Path(sys.executable).with_name("roster")
README = Path(__file__).resolve().parent.parent / "README.md"


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def _problem(*ids: str):
    return make_problem(
        staff=tuple(person(i) for i in ids),
        weeks=1,
        demand=(demand("CEN", "weekdays", "08:00", "12:00", min=1),),
    )


@pytest.fixture
def books(tmp_path: Path) -> tuple[Path, Path]:
    return write_books(tmp_path, _problem("a", "b"), roster(("a", 0, "E"), ("b", 1, "E")))


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("command", ["solve", "report", "validate --report", "capacity", "repair"])
def test_an_unwritable_output_folder_is_refused_before_any_work(
    books: tuple[Path, Path], tmp_path: Path, command: str
) -> None:
    team, ros = books
    locked = tmp_path / "locked"
    locked.mkdir()
    args = {
        "solve": ["solve", team, "-o", locked / "out.xlsx", "--quiet"],
        "report": ["report", team, ros, "-o", locked / "r.html"],
        "validate --report": ["validate", team, "--report", locked / "why.md"],
        "capacity": ["capacity", team, "-o", locked / "cap.xlsx"],
        "repair": ["repair", team, "--published", ros, "-o", locked / "v2.xlsx", "--quiet"],
    }[command]
    with read_only(locked):
        started = time.monotonic()
        r = run(*args)
        elapsed = time.monotonic() - started
    assert r.exit_code == EXIT_WRITE, r.output
    assert f"cannot write in the folder {locked}" in r.output
    assert "Traceback" not in r.output and "internal error" not in r.output
    assert elapsed < 10  # refused up front, not after a solve
    assert _files(locked) == []


def test_an_output_under_a_file_is_refused(books: tuple[Path, Path]) -> None:
    team, _ = books
    r = run("solve", team, "-o", team / "sub" / "out.xlsx", "--quiet")
    assert r.exit_code == EXIT_WRITE
    assert "is a file, not a folder" in r.output


def test_a_full_disk_while_writing_the_roster(
    books: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team, _ = books
    pb = _problem("a", "b")
    ros = roster(("a", 0, "E"), ("b", 1, "E"))
    objective = check_roster(pb, ros).total_cost
    engine = importlib.import_module("roster_solver.engine.solve")
    monkeypatch.setattr(
        engine, "solve", lambda *a, **k: SolveResult(Status.FEASIBLE, ros, objective=objective, bound=0)
    )

    def full(wb, target):
        Path(target).write_bytes(b"half a workbook")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writer, "_save", full)
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"last week's roster")
    before = _files(tmp_path)
    r = run("solve", team, "-o", out, "--quiet")
    assert r.exit_code == EXIT_WRITE, r.output
    assert f"cannot write {out}: the disk is full" in r.output
    assert "Traceback" not in r.output
    assert out.read_bytes() == b"last week's roster"
    assert _files(tmp_path) == before
    fresh = tmp_path / "new" / "folder" / "out.xlsx"
    assert run("solve", team, "-o", fresh, "--quiet").exit_code == EXIT_WRITE
    assert not (tmp_path / "new").exists()  # no empty folder left behind


@pytest.mark.parametrize("command", ["report", "export"])
def test_a_file_size_limit_in_a_real_process(books: tuple[Path, Path], tmp_path: Path, command: str) -> None:
    # Every write beyond a few hundred bytes fails (EFBIG), as on a full disk; the program must
    # say so plainly.
    team, ros = books
    target = tmp_path / ("report.html" if command == "report" else "hr")
    args = (
        ["report", team, ros, "-o", target]
        if command == "report"
        else ["export", ros, "-f", "csv", "-f", "json", "--input", team, "--out", target]
    )
    if command == "report":
        target.write_text("the old report")
    done = subprocess.run(
        [str(ROSTER), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=file_size_limit(400),
        cwd=tmp_path,
    )
    assert done.returncode == EXIT_WRITE, done.stderr
    assert f"cannot write {target}" in done.stderr
    assert "file-size limit" in done.stderr
    assert "Traceback" not in done.stderr
    if command == "report":
        assert target.read_text() == "the old report"
    else:
        assert not target.exists()  # the folder made for the export is removed again
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_300_character_id_exports(tmp_path: Path) -> None:
    long_id = "B" * 300
    near = "B" * 299 + "C"  # the same start: the shortened names must still differ
    team, ros = write_books(
        tmp_path, _problem(long_id, near, "a"), roster((long_id, 0, "E"), (near, 1, "E"), ("a", 2, "E"))
    )
    out = tmp_path / "hr"
    r = run("export", ros, "-f", "ics", "-f", "csv", "-f", "json", "--input", team, "--out", out)
    assert r.exit_code == 0, r.output
    names = [n for n in _files(out) if n.endswith(".ics")]
    assert len(names) == 3 == len(set(names))
    assert all(len(n.encode()) <= MAX_NAME_BYTES for n in names)
    assert "a.ics" in names
    assert all(re.fullmatch(r"B+~[0-9a-f]{16}\.ics", n) for n in names if n != "a.ics")
    # deterministic: a second export finds its previous files (and changes nothing)
    before = {n: (out / n).read_bytes() for n in names}
    assert run("export", ros, "-f", "ics", "--input", team, "--out", out).exit_code == 0
    assert {n: (out / n).read_bytes() for n in names} == before
    assert _files(out) == sorted([*names, "hours-2026-01.csv", "roster.json"])


def test_every_exit_code_is_in_the_readme_table() -> None:
    table = README.read_text(encoding="utf-8").split("### Exit codes", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| (\d+) \| (.+) \|$", table, flags=re.MULTILINE))
    assert {int(k) for k in rows} == set(EXIT_CODES)
