"""How good a roster is, in statements a coordinator can act on (English or Dutch).

The minimum staffing is the product's promise, so a solve ends with one of three statements:

- **met**: "Minimum staffing met in every area."
- **proven short**: "X person-hours below the minimum; at least Y of them cannot be met with this
  team (proven)", with the areas, days and hours where it falls short. Y is the lower bound the
  lean model (hard rules and the minimum only) proved: no legal roster of this team does better.
- **not proven**: "X person-hours below the minimum, not proven unavoidable: run longer
  (`--time-limit N`)", when the search has not (yet) shown that the shortfall cannot be avoided.

The same for the contract-hours band: how many people are below or above it. Plain Python; the
numbers come from the roster itself (the coverage table and the planned hours), the lower bound
from the solve.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .constraints.contract_hours import ContractHours
from .coverage import coverage_table, describe_day
from .domain import ANY_AREA, Problem
from .i18n import OUTCOME
from .roster import Roster, SolveResult
from .units import hours, hours_text

MAX_PLACES = 6  # places listed in the statement; the Coverage sheet has them all

TEXT = OUTCOME  # the statements live in the message catalogue (roster_solver/i18n.py)
NL_DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
NL_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class Shortfall:
    """Unmet minimum of one area (and skill) on one day: person-minutes and the local times."""

    area: str
    skill: str | None
    date: str  # ISO
    minutes: int
    times: tuple[str, ...]  # "22:00–02:00" stretches


@dataclass
class Outcome:
    """The minimum staffing and the hours band of one roster (minutes; None: unknown)."""

    unmet_minutes: int
    lower_bound_minutes: int | None
    places: list[Shortfall] = field(default_factory=list)
    people: int = 0
    below_band: list[str] = field(default_factory=list)  # staff ids
    above_band: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """``met``, ``proven`` (every unmet minute proven unavoidable), ``partly_proven`` or ``unproven``."""
        if self.unmet_minutes == 0:
            return "met"
        lb = self.lower_bound_minutes or 0
        if lb >= self.unmet_minutes:
            return "proven"
        return "partly_proven" if lb > 0 else "unproven"

    def as_dict(self) -> dict[str, object]:
        return {
            "minimum": self.verdict,
            "unmet_minimum_person_hours": hours(self.unmet_minutes),
            "proven_unavoidable_person_hours": (
                None
                if self.lower_bound_minutes is None
                else hours(min(self.lower_bound_minutes, self.unmet_minutes))
            ),
            "short_places": [
                {
                    "area": s.area,
                    "skill": s.skill,
                    "date": s.date,
                    "person_hours": hours(s.minutes),
                    "times": list(s.times),
                }
                for s in self.places
            ],
            "people": self.people,
            "below_hours_band": list(self.below_band),
            "above_hours_band": list(self.above_band),
        }


def outcome(problem: Problem, roster: Roster, result: SolveResult | None = None) -> Outcome:
    """The outcome of ``roster``; the proven lower bound comes from ``result`` when given."""
    per: dict[tuple[str, str | None, str], list[tuple[int, int, int]]] = defaultdict(list)
    unmet = 0
    for row in coverage_table(problem, roster):
        if row.short_of_min <= 0:
            continue
        minutes = row.short_of_min * (row.end - row.start)
        unmet += minutes
        per[(row.area, row.skill, row.date.isoformat())].append((row.start, row.end, minutes))
    places = []
    for (area, skill, day), rows in per.items():
        rows.sort()
        stretches: list[list[int]] = []
        for a, b, _ in rows:
            if stretches and stretches[-1][1] == a:
                stretches[-1][1] = b
            else:
                stretches.append([a, b])
        times = tuple(f"{problem.clock.local(a):%H:%M}–{problem.clock.local(b):%H:%M}" for a, b in stretches)
        places.append(Shortfall(area, skill, day, sum(m for _, _, m in rows), times))
    places.sort(key=lambda s: (-s.minutes, s.date, s.area))
    planned = ContractHours.planned_minutes(problem, roster)
    below, above = [], []
    for p in problem.staff:
        lo, hi, _, _ = problem.hours_band(p)
        if planned[p.id] < lo:
            below.append(p.id)
        elif planned[p.id] > hi:
            above.append(p.id)
    lower = None
    if result is not None and result.min_lower_bound is not None:
        lower = min(result.min_lower_bound, unmet)
    return Outcome(unmet, lower, places, len(problem.staff), below, above)


def statements(o: Outcome, lang: str = "en", time_limit: float | None = None) -> list[str]:
    """The summary lines: the minimum (with the places when short), then the hours band."""
    t = TEXT["nl" if lang == "nl" else "en"]
    longer = f"{max(120, int(2 * (time_limit or 60))):d}"
    lines: list[str] = []
    x = o.unmet_minutes
    verdict = o.verdict
    if verdict == "met":
        lines.append(t["met"])
    elif verdict == "proven":
        lines.append(t["short_all_proven"].format(x=hours_text(x)))
    elif verdict == "partly_proven":
        y = o.lower_bound_minutes or 0
        lines.append(
            t["short_proven"].format(x=hours_text(x), y=hours_text(y), z=hours_text(x - y), n=longer)
        )
    else:
        lines.append(t["short_unproven"].format(x=hours_text(x), n=longer))
    if o.places:
        lines.append(t["where"])
        for s in o.places[:MAX_PLACES]:
            lines.append(
                f"  {describe_place(s, lang)} {_day(s.date, lang)} {', '.join(s.times)}: "
                f"{hours_text(s.minutes)} {t['ph']}"
            )
        if len(o.places) > MAX_PLACES:
            lines.append("  " + t["more"].format(k=len(o.places) - MAX_PLACES))
    out = o.below_band + o.above_band
    if not out:
        lines.append(t["hours_ok"])
    else:
        ids = ", ".join(out[:8]) + (", …" if len(out) > 8 else "")
        lines.append(
            t["hours_out"].format(
                k=len(out), n=o.people, below=len(o.below_band), above=len(o.above_band), ids=ids
            )
        )
    return lines


def describe_place(s: Shortfall, lang: str) -> str:
    place = TEXT["nl" if lang == "nl" else "en"]["city"] if s.area == ANY_AREA else s.area
    return f"{place} ({s.skill})" if s.skill else place


def _day(iso: str, lang: str) -> str:
    from datetime import date

    d = date.fromisoformat(iso)
    if lang == "nl":
        return f"{NL_DAYS[d.weekday()]} {d.day} {NL_MONTHS[d.month - 1]}"
    return describe_day(d)
