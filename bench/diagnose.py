"""Time the diagnosis of infeasible 60-person problems and print a table.

Not a test: a measurement. The problems are the bundled example team (50 people, 5 areas,
4 weeks) grown to 60 people (10 copies of existing staff under new ids), with one collision
injected per scenario:

- ``none``: no collision (the pre-solve diagnosis must stay silent);
- ``pins_14h``: a Fixed pin on a night and one on an evening the next day (pre-solve, certain);
- ``pins_7_days``: seven pinned days in a row (pre-solve, certain);
- ``limits_weekends``: a Limits minimum of nights that only weekends could give, with
  ``max_weekends = 0`` (only the solver's conflict search finds it);
- ``weekly_rest``: six early shifts pinned Mon-Sat, which leave 33 h of weekly rest (solver).

Columns: pre-solve seconds and findings (errors/warnings), conflict-search seconds (a
single-worker CP-SAT per assumption solve), the number of sentences, whether the conflict was
shrunk to a minimal one, and the first sentence naming a person.

    .venv/bin/python bench/diagnose.py [--time-limit 30] [--scenarios limits_weekends ...]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import timedelta

from roster_solver.diagnose import diagnose
from roster_solver.domain import Fixed, Limit, Problem, Shift, StaffMember
from roster_solver.example import example_problem
from roster_solver.explain import explain


def grown(
    extra_fixed: tuple[Fixed, ...] = (),
    extra_limits: tuple[Limit, ...] = (),
    staff_update: Callable[[StaffMember], StaffMember] | None = None,
    extra_shifts: tuple[Shift, ...] = (),
) -> Problem:
    """The example with 10 more people (copies of the first 10 under ids X01..X10)."""
    base = example_problem()
    more = [
        StaffMember(**{**p.model_dump(), "id": f"X{k + 1:02d}", "name": f"Extra {k + 1}"})
        for k, p in enumerate(base.staff[:10])
    ]
    staff = [*base.staff, *more]
    if staff_update is not None:
        staff = [staff_update(p) for p in staff]
    return Problem(
        settings=base.settings,
        areas=base.areas,
        shifts=(*base.shifts, *extra_shifts),
        staff=tuple(staff),
        limits=(*base.limits, *extra_limits),
        demand=base.demand,
        absences=base.absences,
        wishes=base.wishes,
        fixed=(*base.fixed, *extra_fixed),
        history=base.history,
        rules=base.rules,
        holidays_extra=base.holidays_extra,
        base_dir=base.base_dir,
    )


def scenarios() -> dict[str, Callable[[], Problem]]:
    start = example_problem().start_date
    shifts = {s.code: s for s in example_problem().shifts}
    night = "N" if "N" in shifts else next(c for c, s in shifts.items() if s.end < s.start)
    early = min(shifts.values(), key=lambda s: s.start).code
    evening = Shift(code="EV9", name="evening", start=19 * 60, end=23 * 60, break_minutes=0)

    def pin(staff: str, k: int, code: str) -> Fixed:
        return Fixed(staff=staff, date=start + timedelta(days=k), shift=code)

    def nights_only(p: StaffMember) -> StaffMember:
        if p.id != "X05":
            return p
        return StaffMember(
            **{
                **p.model_dump(),
                "shifts": (night,),
                "max_weekends": 0,
                "no_nights": False,
                "birth_date": None,
            }
        )

    return {
        "none": lambda: grown(),
        "pins_14h": lambda: grown((pin("X01", 8, night), pin("X01", 9, "EV9")), extra_shifts=(evening,)),
        "pins_7_days": lambda: grown(tuple(pin("X02", k, early) for k in range(7, 14))),
        "limits_weekends": lambda: grown(
            extra_limits=(Limit(staff="X05", shift=night, min=21),), staff_update=nights_only
        ),
        "weekly_rest": lambda: grown(tuple(pin("X03", k, early) for k in range(7, 13))),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--time-limit", type=float, default=30.0)
    ap.add_argument("--scenarios", nargs="*", default=None)
    args = ap.parse_args(argv)
    table = scenarios()
    names = args.scenarios or list(table)
    print(
        f"{'scenario':<16} {'staff':>5} {'pre s':>6} {'err/warn':>8} {'search s':>8} "
        f"{'lines':>5} {'minimal':>7}  the sentence naming the person"
    )
    for name in names:
        problem = table[name]()
        t0 = time.monotonic()
        found = diagnose(problem)
        pre = time.monotonic() - t0
        errors = sum(f.certain for f in found)
        search_s, lines, minimal, first = 0.0, 0, "-", ""
        if errors:
            first = str(next(f for f in found if f.certain))
        elif name != "none":
            t1 = time.monotonic()
            why = explain(problem, time_limit=args.time_limit, findings=found)
            search_s = time.monotonic() - t1
            lines, minimal = len(why.conflict), "yes" if why.minimal else "no"
            first = why.conflict[-1] if why.conflict else ""  # the sentence naming people
        print(
            f"{name:<16} {len(problem.staff):>5} {pre:>6.2f} {errors:>3}/{len(found) - errors:<4} "
            f"{search_s:>8.1f} {lines:>5} {minimal:>7}  {first[:150]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
