"""Scenarios on a real local Dask cluster with 2 worker processes (tiny teams, short solves)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.parallel import cluster_client, run_tasks
from roster_solver.scenarios.run import run_scenarios, solve_scenario
from roster_solver.scenarios.sheet import read_scenarios
from roster_solver.workbook.template import write_input_workbook
from tests.test_scenarios import BASE, _book


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with cluster_client(n_workers=2) as c:
        yield c


def _dying(how: str, marker: str, *args: Any) -> Any:
    """Solve a scenario; ``once``: kill this worker process the first time (as the OOM killer
    would); ``always``: kill it every time."""
    if how == "always" or (how == "once" and not os.path.exists(marker)):
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return solve_scenario(*args)


def test_cluster_results_equal_the_one_by_one_results(tmp_path: Path, client: Any) -> None:
    path = _book(
        tmp_path / "s.xlsx",
        [
            ["base"],
            ["minus a", "", "a"],
            ["one more", "", None, 1, "NRD"],
            ["busier", ""],
            ["bad", "", "nobody"],
        ],
        [["busier", "scale", "CEN", None, None, None, None, 2]],
    )
    book = read_scenarios(path)
    seen: list[tuple[int, int, int, int]] = []
    on_cluster = run_scenarios(
        BASE, book, time_limit=5, workers=1, seed=3, client=client, on_progress=lambda *a: seen.append(a)
    )
    here = run_scenarios(BASE, book, time_limit=5, workers=1, seed=3)
    assert [r.name for r in on_cluster] == ["base", "minus a", "one more", "busier", "bad"]
    assert [r.state for r in on_cluster] == ["done"] * 4 + ["invalid"]
    assert "Scenarios!A6 (scenario)" in on_cluster[-1].problems[0]  # reported, the others ran
    optimal = 0
    for a, b in zip(on_cluster[:4], here[:4], strict=True):
        assert a.figures is not None and b.figures is not None
        assert a.figures.legal and b.figures.legal
        if a.figures.status == b.figures.status == "OPTIMAL":
            optimal += 1
            assert a.figures.objective == b.figures.objective
            assert a.figures.unmet_minimum_hours == b.figures.unmet_minimum_hours
    assert optimal >= 3  # tiny teams: the comparison is not vacuous
    assert seen[-1] == (4, 0, 0, 4)


def test_a_killed_workers_task_is_run_again_and_one_killed_twice_fails_alone(
    tmp_path: Path, client: Any
) -> None:
    once, always = str(tmp_path / "died-once"), str(tmp_path / "died-always")
    solve = (BASE, 5.0, 1, 0)
    results = run_tasks(
        client,
        _dying,
        {"once": ("once", once, *solve), "always": ("always", always, *solve), "fine": ("never", "", *solve)},
    )
    assert os.path.exists(once) and os.path.exists(always)  # the workers really went down
    assert results["once"].ok, results["once"].error
    assert results["once"].value.legal and results["once"].value.status == "OPTIMAL"
    assert not results["always"].ok and "worker died twice" in results["always"].error
    assert results["fine"].ok and results["fine"].value.legal


@pytest.mark.slow
def test_the_command_writes_the_comparison_and_the_report(tmp_path: Path) -> None:
    team = tmp_path / "team.xlsx"
    write_input_workbook(team, BASE)
    what_if = _book(tmp_path / "s.xlsx", [["base"], ["minus b", "", "b"], ["wrong", "", "zz"]])
    out, page = tmp_path / "compare.xlsx", tmp_path / "compare.html"
    result = CliRunner().invoke(
        app,
        [
            "scenarios",
            str(team),
            "--scenarios",
            str(what_if),
            "-o",
            str(out),
            "--report",
            str(page),
            "--time-limit",
            "3",
            "--workers-per-task",
            "1",
            "--local-workers",
            "2",
        ],
    )
    assert result.exit_code == 1, result.output  # one scenario is invalid; the others are written
    assert "Scenarios!A4" in result.output
    ws = load_workbook(out)["Comparison"]
    assert [c.value for c in ws[1]][2:] == ["base", "minus b", "wrong"]
    assert "<svg" in page.read_text()


def test_capacity_answers_are_the_same_on_the_cluster(client: Any) -> None:
    from roster_solver.capacity import capacity
    from tests.test_capacity import PEAK

    def key(report: Any) -> list[tuple[Any, ...]]:
        return [
            (a.question, a.status, a.total, a.hires, a.short_today, a.short_today_proven, a.text)
            for a in report.answers
        ]

    steps: list[str] = []
    there = capacity(PEAK, time_limit=5, workers=1, client=client, on_step=steps.append)
    here = capacity(PEAK, time_limit=5, workers=1)
    assert key(there) == key(here) and [a.total for a in here.answers] == [2, 3]
    assert any(s.startswith("minimum: ") for s in steps) and any(s.startswith("target: ") for s in steps)


def test_ctrl_c_stops_the_cluster_and_writes_nothing(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    import psutil

    team = tmp_path / "team.xlsx"
    write_input_workbook(team, BASE)
    what_if = _book(tmp_path / "s.xlsx", [["base"], ["minus b", "", "b"], ["minus c", "", "c"]])
    out = tmp_path / "compare.xlsx"
    roster = Path(sys.executable).with_name("roster")
    proc = subprocess.Popen(
        [
            str(roster),
            "scenarios",
            str(team),
            "-s",
            str(what_if),
            "-o",
            str(out),
            "--time-limit",
            "60",
            "--local-workers",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    for line in proc.stdout:
        if "2 running" in line or time.monotonic() > deadline:
            break
    children = psutil.Process(proc.pid).children(recursive=True)
    assert len(children) >= 2  # the worker processes
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=5) == 130
    assert "Interrupted; nothing was written." in proc.stdout.read()
    assert not out.exists() and not list(tmp_path.glob(".*tmp*"))
    _, alive = psutil.wait_procs(children, timeout=10)
    assert alive == []  # the workers, and with them their searches, are gone
