"""Every workbook of the bad-input corpus through the command line (issue 14).

For each file of ``corpus/manifest.json`` (written by ``make_corpus.py``), ``validate`` and
``solve`` (tiny time limit) must give the expected exit code, print no traceback, name the
expected sheet and cell with the keyword on one message line, leave the input's bytes as they
were and write nothing (no output file, no temporary file) unless the run succeeds. Nothing in
the corpus may exit 70.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from typer.main import get_command
from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.workbook.aliases import SHEETS_NL

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES: list[dict[str, Any]] = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _one_click_command() -> Any:
    """Build the click command once: Typer rebuilds it for every invoke (0.1 s, times 240)."""
    command = get_command(app)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(typer.testing, "_get_command", lambda _app: command)
        yield


def located(output: str, case: dict[str, Any]) -> bool:
    """Whether one message line names the case's sheet and cell and holds its keyword."""
    where = case["sheet"] or ""
    if case["cell"]:
        where += f"!{case['cell']}"
    keyword = case["keyword"].lower()
    for line in output.splitlines():
        text = line.removeprefix("error: ").removeprefix("warning: ")
        if keyword in line.lower() and (
            text.startswith(where + ":")
            or text.startswith(where + " ")
            or (not case["sheet"] and where in text)
        ):
            return True
    return False


SHEET_NAMES = "|".join(re.escape(n) for pair in SHEETS_NL.items() for n in pair)
LOCATED = re.compile(rf"^(error|warning): ({SHEET_NAMES})(![A-Z]+\d+( \(|: )|: | row 1 \(| \()")


def unlocated(output: str) -> list[str]:
    """Message lines that do not start with a sheet and a cell (or a sheet-wide place)."""
    return [
        line
        for line in output.splitlines()
        if line.startswith(("error:", "warning:")) and not LOCATED.match(line)
    ]


def snapshot(path: Path) -> tuple[str, list[str]]:
    """The input's SHA-256 and the names of the files beside it."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(p.name for p in path.parent.iterdir())


def test_the_corpus_is_complete() -> None:
    names = [c["file"] for c in CASES]
    assert len(names) >= 60
    assert len(set(names)) == len(names)
    assert all((CORPUS / n).is_file() for n in names)
    assert sorted(p.name for p in CORPUS.glob("*.xlsx")) == sorted(names)
    assert all(c["exit"] in (0, 1, 3) for c in CASES)
    assert sum(c["exit"] == 1 for c in CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[c["file"].removesuffix(".xlsx") for c in CASES])
def test_bad_workbook(case: dict[str, Any], tmp_path: Path) -> None:
    path = CORPUS / case["file"]
    before = snapshot(path)
    out = tmp_path / "out" / "roster.xlsx"
    out.parent.mkdir()
    runs = {
        "validate": runner.invoke(app, ["validate", "--quiet", str(path)]),
        "solve": runner.invoke(
            app, ["solve", str(path), "-o", str(out), "--time-limit", "1", "--workers", "1", "--quiet"]
        ),
    }
    for command, result in runs.items():
        text = result.output
        assert result.exit_code == case["exit"], f"{command}: exit {result.exit_code}\n{text}"
        assert "Traceback" not in text and "internal error" not in text, f"{command}:\n{text}"
        assert located(text, case), (
            f"{command}: no message at {case['sheet']}!{case['cell']} with {case['keyword']!r}:\n{text}"
        )
        if case["sheet"] and case["exit"] == 1 and command == "validate":
            assert unlocated(text) == [], "every input message names its sheet and cell"
    assert snapshot(path) == before  # the input is untouched, nothing written beside it
    written = sorted(p.name for p in out.parent.iterdir())
    assert written == (["roster.xlsx"] if case["exit"] == 0 else [])
