"""How big and how slow is the HTML report for a large team? (a script, not a test)

Builds the bundled example's city (areas, shifts, demand) with three times its staff (150
people) over 26 weeks and a dense roster for it (no CP-SAT: a weekly pattern ``EE.LL..``
shifted per person, in the home area, about 4 shifts a week each; ``--greedy`` uses the
engine's greedy start instead, which is sparser and takes a minute), then times the report's parts:
checking the roster, the fairness and hours figures, and rendering the page; prints the size.
Optionally opens the page in headless chromium and times the first render (``--browser``).

    .venv/bin/python bench/report_scale.py [--people-factor 3] [--weeks 26] [--greedy] [--browser]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from roster_solver.domain import Problem, Settings, StaffMember
from roster_solver.engine.greedy import greedy_roster
from roster_solver.example import example_problem
from roster_solver.export.report import build_report, write_report
from roster_solver.export.report_data import report_data
from roster_solver.roster import Assignment, Roster

PATTERN = "EE.LL.."


def big_problem(factor: int, weeks: int) -> Problem:
    base = example_problem()
    staff = []
    for k in range(factor):
        for p in base.staff:
            data = p.model_dump()
            data.update(id=f"{p.id}-{k}", name=f"{p.name} {k}", start_date=None, end_date=None)
            staff.append(StaffMember(**data))
    settings = base.settings.model_dump()
    settings.update(weeks=weeks)
    return Problem(
        settings=Settings(**settings),
        areas=base.areas,
        shifts=base.shifts,
        staff=tuple(staff),
        demand=base.demand,
    )


def pattern_roster(pb: Problem) -> Roster:
    """Every person works PATTERN, shifted by their position, in their home area (a shift the
    person may not work is a day off)."""
    out = []
    for i, p in enumerate(pb.staff):
        for k, d in enumerate(pb.days):
            code = PATTERN[(k + i) % len(PATTERN)]
            if code != "." and (p.shifts is None or code in p.shifts):
                out.append(Assignment(p.id, d, code, p.home_area))
    return Roster.of(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--people-factor", type=int, default=3)
    ap.add_argument("--weeks", type=int, default=26)
    ap.add_argument("--greedy", action="store_true")
    ap.add_argument("--browser", action="store_true")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "report-scale.html")
    args = ap.parse_args()

    t0 = time.perf_counter()
    pb = big_problem(args.people_factor, args.weeks)
    roster = greedy_roster(pb, time_budget=60) if args.greedy else pattern_roster(pb)
    t1 = time.perf_counter()
    data = report_data(pb, roster, roster_name="greedy roster" if args.greedy else "pattern roster")
    t2 = time.perf_counter()
    text = build_report(data)
    write_report(args.out, text)
    t3 = time.perf_counter()
    print(
        f"people {len(pb.staff)}, weeks {pb.weeks}, assignments {len(roster)}, "
        f"hard violations {len(data.violations)}, penalties {len(data.penalties)}"
    )
    print(f"problem + roster         {t1 - t0:7.1f} s (not part of the report)")
    print(f"check, fairness, hours   {t2 - t1:7.1f} s")
    print(f"render + write HTML      {t3 - t2:7.1f} s")
    print(f"report size              {args.out.stat().st_size / 1e6:7.2f} MB  ({args.out})")
    chromium = shutil.which("chromium")
    if args.browser and chromium:
        with tempfile.TemporaryDirectory() as profile:
            t4 = time.perf_counter()
            subprocess.run(
                [
                    chromium,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    f"--user-data-dir={profile}",
                    "--window-size=1400,1000",
                    f"--screenshot={args.out.with_suffix('.png')}",
                    args.out.as_uri(),
                ],
                capture_output=True,
                check=True,
                timeout=300,
            )
            print(f"chromium load + render   {time.perf_counter() - t4:7.1f} s (screenshot)")


if __name__ == "__main__":
    main()
