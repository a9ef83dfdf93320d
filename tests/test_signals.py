"""Ctrl-C and SIGTERM at any moment of `roster solve`: exit 130 within a second, the existing
output untouched, no temporary file left.

Two ways to pick the moment:

- by phase: the program runs under a small harness that prints a line when a phase starts
  (reading the workbook, the engine's construction, the first CP-SAT search, and a completely
  written temporary output whose rename is held back), and the signal follows that line. The
  code that runs is the real one; the harness only watches (and, for writing, waits);
- by the clock, as a user would: the real `roster` program, signalled 0.3, 1.5 and 4 s after
  it started (slow: marked, run with -m slow).
"""

from __future__ import annotations

import importlib
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster_solver import outputs
from roster_solver.cli import app
from roster_solver.engine import solvers
from roster_solver.exitcodes import EXIT_INTERRUPTED
from roster_solver.workbook.template import write_input_workbook
from tests.factories import demand, make_problem, person

ROSTER = Path(sys.executable).with_name("roster")
OLD = b"last week's roster"
GRACE = 1.0  # seconds from the signal to the end of the process

HARNESS = r"""
import importlib, sys, time

phase, *argv = sys.argv[1:]

def mark(name):
    print("PHASE " + name, flush=True)

def watch(module, attr, name, hold=0.0):
    real = getattr(module, attr)
    def watched(*a, **k):
        if name == phase:
            mark(name)
            time.sleep(hold)
        return real(*a, **k)
    setattr(module, attr, watched)

from ortools.sat.python import cp_model
engine = importlib.import_module("roster_solver.engine.solve")
reader = importlib.import_module("roster_solver.workbook.reader")
writer = importlib.import_module("roster_solver.workbook.writer")

watch(reader, "read_workbook", "reading")
watch(engine, "solve", "construction")
watch(cp_model.CpSolver, "solve", "cp-sat")
real_save = writer._save
def held_save(wb, tmp):
    real_save(wb, tmp)  # the temporary file is complete; the rename would come next
    if phase == "writing":
        mark("writing")
        time.sleep(60)
writer._save = held_save

from roster_solver.__main__ import main
sys.argv = ["roster", *argv]
main()
"""


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signals")
    path = folder / "team.xlsx"
    pb = make_problem(
        staff=tuple(person(f"p{i}") for i in range(6)),
        weeks=4,
        demand=(demand("CEN", "all", "08:00", "20:00", min=2),),
    )
    write_input_workbook(path, pb)
    return path


def _outcome(proc: subprocess.Popen[bytes], sig: signal.Signals) -> tuple[int, float, str]:
    sent = time.monotonic()
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        return -999, 99.0, err.decode(errors="replace")
    elapsed = time.monotonic() - sent
    return proc.returncode, elapsed, err.decode(errors="replace")


def _assert_stopped(code: int, elapsed: float, err: str, folder: Path, out: Path) -> None:
    assert code == EXIT_INTERRUPTED, err
    assert elapsed <= GRACE, f"{elapsed:.2f} s"
    assert "Interrupted; nothing was written." in err
    assert "Traceback" not in err
    assert out.read_bytes() == OLD
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def _by_phase(team: Path, tmp: Path, phase: str, sig: signal.Signals) -> None:
    folder = tmp / f"{phase}-{sig.name}"
    folder.mkdir()
    out = folder / "roster.xlsx"
    out.write_bytes(OLD)
    limit = "1" if phase == "writing" else "30"
    args = ["solve", str(team), "-o", str(out), "--time-limit", limit, "--workers", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-c", HARNESS, phase, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=folder,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 120
    line = b""
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line or line.startswith(b"PHASE "):
            break
    assert line.strip() == f"PHASE {phase}".encode(), (line, proc.poll())
    time.sleep(0.3 if phase == "cp-sat" else 0.05)
    code, elapsed, err = _outcome(proc, sig)
    _assert_stopped(code, elapsed, err, folder, out)


PHASES = ["reading", "construction", "cp-sat", "writing"]


def _run_parallel(cases: list[tuple[str, signal.Signals]], team: Path, tmp: Path) -> None:
    failures: dict[str, BaseException] = {}

    def one(phase: str, sig: signal.Signals) -> None:
        try:
            _by_phase(team, tmp, phase, sig)
        except BaseException as exc:
            failures[f"{phase} {sig.name}"] = exc

    threads = [threading.Thread(target=one, args=case) for case in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures


def test_a_signal_in_each_phase(team: Path, tmp_path: Path) -> None:
    # One signal per phase, alternating, the four runs side by side (about five seconds).
    _run_parallel(
        [
            ("reading", signal.SIGINT),
            ("construction", signal.SIGTERM),
            ("cp-sat", signal.SIGINT),
            ("writing", signal.SIGTERM),
        ],
        team,
        tmp_path,
    )


@pytest.mark.slow
def test_the_other_signal_in_each_phase(team: Path, tmp_path: Path) -> None:
    _run_parallel(
        [
            ("reading", signal.SIGTERM),
            ("construction", signal.SIGINT),
            ("cp-sat", signal.SIGTERM),
            ("writing", signal.SIGINT),
        ],
        team,
        tmp_path,
    )


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=lambda s: s.name)
@pytest.mark.parametrize("after", [0.3, 1.5, 4.0])
def test_a_signal_by_the_clock(team: Path, tmp_path: Path, sig: signal.Signals, after: float) -> None:
    out = tmp_path / "roster.xlsx"
    out.write_bytes(OLD)
    proc = subprocess.Popen(
        [str(ROSTER), "solve", str(team), "-o", str(out), "--time-limit", "30", "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    time.sleep(after)
    assert proc.poll() is None
    code, elapsed, err = _outcome(proc, sig)
    _assert_stopped(code, elapsed, err, tmp_path, out)


# --------------------------------------------------------------------------- in-process


@pytest.mark.parametrize(
    "stop", [KeyboardInterrupt, solvers.Cancelled, outputs.Interrupted], ids=lambda e: e.__name__
)
def test_in_process_a_stop_is_exit_130_and_nothing_written(
    team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: type[BaseException]
) -> None:
    # Without the program's signal handler (CliRunner), Ctrl-C arrives as KeyboardInterrupt and
    # a cancelled search or write as their exceptions: the guard still says so and exits 130.
    engine = importlib.import_module("roster_solver.engine.solve")

    def stopped(*a, **k):
        raise stop()

    monkeypatch.setattr(engine, "solve", stopped)
    out = tmp_path / "roster.xlsx"
    out.write_bytes(OLD)
    r = CliRunner().invoke(app, ["solve", str(team), "-o", str(out), "--quiet"])
    assert r.exit_code == EXIT_INTERRUPTED, r.output
    assert "Interrupted; nothing was written." in r.output
    assert out.read_bytes() == OLD
