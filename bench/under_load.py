"""How `solve` degrades on a busy machine: the same team at several time limits and worker
counts, with and without another CP-SAT process busy on every core. Not a test: a measurement
(issue 17, "Steady under load"), used to choose the default number of workers.

    python bench/under_load.py                                  # the example, 15/30/60 s, 4 and 8 workers
    python bench/under_load.py --team t56-5a-4w-85h-tight --workers 2 4 8 --time-limits 15 60

The load is a second `roster solve` process (another suite team, as many CP-SAT workers as the
machine has cores, a limit far beyond the run) started before each loaded run and stopped
after it. Each measured run is a fresh process (bench/every_team.py's runner), so its timing is
its own. Run it with nothing else on the machine.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import every_team
import teams

ROOT = Path(__file__).resolve().parent.parent
LOAD_TEAM = "t90-6a-8w-8h-tight"


def start_load(team_dir: Path) -> subprocess.Popen[bytes]:
    """A second solver busy on every core until stopped."""
    book = teams.workbook_for(teams.select([LOAD_TEAM])[0], team_dir)
    cmd = [
        sys.executable,
        "-m",
        "roster_solver",
        "solve",
        str(book),
        "-o",
        str(team_dir / "load-out.xlsx"),
        "--time-limit",
        "3600",
        "--workers",
        str(os.cpu_count() or 2),
        "--quiet",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    time.sleep(8.0)  # past its reading and construction: CP-SAT is searching
    return proc


def stop_load(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--team", default="example-50x5-4w")
    ap.add_argument("--time-limits", type=float, nargs="+", default=[15.0, 30.0, 60.0])
    ap.add_argument("--workers", type=int, nargs="+", default=[4, 8])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--teams-dir", type=Path, default=teams.DEFAULT_OUT)
    args = ap.parse_args(argv)

    print("command: python bench/under_load.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:])))
    print(f"machine: {os.cpu_count()} cores, load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    header = (
        f"{'team':<22} {'load':<5} {'workers':>7} {'limit':>5} {'first':>6} {'unmet':>7} "
        f"{'proven':>7} {'band':>4} {'objective':>12} {'total':>6} {'check':<6}"
    )
    print(header)
    print("-" * len(header))
    book = teams.workbook_for(teams.select([args.team])[0], args.teams_dir)
    failed = 0
    for loaded in (False, True):
        for workers in args.workers:
            for limit in args.time_limits:
                proc = start_load(args.teams_dir) if loaded else None
                try:
                    row = every_team.run_isolated(book, args.team, limit, workers, args.seed)
                finally:
                    if proc is not None:
                        stop_load(proc)
                failed += row.check != "ok"
                print(
                    f"{args.team:<22} {'yes' if loaded else 'no':<5} {workers:>7} {limit:>5g} "
                    f"{every_team.cell(row, 'first', '.1f'):>6} {every_team.cell(row, 'unmet', '.1f'):>7} "
                    f"{every_team.cell(row, 'proven', '.1f'):>7} {every_team.cell(row, 'band', 'd'):>4} "
                    f"{every_team.cell(row, 'objective', ',.0f'):>12} "
                    f"{every_team.cell(row, 'total', '.1f'):>6} {row.check:<6}",
                    flush=True,
                )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
