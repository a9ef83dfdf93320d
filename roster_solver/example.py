"""The bundled example: a mid-size city enforcement team (BOA's) over four winter weeks.

``example_problem()`` is deterministic (a seeded :class:`random.Random`) and is what
``examples/make_example.py`` writes to ``examples/example.xlsx``.

The city
    Five wijken: CEN Centrum (shopping streets, nightlife, the carnival), NRD Noord, OST Oost,
    ZUD Zuid and WST West (residential, with schools). 50 people (13 at home in CEN, 10 in
    NRD, 9 in each other wijk): 3 coordinators (skill ``coordinator``, deployable city-wide),
    4 dog handlers (``dog``), 14 drivers (``driver``), 18 part-timers (24–32 h) and 32
    full-timers (36 h), 8 people who do not work nights (among them a 17-year-old trainee,
    whom the law keeps off nights anyway), 8 who may also work in one or two neighbouring
    wijken and 5 city-wide (``*``), and a new colleague who joins on 15 February.

The horizon
    Four weeks from Monday 1 February 2027 (no public holiday, no clock change). Saturday
    6 February is in it; carnival runs Sunday 7 – Tuesday 9 February and raises the demand
    in CEN, above all in the evenings, and the city-wide night minimum.

Shifts (ATW art. 5:4: a 30-minute break for more than 5.5 hours of work)
    E early 07:00–15:00, D day 09:00–17:30 (weekdays), L late 14:00–22:00, EV evening
    17:00–01:00 (not a night shift: only 60 minutes after midnight) and N night 22:00–06:00
    (a night shift ending after 02:00). Every shift is 7.5 h of paid work, D 8 h.

Demand (24 rows, as a planner writes them)
    Each wijk 07:00–22:00 every day (CEN 2 people, target 3, and from 09:00 at weekends; the
    other wijken 1, target 2); school hotspots 08:00–09:00 and 14:30–15:30 on weekdays in the
    four residential wijken (2 people); CEN evenings on Friday and Saturday until 01:00 and
    the Saturday market; a city-wide night minimum of 2 (3 on Friday and Saturday nights)
    with a driver on every night; a coordinator on duty 09:00–17:00 on weekdays; a dog
    handler on Friday and Saturday evenings; carnival rows for CEN and the city-wide nights
    on 7–9 February.

Absence, wishes, pins, history
    Two people on leave in every week (one of them a coordinator in week 3), one sick in
    week 1, a half-day group training on Wednesday 17 February for six people and a two-day
    course at the end; flexibility windows (``only`` on Wednesdays 07:00–15:00, Mondays and
    Tuesdays 09:00–22:00), a ``never`` on weekend nights, a personal day off, a ``must`` for a
    meeting and a few prefer/avoid wishes; four Fixed pins; History for the week before the
    horizon for everyone employed, in patterns that end with days off or day shifts (no night
    runs into the horizon), and two Limits rows.

Capacity (:func:`capacity_summary`, printed by ``examples/make_example.py``)
    Available: the contract targets after leave, training and sickness credit, 6290 h
    (nominal contract 6624 h with the new colleague pro rata, credit 342 h, a carried
    balance of +8 h).
    Minimum: 3404 person-hours; covering it shift by shift needs at most 4554 h of shifts,
    72 % of the available hours. Targets: 5607 person-hours, at most 5770 h of shifts,
    92 %. (A greedy cover per requirement, summed over the wijk and city-wide rows: an upper
    bound, since a person on a night shift in a wijk also counts there until 22:00.)
    Per wijk the minimum needs 59–71 % of the hours of the people at home there, before
    anyone who may work in several wijken is counted; the city-wide nights need 502 h of the
    5210 h of the people who may work nights. The skill rows need 160 h of the coordinators'
    396 h, 60 h of the dog handlers' 532 h and 210 h of the drivers' 1914 h; skilled people
    count in the other rows too, so these rows decide who works, not how many hours.

So the minimum leaves more than a quarter of the hours for the law (rest, weekly rest, a free
Sunday, at most 6 days in a row), wishes and fairness, and meeting the targets fills most of
the contracts, as in a real team. A solve with the hard families, coverage and contract hours
meets every minimum and every target (checked with CP-SAT while the example was made).

Never imports the solver.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from .calendar import ALL_DAYS, parse_days
from .coverage import Segment, segments, shift_requirements
from .domain import (
    ANY_AREA,
    Absence,
    Area,
    DemandRow,
    Fixed,
    HistoryEntry,
    Limit,
    Problem,
    RuleOverride,
    Settings,
    Shift,
    StaffMember,
    Wish,
)

START = date(2027, 2, 1)
WEEKS = 4
SEED = 2027

AREAS = (
    ("CEN", "Centrum"),
    ("NRD", "Noord"),
    ("OST", "Oost"),
    ("ZUD", "Zuid"),
    ("WST", "West"),
)
RESIDENTIAL = ("NRD", "OST", "ZUD", "WST")
# Neighbouring wijken: where a person with a second or third wijk may also work.
NEIGHBOURS = {
    "CEN": ("NRD", "OST", "ZUD", "WST"),
    "NRD": ("CEN", "OST", "WST"),
    "OST": ("CEN", "NRD", "ZUD"),
    "ZUD": ("CEN", "OST", "WST"),
    "WST": ("CEN", "ZUD", "NRD"),
}
TEAM_SIZE = {"CEN": 13, "NRD": 10, "OST": 9, "ZUD": 9, "WST": 9}


def hm(text: str) -> int:
    """``"HH:MM"`` as minutes after midnight (for workbooks written in code: the example, the
    bench teams, the tests)."""
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def make_shift(
    code: str, name: str, start: str, end: str, days: str = "all", color: str | None = None, brk: int = 30
) -> Shift:
    """A Shifts row from clock times and a day selector (``"all"`` or e.g. ``"weekdays"``)."""
    return Shift(
        code=code,
        name=name,
        start=hm(start),
        end=hm(end),
        break_minutes=brk,
        days=ALL_DAYS if days == "all" else parse_days(days),
        color=color,
    )


SHIFTS = (
    make_shift("E", "Early (vroeg)", "07:00", "15:00", color="FFF2CC"),
    make_shift("D", "Day (dag)", "09:00", "17:30", "weekdays", color="E2EFDA"),
    make_shift("L", "Late (laat)", "14:00", "22:00", color="FCE4D6"),
    make_shift("EV", "Evening (avond)", "17:00", "01:00", color="D9E1F2"),
    make_shift("N", "Night (nacht)", "22:00", "06:00", color="BFBFBF"),
)


def _demand(
    area: str,
    days: str,
    start: str | None,
    end: str | None,
    min: int,
    target: int | None = None,
    **kw: object,
) -> DemandRow:
    return DemandRow(
        area=area,
        days=parse_days(days),
        start=hm(start) if start else None,
        end=hm(end) if end else None,
        min=min,
        target=target,
        **kw,
    )


CARNIVAL = "2027-02-07..2027-02-09"

DEMAND = (
    _demand("CEN", "weekdays", "07:00", "22:00", 2, 3, note="Centrum on weekdays"),
    _demand("CEN", "weekend", "09:00", "22:00", 2, 3, note="Centrum at weekends"),
    _demand("CEN", "fri,sat", "18:00", "01:00", 3, 4, note="nightlife"),
    _demand("CEN", "sat", "08:00", "14:00", 3, note="Saturday market"),
    *(_demand(a, "all", "07:00", "22:00", 1, 2, max=5, note="wijk presence") for a in RESIDENTIAL),
    *(
        _demand(a, "weekdays", f, t, 2, note="school hotspot")
        for a in RESIDENTIAL
        for f, t in (("08:00", "09:00"), ("14:30", "15:30"))
    ),
    _demand(ANY_AREA, "all", "22:00", "06:00", 2, 3, note="city-wide night"),
    _demand(ANY_AREA, "fri,sat", "22:00", "06:00", 3, 4, note="weekend nights"),
    _demand(ANY_AREA, "all", "22:00", "06:00", 1, skill="driver", note="night car"),
    _demand(ANY_AREA, "weekdays", "09:00", "17:00", 1, skill="coordinator", note="coordinator on duty"),
    _demand(ANY_AREA, "fri,sat", "20:00", "01:00", 1, skill="dog", note="dog handler"),
    _demand("CEN", CARNIVAL, "11:00", "22:00", 3, 5, note="carnival"),
    _demand("CEN", CARNIVAL, "17:00", "01:00", 4, 6, note="carnival evenings"),
    _demand(ANY_AREA, CARNIVAL, "22:00", "06:00", 3, 4, note="carnival nights"),
)

FIRST_NAMES = (
    "Anouk",
    "Bram",
    "Chantal",
    "Daan",
    "Esra",
    "Fleur",
    "Gijs",
    "Hanna",
    "Ilias",
    "Jesse",
    "Kim",
    "Lars",
    "Mila",
    "Noah",
    "Olga",
    "Pim",
    "Quinten",
    "Roos",
    "Sem",
    "Tess",
    "Umut",
    "Vera",
    "Wout",
    "Yara",
    "Zoë",
    "Bilal",
    "Demi",
    "Fatima",
    "Koen",
    "Lotte",
)
LAST_NAMES = (
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Verhoeven",
    "Koster",
    "Prins",
)


# --------------------------------------------------------------------------- people


def _staff(rng: random.Random) -> list[StaffMember]:
    ids = [f"B{k:02d}" for k in range(1, sum(TEAM_SIZE.values()) + 1)]
    homes = [a for a, n in TEAM_SIZE.items() for _ in range(n)]
    names = sorted({f"{f} {ln}" for f in FIRST_NAMES for ln in LAST_NAMES})
    chosen = rng.sample(names, len(ids))
    # Roles by position, shuffled once: who coordinates, handles a dog, drives, works part-time.
    order = list(range(len(ids)))
    rng.shuffle(order)
    coordinators = {ids[0], ids[13], ids[32]}  # B01 (CEN), B14 (NRD), B33 (ZUD)
    rest = [i for i in order if ids[i] not in coordinators]
    dogs = {ids[i] for i in (1, 15, 25, 43)}  # B02 (CEN), B16 (NRD), B26 (OST), B44 (WST)
    drivers = {ids[i] for i in rest[:14]}
    part_timers = {ids[i] for i in rest[14:31]}
    no_nights = {ids[i] for i in rest[31:39]} - dogs - drivers
    multi = {ids[i] for i in rest[39:]}
    out = []
    for k, pid in enumerate(ids):
        home = homes[k]
        skills: set[str] = set()
        kw: dict[str, object] = {}
        hours: float = 36
        if pid in coordinators:
            skills.add("coordinator")
            kw["all_areas"] = True
        if pid in dogs:
            skills.add("dog")
        if pid in drivers:
            skills.add("driver")
        if pid in part_timers:
            hours = rng.choice((24, 28, 32, 32))
        if pid in no_nights:
            kw["no_nights"] = True
        if pid in multi:
            kw["areas"] = tuple(rng.sample(NEIGHBOURS[home], rng.choice((1, 1, 2))))
        out.append(
            dict(id=pid, name=chosen[k], home_area=home, hours_per_week=hours, skills=frozenset(skills), **kw)
        )
    by_id = {d["id"]: d for d in out}
    # Individual arrangements a planner knows by heart.
    by_id["B07"].update(all_areas=True, areas=())  # flexible pool, city-wide
    by_id["B20"].update(all_areas=True, areas=())
    by_id["B45"].update(
        hours_per_week=24,
        no_nights=True,  # trainee, 17 on 1 February 2027
        birth_date=date(2009, 6, 12),
        skills=frozenset(),
    )
    by_id["B24"].update(start_date=date(2027, 2, 15))  # joins in week 3
    by_id["B29"].update(hours_balance=8)  # carries 8 hours in
    by_id["B38"].update(shifts=("E", "D"), no_nights=True)  # early and day shifts only
    by_id["B41"].update(max_weekends=2)
    return [StaffMember(**d) for d in out]


def _absences(staff: list[StaffMember], rng: random.Random) -> list[Absence]:
    ids = [p.id for p in staff if p.start_date is None and "coordinator" not in p.skills]
    pool = rng.sample(ids, 16)
    out: list[Absence] = []
    weeks = [START + timedelta(weeks=w) for w in range(WEEKS)]
    # Two people on leave per horizon week: Monday–Friday, and Saturday to the next Sunday
    # (the last one runs past the horizon; only its days inside count).
    for w, monday in enumerate(weeks):
        a, b = pool[2 * w], pool[2 * w + 1]
        out.append(Absence(staff=a, start_date=monday, end_date=monday + timedelta(days=4), type="leave"))
        out.append(
            Absence(
                staff=b,
                start_date=monday + timedelta(days=5),
                end_date=monday + timedelta(days=13),
                type="leave",
            )
        )
    # A coordinator's week off in week 3; someone sick for the first week.
    out.append(Absence(staff="B14", start_date=weeks[2], end_date=weeks[2] + timedelta(days=4), type="leave"))
    out.append(Absence(staff=pool[8], start_date=START, end_date=START + timedelta(days=6), type="sick"))
    # Part-day group training on Wednesday 17 February, a two-day course at the end.
    for pid in pool[9:15]:
        out.append(
            Absence(
                staff=pid,
                start_date=date(2027, 2, 17),
                end_date=date(2027, 2, 17),
                start_minute=hm("09:00"),
                end_minute=hm("17:00"),
                type="training",
            )
        )
    out.append(
        Absence(staff=pool[15], start_date=date(2027, 2, 25), end_date=date(2027, 2, 26), type="training")
    )
    return out


def make_wish(
    staff: str,
    days: str,
    kind: str,
    shift: str | None = None,
    start: str | None = None,
    end: str | None = None,
    weight: int | None = None,
) -> Wish:
    """A Wishes row from clock times and a day selector (for workbooks written in code)."""
    return Wish(
        staff=staff,
        days=parse_days(days),
        kind=kind,
        shift=shift,
        start=hm(start) if start else None,
        end=hm(end) if end else None,
        weight=weight,
    )


def _wishes() -> list[Wish]:
    wish = make_wish
    return [
        wish("B05", "wed", "only", start="07:00", end="15:00"),  # school run on Wednesdays
        wish("B18", "mon,tue", "only", start="09:00", end="22:00"),
        wish("B23", "fri,sat", "never", shift="N"),  # no weekend nights
        wish("B30", "2027-02-12", "never"),  # a personal appointment
        wish("B12", "2027-02-24", "must", shift="D"),  # team meeting
        wish("B08", "weekdays", "prefer", shift="E"),
        wish("B14", "sat", "avoid", shift="EV"),
        wish("B33", "all", "avoid", shift="N", weight=5),
        wish("B41", "2027-02-19", "prefer", shift="off", weight=20),
        wish("B47", "sun", "avoid", weight=5),
    ]


def _fixed() -> list[Fixed]:
    return [
        Fixed(staff="B01", date=START, shift="D", area="CEN"),  # period kick-off
        Fixed(staff="B02", date=date(2027, 2, 7), shift="EV", area="CEN"),  # carnival Sunday
        Fixed(staff="B16", date=date(2027, 2, 10), shift="off"),
        Fixed(staff="B34", date=date(2027, 2, 15), shift="D", area="OST"),  # helps Oost
    ]


# History patterns, Monday–Sunday of the week before the horizon ("-" = off). None ends with a
# night series, so the first days of the horizon stay open for every shift but E after L/EV.
_PATTERNS: dict[int, tuple[tuple[str, ...], ...]] = {
    5: (
        ("E", "E", "E", "E", "E", "-", "-"),
        ("D", "D", "D", "D", "D", "-", "-"),
        ("L", "L", "L", "-", "-", "E", "E"),
        ("E", "E", "-", "-", "L", "EV", "EV"),
        ("E", "N", "N", "N", "-", "-", "E"),
        ("N", "N", "-", "-", "D", "E", "E"),
    ),
    4: (
        ("E", "E", "-", "L", "L", "-", "-"),
        ("-", "D", "D", "-", "E", "E", "-"),
        ("N", "N", "-", "-", "-", "L", "L"),
    ),
    3: (("E", "-", "L", "-", "-", "E", "-"), ("-", "D", "D", "-", "D", "-", "-")),
}


def _history(staff: list[StaffMember], rng: random.Random) -> list[HistoryEntry]:
    monday = START - timedelta(weeks=1)
    out = []
    for p in staff:
        if p.start_date is not None:
            continue
        n = 5 if p.hours_per_week >= 36 else 4 if p.hours_per_week >= 28 else 3
        options = [
            pat
            for pat in _PATTERNS[n]
            if not ((p.no_nights or "coordinator" in p.skills) and "N" in pat)
            and (p.shifts is None or all(c in p.shifts or c == "-" for c in pat))
        ]
        if "coordinator" in p.skills:
            options = [pat for pat in options if "D" in pat] or options
        pattern = rng.choice(options)
        for k, code in enumerate(pattern):
            if code != "-":
                out.append(
                    HistoryEntry(staff=p.id, date=monday + timedelta(days=k), shift=code, area=p.home_area)
                )
    return out


def example_problem(language: Literal["en", "nl"] = "en") -> Problem:
    """The example team, its demand, absences, wishes, pins and history (deterministic), with
    ``language`` in its Settings."""
    rng = random.Random(SEED)
    staff = _staff(rng)
    return Problem(
        settings=Settings(
            start_date=START,
            weeks=WEEKS,
            timezone="Europe/Amsterdam",
            rule_profile="atw",
            shortage="report",
            time_limit_seconds=60,
            seed=0,
            language=language,
        ),
        areas=tuple(Area(code=c, name=n) for c, n in AREAS),
        shifts=SHIFTS,
        staff=tuple(staff),
        limits=(Limit(staff="B25", shift="N", max=2), Limit(staff="B27", shift="EV", max=3)),
        demand=DEMAND,
        absences=tuple(_absences(staff, rng)),
        wishes=tuple(_wishes()),
        fixed=tuple(_fixed()),
        history=tuple(_history(staff, rng)),
        rules=(RuleOverride(rule="weight.split_weekend", value=10),),
    )


# --------------------------------------------------------------------------- capacity


@dataclass(frozen=True)
class Capacity:
    """Hours available against hours asked, over the whole horizon (hours, rounded)."""

    people: int
    nominal_hours: int  # hours_per_week × weeks, pro rata for days employed
    credit_hours: int  # leave, training and sickness credited against the contract
    available_hours: int  # contract targets (nominal − credit + balance)
    min_person_hours: int  # demand of the minimum, in person-hours
    target_person_hours: int  # demand of the targets (at least the minimum), in person-hours
    min_shift_hours: int  # paid hours of shifts that cover the minimum (upper bound)
    target_shift_hours: int  # paid hours of shifts that cover the targets (upper bound)
    uncoverable_person_hours: int  # demand no shift type spans (should be 0)
    per_area: dict[str, tuple[int, int]] = field(default_factory=dict)  # area -> (need, home hours)
    per_skill: dict[str, tuple[int, int]] = field(default_factory=dict)  # skill -> (need, hours)
    night_need_hours: int = 0  # shift hours covering the city-wide rows without a skill
    night_capable_hours: int = 0  # available hours of people who may work nights

    @property
    def min_ratio(self) -> float:
        return self.min_shift_hours / self.available_hours if self.available_hours else 0.0

    @property
    def target_ratio(self) -> float:
        return self.target_shift_hours / self.available_hours if self.available_hours else 0.0


def capacity_summary(problem: Problem) -> Capacity:
    """Hours the team has after absence against what the demand asks (see the module docstring).

    The demand is the requirement profile of :mod:`roster_solver.coverage` (per area and skill,
    per segment, merged as docs/workbook-contract.md says). The shift hours are a greedy cover of each
    requirement by the shift types valid on each day (earliest short segment first, the
    spanning shift that ends last), summed over the requirements without a skill: an upper
    bound, since one person often serves a wijk and a city-wide row at once. Skill rows are
    reported per skill against the hours of the people who have it: skilled people count in
    the other rows too, so a skill row decides who works rather than adding hours.
    """
    by_key: dict[tuple[str, str | None], list[Segment]] = defaultdict(list)
    for seg in segments(problem):
        by_key[(seg.area, seg.skill)].append(seg)
    min_ph = target_ph = min_sh = target_sh = lost = night_need = 0
    per_area_need: dict[str, int] = defaultdict(int)
    per_skill_need: dict[str, int] = defaultdict(int)
    for (area, skill), segs in by_key.items():
        need_min = [seg.min for seg in segs]
        if skill is not None:
            per_skill_need[skill] += _greedy_cover(problem, segs, need_min)[0]
            continue
        need_target = [max(seg.min, seg.target) for seg in segs]
        min_ph += sum(n * seg.minutes for n, seg in zip(need_min, segs, strict=True))
        target_ph += sum(n * seg.minutes for n, seg in zip(need_target, segs, strict=True))
        shift_minutes, missing = _greedy_cover(problem, segs, need_min)
        min_sh += shift_minutes
        lost += missing
        target_sh += _greedy_cover(problem, segs, need_target)[0]
        if area == ANY_AREA:
            night_need += shift_minutes
        else:
            per_area_need[area] += shift_minutes
    for req in shift_requirements(problem):
        work = problem.instance(req.shift, req.day).work
        if req.skill is not None:
            per_skill_need[req.skill] += req.min * work
            continue
        min_ph += req.min * work
        min_sh += req.min * work
        target_ph += max(req.min, req.target) * work
        target_sh += max(req.min, req.target) * work
        if req.area != ANY_AREA:
            per_area_need[req.area] += req.min * work
    nominal = sum(round(p.hours_per_week * 60 * len(problem.employed_days(p)) / 7) for p in problem.staff)
    credit = sum(problem.credited_minutes(p) for p in problem.staff)
    target = {p.id: problem.target_minutes(p) for p in problem.staff}
    home_hours: dict[str, int] = defaultdict(int)
    for p in problem.staff:
        home_hours[p.home_area] += target[p.id]
    night_capable = sum(target[p.id] for p in problem.staff if _may_work_nights(problem, p))

    def h(minutes: float) -> int:
        return round(minutes / 60)

    return Capacity(
        people=len(problem.staff),
        nominal_hours=h(nominal),
        credit_hours=h(credit),
        available_hours=h(sum(target.values())),
        min_person_hours=h(min_ph),
        target_person_hours=h(target_ph),
        min_shift_hours=h(min_sh),
        target_shift_hours=h(target_sh),
        uncoverable_person_hours=h(lost),
        per_area={a.code: (h(per_area_need[a.code]), h(home_hours[a.code])) for a in problem.areas},
        per_skill={
            skill: (h(need), h(sum(target[p.id] for p in problem.staff if skill in p.skills)))
            for skill, need in sorted(per_skill_need.items())
        },
        night_need_hours=h(night_need),
        night_capable_hours=h(night_capable),
    )


def _may_work_nights(problem: Problem, p: StaffMember) -> bool:
    if p.no_nights:
        return False
    age = problem.age_on(p, problem.start_date)
    min_age = int(problem.ruleset.get("min_age_nights", 0) or 0)
    return age is None or age >= min_age


def format_capacity(c: Capacity) -> str:
    lines = [
        f"people                       {c.people}",
        f"contract hours (nominal)     {c.nominal_hours} h",
        f"credited absence             {c.credit_hours} h",
        f"available (contract targets) {c.available_hours} h",
        f"minimum demand               {c.min_person_hours} person-hours; shifts to cover it "
        f"at most {c.min_shift_hours} h = {c.min_ratio:.0%} of available",
        f"target demand                {c.target_person_hours} person-hours; shifts to cover it "
        f"at most {c.target_shift_hours} h = {c.target_ratio:.0%} of available",
        f"demand no shift can cover    {c.uncoverable_person_hours} person-hours",
        f"city-wide nights             {c.night_need_hours} h of shifts; people who may work "
        f"nights have {c.night_capable_hours} h",
        "per wijk (minimum, shift hours vs. hours of the people at home there):",
    ]
    for area, (need, have) in c.per_area.items():
        ratio = need / have if have else 0.0
        lines.append(f"  {area:12} {need:5} h of {have:5} h = {ratio:.0%}")
    lines.append(
        "per skill (minimum, shift hours vs. hours of the people with the skill; they "
        "count in the rows above too):"
    )
    for skill, (need, have) in c.per_skill.items():
        ratio = need / have if have else 0.0
        lines.append(f"  {skill:12} {need:5} h of {have:5} h = {ratio:.0%}")
    return "\n".join(lines)


# ------------------------------------------------------------------ greedy cover


def _greedy_cover(problem: Problem, segs: list[Segment], need: list[int]) -> tuple[int, int]:
    """(paid minutes of the shifts chosen, person-minutes no shift spans) for one requirement.

    ``segs`` are sorted by start; ``need`` is the number of people asked on each.
    """
    instances = [
        inst
        for inst in problem.horizon_instances
        if problem.shift_by_code[inst.shift].days.matches(inst.date, problem.holidays)
    ]
    covered = [0] * len(segs)
    paid = missing = 0
    for i, seg in enumerate(segs):
        while covered[i] < need[i]:
            spanning = [s for s in instances if s.start <= seg.start and s.end >= seg.end]
            if not spanning:
                missing += (need[i] - covered[i]) * seg.minutes
                break
            best = max(spanning, key=lambda s: (s.end, -s.start))
            paid += best.work
            for j in range(i, len(segs)):
                if segs[j].start >= best.end:
                    break
                covered[j] += 1
    return paid, missing
