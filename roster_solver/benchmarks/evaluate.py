"""Independent evaluator for Curtois & Qu rosters in the simple text format.

The roster format: one line per employee, ``EmployeeID,shift_day0,…,shift_day{H-1}``; an empty
field is a day off. :func:`evaluate` implements the benchmark's rules directly from the
instance (README of ``../shared/benchmarks/curtois-qu``), without the engine's families or the
solver, so it can judge the engine's output:

Hard (each broken one is listed): one shift per day (implied by the format), only known
shifts, shift rotation (``Forbidden``, not across the horizon edges), MaxShifts per type,
Min/MaxTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts and MinConsecutiveDaysOff for
every maximal run that touches neither the first nor the last day, MaxWeekends (Saturday or
Sunday worked), days off.

Soft: ``penalty = Σ_on w·[not assigned s on d] + Σ_off w·[assigned s on d]
+ Σ_cover (wu·max(0, r − n) + wo·max(0, n − r))``, in benchmark points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import outputs
from ..errors import Issues, Where
from .curtois import CurtoisInstance, Employee, Rows


@dataclass
class Evaluation:
    violations: list[str] = field(default_factory=list)
    penalty: int = 0
    parts: dict[str, int] = field(default_factory=dict)  # on, off, under, over

    @property
    def feasible(self) -> bool:
        return not self.violations


def parse_roster(text: str, inst: CurtoisInstance, file: str = "roster") -> Rows:
    """Read a text roster for ``inst``; raises InputError naming line and field for bad input.

    Every employee must appear exactly once with H day fields; shift ids must be known.
    """
    issues = Issues()
    rows: Rows = {}
    shift_ids = {s.id for s in inst.shifts}
    staff = set(inst.staff_ids)
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split(",")]
        eid, days = fields[0], fields[1:]
        if eid not in staff:
            issues.error(Where(file, no, 1, "EmployeeID"), "is not an employee of the instance", eid)
            continue
        if eid in rows:
            issues.error(Where(file, no, 1, "EmployeeID"), "appears twice", eid)
            continue
        if len(days) != inst.horizon:
            issues.error(Where(file, no), f"has {len(days)} day fields; the horizon has {inst.horizon}", eid)
            continue
        for d, code in enumerate(days):
            if code and code not in shift_ids:
                issues.error(Where(file, no, d + 2, f"day {d}"), "is not a shift of the instance", code)
        rows[eid] = days
    for eid in inst.staff_ids:
        if eid not in rows and not any(i.where and i.where.row for i in issues.errors):
            issues.error(Where(file), f"has no line for employee {eid}", eid)
    issues.raise_if_errors()
    return rows


def read_roster(path: str | Path, inst: CurtoisInstance) -> Rows:
    p = Path(path)
    return parse_roster(p.read_text(encoding="utf-8-sig"), inst, p.name)


def format_roster(inst: CurtoisInstance, rows: Rows) -> str:
    """Rows in the text format, employees in instance order (missing ones all days off)."""
    return "".join(",".join([eid, *rows.get(eid, [""] * inst.horizon)]) + "\n" for eid in inst.staff_ids)


def write_roster(path: str | Path, inst: CurtoisInstance, rows: Rows) -> None:
    """Write atomically: a temporary file in the same folder, renamed when complete."""
    outputs.write_text(Path(path), format_roster(inst, rows), newline="")


def _runs(flags: list[bool], value: bool) -> list[tuple[int, int]]:
    """Maximal runs (first, last) of days whose flag equals ``value``."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for d, f in enumerate([*flags, not value]):
        if f == value and start is None:
            start = d
        elif f != value and start is not None:
            out.append((start, d - 1))
            start = None
    return out


def employee_violations(inst: CurtoisInstance, e: Employee, days: list[str]) -> list[str]:
    """The hard rules ``e``'s row ``days`` breaks, in words (empty: a valid row)."""
    out: list[str] = []
    h = inst.horizon
    shifts = inst.shift_by_id
    if len(days) != h:
        out.append(f"{e.id}: {len(days)} days given, horizon is {h}")
        return out
    unknown = [(d, c) for d, c in enumerate(days) if c and c not in shifts]
    for d, c in unknown:
        out.append(f"{e.id}: day {d}: unknown shift {c}")
    if unknown:
        return out
    for d in range(h - 1):
        first, then = days[d], days[d + 1]
        if first and then and then in shifts[first].forbidden:
            out.append(f"{e.id}: day {d}-{d + 1}: {then} may not follow {first}")
    for sid, limit in e.max_shifts:
        n = sum(1 for c in days if c == sid)
        if n > limit:
            out.append(f"{e.id}: works {sid} {n} times, MaxShifts {limit}")
    for sid in shifts:
        if sid not in dict(e.max_shifts) and sid in days:
            out.append(f"{e.id}: works {sid}, which has no MaxShifts entry")
    minutes = sum(shifts[c].length for c in days if c)
    if minutes > e.max_minutes:
        out.append(f"{e.id}: {minutes} minutes, MaxTotalMinutes {e.max_minutes}")
    if minutes < e.min_minutes:
        out.append(f"{e.id}: {minutes} minutes, MinTotalMinutes {e.min_minutes}")
    working = [bool(c) for c in days]
    for a, b in _runs(working, True):
        length = b - a + 1
        if length > e.max_consecutive:
            out.append(
                f"{e.id}: {length} shifts in a row from day {a}, MaxConsecutiveShifts {e.max_consecutive}"
            )
        if a > 0 and b < h - 1 and length < e.min_consecutive:
            out.append(
                f"{e.id}: {length} shifts in a row from day {a}, MinConsecutiveShifts {e.min_consecutive}"
            )
    for a, b in _runs(working, False):
        length = b - a + 1
        if a > 0 and b < h - 1 and length < e.min_consecutive_off:
            out.append(
                f"{e.id}: {length} days off in a row from day {a}, "
                f"MinConsecutiveDaysOff {e.min_consecutive_off}"
            )
    weekends = sum(1 for w in range(h // 7) if working[7 * w + 5] or working[7 * w + 6])
    if weekends > e.max_weekends:
        out.append(f"{e.id}: works {weekends} weekends, MaxWeekends {e.max_weekends}")
    for d in inst.days_off.get(e.id, ()):
        if 0 <= d < h and working[d]:
            out.append(f"{e.id}: works on day off {d}")
    return out


def evaluate(inst: CurtoisInstance, rows: Rows) -> Evaluation:
    """Hard violations (in words) and the exact benchmark penalty of a roster."""
    ev = Evaluation()
    h = inst.horizon
    empty = [""] * h
    for e in inst.staff:
        ev.violations.extend(employee_violations(inst, e, rows.get(e.id, empty)))
    for eid in rows:
        if eid not in inst.staff_ids:
            ev.violations.append(f"{eid}: not an employee of the instance")

    def assigned(eid: str, d: int) -> str:
        days = rows.get(eid, empty)
        return days[d] if d < len(days) else ""

    on = sum(r.weight for r in inst.on_requests if assigned(r.employee, r.day) != r.shift)
    off = sum(r.weight for r in inst.off_requests if assigned(r.employee, r.day) == r.shift)
    count: dict[tuple[int, str], int] = {}
    for days in rows.values():
        for d, c in enumerate(days):
            if c:
                count[(d, c)] = count.get((d, c), 0) + 1
    under = over = 0
    for cov in inst.cover:
        n = count.get((cov.day, cov.shift), 0)
        under += cov.weight_under * max(0, cov.requirement - n)
        over += cov.weight_over * max(0, n - cov.requirement)
    ev.parts = {"on": on, "off": off, "under": under, "over": over}
    ev.penalty = on + off + under + over
    return ev
