"""Property test: on generated instances that are feasible by construction (nobody has to
work, shortages are reported, no pins), the solver's roster always passes the checker and its
recomputed penalties equal the objective."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roster_solver.check import check_roster
from roster_solver.domain import Absence
from roster_solver.engine.solve import solve
from tests.factories import START, demand, make_problem, person, shift, wish

SHIFT_TIMES = [
    ("06:00", "14:00"),
    ("07:00", "15:00"),
    ("09:00", "17:00"),
    ("14:00", "22:00"),
    ("15:00", "23:00"),
    ("17:00", "01:00"),
    ("22:00", "06:00"),
    ("23:00", "07:00"),
]
WINDOWS = [
    ("07:00", "10:00"),
    ("08:00", "12:00"),
    ("12:00", "18:00"),
    ("18:00", "23:00"),
    ("22:00", "02:00"),
    ("00:00", "06:00"),
]
DAYS = ["all", "weekdays", "weekend", "mon", "fri,sat", "sun"]


@st.composite
def instances(draw):
    n_shifts = draw(st.integers(2, 4))
    times = draw(st.lists(st.sampled_from(SHIFT_TIMES), min_size=n_shifts, max_size=n_shifts, unique=True))
    shifts = tuple(shift(f"S{i}", a, b) for i, (a, b) in enumerate(times))
    areas = ("CEN", "NRD")[: draw(st.integers(1, 2))]
    n_people = draw(st.integers(2, 6))
    staff = []
    for i in range(n_people):
        staff.append(
            person(
                f"p{i}",
                area=draw(st.sampled_from(areas)),
                hours=draw(st.sampled_from([16, 24, 32, 36])),
                no_nights=draw(st.booleans()),
                areas=tuple(areas) if draw(st.booleans()) else (),
                max_consecutive_days=draw(st.sampled_from([None, 3, 5])),
                skills=frozenset({"dog"}) if draw(st.booleans()) else frozenset(),
            )
        )
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        a, b = draw(st.sampled_from(WINDOWS))
        lo = draw(st.integers(0, 2))
        rows.append(
            demand(
                draw(st.sampled_from((*areas, "*"))),
                draw(st.sampled_from(DAYS)),
                a,
                b,
                min=lo,
                target=lo + draw(st.integers(0, 2)),
                skill=draw(st.sampled_from([None, None, "dog"])),
            )
        )
    absences = []
    for p in staff:
        if draw(st.booleans()):
            first = START + timedelta(days=draw(st.integers(0, 12)))
            absences.append(
                Absence(staff=p.id, start_date=first, end_date=first + timedelta(days=1), type="leave")
            )
    wishes = []
    for p in staff:
        kind = draw(st.sampled_from([None, "prefer", "avoid", "never"]))
        if kind:
            # "never off" means "must work": not feasible by construction, so never drawn.
            options = [None, shifts[0].code] if kind == "never" else [None, "off", shifts[0].code]
            shift_code = draw(st.sampled_from(options))
            wishes.append(wish(p.id, draw(st.sampled_from(DAYS)), kind, shift=shift_code))
    return make_problem(
        staff=tuple(staff),
        shifts=shifts,
        areas=areas,
        demand=tuple(rows),
        absences=tuple(absences),
        wishes=tuple(wishes),
        weeks=2,
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_solver_rosters_always_pass_the_checker(problem) -> None:
    result = solve(problem, time_limit=4, workers=2, seed=0)
    assert result.status.has_roster, result.status
    report = check_roster(problem, result.roster)
    assert report.violations == []
    assert report.total_cost == result.objective
    for fam, cost in report.cost_by_family().items():
        assert cost == result.family_costs.get(fam, 0), fam
