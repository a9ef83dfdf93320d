"""Re-planning with minimal change (``roster repair``): the core, without the command line.

A roster lives for weeks after it is published. When the input changes (someone falls ill, an
event is added), :func:`repair` finds a new legal roster that differs from the published one in
as few shifts as possible:

- the problem gets the published roster (``Problem.published``), which switches on the rule
  family ``change_from_published``: every changed (person, date) costs
  ``weight.change_from_published`` (50 points by default: half of what a person-hour below
  the staffing target costs, so a change is made where it buys staffing or legality, not for
  a slightly fairer or more comfortable roster);
- dates before ``keep_before`` have been worked and stay as published (hard), except where the
  published shift is no longer allowed (a new absence wins, also in the past);
- the solve starts from the published roster itself (minus what is no longer allowed,
  repaired with the checker), so the first roster CP-SAT knows is the published one.

:func:`changes` then lists every changed shift with a plain reason (never a personal absence
reason) and whether it falls within the notice period (``notice_days``, ATW art. 4:2).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .check import CheckReport, check_roster
from .constraints.change_from_published import (
    kept_days,
    label,
    published_by_day,
    still_allowed,
)
from .coverage import coverage_table, qualifies, shortfall_summary
from .domain import OFF, Problem, Published
from .i18n import REPAIR, pick
from .i18n import RULE_WORDS as I18N_RULE_WORDS
from .roster import Assignment, Roster, SolveResult

if TYPE_CHECKING:
    from .engine.solve import ProgressFn

# Plain words for the hard rules a published roster may break after the input changed.
RULE_WORDS: dict[str, str] = I18N_RULE_WORDS["en"]


@dataclass(frozen=True, slots=True)
class Change:
    """One (person, date) whose assignment differs from the published roster.

    ``was`` and ``becomes`` read as in the Roster grid (``E``, ``E@NRD`` outside the home area,
    ``off``); ``was_times`` and ``becomes_times`` spell them out (``E 07:00–15:00 in CEN``);
    ``why`` is a plain reason that names the person whose shift is taken over or the rule kept,
    and never a personal absence reason.
    """

    staff: str
    name: str
    date: date
    was: str
    becomes: str
    why: str
    within_notice: bool
    was_times: str = ""
    becomes_times: str = ""


@dataclass
class RepairResult:
    """The re-planned roster, the problem it was solved for (carrying the published roster),
    the checker's report on it, and the changes against the published roster."""

    problem: Problem
    result: SolveResult
    report: CheckReport
    changes: list[Change]
    keep_before: date
    searched_days: frozenset[int] | None = None  # the last neighbourhood searched; None: every date
    stages: list[dict[str, object]] = field(default_factory=list)  # one line per neighbourhood

    @property
    def people_affected(self) -> int:
        return len({c.staff for c in self.changes})

    @property
    def within_notice(self) -> int:
        return sum(c.within_notice for c in self.changes)


def default_keep_before(problem: Problem, today: date) -> date:
    """The default re-planning date: the first day after ``today`` when it lies inside the
    horizon (today is being worked and the days before it have been), else the horizon start
    (re-plan every date, with minimal change). So an illness reported today rearranges only
    the days from tomorrow on."""
    tomorrow = today + timedelta(days=1)
    if problem.start_date <= tomorrow <= problem.end_date:
        return tomorrow
    return problem.start_date


def with_published(
    problem: Problem, published: Roster, keep_before: date | None, free_days: frozenset[int] | None = None
) -> Problem:
    """``problem`` validated again with the published roster attached (``Problem.published``)."""
    fields = {name: getattr(problem, name) for name in type(problem).model_fields if name != "published"}
    return type(problem)(**fields, published=Published(published, keep_before, free_days))


def starting_roster(problem: Problem) -> Roster:
    """The published roster as far as it is still allowed, Fixed pins applied, and repaired with
    the checker (assignments named by broken hard rules are dropped; kept dates and pins stay)."""
    from .engine.greedy import repair as drop_broken

    published = published_by_day(problem)
    keep = kept_days(problem)
    out: list[Assignment] = []
    fixed_days: set[tuple[str, int]] = set()
    for p in problem.staff:
        for day in range(problem.n_days):
            pin = problem.fixed_by_key.get((p.id, day))
            if pin is not None:
                fixed_days.add((p.id, day))
                if pin.shift != OFF:
                    out.append(Assignment(p.id, problem.date_of(day), pin.shift, pin.area or p.home_area))
                continue
            a = published.get((p.id, day))
            if a is not None and still_allowed(problem, a):
                out.append(a)
    kept = fixed_days | {(p.id, d) for p in problem.staff for d in keep}
    return drop_broken(problem, Roster.of(out), keep=kept)


def disrupted_days(problem: Problem, start: Roster) -> set[int]:
    """The days on which the published roster no longer works under the current input: a
    published shift that is no longer allowed (the whole night for a night shift), a Fixed pin
    that differs from it, an assignment the checker had to drop, a hard rule the start still
    breaks, staffing below the minimum in ``start`` (the published roster less what can no
    longer be worked), or staffing below the target on a date that a Demand row names
    literally (an event: ``2027-02-13``; weekly patterns are not taken as news, since the
    published roster was already short of target there)."""
    published = published_by_day(problem)
    days: set[int] = set()
    kept = {(a.staff, problem.day_index(a.date)) for a in start.assignments}
    for (staff, day), a in published.items():
        if not still_allowed(problem, a) or (staff, day) not in kept:
            days.update((day, day + 1))
    for (staff, day), pin in problem.fixed_by_key.items():
        was = published.get((staff, day))
        if (was.shift if was is not None else OFF) != pin.shift or (
            was is not None and was.area != (pin.area or problem.staff_by_id[staff].home_area)
        ):
            days.add(day)
    for v in check_roster(problem, start).violations:
        if v.date is not None:
            days.add(problem.day_index(v.date))
    events = {d for row in problem.demand for d in row.days.explicit_dates()}
    for row in coverage_table(problem, start):
        if row.short_of_min > 0 or (row.short_of_target > 0 and row.date in events):
            days.add(problem.day_index(row.date))
    return {d for d in days if 0 <= d < problem.n_days}


# Neighbourhoods a repair searches, widest last: days around the disruption, then every day.
RADII: tuple[int | None, ...] = (2, 7, None)
STAGE_SHARE = 0.6  # of the remaining time for each stage but the last


def repair(
    problem: Problem,
    published: Roster,
    *,
    today: date,
    keep_before: date | None = None,
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    on_progress: ProgressFn | None = None,
    all_dates: bool = False,
) -> RepairResult:
    """Re-plan ``problem`` from ``published`` with as few changes as possible.

    ``keep_before`` defaults to :func:`default_keep_before`. The search starts in a small
    neighbourhood (every person, on the disrupted days ± 2, see :func:`disrupted_days`; all
    other dates stay as published) and widens (± 7 days, then every date from
    ``keep_before``) only while the narrower search left more of the minimum staffing unmet
    than the published roster did; a search that gets back to it ends the repair.
    ``all_dates`` searches every date from ``keep_before`` at once (slower; for changes the
    disruption cannot see, e.g. a higher target on a weekly pattern). Each search first fills
    the minimum staffing with as few changes as possible (the engine's warm-up on the minimum
    stage), then improves the whole objective. The result's problem carries the published
    roster without the neighbourhood, so checking and penalties are those of the whole
    re-planning problem. The caller must not write the roster when ``report.violations`` is
    not empty.
    """
    from .engine.solve import solve

    started = time.monotonic()
    keep = keep_before if keep_before is not None else default_keep_before(problem, today)
    full = with_published(problem, published, keep)
    limit = float(time_limit if time_limit is not None else problem.settings.time_limit_seconds)
    current = starting_roster(full)
    disrupted = disrupted_days(full, current)
    # The unmet minimum the published roster had anyway (as published, under the new input): a
    # search that gets back to it has repaired what changed.
    before = _unmet_minimum(full, Roster.of(list(published_by_day(full).values())))
    first = full.day_index(keep) if keep > full.start_date else 0
    open_days = set(range(max(0, first), full.n_days))
    result: SolveResult | None = None
    stages: list[dict[str, object]] = []
    searched: frozenset[int] | None = None
    for radius in (None,) if all_dates else RADII:
        free = (
            None
            if radius is None
            else frozenset(d for d in open_days if any(abs(d - x) <= radius for x in disrupted))
        )
        last = free is None or free >= open_days or radius == RADII[-1]
        if free is not None and free >= open_days:
            free = None
        stage_pb = full if free is None else with_published(problem, published, keep, free)
        left = limit - (time.monotonic() - started)
        share = left if last else left * STAGE_SHARE
        # The engine's neighbourhood search then works on the disrupted days ± 2 only.
        stage = solve(
            stage_pb,
            time_limit=max(0.5, share),
            workers=workers,
            seed=seed,
            on_progress=on_progress,
            start=current,
            focus=disrupted,
        )
        stages.append(
            {
                "days": "all" if free is None else len(free),
                "status": str(stage.status),
                "objective": stage.objective,
                "bound": stage.bound,
                "seconds": round(time.monotonic() - started, 2),
            }
        )
        if stage.status.has_roster or result is None or not result.status.has_roster:
            result, searched = stage, free
        if stage.status.has_roster:
            current = stage.roster
            if _unmet_minimum(full, stage.roster) <= before:
                break
        if last:
            break
    assert result is not None
    result.seconds = time.monotonic() - started
    report = check_roster(full, result.roster) if result.status.has_roster else CheckReport()
    if searched is not None and result.status.has_roster:
        # A neighbourhood's model narrows the candidates (which fairness eligibility reads), so
        # its objective and bound belong to that narrower problem: report the whole problem's
        # recomputed cost, and no bound (none is known for the whole problem).
        result.objective = report.total_cost
        result.family_costs = report.cost_by_family()
        result.bound = None
    found = changes(full, result.roster, today=today) if result.status.has_roster else []
    return RepairResult(full, result, report, found, keep, searched, stages)


def _unmet_minimum(problem: Problem, roster: Roster) -> int:
    """Person-minutes below the minimum staffing, all areas together."""
    return sum(shortfall_summary(problem, roster).values())


def notice_days(problem: Problem) -> int:
    return int(problem.ruleset.get("notice_days", 0) or 0)


def changes(problem: Problem, new: Roster, *, today: date) -> list[Change]:
    """Every (person, date) of the horizon where ``new`` differs from the published roster,
    sorted by date and staff, each with a plain reason and the notice-period flag: a change
    dated before ``today + notice_days`` is within the notice period (ATW art. 4:2)."""
    if problem.published is None:
        return []
    published = published_by_day(problem)
    now: dict[tuple[str, int], Assignment] = {}
    for a in new.assignments:
        day = problem.day_index(a.date)
        if a.staff in problem.staff_by_id and 0 <= day < problem.n_days:
            now.setdefault((a.staff, day), a)
    changed = sorted(
        (key for key in set(published) | set(now) if published.get(key) != now.get(key)),
        key=lambda k: (k[1], k[0]),
    )
    why = _Reasons(problem, published, now, changed)
    limit = today + timedelta(days=notice_days(problem))
    out: list[Change] = []
    for staff, day in changed:
        p = problem.staff_by_id[staff]
        d = problem.date_of(day)
        out.append(
            Change(
                staff=staff,
                name=p.name,
                date=d,
                was=label(published.get((staff, day)), p.home_area),
                becomes=label(now.get((staff, day)), p.home_area),
                why=why.of(staff, day),
                within_notice=d < limit,
                was_times=shift_text(problem, published.get((staff, day))),
                becomes_times=shift_text(problem, now.get((staff, day))),
            )
        )
    return out


def shift_text(problem: Problem, a: Assignment | None) -> str:
    """``E 07:00–15:00 in CEN``; ``off`` (``vrij``) for no shift; in the problem's language."""
    t = pick(REPAIR, problem.settings.language)
    if a is None:
        return t["off"]
    where = t["in"].format(area=a.area)
    if a.shift not in problem.shift_by_code:
        return f"{a.shift} {where}"
    inst = problem.instance(a.shift, problem.day_index(a.date))
    start, end = problem.clock.local(inst.start), problem.clock.local(inst.end)
    return f"{a.shift} {start:%H:%M}\u2013{end:%H:%M} {where}"


def people_to_call(found: list[Change]) -> list[tuple[str, str, list[Change]]]:
    """The changes grouped per person, in the order of each person's first changed date:
    (staff id, name, their changes by date)."""
    per: dict[str, list[Change]] = defaultdict(list)
    for c in found:
        per[c.staff].append(c)
    groups = [(staff, cs[0].name, sorted(cs, key=lambda c: c.date)) for staff, cs in per.items()]
    return sorted(groups, key=lambda g: (g[2][0].date, g[0]))


class _Reasons:
    """Why a (person, date) changed, in plain words that name the person whose shift is taken
    over or the rule that is kept; first match wins:

    1. a Fixed pin of the input says so: ``fixed in the input``;
    2. the published shift is no longer allowed: ``not available`` (absence or a hard wish;
       never the absence type), ``not employed on this date``, or ``no longer allowed (…)``;
    3. the published roster, under the new input, breaks a hard rule of this person within a
       day of this date: ``moved so that B12 keeps 11 h rest`` (or the rule in words);
    4. the new shift replaces a published shift that can no longer be worked on that day
       (same shift and area first, then same area, then overlapping times, then any):
       ``takes over E 07:00–15:00 in CEN from B07, who is absent`` (``who is not available``
       when it is not an absence; never why);
    5. the new shift fills staffing left below the minimum or target:
       ``keeps the minimum staffing in CEN 07:00–09:00`` / ``brings CEN closer to its target``;
    6. the person takes over a shift on the day before or after and the published shift would
       leave too little rest: ``moved so that B12 keeps 11 h rest``;
    7. the person takes over or changes elsewhere: ``moved so that B12 stays within the
       contract hours``;
    8. otherwise ``to fit other changes``.
    """

    def __init__(
        self,
        problem: Problem,
        published: dict[tuple[str, int], Assignment],
        now: dict[tuple[str, int], Assignment],
        changed: list[tuple[str, int]],
    ) -> None:
        self.problem = problem
        self.t = pick(REPAIR, problem.settings.language)
        self.words = pick(I18N_RULE_WORDS, problem.settings.language)
        self.published = published
        self.now = now
        before = Roster.of([a for a in published.values() if still_allowed(problem, a)])
        self.short = (
            [r for r in coverage_table(problem, before) if r.short_of_min > 0 or r.short_of_target > 0]
            if changed
            else []
        )
        self.broken: dict[str, list[tuple[int | None, str]]] = defaultdict(list)
        if changed:
            for v in check_roster(problem, before).violations:
                if v.staff is not None and v.rule in RULE_WORDS and v.rule != "change_from_published":
                    day = problem.day_index(v.date) if v.date is not None else None
                    self.broken[v.staff].append((day, self._kept(v.staff, v.rule)))
        self.per_person: dict[str, int] = defaultdict(int)
        for staff, _ in changed:
            self.per_person[staff] += 1
        # Published shifts that can no longer be worked, per day: the shifts to take over.
        self.lost: dict[int, list[Assignment]] = defaultdict(list)
        for staff, day in changed:
            was = published.get((staff, day))
            if was is not None and not still_allowed(problem, was):
                self.lost[day].append(was)
        self.takeover: dict[tuple[str, int], Assignment] = {}
        for staff, day in changed:
            new = now.get((staff, day))
            if new is not None and (staff, day) not in problem.fixed_by_key:
                match = self._match(new)
                if match is not None:
                    self.takeover[(staff, day)] = match

    def _kept(self, staff: str, rule: str) -> str:
        if rule == "daily_rest":
            hours = self.problem.ruleset.get("min_daily_rest_hours", 11)
            return self.t["keeps_rest"].format(staff=staff, hours=f"{hours:g}")
        return self.t["keeps_rule"].format(staff=staff, rule=self.words[rule])

    def _match(self, new: Assignment) -> Assignment | None:
        pb = self.problem
        day = pb.day_index(new.date)
        candidates = [a for a in self.lost.get(day, []) if a.staff != new.staff]
        if not candidates:
            return None
        if new.shift in pb.shift_by_code:
            inst = pb.instance(new.shift, day)

            def overlaps(a: Assignment) -> bool:
                if a.shift not in pb.shift_by_code:
                    return False
                other = pb.instance(a.shift, day)
                return other.start < inst.end and inst.start < other.end
        else:

            def overlaps(a: Assignment) -> bool:
                return False

        for test in (
            lambda a: a.shift == new.shift and a.area == new.area,
            lambda a: a.area == new.area and overlaps(a),
            overlaps,
            lambda a: a.area == new.area,
        ):
            found = [a for a in candidates if test(a)]
            if found:
                return min(found, key=lambda a: a.staff)
        return None

    def of(self, staff: str, day: int) -> str:
        pb = self.problem
        t = self.t
        if (staff, day) in pb.fixed_by_key:
            return t["fixed"]
        was = self.published.get((staff, day))
        if was is not None and not still_allowed(pb, was):
            return self._unavailable(was)
        for when, words in self.broken.get(staff, []):
            if when is None or abs(when - day) <= 1:
                return words
        taken = self.takeover.get((staff, day))
        if taken is not None:
            return t["takes_over"].format(
                shift=shift_text(pb, taken), staff=taken.staff, who=self._who_is(taken)
            )
        new = self.now.get((staff, day))
        if new is not None:
            filled = self._fills_shortage(new)
            if filled is not None:
                return filled
        for other in (day - 1, day + 1):
            if (staff, other) in self.takeover and self._rest_too_short(staff, day, other):
                return self._kept(staff, "daily_rest")
        if any(s == staff for s, _ in self.takeover) or self.per_person[staff] > 1:
            return t["contract"].format(staff=staff)
        return t["other"]

    def _who_is(self, a: Assignment) -> str:
        absent = self.problem.absent_on(a.staff, self.problem.day_index(a.date))
        return self.t["who_absent"] if absent else self.t["who_unavailable"]

    def _rest_too_short(self, staff: str, day: int, other: int) -> bool:
        """Whether the published shift on ``day`` and the taken-over shift on ``other`` (the day
        before or after) would leave less than the daily rest between them."""
        pb = self.problem
        was = self.published.get((staff, day))
        took = self.now.get((staff, other))
        if (
            was is None
            or took is None
            or was.shift not in pb.shift_by_code
            or took.shift not in pb.shift_by_code
        ):
            return False
        a, b = pb.instance(was.shift, day), pb.instance(took.shift, other)
        first, second = (a, b) if day < other else (b, a)
        rest = 60 * float(pb.ruleset.get("min_daily_rest_hours", 11))
        return second.start - first.end < rest

    def _unavailable(self, a: Assignment) -> str:
        pb = self.problem
        p = pb.staff_by_id[a.staff]
        t = self.t
        if a.shift not in pb.shift_by_code or a.area not in pb.area_by_code:
            return t["not_in_input"]
        reason = pb.unavailable_reason(p, pb.instance(a.shift, pb.day_index(a.date)), a.area) or ""
        if reason == "absent" or "(wish)" in reason:
            return t["not_available"]  # never the kind of absence or the wish itself
        if reason.startswith("not employed"):
            return t["not_employed"]
        if reason.startswith("fixed"):
            return t["fixed"]
        if pb.law_blocks_instance(p, pb.instance(a.shift, pb.day_index(a.date))):
            return t["law"]
        why = pb.unavailable_reason(
            p, pb.instance(a.shift, pb.day_index(a.date)), a.area, pb.settings.language
        )
        return t["no_longer_allowed"].format(why=why or reason)

    def _fills_shortage(self, a: Assignment) -> str | None:
        pb = self.problem
        p = pb.staff_by_id[a.staff]
        inst = pb.instance(a.shift, pb.day_index(a.date))
        for r in sorted(self.short, key=lambda r: r.short_of_min == 0):  # minimum first
            if not qualifies(p, a.area, r.area, r.skill):
                continue
            if r.shift is not None:
                if not (r.shift == a.shift and r.date == a.date):
                    continue
            elif not (inst.start <= r.start and r.end <= inst.end):
                continue
            where = self.t["city"] if r.area == "*" else self.t["in"].format(area=r.area)
            times = f"{r.slot_start:%H:%M}\u2013{r.slot_end:%H:%M}"
            skill = f" ({r.skill})" if r.skill else ""
            key = "keeps_min" if r.short_of_min > 0 else "towards_target"
            return self.t[key].format(skill=skill, where=where, times=times)
        return None
